// The public API's contract around the kernels: argument errors, budgets, deadlines, and the JSON
// form of values past 2^53. (The search itself is tested in palindromes.test.ts.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DEFAULT_BUDGET,
  ENGINES,
  FACTOR_MAX,
  palindromeResultToJSON,
  palindromes,
  PolyfnError,
  runExamples,
  waitForOptimisedWalk,
  type PalindromeResult,
} from '../src/index.ts';
import { resetInstance } from '../src/core/wasm.ts';
import { assertThrows } from './support/throws.ts';

test('invalid ranges: clear messages, same on both engines', () => {
  for (const engine of ENGINES) {
    assertThrows(() => palindromes(10000, 1, { engine }), PolyfnError, 'invalid_argument', 'min must be <= max');
    assertThrows(() => palindromes(2, 1, { engine }), PolyfnError, 'invalid_argument', 'min must be <= max');
    assertThrows(() => palindromes(1.5, 10, { engine }), PolyfnError, 'invalid_argument', 'min must be an integer');
    assertThrows(() => palindromes(1, Number.NaN, { engine }), PolyfnError, 'invalid_argument', 'max must be an integer');
    assertThrows(() => palindromes(0, 10, { engine }), PolyfnError, 'invalid_argument', 'min must be >= 1');
    assertThrows(() => palindromes(-5, 10, { engine }), PolyfnError, 'invalid_argument', 'min must be >= 1');
    assertThrows(() => palindromes(1, FACTOR_MAX + 1, { engine }), PolyfnError, 'invalid_argument', `max must be <= ${FACTOR_MAX}`);
    assertThrows(() => palindromes('10' as unknown as number, 99, { engine }), PolyfnError, 'invalid_argument', 'min must be an integer');
  }
});

test('budget: validated, and running out is budget_exceeded on both engines', () => {
  assertThrows(() => palindromes(10, 99, { budget: 0 }), PolyfnError, 'invalid_argument', 'budget must be a positive integer');
  assertThrows(() => palindromes(10, 99, { budget: 1.5 }), PolyfnError, 'invalid_argument', 'budget must be a positive integer');
  for (const engine of ENGINES) {
    assertThrows(() => palindromes(1000, 9999, { engine, budget: 5 }), PolyfnError, 'budget_exceeded', /needs more than 5 steps/);
    assert.ok(palindromes(10, 99, { engine, budget: DEFAULT_BUDGET }).largest.value === 9009n);
  }
});

test('a deadline already passed stops a long search with budget_exceeded', () => {
  for (const engine of ENGINES) {
    assertThrows(() => palindromes(1, FACTOR_MAX, { engine, timeoutMs: 0 }), PolyfnError, 'budget_exceeded', /did not finish within 0 ms/);
  }
  assertThrows(() => palindromes(10, 99, { timeoutMs: -1 }), PolyfnError, 'invalid_argument', 'timeoutMs must be a number >= 0');
});

test('JSON: values are numbers up to 2^53 - 1 and decimal strings above, exactly', () => {
  const result = (value: bigint | null): PalindromeResult => ({
    smallest: { value, factors: value === null ? [] : [[1, 1]] },
    largest: { value: null, factors: [] },
  });
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  assert.equal(palindromeResultToJSON(result(safe)).smallest.value, Number.MAX_SAFE_INTEGER);
  assert.equal(palindromeResultToJSON(result(safe + 1n)).smallest.value, '9007199254740992');
  assert.equal(palindromeResultToJSON(result(999900665566009999n)).smallest.value, '999900665566009999');
  assert.equal(palindromeResultToJSON(result(null)).smallest, { value: null, factors: [] });
  // The string form survives a JSON round trip exactly; a number of that size would not.
  const text = JSON.stringify(palindromeResultToJSON(result(999900665566009999n)));
  assert.is(BigInt((JSON.parse(text) as { smallest: { value: string } }).smallest.value), 999900665566009999n);
  assert.is.not(BigInt(Number(999900665566009999n)), 999900665566009999n);
});

test('init helpers: the examples run on each engine asked, and the wait for the optimised walk ends by its limit', async () => {
  runExamples();
  runExamples(['wasm']);
  // A fresh instance (of a module whose walk V8 may have optimised already: then no warmUp() gets
  // faster and the wait lasts until its limit).
  resetInstance();
  const expected = palindromes(100_000_000, FACTOR_MAX, { engine: 'js' });
  resetInstance();
  const started = performance.now();
  const none = await waitForOptimisedWalk(0); // no time for a poll: one timed warmUp(), no sleep
  assert.ok(performance.now() - started < 1000, 'no sleep');
  assert.type(none.optimised, 'boolean');
  const wait = await waitForOptimisedWalk(3);
  assert.ok(wait.waitedMs >= 0 && wait.waitedMs < 1000, `bounded (${wait.waitedMs} ms; its limit is 3 ms after instantiation)`);
  assert.equal(palindromes(100_000_000, FACTOR_MAX), expected, 'the same answer after the warm-up calls');
});

test.run();
