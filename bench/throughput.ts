// Section 7: throughput under load. The local server (node build/cli.mjs serve: searches on its
// worker pool), the Bun and Deno servers (Web Worker pools) and the Azure custom handler
// (forwarded-HTTP mode, kernels inline) are started as deployed, one after another, and driven by
// autocannon on loopback for a fixed time, each connection alternating
// GET /api/hello and GET /api/palindromes?min=100&max=999. Every answer's body is checked, and
// errors, timeouts, non-2xx answers and wrong bodies are reported: all must be 0. autocannon runs
// in this process, so on a 2-core machine client and server share the CPU.
import autocannon from 'autocannon';
import { freePort } from '../test/support/http.ts';
import type { BenchConfig } from './config.ts';
import type { RssRow } from './footprint.ts';
import { get, peakRssMiB, startServer, type Deployed } from './processes.ts';
import { artifactFolder, startTimed, type WebRuntime } from './runtimes.ts';

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

/** Keyed by server; bun and deno are absent from runs made before they were measured. */
export type ThroughputSection = Record<'local' | 'azure-custom-handler', ThroughputRow> & Partial<Record<'bun' | 'deno', ThroughputRow>>;

type ServerId = 'local' | 'bun' | 'deno' | 'azure-custom-handler';

const CONNECTIONS = 10;
const PATHS = ['/api/hello', '/api/palindromes?min=100&max=999'];
const EXPECTED = ['{"message":"hello world"}', '{"smallest":{"value":10201,"factors":[[101,101]]},"largest":{"value":906609,"factors":[[913,993]]}}'];
/** Requests sent before the load, each checked: they also let a worker pool start. */
const WARM_UP = 20;

interface Running {
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** A Node server of this repository, started as deployed. */
function nodeServer(args: (port: number) => string[], env: (port: number) => Record<string, string> = () => ({})) {
  return async (deployed: Deployed): Promise<Running> => {
    const port = await freePort();
    const server = await startServer(deployed.dir, args(port), env(port));
    return { port, pid: server.child.pid, stop: server.stop };
  };
}

/** A web runtime serving its artifact, as its tool starts it. */
function webServer(runtime: WebRuntime) {
  return async (deployed: Deployed): Promise<Running> => {
    const { running, stop } = await startTimed(runtime, artifactFolder(deployed, runtime));
    return { port: Number(new URL(running.base).port), pid: running.child.pid, stop };
  };
}

const SERVERS: Record<ServerId, { label: string; start: (deployed: Deployed) => Promise<Running> }> = {
  local: { label: 'Local server, Node (worker pool)', start: nodeServer((port) => ['build/cli.mjs', 'serve', '--port', String(port)]) },
  bun: { label: 'Bun, Bun.serve (Web Worker pool)', start: webServer('bun') },
  deno: { label: 'Deno, deno serve (Web Worker pool)', start: webServer('deno') },
  'azure-custom-handler': {
    label: 'Azure custom handler (forwarded HTTP)',
    start: nodeServer(
      () => ['dist/azure-custom-handler/custom-handler.mjs'],
      (port) => ({ FUNCTIONS_CUSTOMHANDLER_PORT: String(port) }),
    ),
  },
};

async function load(deployed: Deployed, id: ServerId, seconds: number): Promise<ThroughputRow> {
  const { label, start } = SERVERS[id];
  const server = await start(deployed);
  const { port } = server;
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
      peakRssMiB: server.pid === undefined ? null : peakRssMiB(server.pid),
    };
  } finally {
    await server.stop();
  }
}

export async function benchThroughput(config: BenchConfig, deployed: Deployed): Promise<ThroughputSection> {
  return {
    local: await load(deployed, 'local', config.loadSeconds),
    bun: await load(deployed, 'bun', config.loadSeconds),
    deno: await load(deployed, 'deno', config.loadSeconds),
    'azure-custom-handler': await load(deployed, 'azure-custom-handler', config.loadSeconds),
  };
}

/** The servers' peak RSS after the load, for the footprint section. */
export function serversRss(section: ThroughputSection): Record<string, RssRow> {
  const rows: Record<string, RssRow> = {};
  for (const [id, row] of Object.entries(section)) {
    if (row && row.peakRssMiB !== null) rows[id] = { peakRssMiB: row.peakRssMiB, what: `${row.label} after ${row.requests} requests under load` };
  }
  return rows;
}
