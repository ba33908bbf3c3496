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
  requestId?: string;
}

export function requestLog(
  req: Pick<PolyRequest, 'method'>,
  res: PolyResponse,
  startedAt: number,
  requestId?: string,
): RequestLog {
  const line: RequestLog = {
    level: res.status >= 500 ? 'error' : res.status >= 400 ? 'warn' : 'info',
    msg: 'request',
    method: req.method,
    route: res.meta.route,
    status: res.status,
    kernelMs: res.meta.kernelMs === null ? null : round(res.meta.kernelMs),
    engine: res.meta.engine,
    durationMs: round(performance.now() - startedAt),
  };
  if (res.meta.error) line.error = res.meta.error;
  if (requestId) line.requestId = requestId;
  return line;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** One JSON line with its time, where the platform keeps the process's output as it is (local server, OpenFaaS). */
export function writeLogLine(stream: NodeJS.WritableStream, line: object): void {
  stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
}
