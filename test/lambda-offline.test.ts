// End to end under serverless-offline, a local emulator of API Gateway's HTTP API and of Lambda's
// Invoke API: deploy/aws/serverless.yml as written runs the packaged bundle (dist/lambda/index.mjs,
// handler index.handler), and real HTTP requests on loopback go through the emulator's events.
// It runs offline: telemetry and notifications are off, and the emulator listens on 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../scripts/bundle.ts';
import { packageLambda } from '../scripts/package/lambda.ts';
import { freePort, send } from './support/http.ts';
import { assertLogLine } from './support/log.ts';

const SERVERLESS = join(root, 'node_modules/serverless/bin/serverless.js');
const FUNCTION_NAME = 'polyfn-dev-api'; // service-stage-function, as serverless names it
const STARTUP_LIMIT_MS = 20_000;
const STOP_LIMIT_MS = 5_000;

let emulator: ChildProcess | undefined;
let output = '';
let http = '';
let lambda = '';

/** Starts `serverless offline start` in its own process group and waits for "Server ready". */
async function start(): Promise<void> {
  await packageLambda();
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  http = `http://127.0.0.1:${httpPort}`;
  lambda = `http://127.0.0.1:${lambdaPort}`;
  const args = ['offline', 'start', '--host', '127.0.0.1', '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort)];
  const child = spawn(process.execPath, [SERVERLESS, ...args], {
    cwd: join(root, 'deploy/aws'),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', SLS_INTERACTIVE_SETUP_DISABLE: '1', FORCE_COLOR: '0' },
  });
  emulator = child;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serverless-offline not ready after ${STARTUP_LIMIT_MS} ms:\n${output}`)), STARTUP_LIMIT_MS);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serverless-offline exited (${code}) before it was ready:\n${output}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops the whole process group (serverless, its plugin and the Lambda worker), forcibly if it lingers. */
async function stop(): Promise<void> {
  const child = emulator;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), STOP_LIMIT_MS);
  await exited;
  clearTimeout(timer);
}

/** A direct invocation through the emulated Lambda Invoke API, as `aws lambda invoke --endpoint-url` sends it. */
async function invoke(payload: unknown): Promise<unknown> {
  const answer = await send(`${lambda}/2015-03-31/functions/${FUNCTION_NAME}/invocations`, { method: 'POST', body: JSON.stringify(payload) });
  assert.is(answer.status, 200, answer.body);
  return JSON.parse(answer.body);
}

const offline = suite('lambda under serverless-offline');
offline.before(start);
offline.after(stop);

offline('GET /api/hello through the emulated HTTP API', async () => {
  const answer = await send(`${http}/api/hello`);
  assert.is(answer.status, 200);
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(JSON.parse(answer.body), { message: 'hello world' });
});

offline('GET /api/palindromes, with the kernel time in server-timing', async () => {
  const answer = await send(`${http}/api/palindromes?min=10&max=99`);
  assert.is(answer.status, 200);
  assert.equal(JSON.parse(answer.body), { smallest: { value: 121, factors: [[11, 11]] }, largest: { value: 9009, factors: [[91, 99]] } });
  assert.match(answer.headers['server-timing'] ?? '', /^kernel;dur=\d+\.\d{3};desc="wasm"$/);
});

offline('errors keep their status and JSON body', async () => {
  const range = await send(`${http}/api/palindromes?min=99&max=10`);
  assert.is(range.status, 400);
  assert.equal(JSON.parse(range.body), { error: { code: 'invalid_parameter', message: 'min must be <= max' } });
  const form = await send(`${http}/api/circle`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'radius=2' });
  assert.is(form.status, 415);
  assert.is(JSON.parse(form.body).error.code, 'unsupported_media_type');
});

offline('the engine cookie is set through `cookies` and read back from the Cookie header', async () => {
  const set = await send(`${http}/api/engine`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"engine":"js"}' });
  assert.is(set.status, 200);
  assert.is(set.cookies.length, 1);
  assert.match(set.cookies[0]!, /^polyfn-engine=js; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/);
  const read = await send(`${http}/api/engine`, { headers: { cookie: `theme=dark; ${set.cookies[0]!.split(';')[0]}` } });
  assert.equal(JSON.parse(read.body), { engine: 'js', source: 'cookie' });
});

offline('direct invocation through the emulated Lambda Invoke API; an error fails the invocation', async () => {
  assert.equal(await invoke({ op: 'circle', radius: 2 }), { radius: 2, area: 12.566370614359172, circumference: 12.566370614359172 });
  const failed = await send(`${lambda}/2015-03-31/functions/${FUNCTION_NAME}/invocations`, { method: 'POST', body: '{"op":"palindromes","min":10}' });
  assert.is(failed.status, 200, failed.body);
  assert.is(failed.headers['x-amz-function-error'], 'Unhandled');
  // The emulator reports every failure as errorType "Error" (Lambda reports the error's name,
  // here missing_parameter, which test/lambda.test.ts checks on the handler): its trace shows the name.
  const { errorMessage, trace } = JSON.parse(failed.body) as { errorMessage: string; trace: string[] };
  assert.equal([errorMessage, trace[0]], ['max is required', 'missing_parameter: max is required']);
});

offline('the function logged one JSON line per request, with its request id and without bodies', async () => {
  // The emulator prints the RequestId of the invocations that succeed: all but the failed direct one.
  const [requests, failed] = [8, 1];
  const ran = () => [...output.matchAll(/\(λ: api\) RequestId: ([0-9a-f-]{36})/g)].map((match) => match[1]);
  const logged = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{"level"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  // The emulator's output can trail the responses it sent: wait (bounded) for the last lines.
  for (let waited = 0; (ran().length < requests - failed || logged().length < requests) && waited < 2_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.is(ran().length, requests - failed, 'requests the emulator ran');
  assert.is(logged().length, requests, 'lines logged');
  for (const line of logged()) assertLogLine(line, undefined, 'request');
  const ids = logged().map((line) => line['function_request_id']);
  assert.is(new Set(ids).size, requests, 'one request id per line');
  for (const id of ran()) assert.ok(ids.includes(id), `no line for ${id}`);
  assert.equal([...new Set(logged().map((line) => line['event']))].sort(), ['direct', 'http-v2']);
  for (const body of ['radius=2', '"engine":"js"', '"op"']) assert.not.ok(output.includes(body), `a body was logged: ${body}`);
});

offline.run();
