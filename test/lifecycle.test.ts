// Lifecycle of the server modes as their platforms run them. On SIGTERM a server stops accepting,
// finishes the request in flight with `connection: close`, closes idle keep-alive connections at
// once (neither may hold the exit up until the 10 s grace runs out), and exits 0. The local server takes its port from
// PORT and refuses a bad one with a clear message. (The custom handler's and the OpenFaaS
// upstream's port variables are tested in azure.test.ts and openfaas.test.ts.)
import { once } from 'node:events';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packageAzure } from '../scripts/package/azure.ts';
import { packageOpenfaas } from '../scripts/package/openfaas.ts';
import { within } from './support/answers.ts';
import { run } from './support/run.ts';
import { CUSTOM_HANDLER, LOCAL_SERVER, OPENFAAS_UPSTREAM, refused, startServer, type ServerMode, type ServerProcess } from './support/servers.ts';

/** Well under closeOnSignals' 10 s grace, after which every connection is cut anyway. */
const EXIT_BOUND_MS = 5_000;
/** From the last answer to the exit: the pool's close and a log line, nothing waiting on a client. */
const EXIT_AFTER_ANSWER_MS = 2_000;

async function text(response: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of response) body += String(chunk);
  return body;
}

/** A keep-alive connection that has answered one request and now sits idle; resolves with its socket. */
async function idleKeepAlive(server: ServerProcess): Promise<Socket> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const req = httpRequest({ host: '127.0.0.1', port: server.port, path: '/api/hello', agent });
  const [[socket], [response]] = await Promise.all([once(req, 'socket') as Promise<[Socket]>, once(req.end(), 'response') as Promise<[IncomingMessage]>]);
  assert.is(response.statusCode, 200);
  await text(response);
  assert.is(response.headers['connection'], 'keep-alive');
  return socket;
}

const lifecycle = suite('lifecycle: graceful SIGTERM');
lifecycle.before(async () => {
  await Promise.all([packageAzure(), packageOpenfaas()]);
});

for (const mode of [LOCAL_SERVER, CUSTOM_HANDLER, OPENFAAS_UPSTREAM]) {
  lifecycle(`${mode.name}: idle keep-alive connections are closed at once and do not hold the exit up`, async () => {
    const server = await startServer(mode);
    try {
      const idle = await idleKeepAlive(server);
      const closed = once(idle, 'close');
      server.child.kill('SIGTERM');
      await within(closed, `${mode.name}: the idle connection closed`, EXIT_BOUND_MS);
      const { code, stdout } = await within(server.exited, `${mode.name}: exit`, EXIT_BOUND_MS);
      assert.is(code, 0);
      assert.match(stdout, /"message":"stopped"/);
    } finally {
      server.child.kill('SIGKILL');
    }
  });
}

const IN_FLIGHT_BODY = '{"min":100,"max":999}';
const WITH_LENGTH = { 'content-length': String(Buffer.byteLength(IN_FLIGHT_BODY)) };
/** How the request in flight reaches each mode: the body's framing and the headers of the platform in front. */
const IN_FLIGHT: Array<{ mode: ServerMode; headers: Record<string, string>; requestId?: string }> = [
  { mode: LOCAL_SERVER, headers: WITH_LENGTH },
  { mode: CUSTOM_HANDLER, headers: WITH_LENGTH },
  // of-watchdog forwards the body chunked, and the gateway's X-Call-Id becomes the log line's function_request_id.
  { mode: OPENFAAS_UPSTREAM, headers: { 'transfer-encoding': 'chunked', 'x-call-id': 'in-flight' }, requestId: 'in-flight' },
];

for (const { mode, headers, requestId } of IN_FLIGHT) {
  lifecycle(`${mode.name}: the request in flight at SIGTERM is answered, then the process exits 0; log lines are JSON without bodies`, async () => {
    const server = await startServer(mode);
    try {
      const inFlight = httpRequest({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/palindromes',
        // Keep-alive, as the platforms' front ends ask: only the server's answer can end the connection.
        agent: new Agent({ keepAlive: true }),
        // The server's 100 Continue says it has the request: from then on it is in flight.
        headers: { 'content-type': 'application/json', ...headers, expect: '100-continue' },
      });
      const answered = (once(inFlight, 'response') as Promise<[IncomingMessage]>).then(async ([response]) => ({
        status: response.statusCode,
        connection: response.headers['connection'],
        body: await text(response),
      }));
      inFlight.flushHeaders();
      await once(inFlight, 'continue');
      server.child.kill('SIGTERM');
      await within(refused(server.port), `${mode.name}: the server stops accepting`);
      inFlight.end(IN_FLIGHT_BODY);
      const { status, connection, body: answer } = await within(answered, `${mode.name}: the request in flight`);
      assert.is(status, 200);
      assert.is(connection, 'close', `${mode.name}: the answer after SIGTERM closes its connection`);
      assert.equal(JSON.parse(answer), { smallest: { value: 10201, factors: [[101, 101]] }, largest: { value: 906609, factors: [[913, 993]] } });
      const { code, stdout } = await within(server.exited, `${mode.name}: exit`, EXIT_AFTER_ANSWER_MS);
      assert.is(code, 0);
      const logged = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.equal(
        logged.map((line) => line['message']),
        ['listening', 'request', 'stopped'],
      );
      assert.equal([logged[1]!['route'], logged[1]!['status']], ['/api/palindromes', 200]);
      if (requestId) assert.is(logged[1]!['function_request_id'], requestId);
      assert.not.match(stdout, /906609|"min"|"max"/);
    } finally {
      server.child.kill('SIGKILL');
    }
  });
}

lifecycle.run();

// ---------------------------------------------------------------------------------------------
const ports = suite('lifecycle: the local server takes its port from PORT');

ports('PORT names the port it listens on', async () => {
  const server = await startServer(LOCAL_SERVER);
  try {
    const listening = server.logged().find((line) => line['message'] === 'listening');
    assert.is(listening?.['url'], `http://localhost:${server.port}`);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

ports('a bad PORT stops it at once with a clear message', async () => {
  for (const bad of ['http', '0', '70000', '80.5', ' 8080']) {
    const ran = await run(process.execPath, LOCAL_SERVER.args, { env: { ...process.env, PORT: bad } });
    assert.is(ran.code, 1, `PORT=${JSON.stringify(bad)}`);
    assert.is(ran.stderr, `polyfn: PORT must be a TCP port (1-65535), got ${JSON.stringify(bad)}\n`);
  }
});

ports.run();
