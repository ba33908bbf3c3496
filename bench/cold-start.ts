// Section 4: cold start. A fresh Node process per run loads a deployed bundle and serves its first
// request (GET /api/hello, the seeds' cold-start workload):
//   - function bundles (Lambda, Azure v4): a script imports the bundle (module init: the Wasm is
//     compiled and instantiated at load) and calls the exported handler once with its platform's
//     event; the script times both phases itself.
//   - servers (Azure custom handler, OpenFaaS of-watchdog upstream, the local server): started the
//     way their platform starts them, timed from spawn to their "listening" line, then one request.
// Process start is the wall time of `node -e ''`. Rounds interleave the targets so that noise on
// this shared machine spreads over all of them; each figure is the median over the rounds.
// Also: WebAssembly.Module + Instance of build/polyfn.wasm alone, in a fresh process and repeated
// in this one (where V8 may reuse what it compiled before).
import { readFileSync } from 'node:fs';
import { freePort } from '../test/support/http.ts';
import { httpApiEvent } from '../test/fixtures/lambda/envelopes.ts';
import type { BenchConfig } from './config.ts';
import { measure, type Timing } from './measure.ts';
import { median } from './palindromes-targets.ts';
import { emptyProcessMs, get, lambdaStatements, MARKER, runScript, startServer, type Deployed } from './processes.ts';

export interface ColdStartRow {
  label: string;
  /** What runs and what the first call is. */
  how: string;
  /** Node's start (`node -e ''`), the same for every row. */
  processStartMs: number;
  /** Loading the bundle: measured in the process (function bundles), or spawn-to-listening less process start (servers). */
  initMs: number;
  /** The first request: the handler call (function bundles) or one HTTP round trip on loopback (servers). */
  firstCallMs: number;
  /** Spawn to first answer, as this process saw it. */
  totalMs: number;
}

export interface ColdStartSection {
  runs: number;
  processStartMs: number;
  targets: Record<string, ColdStartRow>;
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
  /** Module init (function bundles), or spawn to listening (servers: see Target). */
  loadMs: number;
  firstCallMs: number;
  totalMs: number;
}

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
      return { loadMs: figures.initMs, firstCallMs: figures.firstCallMs, totalMs: wallMs };
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
        return { loadMs: running.readyMs, firstCallMs: answer.ms, totalMs: running.readyMs + answer.ms };
      } finally {
        await running.stop();
      }
    },
  };
}

const TARGETS: Record<string, Target> = {
  lambda: functionBundle('AWS Lambda', 'import dist/lambda/index.mjs, handler(HTTP API v2 event)', lambdaScript),
  'azure-functions': functionBundle('Azure Functions v4', 'require dist/azure-functions/index.js (outside the host), httpHandler(request, context)', azureFunctionsScript, true),
  'azure-custom-handler': server(
    'Azure custom handler',
    'node dist/azure-custom-handler/custom-handler.mjs, GET /api/hello (forwarded HTTP)',
    () => ['dist/azure-custom-handler/custom-handler.mjs'],
    (port) => ({ FUNCTIONS_CUSTOMHANDLER_PORT: String(port) }),
  ),
  openfaas: server('OpenFaaS (of-watchdog upstream)', 'node dist/openfaas/server.mjs, GET /api/hello', () => ['dist/openfaas/server.mjs'], (port) => ({
    http_port: String(port),
  })),
  local: server('Local server', 'node build/cli.mjs serve, GET /api/hello', (port) => ['build/cli.mjs', 'serve', '--port', String(port)]),
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
  const wasmFile = deployed.path('build/polyfn.wasm');
  const empty: number[] = [];
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(TARGETS).map((id) => [id, []]));
  const wasm: { compileMs: number; instantiateMs: number }[] = [];
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
    targets[id] = {
      label,
      how,
      processStartMs,
      initMs: median(runs.map((s) => s.loadMs - processStartInLoad)),
      firstCallMs: median(runs.map((s) => s.firstCallMs)),
      totalMs: median(runs.map((s) => s.totalMs)),
    };
  }
  const bytes = readFileSync(wasmFile);
  const imports = stubImports(new WebAssembly.Module(bytes));
  const { init } = await measure(config, { init: () => new WebAssembly.Instance(new WebAssembly.Module(bytes), imports) });
  return {
    runs: config.coldRuns,
    processStartMs,
    targets,
    wasmInit: {
      compileMs: median(wasm.map((w) => w.compileMs)),
      instantiateMs: median(wasm.map((w) => w.instantiateMs)),
      sameProcess: init!,
      bytes: bytes.length,
    },
  };
}
