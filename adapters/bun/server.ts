// Bun: `PORT=8080 bun server.mjs`. Bun.serve calls the contract's web-standard handler; long
// searches run on Web Workers. On SIGTERM or SIGINT it stops accepting, lets the requests under way
// finish, stops the workers and exits 0, as the Node servers do.
import '../../src/runtime/inline.ts';
import { budgetFromEnv, portFromEnv } from '../../src/contract/config.ts';
import { createFetchHandler } from '../../src/contract/fetch.ts';
import { logLine } from '../../src/contract/log.ts';
import { streamLog } from '../../src/server/log.ts';
import { webWorkerPool } from '../../src/server/web-pool.ts';

declare const Bun: {
  serve(options: { port: number; fetch(request: Request): Promise<Response> }): { url: URL; stop(): Promise<void> };
};

export const DEFAULT_PORT = 8080;

const log = streamLog(process.stdout);
const pool = webWorkerPool();
const server = Bun.serve({
  port: portFromEnv(process.env, 'PORT', DEFAULT_PORT),
  fetch: createFetchHandler({ budget: budgetFromEnv(process.env), compute: pool, log }),
});
log(logLine('INFO', 'listening', { url: server.url.href }));

const stop = async () => {
  await server.stop();
  await pool.close();
  log(logLine('INFO', 'stopped'));
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
