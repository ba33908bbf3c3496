// What every log line holds, on every platform: Powertools' keys first, a timestamp Lambda accepts.
import * as assert from 'uvu/assert';
import { LOG_LEVELS, type LoggedError, type LogLevel } from '../../src/contract/log.ts';

/** RFC 3339 in UTC with milliseconds, as Date#toISOString writes it. */
export const RFC3339_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A log line read back: its fields, and an internal error's cause under `error`. */
export type LineRead = Record<string, unknown> & { error?: LoggedError };

/** A line as written (JSON text) or as passed to a writer, checked for the keys every line has (any level if none given); returned as an object. */
export function assertLogLine(line: unknown, level: LogLevel | undefined, message: string): LineRead {
  const entry = (typeof line === 'string' ? JSON.parse(line) : line) as LineRead;
  assert.equal(Object.keys(entry).slice(0, 4), ['level', 'message', 'timestamp', 'service'], JSON.stringify(entry));
  if (level) assert.is(entry['level'], level, JSON.stringify(entry));
  else assert.ok(LOG_LEVELS.includes(entry['level'] as LogLevel), JSON.stringify(entry));
  assert.is(entry['message'], message);
  const timestamp = String(entry['timestamp']);
  assert.match(timestamp, RFC3339_UTC);
  assert.ok(Math.abs(Date.parse(timestamp) - Date.now()) < 60_000, 'the timestamp is now');
  assert.is(entry['service'], 'polyfn');
  return entry;
}

/** A stream that keeps what is written to it, as the writers under test see process.stdout. */
export function capturedStream(): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = [];
  const stream = {
    write(chunk: string): boolean {
      chunks.push(chunk);
      return true;
    },
  };
  return { stream: stream as unknown as NodeJS.WritableStream, text: () => chunks.join('') };
}
