// The palindrome-products kernel: for factors in [min, max], the smallest and the largest palindromic
// product, each with all its factor pairs (assembly/palindromes.ts, its JS twin js/palindromes.ts).
import { budgetExceeded, runKernel, type Kernel, type KernelOptions } from '../kernel.ts';
import { PolyfnError } from '../errors.ts';
import * as js from '../js/palindromes.ts';
import { palindromeResultToJSON } from '../json.ts';
import { FACTOR_MAX, FACTOR_MIN } from '../limits.ts';
import { integer, param } from '../params.ts';
import type { Engine, PalindromeEnd, PalindromeOutcome, PalindromeResult, Work } from '../types.ts';
import { withKernels } from '../wasm.ts';

/** The kernel's Wasm exports (assembly/index.ts documents the ABI). */
interface PalindromeExports {
  memory: WebAssembly.Memory;
  palindromes(min: number, max: number, budget: bigint, deadline: bigint): number;
  resultValue(end: number): bigint;
  resultPairCount(end: number): number;
  resultPairs(end: number): number;
  stepsUsed(): bigint;
}

function readEnd(k: PalindromeExports, end: 0 | 1): PalindromeEnd {
  const value = BigInt.asUintN(64, k.resultValue(end));
  if (value === 0n) return { value: null, factors: [] };
  const count = k.resultPairCount(end);
  const raw = new Uint32Array(k.memory.buffer, k.resultPairs(end) >>> 0, count * 2);
  const factors: PalindromeEnd['factors'] = [];
  for (let i = 0; i < raw.length; i += 2) factors.push([raw[i]!, raw[i + 1]!]);
  return { value, factors };
}

const STATUS = ['ok', 'steps', 'deadline'] as const;

function searchWasm(min: number, max: number, work: Work): PalindromeOutcome {
  return withKernels<PalindromeExports, PalindromeOutcome>((k) => {
    const status = STATUS[k.palindromes(min, max, BigInt(work.budget), work.deadlineNs)];
    const steps = Number(k.stepsUsed());
    if (status === undefined) throw new Error('unknown kernel status');
    if (status !== 'ok') return { status, steps };
    return { status, steps, result: { smallest: readEnd(k, 0), largest: readEnd(k, 1) } };
  });
}

/** The search on each engine: the same steps and the same result for every input. */
export const engines: Record<Engine, (min: number, max: number, work: Work) => PalindromeOutcome> = {
  wasm: searchWasm,
  js: js.searchPalindromes,
};

function checkFactor(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new PolyfnError('invalid_argument', `${name} must be an integer`);
  }
  if (value < FACTOR_MIN) throw new PolyfnError('invalid_argument', `${name} must be >= ${FACTOR_MIN}`);
  if (value > FACTOR_MAX) throw new PolyfnError('invalid_argument', `${name} must be <= ${FACTOR_MAX}`);
}

/** One end in JSON: the value (a number up to 2^53 - 1, a decimal string above, null for none) and its factor pairs. */
const PALINDROME_END = {
  type: 'object',
  properties: {
    value: { anyOf: [{ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER }, { type: 'string', pattern: '^[1-9][0-9]{15,17}$' }, { type: 'null' }] },
    factors: { type: 'array', items: { type: 'array', items: { type: 'integer', minimum: FACTOR_MIN, maximum: FACTOR_MAX }, minItems: 2, maxItems: 2 } },
  },
  required: ['value', 'factors'],
  additionalProperties: false,
} as const;

export interface PalindromeInput {
  min: number;
  max: number;
}

export const palindromesKernel: Kernel<PalindromeInput, PalindromeResult> = {
  name: 'palindromes',
  summary: 'The smallest and the largest palindromic product of two factors in [min, max], each with all its factor pairs.',
  params: {
    min: param(integer, `the smallest factor (${FACTOR_MIN} <= min <= max)`, { required: true }),
    max: param(integer, `the largest factor (max <= ${FACTOR_MAX})`, { required: true }),
  },
  pool: true,
  budgeted: true,
  example: { min: 10, max: 99 },
  // The whole 9-digit range: ~1 ms warm on Wasm, ~2 ms on JS.
  warmUp: { min: 100_000_000, max: 999_999_999 },
  answer: {
    type: 'object',
    properties: { smallest: PALINDROME_END, largest: PALINDROME_END },
    required: ['smallest', 'largest'],
    additionalProperties: false,
  },
  validate({ min, max }) {
    checkFactor('min', min);
    checkFactor('max', max);
    if (min > max) throw new PolyfnError('invalid_argument', 'min must be <= max');
  },
  compute({ min, max }, options) {
    const outcome = engines[options.engine](min, max, options.work);
    if (outcome.status === 'ok') return outcome.result;
    throw budgetExceeded(`the search of [${min}, ${max}]`, outcome.status, options);
  },
  toJSON: palindromeResultToJSON,
};

/**
 * The smallest and the largest palindromic product a * b with min <= a <= b <= max, each with all
 * its factor pairs. Exact for the whole domain (values are bigints).
 * @throws PolyfnError `invalid_argument` for a bad range, `budget_exceeded` when the budget runs out.
 */
export function palindromes(min: number, max: number, options: KernelOptions = {}): PalindromeResult {
  return runKernel(palindromesKernel, { min, max }, options);
}
