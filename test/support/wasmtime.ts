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

// Runs the command once per argument list (JSON on stdin), compiling the module once, and prints
// one JSON array of {code, stdout, stderr}: a few hundred runs cost one process.
const RUNNER = `
import json, os, sys, tempfile, wasmtime
engine = wasmtime.Engine()
module = wasmtime.Module.from_file(engine, sys.argv[1])
linker = wasmtime.Linker(engine)
linker.define_wasi()
scratch = tempfile.mkdtemp()
out, err = os.path.join(scratch, "out"), os.path.join(scratch, "err")
results = []
for args in json.load(sys.stdin):
    store = wasmtime.Store(engine)
    config = wasmtime.WasiConfig()
    config.argv = ["polyfn-wasi", *args]
    config.stdout_file = out
    config.stderr_file = err
    store.set_wasi(config)
    code = 0
    try:
        linker.instantiate(store, module).exports(store)["_start"](store)
    except wasmtime.ExitTrap as exit:
        code = exit.code
    results.append({"code": code, "stdout": open(out).read(), "stderr": open(err).read()})
json.dump(results, sys.stdout)
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

/** Runs the WASI command once per argument list under wasmtime; one result per list, in order. */
export async function wasmtime(wasmFile: string, argsList: string[][]): Promise<Ran[]> {
  await ensureWasmtime();
  const ran = await run(python, ['-c', RUNNER, wasmFile], { input: JSON.stringify(argsList) });
  if (ran.code !== 0) throw new Error(`the wasmtime runner failed: ${ran.stderr}`);
  return JSON.parse(ran.stdout) as Ran[];
}
