// Two independent reference engines for the palindrome-products tests, sharing no code with the
// kernels: a brute force over every pair (small ranges) and the simple pruned double loop
// (mid-size ranges). Products use numbers while max^2 is a safe integer and BigInt beyond.
import type { FactorPair, PalindromeEnd, PalindromeResult } from '../../src/core/types.ts';

function isPalindrome(text: string): boolean {
  for (let i = 0, j = text.length - 1; i < j; i++, j--) if (text[i] !== text[j]) return false;
  return true;
}

const NONE = (): PalindromeEnd => ({ value: null, factors: [] });

/** Every pair a <= b in [min, max], every product checked: O(width^2), for small widths only. */
export function bruteForce(min: number, max: number): PalindromeResult {
  let small: bigint | null = null;
  let large: bigint | null = null;
  const pairsOf = new Map<bigint, FactorPair[]>();
  for (let a = min; a <= max; a++) {
    for (let b = a; b <= max; b++) {
      const p = BigInt(a) * BigInt(b);
      if (!isPalindrome(p.toString())) continue;
      const list = pairsOf.get(p);
      if (list) list.push([a, b]);
      else pairsOf.set(p, [[a, b]]);
      if (small === null || p < small) small = p;
      if (large === null || p > large) large = p;
    }
  }
  const end = (p: bigint | null): PalindromeEnd => (p === null ? NONE() : { value: p, factors: pairsOf.get(p)! });
  return { smallest: end(small), largest: end(large) };
}

/** Every pair [a, b] of p with min <= a <= b <= max, by trial division (ascending a). */
export function factorPairs(p: bigint, min: number, max: number): FactorPair[] {
  const pairs: FactorPair[] = [];
  const hi = BigInt(max);
  let a = (p + hi - 1n) / hi;
  if (a < BigInt(min)) a = BigInt(min);
  for (; a * a <= p; a++) if (p % a === 0n) pairs.push([Number(a), Number(p / a)]);
  return pairs;
}

/**
 * The simple pruned search: the largest scans a down from max and b down from max, leaving a row
 * as soon as its products fall below the best so far and stopping when a * max can no longer win;
 * the smallest mirrors it from min. The pairs of each winner come from trial division.
 */
export function pruned(min: number, max: number): PalindromeResult {
  const big = max * max > Number.MAX_SAFE_INTEGER;
  const mul = big ? (a: number, b: number) => BigInt(a) * BigInt(b) : (a: number, b: number) => a * b;
  let best: number | bigint = -1;
  for (let a = max; a >= min && mul(a, max) >= best; a--) {
    for (let b = max; b >= a; b--) {
      const p = mul(a, b);
      if (p < best) break;
      if (isPalindrome(p.toString())) {
        best = p;
        break;
      }
    }
  }
  const largest = best === -1 ? NONE() : { value: BigInt(best), factors: factorPairs(BigInt(best), min, max) };
  let least: number | bigint = -1;
  for (let a = min; a <= max && (least === -1 || mul(a, a) <= least); a++) {
    for (let b = a; b <= max; b++) {
      const p = mul(a, b);
      if (least !== -1 && p > least) break;
      if (isPalindrome(p.toString())) {
        least = p;
        break;
      }
    }
  }
  const smallest = least === -1 ? NONE() : { value: BigInt(least), factors: factorPairs(BigInt(least), min, max) };
  return { smallest, largest };
}

/** floor(sqrt(n)), exactly. */
export function bigSqrt(n: bigint): bigint {
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

/** The quad test by BigInt: pairs [(t - d) / 2, (t + d) / 2] of p for t in [from, to] where t^2 - 4p = d^2 (past 2^53 throughout). */
export function quadReference(p: bigint, from: number, to: number): number[] {
  const found: number[] = [];
  for (let t = BigInt(from); t <= BigInt(to); t++) {
    const disc = t * t - 4n * p;
    if (disc < 2n ** 53n) throw new Error('the case must stay past 2^53');
    const d = bigSqrt(disc);
    if (d * d === disc) found.push(Number((t - d) / 2n), Number((t + d) / 2n));
  }
  return found;
}
