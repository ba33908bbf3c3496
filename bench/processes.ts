// Fresh Node processes for the sections that need one (cold start, footprint, throughput): a short
// script whose figures come back on one marked stdout line, or a deployed server started the way
// its platform starts it, waited for until it logs that it listens, and stopped with SIGTERM. They
// run in a copy of build/ and dist/ taken when the run starts (snapshotDeployed).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, type IncomingHttpHeaders } from 'node:http';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { root } from '../scripts/bundle.ts';
import { LAMBDA_BUNDLE } from '../scripts/package/lambda.ts';

/** The deployed artifacts, copied: other work on this tree (tests package dist/ afresh) cannot change them mid-run. */
export interface Deployed {
  /** Holds build/ and dist/ as the repo had them. */
  dir: string;
  /** The absolute path of e.g. 'dist/lambda/index.mjs' in the copy. */
  path(relative: string): string;
  remove(): void;
}

export function snapshotDeployed(): Deployed {
  const dir = mkdtempSync(join(tmpdir(), 'polyfn-bench-deployed-'));
  for (const folder of ['build', 'dist']) cpSync(join(root, folder), join(dir, folder), { recursive: true });
  return { dir, path: (relative) => join(dir, relative), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The environment of every child: this process's, less NODE_EXTRA_CA_CERTS. This machine sets it,
 * and Node reads and parses the file at every start (a few hundred ms when loaded), though no
 * platform measured here sets it and the children talk to loopback only.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env['NODE_EXTRA_CA_CERTS'];
  return env;
}

/** A child script prints its figures as one line: MARKER + JSON. */
export const MARKER = '@bench ';
const START_TIMEOUT_MS = 20_000;

export interface ScriptRun<T> {
  /** From spawn to the marked line, as the parent saw it (ms). */
  wallMs: number;
  figures: T;
}

/**
 * Runs `node -e script` (ESM, or CommonJS with `commonjs`) in `cwd` and returns the figures of its
 * marked line. Everything else it prints (a bundle's log lines, warnings) is read and dropped.
 */
export function runScript<T>(script: string, cwd: string, options: { commonjs?: boolean } = {}): Promise<ScriptRun<T>> {
  const args = [...(options.commonjs ? [] : ['--input-type=module']), '-e', script];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let found: ScriptRun<T> | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!found && line.startsWith(MARKER)) found = { wallMs: performance.now() - started, figures: JSON.parse(line.slice(MARKER.length)) as T };
    });
    child.on('error', reject);
    child.on('close', (code) => (found && code === 0 ? resolve(found) : reject(new Error(`child script failed (exit ${code}): ${stderr.slice(0, 2000)}`))));
  });
}

/**
 * Child-script statements for the deployed Lambda bundle: `load` imports its handler; `invoke(event)`
 * calls it with `event` (a JavaScript expression) and a Lambda context, and throws unless it answers 200.
 */
export function lambdaStatements(deployed: Deployed): { load: string; invoke(event: string): string } {
  return {
    load: `const { handler } = await import(${JSON.stringify(pathToFileURL(deployed.path(LAMBDA_BUNDLE)).href)});`,
    invoke: (event) => `{
  const result = await handler(${event}, { awsRequestId: 'bench', getRemainingTimeInMillis: () => 30000 });
  if (result.statusCode !== 200) throw new Error('status ' + result.statusCode);
}`,
  };
}

/** Wall time of a process that does nothing (`node -e ''`): Node's own start and exit. */
export function emptyProcessMs(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { env: childEnv(), stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

export interface RunningServer {
  /** From spawn to its "listening" log line (ms). */
  readyMs: number;
  child: ChildProcess;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` in `cwd` with `env` and waits for the JSON log line saying it listens (every
 * server entry of polyfn logs one). Its stdout keeps being read, so its request log never fills the pipe.
 */
export async function startServer(cwd: string, args: string[], env: Record<string, string>): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const readyMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not listen within ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('"message":"listening"')) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited (${code}) before listening: ${stderr}`));
    });
  });
  return {
    readyMs,
    child,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Request sent to last byte received (ms). */
  ms: number;
}

/** One GET on a fresh connection (node:http: nothing to warm up in the parent). */
export function get(port: number, path: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Peak resident set size of a running process (Linux /proc VmHWM), in MiB; null elsewhere. */
export function peakRssMiB(pid: number): number | null {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return hwm ? Number(hwm[1]) / 1024 : null;
  } catch {
    return null;
  }
}
