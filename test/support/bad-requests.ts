// Bad requests for property-based tests (fast-check): each is a valid request of some route with
// exactly one thing wrong, so the error code it must earn is known. Requests are conformance-case
// requests (test/conformance/cases.ts), so every adapter's fixtures turn them into its envelope.
//
// Every kernel's route is fuzzed from its description (describedFaults below): its example is the
// valid body, each parameter's JSON Schema says which values its reader must refuse, values the
// schema allows are tried against the kernel's own checks (the core is the oracle: the contract
// must answer what the core decides), and a kernel that reads a binary body gets bytes. The
// palindromes and circle arbitraries add what a description cannot say (query text, ranges).
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import type { CaseRequest } from '../conformance/cases.ts';
import { toErrorResponse, type ErrorCode } from '../../src/contract/errors.ts';
import { MAX_BODY_BYTES, MAX_HEADER_BYTES, MAX_HEADERS } from '../../src/contract/limits.ts';
import {
  allParams,
  DEFAULT_BUDGET,
  FACTOR_MAX,
  inputToJson,
  KERNELS,
  MAX_RADII,
  PolyfnError,
  prepareCall,
  RADIUS_MAX,
  type AnyKernel,
  type JsonSchema,
  type Param,
} from '../../src/index.ts';
import { ROUTE_PATHS, routes } from '../../src/contract/routes.ts';

export interface BadRequest {
  /** The kind of fault, for failure messages. */
  what: string;
  request: CaseRequest;
  code: ErrorCode;
}

/** What an envelope carries besides method, path, query, headers and a JSON body. */
export interface EnvelopeAbilities {
  /** A repeated query name reaches the function (ALB without multi-value headers keeps the last one). */
  repeatedQuery: boolean;
  /** The body travels base64-encoded with a flag, which may lie. */
  base64: boolean;
  /** The adapter's own node:http server parses the request head, so an oversize head is its to refuse. */
  head: boolean;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Every parameter a route path takes, whatever the method. */
function fieldsOf(path: string): string[] {
  return routes.filter((r) => r.path === path).flatMap((r) => Object.keys(r.params));
}

const range = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 500 })).map(([min, width]) => ({ min, max: min + width }));
const radius = fc.integer({ min: 0, max: 1000 });
const engine = fc.constantFrom('wasm', 'js');

function post(path: string, body: unknown, query?: Record<string, string[]>): CaseRequest {
  return { method: 'POST', path, headers: JSON_HEADERS, body: typeof body === 'string' ? body : JSON.stringify(body), ...(query ? { query } : {}) };
}

function get(path: string, query: Record<string, string>): CaseRequest {
  return { method: 'GET', path, query: Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]])) };
}

/** The kernels whose route takes a JSON body: every one, by its description. */
const BODY_KERNELS = KERNELS.filter((kernel) => routes.some((r) => r.kernel === kernel && r.methods.includes('POST')));

/** A kernel's example as the JSON body of its route. */
const exampleBody = (kernel: AnyKernel) => inputToJson(kernel, kernel.example);

/** A valid JSON body for a route that takes one. */
const validBody = fc.oneof(
  range.map((r) => ({ path: '/api/palindromes', body: r as Record<string, unknown> })),
  radius.map((r) => ({ path: '/api/circle', body: { radius: r } as Record<string, unknown> })),
  fc.array(radius, { minLength: 1, maxLength: 5 }).map((radii) => ({ path: '/api/circle', body: { radii } as Record<string, unknown> })),
  engine.map((e) => ({ path: '/api/engine', body: { engine: e } as Record<string, unknown> })),
  fc.constantFrom(...BODY_KERNELS).map((kernel) => ({ path: `/api/${kernel.name}`, body: exampleBody(kernel) })),
);

/** A request with a JSON body, in the method that route takes one with. */
function withBody(path: string, body: string): CaseRequest {
  return { ...post(path, body), method: path === '/api/engine' ? 'PUT' : 'POST' };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\uFEFF/, '')); // the decoder drops a leading BOM
    return true;
  } catch {
    return false;
  }
}

/** A bad request: what is wrong with it, the request, and the error code it earns. */
function bad(what: string, request: CaseRequest, code: ErrorCode): BadRequest {
  return { what, request, code };
}

const malformedJson: fc.Arbitrary<BadRequest> = fc.oneof(
  validBody.chain(({ path, body }) => {
    const text = JSON.stringify(body);
    return fc.integer({ min: 1, max: text.length - 1 }).map((cut) => bad('truncated JSON', withBody(path, text.slice(0, cut)), 'invalid_json'));
  }),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
    .filter((text) => !isJson(text))
    .map((text) => bad('not JSON', post('/api/palindromes', text), 'invalid_json')),
  fc
    .oneof(fc.integer(), fc.string(), fc.array(fc.integer()), fc.constant(null), fc.boolean())
    .map((value) => bad('JSON that is not an object', post('/api/circle', JSON.stringify(value)), 'invalid_json')),
  fc
    .constantFrom('NaN', 'Infinity', '-Infinity', 'undefined', '0x10', '01', '.5', "'5'")
    .map((literal) => bad('a number literal JSON does not have', post('/api/palindromes', `{"min":${literal},"max":99}`), 'invalid_json')),
  fc
    .integer({ min: 1, max: 100_000 })
    .map((depth) => bad('deeply nested, never closed', post('/api/palindromes', `{"min":${'['.repeat(depth)}`), 'invalid_json')),
);

/** Nesting as deep as fits in a body under the limit: JSON.parse must not fall over, and validation names the field. */
const deeplyNested: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }).map((depth) => {
    const body = `{"min":${'['.repeat(depth)}${']'.repeat(depth)},"max":99}`;
    return bad('deeply nested arrays as a value', post('/api/palindromes', body), 'invalid_parameter');
  }),
  fc.integer({ min: 1, max: 30_000 }).map((depth) => {
    const body = `{"radius":${'{"r":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    return bad('deeply nested objects as a value', post('/api/circle', body), 'invalid_parameter');
  }),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => {
    const body = `{"radius":1,"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    return bad('deeply nested unknown field', post('/api/circle', body), 'unknown_parameter');
  }),
);

/** JSON values of the wrong type for a number field (strings include numbers written as strings). */
const notANumber = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);
const notAnInteger = fc.oneof(
  notANumber,
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
);
const unknownEngine = fc.oneof(
  fc.string().filter((s) => s !== 'wasm' && s !== 'js'),
  fc.constantFrom('WASM', 'Js', ' js'),
  fc.integer(),
  fc.constant(null),
);

const wrongTypes: fc.Arbitrary<BadRequest> = fc.oneof(
  unknownEngine.map((value) => bad('an unknown engine', withBody('/api/engine', JSON.stringify({ engine: value })), 'invalid_parameter')),
  fc
    .tuple(range, fc.integer({ min: 1, max: 999 }).map(String))
    .map(([r, text]) => bad('a number sent as a string', post('/api/palindromes', { ...r, max: text }), 'invalid_parameter')),
  radius.map((r) => bad('a radius sent as a string', post('/api/circle', { radius: String(r) }), 'invalid_parameter')),
  notAnInteger.map((value) => bad('a factor of the wrong JSON type', post('/api/palindromes', { min: 10, max: value }), 'invalid_parameter')),
  notANumber.map((value) => bad('a radius of the wrong JSON type', post('/api/circle', { radius: value }), 'invalid_parameter')),
);

/** Integers outside [FACTOR_MIN, FACTOR_MAX]. */
const outOfDomain = fc.oneof(
  fc.integer({ min: -1e12, max: 0 }),
  fc.integer({ min: FACTOR_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(-0, 1e300, -1e300),
);
/** Query text that is not an integer in the domain: the strict grammar refuses it, or the core does. */
const badIntegerText = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    'inf',
    '1e3',
    '1.5',
    '1.0',
    '0x10',
    '+5',
    ' 5',
    '5 ',
    '',
    '1_000',
    '١٢',
    '-0',
    '0',
    '99999999999999999999999',
  ),
  fc
    .double({ noNaN: true })
    .filter((x) => !Number.isInteger(x))
    .map(String),
  outOfDomain.filter((x) => x > -1e300 && x < 1e300).map(String),
);
const badRadiusText = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '-1', '-0.5', '1e999', '2e153', '', 'abc', '0x1', '1,5', '1e'),
  fc.double({ min: RADIUS_MAX, noNaN: true, minExcluded: true }).map(String),
  fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }).map(String),
);
const badBudgetText = fc.oneof(fc.constantFrom('0', '-1', '1.5', '1e3', ''), fc.integer({ min: DEFAULT_BUDGET + 1 }).map(String));

function rangeQuery(r: { min: number; max: number }, extra: Record<string, string> = {}): Record<string, string> {
  return { min: String(r.min), max: String(r.max), ...extra };
}

const badNumbers: fc.Arbitrary<BadRequest> = fc.oneof(
  fc
    .tuple(range, fc.constantFrom('min', 'max'), badIntegerText)
    .map(([r, field, text]) =>
      bad(`${field}=${JSON.stringify(text)} in the query`, get('/api/palindromes', rangeQuery(r, { [field]: text })), 'invalid_parameter'),
    ),
  fc
    .tuple(range, fc.constantFrom('min', 'max'), outOfDomain)
    .map(([r, field, value]) => bad(`${field}=${value} in the body`, post('/api/palindromes', { ...r, [field]: value }), 'invalid_parameter')),
  fc.tuple(range, fc.constantFrom('min', 'max')).map(([r, field]) => {
    const body = `{"min":${field === 'min' ? '1e400' : r.min},"max":${field === 'max' ? '-1e400' : r.max}}`;
    return bad(`${field} past the double range`, post('/api/palindromes', body), 'invalid_parameter');
  }),
  range.filter((r) => r.min < r.max).map((r) => bad('min > max', get('/api/palindromes', rangeQuery({ min: r.max, max: r.min })), 'invalid_parameter')),
  badRadiusText.map((text) => bad(`radius=${JSON.stringify(text)} in the query`, get('/api/circle', { radius: text }), 'invalid_parameter')),
  fc
    .constantFrom('-1', '1e400', '2e153', '-1e-300')
    .map((literal) => bad(`radius ${literal} in the body`, post('/api/circle', `{"radius":${literal}}`), 'invalid_parameter')),
  fc.tuple(range, badBudgetText).map(([r, text]) => bad(`budget=${text}`, get('/api/palindromes', rangeQuery(r, { budget: text })), 'invalid_parameter')),
  fc
    .oneof(fc.constant(0), fc.integer({ min: DEFAULT_BUDGET + 1 }))
    .map((budget) => bad(`budget ${budget} in the body`, post('/api/palindromes', { min: 10, max: 99, budget }), 'invalid_parameter')),
  fc.constant(bad('an empty batch', post('/api/circle', { radii: [] }), 'invalid_parameter')),
  fc
    .integer({ min: MAX_RADII + 1, max: MAX_RADII + 100 })
    .map((n) => bad('a batch over MAX_RADII', post('/api/circle', { radii: new Array<number>(n).fill(1) }), 'invalid_parameter')),
  fc.tuple(radius, radius).map(([a, b]) => bad('radius and radii together', post('/api/circle', { radius: a, radii: [b] }), 'invalid_parameter')),
);

// ---- From the kernel descriptions ----------------------------------------------------------------

const ajv = new Ajv2020({ strict: false });
const schemaCheck = new Map<JsonSchema, (value: unknown) => boolean>();

/** Whether `value` is one the schema allows (ajv, compiled once per schema). */
function allows(schema: JsonSchema, value: unknown): boolean {
  let check = schemaCheck.get(schema);
  if (!check) schemaCheck.set(schema, (check = ajv.compile(schema) as (value: unknown) => boolean));
  return check(value);
}

/** JSON values a reader must refuse: anything its schema does not allow (a valid value written as a string among them). */
function refusedBy(param: Param, valid: unknown): fc.Arbitrary<unknown> {
  return fc
    .oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(JSON.stringify(valid)), fc.constant(null), fc.double(), fc.constant([valid]))
    .map((value) => JSON.parse(JSON.stringify(value) ?? 'null') as unknown)
    .filter((value) => !allows(param.schema, value));
}

/** Values the schema allows (the subset of JSON Schema the readers use), edges of each type included. */
function allowedBy(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  switch (schema['type']) {
    case 'integer':
      return fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER));
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e300, -1e300, 1e-300));
    case 'array': {
      const min = (schema['minItems'] as number | undefined) ?? 0;
      const max = Math.min((schema['maxItems'] as number | undefined) ?? Infinity, min + 6);
      return fc.array(allowedBy(schema['items'] as JsonSchema), { minLength: min, maxLength: max });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** The code the contract answers for what `decide` throws (a core error), or undefined when it throws nothing. */
function codeOf(decide: () => void): ErrorCode | undefined {
  try {
    decide();
    return undefined;
  } catch (error) {
    if (error instanceof PolyfnError) return toErrorResponse(error).meta.error as ErrorCode;
    throw error;
  }
}

/** What the core decides about a JSON body: the code it earns, or undefined when it is valid. */
function verdict(kernel: AnyKernel, json: Record<string, unknown>): ErrorCode | undefined {
  const params = kernel.params as Record<string, Param>;
  return codeOf(() => prepareCall(kernel, Object.fromEntries(Object.entries(json).map(([name, value]) => [name, params[name]!.fromJson(value, name)]))));
}

/** Little-endian float64 values as bytes. */
function float64Bytes(values: readonly number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(8 * values.length));
  values.forEach((value, i) => {
    view.setFloat64(8 * i, value, true);
  });
  return new Uint8Array(view.buffer);
}

function binaryPost(kernel: AnyKernel, body: Uint8Array): CaseRequest {
  return { method: 'POST', path: `/api/${kernel.name}`, headers: { 'content-type': 'application/octet-stream' }, body };
}

/** The code a binary body earns, as the core decides it (the layout, then the kernel's checks). */
function binaryVerdict(kernel: AnyKernel, values: Float64Array): ErrorCode | undefined {
  return codeOf(() => prepareCall(kernel, kernel.binaryBody!.read(values)));
}

/** Doubles of every kind a binary body can hold: NaN, infinities, huge, tiny, integers (vertex counts). */
const anyDouble = fc.oneof(fc.double(), fc.integer({ min: -2, max: 12 }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e101, 3, 4));

/** Bad requests of every kernel's route, from its description. */
const describedFaults: fc.Arbitrary<BadRequest> = fc.oneof(
  // A value of the wrong type or shape for its parameter's reader.
  fc.constantFrom(...BODY_KERNELS).chain((kernel) => {
    const params = Object.entries(allParams(kernel));
    return fc
      .constantFrom(...params)
      .chain(([name, param]) =>
        refusedBy(param, exampleBody(kernel)[name] ?? 1).map((value) =>
          bad(
            `${kernel.name}: ${name} of the wrong type (${JSON.stringify(value)?.slice(0, 40)})`,
            post(`/api/${kernel.name}`, { ...exampleBody(kernel), [name]: value }),
            'invalid_parameter',
          ),
        ),
      );
  }),
  // A value of the right type that the kernel's domain refuses (engine and budget: the contract's, above).
  fc
    .constantFrom(...BODY_KERNELS)
    .chain((kernel) =>
      fc.constantFrom(...Object.entries(kernel.params as Record<string, Param>)).chain(([name, param]) =>
        // As the body will carry it: through JSON text.
        allowedBy(param.schema).map((value) => ({
          kernel,
          body: JSON.parse(JSON.stringify({ ...exampleBody(kernel), [name]: value })) as Record<string, unknown>,
          name,
        })),
      ),
    )
    .map(({ kernel, body, name }) => ({ kernel, body, name, code: verdict(kernel, body) }))
    .filter(({ code }) => code !== undefined)
    .map(({ kernel, body, name, code }) =>
      bad(`${kernel.name}: ${name} outside the domain (${JSON.stringify(body[name]).slice(0, 40)})`, post(`/api/${kernel.name}`, body), code!),
    ),
  // A required parameter left out.
  fc
    .constantFrom(
      ...BODY_KERNELS.flatMap((kernel) =>
        Object.entries(kernel.params as Record<string, Param>)
          .filter(([, p]) => p.required)
          .map(([name]) => ({ kernel, name })),
      ),
    )
    .map(({ kernel, name }) => {
      const { [name]: _left, ...body } = exampleBody(kernel);
      return bad(`${kernel.name} without ${name}`, post(`/api/${kernel.name}`, body), 'missing_parameter');
    }),
  // Binary bodies: bytes that are not whole float64 values, and float64 values in any layout.
  fc.constantFrom(...KERNELS.filter((kernel) => kernel.binaryBody)).chain((kernel) =>
    fc.oneof(
      fc
        .uint8Array({ minLength: 1, maxLength: 200 })
        .filter((bytes) => bytes.length % 8 !== 0)
        .map((bytes) => bad(`${kernel.name}: ${bytes.length} binary bytes`, binaryPost(kernel, bytes), 'invalid_parameter')),
      fc
        .array(anyDouble, { minLength: 1, maxLength: 30 })
        .map((values) => ({ values, code: binaryVerdict(kernel, Float64Array.from(values)) }))
        .filter(({ code }) => code !== undefined)
        .map(({ values, code }) =>
          bad(`${kernel.name}: binary values ${JSON.stringify(values).slice(0, 60)}`, binaryPost(kernel, float64Bytes(values)), code!),
        ),
    ),
  ),
);

// Names that are not a field of the route. Query names avoid Object.prototype's (the fixtures build
// query maps on plain objects); JSON bodies also try __proto__ and friends.
const queryName = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/).filter((name) => !(name in {}));
const bodyName = fc.oneof(queryName, fc.constantFrom('__proto__', 'constructor', 'toString', 'MIN', 'min ', 'radios', ''));
const NO_PARAMETER: CaseRequest[] = [
  post('/api/circle', {}),
  post('/api/circle', { engine: 'js' }),
  { method: 'PUT', path: '/api/engine' },
  { method: 'POST', path: '/api/palindromes' },
];

const missingOrUnknown: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.tuple(range, fc.constantFrom('min', 'max')).map(([r, field]) => {
    const query: Record<string, string> = field === 'min' ? { max: String(r.max) } : { min: String(r.min) };
    return bad(`no ${field}`, get('/api/palindromes', query), 'missing_parameter');
  }),
  fc.constantFrom(...NO_PARAMETER).map((request) => bad('no required parameter', request, 'missing_parameter')),
  fc
    .tuple(queryName, fc.string({ maxLength: 8 }))
    .map(([name, value]) => bad(`hello takes no ${name}`, get('/api/hello', { [name]: value }), 'unknown_parameter')),
  fc
    .tuple(
      range,
      queryName.filter((name) => !fieldsOf('/api/palindromes').includes(name)),
    )
    .map(([r, name]) => bad(`unknown query parameter ${name}`, get('/api/palindromes', rangeQuery(r, { [name]: '1' })), 'unknown_parameter')),
  fc
    .tuple(validBody, bodyName, fc.jsonValue({ maxDepth: 2 }))
    .filter(([{ path }, name]) => !fieldsOf(path).includes(name))
    // A computed key makes even __proto__ an own property, so JSON.stringify writes it.
    .map(([{ path, body }, name, value]) =>
      bad(`unknown body field ${JSON.stringify(name)}`, withBody(path, JSON.stringify({ ...body, [name]: value })), 'unknown_parameter'),
    ),
);

/** A member of a JSON body written with every character as a \u escape: the same key to JSON.parse. */
function escapedMember(name: string, value: unknown): string {
  return `"${[...name].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}":${JSON.stringify(value)}`;
}

const duplicates = (abilities: EnvelopeAbilities): fc.Arbitrary<BadRequest> => {
  const inBoth = range.map((r) => bad('min in the query and the body', post('/api/palindromes', r, { min: [String(r.min)] }), 'duplicate_parameter'));
  const inBody = fc.tuple(range, fc.constantFrom('min', 'max'), fc.boolean()).map(([r, field, escaped]) => {
    const again = escaped ? escapedMember(field, r[field]) : `"${field}":${r[field]}`;
    return bad(
      `${field} twice in the body${escaped ? ', once escaped' : ''}`,
      post('/api/palindromes', `{"min":${r.min},"max":${r.max},${again}}`),
      'duplicate_parameter',
    );
  });
  if (!abilities.repeatedQuery) return fc.oneof(inBoth, inBody);
  const repeated = fc.tuple(range, fc.constantFrom('min', 'max', 'engine'), fc.integer({ min: 2, max: 4 })).map(([r, field, times]) => {
    const query: Record<string, string[]> = { min: [String(r.min)], max: [String(r.max)], engine: ['wasm'] };
    query[field] = new Array<string>(times).fill(query[field]![0]!);
    return bad(`${field} repeated ${times} times`, { method: 'GET', path: '/api/palindromes', query }, 'duplicate_parameter');
  });
  return fc.oneof(inBoth, inBody, repeated);
};

/** Text that the strict base64 reading refuses: a stray character, or a length that is not a multiple of 4. */
const invalidBase64: fc.Arbitrary<BadRequest> = fc
  .tuple(validBody, fc.constantFrom('!', '*', '%', '$', '-', '_', '.', ' ', '\n', '='), fc.nat(), fc.boolean())
  .map(([{ path, body }, stray, at, replace]) => {
    const encoded = Buffer.from(JSON.stringify(body)).toString('base64');
    const i = at % encoded.length;
    const text = encoded.slice(0, i) + stray + encoded.slice(replace && stray !== '=' ? i + 1 : i);
    return bad(`invalid base64 ${JSON.stringify(text)}`, { ...withBody(path, ''), body: undefined, rawBase64: text }, 'invalid_envelope');
  });

const NOT_JSON_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=polyfn',
  'application/octet-stream',
  'text/html',
  'application/xml',
  'image/png',
  'application/jsonx',
  'application/json; charset=latin1',
  'text/plain; charset=utf-16',
];

/** Routes that read a binary body: application/octet-stream is not a wrong type there. */
const BINARY_PATHS = KERNELS.filter((kernel) => kernel.binaryBody).map((kernel) => `/api/${kernel.name}`);

const wrongContentType: fc.Arbitrary<BadRequest> = fc
  .tuple(validBody, fc.constantFrom(...NOT_JSON_TYPES))
  .filter(([{ path }, type]) => !(type === 'application/octet-stream' && BINARY_PATHS.includes(path)))
  .map(([{ path, body }, type]) => {
    const request = { ...withBody(path, JSON.stringify(body)), headers: { 'content-type': type } };
    return bad(`content-type ${type}`, request, 'unsupported_media_type');
  });

/** A JSON object padded with spaces to `bytes` in all. */
function paddedBody(bytes: number): string {
  const start = '{"radius":1';
  return `${start}${' '.repeat(bytes - start.length - 1)}}`;
}

const oversizeBody: fc.Arbitrary<BadRequest> = fc
  .integer({ min: 1, max: 4096 })
  .map((over) => bad(`a body ${over} bytes over the limit`, post('/api/circle', paddedBody(MAX_BODY_BYTES + over)), 'payload_too_large'));

const oversizeHead: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.integer({ min: 1, max: 4096 }).map((over) => {
    const request = { method: 'GET', path: '/api/hello', headers: { 'x-padding': 'a'.repeat(MAX_HEADER_BYTES + over) } };
    return bad(`a header ${over} bytes over the head limit`, request, 'header_too_large');
  }),
  // Short headers, far under the byte limit: the count is the limit (past it Node itself would drop them silently).
  fc.integer({ min: 1, max: 3000 }).map((over) => {
    const headers = Object.fromEntries(Array.from({ length: MAX_HEADERS + over }, (_, i) => [`x-${i}`, 'a']));
    return bad(`${MAX_HEADERS + over} short headers`, { method: 'GET', path: '/api/hello', headers }, 'header_too_large');
  }),
);

const unknownRoute: fc.Arbitrary<BadRequest> = fc
  .array(fc.stringMatching(/^[a-z0-9_-]{1,16}$/), { minLength: 1, maxLength: 3 })
  .map((segments) => `/api/${segments.join('/')}`)
  .filter((path) => !ROUTE_PATHS.includes(path))
  .map((path) => bad(`no route ${path}`, { method: 'GET', path }, 'not_found'));

// HEAD is left out: its answer has no body to read the error from.
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const WRONG_METHODS = ROUTE_PATHS.flatMap((path) => {
  const allowed = routes.filter((r) => r.path === path).flatMap((r) => r.methods);
  return METHODS.filter((method) => !allowed.includes(method)).map((method) => ({ method, path }));
});
const wrongMethod: fc.Arbitrary<BadRequest> = fc
  .constantFrom(...WRONG_METHODS)
  .map((request) => bad(`${request.method} ${request.path}`, request, 'method_not_allowed'));

/** Every kind of bad request the envelope can carry. */
export function badRequests(abilities: EnvelopeAbilities): fc.Arbitrary<BadRequest> {
  const common = [
    malformedJson,
    deeplyNested,
    wrongTypes,
    badNumbers,
    describedFaults,
    missingOrUnknown,
    duplicates(abilities),
    wrongContentType,
    unknownRoute,
    wrongMethod,
  ];
  if (abilities.base64) common.push(invalidBase64);
  // Oversize requests are slow to build and send: rarer than the rest.
  const oversize = [oversizeBody, ...(abilities.head ? [oversizeHead] : [])];
  return fc.oneof(...common.map((arbitrary) => ({ arbitrary, weight: 4 })), ...oversize.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

/** The direct-invoke operations sent as a POST with a JSON body: every kernel's. */
const DIRECT_POSTS = routes.filter((r) => r.operation && r.methods.includes('POST')).map((r) => r.path);

/**
 * A bad request as a direct invocation's parameters ({op, ...the JSON body}), when it is one: a POST
 * of a JSON object to a kernel's route with no query and a JSON content type.
 */
export function asDirectEvent({ request, code }: BadRequest): Record<string, unknown> | undefined {
  // An oversize body is still a small object once parsed, and a repeated key is gone once parsed:
  // neither fault survives the runtime's JSON.parse of the event.
  if (code === 'payload_too_large' || code === 'duplicate_parameter') return undefined;
  const op = request.path.slice('/api/'.length);
  if (request.method !== 'POST' || !DIRECT_POSTS.includes(request.path) || request.query || typeof request.body !== 'string') return undefined;
  if (request.headers?.['content-type'] !== 'application/json') return undefined;
  let parameters: unknown;
  try {
    parameters = JSON.parse(request.body);
  } catch {
    return undefined;
  }
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters) || 'op' in parameters) return undefined;
  return { op, ...parameters };
}
