// Section 6: footprint. The size of every deployed artifact (a folder: the sum of its files, as
// `npm run package` sums them) and of each .wasm, and the peak resident memory of warm function
// processes: an empty Node process for reference, the Lambda bundle after many invocations, and
// (from the throughput section) the servers after load.
import { stat } from 'node:fs/promises';
import { folderContents } from '../scripts/package/artifact.ts';
import { httpApiEvent } from '../test/fixtures/lambda/envelopes.ts';
import type { BenchConfig } from './config.ts';
import { lambdaStatements, MARKER, runScript, type Deployed } from './processes.ts';

export interface SizeRow {
  bytes: number;
  /** What it is. */
  what: string;
}

export interface RssRow {
  /** Null where the OS does not tell (no /proc). */
  peakRssMiB: number | null;
  what: string;
}

export interface FootprintSection {
  /** Keyed by path as in the repo ('dist/lambda.zip', 'dist/openfaas/', ...). */
  artifacts: Record<string, SizeRow>;
  wasm: Record<string, SizeRow>;
  rss: Record<string, RssRow>;
}

const ARTIFACTS: Record<string, string> = {
  'dist/lambda.zip': 'Lambda deployment package (index.mjs, Wasm inline)',
  'dist/lambda/index.mjs': 'Lambda bundle, unzipped',
  'dist/azure-functions/': 'Azure Functions v4 app (host.json, package.json, index.js)',
  'dist/azure-functions/index.js': 'its bundle (@azure/functions inside)',
  'dist/azure-custom-handler/': 'Azure custom-handler app (host.json, function.json files, custom-handler.mjs)',
  'dist/azure-custom-handler/custom-handler.mjs': 'its bundle',
  'dist/openfaas/': 'OpenFaaS build context (Dockerfile, stack.yaml, server.mjs + worker pool, classic.mjs)',
  'dist/openfaas/server.mjs': 'of-watchdog upstream bundle (piscina inside)',
  'dist/openfaas/classic.mjs': 'classic watchdog entry',
  'build/cli.mjs': 'CLI and local server bundle',
  'dist/cloudflare/': 'Cloudflare Workers folder (wrangler.jsonc, worker.mjs, polyfn.wasm)',
  'dist/cloudflare/worker.mjs': 'the worker (the Wasm beside it)',
  'dist/deno/': 'Deno folder (main.mjs, kernel-worker.mjs)',
  'dist/bun/': 'Bun folder (server.mjs, kernel-worker.mjs)',
  'dist/gcp/': 'Cloud Run functions source (index.mjs, package.json; the Functions Framework installed by the platform)',
  'dist/netlify/': 'Netlify site (netlify.toml, the function, public/)',
  'dist/vercel/': 'Vercel project (vercel.json, package.json, the function)',
};

const WASM: Record<string, string> = {
  'build/polyfn.wasm': 'the kernels (release)',
  'build/polyfn-wasi.wasm': 'the standalone WASI command',
};

async function sizeOf(path: string): Promise<number> {
  const entry = await stat(path);
  return entry.isDirectory() ? (await folderContents(path)).bytes : entry.size;
}

async function sizes(deployed: Deployed, paths: Record<string, string>): Promise<Record<string, SizeRow>> {
  const rows = Object.entries(paths).map(async ([path, what]) => [path, { bytes: await sizeOf(deployed.path(path)), what }] as const);
  return Object.fromEntries(await Promise.all(rows));
}

// The script's own peak RSS (VmHWM), null where there is no /proc. Not process.resourceUsage().maxRSS:
// on Linux it survives exec, so a child reports at least the peak of the process that spawned it.
const PRINT_PEAK_RSS = `{
  const { readFileSync } = await import('node:fs');
  let peakRssMiB = null;
  try {
    peakRssMiB = Number(/^VmHWM:\\s+(\\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
  } catch {}
  console.log(${JSON.stringify(MARKER)} + JSON.stringify({ peakRssMiB }));
}`;

function warmLambdaScript(deployed: Deployed, invocations: number): string {
  const events = [
    httpApiEvent({ method: 'GET', path: '/api/hello' }),
    httpApiEvent({ method: 'GET', path: '/api/palindromes', query: { min: ['10'], max: ['99'] } }),
    httpApiEvent({ method: 'GET', path: '/api/palindromes', query: { min: ['100'], max: ['999'] } }),
  ];
  const lambda = lambdaStatements(deployed);
  return `${lambda.load}
const events = ${JSON.stringify(events)};
for (let i = 0; i < ${invocations}; i++) ${lambda.invoke('events[i % events.length]')}
${PRINT_PEAK_RSS}`;
}

/** `serversRss`: peak RSS of the servers after the throughput section's load, keyed as there. */
export async function benchFootprint(config: BenchConfig, deployed: Deployed, serversRss: Record<string, RssRow>): Promise<FootprintSection> {
  const empty = await runScript<{ peakRssMiB: number | null }>(PRINT_PEAK_RSS, deployed.dir);
  const lambda = await runScript<{ peakRssMiB: number | null }>(warmLambdaScript(deployed, config.rssInvocations), deployed.dir);
  return {
    artifacts: await sizes(deployed, ARTIFACTS),
    wasm: await sizes(deployed, WASM),
    rss: {
      'node-empty': { peakRssMiB: empty.figures.peakRssMiB, what: "node -e '' (reference)" },
      lambda: {
        peakRssMiB: lambda.figures.peakRssMiB,
        what: `Lambda bundle after ${config.rssInvocations} invocations (hello, 10-99, 100-999 in turn)`,
      },
      ...serversRss,
    },
  };
}
