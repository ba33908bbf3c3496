// The @azure/functions v4 programming model: one app.http() registration per contract path, plus a
// catch-all, all served by httpHandler: HttpRequest -> PolyRequest -> handle() -> HttpResponseInit.
// Outside the Functions host app.http() only warns and registers nothing, so tests import this file
// and call httpHandler with the library's own HttpRequest and InvocationContext.
import '../../src/runtime/node.ts';
import { app, type HttpMethod, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { runExamples, waitForOptimisedWalk } from '../../src/core/index.ts';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { toErrorResponse } from '../../src/contract/errors.ts';
import { handle } from '../../src/contract/handle.ts';
import { atOrAbove, logLevelFromEnv, requestLog, type LogLevel } from '../../src/contract/log.ts';
import { fromFetchRequest } from '../../src/contract/fetch.ts';
import type { PolyRequest, PolyResponse } from '../../src/contract/types.ts';
import { AZURE_FUNCTIONS, azureHeaders } from './function-app.ts';

// Every method, so a wrong method reaches handle() and gets the contract's 405 JSON rather than
// the host's 404 (without a list the library registers only GET and POST).
export const ALL_METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'];

/** POLYFN_BUDGET (an app setting), read once when the worker loads the app: a bad value fails the load with its message. */
const budget = budgetFromEnv(process.env);
/** POLYFN_LOG_LEVEL (an app setting): lines below it are not written (host.json's logLevel filters what is). */
const logLevel = logLevelFromEnv(process.env);

/** InvocationContext's method per level, so Application Insights gets the severity (it has no fatal: error). */
const CONTEXT_LOG = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error', FATAL: 'error' } as const satisfies Record<
  LogLevel,
  keyof InvocationContext
>;

/**
 * The load runs what a first request would run first on the default engine (every kernel's example
 * compiles the glue), and a first request waits until V8's optimised palindrome walk is in place or
 * 3 ms after the Wasm was instantiated. The wait is asynchronous (the worker loads this CommonJS file
 * synchronously) and costs nothing unless a request comes within those 3 ms: the host's own start
 * takes longer, and it does not bill the load. (Lambda, which bills init, does not wait.)
 */
runExamples(['wasm']);
const optimisedWalk = waitForOptimisedWalk(3);

async function toPolyRequest(request: HttpRequest): Promise<PolyRequest> {
  // The query comes from the URL, as the client sent it (fromFetchRequest reads it there):
  // request.query is the host's copy, in which a repeated name arrives once with its values comma-joined.
  const body = new Uint8Array(await request.arrayBuffer());
  return fromFetchRequest(request, body.length ? body : undefined);
}

function toResponseInit(out: PolyResponse): HttpResponseInit {
  return { status: out.status, headers: azureHeaders(out), body: out.body };
}

export async function httpHandler(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  await optimisedWalk;
  const startedAt = performance.now();
  let out: PolyResponse;
  try {
    out = await handle(await toPolyRequest(request), { budget });
  } catch (error) {
    out = toErrorResponse(error);
  }
  const line = requestLog(request, out, startedAt, { function_request_id: context.invocationId, function_name: context.functionName });
  if (atOrAbove(line.level, logLevel)) context[CONTEXT_LOG[line.level]](JSON.stringify(line));
  return toResponseInit(out);
}

for (const { name, route } of AZURE_FUNCTIONS) {
  app.http(name, { route, methods: ALL_METHODS, authLevel: 'anonymous', handler: httpHandler });
}
