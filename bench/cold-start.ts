// Section 4: cold start. A fresh process per run loads a deployed artifact and serves its first
// request (GET /api/hello, the cold-start workload of the "Serverless Rust" talk):
//   - function bundles (Lambda, Azure v4, Netlify, Vercel): a Node script imports the bundle (module
//     init: the Wasm is compiled and instantiated at load) and calls the exported handler once with
//     its platform's event or Request; the script times both phases itself.
//   - Node servers (Azure custom handler, OpenFaaS of-watchdog upstream, the local server): started
//     the way their platform starts them, timed from spawn to their "listening" line, then one request.
//   - web runtimes (workerd, Deno, Bun, the Functions Framework): the artifact started as its tool
//     starts it, and the same runtime serving a do-nothing handler (bench/runtimes.ts): the latter's
//     spawn to listening is the process start, the difference the module init, then one request.
// For Node, process start is the wall time of `node -e ''`. CPU is the child's own by its first
// answer, where it runs as a server. Rounds interleave the targets so that noise on this shared
// machine spreads over all of them; each figure is the median over the rounds. On workerd, "module
// evaluation to first answer" is held to the Rust Lambda's 14 ms init: the evaluation timed by two
// marker lines around the worker (no clock runs in a worker's module scope), plus the first request.
// Cloudflare evaluates a worker on its first request, as workerd does at start.
// Also: WebAssembly.Module + Instance of build/polyfn.wasm alone, in a fresh process and repeated
// in this one (where V8 may reuse what it compiled before).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NETLIFY_FUNCTION } from '../scripts/package/netlify.ts';
import { VERCEL_FUNCTION } from '../scripts/package/vercel.ts';
import { freePort } from '../test/support/http.ts';
import { httpApiEvent } from '../test/fixtures/lambda/envelopes.ts';
import type { BenchConfig } from './config.ts';
import { measure, type Timing } from './measure.ts';
import { median } from './palindromes-targets.ts';
import { emptyProcessMs, get, lambdaStatements, MARKER, runScript, startServer, type Deployed } from './processes.ts';
import { artifactFolder, cpuMs, emptyHandlers, EVAL_MARKS, linkNodeModules, markedWorker, startTimed, type WebRuntime } from './runtimes.ts';

export interface ColdStartRow {
  label: string;
  /** What runs and what the first call is. */
  how: string;
  /** Node's start (`node -e ''`); for a web runtime, the runtime serving a do-nothing handler, spawn to listening. */
  processStartMs: number;
  /** Loading the bundle: measured in the process (function bundles), or spawn-to-listening less process start (servers). */
  initMs: number;
  /** The first request: the handler call (function bundles) or one HTTP round trip on loopback (servers). */
  firstCallMs: number;
  /** Spawn to first answer, as this process saw it. */
  totalMs: number;
  /** The server's CPU time by its first answer; null for function bundles and without /proc. */
  cpuMs: number | null;
  /** Web runtimes: module init in the runtime's CPU time (by listening, less the do-nothing handler's); null elsewhere. */
  initCpuMs: number | null;
}

/** workerd: from the worker's module evaluation to its first answer, against the Rust Lambda's init. */
export interface WorkerdColdStart {
  /** The worker module's evaluation (marker lines, see bench/runtimes.ts markedWorker) plus the first request. */
  evalToFirstAnswerMs: number;
  /** The evaluation alone. */
  evalMs: number;
  /** The same init in workerd's CPU time: the artifact's CPU by listening less the empty worker's. */
  initCpuMs: number | null;
  /** Init plus the first request in workerd's CPU time, which a loaded machine distorts less than wall time. */
  evalToFirstAnswerCpuMs: number | null;
  limitMs: number;
  met: boolean;
}

export interface ColdStartSection {
  runs: number;
  processStartMs: number;
  targets: Record<string, ColdStartRow>;
  /** Absent from runs made before it was measured. */
  workerd?: WorkerdColdStart;
  wasmInit: {
    /** In a fresh process: new WebAssembly.Module(bytes), then new WebAssembly.Instance (medians, ms). */
    compileMs: number;
    instantiateMs: number;
    /** Both again and again in one process. */
    sameProcess: Timing;
    bytes: number;
  };
}

interface ScriptFigures {
  initMs: number;
  firstCallMs: number;
}

interface Sample {
  /** Module init (function bundles, web runtimes), or spawn to listening (Node servers: see Target). */
  loadMs: number;
  firstCallMs: number;
  totalMs: number;
  /** The runtime's own start, where it is measured beside the target (web runtimes). */
  processStartMs?: number;
  cpuMs: number | null;
  /** Web runtimes: CPU by listening, less the empty handler's. */
  initCpuMs?: number | null;
  /** Web runtimes: CPU spent on the first request. */
  firstCallCpuMs?: number | null;
  /** workerd: its module's evaluation, from the marker lines' arrival. */
  evalMs?: number;
}

/** The Rust Lambda's init (lambda-perf's daily measurements, 128 MB, hello world, 2026-08). */
export const RUST_LAMBDA_INIT_MS = 14;

const HELLO = { method: 'GET', path: '/api/hello' };

/** Prints the script's own timings on the marked line; `load` and `call` are statements. */
function timedScript(load: string, call: string): string {
  return `const t0 = performance.now();
${load}
const t1 = performance.now();
(async () => {
  ${call}
  const t2 = performance.now();
  console.log(${JSON.stringify(MARKER)} + JSON.stringify({ initMs: t1 - t0, firstCallMs: t2 - t1 }));
})().catch((error) => { console.error(error); process.exit(1); });`;
}

const lambdaScript = (deployed: Deployed) => {
  const lambda = lambdaStatements(deployed);
  return timedScript(lambda.load, lambda.invoke(JSON.stringify(httpApiEvent(HELLO))));
};

// CommonJS, as the Functions worker loads it. Outside the host the library registers nothing (it
// warns); the exported handler is called with a fetch Request, which has what it reads of an
// HttpRequest (url, method, headers, arrayBuffer), and a context with the log methods.
const azureFunctionsScript = (deployed: Deployed) =>
  timedScript(
    `const { httpHandler } = require(${JSON.stringify(deployed.path('dist/azure-functions/index.js'))});`,
    `const log = () => {};
  const context = { invocationId: 'bench', trace: log, debug: log, info: log, log, warn: log, error: log };
  const out = await httpHandler(new Request('https://polyfn.azurewebsites.net/api/hello'), context);
  if (out.status !== 200) throw new Error('status ' + out.status);`,
  );

interface Target {
  label: string;
  how: string;
  /** Servers: their load time is spawn to listening, which includes process start (subtracted at the end). */
  loadIncludesProcessStart: boolean;
  run(deployed: Deployed): Promise<Sample>;
}

function functionBundle(label: string, how: string, script: (deployed: Deployed) => string, commonjs = false): Target {
  return {
    label,
    how,
    loadIncludesProcessStart: false,
    async run(deployed) {
      const { wallMs, figures } = await runScript<ScriptFigures>(script(deployed), deployed.dir, { commonjs });
      return { loadMs: figures.initMs, firstCallMs: figures.firstCallMs, totalMs: wallMs, cpuMs: null };
    },
  };
}

function server(label: string, how: string, args: (port: number) => string[], env: (port: number) => Record<string, string> = () => ({})): Target {
  return {
    label,
    how,
    loadIncludesProcessStart: true,
    async run(deployed) {
      const port = await freePort();
      const running = await startServer(deployed.dir, args(port), env(port));
      try {
        const answer = await get(port, HELLO.path);
        if (answer.status !== 200) throw new Error(`${label}: GET /api/hello answered ${answer.status}`);
        return { loadMs: running.readyMs, firstCallMs: answer.ms, totalMs: running.readyMs + answer.ms, cpuMs: cpuMs(running.child.pid) };
      } finally {
        await running.stop();
      }
    },
  };
}

// Netlify and Vercel call the function with a web Request; Node builds its first Request lazily
// (undici), which the first call pays for, as it would there.
const fetchFunctionScript = (bundle: string, handler: string) => (deployed: Deployed) =>
  timedScript(
    `const module = await import(${JSON.stringify(pathToFileURL(deployed.path(bundle)).href)});`,
    `const out = await ${handler}(new Request('https://polyfn.example/api/hello'));
  if (out.status !== 200) throw new Error('status ' + out.status);`,
  );

/**
 * A web runtime: the empty handler's start and the artifact's, in turns (which goes first swaps each
 * round, so neither always meets a colder page cache), then one request to the artifact.
 */
function webRuntime(
  label: string,
  how: string,
  runtime: WebRuntime,
  empty: () => string,
  artifact = (deployed: Deployed) => artifactFolder(deployed, runtime),
): Target {
  let round = 0;
  const bareStart = async () => {
    const bare = await startTimed(runtime, empty());
    await bare.stop();
    return bare;
  };
  return {
    label,
    how,
    loadIncludesProcessStart: false,
    async run(deployed) {
      const emptyFirst = round++ % 2 === 0;
      const before = emptyFirst ? await bareStart() : undefined;
      const marks: { start?: number; end?: number } = {};
      const ours = await startTimed(runtime, artifact(deployed), (chunk) => {
        const at = performance.now();
        if (chunk.includes(EVAL_MARKS.start)) marks.start ??= at;
        if (chunk.includes(EVAL_MARKS.end)) marks.end ??= at;
      });
      let bare = before;
      try {
        const answer = await get(Number(new URL(ours.running.base).port), HELLO.path);
        if (answer.status !== 200) throw new Error(`${label}: GET /api/hello answered ${answer.status}`);
        const oursCpuMs = cpuMs(ours.running.child.pid);
        await ours.stop();
        bare ??= await bareStart();
        const initCpuMs = ours.readyCpuMs === null || bare.readyCpuMs === null ? null : ours.readyCpuMs - bare.readyCpuMs;
        const firstCallCpuMs = oursCpuMs === null || ours.readyCpuMs === null ? null : oursCpuMs - ours.readyCpuMs;
        return {
          processStartMs: bare.readyMs,
          loadMs: ours.readyMs - bare.readyMs,
          firstCallMs: answer.ms,
          totalMs: ours.readyMs + answer.ms,
          cpuMs: oursCpuMs,
          initCpuMs,
          firstCallCpuMs,
          ...(marks.start !== undefined && marks.end !== undefined && { evalMs: marks.end - marks.start }),
        };
      } finally {
        await ours.stop();
      }
    },
  };
}

/** The do-nothing handlers, written once per run (see benchColdStart). */
let emptyFolders: Record<WebRuntime, string> | undefined;
const emptyFolder = (runtime: WebRuntime) => () => emptyFolders![runtime];
/** dist/cloudflare with its worker between evaluation marks (bench/runtimes.ts markedWorker), written once per run. */
let markedWorkerFolder: string | undefined;

const TARGETS: Record<string, Target> = {
  lambda: functionBundle('AWS Lambda', 'import dist/lambda/index.mjs, handler(HTTP API v2 event)', lambdaScript),
  'azure-functions': functionBundle(
    'Azure Functions v4',
    'require dist/azure-functions/index.js (outside the host), httpHandler(request, context)',
    azureFunctionsScript,
    true,
  ),
  'azure-custom-handler': server(
    'Azure custom handler',
    'node dist/azure-custom-handler/custom-handler.mjs, GET /api/hello (forwarded HTTP)',
    () => ['dist/azure-custom-handler/custom-handler.mjs'],
    (port) => ({ FUNCTIONS_CUSTOMHANDLER_PORT: String(port) }),
  ),
  openfaas: server(
    'OpenFaaS (of-watchdog upstream)',
    'node dist/openfaas/server.mjs, GET /api/hello',
    () => ['dist/openfaas/server.mjs'],
    (port) => ({
      http_port: String(port),
    }),
  ),
  local: server('Local server', 'node build/cli.mjs serve, GET /api/hello', (port) => ['build/cli.mjs', 'serve', '--port', String(port)]),
  netlify: functionBundle('Netlify Functions', `import ${NETLIFY_FUNCTION} (Node), default(request)`, fetchFunctionScript(NETLIFY_FUNCTION, 'module.default')),
  vercel: functionBundle(
    'Vercel Functions',
    'import dist/vercel/api/polyfn.mjs (Node), default.fetch(request)',
    fetchFunctionScript(VERCEL_FUNCTION, 'module.default.fetch'),
  ),
  workerd: webRuntime(
    'Cloudflare Workers (workerd)',
    'workerd serve dist/cloudflare/wrangler.jsonc, GET /api/hello',
    'workerd',
    emptyFolder('workerd'),
    () => markedWorkerFolder!,
  ),
  deno: webRuntime('Deno', 'deno serve --allow-read --allow-env dist/deno/main.mjs, GET /api/hello', 'deno', emptyFolder('deno')),
  bun: webRuntime('Bun', 'PORT=<port> bun dist/bun/server.mjs, GET /api/hello', 'bun', emptyFolder('bun')),
  gcp: webRuntime(
    'Cloud Run functions (functions-framework)',
    'functions-framework --target=polyfn --source=dist/gcp, GET /api/hello',
    'functions-framework',
    emptyFolder('functions-framework'),
  ),
};

const wasmInitScript = (wasm: string) => `import { readFileSync } from 'node:fs';
const bytes = readFileSync(${JSON.stringify(wasm)});
const t0 = performance.now();
const module = new WebAssembly.Module(bytes);
const t1 = performance.now();
const imports = {};
for (const { module: name, name: field } of WebAssembly.Module.imports(module)) (imports[name] ??= {})[field] = () => 0;
const t2 = performance.now();
new WebAssembly.Instance(module, imports);
const t3 = performance.now();
console.log(${JSON.stringify(MARKER)} + JSON.stringify({ compileMs: t1 - t0, instantiateMs: t3 - t2 }));`;

function stubImports(module: WebAssembly.Module): WebAssembly.Imports {
  const imports: Record<string, Record<string, () => number>> = {};
  for (const { module: name, name: field } of WebAssembly.Module.imports(module)) (imports[name] ??= {})[field] = () => 0;
  return imports;
}

export async function benchColdStart(config: BenchConfig, deployed: Deployed): Promise<ColdStartSection> {
  const emptyDir = mkdtempSync(join(tmpdir(), 'polyfn-bench-empty-'));
  emptyFolders = emptyHandlers(emptyDir);
  markedWorkerFolder = markedWorker(artifactFolder(deployed, 'workerd'), emptyDir);
  linkNodeModules(deployed.dir);
  try {
    return await measureColdStart(config, deployed);
  } finally {
    rmSync(emptyDir, { recursive: true, force: true });
  }
}

async function measureColdStart(config: BenchConfig, deployed: Deployed): Promise<ColdStartSection> {
  const wasmFile = deployed.path('build/polyfn.wasm');
  const empty: number[] = [];
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(TARGETS).map((id) => [id, []]));
  const wasm: { compileMs: number; instantiateMs: number }[] = [];
  // One start of each web runtime first, not counted: its binary (up to 160 MB) into the page cache.
  for (const runtime of ['workerd', 'deno', 'bun', 'functions-framework'] as const) await (await startTimed(runtime, emptyFolders![runtime])).stop();
  for (let round = 0; round < config.coldRuns; round++) {
    empty.push(await emptyProcessMs());
    for (const [id, target] of Object.entries(TARGETS)) samples[id]!.push(await target.run(deployed));
    wasm.push((await runScript<{ compileMs: number; instantiateMs: number }>(wasmInitScript(wasmFile), deployed.dir)).figures);
  }
  const processStartMs = median(empty);
  const targets: Record<string, ColdStartRow> = {};
  for (const [id, { label, how, loadIncludesProcessStart }] of Object.entries(TARGETS)) {
    const runs = samples[id]!;
    const processStartInLoad = loadIncludesProcessStart ? processStartMs : 0;
    const cpu = runs.map((s) => s.cpuMs).filter((ms) => ms !== null);
    targets[id] = {
      label,
      how,
      processStartMs: runs[0]!.processStartMs === undefined ? processStartMs : median(runs.map((s) => s.processStartMs!)),
      initMs: median(runs.map((s) => s.loadMs - processStartInLoad)),
      firstCallMs: median(runs.map((s) => s.firstCallMs)),
      totalMs: median(runs.map((s) => s.totalMs)),
      cpuMs: cpu.length === runs.length ? median(cpu) : null,
      initCpuMs: runs.every((s) => s.initCpuMs !== null && s.initCpuMs !== undefined) ? median(runs.map((s) => s.initCpuMs!)) : null,
    };
  }
  // A run whose two marks were read in one chunk (the parent was slow to read) tells nothing of the
  // evaluation: left out, unless no run has better.
  const workerdRuns = samples['workerd']!;
  const withMarks = workerdRuns.filter((s) => s.evalMs !== undefined);
  if (withMarks.length === 0) throw new Error('workerd: the marked worker printed no evaluation marks');
  const apart = withMarks.filter((s) => s.evalMs! > 0);
  const marked = apart.length > 0 ? apart : withMarks;
  const evalToFirstAnswerMs = median(marked.map((s) => s.evalMs! + s.firstCallMs));
  const cpuOf = (figure: (s: Sample) => number | null | undefined) => {
    const figures = workerdRuns.map(figure).filter((ms) => ms !== null && ms !== undefined);
    return figures.length === workerdRuns.length ? median(figures) : null;
  };
  const bytes = readFileSync(wasmFile);
  const imports = stubImports(new WebAssembly.Module(bytes));
  const { init } = await measure(config, { init: () => new WebAssembly.Instance(new WebAssembly.Module(bytes), imports) });
  return {
    runs: config.coldRuns,
    processStartMs,
    targets,
    workerd: {
      evalToFirstAnswerMs,
      evalMs: median(marked.map((s) => s.evalMs!)),
      initCpuMs: cpuOf((s) => s.initCpuMs),
      evalToFirstAnswerCpuMs: cpuOf((s) =>
        s.initCpuMs === null || s.initCpuMs === undefined || s.firstCallCpuMs === null || s.firstCallCpuMs === undefined
          ? null
          : s.initCpuMs + s.firstCallCpuMs,
      ),
      limitMs: RUST_LAMBDA_INIT_MS,
      met: evalToFirstAnswerMs <= RUST_LAMBDA_INIT_MS,
    },
    wasmInit: {
      compileMs: median(wasm.map((w) => w.compileMs)),
      instantiateMs: median(wasm.map((w) => w.instantiateMs)),
      sameProcess: init!,
      bytes: bytes.length,
    },
  };
}
