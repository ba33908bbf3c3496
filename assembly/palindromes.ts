// Palindrome products: the smallest and the largest palindrome p = a * b with min <= a <= b <= max,
// each with all its factor pairs. ABI: see assembly/index.ts. The JS twin is
// src/core/js/palindromes.ts and a native (C) build of the same algorithm is
// bench/native/palindromes.c: all three take the same steps.
//
// The search walks the palindromes outward from the range's corners: down from max^2 for the
// largest (stopping below min^2) and, when there is a largest, up from min^2 for the smallest
// (stopping at the largest, whose pairs it then reuses). The first palindrome with a factor pair in
// range ends each walk. For one palindrome p every pair lies in
//   a in [A0, A1], A0 = max(min, ceil(p / max)), A1 = floor(sqrt p)   (then b = p / a <= max),
// and three exact tests cover that interval, each with a candidate count known before it runs:
//   quad   t = a + b over [ceil(2 sqrt p), A0 + floor(p / A0)]: a pair exists where t^2 - 4p = (b - a)^2
//          is a perfect square. t(a) = a + p / a is monotone on [A0, A1], so this is the "corner
//          quadratic" a = max - x, b = max - y with s = x + y = 2 max - t (and its mirror at min):
//          near a corner the interval holds ~1 candidate however wide the range is.
//   div    a over [A0, A1], p mod a == 0: cheaper far from the corner (sqrt p < max / 2).
//   div11  even-length palindromes are multiples of 11, so 11 | a or 11 | b: the multiples of 11
//          in [A0, A1] and in [B0, B1], B0 = ceil(p / A1), B1 = floor(p / A0).
// The cheapest wins (ties: quad, then div). With e = p - A1^2 (0 <= e <= 2 A1), ceil(2 sqrt p) =
// 2 A1 + ceil(e / A1) and B0 = A1 + ceil(e / A1), so a palindrome costs one sqrt and at most two
// divisions before its candidates. Everything is exact in u64: p < max^2 < 10^18, t^2 < 2^64.
//
// Steps: one per palindrome visited, plus one per candidate tested (the chosen test's count,
// charged before it runs: a test whose count would pass the budget is not started). The step count
// of every input is identical in all engines, so running out of budget is engine-independent.
// When a deadline is set, the monotonic clock is read each time the count crosses a multiple of
// 65,536 (long candidate runs are cut into chunks of that size).
//
// Memory: pairs go straight into one buffer per end, a static one-pair buffer at first (nearly every
// result has one pair). A result with more pairs than any before moves that end to a heap block of
// twice the size (the stub runtime's bump allocator, which grows memory itself and keeps clear of
// the WASI command's own allocations); the block is kept for later calls, so repeated calls never
// grow memory. [1, 9] (largest 9 = 1 * 9 = 3 * 3) already takes this path, so the tests cover it.

// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "clock_time_get")
declare function clock_time_get(clock: u32, precision: u64, time: usize): u16;

const DONE: i32 = 0;
const OUT_OF_STEPS: i32 = 1;
const PAST_DEADLINE: i32 = 2;
const CLOCK_EVERY: u64 = 65536;
const MONOTONIC: u32 = 1;
const INITIAL_PAIRS: u32 = 1;

const clockTime = memory.data(8, 8);
// 10^0 .. 10^19
const POW10 = memory.data<u64>([
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000,
  100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
  10000000000000000, 100000000000000000, 1000000000000000000, 10000000000000000000,
]);
// bit r set when r is a square mod 64 (r = 0, 1, 4, 9, 16, 17, 25, 33, 36, 41, 49, 57)
const SQUARE_MOD64: u64 = 0x0202021202030213;

let steps: u64 = 0;
let budget: u64 = 0;
let deadline: u64 = 0;
let nextClock: u64 = 0;
let stopped: i32 = DONE;
let lo: u64 = 0;
let hi: u64 = 0;
let loHi: u64 = 0;

let value0: u64 = 0;
let value1: u64 = 0;
let pairs0: usize = memory.data(<i32>INITIAL_PAIRS * 8, 8);
let pairs1: usize = memory.data(<i32>INITIAL_PAIRS * 8, 8);
let capacity0: u32 = INITIAL_PAIRS;
let capacity1: u32 = INITIAL_PAIRS;
let count0: u32 = 0;
let count1: u32 = 0;

// The end being searched (0 smallest, 1 largest) and its pair buffer.
let end: i32 = 0;
let found: u32 = 0;
let buffer: usize = 0;
let capacity: u32 = 0;

// The palindrome walk: p = h * B + reverse(h, without its last digit when len is odd).
let len: i32 = 0;
let h: u64 = 0;
let b: u64 = 0;
let hMin: u64 = 0;
let hMax: u64 = 0;
let stride: u64 = 0;
let p: u64 = 0;
// Kept along the walk (stepping p by one stride moves each by a few units, no sqrt or division):
// root = floor(sqrt p), excess = p - root^2 in [0, 2 root],
// quotient = ceil(p / max), shortfall = quotient * max - p in [0, max).
let root: u64 = 0;
let excess: i64 = 0;
let quotient: u64 = 0;
let shortfall: i64 = 0;

@inline function pow10(n: i32): u64 {
  return load<u64>(POW10 + (<usize>n << 3));
}

function now(): u64 {
  clock_time_get(MONOTONIC, 0, clockTime);
  return load<u64>(clockTime);
}

/** Counts n steps; false when the clock check finds the deadline passed. */
@inline function advance(n: u64): bool {
  steps += n;
  if (steps >= nextClock) {
    nextClock = (steps & ~(CLOCK_EVERY - 1)) + CLOCK_EVERY;
    if (now() >= deadline) {
      stopped = PAST_DEADLINE;
      return false;
    }
  }
  return true;
}

@inline function isqrt(n: u64): u64 {
  let r = <u64><i64>Math.sqrt(<f64><i64>n); // signed conversions: n < 2^63, cheaper than unsigned
  if (r * r > n) r--;
  else if ((r + 1) * (r + 1) <= n) r++;
  return r;
}

@inline function multiplesOf11(from: u64, to: u64): u64 {
  return to / 11 - (from - 1) / 11;
}

/** Digits of x (< 10^9) in reverse order; 32-bit, where division by 10 becomes a multiplication. */
function reverse(x: u32): u64 {
  let r: u32 = 0;
  while (x) {
    r = r * 10 + x % 10;
    x /= 10;
  }
  return r;
}

function grow(): void {
  const larger = capacity << 1;
  const block = heap.alloc(<usize>larger << 3);
  memory.copy(block, buffer, <usize>found << 3);
  buffer = block;
  capacity = larger;
  if (end) {
    pairs1 = block;
    capacity1 = larger;
  } else {
    pairs0 = block;
    capacity0 = larger;
  }
}

function push(a: u64, c: u64): void {
  if (found == capacity) grow();
  const at = buffer + (<usize>found << 3);
  store<u32>(at, <u32>a);
  store<u32>(at, <u32>c, 4);
  found++;
}

/** Puts the pairs from `from` on in ascending order of a (the entries before `from` are ascending). */
function merge(from: u32): void {
  for (let i = from; i < found; i++) {
    const x = load<u64>(buffer + (<usize>i << 3));
    let j = i;
    while (j > 0) {
      const y = load<u64>(buffer + (<usize>(j - 1) << 3));
      if (<u32>y <= <u32>x) break;
      store<u64>(buffer + (<usize>j << 3), y);
      j--;
    }
    store<u64>(buffer + (<usize>j << 3), x);
  }
}

/** Reverses the pairs (the quad test finds them by descending a). */
function reversePairs(): void {
  if (found < 2) return;
  let i: usize = buffer, j: usize = buffer + (<usize>(found - 1) << 3);
  while (i < j) {
    const x = load<u64>(i);
    store<u64>(i, load<u64>(j));
    store<u64>(j, x);
    i += 8;
    j -= 8;
  }
}

/** Visits palindrome p: one step, then every pair of p in range into the end's buffer. False: stop. */
function visit(even: bool): bool {
  found = 0;
  if (steps >= budget) {
    stopped = OUT_OF_STEPS;
    return false;
  }
  if (!advance(1)) return false;
  const a1 = root;
  const e = <u64>excess;
  const a0 = quotient > lo ? quotient : lo;
  if (a0 > a1) return true;
  const q0 = p / a0;
  const up: u64 = e == 0 ? 0 : e <= a1 ? 1 : 2; // ceil(e / a1)
  const tLo = 2 * a1 + up;
  const tHi = a0 + q0;
  const nDiv = a1 - a0 + 1;
  const nQuad: u64 = tHi >= tLo ? tHi - tLo + 1 : 0;
  let method = 0; // 0 quad, 1 div, 2 div11
  let n = nQuad;
  if (nDiv < nQuad) {
    method = 1;
    n = nDiv;
  }
  const b0 = a1 + up;
  const b1 = q0;
  if (even && nDiv < 11 * n) { // floor(nDiv / 11) < n: div11 might be cheaper
    const n11 = multiplesOf11(a0, a1) + multiplesOf11(b0, b1);
    if (n11 < n) {
      method = 2;
      n = n11;
    }
  }
  if (n > budget - steps) {
    stopped = OUT_OF_STEPS;
    return false;
  }
  if (method == 0) {
    let t = tLo;
    let disc = tLo * tLo - 4 * p;
    while (t <= tHi) {
      const last = tHi - t < CLOCK_EVERY ? tHi : t + CLOCK_EVERY - 1;
      if (!advance(last - t + 1)) return false;
      for (; t <= last; t++) {
        if ((SQUARE_MOD64 >> (disc & 63)) & 1) {
          const d = isqrt(disc);
          if (d * d == disc) push((t - d) >> 1, (t + d) >> 1);
        }
        disc += 2 * t + 1;
      }
    }
    reversePairs();
  } else if (method == 1) {
    let a = a0;
    while (a <= a1) {
      const last = a1 - a < CLOCK_EVERY ? a1 : a + CLOCK_EVERY - 1;
      if (!advance(last - a + 1)) return false;
      for (; a <= last; a++) {
        if (p % a == 0) push(a, p / a);
      }
    }
  } else {
    // a multiple of 11, ascending
    let a = (a0 + 10) / 11 * 11;
    while (a <= a1) {
      const left = (a1 - a) / 11 + 1;
      const chunk = left < CLOCK_EVERY ? left : CLOCK_EVERY;
      if (!advance(chunk)) return false;
      for (let i: u64 = 0; i < chunk; i++, a += 11) {
        if (p % a == 0) push(a, p / a);
      }
    }
    // b multiple of 11, descending (so a ascending); pairs with 11 | a are already in
    const fromA = found;
    let c = b1 / 11 * 11;
    while (c >= b0 && c > 0) {
      const left = (c - b0) / 11 + 1;
      const chunk = left < CLOCK_EVERY ? left : CLOCK_EVERY;
      if (!advance(chunk)) return false;
      for (let i: u64 = 0; i < chunk; i++, c -= 11) {
        if (p % c == 0) {
          const a = p / c;
          if (a % 11 != 0) push(a, c);
        }
      }
    }
    if (fromA > 0) merge(fromA);
  }
  return true;
}

/** Starts the walk at length `length` and high half `high` (computes everything afresh). */
function walkSet(length: i32, high: u64): void {
  len = length;
  b = pow10(length >> 1);
  stride = length & 1 ? b : b + <u32>b / 10;
  hMin = pow10(((length + 1) >> 1) - 1);
  hMax = pow10((length + 1) >> 1) - 1;
  h = high;
  p = high * b + mirror(high);
  root = isqrt(p);
  excess = <i64>(p - root * root);
  quotient = (p - 1) / hi + 1;
  shortfall = <i64>(quotient * hi - p);
}

/** The tail of the palindrome with high half `high` at the current length. */
@inline function mirror(high: u64): u64 {
  return reverse(len & 1 ? <u32>high / 10 : <u32>high);
}

/**
 * Moves p by `delta` (the gap to the next palindrome: a few strides at most) and updates root,
 * excess, quotient and shortfall with a few additions instead of a sqrt and a division.
 */
function shift(delta: i64): void {
  let r = root;
  let e = excess + delta;
  let q = quotient;
  let s = shortfall - delta;
  const max = <i64>hi;
  p += <u64>delta;
  while (e < 0) {
    r--;
    e += <i64>(2 * r + 1);
  }
  while (e > <i64>(2 * r)) {
    e -= <i64>(2 * r + 1);
    r++;
  }
  while (s < 0) {
    s += max;
    q++;
  }
  while (s >= max) {
    s -= max;
    q--;
  }
  root = r;
  excess = e;
  quotient = q;
  shortfall = s;
}

/** The palindrome of n's length with n's high half (the caller steps once if it passed n). */
function walkFrom(n: u64): void {
  let d = 1;
  while (d < 20 && n >= pow10(d)) d++;
  walkSet(d, n / pow10(d >> 1));
}

function walkDown(): bool {
  if (<u32>h % 10 != 0 && h > hMin) {
    h--;
    shift(-<i64>stride);
  } else if (h > hMin) {
    h--;
    shift(<i64>(h * b + mirror(h)) - <i64>p);
  } else if (len == 1) return false;
  else walkSet(len - 1, pow10(len >> 1) - 1);
  return true;
}

function walkUp(): void {
  if (<u32>h % 10 != 9) {
    h++;
    shift(<i64>stride);
  } else if (h < hMax) {
    h++;
    shift(<i64>(h * b + mirror(h)) - <i64>p);
  } else walkSet(len + 1, pow10(len >> 1));
}

function useEnd(which: i32): void {
  end = which;
  buffer = which ? pairs1 : pairs0;
  capacity = which ? capacity1 : capacity0;
  found = 0;
}

function search(): i32 {
  const floor = lo * lo;
  const ceiling = hi * hi;
  // largest: down from max^2, not below min^2
  useEnd(1);
  walkFrom(ceiling);
  let more = true;
  if (p > ceiling) more = walkDown();
  while (more && p >= floor) {
    if (!visit(!(len & 1))) return stopped;
    if (found) {
      value1 = p;
      count1 = found;
      break;
    }
    more = walkDown();
  }
  if (!value1) return DONE; // no palindrome product at all
  // smallest: up from min^2, at most to the largest (whose pairs are then the answer)
  useEnd(0);
  walkFrom(floor);
  if (p < floor) walkUp();
  while (true) {
    if (p == value1) {
      if (steps >= budget) return OUT_OF_STEPS;
      if (!advance(1)) return stopped;
      found = 0;
      for (let i: u32 = 0; i < count1; i++) {
        const at = pairs1 + (<usize>i << 3);
        push(load<u32>(at), load<u32>(at, 4));
      }
      value0 = p;
      count0 = found;
      return DONE;
    }
    if (!visit(!(len & 1))) return stopped;
    if (found) {
      value0 = p;
      count0 = found;
      return DONE;
    }
    walkUp();
  }
}

export function palindromes(min: u32, max: u32, stepBudget: u64, deadlineNs: u64): i32 {
  steps = 0;
  budget = stepBudget;
  deadline = deadlineNs;
  nextClock = deadlineNs ? CLOCK_EVERY : U64.MAX_VALUE;
  stopped = DONE;
  value0 = value1 = 0;
  count0 = count1 = 0;
  lo = <u64>min;
  hi = <u64>max;
  loHi = lo * hi;
  return search();
}

export function resultValue(which: i32): u64 {
  return which ? value1 : value0;
}

export function resultPairCount(which: i32): i32 {
  return <i32>(which ? count1 : count0);
}

export function resultPairs(which: i32): usize {
  return which ? pairs1 : pairs0;
}

export function stepsUsed(): u64 {
  return steps;
}
