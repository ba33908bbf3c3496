// What every log line holds, on every platform: Powertools' keys first, a timestamp Lambda accepts.
import * as assert from 'uvu/assert';
import { LOG_LEVELS, type LogLevel } from '../../src/contract/log.ts';

/** RFC 3339 in UTC with milliseconds, as Date#toISOString writes it. */
export const RFC3339_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A line as written (JSON text) or as passed to a writer, checked for the keys every line has (any level if none given); returned as an object. */
export function assertLogLine(line: unknown, level: LogLevel | undefined, message: string): Record<string, any> {
  const entry = (typeof line === 'string' ? JSON.parse(line) : line) as Record<string, any>;
  assert.equal(Object.keys(entry).slice(0, 4), ['level', 'message', 'timestamp', 'service'], JSON.stringify(entry));
  if (level) assert.is(entry['level'], level, JSON.stringify(entry));
  else assert.ok(LOG_LEVELS.includes(entry['level']), JSON.stringify(entry));
  assert.is(entry['message'], message);
  assert.match(entry['timestamp'], RFC3339_UTC);
  assert.ok(Math.abs(Date.parse(entry['timestamp']) - Date.now()) < 60_000, 'the timestamp is now');
  assert.is(entry['service'], 'polyfn');
  return entry;
}
