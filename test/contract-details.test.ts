// Details of the HTTP contract that a looser test lets slip: exact messages and codes, the engine
// choice and where it comes from, what a response does not carry, media-type parameters, request
// envelopes' corner shapes, the settings read from the environment, and the Node body reader.
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { budgetFromEnv, parsePort, portFromEnv } from '../src/contract/config.ts';
import { toErrorResponse } from '../src/contract/errors.ts';
import { handle } from '../src/contract/handle.ts';
import { normalizeHeaders, queryFromMaps, queryFromSearch } from '../src/contract/request.ts';
import { ROUTE_PATHS } from '../src/contract/routes.ts';
import type { PolyRequest } from '../src/contract/types.ts';
import { DEFAULT_BUDGET } from '../src/index.ts';
import { fromNodeRequest, readBody } from '../src/server/http.ts';

function req(
  method: string,
  target: string,
  body?: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): PolyRequest {
  const [path = '', search = ''] = target.split('?');
  return { method, path, query: queryFromSearch(search), headers, body: typeof body === 'string' ? new TextEncoder().encode(body) : body };
}

async function answer(request: PolyRequest): Promise<{ status: number; body: Record<string, unknown>; cookies: string[] }> {
  const res = await handle(request);
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown>, cookies: res.cookies };
}

async function error(request: PolyRequest): Promise<[number, string, string]> {
  const { status, body } = await answer(request);
  const { code, message } = body['error'] as { code: string; message: string };
  return [status, code, message];
}

const messages = suite('handle(): messages, engine choice, what an answer does not carry');

messages('404 and 405 name the routes and the methods', async () => {
  assert.equal(await error(req('GET', '/nope')), [404, 'not_found', `no route "/nope"; routes: ${ROUTE_PATHS.join(', ')}`]);
  assert.equal(await error(req('POST', '/api/hello', '{}')), [405, 'method_not_allowed', '"POST" is not allowed on /api/hello; use GET']);
});

messages('the engine: default, from the cookie, from the parameter; an unknown cookie value is ignored', async () => {
  const engine = async (cookie?: string, query = '') => (await answer(req('GET', `/api/engine${query}`, undefined, cookie ? { cookie } : {}))).body;
  assert.equal(await engine(), { engine: 'wasm', source: 'default' });
  assert.equal(await engine('polyfn-engine=js'), { engine: 'js', source: 'cookie' });
  assert.equal(await engine('polyfn-engine=rust'), { engine: 'wasm', source: 'default' });
  const set = await answer(req('PUT', '/api/engine?engine=js'));
  assert.equal(set.body, { engine: 'js', source: 'parameter' });
  assert.equal(await error(req('PUT', '/api/engine')), [400, 'missing_parameter', 'engine is required']);
});

messages('an answer sets no cookie unless it means to, and a route without a kernel logs no engine', async () => {
  const hello = await handle(req('GET', '/api/hello'));
  assert.equal(hello.cookies, []);
  assert.equal(hello.meta, { route: '/api/hello', kernelMs: null, engine: null, error: null });
  const search = await handle(req('GET', '/api/palindromes?min=10&max=99&engine=js'));
  assert.equal([search.cookies, search.meta.engine], [[], 'js']);
  assert.equal(toErrorResponse(new Error('x')).cookies, []);
  assert.equal((await handle(req('GET', '/nope'))).cookies, []);
});

const bodies = suite('handle(): bodies and media types');

messages.run();

bodies('a GET body is ignored, whatever it holds', async () => {
  const res = await answer(req('GET', '/api/palindromes?min=10&max=99', '{"min":1}'));
  assert.is(res.status, 200);
});

bodies('content-type: parameters other than charset, charset=utf-8, none at all; another charset is refused', async () => {
  const json = '{"min":10,"max":99}';
  for (const type of ['application/json; foo=bar', 'application/json; charset=utf-8', 'Application/JSON ; Charset=UTF-8']) {
    assert.is((await answer(req('POST', '/api/palindromes', json, { 'content-type': type }))).status, 200, type);
  }
  assert.is((await answer(req('POST', '/api/palindromes', json, {}))).status, 200, 'no content-type: JSON');
  const [status, code] = await error(req('POST', '/api/palindromes', json, { 'content-type': 'application/json; charset=latin1' }));
  assert.equal([status, code], [415, 'unsupported_media_type']);
});

bodies('bodies that are not a JSON object: exact messages', async () => {
  assert.equal(await error(req('POST', '/api/palindromes', '{')), [400, 'invalid_json', 'the body is not valid JSON']);
  assert.equal(await error(req('POST', '/api/palindromes', 'null')), [400, 'invalid_json', 'the body must be a JSON object, not null']);
  assert.equal(await error(req('GET', '/api/hello?x=1')), [400, 'unknown_parameter', 'unknown parameter "x"; this route takes none']);
});

bodies('binary bodies: the media type in any case, an empty one is no body, a view into a larger buffer reads its own bytes', async () => {
  const square = Float64Array.of(0, 0, 4, 0, 4, 3, 0, 3);
  const bytes = new Uint8Array(square.buffer);
  const octets = (type: string) => ({ 'content-type': type });
  assert.equal((await answer(req('POST', '/api/polygon', bytes, octets('Application/Octet-Stream')))).body['area'], 12);
  assert.equal(await error(req('POST', '/api/polygon', new Uint8Array(0), octets('application/octet-stream'))), [
    400,
    'missing_parameter',
    'vertices is required',
  ]);
  // the body as a view 8 bytes into a larger buffer, as a Node Buffer from its pool may be
  const larger = new Uint8Array(8 + bytes.length + 8).fill(0xff);
  larger.set(bytes, 8);
  const view = larger.subarray(8, 8 + bytes.length);
  assert.equal((await answer(req('POST', '/api/polygon', view, octets('application/octet-stream')))).body['area'], 12);
});

bodies.run();

const envelopes = suite('request envelopes: query maps, repeated headers');

envelopes('a single-value query map alone, entries without a value skipped, the multi-value map wins', () => {
  assert.equal({ ...queryFromMaps(null, { a: '1', b: undefined }) }, { a: ['1'] });
  assert.equal({ ...queryFromMaps({ a: ['1', '2'], b: undefined }, { a: '3' }) }, { a: ['1', '2'] });
});

envelopes('repeated headers: cookies joined with "; ", others with ", "', () => {
  assert.equal({ ...normalizeHeaders({ Cookie: ['a=1', 'b=2'], Accept: ['x', 'y'], Gone: undefined }) }, { cookie: 'a=1; b=2', accept: 'x, y' });
});

envelopes.run();

/** Asserts `run` throws an Error with exactly `message`. */
function throwsExactly(run: () => unknown, message: string): void {
  assert.throws(run, (e: Error) => e.message === message, message);
}

const config = suite('settings from the environment: both sides of each bound');

config('POLYFN_BUDGET: unset or empty is the default; 1 and the largest safe integer accepted; 0 and non-digits refused', () => {
  assert.is(budgetFromEnv({}), DEFAULT_BUDGET);
  assert.is(budgetFromEnv({ POLYFN_BUDGET: '' }), DEFAULT_BUDGET);
  assert.is(budgetFromEnv({ POLYFN_BUDGET: '1' }), 1);
  assert.is(budgetFromEnv({ POLYFN_BUDGET: String(Number.MAX_SAFE_INTEGER) }), Number.MAX_SAFE_INTEGER);
  for (const raw of ['0', '-1', '1.5', '1e3', ' 1', '1 ', 'x1', '1x', '9007199254740993']) {
    throwsExactly(() => budgetFromEnv({ POLYFN_BUDGET: raw }), `POLYFN_BUDGET must be a positive integer (steps), got ${JSON.stringify(raw)}`);
  }
});

config('ports: 1 and 65535 accepted, 0 and 65536 refused; unset takes the fallback or is an error', () => {
  assert.is(parsePort('1', 'PORT'), 1);
  assert.is(parsePort('65535', 'PORT'), 65535);
  for (const raw of ['0', '65536', '-1', '80a', 'a80', '8.0', '']) {
    throwsExactly(() => parsePort(raw, 'PORT'), `PORT must be a TCP port (1-65535), got ${JSON.stringify(raw)}`);
  }
  assert.is(portFromEnv({ PORT: '8081' }, 'PORT', 8080), 8081);
  assert.is(portFromEnv({}, 'PORT', 8080), 8080);
  assert.is(portFromEnv({ PORT: '' }, 'PORT', 8080), 8080);
  throwsExactly(() => portFromEnv({ PORT: '' }, 'PORT'), 'PORT is not set: it must name the TCP port to listen on');
  throwsExactly(() => portFromEnv({}, 'http_port'), 'http_port is not set: it must name the TCP port to listen on');
  throwsExactly(() => portFromEnv({ PORT: '0' }, 'PORT', 8080), 'PORT must be a TCP port (1-65535), got "0"');
});

config.run();

const node = suite('the Node body reader and request model');

/** A stand-in IncomingMessage: a stream with the fields readBody and fromNodeRequest read. */
function incoming(fields: Partial<Pick<IncomingMessage, 'url' | 'method' | 'headers'>>): [IncomingMessage, PassThrough] {
  const stream = new PassThrough();
  return [Object.assign(stream, { headers: {}, ...fields }) as unknown as IncomingMessage, stream];
}

node('a request that fails mid-body rejects the read (it does not wait forever)', async () => {
  const [failing, stream] = incoming({ url: '/api/circle', method: 'POST' });
  const read = readBody(failing).then(
    () => 'resolved',
    (e: Error & { code?: string }) => `${e.code}: ${e.message}`,
  );
  stream.write('{"radius":');
  stream.destroy(new Error('connection reset'));
  const pending = new Promise((resolve) => setTimeout(() => resolve('still pending'), 1000).unref());
  assert.is(await Promise.race([read, pending]), 'request_aborted: the connection closed before the request body ended');
});

node('a target that starts with "?" is an empty path with a query; no url or method reads as GET /', () => {
  const model = fromNodeRequest(incoming({ url: '?min=10', method: 'GET' })[0], undefined);
  assert.equal([model.path, { ...model.query }], ['', { min: ['10'] }]);
  const bare = fromNodeRequest(incoming({})[0], undefined);
  assert.equal([bare.method, bare.path, { ...bare.query }], ['GET', '/', {}]);
});

node.run();
