// Work budget and deadlines: every search is bounded. The adversarial ranges (the costliest found)
// stop with 422 budget_exceeded one step short of their cost and are answered at the default budget,
// on both engines, through a server's worker pool; a platform deadline (Lambda's remaining time,
// the watchdog's exec_timeout) stops a search with 422 too; and every entry point takes the
// operator's POLYFN_BUDGET (a bad value stops it at start with a clear message). Each request is
// bounded by a generous timeout: it proves the search stops, not how fast.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADVERSARIAL_RANGES } from '../bench/palindromes-targets.ts';
import { createLocalServer } from '../adapters/node/server.ts';
import { createHandler } from '../adapters/openfaas/handler.ts';
import { createUpstreamServer } from '../adapters/openfaas/server.ts';
import { packageAzure } from '../scripts/package/azure.ts';
import { DEFAULT_BUDGET, ENGINES, palindromeResultToJSON, palindromes } from '../src/index.ts';
import { engines } from '../src/core/kernels/palindromes.ts';
import { budgetFromEnv } from '../src/contract/config.ts';
import { DEADLINE_MARGIN_MS } from '../src/contract/limits.ts';
import { poolCompute } from '../src/server/pool.ts';
import { ENVELOPE_KINDS } from './fixtures/lambda/envelopes.ts';
import { forwardedByOfWatchdog, overHttp, throughLambda } from './support/adapters.ts';
import { assertClientError, within } from './support/answers.ts';
import { close, listen, send } from './support/http.ts';
import { run } from './support/run.ts';
import { CUSTOM_HANDLER, LOCAL_SERVER, startServer, type ServerMode } from './support/servers.ts';

const [COSTLIEST] = ADVERSARIAL_RANGES;
const costliest = { min: String(COSTLIEST!.min), max: String(COSTLIEST!.max) };

// ---------------------------------------------------------------------------------------------
const budget = suite('work budget: the adversarial ranges through a server pool');
const pool = poolCompute({ threads: 2 });
const server = createLocalServer({ compute: pool });
let base = '';
budget.before(async () => void (base = await listen(server)));
budget.after(async () => {
  await close(server);
  await pool.close();
});

budget('without POLYFN_BUDGET the documented default applies (test/readme.test.ts holds the README to limits.ts)', () => {
  assert.is(budgetFromEnv({}), DEFAULT_BUDGET);
  assert.is(budgetFromEnv({ POLYFN_BUDGET: '' }), DEFAULT_BUDGET);
});

budget('one step short of its cost, each range answers 422 budget_exceeded; at the default, its result', async () => {
  for (const { min, max, kind } of ADVERSARIAL_RANGES) {
    const { steps } = engines.wasm(min, max, { budget: Number.MAX_SAFE_INTEGER, deadlineNs: 0n });
    assert.ok(steps < DEFAULT_BUDGET, `[${min}, ${max}] (${kind}) needs ${steps} steps, more than the default budget`);
    const expected = palindromeResultToJSON(palindromes(min, max));
    for (const engine of ENGINES) {
      const where = `[${min}, ${max}] on ${engine}`;
      const short = await within(send(`${base}/api/palindromes?min=${min}&max=${max}&engine=${engine}&budget=${steps - 1}`), where);
      assertClientError(short, 'budget_exceeded', where);
      assert.match(short.body, `needs more than ${steps - 1} steps`);
      const full = await within(send(`${base}/api/palindromes?min=${min}&max=${max}&engine=${engine}`), where);
      assert.is(full.status, 200, `${where}: ${full.body}`);
      assert.equal(JSON.parse(full.body), expected, where);
    }
  }
});

budget.run();

// ---------------------------------------------------------------------------------------------
const deadlines = suite('deadlines: a platform deadline stops the costliest search with 422');

deadlines("Lambda: the remaining time, less the margin, is the search's deadline (every event shape, both engines)", async () => {
  for (const kind of ENVELOPE_KINDS) {
    for (const engine of ENGINES) {
      const where = `lambda ${kind} on ${engine}`;
      // As if Lambda had only DEADLINE_MARGIN_MS left: the search gives up at its first clock check.
      const answer = await within(
        throughLambda(
          kind,
          DEADLINE_MARGIN_MS,
        )({ method: 'GET', path: '/api/palindromes', query: { min: [costliest.min], max: [costliest.max], engine: [engine] } }),
        where,
      );
      assertClientError(answer, 'budget_exceeded', where);
      assert.match(answer.body, /did not finish within \d+ ms/);
    }
  }
});

deadlines("OpenFaaS: the watchdog's exec_timeout is the deadline, also in the upstream's worker pool", async () => {
  const upstreamPool = poolCompute({ threads: 1 });
  const upstream = createUpstreamServer({ handler: createHandler({ compute: upstreamPool, execTimeoutMs: 1 }) });
  const forward = forwardedByOfWatchdog(await listen(upstream));
  try {
    for (const engine of ENGINES) {
      const answer = await within(
        forward({ method: 'GET', path: '/api/palindromes', query: { min: [costliest.min], max: [costliest.max], engine: [engine] } }),
        `openfaas on ${engine}`,
      );
      assertClientError(answer, 'budget_exceeded', `openfaas on ${engine}`);
      assert.match(answer.body, /did not finish within \d+ ms/);
    }
  } finally {
    await close(upstream);
    await upstreamPool.close();
  }
});

deadlines.run();

// ---------------------------------------------------------------------------------------------
const operator = suite("POLYFN_BUDGET: every entry point takes the operator's budget, and refuses a bad one at start");
const SMALL = '100';
const BAD = 'lots';
const badMessage = `POLYFN_BUDGET must be a positive integer (steps), got "${BAD}"`;
const over = { min: '1000', max: '9999' }; // 112 steps

/** Runs `code` (an ES module, from the repo root) in a fresh Node with POLYFN_BUDGET set: adapters read it once, at load. */
function withBudget(value: string, code: string) {
  return run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { env: { ...process.env, POLYFN_BUDGET: value } });
}

const LAMBDA_CALL = `
  const { handler } = await import('./adapters/lambda/handler.ts');
  // A direct invocation's error fails it: the error's name is its code.
  const failure = await handler({ op: 'palindromes', min: ${over.min}, max: ${over.max} }, { getRemainingTimeInMillis: () => 30000, awsRequestId: 'budget' }).catch((error) => error);
  process.stderr.write(JSON.stringify({ code: failure.name, message: failure.message })); // stdout has the log line`;
const AZURE_V4_CALL = `
  const { default: azure } = await import('@azure/functions');
  const { httpHandler } = await import('./adapters/azure/functions.ts');
  const request = new azure.HttpRequest({ method: 'GET', url: 'https://polyfn.example/api/palindromes?min=${over.min}&max=${over.max}' });
  const answer = await httpHandler(request, new azure.InvocationContext({ logHandler: () => {} }));
  process.stdout.write(JSON.stringify(answer));`;

operator('the Lambda handler, read at init', async () => {
  const [small, bad] = await Promise.all([withBudget(SMALL, LAMBDA_CALL), withBudget(BAD, LAMBDA_CALL)]);
  assert.is(small.code, 0, small.stderr);
  const failure = JSON.parse(small.stderr) as { code: string; message: string };
  assert.equal([failure.code, failure.message], ['budget_exceeded', `the search of [${over.min}, ${over.max}] needs more than ${SMALL} steps`]);
  assert.is(bad.code, 1);
  assert.ok(bad.stderr.includes(badMessage), bad.stderr);
});

operator('the Azure v4 handler, read when the worker loads the app', async () => {
  const [small, bad] = await Promise.all([withBudget(SMALL, AZURE_V4_CALL), withBudget(BAD, AZURE_V4_CALL)]);
  assert.is(small.code, 0, small.stderr);
  const answer = JSON.parse(small.stdout) as { status: number; body: string };
  assert.is(answer.status, 422);
  assert.match(answer.body, `needs more than ${SMALL} steps`);
  assert.is(bad.code, 1);
  assert.ok(bad.stderr.includes(badMessage), bad.stderr);
});

async function assertServerTakesBudget(mode: ServerMode): Promise<void> {
  const started = await startServer(mode, { POLYFN_BUDGET: SMALL });
  try {
    const answer = await within(overHttp(started.base)({ method: 'GET', path: '/api/palindromes', query: { min: [over.min], max: [over.max] } }), mode.name);
    assertClientError(answer, 'budget_exceeded', mode.name);
    assert.match(answer.body, `needs more than ${SMALL} steps`);
  } finally {
    started.child.kill('SIGTERM');
    await started.exited;
  }
  const refused = await startServer(mode, { POLYFN_BUDGET: BAD }).then(
    (unexpected) => void unexpected.child.kill('SIGKILL'),
    (error: Error) => error,
  );
  assert.ok(refused?.message.includes(badMessage), `started, or failed otherwise: ${refused?.message}`);
}

operator('the local server (polyfn serve)', () => assertServerTakesBudget(LOCAL_SERVER));

operator('the Azure custom handler, as packaged', async () => {
  await packageAzure();
  await assertServerTakesBudget(CUSTOM_HANDLER);
});

operator.run();
