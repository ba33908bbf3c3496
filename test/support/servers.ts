// Server modes run as their own processes, the way their platform starts them: the command, the
// port in the platform's variable, JSON log lines on stdout (each server logs {"message":"listening"}).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createCustomHandlerServer } from '../../adapters/azure/custom-handler.ts';
import { createLocalServer } from '../../adapters/node/server.ts';
import { createHandler } from '../../adapters/openfaas/handler.ts';
import { createUpstreamServer } from '../../adapters/openfaas/server.ts';
import type { RequestLog } from '../../src/contract/log.ts';
import type { ConnectionBounds } from '../../src/server/connections.ts';
import { root } from '../../scripts/bundle.ts';
import { within } from './answers.ts';
import { freePort } from './http.ts';

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  /** http://127.0.0.1:<port> */
  base: string;
  port: number;
  /** Resolves when the process has exited, with everything it wrote. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** JSON lines logged on stdout so far. */
  logged(): Array<Record<string, unknown>>;
}

/** How each server mode is started: its command (from the repo root) and the variable that names its port. */
export interface ServerMode {
  name: string;
  args: string[];
  portVariable: string;
}

/** `polyfn serve`, the built CLI as installed (bin/polyfn.mjs runs build/cli.mjs). */
export const LOCAL_SERVER: ServerMode = { name: 'local server', args: [join(root, 'build/cli.mjs'), 'serve', '--host', '127.0.0.1'], portVariable: 'PORT' };
/** The packaged custom handler, as host.json runs it (scripts/package/azure.ts writes it). */
export const CUSTOM_HANDLER: ServerMode = {
  name: 'azure custom handler',
  args: [join(root, 'dist/azure-custom-handler/custom-handler.mjs')],
  portVariable: 'FUNCTIONS_CUSTOMHANDLER_PORT',
};
/** The packaged of-watchdog upstream, as the Dockerfile runs it (scripts/package/openfaas.ts writes it). */
export const OPENFAAS_UPSTREAM: ServerMode = { name: 'openfaas upstream', args: [join(root, 'dist/openfaas/server.mjs')], portVariable: 'http_port' };

/** What a server mode is built with in process: where its log lines go, and its connection bounds. */
export interface InProcessOptions {
  log?: (line: RequestLog) => void;
  bounds?: Partial<ConnectionBounds>;
}

/** The three server modes in process (client and server share an event loop), as the HTTP tests build them. */
export const IN_PROCESS: Array<{ name: string; create(options?: InProcessOptions): Server }> = [
  { name: 'local server', create: (options) => createLocalServer(options) },
  { name: 'azure custom handler', create: (options) => createCustomHandlerServer(options) },
  { name: 'openfaas upstream', create: (options) => createUpstreamServer({ handler: createHandler(), ...options }) },
];

/** Starts a server mode on a free port and resolves once it logs that it listens. */
export async function startServer(mode: ServerMode, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, mode.args, { cwd: root, env: { ...process.env, ...env, [mode.portVariable]: String(port) } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'close').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, stdout, stderr }));
  const logged = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const listening = (async () => {
    while (!logged().some((line) => line['message'] === 'listening')) {
      const outcome = await Promise.race([once(child.stdout, 'data').then(() => 'data'), exited.then(() => 'exited')]);
      if (outcome === 'exited') throw new Error(`${mode.name} exited before listening: ${stderr}`);
    }
  })();
  await within(listening, `${mode.name} start-up`).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { child, base: `http://127.0.0.1:${port}`, port, exited, logged };
}

/** Resolves once `port` refuses new connections: the server has stopped accepting. */
export async function refused(port: number): Promise<void> {
  for (;;) {
    const probe = connect(port, '127.0.0.1');
    const outcome = await new Promise<string>((resolve) => {
      probe.once('connect', () => resolve('open'));
      probe.once('error', () => resolve('refused'));
    });
    probe.destroy();
    if (outcome === 'refused') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
