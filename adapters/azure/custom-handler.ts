// The Azure Functions custom handler: the HTTP server the Functions host starts (host.json
// customHandler) and calls on 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT. It answers three requests:
//   GET /                 the host's probe while it waits for the handler to start
//   /api/...              the client's own request, when host.json proxies or forwards HTTP (the
//                         shipped setting): the contract served directly, JSON log lines on stdout
//   POST /<FunctionName>  the invocation payload {Data, Metadata}, answered {Outputs, Logs, ReturnValue}
//                         (the envelope itself: invocation.ts)
import '../../src/runtime/node.ts';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { HttpError, toErrorResponse } from '../../src/contract/errors.ts';
import { handle, type HandleOptions } from '../../src/contract/handle.ts';
import { LARGEST_BODY_BYTES, routePath } from '../../src/contract/routes.ts';
import { requestLog } from '../../src/contract/log.ts';
import { createContractServer, nodeListener, portFromEnv, readBody, runServer, sendJson, type ContractServerOptions, type ListenerOptions } from '../../src/server/http.ts';
import { poolCompute } from '../../src/server/pool.ts';
import type { PolyResponse } from '../../src/contract/types.ts';
import { AZURE_FUNCTIONS, ROUTE_PREFIX } from './function-app.ts';
import { fromInvocation, toInvocationResponse } from './invocation.ts';

export const PORT_VARIABLE = 'FUNCTIONS_CUSTOMHANDLER_PORT';
const FUNCTION_NAMES = AZURE_FUNCTIONS.map((f) => f.name);
/** Room for the largest body any route reads after JSON escaping (up to 6 bytes per byte) and the rest of the payload. */
const MAX_INVOCATION_BYTES = 6 * LARGEST_BODY_BYTES + 64 * 1024;

async function answerInvocation(req: IncomingMessage, res: ServerResponse, path: string, options: HandleOptions): Promise<void> {
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
  const line = requestLog({ method }, out, startedAt, typeof invocationId === 'string' ? invocationId : undefined);
  const body = JSON.stringify(toInvocationResponse(out, line));
  // Always 200, errors included: the host treats any other status as a failed invocation and gives
  // the client a bare 500 instead of our answer.
  sendJson(res, 200, body);
}

/** The host waits for any answer here before it sends invocations. */
function answerProbe(res: ServerResponse): void {
  sendJson(res, 200, '{"status":"ready"}');
}

export function createCustomHandlerServer(options: ListenerOptions & ContractServerOptions = {}): Server {
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
 * Runs the handler as the host starts it: port and POLYFN_BUDGET from the environment, searches on a
 * worker pool (the host sends concurrent invocations to this one process), stdout logs, graceful SIGTERM.
 */
export async function serveCustomHandler(): Promise<Server> {
  const port = portFromEnv(PORT_VARIABLE);
  const budget = budgetFromEnv(process.env);
  const log = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const pool = poolCompute();
  const server = createCustomHandlerServer({ log, compute: pool, budget });
  // The host calls 127.0.0.1 (WorkerConstants.HostName): nothing else needs to reach the handler.
  await runServer(server, { port, host: '127.0.0.1', log, pool });
  return server;
}
