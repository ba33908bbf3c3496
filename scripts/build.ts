// The build, run by `npm ci` (prepare), `npm start` and `npm test` (with --if-stale):
//   1. asc: build/polyfn.wasm (the core module) and build/polyfn-wasi.wasm (the WASI command)
//   2. esbuild: build/cli.mjs (the polyfn command) and build/index.mjs (the public API), Wasm inline
//   3. tsc: build/types/ (declarations of the public API)
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundle, root, serverBundle } from './bundle.ts';

const ASC = 'node_modules/assemblyscript/bin/asc.js';
const TSC = 'node_modules/typescript/bin/tsc';
const OUTPUTS = ['build/polyfn.wasm', 'build/polyfn-wasi.wasm', 'build/cli.mjs', 'build/index.mjs', 'build/types/src/index.d.ts'];
const INPUTS = ['assembly', 'src', 'adapters', 'cli', 'scripts/build.ts', 'scripts/bundle.ts', 'asconfig.json', 'asconfig.wasi.json', 'package.json'];

function newest(path: string): number {
  const stat = statSync(join(root, path));
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(join(root, path)).map((name) => newest(join(path, name))));
}

function isStale(): boolean {
  try {
    const built = Math.min(...OUTPUTS.map((path) => statSync(join(root, path)).mtimeMs));
    return Math.max(...INPUTS.map(newest)) > built;
  } catch {
    return true; // an output is missing
  }
}

// Tools run as their own processes: loaded under tsx, asc's 10 MB of JS would take seconds to transform.
async function run(tool: string, ...args: string[]): Promise<void> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, [join(root, tool), ...args], { cwd: root });
    if (stderr.trim()) process.stderr.write(stderr);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${tool} ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

export async function buildAll(): Promise<void> {
  const started = performance.now();
  await Promise.all([
    run(ASC, '--config', 'asconfig.json', '--target', 'release'),
    run(ASC, '--config', 'asconfig.wasi.json', '--target', 'release'),
    run(TSC, '-p', 'tsconfig.types.json'),
  ]);
  await Promise.all([
    serverBundle({ entryPoints: ['cli/main.ts'], outfile: 'build/cli.mjs' }),
    bundle({ entryPoints: ['src/index.ts'], outfile: 'build/index.mjs' }),
  ]);
  console.log(`polyfn: built in ${Math.round(performance.now() - started)} ms`);
}

if (!process.argv.includes('--if-stale') || isStale()) await buildAll();
