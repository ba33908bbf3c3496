// A second WASI runtime for the WASI build: Python's wasmtime package (Cranelift, not V8), set up
// on first use in a venv under node_modules/.cache, so nothing is installed by hand.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root, run, type Ran } from './run.ts';

const WASMTIME_VERSION = '49.0.0';
const venv = join(root, 'node_modules/.cache/polyfn-wasmtime');
const python = join(venv, 'bin/python');

const RUNNER = `
import sys, wasmtime
engine = wasmtime.Engine()
module = wasmtime.Module.from_file(engine, sys.argv[1])
linker = wasmtime.Linker(engine)
linker.define_wasi()
store = wasmtime.Store(engine)
config = wasmtime.WasiConfig()
config.argv = ["polyfn-wasi", *sys.argv[2:]]
config.inherit_stdout()
config.inherit_stderr()
store.set_wasi(config)
instance = linker.instantiate(store, module)
try:
    instance.exports(store)["_start"](store)
except wasmtime.ExitTrap as exit:
    sys.exit(exit.code)
`;

let ready: Promise<void> | undefined;

export function ensureWasmtime(): Promise<void> {
  ready ??= (async () => {
    if (existsSync(python)) return;
    const exec = promisify(execFile);
    await exec('python3', ['-m', 'venv', venv]);
    await exec(python, ['-m', 'pip', 'install', '--quiet', `wasmtime==${WASMTIME_VERSION}`]);
  })();
  return ready;
}

export async function wasmtime(wasmFile: string, args: string[]): Promise<Ran> {
  await ensureWasmtime();
  return run(python, ['-c', RUNNER, wasmFile, ...args]);
}
