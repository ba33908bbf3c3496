// The Azure adapters beyond the conformance table: the custom handler's start-up probe, its Logs
// line, Metadata and bad payloads; the v4 handler's log line; the deployment files against the
// functions the code registers; and the packaged apps as deployed (the bundles in dist/).
import azure from '@azure/functions';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCustomHandlerServer, hostConsoleLog, PORT_VARIABLE } from '../adapters/azure/custom-handler.ts';
import { OUTPUT_BINDING, type InvocationRequest } from '../adapters/azure/invocation.ts';
import { AZURE_FUNCTIONS, CATCH_ALL, ROUTE_PREFIX } from '../adapters/azure/function-app.ts';
import { httpHandler } from '../adapters/azure/functions.ts';
import { root } from '../scripts/bundle.ts';
import { packageAzure } from '../scripts/package/azure.ts';
import { logLine, type RequestLog } from '../src/contract/log.ts';
import { ROUTE_PATHS, routes } from '../src/contract/routes.ts';
import type { Artifact } from '../scripts/package/artifact.ts';
import { invocationPayload, invoke, PUBLIC_HOST, type ClientRequest } from './fixtures/azure/host.ts';
import { close, listen, send } from './support/http.ts';
import { assertLogLine, capturedStream } from './support/log.ts';
import { run } from './support/run.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

// ---------------------------------------------------------------------------------------------
const handler = suite('azure custom handler');
/** Lines the handler gave the host's console (hostConsoleLog when the host runs it). */
const consoleLines: RequestLog[] = [];
const server = createCustomHandlerServer({ log: (line) => consoleLines.push(line) });
let base = '';
handler.before(async () => void (base = await listen(server)));
handler.after(() => close(server));

async function invokeClient(client: ClientRequest, invocationId?: string) {
  return invoke(base, 'palindromes', invocationPayload(client), invocationId);
}

handler('GET / answers the host start-up probe', async () => {
  const answer = await send(`${base}/`);
  assert.is(answer.status, 200);
  assert.equal(JSON.parse(answer.body), { status: 'ready' });
});

handler('Logs holds one structured request line with the invocation id', async () => {
  const { response } = await invokeClient({ method: 'GET', path: '/api/palindromes', query: { min: ['10'], max: ['99'] } }, 'invocation-1');
  assert.is(response.Logs.length, 1);
  const line = assertLogLine(response.Logs[0]!, 'INFO', 'request');
  assert.equal(
    { ...line, timestamp: typeof line['timestamp'], kernelMs: typeof line['kernelMs'], durationMs: typeof line['durationMs'] },
    {
      level: 'INFO',
      message: 'request',
      timestamp: 'string',
      service: 'polyfn',
      function_request_id: 'invocation-1',
      function_name: 'palindromes',
      method: 'GET',
      route: '/api/palindromes',
      status: 200,
      kernelMs: 'number',
      engine: 'wasm',
      durationMs: 'number',
    },
  );
});

handler('an error answer is logged on the console, where the host keeps its level (Logs are Information), without the body', async () => {
  consoleLines.length = 0;
  const body = '{"min":10,"max":99,"secret-field":"secret-value"}';
  const { response } = await invokeClient({ method: 'POST', path: '/api/palindromes', headers: JSON_TYPE, body }, 'invocation-3');
  assert.is(response.Outputs[OUTPUT_BINDING]!.statusCode, 400);
  assert.equal(response.Logs, []);
  assert.is(consoleLines.length, 1);
  const line = assertLogLine(consoleLines[0], 'WARN', 'request');
  assert.equal([line['error_code'], line['function_request_id']], ['unknown_parameter', 'invocation-3']);
  assert.not.match(JSON.stringify(line), /secret/);
});

handler('the host console: stdout below WARN, stderr from WARN up, an error line never read as a warning', () => {
  const [stdout, stderr] = [capturedStream(), capturedStream()];
  const log = hostConsoleLog('INFO', stdout.stream, stderr.stream);
  log(logLine('DEBUG', 'below the level'));
  log(logLine('INFO', 'listening'));
  log(logLine('WARN', 'request', { error_code: 'not_found' }));
  const error = logLine('ERROR', 'request', { error: { name: 'Error', message: 'a WARNING about Warnings' } });
  log(error);
  assert.equal(
    stdout
      .text()
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text).message),
    ['listening'],
  );
  const [warning, failure] = stderr.text().split('\n').filter(Boolean);
  // The host files a stderr line that contains "warn" in any case as Warning, any other as Error.
  assert.match(warning!, /warn/i);
  assert.not.match(failure!, /warn/i);
  assert.equal(JSON.parse(failure!), error);
  const [quietOut, quietErr] = [capturedStream(), capturedStream()];
  hostConsoleLog('ERROR', quietOut.stream, quietErr.stream)(logLine('WARN', 'request'));
  assert.equal([quietOut.text(), quietErr.text()], ['', '']);
});

handler('ReturnValue is the same response as Outputs.res, for a function.json that binds $return', async () => {
  const { response } = await invokeClient({ method: 'PUT', path: '/api/engine', headers: JSON_TYPE, body: '{"engine":"js"}' });
  assert.equal(response.ReturnValue, response.Outputs[OUTPUT_BINDING]);
  assert.match(response.ReturnValue.headers['set-cookie']!, /^polyfn-engine=js;/);
});

handler('Metadata is optional and never read: the request is Data.req', async () => {
  const payload = invocationPayload({ method: 'GET', path: '/api/circle', query: { radius: ['2'] } });
  const answers = await Promise.all([
    invoke(base, 'circle', { Data: payload.Data }),
    invoke(base, 'circle', { ...payload, Metadata: null } as unknown as InvocationRequest),
    invoke(base, 'circle', { ...payload, Metadata: { ...payload.Metadata, Query: { radius: '3' }, Headers: 'odd' } }),
  ]);
  for (const { response } of answers) {
    assert.is(response.Outputs[OUTPUT_BINDING]!.statusCode, 200);
    assert.is(JSON.parse(response.Outputs[OUTPUT_BINDING]!.body).radius, 2);
  }
});

handler('an octet-stream body arrives base64 and is decoded before the contract reads it', async () => {
  const octet = { 'content-type': 'application/octet-stream' };
  const decoded = await invokeClient({ method: 'POST', path: '/api/palindromes', headers: octet, body: '{"min":10,"max":99}' });
  // Decoded, then refused by the contract for its type (not by the envelope for its encoding).
  assert.match(decoded.response.Outputs[OUTPUT_BINDING]!.body, /"unsupported_media_type"/);
  const invalid = await invokeClient({ method: 'POST', path: '/api/palindromes', headers: octet, rawBody: 'not*base64' });
  assert.match(invalid.response.Outputs[OUTPUT_BINDING]!.body, /"invalid_envelope"/);
});

const good = invocationPayload({ method: 'GET', path: '/api/hello' });
const badPayloads: Array<[string, string, string | object, number, string]> = [
  ['not JSON', 'hello', '{"Data":', 400, 'not JSON'],
  ['an empty body', 'hello', '', 400, 'not JSON'],
  ['JSON that is not an object', 'hello', '42', 400, 'Data.req'],
  ['no Data.req', 'hello', { Data: {}, Metadata: {} }, 400, 'Data.req'],
  ['a trigger not named req', 'hello', { Data: { request: good.Data.req } }, 400, 'named "req"'],
  ['a Url that is not a URL', 'hello', { Data: { req: { ...good.Data.req, Url: '/api/hello' } } }, 400, 'Data.req.Url'],
  ['no Method', 'hello', { Data: { req: { ...good.Data.req, Method: undefined } } }, 400, 'Data.req.Method'],
  ['Headers that are not lists', 'hello', { Data: { req: { ...good.Data.req, Headers: { Accept: [1] } } } }, 400, 'Data.req.Headers'],
  ['a Body that is not a string', 'hello', { Data: { req: { ...good.Data.req, Body: { min: 1 } } } }, 400, 'Data.req.Body'],
  ['an unknown function name', 'nope', good, 404, 'no function "nope"'],
];

handler('bad invocation payloads get a clear 4xx in the response shape, and the handler keeps serving', async () => {
  for (const [what, name, payload, status, message] of badPayloads) {
    consoleLines.length = 0;
    const { status: invocationStatus, response } = await invoke(base, name, payload as InvocationRequest | string);
    assert.is(invocationStatus, 200, `${what}: the invocation answer`);
    const res = response.Outputs[OUTPUT_BINDING]!;
    assert.is(res.statusCode, status, `${what}: the client's status`);
    const { error } = JSON.parse(res.body) as { error: { code: string; message: string } };
    assert.ok(error.message.includes(message), `${what}: "${error.message}" lacks "${message}"`);
    assert.equal(response.ReturnValue, res, what);
    assert.equal(response.Logs, [], what);
    assert.equal(
      consoleLines.map((line) => line.status),
      [status],
      what,
    );
  }
  const { response } = await invoke(base, 'hello', good);
  assert.equal(JSON.parse(response.Outputs[OUTPUT_BINDING]!.body), { message: 'hello world' });
});

handler.run();

// ---------------------------------------------------------------------------------------------
const v4 = suite('azure functions v4 handler');

v4('logs one structured line through the context, at the level of the answer, never the body', async () => {
  const logged: Array<[string, unknown[]]> = [];
  const context = () => new azure.InvocationContext({ invocationId: 'invocation-2', logHandler: (level, ...args) => logged.push([level, args]) });
  const ok = new azure.HttpRequest({ method: 'GET', url: `https://${PUBLIC_HOST}/api/hello` });
  const bad = new azure.HttpRequest({ method: 'POST', url: `https://${PUBLIC_HOST}/api/circle`, headers: JSON_TYPE, body: { string: '{"radius":"secret"}' } });
  await httpHandler(ok, context());
  await httpHandler(bad, context());
  assert.equal(
    logged.map(([level]) => level),
    ['information', 'warning'],
  );
  const [okLine, badLine] = logged.map(([, args]) => JSON.parse(args[0] as string));
  assertLogLine(okLine, 'INFO', 'request');
  assertLogLine(badLine, 'WARN', 'request');
  assert.equal([okLine.route, okLine.status, okLine.function_request_id], ['/api/hello', 200, 'invocation-2']);
  assert.equal([badLine.route, badLine.status, badLine.error_code], ['/api/circle', 400, 'invalid_parameter']);
  assert.not.match(JSON.stringify(logged), /secret/);
});

v4.run();

// ---------------------------------------------------------------------------------------------
const files = suite('azure deployment files');
const CUSTOM_HANDLER = join(root, 'deploy/azure/custom-handler');

files('every contract path lies under the route prefix both host.json files set', async () => {
  for (const { path } of routes) assert.ok(path.startsWith(ROUTE_PREFIX), path);
  for (const app of ['functions-app', 'custom-handler']) {
    const host = JSON.parse(await readFile(join(root, 'deploy/azure', app, 'host.json'), 'utf8'));
    assert.is(`/${host.extensions.http.routePrefix}/`, ROUTE_PREFIX, app);
  }
});

files('the catch-all sorts after every other function name, as the host orders routes', () => {
  const names = AZURE_FUNCTIONS.map((f) => f.name).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  assert.is(names.at(-1), CATCH_ALL.name);
});

files('the custom handler host.json runs the packaged bundle with node and proxies HTTP', async () => {
  const host = JSON.parse(await readFile(join(CUSTOM_HANDLER, 'host.json'), 'utf8'));
  assert.equal(host.customHandler, {
    description: { defaultExecutablePath: 'node', arguments: ['custom-handler.mjs'] },
    enableProxyingHttpRequest: true,
  });
});

files.run();

// ---------------------------------------------------------------------------------------------
const packaged = suite('azure packaged apps');
let artifacts: Artifact[] = [];
const BUNDLE = join(root, 'dist/azure-custom-handler/custom-handler.mjs');
packaged.before(async () => void (artifacts = await packageAzure()));

packaged('the package step lists each app with its files and size', () => {
  assert.equal(
    artifacts.map((a) => a.path),
    ['dist/azure-functions/', 'dist/azure-custom-handler/'],
  );
  const [app, custom] = artifacts as [Artifact, Artifact];
  assert.equal(app.files, ['host.json', 'index.js', 'local.settings.json', 'package.json']);
  assert.ok(custom.files.includes('custom-handler.mjs') && custom.files.includes('palindromes/function.json'));
  for (const a of artifacts) assert.ok(a.bytes > 0, a.path);
});

packaged('the custom handler ships one function.json per route, none kept by hand', async () => {
  const packagedApp = join(root, 'dist/azure-custom-handler');
  const functionFolders = (await readdir(packagedApp, { recursive: true })).filter((path) => path.endsWith('/function.json')).map((path) => path.split('/')[0]);
  assert.equal(functionFolders.sort(), AZURE_FUNCTIONS.map((f) => f.name).sort());
  assert.equal(
    AZURE_FUNCTIONS.filter((f) => f !== CATCH_ALL).map((f) => f.route),
    ROUTE_PATHS.map((path) => path.slice('/api/'.length)),
  );
  for (const { name } of AZURE_FUNCTIONS) assert.match(name, /^[A-Za-z0-9_-]+$/, 'a function name the host accepts');
  for (const { name, route } of AZURE_FUNCTIONS) {
    const { bindings } = JSON.parse(await readFile(join(packagedApp, name, 'function.json'), 'utf8'));
    // No `methods`: every method reaches the handler, so a wrong one gets the contract's 405.
    assert.equal(
      bindings,
      [
        { type: 'httpTrigger', direction: 'in', name: 'req', authLevel: 'anonymous', route },
        { type: 'http', direction: 'out', name: OUTPUT_BINDING },
      ],
      name,
    );
  }
  const committed = (await readdir(CUSTOM_HANDLER, { withFileTypes: true })).filter((e) => e.isDirectory());
  assert.equal(committed, [], 'deploy/azure/custom-handler/ holds no function folders: the package step writes them');
});

packaged('the v4 bundle loads with require outside the host, where app.http only warns', async () => {
  const { code, stderr } = await run(process.execPath, ['-e', "require('./dist/azure-functions/index.js')"]);
  assert.is(code, 0);
  assert.match(stderr, /Skipping call to register function "palindromes"/);
});

packaged('the v4 bundle registers every function with the worker, whose handlers answer', async () => {
  // The Node worker answers require('@azure/functions-core'); this stand-in records the registrations.
  const app = await mkdtemp(join(tmpdir(), 'polyfn-azure-'));
  try {
    await mkdir(join(app, 'node_modules/@azure/functions-core'), { recursive: true });
    await writeFile(
      join(app, 'node_modules/@azure/functions-core/index.js'),
      'exports.registered = []; exports.setProgrammingModel = () => {};\n' +
        'exports.registerFunction = (metadata, callback) => { exports.registered.push({ metadata, callback }); return { dispose() {} }; };\n',
    );
    await cp(join(root, 'dist/azure-functions/index.js'), join(app, 'index.js'));
    const require = createRequire(join(app, 'index.js'));
    require('./index.js');
    type Registered = {
      metadata: { name: string; bindings: Record<string, { type: string; route?: string; methods?: string[]; authLevel?: string }> };
      callback: typeof httpHandler;
    };
    const { registered } = require('@azure/functions-core') as { registered: Registered[] };
    assert.equal(
      registered.map((r) => r.metadata.name),
      AZURE_FUNCTIONS.map((f) => f.name),
    );
    for (const [i, { metadata }] of registered.entries()) {
      const trigger = Object.values(metadata.bindings).find((b) => b.type === 'httpTrigger')!;
      assert.equal([trigger.route, trigger.authLevel, trigger.methods?.length], [AZURE_FUNCTIONS[i]!.route, 'anonymous', 9]);
    }
    const hello = registered.find((r) => r.metadata.name === 'hello')!;
    const answer = await hello.callback(
      new azure.HttpRequest({ method: 'GET', url: `https://${PUBLIC_HOST}/api/hello` }),
      new azure.InvocationContext({ logHandler: () => {} }),
    );
    assert.equal(JSON.parse(String((answer as { body: string }).body)), { message: 'hello world' });
  } finally {
    await rm(app, { recursive: true, force: true });
  }
});

for (const [what, value, message] of [
  ['missing', undefined, `${PORT_VARIABLE} is not set`],
  ['not a port', 'http', `${PORT_VARIABLE} must be a TCP port`],
  ['out of range', '70000', `${PORT_VARIABLE} must be a TCP port`],
] as const) {
  packaged(`the custom handler bundle refuses to start when ${PORT_VARIABLE} is ${what}`, async () => {
    const env = { ...process.env, [PORT_VARIABLE]: value };
    if (value === undefined) delete env[PORT_VARIABLE];
    const { code, stderr } = await run(process.execPath, [BUNDLE], { env });
    assert.is(code, 1);
    assert.ok(stderr.includes(message), stderr);
  });
}

packaged.run();
