// The real runtimes of the web-standard platforms, started on loopback the way each platform's own
// tool starts the packaged artifact: workerd serving dist/cloudflare/wrangler.jsonc, `deno serve`,
// `bun server.mjs`, the Functions Framework. Each binary comes from its npm package (devDependencies,
// nothing downloaded), spawned itself rather than through a Node launcher in node_modules/.bin,
// which would leave the runtime running when killed. Each start waits for the runtime's own word
// that it serves (workerd's control fd, a listening line), never for a delay; `stop()` ends the
// child's whole process group. Used by the conformance tests and the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { root } from '../../scripts/bundle.ts';
import { within } from './answers.ts';
import { freePort } from './http.ts';

const require = createRequire(import.meta.url);

export type RuntimeName = 'workerd' | 'deno' | 'bun' | 'functions-framework';

/** The first of `candidates` that is a real binary: an npm package's install script may have moved it, or left a stub. */
function firstBinary(name: string, candidates: string[]): string {
  const found = candidates.find((path) => existsSync(path) && statSync(path).size > 1_000_000);
  if (!found) throw new Error(`no ${name} binary in node_modules (looked at ${candidates.join(', ')}): run npm ci`);
  return found;
}

const PLATFORM = `${process.platform}-${process.arch}`;

/** Each runtime's binary, from its npm package: the platform package npm chose, or where the package's own install script put it. */
export function runtimeBinary(name: 'workerd' | 'deno' | 'bun'): string {
  const modules = join(root, 'node_modules');
  if (name === 'workerd') return (require('workerd') as { default: string }).default;
  if (name === 'deno') {
    const platform = { 'linux-x64': 'linux-x64-glibc', 'linux-arm64': 'linux-arm64-glibc' }[PLATFORM] ?? PLATFORM;
    return firstBinary('deno', [join(modules, `@deno/${platform}/deno`), join(modules, 'deno/deno')]);
  }
  const platform = { 'linux-x64': 'linux-x64', 'linux-arm64': 'linux-aarch64', 'darwin-arm64': 'darwin-aarch64' }[PLATFORM] ?? PLATFORM;
  return firstBinary('bun', [join(modules, `@oven/bun-${platform}/bin/bun`), join(modules, 'bun/bin/bun.exe')]);
}

/** The Functions Framework's command (its package's exports hide it: found beside its main module). */
export function functionsFrameworkMain(): string {
  return join(dirname(require.resolve('@google-cloud/functions-framework')), 'main.js');
}

export interface RuntimeProcess {
  name: RuntimeName;
  /** http://127.0.0.1:<port> */
  base: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM to its process group, SIGKILL if it is still there after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  /** The artifact's folder (default: its dist/ folder in this repo). */
  folder?: string;
  /** A module to serve instead of the artifact's entry (Deno and Bun: a test fixture, run from source). */
  entry?: string;
  /** Added to the environment (which never carries NODE_EXTRA_CA_CERTS: see below). */
  env?: Record<string, string>;
  /** How long to wait for it to serve (default: 20 s, for a loaded machine). */
  startMs?: number;
  /** Called with each chunk of its stdout as it arrives (the benchmark times marker lines by it). */
  onOutput?: (chunk: string) => void;
}

const live = new Set<ChildProcess>();
// A test run that ends without stopping its runtimes (a failed assertion in a before hook) must not
// leave them running.
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/**
 * Spawns `command` in its own process group and resolves once `readPort` finds the port in its output
 * (or fd 3). Node reads NODE_EXTRA_CA_CERTS (set on this machine) at every start, a few hundred ms:
 * the children talk to loopback only, so it is left out of their environment.
 */
async function launch(
  name: RuntimeName,
  command: string,
  args: string[],
  options: StartOptions,
  /** The port it serves on, from what it wrote so far to stdout and stderr, and to fd 3. */
  readPort: (output: string, controlFd: string) => number | undefined,
): Promise<RuntimeProcess> {
  // NO_COLOR: the lines read for the port come without colour codes, even when the test runner's
  // environment asks for colour.
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env['NODE_EXTRA_CA_CERTS'];
  delete env['FORCE_COLOR'];
  const withControlFd = name === 'workerd';
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe', ...(withControlFd ? (['pipe'] as const) : [])] });
  live.add(child);
  let text = '';
  let control = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));
  const changed: Array<() => void> = [];
  const notify = () => {
    for (const wake of changed.splice(0)) wake();
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      // Kept for the start-up checks and error messages; a server's request log under load is dropped past 1 MB.
      if (text.length < 1_000_000) text += chunk;
      notify();
    });
  }
  if (options.onOutput) child.stdout!.on('data', (chunk: string) => options.onOutput!(chunk));
  const controlFd = withControlFd ? (child.stdio[3] as Readable) : undefined;
  controlFd?.setEncoding('utf8').on('data', (chunk: string) => {
    control += chunk;
    notify();
  });
  const stop = async (graceMs = 5000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const waitForPort = async () => {
    for (;;) {
      const port = readPort(text, control);
      if (port !== undefined) return port;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before serving:\n${text}`);
      await Promise.race([new Promise<void>((wake) => changed.push(wake)), exited]);
    }
  };
  try {
    const port = await within(waitForPort(), `${name} start-up`, options.startMs ?? 20_000);
    return { name, base: `http://127.0.0.1:${port}`, child, output: () => text, stop };
  } catch (error) {
    await stop(0);
    throw new Error(`${(error as Error).message}; it wrote:\n${text}`);
  }
}

/** The port in the first match of `pattern` (its group 1). */
const portIn = (pattern: RegExp, text: string) => {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : undefined;
};

/** workerd serving a Workers folder's wrangler.jsonc, as `wrangler dev` would, on a port it picks and reports on fd 3. */
export function startWorkerd(options: StartOptions = {}): Promise<RuntimeProcess> {
  const config = join(options.folder ?? join(root, 'dist/cloudflare'), 'wrangler.jsonc');
  const args = ['serve', config, '--socket-addr', 'http=127.0.0.1:0', '--control-fd', '3'];
  return launch('workerd', runtimeBinary('workerd'), args, options, (_, control) => portIn(/"event":"listen","socket":"http","port":(\d+)/, control));
}

/** `deno serve --allow-read --allow-env` on the Deno artifact's main.mjs, on a port it picks and prints. */
export function startDeno(options: StartOptions = {}): Promise<RuntimeProcess> {
  const main = options.entry ?? join(options.folder ?? join(root, 'dist/deno'), 'main.mjs');
  const args = ['serve', '--allow-read', '--allow-env', '--host', '127.0.0.1', '--port', '0', main];
  // No update check: the tests run offline.
  const env = { DENO_NO_UPDATE_CHECK: '1', ...options.env };
  return launch('deno', runtimeBinary('deno'), args, { ...options, env }, (output) => portIn(/Listening on http:\/\/127\.0\.0\.1:(\d+)\//, output));
}

/**
 * `PORT=<port> bun server.mjs` on the Bun artifact, which logs a "listening" line; or Bun serving an
 * `entry` whose default export has `fetch`, which Bun announces itself.
 */
export async function startBun(options: StartOptions = {}): Promise<RuntimeProcess> {
  const port = await freePort();
  const server = options.entry ?? join(options.folder ?? join(root, 'dist/bun'), 'server.mjs');
  const env = { ...options.env, PORT: String(port) };
  return launch('bun', runtimeBinary('bun'), [server], { ...options, env }, (output) =>
    /"message":"listening"|Started .*server: http:/.test(output) ? port : undefined,
  );
}

/**
 * `functions-framework --target=polyfn --source=<dist/gcp>` with IGNORED_ROUTES empty (as deployed:
 * deploy/gcp), so /favicon.ico reaches the function. It prints "Serving function..." once it listens.
 */
export async function startFunctionsFramework(options: StartOptions = {}): Promise<RuntimeProcess> {
  const port = await freePort();
  const source = options.folder ?? join(root, 'dist/gcp');
  const args = [functionsFrameworkMain(), '--target=polyfn', `--source=${source}`, `--port=${port}`];
  const env = { IGNORED_ROUTES: '', NODE_ENV: 'development', ...options.env };
  return launch('functions-framework', process.execPath, args, { ...options, env }, (output) => (output.includes('Serving function...') ? port : undefined));
}

/** One runtime process for a test file's suites: started by the first suite's before hook, stopped by the last's after hook. */
export function sharedRuntime(start: () => Promise<RuntimeProcess>) {
  let running: RuntimeProcess | undefined;
  return {
    async start(): Promise<void> {
      try {
        running ??= await start();
      } catch (error) {
        // uvu drops what a before hook throws (the suite's tests then fail on `base`): say why here.
        console.error(error);
        throw error;
      }
    },
    async stop(): Promise<void> {
      await running?.stop();
      running = undefined;
    },
    get base(): string {
      if (!running) throw new Error('the runtime is not running: start() it in a before hook');
      return running.base;
    },
    get process(): RuntimeProcess {
      if (!running) throw new Error('the runtime is not running: start() it in a before hook');
      return running;
    },
  };
}
