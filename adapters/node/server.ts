// The plain Node HTTP server: the contract served directly, for local use and containers.
import '../../src/runtime/node.ts';
import type { Server } from 'node:http';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { createContractServer, nodeListener, runServer, type ContractServerOptions, type ListenerOptions } from '../../src/server/http.ts';
import { streamLog } from '../../src/server/log.ts';
import { poolCompute } from '../../src/server/pool.ts';

export const DEFAULT_PORT = 8080;

export function createLocalServer(options: ListenerOptions & ContractServerOptions = {}): Server {
  return createContractServer(nodeListener(options), options);
}

export interface ServeOptions extends ListenerOptions {
  port: number;
  host?: string;
}

/**
 * Starts the server with searches on a worker pool and the budget from POLYFN_BUDGET, logs JSON
 * lines to stdout (from POLYFN_LOG_LEVEL up), and stops gracefully on SIGTERM/SIGINT.
 */
export async function serve({ port, host, ...options }: ServeOptions): Promise<Server> {
  const log = streamLog(process.stdout);
  const pool = poolCompute();
  const server = createLocalServer({ log, compute: pool, budget: budgetFromEnv(process.env), ...options });
  // A URL a person can open, whichever interface it binds (0.0.0.0 in a container).
  await runServer(server, { port, host, urlHost: 'localhost', log, pool });
  return server;
}
