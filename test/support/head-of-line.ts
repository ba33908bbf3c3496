// No head-of-line blocking, as an ordering rather than a timing: while a backlog of long searches
// computes (the costliest range known, on the JS twin: tens of ms each), cheap requests (hello,
// circle) are answered, all of them before the backlog's last search. Used by the Node server modes'
// pool test and the Deno and Bun servers' tests.
import * as assert from 'uvu/assert';
import { ADVERSARIAL_RANGES } from '../../bench/palindromes-targets.ts';
import { palindromeResultToJSON, palindromes } from '../../src/index.ts';
import type { ActualResponse, CaseRequest } from '../conformance/cases.ts';
import type { Send } from './adapters.ts';
import { assertClientError, within } from './answers.ts';

const { min, max } = ADVERSARIAL_RANGES[0]!;
export const LONG_SEARCH: CaseRequest = { method: 'GET', path: '/api/palindromes', query: { min: [String(min)], max: [String(max)], engine: ['js'] } };
const EXPECTED = palindromeResultToJSON(palindromes(min, max));
/** min > max: the kernel's domain check, which must run before the queue, not in the worker. */
const INVALID_SEARCH: CaseRequest = { method: 'GET', path: '/api/palindromes', query: { min: ['99'], max: ['10'], engine: ['js'] } };
export const CHEAP: CaseRequest[] = [
  { method: 'GET', path: '/api/hello' },
  { method: 'GET', path: '/api/circle', query: { radius: ['2'] } },
  { method: 'POST', path: '/api/circle', headers: { 'content-type': 'application/json' }, body: '{"radii":[1,2,3]}' },
];

export function assertSearchAnswered(answer: ActualResponse, where: string): void {
  assert.is(answer.status, 200, `${where}: ${answer.body}`);
  assert.equal(JSON.parse(answer.body), EXPECTED, where);
}

/** Sends `backlog` long searches at once, then rounds of cheap requests once the first search is answered. */
export async function assertCheapOvertakeSearches(send: Send, where: string, backlog = 12, rounds = 5): Promise<void> {
  let searchesDone = 0;
  const searches = Array.from({ length: backlog }, () =>
    within(send(LONG_SEARCH), `${where}: search`).then((answer) => {
      searchesDone++;
      return answer;
    }),
  );
  // One search answered: the workers are on the next ones, the rest wait in the queue.
  await Promise.race(searches);
  const doneBefore: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const answers = await Promise.all(CHEAP.map((request) => within(send(request), `${where}: ${request.path}`)));
    for (const answer of answers) assert.is(answer.status, 200, `${where}: ${answer.body}`);
    doneBefore.push(searchesDone);
  }
  for (const answer of await Promise.all(searches)) assertSearchAnswered(answer, where);
  assert.ok(doneBefore.at(-1)! < backlog, `${where}: every cheap request waited for the whole backlog (searches done after each round: ${doneBefore})`);
}

/**
 * The queue limit of a pool of one worker and a queue of one: of 8 long searches at once, some are
 * refused at once with 503 overloaded and retry-after, cheap requests are served meanwhile, the
 * others and later searches get their answers; a search that breaks the domain is 400 even while
 * the pool is full (validated before it queues).
 */
export async function assertQueueLimit(send: Send, where: string): Promise<void> {
  assertSearchAnswered(await within(send(LONG_SEARCH), `${where}: warm-up`), `${where}: warm-up`); // the worker is up
  // Invalid searches interleaved with the burst: those arriving while the pool is full are still 400.
  const burst: Array<Promise<ActualResponse>> = [];
  const invalid: Array<Promise<ActualResponse>> = [];
  for (let i = 0; i < 8; i++) {
    burst.push(within(send(LONG_SEARCH), `${where}: burst`));
    invalid.push(within(send(INVALID_SEARCH), `${where}: invalid search`));
  }
  const hello = await within(send(CHEAP[0]!), `${where}: hello`);
  assert.is(hello.status, 200, 'cheap requests are served while the pool is full');
  for (const answer of await Promise.all(invalid)) assertClientError(answer, 'invalid_parameter', `${where}: min > max while the pool is full`);
  const answers = await Promise.all(burst);
  const refused = answers.filter((answer) => answer.status === 503);
  assert.ok(refused.length > 0, `${where}: 8 searches at once on 1 worker with a queue of 1, none refused`);
  for (const answer of refused) {
    assert.equal(JSON.parse(answer.body), { error: { code: 'overloaded', message: 'every worker is busy and the queue is full; retry shortly' } });
    assert.is(answer.headers['retry-after'], '1', `${where}: retry-after`);
  }
  for (const answer of answers.filter((a) => a.status !== 503)) assertSearchAnswered(answer, where);
  assertSearchAnswered(await within(send(LONG_SEARCH), `${where}: later`), `${where}: a later search`);
}
