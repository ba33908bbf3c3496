// PLACEHOLDER (replaced by the issue-7 search): a simple pruned double loop with BigInt, correct but slow.
import type { FactorPair, PalindromeEnd, PalindromeOutcome, Work } from '../types.ts';

function isPalindrome(p: bigint): boolean {
  const s = p.toString();
  return s === [...s].reverse().join('');
}

function collect(p: bigint, min: bigint, max: bigint): PalindromeEnd {
  const factors: FactorPair[] = [];
  for (let a = min; a * a <= p; a++) if (p % a === 0n && p / a <= max) factors.push([Number(a), Number(p / a)]);
  return { value: p, factors };
}

export function searchPalindromes(min: number, max: number, work: Work): PalindromeOutcome {
  let steps = 0;
  const lo = BigInt(min), hi = BigInt(max);
  let best = 0n;
  for (let a = hi; a >= lo; a--) {
    if (a * hi < best) break;
    for (let b = hi; b >= a; b--) {
      if (++steps > work.budget) return { status: 'steps', steps: steps - 1 };
      const p = a * b;
      if (p < best) break;
      if (isPalindrome(p)) { best = p; break; }
    }
  }
  const largest: PalindromeEnd = best ? collect(best, lo, hi) : { value: null, factors: [] };
  best = -1n;
  for (let a = lo; a <= hi; a++) {
    if (best >= 0n && a * a > best) break;
    for (let b = a; b <= hi; b++) {
      if (++steps > work.budget) return { status: 'steps', steps: steps - 1 };
      const p = a * b;
      if (best >= 0n && p > best) break;
      if (isPalindrome(p)) { best = p; break; }
    }
  }
  const smallest: PalindromeEnd = best >= 0n ? collect(best, lo, hi) : { value: null, factors: [] };
  return { status: 'ok', steps, result: { smallest, largest } };
}
