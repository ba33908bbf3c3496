// The HTTP contract beyond the conformance table: validation corners through handle(), and what
// the Node server does with requests its parser or its limits refuse.
import fc from 'fast-check';
import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLocalServer } from '../adapters/node/server.ts';
import { quoted } from '../src/contract/errors.ts';
import { handle } from '../src/contract/handle.ts';
import { MAX_BODY_BYTES, MAX_HEADER_BYTES } from '../src/contract/limits.ts';
import { MAX_RADII } from '../src/index.ts';
import { queryFromSearch } from '../src/contract/request.ts';
import type { PolyRequest } from '../src/contract/types.ts';
import { close, listen, send } from './support/http.ts';

function req(method: string, target: string, body?: string, headers: Record<string, string> = {}): PolyRequest {
  const [path = '', search = ''] = target.split('?');
  return {
    method,
    path,
    query: queryFromSearch(search),
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : new TextEncoder().encode(body),
  };
}

async function errorOf(request: PolyRequest): Promise<{ status: number; code: string; message: string }> {
  const res = await handle(request);
  const { error } = JSON.parse(res.body) as { error: { code: string; message: string } };
  return { status: res.status, ...error };
}

const contract = suite('handle(): validation corners');

contract('a parameter in both the query and the body is a duplicate', async () => {
  const e = await errorOf(req('POST', '/api/palindromes?min=10', '{"min":10,"max":99}'));
  assert.equal([e.status, e.code], [400, 'duplicate_parameter']);
  assert.match(e.message, /min is given in both the query and the body/);
});

/** A key written as JSON.stringify writes it, or with every UTF-16 unit as a \\u escape (the same key to JSON.parse). */
function writtenKey(key: string, escaped: boolean): string {
  if (!escaped) return JSON.stringify(key);
  return `"${[...Array(key.length).keys()].map((i) => `\\u${key.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"`;
}

const space = fc.constantFrom('', ' ', '\n\t ');
/** Member keys: the route's names, and short strings holding JSON's own punctuation. */
const memberKey = fc.oneof(fc.constantFrom('min', 'max', 'engine', 'budget', '__proto__'), fc.string({ maxLength: 4, unit: fc.constantFrom('a', ':', '"', '\\', '{', '}', ',', '[', ' ', 'é') }));
/** An object written member by member, so that a key may repeat, at any depth. */
const { objectText } = fc.letrec((tie) => ({
  valueText: fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)), tie('objectText')),
  objectText: fc
    .array(fc.tuple(memberKey, fc.boolean(), tie('valueText') as fc.Arbitrary<string>, space), { maxLength: 4 })
    .map((members) => `{${members.map(([key, escaped, value, s]) => `${s}${writtenKey(key, escaped)}${s}:${s}${value}`).join(',')}}`),
}));

contract('a key the body repeats at its top level is duplicate_parameter; repeats inside values are not', async () => {
  const topLevel = fc.tuple(fc.array(fc.tuple(memberKey, fc.boolean(), fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), objectText as fc.Arbitrary<string>)), { maxLength: 6 }), space);
  await fc.assert(
    fc.asyncProperty(topLevel, async ([members, s]) => {
      const body = `${s}{${members.map(([key, escaped, value]) => `${s}${writtenKey(key, escaped)}:${value}${s}`).join(',')}}`;
      const keys = members.map(([key]) => key);
      const repeated = keys.find((key, i) => keys.indexOf(key) < i);
      const res = await handle(req('POST', '/api/palindromes', body));
      const { error } = JSON.parse(res.body) as { error?: { code: string; message: string } };
      if (repeated === undefined) assert.is.not(error?.code, 'duplicate_parameter', body);
      else assert.equal(error, { code: 'duplicate_parameter', message: `${quoted(repeated, 64)} is given more than once in the body` }, body);
    }),
    { numRuns: 500 },
  );
});

contract('engine in the query, range in the body', async () => {
  const res = await handle(req('POST', '/api/palindromes?engine=js', '{"min":10,"max":99}'));
  assert.is(res.status, 200);
  assert.match(res.headers['server-timing']!, /desc="js"/);
});

contract('unknown body fields, wrong JSON types, empty and oversize batches', async () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['/api/palindromes', '{"min":10,"max":99,"mni":1}', 'unknown_parameter', /"mni"; expected: min, max, engine, budget/],
    ['/api/palindromes', '{"min":10.5,"max":99}', 'invalid_parameter', /min must be an integer, not a number \(10\.5\)/],
    ['/api/palindromes', '{"min":null,"max":99}', 'invalid_parameter', /min must be an integer, not null/],
    ['/api/palindromes', '{"min":[10],"max":99}', 'invalid_parameter', /not an array/],
    ['/api/palindromes', '{"min":1e400,"max":99}', 'invalid_parameter', /min must be an integer/],
    ['/api/palindromes', '{"min":10,"max":99,"engine":"rust"}', 'invalid_parameter', /engine must be one of: wasm, js/],
    ['/api/palindromes', '[10,99]', 'invalid_json', /must be a JSON object, not an array/],
    ['/api/palindromes', '"hi"', 'invalid_json', /not a string/],
    ['/api/circle', '{"radius":1,"radii":[1]}', 'invalid_parameter', /either radius or radii/],
    ['/api/circle', '{"radii":[]}', 'invalid_parameter', /radii must not be empty/],
    ['/api/circle', '{"radii":[1,"2"]}', 'invalid_parameter', /radii\[1\] must be a number, not a string/],
    ['/api/circle', '{"radii":[1,-2]}', 'invalid_parameter', /radii\[1\] must be >= 0/],
    ['/api/circle', `{"radii":[${'1,'.repeat(MAX_RADII)}1]}`, 'invalid_parameter', new RegExp(`at most ${MAX_RADII}`)],
    ['/api/circle', '{"radius":1e999}', 'invalid_parameter', /radius must be a finite number/],
    ['/api/circle', '{}', 'missing_parameter', /radius \(or radii, in a JSON body\) is required/],
    ['/api/palindromes', '', 'missing_parameter', /min is required/],
  ];
  for (const [path, body, code, message] of cases) {
    const e = await errorOf(req('POST', path, body));
    assert.is(e.code, code, body.slice(0, 60));
    assert.is(e.status, 400);
    assert.match(e.message, message, body.slice(0, 60));
  }
});

contract('deeply nested JSON is a 400, not a crash', async () => {
  const deep = `{"min":${'['.repeat(100_000)}${']'.repeat(100_000)},"max":1}`;
  const e = await errorOf(req('POST', '/api/palindromes', deep));
  assert.is(e.status, 400);
});

contract('content types: JSON and text/plain accepted; others 415; bad UTF-8 400', async () => {
  for (const type of ['application/json', 'application/json; charset=utf-8', 'application/vnd.api+json', 'text/plain', 'APPLICATION/JSON']) {
    const res = await handle(req('POST', '/api/circle', '{"radius":1}', { 'content-type': type }));
    assert.is(res.status, 200, type);
  }
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/json; charset=latin1']) {
    assert.is((await errorOf(req('POST', '/api/circle', '{"radius":1}', { 'content-type': type }))).status, 415, type);
  }
  const badUtf8: PolyRequest = { ...req('POST', '/api/circle'), body: Uint8Array.from([0x7b, 0xff, 0x7d]) };
  assert.equal(await errorOf(badUtf8), { status: 400, code: 'invalid_json', message: 'the body is not valid UTF-8' });
});

contract('query corners: __proto__ is just a name, empty values, signs, trailing slash, method case', async () => {
  assert.is((await errorOf(req('GET', '/api/hello?__proto__=1'))).code, 'unknown_parameter');
  assert.is((await errorOf(req('GET', '/api/palindromes?min=&max=9'))).message, 'min must be an integer');
  assert.is((await errorOf(req('GET', '/api/palindromes?min=%2B5&max=9'))).message, 'min must be an integer');
  assert.is((await errorOf(req('GET', '/api/circle?radius=0x10'))).message, 'radius must be a number');
  assert.is((await handle(req('GET', '/api/hello/'))).status, 200);
  assert.is((await handle(req('get', '/api/hello'))).status, 200);
  assert.is((await errorOf(req('GET', '/api/circle?radii=1'))).message, 'radii is accepted only in a JSON body');
});

contract('budget: a caller may lower the server budget, not raise it', async () => {
  assert.is((await errorOf(req('GET', '/api/palindromes?min=1000&max=9999&budget=10'))).status, 422);
  const raised = await errorOf(req('GET', '/api/palindromes?min=10&max=99&budget=999999999999'));
  assert.equal([raised.status, raised.code], [400, 'invalid_parameter']);
  assert.match(raised.message, /^budget must be <= \d+$/);
  const res = await handle(req('GET', '/api/palindromes?min=1000&max=9999'), { budget: 10 });
  assert.is(res.status, 422, 'the server-wide budget applies');
});

contract('a deadline already passed answers 422 before a long search runs', async () => {
  const late = { ...req('GET', '/api/palindromes?min=1&max=999999999'), deadline: Date.now() - 1 };
  const e = await errorOf(late);
  assert.equal([e.status, e.code], [422, 'budget_exceeded']);
});

contract.run();

const server = suite('node server: requests the parser or the limits refuse');
const node = createLocalServer();
let base = '';
server.before(async () => {
  base = await listen(node);
});
server.after(() => close(node));

function rawExchange(payload: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(payload));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

server('a malformed request line answers 400 with the JSON error body', async () => {
  const answer = await rawExchange('GARBAGE / HTTP/1.1\r\n\r\n');
  assert.match(answer, /^HTTP\/1\.1 400 /);
  assert.match(answer, /\{"error":\{"code":"invalid_envelope","message":"malformed HTTP request/);
});

server('an oversize request head answers 431 with the JSON error body', async () => {
  const answer = await rawExchange(`GET /api/hello HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(MAX_HEADER_BYTES)}\r\n\r\n`);
  assert.match(answer, /^HTTP\/1\.1 431 /);
  assert.match(answer, /"code":"header_too_large"/);
});

server('a chunked body over the limit answers 413 without reading it all, then the server keeps serving', async () => {
  const { port } = new URL(base);
  const status = await new Promise<number>((resolve, reject) => {
    const r = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/circle', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    r.on('error', reject);
    r.write(`{"radii":[${'1,'.repeat(MAX_BODY_BYTES)}`); // chunked: no content-length
    r.end('1]}');
  });
  assert.is(status, 413);
  assert.is((await send(`${base}/api/hello`)).status, 200);
});

server('a declared content-length over the limit is refused up front', async () => {
  const answer = await rawExchange(`POST /api/circle HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${MAX_BODY_BYTES + 1}\r\n\r\n{}`);
  assert.match(answer, /^HTTP\/1\.1 413 /);
  assert.match(answer, /"code":"payload_too_large"/);
});

server('a warm server keeps answering correctly after a run of bad requests', async () => {
  const bad = ['/api/palindromes?min=x', '/api/nope', '/api/circle?radius=-1', '/api/palindromes?min=5&max=1'];
  for (let i = 0; i < 50; i++) assert.ok((await send(`${base}${bad[i % bad.length]}`)).status >= 400);
  const good = await send(`${base}/api/palindromes?min=10&max=99`);
  assert.is(good.status, 200);
  assert.is(JSON.parse(good.body).largest.value, 9009);
});

server.run();
