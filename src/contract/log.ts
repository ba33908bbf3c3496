// The log lines, one shape on every platform: a JSON object with Powertools for AWS Lambda's keys
// (`level`, `message`, `timestamp`, `service`, then the platform's context, then the fields), which
// Lambda's log-level filtering and CloudWatch Logs Insights read, and which any JSON log reader
// takes as is. One line per request; never the body (it may carry user data). Adapters write the
// lines their platform's way (stdout, stderr, the Azure host's Logs, the invocation context).
import type { Environment } from './config.ts';
import type { PolyRequest, PolyResponse } from './types.ts';

/** Lambda's levels (its JSON log format files any other value as INFO), lowest first. */
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const SERVICE = 'polyfn';

/** Where a line comes from, named with Powertools' keys: set by the adapters that know them. */
export interface LogContext {
  /** Lambda's awsRequestId, Azure's invocation id, OpenFaaS's X-Call-Id. */
  function_request_id?: string;
  function_name?: string;
  /** The first invocation of this instance (Lambda). */
  cold_start?: boolean;
  xray_trace_id?: string;
}

export interface LogLine extends LogContext {
  level: LogLevel;
  message: string;
  /** RFC 3339, UTC, milliseconds: what Lambda requires before it believes `level`. */
  timestamp: string;
  service: typeof SERVICE;
  [field: string]: unknown;
}

/** An error for whoever reads the logs: Powertools' `error` object. */
export interface LoggedError {
  name: string;
  message: string;
  stack?: string;
}

export interface RequestLog extends LogLine {
  message: 'request';
  method: string;
  route: string | null;
  status: number;
  kernelMs: number | null;
  engine: string | null;
  durationMs: number;
  /** The error code of a 4xx/5xx answer. */
  error_code?: string;
  /** An internal error's cause, with its stack. */
  error?: LoggedError;
}

export type LogWriter = (line: LogLine) => void;

/** A line at `level` now, with the context's keys before the fields. */
export function logLine(level: LogLevel, message: string, fields: Record<string, unknown> = {}, context: LogContext = {}): LogLine {
  const line: LogLine = { level, message, timestamp: new Date().toISOString(), service: SERVICE };
  for (const [key, value] of Object.entries(context)) if (value !== undefined) line[key] = value;
  return Object.assign(line, fields);
}

/**
 * The level of a request's line, from its answer: the one place that decides what counts as a
 * server fault. ERROR for a 5xx that is one (a bug, a trapped kernel); overload is load, not a
 * fault, and every 4xx is the client's: WARN. So no fault of a client's makes an ERROR line.
 */
export function requestLevel(res: Pick<PolyResponse, 'status' | 'meta'>): LogLevel {
  if (res.status < 400) return 'INFO';
  return res.status >= 500 && res.meta.error !== 'overloaded' ? 'ERROR' : 'WARN';
}

export function requestLog(req: Pick<PolyRequest, 'method'>, res: PolyResponse, startedAt: number, context: LogContext = {}): RequestLog {
  const fields = {
    method: req.method,
    route: res.meta.route,
    status: res.status,
    kernelMs: res.meta.kernelMs === null ? null : round(res.meta.kernelMs),
    engine: res.meta.engine,
    durationMs: round(performance.now() - startedAt),
  };
  const line = logLine(requestLevel(res), 'request', fields, context) as RequestLog;
  if (res.meta.error) line.error_code = res.meta.error;
  if (res.meta.cause !== undefined) line.error = loggedError(res.meta.cause);
  return line;
}

export function loggedError(error: unknown): LoggedError {
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: typeof error, message: String(error) };
}

/**
 * The level below which lines are dropped: AWS_LAMBDA_LOG_LEVEL (Lambda sets it from the function's
 * application log level), else POLYFN_LOG_LEVEL, else INFO. A value that names no level stops the
 * start with a message, as a bad POLYFN_BUDGET does.
 */
export function logLevelFromEnv(env: Environment): LogLevel {
  for (const name of ['AWS_LAMBDA_LOG_LEVEL', 'POLYFN_LOG_LEVEL']) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const level = raw.toUpperCase() as LogLevel;
    if (!LOG_LEVELS.includes(level)) throw new Error(`${name} must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(raw)}`);
    return level;
  }
  return 'INFO';
}

export function atOrAbove(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold);
}

/** `write`, for the lines at `threshold` or above. */
export function atLevel(threshold: LogLevel, write: LogWriter): LogWriter {
  return (line) => {
    if (atOrAbove(line.level, threshold)) write(line);
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
