// Section 7: throughput under load. The local server (node build/cli.mjs serve: searches on its
// worker pool) and the Azure custom handler (forwarded-HTTP mode, kernels inline) are started as
// deployed and driven by autocannon on loopback for a fixed time, each connection alternating
// GET /api/hello and GET /api/palindromes?min=100&max=999. Every answer's body is checked, and
// errors, timeouts, non-2xx answers and wrong bodies are reported: all must be 0. autocannon runs
// in this process, so on a 2-core machine client and server share the CPU.
import autocannon from 'autocannon';
import { freePort } from '../test/support/http.ts';
import type { BenchConfig } from './config.ts';
import type { RssRow } from './footprint.ts';
import { get, peakRssMiB, startServer, type Deployed } from './processes.ts';

export interface ThroughputRow {
  label: string;
  seconds: number;
  connections: number;
  requestsPerSec: number;
  /** Closed loop, so by Little's law: connections / (requests per second). Exact where the histogram is not. */
  latencyMeanMs: number;
  /** autocannon's histogram: whole ms (0 means under 1 ms). */
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Answers whose body was not the expected one. */
  mismatches: number;
  /** After the load (Linux only; null elsewhere). */
  peakRssMiB: number | null;
}

export type ThroughputSection = Record<'local' | 'azure-custom-handler', ThroughputRow>;

const CONNECTIONS = 10;
const PATHS = ['/api/hello', '/api/palindromes?min=100&max=999'];
const EXPECTED = ['{"message":"hello world"}', '{"smallest":{"value":10201,"factors":[[101,101]]},"largest":{"value":906609,"factors":[[913,993]]}}'];
/** Requests sent before the load, each checked: they also let a worker pool start. */
const WARM_UP = 20;

const SERVERS: Record<keyof ThroughputSection, { label: string; args: (port: number) => string[]; env: (port: number) => Record<string, string> }> = {
  local: { label: 'Local server (worker pool)', args: (port) => ['build/cli.mjs', 'serve', '--port', String(port)], env: () => ({}) },
  'azure-custom-handler': {
    label: 'Azure custom handler (forwarded HTTP)',
    args: () => ['dist/azure-custom-handler/custom-handler.mjs'],
    env: (port) => ({ FUNCTIONS_CUSTOMHANDLER_PORT: String(port) }),
  },
};

async function load(deployed: Deployed, id: keyof ThroughputSection, seconds: number): Promise<ThroughputRow> {
  const { label, args, env } = SERVERS[id];
  const port = await freePort();
  const server = await startServer(deployed.dir, args(port), env(port));
  try {
    for (let i = 0; i < WARM_UP; i++) {
      const answer = await get(port, PATHS[i % PATHS.length]!);
      if (answer.body !== EXPECTED[i % PATHS.length]) throw new Error(`${label}: unexpected answer ${answer.status} ${answer.body}`);
    }
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: seconds,
      requests: PATHS.map((path) => ({ method: 'GET', path })),
      verifyBody: (body) => EXPECTED.includes(body),
    });
    const requestsPerSec = result.requests.total / result.duration;
    return {
      label,
      seconds,
      connections: CONNECTIONS,
      requestsPerSec,
      latencyMeanMs: (1000 * CONNECTIONS) / requestsPerSec,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      requests: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      mismatches: result.mismatches,
      peakRssMiB: server.child.pid === undefined ? null : peakRssMiB(server.child.pid),
    };
  } finally {
    await server.stop();
  }
}

export async function benchThroughput(config: BenchConfig, deployed: Deployed): Promise<ThroughputSection> {
  return {
    local: await load(deployed, 'local', config.loadSeconds),
    'azure-custom-handler': await load(deployed, 'azure-custom-handler', config.loadSeconds),
  };
}

/** The servers' peak RSS after the load, for the footprint section. */
export function serversRss(section: ThroughputSection): Record<string, RssRow> {
  const rows: Record<string, RssRow> = {};
  for (const [id, row] of Object.entries(section)) {
    if (row.peakRssMiB !== null) rows[id] = { peakRssMiB: row.peakRssMiB, what: `${row.label} after ${row.requests} requests under load` };
  }
  return rows;
}
