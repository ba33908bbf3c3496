// PLACEHOLDER (replaced by the issue-7 search): a simple pruned double loop, correct but slow.
// ABI: see assembly/index.ts.

// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "clock_time_get")
declare function clock_time_get(clock: u32, precision: u64, time: usize): u16;

const MAX_PAIRS: i32 = 4096;
const pairs = memory.data(2 * MAX_PAIRS * 8);
const values = memory.data(16);
const counts = memory.data(8);
let steps: u64 = 0;

function isPalindrome(p: u64): bool {
  let r: u64 = 0, q = p;
  while (q > 0) { r = r * 10 + q % 10; q /= 10; }
  return r == p;
}

function collect(end: i32, p: u64, min: u64, max: u64): void {
  store<u64>(values + (<usize>end << 3), p);
  let n = 0;
  for (let a = min; a * a <= p; a++) {
    if (p % a == 0 && p / a <= max) {
      const at = pairs + (<usize>end * MAX_PAIRS + <usize>n) * 8;
      store<u32>(at, <u32>a); store<u32>(at + 4, <u32>(p / a)); n++;
    }
  }
  store<i32>(counts + (<usize>end << 2), n);
}

export function palindromes(min: u32, max: u32, budget: u64, deadline: u64): i32 {
  steps = 0;
  store<u64>(values, 0); store<u64>(values + 8, 0); store<u64>(counts, 0);
  const lo = <u64>min, hi = <u64>max;
  let best: u64 = 0;
  for (let a = hi; a >= lo; a--) {
    if (a * hi < best) break;
    for (let b = hi; b >= a; b--) {
      if (++steps > budget) return 1;
      const p = a * b;
      if (p < best) break;
      if (isPalindrome(p)) { best = p; break; }
    }
  }
  if (best) collect(1, best, lo, hi);
  best = U64.MAX_VALUE;
  for (let a = lo; a <= hi; a++) {
    if (a * a > best) break;
    for (let b = a; b <= hi; b++) {
      if (++steps > budget) return 1;
      const p = a * b;
      if (p > best) break;
      if (isPalindrome(p)) { best = p; break; }
    }
  }
  if (best != U64.MAX_VALUE) collect(0, best, lo, hi);
  return 0;
}

export function resultValue(end: i32): u64 { return load<u64>(values + (<usize>end << 3)); }
export function resultPairCount(end: i32): i32 { return load<i32>(counts + (<usize>end << 2)); }
export function resultPairs(end: i32): usize { return pairs + <usize>end * MAX_PAIRS * 8; }
export function stepsUsed(): u64 { return steps; }
