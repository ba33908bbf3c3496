// Checks shared by the hardening tests: an error answer has the contract's shape, and no request
// may hang (each is bounded by a generous timeout that proves it ends, not how fast).
import * as assert from 'uvu/assert';
import type { ActualResponse } from '../conformance/cases.ts';
import { ERROR_STATUS, type ErrorCode } from '../../src/contract/errors.ts';

/** Long enough for a loaded 2-core machine; a request still open then has hung. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** `promise`, or a rejection naming `what` once `ms` have passed. */
export function within<T>(promise: Promise<T>, what: string, ms = REQUEST_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The error code of an answer that must be a 4xx with the JSON error body, its status the code's. */
export function clientErrorCode(actual: ActualResponse, where: string): ErrorCode {
  assert.ok(actual.status >= 400 && actual.status < 500, `${where}: status ${actual.status} is not a 4xx (body ${actual.body.slice(0, 200)})`);
  let body: { error?: { code?: unknown; message?: unknown } } = {};
  try {
    body = JSON.parse(actual.body) as typeof body;
  } catch {
    assert.unreachable(`${where}: the body is not JSON: ${actual.body.slice(0, 200)}`);
  }
  const code = body.error?.code as ErrorCode;
  assert.ok(Object.hasOwn(ERROR_STATUS, code), `${where}: unknown error code ${JSON.stringify(code)}`);
  assert.is(actual.status, ERROR_STATUS[code], `${where}: the status of ${code}`);
  assert.type(body.error?.message, 'string', `${where}: error message`);
  assert.not.match(actual.body, /\bat .+:\d+:\d+/, `${where}: no stack trace`);
  return code;
}

/** Asserts an answer is the contract's error `code` (a 4xx, JSON body, matching status). */
export function assertClientError(actual: ActualResponse, code: ErrorCode, where: string): void {
  assert.is(clientErrorCode(actual, where), code, `${where}: error code (body ${actual.body.slice(0, 200)})`);
}
