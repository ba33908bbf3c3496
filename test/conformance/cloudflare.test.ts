// Cloudflare Workers: the packaged dist/cloudflare/ served by workerd, the open-source Workers runtime,
// from the very wrangler.jsonc `wrangler deploy` reads (one process for the file's suites): the
// conformance table, the Node server's answers for every exchange, what workerd's own HTTP server
// answers to malformed requests, and the budget the folder ships with.
import { createRequire } from 'node:module';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packageCloudflare, wranglerConfig } from '../../scripts/package/cloudflare.ts';
import { ADVERSARIAL_RANGES } from '../../bench/palindromes-targets.ts';
import { overHttp } from '../support/adapters.ts';
import { malformedSuite } from '../support/malformed.ts';
import { sharedRuntime, startWorkerd } from '../support/runtimes.ts';
import { exchange, sameAsNodeSuite } from '../support/same-as-node.ts';
import { conformanceSuite } from './suite.ts';

const NAME = 'cloudflare workers (workerd)';
const workerd = sharedRuntime(async () => {
  await packageCloudflare();
  return startWorkerd();
});

conformanceSuite(NAME, ({ request }) => overHttp(workerd.base)(request), {
  before: workerd.start,
  unsupported: { 'invalid base64 body': 'a Request carries raw bytes: there is no base64 encoding to get wrong' },
});

sameAsNodeSuite(NAME, (request) => exchange(workerd.base, request));

const WORKERD_SERVER = "workerd's own HTTP server answers it before the worker runs (on Cloudflare, the edge answers it)";
malformedSuite(NAME, () => workerd.base, {
  'a garbage request line': { status: 501, body: 'text', why: `${WORKERD_SERVER}: an unknown method is 501 there` },
  'a header line without a colon': { status: 400, body: 'text', why: WORKERD_SERVER },
  'a request head over the limit': { status: 200, body: 'json', why: "the 16 KiB head limit is the Node servers'; workerd reads larger heads" },
  'a broken chunked body': { status: 400, body: 'invalid_envelope' },
  'HTTP/1.0 without a host': { status: 400, body: 'text', why: `${WORKERD_SERVER}: it requires a Host` },
});

const budget = suite('cloudflare workers: the budget bounds a search, as the clock cannot');
budget.after(workerd.stop);

budget('the costliest known search answers 422 at the budget the folder ships with, and the isolate goes on', async () => {
  const { vars } = await wranglerConfig();
  const { min, max } = ADVERSARIAL_RANGES[0]!;
  for (const engine of ['wasm', 'js']) {
    const answer = await overHttp(workerd.base)({
      method: 'GET',
      path: '/api/palindromes',
      query: { min: [String(min)], max: [String(max)], engine: [engine] },
    });
    assert.is(answer.status, 422, answer.body);
    assert.equal(JSON.parse(answer.body), {
      error: { code: 'budget_exceeded', message: `the search of [${min}, ${max}] needs more than ${vars['POLYFN_BUDGET']} steps` },
    });
  }
  assert.is((await overHttp(workerd.base)({ method: 'GET', path: '/api/palindromes', query: { min: ['100'], max: ['999'] } })).status, 200);
});

budget('the folder names its worker, and a compatibility date the installed workerd supports', async () => {
  const { main, compatibility_date: date } = await wranglerConfig();
  assert.is(main, 'worker.mjs');
  const newest = (createRequire(import.meta.url)('workerd') as { compatibilityDate: string }).compatibilityDate;
  assert.ok(date <= newest, `compatibility_date ${date} is after the installed workerd's ${newest}`);
});

budget.run();
