// The HTTP contract as an OpenAPI 3.1 document, generated from the route table (and through it from
// the kernel descriptions): paths, parameters, request bodies, answers and every error. Served at
// GET /api/openapi.json by every adapter; nothing here is kept by hand beside the code it describes.
import { inputToJson, type JsonSchema, type Param } from '../core/index.ts';
import { ERROR_STATUS, type ErrorCode } from './errors.ts';
import { ENGINE_COOKIE } from './limits.ts';
import type { Route } from './routes.ts';
import { JSON_CONTENT_TYPE } from './types.ts';

const BINARY_CONTENT_TYPE = 'application/octet-stream';

/** The contract's version: its major number changes when a client would have to. */
export const CONTRACT_VERSION = '1.0.0';

const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { enum: Object.keys(ERROR_STATUS) }, message: { type: 'string' } },
      required: ['code', 'message'],
      additionalProperties: false,
    },
  },
  required: ['error'],
  additionalProperties: false,
} as const;

/** One reusable response per error status, naming the codes answered with it. */
function errorResponses(): Record<string, object> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const [code, status] of Object.entries(ERROR_STATUS) as Array<[ErrorCode, number]>) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: `error: ${codes.join(', ')}`,
        content: { [JSON_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Error' } } },
        ...(status === ERROR_STATUS.overloaded ? { headers: { 'retry-after': { description: 'seconds before a retry', schema: { type: 'integer' } } } } : {}),
        ...(status === ERROR_STATUS.method_not_allowed ? { headers: { allow: { description: "the route's methods", schema: { type: 'string' } } } } : {}),
      },
    ]),
  );
}

/** The error statuses a route can answer: every route the generic ones, a body's route the body's, a kernel its own. */
function errorStatuses({ kernel }: Route, method: string): number[] {
  const codes: ErrorCode[] = ['invalid_parameter', 'method_not_allowed', 'internal_error'];
  if (method !== 'GET') codes.push('payload_too_large', 'unsupported_media_type');
  if (kernel) codes.push('kernel_fault', ...(kernel.budgeted ? (['budget_exceeded'] as const) : []), ...(kernel.pool ? (['overloaded'] as const) : []));
  return [...new Set(codes.map((code) => ERROR_STATUS[code]))].sort();
}

function withDoc({ schema, doc }: Param): JsonSchema {
  return { ...schema, description: doc };
}

/** A parameter is required in a query when it is required, or the only one of its oneOf group a query can carry. */
function requiredInQuery(route: Route, name: string): boolean {
  const textual = route.oneOf?.filter((member) => route.params[member]?.fromText);
  return route.params[name]!.required || (textual?.length === 1 && textual[0] === name);
}

/** The kernel's example as a request carries it. */
function exampleOf(route: Route): Record<string, unknown> | undefined {
  return route.kernel ? inputToJson(route.kernel, route.kernel.example) : undefined;
}

function queryParameters(route: Route): object[] {
  const example = exampleOf(route) ?? {};
  return Object.entries(route.params)
    .filter(([, param]) => param.fromText)
    .map(([name, param]) => ({
      name,
      in: 'query',
      required: requiredInQuery(route, name),
      description: param.doc,
      schema: param.schema,
      ...(name in example ? { example: example[name] } : {}),
    }));
}

function requestBody(route: Route): object {
  const names = Object.keys(route.params);
  const schema: Record<string, unknown> = {
    type: 'object',
    properties: Object.fromEntries(Object.entries(route.params).map(([name, param]) => [name, withDoc(param)])),
    required: names.filter((name) => route.params[name]!.required),
    additionalProperties: false,
  };
  if (route.oneOf) schema['oneOf'] = route.oneOf.map((name) => ({ required: [name] }));
  const binary = route.kernel?.binaryBody;
  const content: Record<string, object> = { [JSON_CONTENT_TYPE]: { schema, ...(route.kernel ? { example: exampleOf(route) } : {}) } };
  if (binary) content[BINARY_CONTENT_TYPE] = { schema: { type: 'string', contentMediaType: BINARY_CONTENT_TYPE } };
  return {
    required: names.length > 0,
    description:
      `JSON, at most ${route.maxBodyBytes} bytes; a name may be given in the query or the body, not both` +
      (binary ? `; or ${BINARY_CONTENT_TYPE}: ${binary.layout} (engine and budget in the query)` : ''),
    content,
  };
}

function operationId(route: Route, method: string): string {
  const name = route.path.replace(/^\/api\//, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase());
  return `${method.toLowerCase()}${name[0]!.toUpperCase()}${name.slice(1)}`;
}

function operation(route: Route, method: string): object {
  const isKernel = route.kernel !== undefined;
  const parameters: object[] = method === 'GET' ? queryParameters(route) : [];
  if (isKernel) {
    parameters.push({
      name: ENGINE_COOKIE,
      in: 'cookie',
      required: false,
      description: 'the engine set by PUT /api/engine, used when a request names none',
      schema: route.params['engine']!.schema,
    });
  }
  const ok = {
    description: 'the answer',
    content: { [JSON_CONTENT_TYPE]: { schema: route.answer } },
    ...(isKernel
      ? { headers: { 'server-timing': { description: 'kernel;dur=<ms>;desc="<engine>": the time spent in the kernel', schema: { type: 'string' } } } }
      : {}),
  };
  return {
    operationId: operationId(route, method),
    summary: route.summary,
    ...(parameters.length ? { parameters } : {}),
    ...(method !== 'GET' ? { requestBody: requestBody(route) } : {}),
    responses: {
      '200': ok,
      ...Object.fromEntries(errorStatuses(route, method).map((status) => [String(status), { $ref: `#/components/responses/${status}` }])),
    },
  };
}

/** The OpenAPI 3.1 document of these routes. */
export function openApiDocument(routes: readonly Route[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    for (const method of route.methods) (paths[route.path] ??= {})[method.toLowerCase()] = operation(route, method);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'polyfn',
      version: CONTRACT_VERSION,
      description: 'One WebAssembly compute core behind one HTTP contract, on every platform. Every error is a JSON body {"error":{"code","message"}}.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths,
    components: { schemas: { Error: ERROR_SCHEMA }, responses: errorResponses() },
  };
}

/**
 * The same document in OpenAPI 3.0.3, for the tools that import 3.0 and not 3.1 (API Gateway's REST
 * and HTTP API import; Azure API Management imports 3.1 only partly). Only what 3.0 spells
 * differently changes: the version, the license's SPDX `identifier` (3.0 has none), and in schemas
 * a `null` alternative (3.0's `nullable`), `const` (a one-value `enum`), numeric exclusive bounds
 * (3.0's boolean flags), `examples` (3.0's single `example`) and an empty `required` (3.0 wants one name).
 */
export function openApi30(document: object): object {
  const { info, paths, components, ...rest } = document as OpenApiDocument;
  const { identifier: _spdx, ...license } = info.license ?? {};
  return {
    ...rest,
    openapi: '3.0.3',
    info: { ...info, ...(info.license ? { license } : {}) },
    paths: mapValues(paths, (methods) => mapValues(methods, operation30)),
    components: {
      ...components,
      schemas: mapValues(components.schemas ?? {}, schema30),
      responses: mapValues(components.responses ?? {}, response30),
    },
  };
}

interface OpenApiDocument {
  info: { license?: { identifier?: string } };
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas?: Record<string, SchemaObject>; responses?: Record<string, ResponseObject> };
}
type SchemaObject = Record<string, unknown>;
interface MediaTypes {
  content?: Record<string, { schema?: SchemaObject }>;
}
interface ResponseObject extends MediaTypes {
  $ref?: string;
  headers?: Record<string, { schema?: SchemaObject }>;
}
interface OperationObject {
  parameters?: Array<{ schema?: SchemaObject }>;
  requestBody?: MediaTypes;
  responses: Record<string, ResponseObject>;
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

function withSchema<T extends { schema?: SchemaObject }>(holder: T): T {
  return holder.schema ? { ...holder, schema: schema30(holder.schema) } : holder;
}

function media30<T extends MediaTypes>(holder: T): T {
  return holder.content ? { ...holder, content: mapValues(holder.content, withSchema) } : holder;
}

function response30(response: ResponseObject): ResponseObject {
  const converted = media30(response);
  return converted.headers ? { ...converted, headers: mapValues(converted.headers, withSchema) } : converted;
}

function operation30(operation: OperationObject): OperationObject {
  return {
    ...operation,
    ...(operation.parameters ? { parameters: operation.parameters.map(withSchema) } : {}),
    ...(operation.requestBody ? { requestBody: media30(operation.requestBody) } : {}),
    responses: mapValues(operation.responses, response30),
  };
}

const isNull = (schema: unknown): boolean => (schema as SchemaObject | undefined)?.['type'] === 'null';

/** One JSON Schema (2020-12, as 3.1 has it) as 3.0's Schema Object, its subschemas included. */
function schema30(schema: SchemaObject): SchemaObject {
  const out: SchemaObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'properties') out[keyword] = mapValues(value as Record<string, SchemaObject>, schema30);
    else if (keyword === 'items' || (keyword === 'additionalProperties' && typeof value === 'object')) out[keyword] = schema30(value as SchemaObject);
    else if (keyword === 'anyOf' || keyword === 'oneOf' || keyword === 'allOf') {
      const members = value as SchemaObject[];
      // [A, B, {type: 'null'}] -> [A, B], each nullable: 3.0's nullable takes effect beside a type only.
      const nullable = keyword !== 'allOf' && members.some(isNull);
      out[keyword] = members.filter((member) => !nullable || !isNull(member)).map((member) => schema30(nullable ? { ...member, nullable: true } : member));
    } else if (keyword === 'type' && Array.isArray(value)) {
      const types = value.filter((type) => type !== 'null');
      if (types.length !== 1) throw new Error(`OpenAPI 3.0 has no schema for type ${JSON.stringify(value)}`);
      out['type'] = types[0];
      if (types.length < value.length) out['nullable'] = true;
    } else if (keyword === 'required' && Array.isArray(value) && value.length === 0)
      continue; // 3.0: at least one name
    else if (keyword === 'const') out['enum'] = [value];
    else if ((keyword === 'exclusiveMinimum' || keyword === 'exclusiveMaximum') && typeof value === 'number') {
      out[keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum'] = value;
      out[keyword] = true;
    } else if (keyword === 'examples' && Array.isArray(value)) out['example'] = value[0];
    // 3.1 names a binary body's media type; 3.0 says the same with format: binary.
    else if (keyword === 'contentMediaType') out['format'] = 'binary';
    else out[keyword] = value;
  }
  return out;
}
