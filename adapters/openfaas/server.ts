// The upstream of of-watchdog in HTTP mode: the watchdog starts `node server.mjs` once and forwards
// every request to upstream_url (http://127.0.0.1:3000) with its method, path, query and headers,
// the body chunked. Each request becomes the Node template's event and context (template.ts) for
// handler.ts, as the official template's index.js does with express; here on node:http alone.
import { realpathSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { toErrorResponse } from '../../src/contract/errors.ts';
import { logLine, loggedError, requestLog, type RequestLog } from '../../src/contract/log.ts';
import { routePath } from '../../src/contract/routes.ts';
import { writeLogLine } from '../../src/server/log.ts';
import { createContractServer, portFromEnv, readBody, runServer, sendJson, sendResponse, type ContractServerOptions } from '../../src/server/http.ts';
import { poolCompute } from '../../src/server/pool.ts';
import { createHandler, optionsFromEnv, type Handler } from './handler.ts';
import { eventFrom, invoke } from './template.ts';

/** The template's port (process.env.http_port || 3000); upstream_url must name the same one. */
export const DEFAULT_PORT = 3000;
/** Answered here, never by the handler: of-watchdog forwards /_/ready to it when ready_path=/_/health. */
export const HEALTH_PATH = '/_/health';

export interface UpstreamOptions extends ContractServerOptions {
  handler: Handler;
  /** Lines for the requests the handler never answers: a body over the limit, a handler that fails, a head Node refuses. */
  log?: (line: RequestLog) => void;
}

export function createUpstreamServer(options: UpstreamOptions): Server {
  return createContractServer((req, res) => void serve(req, res, options), options);
}

async function serve(req: IncomingMessage, res: ServerResponse, { handler, log }: UpstreamOptions): Promise<void> {
  const startedAt = performance.now();
  try {
    const event = eventFrom(req, await readBody(req));
    if (routePath(event.path) === HEALTH_PATH && (event.method === 'GET' || event.method === 'HEAD')) {
      sendJson(res, 200, '{"status":"ok"}');
      return;
    }
    const answer = await invoke(handler, event);
    if (res.destroyed) return;
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) }).end(answer.body);
  } catch (error) {
    const out = toErrorResponse(error);
    sendResponse(res, out);
    log?.(requestLog({ method: req.method ?? '?' }, out, startedAt, { function_request_id: req.headers['x-call-id'] as string | undefined }));
  }
}

/**
 * Listens on http_port, on 127.0.0.1 (only the watchdog in the same container calls it), with
 * searches on a worker pool and the settings from the environment; JSON lines on stdout.
 */
export async function start(): Promise<Server> {
  const port = portFromEnv('http_port', DEFAULT_PORT);
  const options = optionsFromEnv();
  const pool = poolCompute();
  const server = createUpstreamServer({ handler: createHandler({ ...options, compute: pool }), log: options.log });
  // of-watchdog passes SIGTERM on at once: in-flight requests finish, then the process exits.
  await runServer(server, { port, host: '127.0.0.1', log: options.log, pool });
  return server;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  start().catch((error: Error) => {
    writeLogLine(process.stderr, logLine('FATAL', error.message, { error: loggedError(error) }));
    process.exit(1);
  });
}
