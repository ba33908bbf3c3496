// No head-of-line blocking in the server modes (local server, OpenFaaS upstream, Azure custom
// handler): searches run on the worker pool, so while a backlog of long searches computes, hello and
// circle requests are answered, all of them before the backlog's last search (an ordering, not a
// timing). And the queue limit: with one worker and a queue of one, extra searches are refused at
// once with 503 overloaded and retry-after, the server keeps serving, and later searches succeed;
// an invalid search is refused as invalid (400) even then, since it is validated before it queues.
import type { Server } from 'node:http';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADVERSARIAL_RANGES } from '../bench/palindromes-targets.ts';
import { createCustomHandlerServer } from '../adapters/azure/custom-handler.ts';
import { createLocalServer } from '../adapters/node/server.ts';
import { createHandler } from '../adapters/openfaas/handler.ts';
import { createUpstreamServer } from '../adapters/openfaas/server.ts';
import { palindromeResultToJSON, palindromes } from '../src/index.ts';
import type { Compute } from '../src/contract/compute.ts';
import { poolCompute, type PoolCompute } from '../src/server/pool.ts';
import type { ActualResponse, CaseRequest } from './conformance/cases.ts';
import { forwardedByOfWatchdog, invokedByAzureHost, overHttp, type Send } from './support/adapters.ts';
import { assertClientError, within } from './support/answers.ts';
import { close, listen } from './support/http.ts';

interface ServerMode {
  name: string;
  create(compute: Compute): Server;
  connect(base: string): Send;
}

const MODES: ServerMode[] = [
  { name: 'local server', create: (compute) => createLocalServer({ compute }), connect: overHttp },
  { name: 'openfaas upstream', create: (compute) => createUpstreamServer({ handler: createHandler({ compute }) }), connect: forwardedByOfWatchdog },
  { name: 'azure custom handler (invocations)', create: (compute) => createCustomHandlerServer({ compute }), connect: invokedByAzureHost },
];

// The costliest range known, on the JS twin: tens of ms a search, so a backlog of them lasts a while.
const { min, max } = ADVERSARIAL_RANGES[0]!;
const SEARCH: CaseRequest = { method: 'GET', path: '/api/palindromes', query: { min: [String(min)], max: [String(max)], engine: ['js'] } };
const EXPECTED = palindromeResultToJSON(palindromes(min, max));
/** min > max: the kernel's domain check, which must run before the queue, not in the worker. */
const INVALID_SEARCH: CaseRequest = { method: 'GET', path: '/api/palindromes', query: { min: ['99'], max: ['10'], engine: ['js'] } };
const CHEAP: CaseRequest[] = [
  { method: 'GET', path: '/api/hello' },
  { method: 'GET', path: '/api/circle', query: { radius: ['2'] } },
  { method: 'POST', path: '/api/circle', headers: { 'content-type': 'application/json' }, body: '{"radii":[1,2,3]}' },
];

function assertSearchAnswered(answer: ActualResponse, where: string): void {
  assert.is(answer.status, 200, `${where}: ${answer.body}`);
  assert.equal(JSON.parse(answer.body), EXPECTED, where);
}

/** Starts `mode` with `pool`, runs `body` against it, and stops both. */
async function withServer(mode: ServerMode, pool: PoolCompute, body: (send: Send) => Promise<void>): Promise<void> {
  const server = mode.create(pool);
  try {
    await body(mode.connect(await listen(server)));
  } finally {
    await close(server);
    await pool.close();
  }
}

const headOfLine = suite('no head-of-line blocking: cheap requests overtake a backlog of long searches');
const BACKLOG = 12;
const CHEAP_ROUNDS = 5;

for (const mode of MODES) {
  headOfLine(mode.name, () =>
    withServer(mode, poolCompute({ threads: 1, maxQueue: BACKLOG }), async (send) => {
      let searchesDone = 0;
      const searches = Array.from({ length: BACKLOG }, () =>
        within(send(SEARCH), `${mode.name}: search`).then((answer) => {
          searchesDone++;
          return answer;
        }),
      );
      // One search answered: the worker is on the next, the rest wait in the queue.
      await Promise.race(searches);
      const doneBefore: number[] = [];
      for (let round = 0; round < CHEAP_ROUNDS; round++) {
        const answers = await Promise.all(CHEAP.map((request) => within(send(request), `${mode.name}: ${request.path}`)));
        for (const answer of answers) assert.is(answer.status, 200, `${mode.name}: ${answer.body}`);
        doneBefore.push(searchesDone);
      }
      for (const answer of await Promise.all(searches)) assertSearchAnswered(answer, mode.name);
      assert.ok(doneBefore.at(-1)! < BACKLOG, `${mode.name}: every cheap request waited for the whole backlog (searches done after each round: ${doneBefore})`);
    }),
  );
}

headOfLine.run();

const queue = suite('the queue limit: a full pool answers 503 overloaded with retry-after, and keeps serving');

for (const mode of MODES) {
  queue(mode.name, () =>
    withServer(mode, poolCompute({ threads: 1, maxQueue: 1 }), async (send) => {
      assertSearchAnswered(await within(send(SEARCH), `${mode.name}: warm-up`), `${mode.name}: warm-up`); // the worker is up
      // Invalid searches interleaved with the burst: those arriving while the pool is full are still 400.
      const burst: Array<Promise<ActualResponse>> = [];
      const invalid: Array<Promise<ActualResponse>> = [];
      for (let i = 0; i < 8; i++) {
        burst.push(within(send(SEARCH), `${mode.name}: burst`));
        invalid.push(within(send(INVALID_SEARCH), `${mode.name}: invalid search`));
      }
      const hello = await within(send(CHEAP[0]!), `${mode.name}: hello`);
      assert.is(hello.status, 200, 'cheap requests are served while the pool is full');
      for (const answer of await Promise.all(invalid)) assertClientError(answer, 'invalid_parameter', `${mode.name}: min > max while the pool is full`);
      const answers = await Promise.all(burst);
      const refused = answers.filter((answer) => answer.status === 503);
      assert.ok(refused.length > 0, `${mode.name}: 8 searches at once on 1 worker with a queue of 1, none refused`);
      for (const answer of refused) {
        assert.equal(JSON.parse(answer.body), { error: { code: 'overloaded', message: 'every worker is busy and the queue is full; retry shortly' } });
        assert.is(answer.headers['retry-after'], '1', `${mode.name}: retry-after`);
      }
      for (const answer of answers.filter((a) => a.status !== 503)) assertSearchAnswered(answer, mode.name);
      assertSearchAnswered(await within(send(SEARCH), `${mode.name}: later`), `${mode.name}: a later search`);
    }),
  );
}

queue.run();
