// The one structured log line per request. Adapters emit it their platform's way (JSON lines on
// stdout, or the Azure custom handler's Logs array). Never the body: it may carry user data.
import type { PolyRequest, PolyResponse } from './types.ts';

export interface RequestLog {
  level: 'info' | 'warn' | 'error';
  msg: 'request';
  method: string;
  route: string | null;
  status: number;
  kernelMs: number | null;
  engine: string | null;
  durationMs: number;
  /** The error code of a 4xx/5xx answer. */
  error?: string;
  /** An internal error's cause: its message and stack, for whoever reads the logs. */
  cause?: { name: string; message: string; stack?: string };
  requestId?: string;
}

export function requestLog(
  req: Pick<PolyRequest, 'method'>,
  res: PolyResponse,
  startedAt: number,
  requestId?: string,
): RequestLog {
  const line: RequestLog = {
    level: requestLevel(res),
    msg: 'request',
    method: req.method,
    route: res.meta.route,
    status: res.status,
    kernelMs: res.meta.kernelMs === null ? null : round(res.meta.kernelMs),
    engine: res.meta.engine,
    durationMs: round(performance.now() - startedAt),
  };
  if (res.meta.error) line.error = res.meta.error;
  if (res.meta.cause !== undefined) line.cause = describeCause(res.meta.cause);
  if (requestId) line.requestId = requestId;
  return line;
}

/**
 * The level of a request's line, from its answer: the one place that decides what counts as a
 * server fault. ERROR for a 5xx that is one (a bug, a trapped kernel); overload is load, not a
 * fault, and every 4xx is the client's: WARN. So no fault of a client's makes an ERROR line.
 */
export function requestLevel(res: Pick<PolyResponse, 'status' | 'meta'>): RequestLog['level'] {
  if (res.status < 400) return 'info';
  return res.status >= 500 && res.meta.error !== 'overloaded' ? 'error' : 'warn';
}

function describeCause(cause: unknown): NonNullable<RequestLog['cause']> {
  if (cause instanceof Error) return { name: cause.name, message: cause.message, ...(cause.stack ? { stack: cause.stack } : {}) };
  return { name: typeof cause, message: String(cause) };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
