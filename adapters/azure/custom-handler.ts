// The Azure Functions custom handler: the HTTP server the Functions host starts (host.json
// customHandler) and calls on 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT. It answers three requests:
//   GET /                 the host's probe while it waits for the handler to start
//   /api/...              the client's own request, when host.json proxies or forwards HTTP (the
//                         shipped setting): the contract served directly
//   POST /<FunctionName>  the invocation payload {Data, Metadata}, answered {Outputs, Logs, ReturnValue}
//                         (the envelope itself: invocation.ts)
// Log lines go where the host records their level: see hostConsoleLog.
import '../../src/runtime/node.ts';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { HttpError, toErrorResponse } from '../../src/contract/errors.ts';
import { handle } from '../../src/contract/handle.ts';
import { LARGEST_BODY_BYTES, routePath } from '../../src/contract/routes.ts';
import { atLevel, atOrAbove, logLevelFromEnv, requestLog, type LogLevel, type LogWriter } from '../../src/contract/log.ts';
import {
  createContractServer,
  nodeListener,
  portFromEnv,
  readBody,
  runServer,
  sendJson,
  type ContractServerOptions,
  type ListenerOptions,
} from '../../src/server/http.ts';
import { writeLogLine } from '../../src/server/log.ts';
import { poolCompute } from '../../src/server/pool.ts';
import type { PolyResponse } from '../../src/contract/types.ts';
import { AZURE_FUNCTIONS, ROUTE_PREFIX } from './function-app.ts';
import { fromInvocation, toInvocationResponse } from './invocation.ts';

export const PORT_VARIABLE = 'FUNCTIONS_CUSTOMHANDLER_PORT';
const FUNCTION_NAMES = AZURE_FUNCTIONS.map((f) => f.name);
/** Room for the largest body any route reads after JSON escaping (up to 6 bytes per byte) and the rest of the payload. */
const MAX_INVOCATION_BYTES = 6 * LARGEST_BODY_BYTES + 64 * 1024;

export interface CustomHandlerOptions extends ListenerOptions, ContractServerOptions {
  /** The lowest level written, to the host's console (`log`) or to an invocation's Logs (default INFO). */
  logLevel?: LogLevel;
}

/**
 * Lines for the host's console. The host files the handler's stdout lines as Information, and its
 * stderr lines as Warning when they contain "warn" (any case), else as Error
 * (WorkerProcess.ParseErrorMessageAndLog). So lines below WARN go to stdout and the others to
 * stderr, and an ERROR or FATAL line spells any "warn" in its text as \u0077arn, which is the same
 * JSON to every reader but no longer a Warning to the host.
 */
export function hostConsoleLog(threshold: LogLevel, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): LogWriter {
  return atLevel(threshold, (line) => {
    if (!atOrAbove(line.level, 'WARN')) writeLogLine(stdout, line);
    else if (line.level === 'WARN') writeLogLine(stderr, line);
    else stderr.write(`${JSON.stringify(line).replace(/w(?=arn)/gi, (w) => (w === 'w' ? '\\u0077' : '\\u0057'))}\n`);
  });
}

async function answerInvocation(req: IncomingMessage, res: ServerResponse, path: string, options: CustomHandlerOptions): Promise<void> {
  const startedAt = performance.now();
  const name = path.slice(1);
  let method = '?';
  let out: PolyResponse;
  try {
    const payload = await readBody(req, MAX_INVOCATION_BYTES);
    if (!FUNCTION_NAMES.includes(name)) throw new HttpError('not_found', `no function ${JSON.stringify(name)}; functions: ${FUNCTION_NAMES.join(', ')}`);
    const request = fromInvocation(payload ? Buffer.from(payload).toString('utf8') : '');
    method = request.method;
    out = await handle(request, options);
  } catch (error) {
    out = toErrorResponse(error);
  }
  const invocationId = req.headers['x-azure-functions-invocationid'];
  const line = requestLog({ method }, out, startedAt, {
    function_request_id: typeof invocationId === 'string' ? invocationId : undefined,
    function_name: name,
  });
  // The host records an invocation's Logs as Information, whatever they say: a warning or an error
  // goes to the console instead, where the host records its level.
  const logs: string[] = [];
  if (atOrAbove(line.level, 'WARN')) options.log?.(line);
  else if (atOrAbove(line.level, options.logLevel ?? 'INFO')) logs.push(JSON.stringify(line));
  const body = JSON.stringify(toInvocationResponse(out, logs));
  // Always 200, errors included: the host treats any other status as a failed invocation and gives
  // the client a bare 500 instead of our answer.
  sendJson(res, 200, body);
}

/** The host waits for any answer here before it sends invocations. */
function answerProbe(res: ServerResponse): void {
  sendJson(res, 200, '{"status":"ready"}');
}

export function createCustomHandlerServer(options: CustomHandlerOptions = {}): Server {
  const forwarded = nodeListener(options);
  return createContractServer((req, res) => {
    // Routed as handle() routes, so `//api/hello` is the contract's, not an invocation of "/api/hello";
    // an invocation is POST /<FunctionName>, so `OPTIONS *` is the contract's too.
    const path = routePath((req.url ?? '/').split('?', 1)[0]!);
    if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) answerProbe(res);
    else if (path.startsWith(ROUTE_PREFIX) || path === ROUTE_PREFIX.slice(0, -1) || !path.startsWith('/')) forwarded(req, res);
    else void answerInvocation(req, res, path, options);
  }, options);
}

/**
 * Runs the handler as the host starts it: port, POLYFN_BUDGET and POLYFN_LOG_LEVEL from the
 * environment, searches on a worker pool (the host sends concurrent invocations to this one
 * process), logs on the host's console, graceful SIGTERM.
 */
export async function serveCustomHandler(): Promise<Server> {
  const port = portFromEnv(PORT_VARIABLE);
  const budget = budgetFromEnv(process.env);
  const logLevel = logLevelFromEnv(process.env);
  const log = hostConsoleLog(logLevel);
  const pool = poolCompute();
  const server = createCustomHandlerServer({ log, logLevel, compute: pool, budget });
  // The host calls 127.0.0.1 (WorkerConstants.HostName): nothing else needs to reach the handler.
  await runServer(server, { port, host: '127.0.0.1', log, pool });
  return server;
}
