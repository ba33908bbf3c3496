// Expected errors: a call must throw the project's own error class, with its code and message.
import * as assert from 'uvu/assert';

/** Asserts `run` throws an instance of `type` with `code`, and the exact `message` or one matching it. */
export function assertThrows<E extends Error & { code: string }>(
  run: () => unknown,
  type: new (...args: never[]) => E,
  code: E['code'],
  message?: string | RegExp,
): void {
  try {
    run();
  } catch (error) {
    assert.instance(error, type);
    const thrown = error as E;
    assert.is(thrown.code, code);
    if (typeof message === 'string') assert.is(thrown.message, message);
    else if (message) assert.match(thrown.message, message);
    return;
  }
  assert.unreachable(`expected ${type.name} ${code}${message === undefined ? '' : ` (${message})`}`);
}
