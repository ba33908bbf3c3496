// Section: the first 9-digit search after a cold start. V8 runs a Wasm function on its baseline
// compiler (Liftoff) until its optimised code is ready, and JavaScript in its interpreter and
// baseline tiers until TurboFan has compiled it, so the first search of a process (or of a worker
// thread) runs slower than the ones after it, unless init prepares for it. Three tables:
//   - per adapter and engine, as shipped: a fresh process starts the adapter the way its platform
//     does and sends it SEARCHES searches of the full 9-digit range, one after another. Each
//     search's kernel time comes from its server-timing header, measured where the kernel runs (in
//     the worker thread, for the servers' pools). "first" is the first search, "warm" the median of
//     the last WARM_OF of them; each figure is the median over the runs. The first request's wall
//     time is kept too: a server's first request may wait for its worker's warm-up.
//   - the choices at init, each side in fresh processes: the package entry (build/index.mjs)
//     imported, then what an adapter adds at init, then SEARCHES searches through the API, timed in
//     the process; at one full CPU, and (the Lambda choices) with the searches under a 128 MB Lambda
//     function's CPU share (bench/cgroup.ts): the child sets its group's CPU limit after its init,
//     which runs unlimited, as Lambda's init is reported to. "init + first" is what a cold invocation
//     pays for (Lambda bills init).
//   - the Lambda bundle's import, split: the ESM loader's own cost (an empty module), the Wasm
//     compile and instantiation with warmUp() (build/polyfn.wasm alone), the examples (timed by the
//     Lambda choice's child), and the rest, which is the bundle's JavaScript. The
//     loader is warmed first, and node:http loaded, as Lambda's runtime client has them.
// Children inherit this process's environment; NODE_EXTRA_CA_CERTS, where set, slows Node's own start
// (outside every window timed here) and nothing else.
import { rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { httpApiEvent } from '../test/fixtures/lambda/envelopes.ts';
import { freePort } from '../test/support/http.ts';
import { cgroupSupport, CPU_LIMIT_VARIABLE, runLimited } from './cgroup.ts';
import type { BenchConfig } from './config.ts';
import { FULL_VCPU_MB } from './lambda-pricing.ts';
import { median } from './palindromes-targets.ts';
import { get, lambdaStatements, MARKER, runScript, startServer, type Deployed } from './processes.ts';

export type Engine = 'wasm' | 'js';
const ENGINES: readonly Engine[] = ['wasm', 'js'];
const NINE_DIGIT = { min: '100000000', max: '999999999' };
/** Searches per process, and how many of the last are the warm figure. */
const SEARCHES = 10;
const WARM_OF = 5;
/** The Lambda size whose CPU share the init choices also run under. */
const SMALL_MB = 128;
/** A child under the small size's share that has not finished by then is stuck, not slow. */
const LIMITED_TIMEOUT_MS = 120_000;

export interface FirstSearchRow {
  label: string;
  /** Kernel time of the first search (ms). */
  firstMs: number;
  /** Kernel time once warm (ms): the median of the last searches of each process. */
  warmMs: number;
  /** first / warm, per process, then the median. */
  firstOverWarm: number;
  /** The first request's wall time (ms): the handler call, or the HTTP round trip for a server. */
  firstRequestMs: number;
}

export type Cpu = 'full' | 'small';

export interface InitChoiceRow {
  /** What init does. */
  label: string;
  /** The adapters that ship this side (empty: none, shown for comparison). */
  usedBy: string;
  cpu: Cpu;
  /** The package's import and what this side adds (ms). */
  initMs: number;
  firstMs: number;
  warmMs: number;
  /** init + first, per process, then the median: what a cold invocation pays for. */
  initPlusFirstMs: number;
}

export interface LambdaImportSplit {
  /** Importing dist/lambda/index.mjs, the loader warmed (ms). */
  totalMs: number;
  /** Importing an empty module the same way: the ESM loader's own work. */
  loaderMs: number;
  /** new WebAssembly.Module of build/polyfn.wasm, the first module of a fresh process. */
  wasmCompileMs: number;
  /** new WebAssembly.Instance, then warmUp() twice (the second timed for the wait), as instantiation does. */
  instantiateMs: number;
  /** runExamples(['wasm']): the Lambda choice's own init (full CPU). */
  examplesMs: number;
  /** The rest: reading, parsing and running the bundle's JavaScript. */
  restMs: number;
}

export interface FirstSearchSection {
  runs: number;
  searches: number;
  warmOf: number;
  /** [adapter][engine] */
  adapters: Record<string, Record<Engine, FirstSearchRow>>;
  /** The choices at init, per engine; rows at 'small' CPU only where control groups could hold the child. */
  initChoice: Record<Engine, InitChoiceRow[]>;
  /** Why the rows under the small size's CPU share are missing, else null. */
  smallCpuSkipped: string | null;
  smallMb: number;
  lambdaImport: LambdaImportSplit;
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
  /** The first request's wall ms. */
  firstRequestMs: number;
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
let firstRequestMs;
for (let i = 0; i < ${SEARCHES}; i++) {
  const start = performance.now();
  const answer = await handler(${event}, ${context});
  firstRequestMs ??= performance.now() - start;
  if (answer.statusCode !== 200) throw new Error('status ' + answer.statusCode);
  searches.push(answer.headers['server-timing']);
}
console.log(${JSON.stringify(MARKER)} + JSON.stringify({ initMs, searches, firstRequestMs }));`;
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
  let firstRequestMs;
  for (let i = 0; i < ${SEARCHES}; i++) {
    const start = performance.now();
    const out = await httpHandler(new Request('https://polyfn.azurewebsites.net/api/palindromes?${query}'), context);
    firstRequestMs ??= performance.now() - start;
    if (out.status !== 200) throw new Error('status ' + out.status);
    const h = out.headers;
    searches.push(typeof h?.get === 'function' ? h.get('server-timing') : h?.['server-timing']);
  }
  console.log(${JSON.stringify(MARKER)} + JSON.stringify({ initMs, searches, firstRequestMs }));
})().catch((error) => { console.error(error); process.exit(1); });`;
}

async function runBundle(script: string, deployed: Deployed, commonjs = false): Promise<ProcessFigures> {
  const { figures } = await runScript<{ initMs: number; searches: string[]; firstRequestMs: number }>(script, deployed.dir, { commonjs });
  return { initMs: figures.initMs, searches: figures.searches.map(kernelMs), firstRequestMs: figures.firstRequestMs };
}

/** A server started as its platform starts it, then SEARCHES searches over HTTP. */
async function runServer(
  deployed: Deployed,
  engine: Engine,
  args: (port: number) => string[],
  env: (port: number) => Record<string, string>,
): Promise<ProcessFigures> {
  const port = await freePort();
  const running = await startServer(deployed.dir, args(port), env(port));
  try {
    const searches: number[] = [];
    let firstRequestMs: number | undefined;
    const query = new URLSearchParams(searchQuery(engine)).toString();
    for (let i = 0; i < SEARCHES; i++) {
      const answer = await get(port, `/api/palindromes?${query}`);
      if (answer.status !== 200) throw new Error(`${args(port).join(' ')}: status ${answer.status}`);
      firstRequestMs ??= answer.ms;
      searches.push(kernelMs(answer.headers['server-timing'] as string | undefined));
    }
    return { initMs: running.readyMs, searches, firstRequestMs: firstRequestMs! };
  } finally {
    await running.stop();
  }
}

const ADAPTERS: Record<string, { label: string; run(deployed: Deployed, engine: Engine): Promise<ProcessFigures> }> = {
  lambda: { label: 'AWS Lambda (handler, HTTP API event)', run: (d, e) => runBundle(lambdaScript(d, e), d) },
  'azure-functions': { label: 'Azure Functions v4 (httpHandler)', run: (d, e) => runBundle(azureFunctionsScript(d, e), d, true) },
  'azure-custom-handler': {
    label: 'Azure custom handler (worker pool)',
    run: (d, e) =>
      runServer(
        d,
        e,
        () => ['dist/azure-custom-handler/custom-handler.mjs'],
        (port) => ({ FUNCTIONS_CUSTOMHANDLER_PORT: String(port) }),
      ),
  },
  openfaas: {
    label: 'OpenFaaS of-watchdog upstream (worker pool)',
    run: (d, e) =>
      runServer(
        d,
        e,
        () => ['dist/openfaas/server.mjs'],
        (port) => ({ http_port: String(port) }),
      ),
  },
  local: {
    label: 'Local server (worker pool)',
    run: (d, e) =>
      runServer(
        d,
        e,
        (port) => ['build/cli.mjs', 'serve', '--port', String(port)],
        () => ({}),
      ),
  },
};

/** The 9-digit searches through the API, timed in the child; `search(engine)` is an expression. */
function timedSearches(search: string): string {
  return `const searches = [];
for (let i = 0; i < ${SEARCHES}; i++) {
  const start = performance.now();
  ${search};
  searches.push(performance.now() - start);
}`;
}

/** After init: a child run with a deferred CPU limit sets it (bench/cgroup.ts). */
const LIMIT_CPU = `if (process.env.${CPU_LIMIT_VARIABLE}) {
  const [file, value] = process.env.${CPU_LIMIT_VARIABLE}.split('=');
  (await import('node:fs')).writeFileSync(file, value);
}`;

/**
 * The choices at init: the package entry imported (it compiles and instantiates the Wasm, whose
 * warmUp() starts the walk's optimising compile), then `init` (statements), then the searches.
 * `figures` names extra variables the child reports.
 */
function packageChoiceScript(deployed: Deployed, engine: Engine, init: string, figures: string[] = []): string {
  return `const t0 = performance.now();
const polyfn = await import(${JSON.stringify(pathToFileURL(deployed.path('build/index.mjs')).href)});
const imported = performance.now();
${init}
const initMs = performance.now() - t0;
${LIMIT_CPU}
${timedSearches(`polyfn.palindromes(${NINE_DIGIT.min}, ${NINE_DIGIT.max}, { engine: '${engine}' })`)}
console.log(${JSON.stringify(MARKER)} + JSON.stringify({ initMs, searches, ${figures.join(', ')} }));`;
}

/** A pool worker's start: its task module imported (it warms both engines), then searches through its task. */
function workerChoiceScript(deployed: Deployed, engine: Engine): string {
  return `const t0 = performance.now();
const { default: runKernelTask } = await import(${JSON.stringify(pathToFileURL(deployed.path('build/kernel-worker.mjs')).href)});
const initMs = performance.now() - t0;
${timedSearches(`if (!runKernelTask({ kernel: 'palindromes', input: { min: ${NINE_DIGIT.min}, max: ${NINE_DIGIT.max} }, options: { engine: '${engine}' } }).ok) throw new Error('search failed')`)}
console.log(${JSON.stringify(MARKER)} + JSON.stringify({ initMs, searches }));`;
}

interface Choice {
  label: string;
  usedBy: string;
  /** Also run with the searches under the small size's CPU share (the choices a Lambda function could make). */
  small: boolean;
  script(deployed: Deployed): string;
}

/** Every kernel's example on Wasm (adapters/lambda/handler.ts), timed. */
const EXAMPLES = `polyfn.runExamples(['wasm']);
const examplesMs = performance.now() - imported;`;

/** The examples, then the wait for the optimised walk (adapters/azure/functions.ts). */
const EXAMPLES_AND_WAIT = `${EXAMPLES}
await polyfn.waitForOptimisedWalk(3);`;

/** Both sides of each choice at init, per engine. */
const INIT_CHOICES: Record<Engine, Choice[]> = {
  wasm: [
    {
      label: 'the import alone (its warmUp() starts the compile)',
      usedBy: 'the CLI, OpenFaaS classic',
      small: true,
      script: (d) => packageChoiceScript(d, 'wasm', ''),
    },
    {
      label: 'the import, then the examples (the glue compiled)',
      usedBy: 'Lambda',
      small: true,
      script: (d) => packageChoiceScript(d, 'wasm', EXAMPLES, ['examplesMs']),
    },
    {
      label: 'the import, the examples, then a wait for the optimised walk (≤ 3 ms after instantiation)',
      usedBy: 'Azure Functions v4 (before its first request)',
      small: true,
      script: (d) => packageChoiceScript(d, 'wasm', EXAMPLES_AND_WAIT),
    },
    {
      label: "a pool worker's start: both engines searched until warm",
      usedBy: 'the worker pools',
      small: false,
      script: (d) => workerChoiceScript(d, 'wasm'),
    },
  ],
  js: [
    {
      label: 'the import alone (and the examples on Wasm, on Lambda and Azure Functions v4)',
      usedBy: 'Lambda, Azure Functions v4, the CLI, OpenFaaS classic',
      small: true,
      script: (d) => packageChoiceScript(d, 'js', ''),
    },
    { label: "a pool worker's start: both engines searched until warm", usedBy: 'the worker pools', small: false, script: (d) => workerChoiceScript(d, 'js') },
  ],
};

interface ChoiceFigures {
  initMs: number;
  searches: number[];
  examplesMs?: number;
}

/** One child of a choice: at full CPU, or in the small size's memory with its searches under its CPU share. */
async function runChoice(choice: Choice, deployed: Deployed, cpu: Cpu, cgroup: 'v1' | 'v2' | null): Promise<ChoiceFigures> {
  if (cpu === 'full') return (await runScript<ChoiceFigures>(choice.script(deployed), deployed.dir)).figures;
  const limits = { cpuShare: SMALL_MB / FULL_VCPU_MB, memoryBytes: SMALL_MB * 2 ** 20 };
  const args = ['--input-type=module', '-e', choice.script(deployed)];
  const run = await runLimited(cgroup!, `first-${SMALL_MB}mb`, limits, process.execPath, args, deployed.dir, LIMITED_TIMEOUT_MS, { cpuAfterInit: true });
  const marked = run.stdout.split('\n').find((line) => line.startsWith(MARKER));
  if (run.code !== 0 || !marked) throw new Error(`the ${SMALL_MB} MB child failed (${run.signal ?? `exit ${run.code}`}): ${run.stderr.slice(0, 2000)}`);
  return JSON.parse(marked.slice(MARKER.length)) as ChoiceFigures;
}

// The pieces of the Lambda bundle's import, each child with the ESM loader warmed (a first empty
// module) and node:http loaded (Lambda's runtime client has both before it imports the handler).
const EMPTY_MODULES = ['build/empty-warm.mjs', 'build/empty-timed.mjs'] as const;

function importScript(deployed: Deployed, file: string): string {
  return `await import(${JSON.stringify(pathToFileURL(deployed.path(EMPTY_MODULES[0])).href)});
await import('node:http');
const t0 = performance.now();
await import(${JSON.stringify(pathToFileURL(file).href)});
console.log(${JSON.stringify(MARKER)} + JSON.stringify({ ms: performance.now() - t0 }));`;
}

/** build/polyfn.wasm alone: compile, then instantiate and warmUp() twice, as src/core/wasm.ts does. */
function wasmScript(file: string): string {
  return `import { readFileSync } from 'node:fs';
const bytes = readFileSync(${JSON.stringify(file)});
let memory;
const imports = {
  wasi_snapshot_preview1: { clock_time_get(_clock, _precision, out) { new DataView(memory.buffer).setBigUint64(out >>> 0, process.hrtime.bigint(), true); return 0; } },
  env: { abort() { throw new Error('abort'); } },
};
const t0 = performance.now();
const module = new WebAssembly.Module(bytes);
const t1 = performance.now();
const kernel = new WebAssembly.Instance(module, imports).exports;
memory = kernel.memory;
kernel.warmUp();
kernel.warmUp();
const t2 = performance.now();
console.log(${JSON.stringify(MARKER)} + JSON.stringify({ compileMs: t1 - t0, instantiateMs: t2 - t1 }));`;
}

async function benchLambdaImport(config: BenchConfig, deployed: Deployed, lambdaInit: ChoiceFigures[]): Promise<LambdaImportSplit> {
  const samples = { total: [] as number[], loader: [] as number[], compile: [] as number[], instantiate: [] as number[] };
  for (const file of EMPTY_MODULES) writeFileSync(deployed.path(file), 'export default 1;\n');
  try {
    for (let round = 0; round < config.coldRuns; round++) {
      samples.total.push((await runScript<{ ms: number }>(importScript(deployed, deployed.path('dist/lambda/index.mjs')), deployed.dir)).figures.ms);
      samples.loader.push((await runScript<{ ms: number }>(importScript(deployed, deployed.path(EMPTY_MODULES[1])), deployed.dir)).figures.ms);
      const wasm = (await runScript<{ compileMs: number; instantiateMs: number }>(wasmScript(deployed.path('build/polyfn.wasm')), deployed.dir)).figures;
      samples.compile.push(wasm.compileMs);
      samples.instantiate.push(wasm.instantiateMs);
    }
  } finally {
    for (const file of EMPTY_MODULES) rmSync(deployed.path(file), { force: true });
  }
  const split = {
    totalMs: median(samples.total),
    loaderMs: median(samples.loader),
    wasmCompileMs: median(samples.compile),
    instantiateMs: median(samples.instantiate),
    examplesMs: median(lambdaInit.map((r) => r.examplesMs!)),
  };
  const parts = split.loaderMs + split.wasmCompileMs + split.instantiateMs + split.examplesMs;
  return { ...split, restMs: split.totalMs - parts };
}

function warmOf(searches: number[]): number {
  return median(searches.slice(-WARM_OF));
}

function summarize(label: string, runs: ProcessFigures[]): FirstSearchRow {
  return {
    label,
    firstMs: median(runs.map((r) => r.searches[0]!)),
    warmMs: median(runs.map((r) => warmOf(r.searches))),
    firstOverWarm: median(runs.map((r) => r.searches[0]! / warmOf(r.searches))),
    firstRequestMs: median(runs.map((r) => r.firstRequestMs)),
  };
}

function initChoiceRow(choice: Choice, cpu: Cpu, runs: ChoiceFigures[]): InitChoiceRow {
  return {
    label: choice.label,
    usedBy: choice.usedBy,
    cpu,
    initMs: median(runs.map((r) => r.initMs)),
    firstMs: median(runs.map((r) => r.searches[0]!)),
    warmMs: median(runs.map((r) => warmOf(r.searches))),
    initPlusFirstMs: median(runs.map((r) => r.initMs + r.searches[0]!)),
  };
}

export async function benchFirstSearch(config: BenchConfig, deployed: Deployed): Promise<FirstSearchSection> {
  const support = cgroupSupport();
  const cpus: Cpu[] = support.version ? ['full', 'small'] : ['full'];
  const samples: Record<string, Record<Engine, ProcessFigures[]>> = Object.fromEntries(Object.keys(ADAPTERS).map((id) => [id, { wasm: [], js: [] }]));
  const choices = new Map<Choice, Record<Cpu, ChoiceFigures[]>>();
  for (const engine of ENGINES) for (const choice of INIT_CHOICES[engine]) choices.set(choice, { full: [], small: [] });
  // Rounds interleave every target, so that noise on this shared machine spreads over all of them.
  for (let round = 0; round < config.coldRuns; round++) {
    for (const engine of ENGINES) {
      for (const [id, adapter] of Object.entries(ADAPTERS)) samples[id]![engine].push(await adapter.run(deployed, engine));
      for (const choice of INIT_CHOICES[engine]) {
        for (const cpu of cpus) if (cpu === 'full' || choice.small) choices.get(choice)![cpu].push(await runChoice(choice, deployed, cpu, support.version));
      }
    }
  }
  const adapters: FirstSearchSection['adapters'] = {};
  for (const [id, adapter] of Object.entries(ADAPTERS)) {
    adapters[id] = { wasm: summarize(adapter.label, samples[id]!.wasm), js: summarize(adapter.label, samples[id]!.js) };
  }
  const initChoice = Object.fromEntries(
    ENGINES.map((engine) => [
      engine,
      cpus.flatMap((cpu) => INIT_CHOICES[engine].filter((c) => cpu === 'full' || c.small).map((c) => initChoiceRow(c, cpu, choices.get(c)![cpu]))),
    ]),
  ) as FirstSearchSection['initChoice'];
  const lambdaChoice = INIT_CHOICES.wasm.find((c) => c.usedBy === 'Lambda')!;
  return {
    runs: config.coldRuns,
    searches: SEARCHES,
    warmOf: WARM_OF,
    adapters,
    initChoice,
    smallCpuSkipped: support.version ? null : `not run: ${support.note}`,
    smallMb: SMALL_MB,
    lambdaImport: await benchLambdaImport(config, deployed, choices.get(lambdaChoice)!.full),
  };
}
