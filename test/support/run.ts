// Runs a command to completion and collects its output (CLI and WASI end-to-end tests).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const polyfnBin = fileURLToPath(new URL('../../bin/polyfn.mjs', import.meta.url));

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(file: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { cwd: options.cwd ?? root, env: options.env ?? process.env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

/** The `polyfn` command as installed (bin/polyfn.mjs -> build/cli.mjs). */
export function polyfn(...args: string[]): Promise<Ran> {
  return run(process.execPath, [polyfnBin, ...args]);
}
