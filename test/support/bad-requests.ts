// Bad requests for property-based tests (fast-check): each is a valid request of some route with
// exactly one thing wrong, so the error code it must earn is known. Requests are conformance-case
// requests (test/conformance/cases.ts), so every adapter's fixtures turn them into its envelope.
import fc from 'fast-check';
import type { CaseRequest } from '../conformance/cases.ts';
import type { ErrorCode } from '../../src/http/errors.ts';
import { DEFAULT_BUDGET, FACTOR_MAX, MAX_BODY_BYTES, MAX_HEADER_BYTES, MAX_RADII, RADIUS_MAX } from '../../src/http/limits.ts';

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
const ROUTE_NAMES = ['hello', 'palindromes', 'circle', 'engine'];
const FIELDS = { palindromes: ['min', 'max', 'engine', 'budget'], circle: ['radius', 'radii', 'engine'], engine: ['engine'] };

const range = fc
  .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 500 }))
  .map(([min, width]) => ({ min, max: min + width }));
const radius = fc.integer({ min: 0, max: 1000 });
const engine = fc.constantFrom('wasm', 'js');

function post(path: string, body: unknown, query?: Record<string, string[]>): CaseRequest {
  return { method: 'POST', path, headers: JSON_HEADERS, body: typeof body === 'string' ? body : JSON.stringify(body), ...(query ? { query } : {}) };
}

function get(path: string, query: Record<string, string>): CaseRequest {
  return { method: 'GET', path, query: Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]])) };
}

/** A valid JSON body for a route that takes one. */
const validBody = fc.oneof(
  range.map((r) => ({ path: '/api/palindromes', body: r as Record<string, unknown> })),
  radius.map((r) => ({ path: '/api/circle', body: { radius: r } as Record<string, unknown> })),
  fc.array(radius, { minLength: 1, maxLength: 5 }).map((radii) => ({ path: '/api/circle', body: { radii } as Record<string, unknown> })),
  engine.map((e) => ({ path: '/api/engine', body: { engine: e } as Record<string, unknown> })),
);

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

const malformedJson: fc.Arbitrary<BadRequest> = fc.oneof(
  validBody.chain(({ path, body }) => {
    const text = JSON.stringify(body);
    return fc.integer({ min: 1, max: text.length - 1 }).map((cut) => ({ what: 'truncated JSON', request: withBody(path, text.slice(0, cut)), code: 'invalid_json' as const }));
  }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((text) => !isJson(text)).map((text) => ({ what: 'not JSON', request: post('/api/palindromes', text), code: 'invalid_json' as const })),
  fc.oneof(fc.integer(), fc.string(), fc.array(fc.integer()), fc.constant(null), fc.boolean()).map((value) => ({ what: 'JSON that is not an object', request: post('/api/circle', JSON.stringify(value)), code: 'invalid_json' as const })),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', 'undefined', '0x10', '01', '.5', "'5'").map((literal) => ({ what: 'a non-JSON number literal', request: post('/api/palindromes', `{"min":${literal},"max":99}`), code: 'invalid_json' as const })),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => ({ what: 'deeply nested, never closed', request: post('/api/palindromes', `{"min":${'['.repeat(depth)}`), code: 'invalid_json' as const })),
);

/** Nesting as deep as fits in a body under the limit: JSON.parse must not fall over, and validation names the field. */
const deeplyNested: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.integer({ min: 1, max: 100_000 }).map((depth) => ({ what: 'deeply nested arrays as a value', request: post('/api/palindromes', `{"min":${'['.repeat(depth)}${']'.repeat(depth)},"max":99}`), code: 'invalid_parameter' as const })),
  fc.integer({ min: 1, max: 30_000 }).map((depth) => ({ what: 'deeply nested objects as a value', request: post('/api/circle', `{"radius":${'{"r":'.repeat(depth)}1${'}'.repeat(depth)}}`), code: 'invalid_parameter' as const })),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => ({ what: 'deeply nested unknown field', request: post('/api/circle', `{"radius":1,"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`), code: 'unknown_parameter' as const })),
);

/** JSON values of the wrong type for a field, numbers as strings included. */
const notANumber = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);
const notAnInteger = fc.oneof(notANumber, fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)));

const wrongTypes: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.tuple(range, fc.constantFrom('min', 'max', 'budget'), notAnInteger).map(([r, field, value]) => ({ what: `${field} of the wrong type`, request: post('/api/palindromes', { ...r, [field]: value }), code: 'invalid_parameter' as const })),
  notANumber.map((value) => ({ what: 'radius of the wrong type', request: post('/api/circle', { radius: value }), code: 'invalid_parameter' as const })),
  fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 })).map((value) => ({ what: 'radii that is not an array', request: post('/api/circle', { radii: value }), code: 'invalid_parameter' as const })),
  fc.tuple(fc.array(radius, { maxLength: 4 }), notANumber).map(([radii, bad]) => ({ what: 'radii holding a non-number', request: post('/api/circle', { radii: [...radii, bad] }), code: 'invalid_parameter' as const })),
  fc.oneof(fc.string().filter((s) => s !== 'wasm' && s !== 'js'), fc.constantFrom('WASM', 'Js', ' js'), fc.integer(), fc.constant(null)).map((value) => ({ what: 'an unknown engine', request: withBody('/api/engine', JSON.stringify({ engine: value })), code: 'invalid_parameter' as const })),
  fc.tuple(range, fc.integer({ min: 1, max: 999 }).map(String)).map(([r, text]) => ({ what: 'a number sent as a string', request: post('/api/palindromes', { ...r, max: text }), code: 'invalid_parameter' as const })),
  radius.map((r) => ({ what: 'a radius sent as a string', request: post('/api/circle', { radius: String(r) }), code: 'invalid_parameter' as const })),
);

/** Integers outside [FACTOR_MIN, FACTOR_MAX], as numbers and as query text. */
const outOfDomain = fc.oneof(fc.integer({ min: -1e12, max: 0 }), fc.integer({ min: FACTOR_MAX + 1, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(-0, 1e300, -1e300));
const badIntegerText = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-Infinity', 'inf', '1e3', '1.5', '1.0', '0x10', '+5', ' 5', '5 ', '', '1_000', '١٢', '-0', '0', '99999999999999999999999'),
  fc.double({ noNaN: true }).filter((x) => !Number.isInteger(x)).map(String),
  outOfDomain.filter((x) => x > -1e300 && x < 1e300).map(String),
);
const badRadiusText = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '-1', '-0.5', '1e999', '2e153', '', 'abc', '0x1', '1,5', '1e'),
  fc.double({ min: RADIUS_MAX, noNaN: true, minExcluded: true }).map(String),
  fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }).map(String),
);

const badNumbers: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.tuple(range, fc.constantFrom('min', 'max'), badIntegerText).map(([r, field, text]) => ({ what: `${field}=${JSON.stringify(text)} in the query`, request: get('/api/palindromes', { min: String(r.min), max: String(r.max), [field]: text }), code: 'invalid_parameter' as const })),
  fc.tuple(range, fc.constantFrom('min', 'max'), outOfDomain).map(([r, field, value]) => ({ what: `${field}=${value} in the body`, request: post('/api/palindromes', { ...r, [field]: value }), code: 'invalid_parameter' as const })),
  fc.tuple(range, fc.constantFrom('min', 'max')).map(([r, field]) => ({ what: `${field} past the double range`, request: post('/api/palindromes', `{"min":${field === 'min' ? '1e400' : r.min},"max":${field === 'max' ? '-1e400' : r.max}}`), code: 'invalid_parameter' as const })),
  range.filter((r) => r.min < r.max).map((r) => ({ what: 'min > max', request: get('/api/palindromes', { min: String(r.max), max: String(r.min) }), code: 'invalid_parameter' as const })),
  badRadiusText.map((text) => ({ what: `radius=${JSON.stringify(text)} in the query`, request: get('/api/circle', { radius: text }), code: 'invalid_parameter' as const })),
  fc.constantFrom('-1', '1e400', '2e153', '-1e-300').map((literal) => ({ what: `radius ${literal} in the body`, request: post('/api/circle', `{"radius":${literal}}`), code: 'invalid_parameter' as const })),
  fc.tuple(range, fc.oneof(fc.constantFrom('0', '-1', '1.5', '1e3', ''), fc.integer({ min: DEFAULT_BUDGET + 1 }).map(String))).map(([r, text]) => ({ what: `budget=${text}`, request: get('/api/palindromes', { min: String(r.min), max: String(r.max), budget: text }), code: 'invalid_parameter' as const })),
  fc.oneof(fc.constant(0), fc.integer({ min: DEFAULT_BUDGET + 1 })).map((budget) => ({ what: `budget ${budget} in the body`, request: post('/api/palindromes', { min: 10, max: 99, budget }), code: 'invalid_parameter' as const })),
  fc.constant({ what: 'an empty batch', request: post('/api/circle', { radii: [] }), code: 'invalid_parameter' as const }),
  fc.integer({ min: MAX_RADII + 1, max: MAX_RADII + 100 }).map((n) => ({ what: 'a batch over MAX_RADII', request: post('/api/circle', { radii: new Array<number>(n).fill(1) }), code: 'invalid_parameter' as const })),
  fc.tuple(radius, radius).map(([a, b]) => ({ what: 'radius and radii together', request: post('/api/circle', { radius: a, radii: [b] }), code: 'invalid_parameter' as const })),
);

// Names that are not a field of the route. Query names avoid Object.prototype's (the fixtures build
// query maps on plain objects); JSON bodies also try __proto__ and friends.
const queryName = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/).filter((name) => !(name in {}));
const bodyName = fc.oneof(queryName, fc.constantFrom('__proto__', 'constructor', 'toString', 'MIN', 'min ', 'radios', ''));

const missingOrUnknown: fc.Arbitrary<BadRequest> = fc.oneof(
  fc.tuple(range, fc.constantFrom('min', 'max')).map(([r, field]) => ({ what: `no ${field}`, request: get('/api/palindromes', field === 'min' ? { max: String(r.max) } : { min: String(r.min) }), code: 'missing_parameter' as const })),
  fc.constantFrom(post('/api/circle', {}), post('/api/circle', { engine: 'js' }), { method: 'PUT', path: '/api/engine' }, { method: 'POST', path: '/api/palindromes' }).map((request) => ({ what: 'no required parameter', request, code: 'missing_parameter' as const })),
  fc.tuple(queryName, fc.string({ maxLength: 8 })).map(([name, value]) => ({ what: `hello takes no ${name}`, request: get('/api/hello', { [name]: value }), code: 'unknown_parameter' as const })),
  fc.tuple(range, queryName.filter((name) => !FIELDS.palindromes.includes(name))).map(([r, name]) => ({ what: `unknown query parameter ${name}`, request: get('/api/palindromes', { min: String(r.min), max: String(r.max), [name]: '1' }), code: 'unknown_parameter' as const })),
  fc.tuple(validBody, bodyName, fc.jsonValue({ maxDepth: 2 })).filter(([{ path }, name]) => !FIELDS[path.slice(5) as keyof typeof FIELDS].includes(name)).map(([{ path, body }, name, value]) => ({
    what: `unknown body field ${JSON.stringify(name)}`,
    // A computed key makes even __proto__ an own property, so JSON.stringify writes it.
    request: withBody(path, JSON.stringify({ ...body, [name]: value })),
    code: 'unknown_parameter' as const,
  })),
);

const duplicates = (abilities: EnvelopeAbilities): fc.Arbitrary<BadRequest> => {
  const inBoth = range.map((r) => ({ what: 'min in the query and the body', request: post('/api/palindromes', r, { min: [String(r.min)] }), code: 'duplicate_parameter' as const }));
  if (!abilities.repeatedQuery) return inBoth;
  const repeated = fc.tuple(range, fc.constantFrom('min', 'max', 'engine'), fc.integer({ min: 2, max: 4 })).map(([r, field, times]) => {
    const query: Record<string, string[]> = { min: [String(r.min)], max: [String(r.max)], engine: ['wasm'] };
    query[field] = new Array<string>(times).fill(query[field]![0]!);
    return { what: `${field} repeated ${times} times`, request: { method: 'GET', path: '/api/palindromes', query }, code: 'duplicate_parameter' as const };
  });
  return fc.oneof(inBoth, repeated);
};

/** Text that the strict base64 reading refuses: a stray character, or a length that is not a multiple of 4. */
const invalidBase64: fc.Arbitrary<BadRequest> = fc
  .tuple(validBody, fc.constantFrom('!', '*', '%', '$', '-', '_', '.', ' ', '\n', '='), fc.nat(), fc.boolean())
  .map(([{ path, body }, stray, at, replace]) => {
    const encoded = Buffer.from(JSON.stringify(body)).toString('base64');
    const i = at % encoded.length;
    const text = replace && stray !== '=' ? encoded.slice(0, i) + stray + encoded.slice(i + 1) : encoded.slice(0, i) + stray + encoded.slice(i);
    return { what: `invalid base64 ${JSON.stringify(text)}`, request: { ...withBody(path, ''), body: undefined, rawBase64: text }, code: 'invalid_envelope' as const };
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

const wrongContentType: fc.Arbitrary<BadRequest> = fc.tuple(validBody, fc.constantFrom(...NOT_JSON_TYPES)).map(([{ path, body }, type]) => ({
  what: `content-type ${type}`,
  request: { ...withBody(path, JSON.stringify(body)), headers: { 'content-type': type } },
  code: 'unsupported_media_type' as const,
}));

/** A JSON object padded with spaces to `bytes` in all. */
function paddedBody(bytes: number): string {
  const start = '{"radius":1';
  return `${start}${' '.repeat(bytes - start.length - 1)}}`;
}

const oversizeBody: fc.Arbitrary<BadRequest> = fc.integer({ min: 1, max: 4096 }).map((over) => ({
  what: `a body ${over} bytes over the limit`,
  request: post('/api/circle', paddedBody(MAX_BODY_BYTES + over)),
  code: 'payload_too_large' as const,
}));

const oversizeHead: fc.Arbitrary<BadRequest> = fc.integer({ min: 1, max: 4096 }).map((over) => ({
  what: `a header ${over} bytes over the head limit`,
  request: { method: 'GET', path: '/api/hello', headers: { 'x-padding': 'a'.repeat(MAX_HEADER_BYTES + over) } },
  code: 'header_too_large' as const,
}));

const unknownRoute: fc.Arbitrary<BadRequest> = fc
  .array(fc.stringMatching(/^[a-z0-9_-]{1,16}$/), { minLength: 1, maxLength: 3 })
  .filter((segments) => segments.length > 1 || !ROUTE_NAMES.includes(segments[0]!))
  .map((segments) => ({ what: `no route /api/${segments.join('/')}`, request: { method: 'GET', path: `/api/${segments.join('/')}` }, code: 'not_found' as const }));

const WRONG_METHODS: Array<[string, string[]]> = [
  ['/api/hello', ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']],
  ['/api/palindromes', ['PUT', 'DELETE', 'PATCH', 'OPTIONS']],
  ['/api/circle', ['PUT', 'DELETE', 'PATCH', 'OPTIONS']],
  ['/api/engine', ['POST', 'DELETE', 'PATCH', 'OPTIONS']],
];
const wrongMethod: fc.Arbitrary<BadRequest> = fc
  .constantFrom(...WRONG_METHODS.flatMap(([path, methods]) => methods.map((method) => ({ method, path }))))
  .map((request) => ({ what: `${request.method} ${request.path}`, request, code: 'method_not_allowed' as const }));

/** Every kind of bad request the envelope can carry. */
export function badRequests(abilities: EnvelopeAbilities): fc.Arbitrary<BadRequest> {
  const common = [malformedJson, deeplyNested, wrongTypes, badNumbers, missingOrUnknown, duplicates(abilities), wrongContentType, unknownRoute, wrongMethod];
  // Oversize requests are slow to build and send: rarer than the rest.
  const oversize = [oversizeBody, ...(abilities.head ? [oversizeHead] : [])];
  return fc.oneof(
    ...[...common, ...(abilities.base64 ? [invalidBase64] : [])].map((arbitrary) => ({ arbitrary, weight: 4 })),
    ...oversize.map((arbitrary) => ({ arbitrary, weight: 1 })),
  );
}

/**
 * A bad request as a direct invocation's parameters ({op, ...the JSON body}), when it is one: a POST
 * of a JSON object to /api/palindromes or /api/circle with no query and a JSON content type.
 */
export function asDirectEvent({ request, code }: BadRequest): Record<string, unknown> | undefined {
  // An oversize body is still a small object once parsed: the fault would not survive.
  if (code === 'payload_too_large') return undefined;
  const op = request.path.slice('/api/'.length);
  if (request.method !== 'POST' || !['palindromes', 'circle'].includes(op) || request.query || request.body === undefined) return undefined;
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
