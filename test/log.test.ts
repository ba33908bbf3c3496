// The log line every adapter writes, and the level that filters it: the pieces every platform's
// writer is built from (each adapter's own lines are checked in its tests).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toErrorResponse } from '../src/contract/errors.ts';
import { atLevel, LOG_LEVELS, logLevelFromEnv, logLine, requestLog } from '../src/contract/log.ts';
import { batchedConsoleLog, consoleLog, streamLog } from '../src/server/log.ts';
import { assertLogLine, capturedStream } from './support/log.ts';

test('the level: AWS_LAMBDA_LOG_LEVEL, else POLYFN_LOG_LEVEL, else INFO; any case', () => {
  assert.is(logLevelFromEnv({}), 'INFO');
  assert.is(logLevelFromEnv({ POLYFN_LOG_LEVEL: 'warn' }), 'WARN');
  assert.is(logLevelFromEnv({ POLYFN_LOG_LEVEL: '' }), 'INFO');
  assert.is(logLevelFromEnv({ AWS_LAMBDA_LOG_LEVEL: 'ERROR', POLYFN_LOG_LEVEL: 'DEBUG' }), 'ERROR');
  for (const level of LOG_LEVELS) assert.is(logLevelFromEnv({ AWS_LAMBDA_LOG_LEVEL: level }), level);
});

test('a level that names none stops the start with the variable and the levels in the message', () => {
  assert.throws(
    () => logLevelFromEnv({ POLYFN_LOG_LEVEL: 'verbose' }),
    /^POLYFN_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got "verbose"$/,
  );
  assert.throws(() => logLevelFromEnv({ AWS_LAMBDA_LOG_LEVEL: 'CRITICAL' }), /^AWS_LAMBDA_LOG_LEVEL must be one of/);
});

test('atLevel passes the lines at the threshold and above', () => {
  const kept: string[] = [];
  const log = atLevel('WARN', (line) => kept.push(line.level));
  for (const level of LOG_LEVELS) log(logLine(level, 'x'));
  assert.equal(kept, ['WARN', 'ERROR', 'FATAL']);
});

test("a request's line: Powertools' keys first, then the context, then the request's fields; never the body", () => {
  const response = toErrorResponse(new Error('the cause'), '/api/circle');
  const line = requestLog({ method: 'POST' }, response, performance.now(), { function_request_id: 'id-1', function_name: undefined, cold_start: true });
  assertLogLine(line, 'ERROR', 'request');
  assert.equal(Object.keys(line), [
    'level',
    'message',
    'timestamp',
    'service',
    'function_request_id',
    'cold_start',
    'method',
    'route',
    'status',
    'kernelMs',
    'engine',
    'durationMs',
    'error_code',
    'error',
  ]);
  assert.equal([line.status, line.error_code, line.error?.name, line.error?.message], [500, 'internal_error', 'Error', 'the cause']);
  assert.match(line.error?.stack ?? '', /log\.test\.ts/);
});

test('streamLog writes one JSON line per call from the environment’s level', () => {
  const { stream, text } = capturedStream();
  const log = streamLog(stream, { POLYFN_LOG_LEVEL: 'WARN' });
  log(logLine('INFO', 'listening', { url: 'http://localhost:8080' }));
  log(logLine('WARN', 'request', { status: 404 }));
  const lines = text().split('\n');
  assert.is(lines.pop(), '');
  assert.is(lines.length, 1);
  assert.is(assertLogLine(lines[0], 'WARN', 'request')['status'], 404);
});

test('the console writers (Workers, Deno) honour the level too; the batched one writes on the next turn', async () => {
  const printed: string[] = [];
  const print = console.log;
  console.log = (text: string) => void printed.push(text);
  try {
    const env = { POLYFN_LOG_LEVEL: 'ERROR' };
    consoleLog(env)(logLine('WARN', 'request'));
    consoleLog(env)(logLine('ERROR', 'request', { status: 500 }));
    const batched = batchedConsoleLog(env);
    batched(logLine('INFO', 'request'));
    batched(logLine('FATAL', 'stopped'));
    batched(logLine('ERROR', 'request'));
    assert.is(printed.length, 1, 'batched lines wait for the next turn');
    await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    console.log = print;
  }
  const lines = printed.flatMap((text) => text.split('\n')).map((text) => assertLogLine(text, undefined, String(JSON.parse(text).message)));
  assert.equal(
    lines.map((line) => line['level']),
    ['ERROR', 'FATAL', 'ERROR'],
  );
});

test.run();
