// The OpenAPI document: valid OpenAPI 3.1 under a real validator, complete (every route and method of
// the contract), and true: every answer of the conformance table, success or error, matches the
// schema the document gives for that path, method and status.
import '../src/runtime/node.ts';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createFetchHandler } from '../src/contract/fetch.ts';
import { openApiDocument } from '../src/contract/openapi.ts';
import { routePath, routes } from '../src/contract/routes.ts';
import { cases } from './conformance/cases.ts';
import { throughFetch } from './support/adapters.ts';

interface Operation {
  operationId: string;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: object }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object>; responses: Record<string, { content: Record<string, { schema: object }> }> };
}

const document = openApiDocument(routes) as Document;

test('the document is valid OpenAPI 3.1', async () => {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
  assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
  assert.is(validator.version, '3.1');
});

test('every route and method of the contract is an operation, each with its own id', () => {
  const described = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
  assert.equal(described.sort(), routes.flatMap((r) => r.methods.map((method) => `${method} ${r.path}`)).sort());
  const ids = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
  assert.is(new Set(ids).size, ids.length, `operation ids repeat: ${ids}`);
});

test('every answer of the conformance table matches the schema the document gives it', async () => {
  const ajv = new Ajv2020({ strict: false });
  ajv.addSchema({ $id: 'polyfn', components: document.components }, 'polyfn');
  const send = throughFetch(createFetchHandler());
  let checked = 0;
  for (const c of cases) {
    // Documented under the path it is routed by (`//api//hello/` is /api/hello).
    const methods = document.paths[routePath(c.request.path)];
    const answer = await send(c.request);
    if (!methods) {
      assert.is(answer.status, 404, `${c.name}: a path the document lacks must be a 404`);
      continue;
    }
    // A method the path lacks answers 405, as every operation of that path documents.
    const operation = methods[c.request.method.toLowerCase()] ?? Object.values(methods)[0]!;
    if (!methods[c.request.method.toLowerCase()]) assert.is(answer.status, 405, `${c.name}: a method the document lacks must be a 405`);
    const response = operation.responses[String(answer.status)];
    assert.ok(response, `${c.name}: status ${answer.status} is not documented for ${c.request.method} ${c.request.path}`);
    const content = response!.$ref ? document.components.responses[response!.$ref.split('/').pop()!]!.content : response!.content!;
    const schema = Object.values(content)[0]!.schema;
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"polyfn#/components/')));
    assert.ok(validate(JSON.parse(answer.body)), `${c.name}: ${JSON.stringify(validate.errors)} in ${answer.body.slice(0, 300)}`);
    checked++;
  }
  assert.ok(checked >= cases.length - 2, `checked ${checked} answers`);
});

test.run();
