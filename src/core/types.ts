/** Which implementation runs a kernel: the AssemblyScript build (default) or its TypeScript twin. */
export type Engine = 'wasm' | 'js';
export const ENGINES: readonly Engine[] = ['wasm', 'js'];

/** A factor pair [a, b] with a <= b. Factors never exceed 999,999,999, so plain numbers are exact. */
export type FactorPair = [number, number];

/**
 * One end (smallest or largest) of a palindrome-products search.
 * `value` is a bigint because products of 9-digit factors pass 2^53; null when that end has no palindrome.
 * `factors` lists every pair [a, b] with min <= a <= b <= max and a * b = value, ascending by a.
 */
export interface PalindromeEnd {
  value: bigint | null;
  factors: FactorPair[];
}

export interface PalindromeResult {
  smallest: PalindromeEnd;
  largest: PalindromeEnd;
}

/**
 * Why a kernel call ended: `ok` (finished), `steps` (the step budget ran out) or `deadline`
 * (the monotonic clock passed the caller's deadline). Both engines count steps identically.
 */
export type KernelStatus = 'ok' | 'steps' | 'deadline';

/** What a palindrome kernel (either engine) returns: the result only when status is `ok`. */
export type PalindromeOutcome = { status: 'ok'; steps: number; result: PalindromeResult } | { status: 'steps' | 'deadline'; steps: number };

/**
 * The limits of one kernel call. `budget` is a step count (see the kernels for what a step is);
 * `deadlineNs` is an absolute time on the runtime's monotonic clock (runtime.ts `now()`), 0n for none.
 */
export interface Work {
  budget: number;
  deadlineNs: bigint;
}

export interface Circle {
  radius: number;
  area: number;
  circumference: number;
}

/** Areas and circumferences of a batch of radii, index for index. */
export interface CircleBatch {
  area: Float64Array;
  circumference: Float64Array;
}
