// A second WASI runtime for the WASI build, independent of Node's: Bun (the npm package `bun`, a
// devDependency), whose node:wasi is its own JavaScript implementation running on JavaScriptCore,
// so neither V8 nor Node's uvwasi is involved. Its binary comes from the package's optional
// dependency for this platform (put in place by its postinstall, allowed in package.json).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, run, type Ran } from './run.ts';

const BUN = join(root, 'node_modules/.bin/bun');

// Runs the command once per argument list (JSON on stdin), compiling the module once: a few hundred
// runs cost one process. Bun's WASI has no returnOnExit (proc_exit ends the process) and writes to
// fds 1 and 2 whatever stdout/stderr it is given, so proc_exit throws the code instead (what Node's
// returnOnExit does), and a marker line written before each run splits the output into runs.
const RUNNER = `
import { readFileSync, writeSync } from 'node:fs';
import { WASI } from 'node:wasi';
const MARK = '\\u0001polyfn-run\\u0001\\n';
class Exit { constructor(code) { this.code = code; } }
const module = await WebAssembly.compile(readFileSync(process.env.POLYFN_WASI_FILE));
const codes = [];
for (const args of JSON.parse(readFileSync(0, 'utf8'))) {
  writeSync(1, MARK);
  writeSync(2, MARK);
  const wasi = new WASI({ version: 'preview1', args: ['polyfn-wasi', ...args], env: {} });
  const imports = { ...wasi.wasiImport, proc_exit: (code) => { throw new Exit(code); } };
  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: imports });
  try { wasi.start(instance); codes.push(0); } catch (error) { if (!(error instanceof Exit)) throw error; codes.push(error.code); }
}
writeSync(2, MARK + JSON.stringify({ codes, engine: process.versions.webkit ? 'JavaScriptCore' : 'unknown' }) + '\\n');
`;
const MARK = '\u0001polyfn-run\u0001\n';

/** Why Bun cannot run here, or null when it can: the package installs no binary on some platforms. */
export function bunUnavailable(): string | null {
  if (!existsSync(BUN)) return 'node_modules/.bin/bun is missing: run npm ci';
  const ran = spawnSync(BUN, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  if (ran.status === 0 && /^\d+\.\d+\.\d+/.test(ran.stdout)) return null;
  const why = (ran.error?.message ?? (ran.stderr || ran.stdout)).trim().split('\n')[0];
  return `the bun package has no working binary for this platform (${process.platform}-${process.arch}): ${why}`;
}

/** Runs the WASI command once per argument list under Bun; one result per list, in order, and the engine it ran on. */
export async function bunWasi(wasmFile: string, argsList: string[][]): Promise<{ results: Ran[]; engine: string }> {
  const ran = await run(BUN, ['-e', RUNNER], { input: JSON.stringify(argsList), env: { ...process.env, POLYFN_WASI_FILE: wasmFile } });
  if (ran.code !== 0) throw new Error(`the Bun runner failed (exit ${ran.code}): ${ran.stderr}`);
  const outputs = ran.stdout.split(MARK).slice(1);
  const errors = ran.stderr.split(MARK).slice(1);
  const { codes, engine } = JSON.parse(errors.pop()!) as { codes: number[]; engine: string };
  if (outputs.length !== argsList.length || errors.length !== argsList.length || codes.length !== argsList.length) {
    throw new Error(`the Bun runner ran ${codes.length} of ${argsList.length} commands`);
  }
  return { results: codes.map((code, i) => ({ code, stdout: outputs[i]!, stderr: errors[i]! })), engine };
}
