// The OpenFaaS adapters beyond the conformance table: the handler in the Node template's contract,
// the upstream server's own behaviour (health, limits, malformed requests, a failing handler), the
// classic entry's reading of the watchdog's variables, and the packaged build context (its files,
// and the server refusing a bad port; SIGTERM with a request in flight is in lifecycle.test.ts).
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { requestFromCgi } from '../adapters/openfaas/classic.ts';
import { createHandler, type FunctionContext, type FunctionEvent, type ResponseHeaders } from '../adapters/openfaas/handler.ts';
import { createUpstreamServer, DEFAULT_PORT } from '../adapters/openfaas/server.ts';
import { durationMs } from '../adapters/openfaas/timeout.ts';
import { root } from '../scripts/bundle.ts';
import type { Artifact } from '../scripts/package/artifact.ts';
import { packageOpenfaas } from '../scripts/package/openfaas.ts';
import { HttpError } from '../src/contract/errors.ts';
import type { RequestLog } from '../src/contract/log.ts';
import { MAX_BODY_BYTES } from '../src/contract/limits.ts';
import { DEFAULT_BUDGET } from '../src/index.ts';
import { forwardAsOfWatchdog } from './fixtures/openfaas/watchdogs.ts';
import { close, listen } from './support/http.ts';
import { run } from './support/run.ts';
import { assertLogLine } from './support/log.ts';
import { OPENFAAS_UPSTREAM } from './support/servers.ts';
import { assertThrows } from './support/throws.ts';

interface Sent {
  err: unknown;
  value: unknown;
  status: number;
  headers: ResponseHeaders;
}

/** The template's FunctionContext (template/node20/index.js), transcribed; its callback records what the template would send. */
class TemplateFunctionContext implements FunctionContext {
  statusCode = 200;
  headerValues: ResponseHeaders = {};
  cbCalled = 0;
  readonly sent: Sent[] = [];

  cb(err: unknown, value: unknown): void {
    this.sent.push({ err, value, status: this.statusCode, headers: this.headerValues });
  }

  status(): number;
  status(statusCode: number): this;
  status(statusCode?: number): number | this {
    if (!statusCode) return this.statusCode;
    this.statusCode = statusCode;
    return this;
  }

  headers(): ResponseHeaders;
  headers(value: ResponseHeaders): this;
  headers(value?: ResponseHeaders): ResponseHeaders | this {
    if (!value) return this.headerValues;
    this.headerValues = value;
    return this;
  }

  succeed(value: unknown): void {
    this.cbCalled++;
    this.cb(undefined, value);
  }

  fail(value: unknown): void {
    if (this.status() === 200) this.status(500);
    this.cbCalled++;
    this.cb(value, undefined);
  }
}

/** An event as the template builds it: express's req.body, req.headers, req.method, req.query, req.path. */
function templateEvent(method: string, path: string, query: FunctionEvent['query'], body: unknown, headers: Record<string, string> = {}): FunctionEvent {
  // The template's middleware gives a request without content-type "text/plain".
  return { body, headers: { host: '127.0.0.1:3000', 'content-type': 'text/plain', ...headers }, method, path, query };
}

const PALINDROMES_100_999 = { smallest: { value: 10201, factors: [[101, 101]] }, largest: { value: 906609, factors: [[913, 993]] } };

const contract = suite('openfaas: the handler in the Node template contract');

contract('a raw body (RAW_BODY=true, as server.ts gives it): status, headers and one succeed() with the JSON text', async () => {
  const context = new TemplateFunctionContext();
  const body = Buffer.from('{"min":100,"max":999}');
  await createHandler()(templateEvent('POST', '/api/palindromes', {}, body, { 'content-type': 'application/json' }), context);
  assert.is(context.sent.length, 1);
  const [answer] = context.sent;
  assert.is(answer!.err, undefined);
  assert.is(answer!.status, 200);
  assert.is(answer!.headers['content-type'], 'application/json; charset=utf-8');
  assert.match(String(answer!.headers['server-timing']), /^kernel;dur=/);
  assert.type(answer!.value, 'string');
  assert.equal(JSON.parse(answer!.value as string), PALINDROMES_100_999);
});

contract("the template's default parsing: JSON already parsed, text/* as a string, {} for no body", async () => {
  const bodies: Array<[unknown, Record<string, string>, FunctionEvent['query']]> = [
    [{ min: 100, max: 999 }, { 'content-type': 'application/json' }, {}],
    ['{"min":100,"max":999}', {}, {}],
    [{}, {}, { min: '100', max: '999' }],
  ];
  for (const [body, headers, query] of bodies) {
    const context = new TemplateFunctionContext();
    const method = Object.keys(query).length ? 'GET' : 'POST';
    await createHandler()(templateEvent(method, '/api/palindromes', query, body, headers), context);
    assert.is(context.sent[0]!.status, 200, JSON.stringify(body));
    assert.equal(JSON.parse(context.sent[0]!.value as string), PALINDROMES_100_999);
  }
});

contract('a repeated query name arrives as an array and is a duplicate parameter', async () => {
  const context = new TemplateFunctionContext();
  await createHandler()(templateEvent('GET', '/api/palindromes', { min: ['10', '20'], max: '99' }, {}), context);
  assert.is(context.sent[0]!.status, 400);
  assert.is(JSON.parse(context.sent[0]!.value as string).error.code, 'duplicate_parameter');
});

contract('cookies go out as a set-cookie array in context.headers()', async () => {
  const context = new TemplateFunctionContext();
  await createHandler()(templateEvent('PUT', '/api/engine', {}, Buffer.from('{"engine":"js"}'), { 'content-type': 'application/json' }), context);
  const cookies = context.sent[0]!.headers['set-cookie'];
  assert.ok(Array.isArray(cookies));
  assert.match(cookies[0]!, /^polyfn-engine=js; /);
});

contract('contract errors are answers (status and JSON body through succeed), never fail()', async () => {
  const context = new TemplateFunctionContext();
  await createHandler()(templateEvent('DELETE', '/api/palindromes', {}, {}), context);
  assert.equal([context.sent.length, context.sent[0]!.err, context.sent[0]!.status], [1, undefined, 405]);
  assert.is(context.sent[0]!.headers['allow'], 'GET, POST');
  assert.is(JSON.parse(context.sent[0]!.value as string).error.code, 'method_not_allowed');
});

contract("one log line per call, with the gateway's X-Call-Id and without the body", async () => {
  const lines: RequestLog[] = [];
  const context = new TemplateFunctionContext();
  const event = templateEvent('POST', '/api/palindromes', {}, Buffer.from('{"min":100,"max":999}'), { 'x-call-id': 'call-1' });
  await createHandler({ log: (line) => lines.push(line) })(event, context);
  assert.is(lines.length, 1);
  assertLogLine(lines[0], 'INFO', 'request');
  assert.equal(Object.keys(lines[0]!), [
    'level',
    'message',
    'timestamp',
    'service',
    'function_request_id',
    'method',
    'route',
    'status',
    'kernelMs',
    'engine',
    'durationMs',
  ]);
  assert.equal([lines[0]!.function_request_id, lines[0]!.route, lines[0]!.status], ['call-1', '/api/palindromes', 200]);
});

contract('exec_timeout becomes the deadline: a search that cannot finish in time answers 422', async () => {
  const context = new TemplateFunctionContext();
  const event = templateEvent('GET', '/api/palindromes', { min: '1', max: '999999999' }, {});
  await createHandler({ execTimeoutMs: 1 })(event, context);
  assert.is(context.sent[0]!.status, 422);
  assert.match(context.sent[0]!.value as string, /"budget_exceeded".*did not finish within/);
});

contract.run();

const watchdog = suite('openfaas: watchdog settings and the classic variables');

watchdog('durations read as the watchdogs read them: whole seconds or Go durations', () => {
  const read = (raw: string | undefined) => durationMs(raw, -1);
  assert.equal(['10', '10s', '1m30s', '1.5h', '250ms', '0'].map(read), [10_000, 10_000, 90_000, 5_400_000, 250, 0]);
  assert.equal([undefined, '', 'soon', '10x', '-5s', '10s '].map(read), [-1, -1, -1, -1, -1, -1]);
});

watchdog('requestFromCgi: the request line from Http_Method/Path/Query, headers from the other Http_* names', () => {
  const req = requestFromCgi(
    {
      PATH: '/usr/bin',
      Http_Method: 'POST',
      Http_Path: '/api/circle',
      Http_Query: 'engine=js&x=a+b',
      Http_Content_Type: 'application/json',
      Http_X_Call_Id: 'call-2',
      Http_Cookie: 'polyfn-engine=js',
      Http_Host: '127.0.0.1:8080',
      Http_ContentLength: '12',
      Http_Content_Length: '12',
      Http_Transfer_Encoding: 'chunked',
      exec_timeout: '10s',
    },
    new TextEncoder().encode('{"radius":1}'),
  );
  assert.equal([req.method, req.path, { ...req.query }], ['POST', '/api/circle', { engine: ['js'], x: ['a b'] }]);
  assert.equal({ ...req.headers }, { 'content-type': 'application/json', 'x-call-id': 'call-2', cookie: 'polyfn-engine=js', host: '127.0.0.1:8080' });
  assert.is(req.deadline, performance.timeOrigin + 10_000);
});

watchdog('requestFromCgi: without Http_Method (cgi_headers=false) the request is an invalid envelope', () => {
  assertThrows(() => requestFromCgi({ PATH: '/usr/bin' }, undefined), HttpError, 'invalid_envelope');
});

watchdog.run();

const upstream = suite('openfaas: the upstream server');
const lines: object[] = [];
const server = createUpstreamServer({
  handler: createHandler(),
  log: (line) => lines.push(line),
});
const failing = createUpstreamServer({ handler: async () => Promise.reject(new Error('secret detail at handler.ts:1:1')), log: (line) => lines.push(line) });
let base = '';
let failingBase = '';

upstream.before(async () => {
  base = await listen(server);
  failingBase = await listen(failing);
});
upstream.after(async () => {
  await close(server);
  await close(failing);
});

upstream('the health endpoint answers GET and HEAD itself; other methods reach the contract', async () => {
  const health = await forwardAsOfWatchdog(base, { method: 'GET', target: '/_/health' });
  assert.equal([health.status, health.body], [200, '{"status":"ok"}']);
  assert.is((await forwardAsOfWatchdog(base, { method: 'HEAD', target: '/_/health' })).status, 200);
  assert.is((await forwardAsOfWatchdog(base, { method: 'POST', target: '/_/health', body: '{}' })).status, 404);
});

upstream('a chunked body over the limit answers 413 JSON, and the server keeps serving', async () => {
  const tooLarge = await forwardAsOfWatchdog(base, {
    method: 'POST',
    target: '/api/circle',
    headers: { 'content-type': 'application/json' },
    body: `{"radii":[${'1,'.repeat(MAX_BODY_BYTES)}1]}`,
  });
  assert.is(tooLarge.status, 413);
  assert.is(JSON.parse(tooLarge.body).error.code, 'payload_too_large');
  const after = await forwardAsOfWatchdog(base, { method: 'GET', target: '/api/hello' });
  assert.equal([after.status, JSON.parse(after.body)], [200, { message: 'hello world' }]);
});

upstream('a request Node cannot parse answers 400 JSON', async () => {
  const socket = connect(Number(new URL(base).port), '127.0.0.1');
  socket.end('GET /api/hello HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n');
  let raw = '';
  for await (const chunk of socket) raw += String(chunk);
  assert.match(raw, /^HTTP\/1\.1 400 /);
  assert.is(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)).error.code, 'invalid_envelope');
});

upstream('a handler that throws answers the JSON 500 without detail, and is logged', async () => {
  lines.length = 0;
  const answer = await forwardAsOfWatchdog(failingBase, { method: 'GET', target: '/api/hello' });
  assert.equal([answer.status, JSON.parse(answer.body)], [500, { error: { code: 'internal_error', message: 'internal error' } }]);
  assert.equal(
    lines.map((line) => (line as RequestLog).status),
    [500],
  );
  const line = assertLogLine(lines[0], 'ERROR', 'request');
  assert.equal([line['error_code'], line['error']?.message], ['internal_error', 'secret detail at handler.ts:1:1']);
});

upstream('as in the template, what a handler returns without succeed() is the answer', async () => {
  const returning = createUpstreamServer({
    handler: async (_event, context) => {
      context.status(201);
      return { created: true };
    },
  });
  const answer = await forwardAsOfWatchdog(await listen(returning), { method: 'POST', target: '/anything', body: 'x' });
  await close(returning);
  assert.equal([answer.status, answer.body], [201, '{"created":true}']);
});

upstream.run();

const packaged = suite('openfaas: the packaged build context and its server process');
let artifact: Artifact;
let dir = '';

packaged.before(async () => {
  [artifact] = (await packageOpenfaas()) as [Artifact];
  dir = join(root, artifact.path);
});

packaged('the build context: bundles, Dockerfile and a stack pointed at it; no node_modules', async () => {
  assert.equal(artifact.files, ['Dockerfile', 'classic.mjs', 'kernel-worker.mjs', 'piscina/package.json', 'piscina/worker.js', 'server.mjs', 'stack.yaml']);
  const stack = await readFile(join(dir, 'stack.yaml'), 'utf8');
  assert.equal(
    [...stack.matchAll(/^ {4}handler: (.*)$/gm)].map(([, handler]) => handler),
    ['.', '.'],
  );
  // The budget the stack writes out is the default one, in both functions.
  assert.equal(
    [...stack.matchAll(/^ {6}POLYFN_BUDGET: "(\d+)"$/gm)].map(([, budget]) => Number(budget)),
    [DEFAULT_BUDGET, DEFAULT_BUDGET],
  );
  const dockerfile = await readFile(join(dir, 'Dockerfile'), 'utf8');
  assert.match(dockerfile, /^ARG WATCHDOG=ghcr\.io\/openfaas\/of-watchdog:\d+\.\d+\.\d+$/m);
  assert.match(dockerfile, /^USER node$/m);
  assert.match(dockerfile, /^HEALTHCHECK /m);
  // The watchdog proxies to upstream_url; the server listens on http_port, else DEFAULT_PORT.
  for (const text of [dockerfile, stack]) {
    assert.match(text, new RegExp(`upstream_url[:=] ?"http://127\\.0\\.0\\.1:${DEFAULT_PORT}"`));
    assert.match(text, new RegExp(`http_port[:=] ?"${DEFAULT_PORT}"`));
  }
});

packaged('a bad http_port stops the server with a clear error', async () => {
  for (const bad of ['abc', '0', '70000']) {
    const { code, stderr } = await run(process.execPath, OPENFAAS_UPSTREAM.args, { env: { ...process.env, http_port: bad } });
    assert.is(code, 1);
    assertLogLine(stderr.trim(), 'FATAL', `http_port must be a TCP port (1-65535), got "${bad}"`);
  }
});

packaged.run();
