// The OpenAPI document: valid OpenAPI 3.1 under a real validator, complete (every route and method of
// the contract), and true: every answer of the conformance table, success or error, matches the
// schema the document gives for that path, method and status. The same holds for its OpenAPI 3.0.3
// variant, which API Gateway imports.
import '../src/runtime/node.ts';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from '../scripts/bundle.ts';
import { OPENAPI_DOCUMENTS, packageOpenApi } from '../scripts/package/openapi.ts';
import { createFetchHandler } from '../src/contract/fetch.ts';
import { openApi30, openApiDocument } from '../src/contract/openapi.ts';
import { routePath, routes } from '../src/contract/routes.ts';
import { inputToJson } from '../src/index.ts';
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
const document30 = openApi30(document) as Document;

async function validated(candidate: object): Promise<Validator> {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(candidate) as Record<string, unknown>);
  assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
  return validator;
}

test('the document is valid OpenAPI 3.1, and its variant valid OpenAPI 3.0', async () => {
  assert.is((await validated(document)).version, '3.1');
  assert.is((await validated(document30)).version, '3.0');
  assert.is(document30.openapi, '3.0.3');
  assert.equal(Object.keys(document30.paths), Object.keys(document.paths));
});

test('the 3.0 variant rewrites what 3.0 spells differently, wherever it is in a schema', async () => {
  const schema = {
    type: 'object',
    properties: {
      value: { anyOf: [{ type: 'integer', exclusiveMinimum: 0 }, { type: 'string' }, { type: 'null' }] },
      kind: { const: 'a' },
      note: { type: ['string', 'null'], examples: ['x'] },
      list: { type: 'array', items: { type: 'number', exclusiveMaximum: 1 } },
      bytes: { type: 'string', contentMediaType: 'application/octet-stream' },
    },
    required: [],
  };
  const synthetic = {
    openapi: '3.1.0',
    info: { title: 't', version: '1', license: { name: 'MIT', identifier: 'MIT' } },
    paths: {},
    components: { schemas: { S: schema } },
  };
  await validated(synthetic);
  const converted = openApi30(synthetic) as { info: object; components: { schemas: { S: object } } };
  await validated(converted);
  assert.equal(converted.info, { title: 't', version: '1', license: { name: 'MIT' } });
  assert.equal(converted.components.schemas.S, {
    type: 'object',
    properties: {
      value: {
        anyOf: [
          { type: 'integer', minimum: 0, exclusiveMinimum: true, nullable: true },
          { type: 'string', nullable: true },
        ],
      },
      kind: { enum: ['a'] },
      note: { type: 'string', nullable: true, example: 'x' },
      list: { type: 'array', items: { type: 'number', maximum: 1, exclusiveMaximum: true } },
      bytes: { type: 'string', format: 'binary' },
    },
  });
});

test('every route and method of the contract is an operation, each with its own id', () => {
  const described = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
  assert.equal(described.sort(), routes.flatMap((r) => r.methods.map((method) => `${method} ${r.path}`)).sort());
  const ids = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
  assert.is(new Set(ids).size, ids.length, `operation ids repeat: ${ids}`);
});

test("every kernel's example is a valid body of its route, as the document gives it", () => {
  const ajv = new Ajv2020({ strict: false });
  for (const route of routes.filter((r) => r.kernel && r.methods.includes('POST'))) {
    const body = (document.paths[route.path]!['post'] as unknown as { requestBody: { content: Record<string, { schema: object; example: unknown }> } })
      .requestBody;
    const { schema, example } = Object.values(body.content)[0]!;
    assert.equal(example, JSON.parse(JSON.stringify(inputToJson(route.kernel!, route.kernel!.example))), `${route.path}: the example as JSON`);
    const validate = ajv.compile(schema);
    assert.ok(validate(example), `${route.path}: ${JSON.stringify(validate.errors)}`);
  }
});

/** Every answer of the conformance table against the schema `doc` gives its path, method and status, compiled by `ajv`. */
async function assertAnswersMatch(doc: Document, ajv: Ajv | Ajv2020): Promise<void> {
  ajv.addSchema({ $id: 'polyfn', components: doc.components }, 'polyfn');
  const send = throughFetch(createFetchHandler());
  let checked = 0;
  for (const c of cases) {
    // Documented under the path it is routed by (`//api//hello/` is /api/hello).
    const methods = doc.paths[routePath(c.request.path)];
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
    const content = response!.$ref ? doc.components.responses[response!.$ref.split('/').pop()!]!.content : response!.content!;
    const schema = Object.values(content)[0]!.schema;
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"polyfn#/components/')));
    assert.ok(validate(JSON.parse(answer.body)), `${c.name}: ${JSON.stringify(validate.errors)} in ${answer.body.slice(0, 300)}`);
    checked++;
  }
  assert.ok(checked >= cases.length - 2, `checked ${checked} answers`);
}

test('every answer of the conformance table matches the schema the document gives it', () => assertAnswersMatch(document, new Ajv2020({ strict: false })));

// 3.0's Schema Object is a subset of draft-07 plus `nullable`, which Ajv implements.
test('every answer matches the schema the 3.0 variant gives it', () => assertAnswersMatch(document30, new Ajv({ strict: false })));

test('npm run package writes both documents for import: dist/openapi.json (3.1) and dist/openapi-3.0.json', async () => {
  const artifacts = await packageOpenApi();
  assert.equal(
    artifacts.map((artifact) => artifact.path),
    [OPENAPI_DOCUMENTS['3.1'], OPENAPI_DOCUMENTS['3.0']],
  );
  assert.equal(JSON.parse(await readFile(join(root, OPENAPI_DOCUMENTS['3.1']), 'utf8')), document);
  assert.equal(JSON.parse(await readFile(join(root, OPENAPI_DOCUMENTS['3.0']), 'utf8')), document30);
});

test.run();
