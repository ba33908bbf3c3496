// The web runtimes in the benchmark: each packaged artifact started as its platform's tool starts it
// (test/support/runtimes.ts), beside the same runtime serving a handler that does nothing, so that
// the runtime's own start (process, runtime, listening) and the artifact's module init can be told
// apart: init = (artifact's spawn to listening) - (empty handler's spawn to listening). CPU time is
// the child's own (its threads' run time, Linux /proc), which a loaded machine distorts less than
// wall time.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBun, startDeno, startFunctionsFramework, startWorkerd, type RuntimeProcess, type StartOptions } from '../test/support/runtimes.ts';
import { root } from '../scripts/bundle.ts';
import type { Deployed } from './processes.ts';

export type WebRuntime = 'workerd' | 'deno' | 'bun' | 'functions-framework';

const START: Record<WebRuntime, (options: StartOptions) => Promise<RuntimeProcess>> = {
  workerd: startWorkerd,
  deno: startDeno,
  bun: startBun,
  'functions-framework': startFunctionsFramework,
};

/** Each runtime's artifact in the deployed copy, and a do-nothing handler in the same shape (written by emptyHandlers). */
export const ARTIFACT_FOLDER: Record<WebRuntime, string> = {
  workerd: 'dist/cloudflare',
  deno: 'dist/deno',
  bun: 'dist/bun',
  'functions-framework': 'dist/gcp',
};

const HELLO = 'new Response(\'{"message":"hello world"}\', { headers: { "content-type": "application/json; charset=utf-8" } })';

/** Writes, under `dir`, each runtime's folder with a handler that answers without loading polyfn. */
export function emptyHandlers(dir: string): Record<WebRuntime, string> {
  const folders = { workerd: join(dir, 'cloudflare'), deno: join(dir, 'deno'), bun: join(dir, 'bun'), 'functions-framework': join(dir, 'gcp') };
  for (const folder of Object.values(folders)) mkdirSync(folder, { recursive: true });
  writeFileSync(join(folders.workerd, 'worker.mjs'), `export default { fetch: () => ${HELLO} };\n`);
  writeFileSync(
    join(folders.workerd, 'wrangler.jsonc'),
    JSON.stringify({ name: 'empty', main: 'worker.mjs', compatibility_date: '2026-11-01', no_bundle: true }),
  );
  writeFileSync(join(folders.deno, 'main.mjs'), `export default { fetch: () => ${HELLO} };\n`);
  writeFileSync(
    join(folders.bun, 'server.mjs'),
    `const server = Bun.serve({ port: Number(process.env.PORT), fetch: () => ${HELLO} });\nconsole.log(JSON.stringify({ message: 'listening', url: server.url.href }));\n`,
  );
  writeFileSync(
    join(folders['functions-framework'], 'index.mjs'),
    "import functions from '@google-cloud/functions-framework';\nfunctions.http('polyfn', (req, res) => res.json({ message: 'hello world' }));\n",
  );
  writeFileSync(join(folders['functions-framework'], 'package.json'), JSON.stringify({ type: 'module', main: 'index.mjs' }));
  linkNodeModules(dir);
  return folders;
}

/** CPU time (ms) a live process has used so far: its threads' run time; null where /proc is not. */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    return null;
  }
}

export interface Started {
  running: RuntimeProcess;
  /** Stops it and removes its cache folder. */
  stop(): Promise<void>;
  /** Spawn to the runtime's word that it serves (ms). */
  readyMs: number;
  /** Its CPU time by then (ms), null without /proc. */
  readyCpuMs: number | null;
}

/**
 * Starts `runtime` on `folder` (deployed artifact or empty handler) and times it to listening. Deno
 * and Bun keep caches of compiled code across runs (Deno's V8 code cache, Bun's transpiler cache
 * for large files): each start gets none, as a fresh instance would.
 */
export async function startTimed(runtime: WebRuntime, folder: string, onOutput?: (chunk: string) => void): Promise<Started> {
  const denoDir = runtime === 'deno' ? mkdtempSync(join(tmpdir(), 'polyfn-bench-deno-')) : undefined;
  const env = { ...(denoDir && { DENO_DIR: denoDir }), ...(runtime === 'bun' && { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' }) };
  const removeCache = () => denoDir && rmSync(denoDir, { recursive: true, force: true });
  const started = performance.now();
  const running = await START[runtime]({ folder, env, ...(onOutput && { onOutput }) }).catch((error: unknown) => {
    removeCache();
    throw error;
  });
  const readyMs = performance.now() - started;
  const stop = async () => {
    await running.stop();
    removeCache();
  };
  return { running, readyMs, readyCpuMs: cpuMs(running.child.pid), stop };
}

/** The deployed artifact's folder for `runtime`. */
export function artifactFolder(deployed: Deployed, runtime: WebRuntime): string {
  return deployed.path(ARTIFACT_FOLDER[runtime]);
}

/**
 * Makes this repository's node_modules reachable from `dir` (a copy of dist/, a folder of empty
 * handlers): the Cloud Run function imports the Functions Framework, which the platform would install.
 */
export function linkNodeModules(dir: string): void {
  try {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** The lines a marked worker prints when its module's evaluation starts and ends. */
export const EVAL_MARKS = { start: 'polyfn-bench: evaluation starts', end: 'polyfn-bench: evaluation ends' } as const;

/**
 * A copy of a Workers folder whose main module wraps the worker between two modules that print
 * EVAL_MARKS (ES modules evaluate in import order): workerd evaluates the worker before it listens,
 * and no clock runs inside a worker's module scope, so the lines' arrival times tell how long the
 * evaluation took. The product's files are not changed.
 */
export function markedWorker(folder: string, dir: string): string {
  const marked = join(dir, 'cloudflare-marked');
  cpSync(folder, marked, { recursive: true });
  writeFileSync(join(marked, 'mark-start.mjs'), `console.log(${JSON.stringify(EVAL_MARKS.start)});\n`);
  writeFileSync(join(marked, 'mark-end.mjs'), `console.log(${JSON.stringify(EVAL_MARKS.end)});\n`);
  writeFileSync(join(marked, 'bench-entry.mjs'), "import './mark-start.mjs';\nexport { default } from './worker.mjs';\nimport './mark-end.mjs';\n");
  const config = readFileSync(join(marked, 'wrangler.jsonc'), 'utf8');
  if (!config.includes('"main": "worker.mjs"')) throw new Error(`${folder}/wrangler.jsonc: no "main": "worker.mjs" to wrap`);
  writeFileSync(join(marked, 'wrangler.jsonc'), config.replace('"main": "worker.mjs"', '"main": "bench-entry.mjs"'));
  return marked;
}
