// Section: the first 9-digit search after a cold start. V8 runs a Wasm function on its baseline
// compiler (Liftoff) until its optimised code is ready, and JavaScript in its interpreter and
// baseline tiers until TurboFan has compiled it, so the first search of a process (or of a worker
// thread) runs slower than the ones after it. Two tables:
//   - per adapter and engine, as shipped: a fresh process starts the adapter the way its platform
//     does and sends it SEARCHES searches of the full 9-digit range, one after another. Each
//     search's kernel time comes from its server-timing header, measured where the kernel runs (in
//     the worker thread, for the servers' pools). "first" is the first search, "warm" the median of
//     the last WARM_OF of them; each figure is the median over the runs.
//   - the choice at init, both sides, in fresh processes: for Wasm the kernel alone (build/polyfn.wasm,
//     compiled and instantiated as src/core/wasm.ts does) with its warmUp() at init, as shipped, and
//     without; for JS the core bundle (build/index.mjs) as shipped (nothing at init), and with a
//     search of WARMUP_STEPS steps at init. Init is compile + instantiate (Wasm) or the import (JS),
//     plus the warm-up; "init + first" is what a cold invocation pays for (Lambda bills init).
import { pathToFileURL } from 'node:url';
import { httpApiEvent } from '../test/fixtures/lambda/envelopes.ts';
import { freePort } from '../test/support/http.ts';
import type { BenchConfig } from './config.ts';
import { median } from './palindromes-targets.ts';
import { get, lambdaStatements, MARKER, runScript, startServer, type Deployed } from './processes.ts';

export type Engine = 'wasm' | 'js';
const ENGINES: readonly Engine[] = ['wasm', 'js'];
const NINE_DIGIT = { min: '100000000', max: '999999999' };
/** Searches per process, and how many of the last are the warm figure. */
const SEARCHES = 10;
const WARM_OF = 5;
/** The JS warm-up's budget: as many steps as the kernel's warmUp() takes. */
export const WARMUP_STEPS = 2_000;

export interface FirstSearchRow {
  label: string;
  /** Kernel time of the first search (ms). */
  firstMs: number;
  /** Kernel time once warm (ms): the median of the last searches of each process. */
  warmMs: number;
  /** first / warm, per process, then the median. */
  firstOverWarm: number;
}

export interface InitChoiceRow {
  /** What runs at init. */
  label: string;
  /** The side the engine ships. */
  shipped: boolean;
  /** Compile + instantiate (Wasm) or import (JS), and the warm-up if any (ms). */
  initMs: number;
  firstMs: number;
  warmMs: number;
  /** init + first, per process, then the median: what a cold invocation pays for. */
  initPlusFirstMs: number;
}

export interface FirstSearchSection {
  runs: number;
  searches: number;
  warmOf: number;
  warmupSteps: number;
  /** [adapter][engine] */
  adapters: Record<string, Record<Engine, FirstSearchRow>>;
  /** Both sides of the choice at init, per engine: the shipped one first. */
  initChoice: Record<Engine, InitChoiceRow[]>;
}

/** The kernel time a server-timing header reports ("kernel;dur=1.234;desc=..."). */
function kernelMs(header: string | null | undefined): number {
  const dur = /kernel;dur=([\d.]+)/.exec(header ?? '');
  if (!dur) throw new Error(`no kernel time in server-timing: ${String(header)}`);
  return Number(dur[1]);
}

interface ProcessFigures {
  initMs: number;
  /** Kernel ms of each search, in order. */
  searches: number[];
}

/** The 9-digit search's query parameters. */
function searchQuery(engine: Engine): Record<string, string> {
  return { ...NINE_DIGIT, engine };
}

/** A Lambda HTTP API event for GET /api/palindromes with `query`. */
function searchEvent(query: Record<string, string>): string {
  const values = Object.fromEntries(Object.entries(query).map(([name, value]) => [name, [value]]));
  return JSON.stringify(httpApiEvent({ method: 'GET', path: '/api/palindromes', query: values }));
}

/** A child script for the Lambda bundle: imports it, then calls the handler SEARCHES times. */
function lambdaScript(deployed: Deployed, engine: Engine): string {
  const lambda = lambdaStatements(deployed);
  const event = searchEvent(searchQuery(engine));
  const context = `{ awsRequestId: 'bench', getRemainingTimeInMillis: () => 30000 }`;
  return `const t0 = performance.now();
${lambda.load}
const initMs = performance.now() - t0;
const searches = [];
for (let i = 0; i < ${SEARCHES}; i++) {
  const answer = await handler(${event}, ${context});
  if (answer.statusCode !== 200) throw new Error('status ' + answer.statusCode);
  searches.push(answer.headers['server-timing']);
}
console.log(${JSON.stringify(MARKER)} + JSON.stringify({ initMs, searches }));`;
}

// CommonJS, as the Functions worker loads it (see bench/cold-start.ts).
function azureFunctionsScript(deployed: Deployed, engine: Engine): string {
  const query = new URLSearchParams(searchQuery(engine)).toString();
  return `const t0 = performance.now();
const { httpHandler } = require(${JSON.stringify(deployed.path('dist/azure-functions/index.js'))});
const initMs = performance.now() - t0;
(async () => {
  const log = () => {};
  const context = { invocationId: 'bench', trace: log, debug: log, info: log, log, warn: log, error: log };
  const searches = [];
  for (let i = 0; i < ${SEARCHES}; i++) {
    const out = await httpHandler(new Request('https://polyfn.azurewebsites.net/api/palindromes?${query}'), context);
    if (out.status !== 200) throw new Error('status ' + out.status);
    const h = out.headers;
    searches.push(typeof h?.get === 'function' ? h.get('server-timing') : h?.['server-timing']);
  }
  console.log(${JSON.stringify(MARKER)} + JSON.stringify({ initMs, searches }));
})().catch((error) => { console.error(error); process.exit(1); });`;
}

/**
 * The choice at init, Wasm: the kernel compiled and instantiated as src/core/wasm.ts does it (the
 * host's clock for clock_time_get), warmUp() called or not, then SEARCHES searches, timed here.
 */
function wasmInitScript(deployed: Deployed, warmUp: boolean): string {
  return `import { readFileSync } from 'node:fs';
const bytes = readFileSync(${JSON.stringify(deployed.path('build/polyfn.wasm'))});
const t0 = performance.now();
let memory;
const imports = {
  wasi_snapshot_preview1: { clock_time_get(_clock, _precision, out) { new DataView(memory.buffer).setBigUint64(out >>> 0, process.hrtime.bigint(), true); return 0; } },
  env: { abort() { throw new Error('abort'); } },
};
const kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;
memory = kernel.memory;
${warmUp ? 'kernel.warmUp();' : ''}
const initMs = performance.now() - t0;
const searches = [];
for (let i = 0; i < ${SEARCHES}; i++) {
  const start = performance.now();
  if (kernel.palindromes(${NINE_DIGIT.min}, ${NINE_DIGIT.max}, 2n ** 62n, 0n) !== 0) throw new Error('search stopped');
  searches.push(performance.now() - start);
}
console.log(${JSON.stringify(MARKER)} + JSON.stringify({ initMs, searches }));`;
}

/** The choice at init, JS: the core bundle imported, a WARMUP_STEPS-step search at init or not, then SEARCHES searches. */
function jsInitScript(deployed: Deployed, warmUp: boolean): string {
  return `const t0 = performance.now();
const { palindromes, PolyfnError } = await import(${JSON.stringify(pathToFileURL(deployed.path('build/index.mjs')).href)});
${warmUp ? `try { palindromes(${NINE_DIGIT.min}, ${NINE_DIGIT.max}, { engine: 'js', budget: ${WARMUP_STEPS} }); } catch (error) { if (!(error instanceof PolyfnError)) throw error; }` : ''}
const initMs = performance.now() - t0;
const searches = [];
for (let i = 0; i < ${SEARCHES}; i++) {
  const start = performance.now();
  palindromes(${NINE_DIGIT.min}, ${NINE_DIGIT.max}, { engine: 'js' });
  searches.push(performance.now() - start);
}
console.log(${JSON.stringify(MARKER)} + JSON.stringify({ initMs, searches }));`;
}

async function runTimed(script: string, deployed: Deployed): Promise<ProcessFigures> {
  return (await runScript<ProcessFigures>(script, deployed.dir)).figures;
}

/** Both sides of the choice at init per engine, the shipped side first. */
const INIT_CHOICES: Record<Engine, { label: string; shipped: boolean; script(deployed: Deployed): string }[]> = {
  wasm: [
    { label: 'warmUp() at init', shipped: true, script: (d) => wasmInitScript(d, true) },
    { label: 'nothing at init', shipped: false, script: (d) => wasmInitScript(d, false) },
  ],
  js: [
    { label: 'nothing at init', shipped: true, script: (d) => jsInitScript(d, false) },
    { label: `a ${WARMUP_STEPS.toLocaleString('en-US')}-step search at init`, shipped: false, script: (d) => jsInitScript(d, true) },
  ],
};

async function runBundle(script: string, deployed: Deployed, commonjs = false): Promise<ProcessFigures> {
  const { figures } = await runScript<{ initMs: number; searches: string[] }>(script, deployed.dir, { commonjs });
  return { initMs: figures.initMs, searches: figures.searches.map(kernelMs) };
}

/** A server started as its platform starts it, then SEARCHES searches over HTTP. */
async function runServer(deployed: Deployed, engine: Engine, args: (port: number) => string[], env: (port: number) => Record<string, string>): Promise<ProcessFigures> {
  const port = await freePort();
  const running = await startServer(deployed.dir, args(port), env(port));
  try {
    const searches: number[] = [];
    const query = new URLSearchParams(searchQuery(engine)).toString();
    for (let i = 0; i < SEARCHES; i++) {
      const answer = await get(port, `/api/palindromes?${query}`);
      if (answer.status !== 200) throw new Error(`${args(port).join(' ')}: status ${answer.status}`);
      searches.push(kernelMs(answer.headers['server-timing'] as string | undefined));
    }
    return { initMs: running.readyMs, searches };
  } finally {
    await running.stop();
  }
}

const ADAPTERS: Record<string, { label: string; run(deployed: Deployed, engine: Engine): Promise<ProcessFigures> }> = {
  lambda: { label: 'AWS Lambda (handler, HTTP API event)', run: (d, e) => runBundle(lambdaScript(d, e), d) },
  'azure-functions': { label: 'Azure Functions v4 (httpHandler)', run: (d, e) => runBundle(azureFunctionsScript(d, e), d, true) },
  'azure-custom-handler': {
    label: 'Azure custom handler (worker pool)',
    run: (d, e) => runServer(d, e, () => ['dist/azure-custom-handler/custom-handler.mjs'], (port) => ({ FUNCTIONS_CUSTOMHANDLER_PORT: String(port) })),
  },
  openfaas: { label: 'OpenFaaS of-watchdog upstream (worker pool)', run: (d, e) => runServer(d, e, () => ['dist/openfaas/server.mjs'], (port) => ({ http_port: String(port) })) },
  local: { label: 'Local server (worker pool)', run: (d, e) => runServer(d, e, (port) => ['build/cli.mjs', 'serve', '--port', String(port)], () => ({})) },
};

function warmOf(searches: number[]): number {
  return median(searches.slice(-WARM_OF));
}

function summarize(label: string, runs: ProcessFigures[]): FirstSearchRow {
  return {
    label,
    firstMs: median(runs.map((r) => r.searches[0]!)),
    warmMs: median(runs.map((r) => warmOf(r.searches))),
    firstOverWarm: median(runs.map((r) => r.searches[0]! / warmOf(r.searches))),
  };
}

function initChoiceRow(label: string, shipped: boolean, runs: ProcessFigures[]): InitChoiceRow {
  return {
    label,
    shipped,
    initMs: median(runs.map((r) => r.initMs)),
    firstMs: median(runs.map((r) => r.searches[0]!)),
    warmMs: median(runs.map((r) => warmOf(r.searches))),
    initPlusFirstMs: median(runs.map((r) => r.initMs + r.searches[0]!)),
  };
}

export async function benchFirstSearch(config: BenchConfig, deployed: Deployed): Promise<FirstSearchSection> {
  const samples: Record<string, Record<Engine, ProcessFigures[]>> = Object.fromEntries(Object.keys(ADAPTERS).map((id) => [id, { wasm: [], js: [] }]));
  const choices = Object.fromEntries(ENGINES.map((engine) => [engine, INIT_CHOICES[engine].map((): ProcessFigures[] => [])])) as Record<Engine, ProcessFigures[][]>;
  // Rounds interleave every target, so that noise on this shared machine spreads over all of them.
  for (let round = 0; round < config.coldRuns; round++) {
    for (const engine of ENGINES) {
      for (const [id, adapter] of Object.entries(ADAPTERS)) samples[id]![engine].push(await adapter.run(deployed, engine));
      for (const [i, choice] of INIT_CHOICES[engine].entries()) choices[engine][i]!.push(await runTimed(choice.script(deployed), deployed));
    }
  }
  const adapters: FirstSearchSection['adapters'] = {};
  for (const [id, adapter] of Object.entries(ADAPTERS)) {
    adapters[id] = { wasm: summarize(adapter.label, samples[id]!.wasm), js: summarize(adapter.label, samples[id]!.js) };
  }
  const initChoice = Object.fromEntries(
    ENGINES.map((engine) => [engine, INIT_CHOICES[engine].map((choice, i) => initChoiceRow(choice.label, choice.shipped, choices[engine][i]!))]),
  ) as FirstSearchSection['initChoice'];
  return { runs: config.coldRuns, searches: SEARCHES, warmOf: WARM_OF, warmupSteps: WARMUP_STEPS, adapters, initChoice };
}
