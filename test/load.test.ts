// Load, as a test of behaviour (not of speed): autocannon on loopback against the local server and
// the Azure custom handler, each run as its platform starts it (its own process, a worker pool
// sized to the cores), with a mix of valid and invalid requests. Every request is answered: no
// connection errors or timeouts, no 5xx, every non-2xx the 4xx its request earns; and the server's
// resident set levels off: a leak grows it with every request and never does.
import { createRequire } from 'node:module';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { packageAzure } from '../scripts/package/azure.ts';
import { invocationPayload, proxyHeaders } from './fixtures/azure/host.ts';
import { MIB, residentBytes } from './support/memory.ts';
import { CUSTOM_HANDLER, LOCAL_SERVER, startServer, type ServerMode } from './support/servers.ts';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface LoadResult {
  errors: number;
  timeouts: number;
  resets: number;
  non2xx: number;
  '5xx': number;
  requests: { total: number };
  statusCodeStats: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  requests: LoadRequest[];
}) => Promise<LoadResult>;

const JSON_TYPE = { 'content-type': 'application/json' };
/**
 * A warm-up round, then measured rounds (seconds) until the resident set levels off. V8 sizes its
 * heaps in steps over the first tens of thousands of requests, which is not a leak: up to ~25 MiB in
 * one round, later and larger on Node 24 than on 20, after flat stretches of several rounds. So no
 * bound between two rounds tells a step from a leak; what does is that a leak never stops growing.
 * Levelled off: the last SETTLED_ROUNDS rounds grew it by less than SETTLED_MIB (a leak of a few
 * hundred bytes per request at this load grows it by more). A server still growing after
 * MAX_ROUNDS is leaking.
 */
const WARM_UP_SECONDS = 2;
const ROUND_SECONDS = 1;
const SETTLED_ROUNDS = 3;
const SETTLED_MIB = 2;
const MAX_ROUNDS = 30;
const CONNECTIONS = 8;

/** The mix, with the status each request must get. Each connection cycles through it in order. */
const MIX: Array<[LoadRequest, number]> = [
  [{ method: 'GET', path: '/api/hello' }, 200],
  [{ method: 'GET', path: '/api/palindromes?min=100&max=999' }, 200],
  [{ method: 'POST', path: '/api/palindromes', headers: JSON_TYPE, body: '{"min":100000,"max":999999,"engine":"js"}' }, 200],
  [{ method: 'POST', path: '/api/circle', headers: JSON_TYPE, body: '{"radii":[1,2,3,4,5,6,7,8]}' }, 200],
  [{ method: 'GET', path: '/api/palindromes?min=10&max=ten' }, 400],
  [{ method: 'POST', path: '/api/palindromes', headers: JSON_TYPE, body: '{"min":10,' }, 400],
  [{ method: 'GET', path: '/api/nope' }, 404],
  [{ method: 'DELETE', path: '/api/palindromes' }, 405],
  [{ method: 'POST', path: '/api/circle', headers: { 'content-type': 'text/html' }, body: '<p>2</p>' }, 415],
  [{ method: 'GET', path: '/api/palindromes?min=1000&max=9999&budget=10' }, 422],
];

/** The custom handler also gets the host's invocations: always 200, the client's status inside (checked by the fuzz tests). */
const INVOCATIONS: Array<[LoadRequest, number]> = [
  [
    {
      method: 'POST',
      path: '/palindromes',
      headers: JSON_TYPE,
      body: JSON.stringify(invocationPayload({ method: 'GET', path: '/api/palindromes', query: { min: ['10'], max: ['99'] } })),
    },
    200,
  ],
  [
    {
      method: 'POST',
      path: '/circle',
      headers: JSON_TYPE,
      body: JSON.stringify(invocationPayload({ method: 'GET', path: '/api/circle', query: { radius: ['-1'] } })),
    },
    200,
  ],
];

async function loadRound(base: string, mix: Array<[LoadRequest, number]>, seconds = ROUND_SECONDS): Promise<LoadResult> {
  return autocannon({ url: base, connections: CONNECTIONS, duration: seconds, requests: mix.map(([request]) => request) });
}

function assertAllAnswered(result: LoadResult, mix: Array<[LoadRequest, number]>, where: string): void {
  assert.ok(result.requests.total > 0, `${where}: no requests made`);
  assert.equal([result.errors, result.timeouts, result.resets], [0, 0, 0], `${where}: connection errors, timeouts, pipeline resets`);
  assert.is(result['5xx'], 0, `${where}: 5xx answers`);
  const expected = [...new Set(mix.map(([, status]) => String(status)))].sort();
  assert.equal(Object.keys(result.statusCodeStats).sort(), expected, `${where}: the statuses answered`);
}

const load = suite('load: every request answered, no 5xx, memory levels off');

async function underLoad(mode: ServerMode, mix: Array<[LoadRequest, number]>): Promise<void> {
  const server = await startServer(mode);
  try {
    assertAllAnswered(await loadRound(server.base, mix, WARM_UP_SECONDS), mix, `${mode.name}, warm-up`);
    const readings = [await residentBytes(server.child.pid!)];
    let requests = 0;
    for (let round = 1; ; round++) {
      const result = await loadRound(server.base, mix);
      assertAllAnswered(result, mix, `${mode.name}, round ${round}`);
      requests += result.requests.total;
      readings.push(await residentBytes(server.child.pid!));
      const window = readings.slice(-(SETTLED_ROUNDS + 1));
      if (window.length > SETTLED_ROUNDS && (Math.max(...window) - window[0]!) / MIB < SETTLED_MIB) break;
      const trace = readings.map((bytes) => (bytes / MIB).toFixed(1)).join(' -> ');
      assert.ok(round < MAX_ROUNDS, `${mode.name}: the resident set still grows after ${round} rounds (${requests} requests): ${trace} MiB`);
    }
  } finally {
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    assert.is(code, 0, `${mode.name}: exit status after SIGTERM`);
  }
}

load('the local server (polyfn serve)', () => underLoad(LOCAL_SERVER, MIX));

load('the Azure custom handler, proxied HTTP and invocations', async () => {
  await packageAzure();
  const proxied = MIX.map(([request, status]): [LoadRequest, number] => [{ ...request, headers: { ...request.headers, ...proxyHeaders() } }, status]);
  await underLoad(CUSTOM_HANDLER, [...proxied, ...INVOCATIONS]);
});

load.run();
