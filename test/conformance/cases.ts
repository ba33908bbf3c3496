// The conformance suite: one table of requests and expected responses. Every adapter's test feeds
// each case to its adapter in that platform's own envelope and checks the answer with
// assertConformance(); a case an envelope cannot express is skipped by name, with the reason.
import * as assert from 'uvu/assert';
import type { ErrorCode } from '../../src/contract/errors.ts';
import { MAX_BODY_BYTES } from '../../src/contract/limits.ts';
import { MAX_POINTS, MAX_POLYGON_BODY_BYTES } from '../../src/index.ts';
import { openApiDocument } from '../../src/contract/openapi.ts';
import { routes } from '../../src/contract/routes.ts';

export interface CaseRequest {
  method: string;
  path: string;
  /** Decoded query: name -> values (a name with two values is a repeated parameter). */
  query?: Record<string, string[]>;
  /** Lower-case names. */
  headers?: Record<string, string>;
  /** Cookies the client sends (name=value), carried the envelope's way (Cookie header or cookies list). */
  cookies?: string[];
  /** Body text, sent as is (or base64-encoded by the adapter when `base64` is set); bytes are a binary body, base64-encoded wherever an envelope carries bodies as text. */
  body?: string | Uint8Array;
  /** Send the body base64-encoded and flagged so (API Gateway isBase64Encoded, ...). */
  base64?: boolean;
  /** Send this exact text as the base64 body, even when it is not valid base64. */
  rawBase64?: string;
}

export interface CaseExpectation {
  status: number;
  /** The exact JSON body. */
  json?: unknown;
  /** Or: an error body with this code (and a message containing `message`). */
  error?: ErrorCode;
  message?: string;
  /** Headers that must be present (value or pattern), lower-case names. */
  headers?: Record<string, string | RegExp>;
  /** Set-Cookie values that must be sent, as patterns. */
  cookies?: RegExp[];
}

export interface ConformanceCase {
  name: string;
  request: CaseRequest;
  expect: CaseExpectation;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const BINARY_HEADERS = { 'content-type': 'application/octet-stream' };

/** Little-endian float64 values as bytes: a binary body. */
function float64Body(...values: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(8 * values.length));
  values.forEach((value, i) => {
    view.setFloat64(8 * i, value, true);
  });
  return new Uint8Array(view.buffer);
}

/** A 4 x 3 rectangle and points inside, outside, on a vertex and on an edge. */
const RECTANGLE = [
  [0, 0],
  [4, 0],
  [4, 3],
  [0, 3],
];
const PROBES = [
  [1, 1],
  [5, 1],
  [4, 3],
  [2, 0],
  [-0.5, 1.5],
];
const PROBES_INSIDE = [true, false, true, true, false];
const kernelTiming = (engine: string) => new RegExp(`^kernel;dur=\\d+\\.\\d{3};desc="${engine}"$`);

export const cases: ConformanceCase[] = [
  {
    name: 'hello',
    request: { method: 'GET', path: '/api/hello' },
    expect: { status: 200, json: { message: 'hello world' }, headers: { 'content-type': /^application\/json/ } },
  },
  {
    name: 'health: every kernel computes on every engine',
    request: { method: 'GET', path: '/api/health' },
    expect: { status: 200, json: { status: 'ok' } },
  },
  {
    name: 'the contract as an OpenAPI document',
    request: { method: 'GET', path: '/api/openapi.json' },
    expect: { status: 200, json: JSON.parse(JSON.stringify(openApiDocument(routes))), headers: { 'content-type': /^application\/json/ } },
  },
  {
    // A function URL ends in '/', so $FUNCTION_URL/api/hello arrives as //api/hello.
    name: 'a path with repeated slashes is its route',
    request: { method: 'GET', path: '//api//hello/' },
    expect: { status: 200, json: { message: 'hello world' } },
  },
  {
    name: 'palindromes from the query',
    request: { method: 'GET', path: '/api/palindromes', query: { min: ['10'], max: ['99'] } },
    expect: {
      status: 200,
      json: { smallest: { value: 121, factors: [[11, 11]] }, largest: { value: 9009, factors: [[91, 99]] } },
      headers: { 'server-timing': kernelTiming('wasm') },
    },
  },
  {
    name: 'palindromes on the js engine',
    request: { method: 'GET', path: '/api/palindromes', query: { min: ['1'], max: ['9'], engine: ['js'] } },
    expect: {
      status: 200,
      json: {
        smallest: { value: 1, factors: [[1, 1]] },
        largest: {
          value: 9,
          factors: [
            [1, 9],
            [3, 3],
          ],
        },
      },
      headers: { 'server-timing': kernelTiming('js') },
    },
  },
  {
    name: 'palindromes from a JSON body',
    request: { method: 'POST', path: '/api/palindromes', headers: JSON_HEADERS, body: '{"min":100,"max":999}' },
    expect: {
      status: 200,
      json: { smallest: { value: 10201, factors: [[101, 101]] }, largest: { value: 906609, factors: [[913, 993]] } },
    },
  },
  {
    name: 'palindromes from a base64 body',
    request: { method: 'POST', path: '/api/palindromes', headers: JSON_HEADERS, body: '{"min":1000,"max":9999}', base64: true },
    expect: {
      status: 200,
      json: { smallest: { value: 1002001, factors: [[1001, 1001]] }, largest: { value: 99000099, factors: [[9901, 9999]] } },
    },
  },
  {
    name: 'palindromes with no palindrome at either end',
    request: { method: 'GET', path: '/api/palindromes', query: { min: ['15'], max: ['15'] } },
    expect: { status: 200, json: { smallest: { value: null, factors: [] }, largest: { value: null, factors: [] } } },
  },
  {
    name: 'circle from the query',
    request: { method: 'GET', path: '/api/circle', query: { radius: ['2'] } },
    expect: {
      status: 200,
      json: { radius: 2, area: 12.566370614359172, circumference: 12.566370614359172 },
      headers: { 'server-timing': kernelTiming('wasm') },
    },
  },
  {
    name: 'circles from a JSON batch',
    request: { method: 'POST', path: '/api/circle', headers: JSON_HEADERS, body: '{"radii":[1,2,3],"engine":"js"}' },
    expect: {
      status: 200,
      json: {
        radii: [1, 2, 3],
        area: [Math.PI, 12.566370614359172, 28.274333882308138],
        circumference: [6.283185307179586, 12.566370614359172, 18.84955592153876],
      },
      headers: { 'server-timing': kernelTiming('js') },
    },
  },
  {
    name: 'polygon from a JSON body',
    request: { method: 'POST', path: '/api/polygon', headers: JSON_HEADERS, body: JSON.stringify({ vertices: RECTANGLE }) },
    expect: {
      status: 200,
      json: { area: 12, perimeter: 14, centroid: [2, 1.5], orientation: 'counterclockwise' },
      headers: { 'server-timing': kernelTiming('wasm') },
    },
  },
  {
    name: 'contains from a JSON body on the js engine: the boundary is inside',
    request: { method: 'POST', path: '/api/contains', headers: JSON_HEADERS, body: JSON.stringify({ polygon: RECTANGLE, points: PROBES, engine: 'js' }) },
    expect: { status: 200, json: { inside: PROBES_INSIDE }, headers: { 'server-timing': kernelTiming('js') } },
  },
  {
    name: 'contains from a binary body (vertex count, vertices, points), engine in the query',
    request: {
      method: 'POST',
      path: '/api/contains',
      query: { engine: ['wasm'] },
      headers: BINARY_HEADERS,
      body: float64Body(RECTANGLE.length, ...RECTANGLE.flat(), ...PROBES.flat()),
    },
    expect: { status: 200, json: { inside: PROBES_INSIDE }, headers: { 'server-timing': kernelTiming('wasm') } },
  },
  {
    name: 'engine preference is set as a cookie',
    request: { method: 'PUT', path: '/api/engine', headers: JSON_HEADERS, body: '{"engine":"js"}' },
    expect: {
      status: 200,
      json: { engine: 'js', source: 'parameter' },
      cookies: [/^polyfn-engine=js; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/],
    },
  },
  {
    name: 'engine preference is read from the cookie',
    request: { method: 'GET', path: '/api/engine', cookies: ['theme=dark', 'polyfn-engine=js'] },
    expect: { status: 200, json: { engine: 'js', source: 'cookie' } },
  },
  {
    name: 'the engine cookie chooses the kernel engine',
    request: { method: 'GET', path: '/api/circle', query: { radius: ['1'] }, cookies: ['polyfn-engine=js'] },
    expect: {
      status: 200,
      json: { radius: 1, area: Math.PI, circumference: 2 * Math.PI },
      headers: { 'server-timing': kernelTiming('js') },
    },
  },
  {
    name: 'malformed JSON',
    request: { method: 'POST', path: '/api/palindromes', headers: JSON_HEADERS, body: '{"min":10,' },
    expect: { status: 400, error: 'invalid_json' },
  },
  {
    name: 'min > max',
    request: { method: 'GET', path: '/api/palindromes', query: { min: ['99'], max: ['10'] } },
    expect: { status: 400, error: 'invalid_parameter', message: 'min must be <= max' },
  },
  {
    name: 'a number sent as a string',
    request: { method: 'POST', path: '/api/palindromes', headers: JSON_HEADERS, body: '{"min":"10","max":99}' },
    expect: { status: 400, error: 'invalid_parameter', message: 'min must be an integer' },
  },
  {
    name: 'missing parameter',
    request: { method: 'GET', path: '/api/palindromes', query: { min: ['10'] } },
    expect: { status: 400, error: 'missing_parameter', message: 'max is required' },
  },
  {
    name: 'unknown parameter',
    request: { method: 'GET', path: '/api/circle', query: { radius: ['1'], radios: ['2'] } },
    expect: { status: 400, error: 'unknown_parameter', message: '"radios"' },
  },
  {
    name: 'repeated parameter',
    request: { method: 'GET', path: '/api/palindromes', query: { min: ['10', '20'], max: ['99'] } },
    expect: { status: 400, error: 'duplicate_parameter', message: 'min' },
  },
  {
    name: 'invalid base64 body',
    request: { method: 'POST', path: '/api/palindromes', headers: JSON_HEADERS, rawBase64: '%%not base64%%' },
    expect: { status: 400, error: 'invalid_envelope', message: 'base64' },
  },
  {
    name: 'unknown route',
    request: { method: 'GET', path: '/api/nope' },
    expect: { status: 404, error: 'not_found' },
  },
  {
    name: 'wrong method',
    request: { method: 'DELETE', path: '/api/palindromes' },
    expect: { status: 405, error: 'method_not_allowed', headers: { allow: 'GET, POST' } },
  },
  {
    name: 'body over the limit',
    request: { method: 'POST', path: '/api/circle', headers: JSON_HEADERS, body: `{"radii":[${'1,'.repeat(MAX_BODY_BYTES / 2)}1]}` },
    expect: { status: 413, error: 'payload_too_large' },
  },
  {
    name: 'body that is not JSON',
    request: { method: 'POST', path: '/api/circle', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'radius=2' },
    expect: { status: 415, error: 'unsupported_media_type' },
  },
  {
    name: 'contains: a polygon of two vertices',
    request: { method: 'POST', path: '/api/contains', headers: JSON_HEADERS, body: '{"polygon":[[0,0],[1,1]],"points":[[0,0]]}' },
    expect: { status: 400, error: 'invalid_parameter', message: 'polygon must have at least 3 points' },
  },
  {
    name: 'contains: a point that is not [x, y]',
    request: { method: 'POST', path: '/api/contains', headers: JSON_HEADERS, body: '{"polygon":[[0,0],[4,0],[4,3]],"points":[[1,1],[2]]}' },
    expect: { status: 400, error: 'invalid_parameter', message: 'points[1] must be [x, y] with finite numbers' },
  },
  {
    name: 'contains: a binary body that does not fit its layout',
    request: { method: 'POST', path: '/api/contains', headers: BINARY_HEADERS, body: float64Body(2.5, 0, 0, 4, 0, 4, 3) },
    expect: { status: 400, error: 'invalid_parameter', message: 'the binary body must start with the vertex count, an integer from 3 to' },
  },
  {
    name: 'contains: a batch over MAX_POINTS in a body over the default limit',
    request: {
      method: 'POST',
      path: '/api/contains',
      headers: JSON_HEADERS,
      body: `{"polygon":[[0,0],[4,0],[4,3]],"points":[${'[1,1],'.repeat(MAX_POINTS)}[1,1]]}`,
    },
    expect: { status: 400, error: 'invalid_parameter', message: `points must have at most ${MAX_POINTS} points` },
  },
  {
    name: "contains: a body over its route's limit",
    request: { method: 'POST', path: '/api/contains', headers: BINARY_HEADERS, body: new Uint8Array(MAX_POLYGON_BODY_BYTES + 8) },
    expect: { status: 413, error: 'payload_too_large' },
  },
  {
    name: 'contains over its budget, refused before any work',
    request: {
      method: 'POST',
      path: '/api/contains',
      query: { budget: ['2'] },
      headers: JSON_HEADERS,
      body: '{"polygon":[[0,0],[4,0],[4,3]],"points":[[1,1]]}',
    },
    expect: { status: 422, error: 'budget_exceeded', message: 'testing 1 point against 3 edges needs 3 steps, more than the budget of 2' },
  },
  {
    name: 'work budget exceeded',
    request: { method: 'GET', path: '/api/palindromes', query: { min: ['1000'], max: ['9999'], budget: ['10'] } },
    expect: { status: 422, error: 'budget_exceeded' },
  },
];

/** What an adapter answered, converted back to plain HTTP terms by the adapter's test. */
export interface ActualResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Set-Cookie values. */
  cookies: string[];
  body: string;
}

export function assertConformance(c: ConformanceCase, actual: ActualResponse): void {
  const { expect } = c;
  const where = `${c.name}: `;
  assert.is(actual.status, expect.status, `${where}status (body ${actual.body.slice(0, 200)})`);
  let body: unknown;
  try {
    body = JSON.parse(actual.body);
  } catch {
    assert.unreachable(`${where}body is not JSON: ${actual.body.slice(0, 200)}`);
  }
  if (expect.json !== undefined) assert.equal(body, expect.json, `${where}body`);
  if (expect.error !== undefined) {
    const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
    assert.is(error?.code, expect.error, `${where}error code`);
    assert.type(error?.message, 'string', `${where}error message`);
    if (expect.message) assert.ok((error!.message as string).includes(expect.message), `${where}message "${error!.message}" lacks "${expect.message}"`);
    assert.not.match(actual.body, /\bat .+:\d+:\d+/, `${where}no stack trace`);
  }
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const got = actual.headers[name];
    assert.ok(got !== undefined, `${where}header ${name} missing`);
    if (typeof value === 'string') assert.is(got, value, `${where}header ${name}`);
    else assert.match(got!, value, `${where}header ${name}`);
  }
  for (const pattern of expect.cookies ?? []) {
    assert.ok(
      actual.cookies.some((cookie) => pattern.test(cookie)),
      `${where}no Set-Cookie matching ${pattern} in ${JSON.stringify(actual.cookies)}`,
    );
  }
}

/** The query of a case as a query string (repeated names repeated). */
export function queryString(query: Record<string, string[]> = {}): string {
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(query)) for (const value of values) params.append(name, value);
  return params.toString();
}

/** The body bytes as the client sends them, and whether they travel base64-encoded. */
export function caseBody(request: CaseRequest): { text?: string; base64: boolean } {
  if (request.rawBase64 !== undefined) return { text: request.rawBase64, base64: true };
  if (request.body === undefined) return { base64: false };
  if (request.body instanceof Uint8Array) return { text: Buffer.from(request.body).toString('base64'), base64: true };
  return request.base64 ? { text: Buffer.from(request.body).toString('base64'), base64: true } : { text: request.body, base64: false };
}
