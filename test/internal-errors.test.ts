// A bug answers 500 internal_error without detail, and its cause (name, message, stack) goes where
// each platform keeps its logs: the request's log line on every adapter, at ERROR, under `error`.
// The bug is planted in the circle kernel of the registry for the length of each call (in the
// classic watchdog's own process, by a preloaded module), so it is met behind every adapter's real
// envelope handling.
import azure from '@azure/functions';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { httpHandler } from '../adapters/azure/functions.ts';
import { createCustomHandlerServer } from '../adapters/azure/custom-handler.ts';
import { handler as lambdaHandler } from '../adapters/lambda/handler.ts';
import { createLocalServer } from '../adapters/node/server.ts';
import { createHandler } from '../adapters/openfaas/handler.ts';
import { createUpstreamServer } from '../adapters/openfaas/server.ts';
import { root } from '../scripts/bundle.ts';
import { circleKernel } from '../src/index.ts';
import { functionFor, invocationPayload, invoke, PUBLIC_HOST } from './fixtures/azure/host.ts';
import { capturingStdout, envelopes, lambdaContext } from './fixtures/lambda/envelopes.ts';
import type { CaseRequest } from './conformance/cases.ts';
import { asForwarded, forwardedByOfWatchdog, overHttp } from './support/adapters.ts';
import { runAsClassicWatchdog } from './fixtures/openfaas/watchdogs.ts';
import { assertLogLine } from './support/log.ts';
import { close, listen } from './support/http.ts';

const REQUEST: CaseRequest = { method: 'GET', path: '/api/circle', query: { radius: ['1'] } };
const BUG = 'a bug planted for this test';
const BARE_500 = { error: { code: 'internal_error', message: 'internal error' } };

/** Runs `call` with the circle kernel failing as a bug would. */
async function withBug<T>(call: () => Promise<T>): Promise<T> {
  const compute = circleKernel.compute;
  circleKernel.compute = () => {
    throw new RangeError(BUG);
  };
  try {
    return await call();
  } finally {
    circleKernel.compute = compute;
  }
}

/** The one log line of the failed request, with its cause, and an answer without it. */
function assertLogged(lines: unknown[], status: number, body: string, plantedIn = /internal-errors\.test\.ts/): void {
  assert.is(status, 500);
  assert.equal(JSON.parse(body), BARE_500);
  const requestLines = lines
    .map((line) => (typeof line === 'string' ? JSON.parse(line) : line) as Record<string, unknown>)
    .filter((line) => line['message'] === 'request');
  assert.is(requestLines.length, 1, JSON.stringify(lines));
  const line = assertLogLine(requestLines[0], 'ERROR', 'request');
  assert.is(line['error_code'], 'internal_error');
  assert.is(line['error']?.name, 'RangeError');
  assert.is(line['error']?.message, BUG);
  assert.match(line['error']?.stack ?? '', plantedIn);
}

const test = suite("an internal error's cause is logged, never answered");

test('local server: the JSON log line', async () => {
  const lines: unknown[] = [];
  const server = createLocalServer({ log: (line) => lines.push(line) });
  try {
    const base = await listen(server);
    const answer = await withBug(() => overHttp(base)(REQUEST));
    assertLogged(lines, answer.status, answer.body);
  } finally {
    await close(server);
  }
});

test('OpenFaaS of-watchdog upstream: the JSON log line', async () => {
  const lines: unknown[] = [];
  const server = createUpstreamServer({ handler: createHandler({ log: (line) => lines.push(line) }) });
  try {
    const answer = await withBug(async () => forwardedByOfWatchdog(await listen(server))(REQUEST));
    assertLogged(lines, answer.status, answer.body);
  } finally {
    await close(server);
  }
});

test('Azure custom handler: the host console, not the invocation’s Logs (which the host keeps as Information)', async () => {
  const lines: unknown[] = [];
  const server = createCustomHandlerServer({ log: (line) => lines.push(line) });
  try {
    const base = await listen(server);
    const { response } = await withBug(() => invoke(base, functionFor(REQUEST.path).name, invocationPayload(REQUEST)));
    const output = response.Outputs['res']!;
    assert.equal(response.Logs, []);
    assertLogged(lines, output.statusCode, output.body);
  } finally {
    await close(server);
  }
});

test('Azure Functions v4: the invocation context’s error log', async () => {
  const lines: unknown[] = [];
  const context = new azure.InvocationContext({ functionName: 'circle', logHandler: (_level, ...args) => lines.push(args.join(' ')) });
  const request = new azure.HttpRequest({ method: 'GET', url: `https://${PUBLIC_HOST}/api/circle?radius=1` });
  const init = await withBug(() => httpHandler(request, context));
  assertLogged(lines, init.status!, String(init.body));
});

test('AWS Lambda: the JSON line on stdout', async () => {
  const { value, lines } = await withBug(() => capturingStdout(() => lambdaHandler(envelopes['http-v2'].build(REQUEST), lambdaContext())));
  const result = value as { statusCode: number; body: string };
  assertLogged(lines, result.statusCode, result.body);
});

test('OpenFaaS classic watchdog: the JSON line on the process’s stderr', async () => {
  // The function process from source, as the watchdog forks it, with the bug preloaded into it.
  const entry = join(root, 'adapters/openfaas/classic.ts');
  const preload = ['--import', 'tsx', '--import', join(root, 'test/fixtures/openfaas/planted-bug.ts')];
  const run = await runAsClassicWatchdog(entry, asForwarded(REQUEST), { combine_output: 'false', PLANTED_BUG: BUG }, preload);
  // The watchdog answers 200 for any process that exits 0: the contract's status is in the log line.
  assert.is(run.exitCode, 0, run.stderr);
  const lines = run.stderr.trim().split('\n');
  assertLogged(lines, Number(JSON.parse(lines[0]!).status), run.stdout, /planted-bug\.ts/);
});

test.run();
