// The function in the handler contract of OpenFaaS's official Node template (openfaas/templates,
// template/node20/index.js): `async (event, context)`, where the event carries the request and the
// context builds the answer (status, headers, then succeed). The event becomes a PolyRequest,
// handle() answers, and the answer goes back through the context.
import '../../src/runtime/node.ts';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { handle, type HandleOptions } from '../../src/contract/handle.ts';
import { requestLog, type LogWriter, type RequestLog } from '../../src/contract/log.ts';
import { streamLog } from '../../src/server/log.ts';
import { bodyFrom, emptyQuery, normalizeHeaders, type Query } from '../../src/contract/request.ts';
import type { PolyRequest } from '../../src/contract/types.ts';
import { deadlineAfter, durationMs, OF_WATCHDOG_EXEC_TIMEOUT_MS } from './timeout.ts';

/** The template's FunctionEvent. */
export interface FunctionEvent {
  /**
   * The body as the template's body-parser leaves it: a Buffer with RAW_BODY=true (what server.ts
   * gives), a string for text/*, parsed JSON or form fields otherwise, and `{}` when there is none.
   */
  body: unknown;
  /** Node's request headers: lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  method: string;
  /** Express's req.query: one string per name, or an array when the name repeats. */
  query: Record<string, string | string[] | undefined>;
  /** The path without the query, as the watchdog forwarded it (the gateway's /function/<name> removed). */
  path: string;
}

export type ResponseHeaders = Record<string, string | string[]>;

/** The template's FunctionContext: status() and headers() set (or, without an argument, get); succeed() answers. */
export interface FunctionContext {
  status(): number;
  status(code: number): FunctionContext;
  headers(): ResponseHeaders;
  headers(values: ResponseHeaders): FunctionContext;
  succeed(value: unknown): void;
  /** Answers an error: status 500 unless one was set. */
  fail(error: unknown): void;
}

/** A function in the template's contract. As in the template, what it returns without calling succeed() is the answer. */
export type Handler = (event: FunctionEvent, context: FunctionContext) => Promise<unknown>;

export interface HandlerOptions extends HandleOptions {
  /** The watchdog's exec_timeout in ms: each call gets a deadline that long after it starts (0: none). */
  execTimeoutMs?: number;
  /** Called with the one structured line per request (default: none). */
  log?: (line: RequestLog) => void;
}

/**
 * What an operator sets in the function's environment: POLYFN_BUDGET, POLYFN_LOG_LEVEL, and the
 * watchdog's exec_timeout. Log lines go to stdout, which of-watchdog passes to the function's logs
 * (prefix_logs=false keeps each line JSON).
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): HandlerOptions & { log: LogWriter } {
  return { budget: budgetFromEnv(env), execTimeoutMs: durationMs(env['exec_timeout'], OF_WATCHDOG_EXEC_TIMEOUT_MS), log: streamLog(process.stdout, env) };
}

export function createHandler(options: HandlerOptions = {}): Handler {
  return async (event, context): Promise<void> => {
    const startedAt = performance.now();
    const req: PolyRequest = {
      method: event.method,
      path: event.path,
      query: queryOf(event.query),
      headers: normalizeHeaders(event.headers),
      body: bodyBytes(event.body, event.path),
      deadline: deadlineAfter(Date.now(), options.execTimeoutMs ?? 0),
    };
    const res = await handle(req, options);
    const headers: ResponseHeaders = res.cookies.length ? { ...res.headers, 'set-cookie': res.cookies } : res.headers;
    // A string is sent as is: the template would re-serialise an object, and the body is JSON text already.
    context.status(res.status).headers(headers).succeed(res.body);
    // The OpenFaaS gateway tags each call with X-Call-Id.
    options.log?.(requestLog(req, res, startedAt, { function_request_id: req.headers['x-call-id'] }));
  };
}

let standard: Handler | undefined;

/** What the template calls: inline kernels, settings from the environment, log lines on stdout. */
export default function handler(event: FunctionEvent, context: FunctionContext): Promise<unknown> {
  standard ??= createHandler(optionsFromEnv());
  return standard(event, context);
}

function queryOf(query: FunctionEvent['query']): Query {
  const out = emptyQuery();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) out[name] = [value].flat().map(String);
  return out;
}

/** The request's bytes. Only a Buffer (RAW_BODY=true) is exact: JSON the template parsed is serialised again. */
function bodyBytes(body: unknown, path: string): Uint8Array | undefined {
  if (body instanceof Uint8Array) return body.length ? body : undefined;
  if (typeof body === 'string') return bodyFrom(body, false, path);
  if (typeof body === 'object' && body !== null && Object.keys(body).length) return bodyFrom(JSON.stringify(body), false, path);
  return undefined;
}
