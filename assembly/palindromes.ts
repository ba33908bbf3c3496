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
// The cheapest wins (ties: quad, then div). Everything is exact in u64: p < max^2 < 10^18, t^2 < 2^64.
//
// Cost per palindrome: the walk carries T = ceil(2 sqrt p) with E = T^2 - 4p (0 <= E < 2T - 1), and
// Q = ceil(p / max) with its shortfall S = Q max - p (0 <= S < max), from one palindrome to the next
// by additions only: neighbours are one of a few fixed gaps apart (STRIDES), which move T and Q by a
// unit or two. Then A1 = floor(sqrt p) = (T - [E > 0]) / 2, the quad test starts at t = T with
// t^2 - 4p = E, B0 = T - A1, and where A0 = Q (near the corner) floor(p / A0) = max - [S > 0] when
// S <= Q: no square root and no division per palindrome on the common path. Candidates are screened
// by squares mod 64 before a square root.
//
// The walk's loop (fastRun, its state in locals, compiled once per direction) visits the common
// palindromes: the quad test, its steps within the guard. It makes no call: V8's Wasm code keeps no
// register across a call, so a call anywhere in the loop, however rare, makes it spill and reload
// its state on every palindrome (~25% of the time). It stops at anything else, and walk() does that
// (visit(), the tests, the budget and clock checks) and starts it again. It also stops every
// RUN_STEPS steps: V8 compiles Wasm with a baseline compiler first and gives a hot function
// optimised code for its next call (a call already running stays on baseline code), so a long
// search switches over part-way instead of finishing on baseline code.
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
// How a run of the walk ends (fastRun, visit).
const STOPPED: i32 = 0; // out of steps or past the deadline: `stopped` says which
const FOUND: i32 = 1; // the current palindrome has pairs
const LIMIT: i32 = 2; // the walk reached its limit, or has no palindrome left
const NEXT_LENGTH: i32 = 3; // the next palindrome has another length: walkSet() it
const MORE: i32 = 4; // about RUN_STEPS steps taken
const GO: i32 = 5; // (checkpoint, visit) the visit goes on, or the walk to the next palindrome
const SLOW: i32 = 6; // (fastRun) p needs visit(): not visited yet
const QUAD_PAIRS: i32 = 7; // (fastRun) p visited, its steps counted, and a quad candidate is a square
const QUAD: i32 = 0;
const DIV: i32 = 1;
const DIV11: i32 = 2;
const RUN_STEPS: u64 = 4096;
// warmUp()'s budget: past V8's threshold for optimising fastRunDown (a few hundred steps), and cheap
const WARM_UP_STEPS: u64 = 2000;
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
// STRIDES[k]: the gap between p and the next palindrome of its length when h has k trailing 0s
// (down) or 9s (up); set by walkSet for the current length (k <= 10).
const STRIDES = memory.data(11 * 8, 8);

let steps: u64 = 0;
let budget: u64 = 0;
let deadline: u64 = 0;
let nextClock: u64 = 0;
let stopped: i32 = DONE;
let lo: u64 = 0;
let hi: u64 = 0;

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

// The palindrome walk: p = h * B + reverse(h, without its last digit when len is odd), and along it
// twiceRoot = ceil(2 sqrt p) with excess = twiceRoot^2 - 4p in [0, 2 twiceRoot - 1), quotient =
// ceil(p / max) and shortfall = quotient * max - p in [0, max). fastRun keeps them in locals.
let len: i32 = 0;
let h: u64 = 0;
let hMin: u64 = 0;
let hMax: u64 = 0;
let p: u64 = 0;
let twiceRoot: u64 = 0;
let excess: i64 = 0;
let quotient: u64 = 0;
let shortfall: i64 = 0;
// fastRun's loop invariants, in globals rather than locals: fewer values for V8's optimising tier
// to keep in registers (it spills what does not fit, on every palindrome).
let eleven: u64 = 0; // 11 at even lengths (11 | p, so the div11 test may apply), else 0
let elevenOrOne: u64 = 0; // 11 at even lengths, else 1: fastRun leaves p to visit() when nDiv < elevenOrOne * n
let hEdge: u64 = 0; // the h where the current length ends, in the walk's direction
let hLimit: u64 = 0; // the h where the walk meets its limit (down: below it; up: at it)
let runEnd: u64 = 0; // the step count where the current run ends
let guard: u64 = 0; // below it, no budget, clock or run-end check is due (fastRun, visit)

@inline function pow10(n: i32): u64 {
  return load<u64>(POW10 + (<usize>n << 3));
}

function now(): u64 {
  clock_time_get(MONOTONIC, 0, clockTime);
  return load<u64>(clockTime);
}

/** The clock check, once the step count has reached nextClock: false past the deadline. */
function beforeDeadline(): bool {
  nextClock = (steps & ~(CLOCK_EVERY - 1)) + CLOCK_EVERY;
  if (now() >= deadline) {
    stopped = PAST_DEADLINE;
    return false;
  }
  return true;
}

/** Counts n steps; false when the clock check finds the deadline passed. */
@inline function advance(n: u64): bool {
  steps += n;
  return steps < nextClock || beforeDeadline();
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

/** The div11 test's candidate count: the multiples of 11 in [a0, a1] and in [b0, b1]. */
function div11Candidates(a0: u64, a1: u64, b0: u64, b1: u64): u64 {
  return multiplesOf11(a0, a1) + multiplesOf11(b0, b1);
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

/**
 * How many trailing zeros x (> 0) has in decimal. Multiplications only (a division by a constant
 * is a real division in the baseline compiler): x is a multiple of 10 exactly when
 * rotr(x * 5^-1 mod 2^32, 1) <= (2^32 - 1) / 10, and that value is then x / 10.
 */
function trailingZeros(x: u32): i32 {
  let k = 0;
  while (true) {
    const tenth = rotr<u32>(x * 0xcccccccd, 1);
    if (tenth > 0x19999999) return k;
    x = tenth;
    k++;
  }
  return k; // unreachable
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

/** One quad candidate t, disc = t^2 - 4p: its pair into the buffer if disc is a square. */
@inline function quadCandidate(t: u64, disc: u64): void {
  if ((SQUARE_MOD64 >> (disc & 63)) & 1) pushIfSquare(t, disc);
}

/** The pair of candidate t if disc = t^2 - 4p is a square (out of line: most candidates never get here). */
function pushIfSquare(t: u64, disc: u64): void {
  const d = isqrt(disc);
  if (d * d == disc) push((t - d) >> 1, (t + d) >> 1);
}

/** The quad test's candidates t in [t, t + n), disc = t^2 - 4p: every pair into the buffer, by descending a. */
@inline function quadRange(t: u64, n: u64, disc: u64): void {
  for (const last = t + n; t < last; t++) {
    quadCandidate(t, disc);
    disc += 2 * t + 1;
  }
}

/** The div test of p: a over [a0, a1]. False: stopped. */
function divisors(a0: u64, a1: u64): bool {
  let a = a0;
  while (a <= a1) {
    const last = a1 - a < CLOCK_EVERY ? a1 : a + CLOCK_EVERY - 1;
    if (!advance(last - a + 1)) return false;
    for (; a <= last; a++) {
      if (p % a == 0) push(a, p / a);
    }
  }
  return true;
}

/** The div11 test of p: multiples of 11 as a in [a0, a1], then as b in [b0, b1]. False: stopped. */
function divisors11(a0: u64, a1: u64, b0: u64, b1: u64): bool {
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
  return true;
}

/** The tail of the palindrome with high half `high` at the current length. */
@inline function mirror(high: u64): u64 {
  return reverse(len & 1 ? <u32>high / 10 : <u32>high);
}

/** Starts the walk at length `length` and high half `high` (computes everything afresh). */
function walkSet(length: i32, high: u64): void {
  len = length;
  const half = length >> 1;
  hMin = pow10(((length + 1) >> 1) - 1);
  hMax = pow10((length + 1) >> 1) - 1;
  // odd: k = 0 steps the middle digit (b), k > 0 also the tail; even: both halves at once
  for (let k = 0; k <= half; k++) {
    const gap: u64 = length & 1 ? (k ? 11 * pow10(half - k) : pow10(half)) : k < half ? 11 * pow10(half - 1 - k) : 0;
    store<u64>(STRIDES + (<usize>k << 3), gap);
  }
  walkAt(high);
}

/** Moves the walk to high half `high` at the current length (computes its state afresh). */
function walkAt(high: u64): void {
  h = high;
  p = high * pow10(len >> 1) + mirror(high);
  const root = isqrt(p);
  const e = p - root * root;
  const up: u64 = e == 0 ? 0 : e <= root ? 1 : 2; // ceil(2 sqrt p) = 2 root + ceil(e / root)
  twiceRoot = 2 * root + up;
  excess = <i64>(4 * root * up + up * up - 4 * e);
  quotient = (p - 1) / hi + 1;
  shortfall = <i64>(quotient * hi - p);
}

/** The least h at the current length whose palindrome is >= n (hMax + 1 if none). */
function threshold(n: u64): u64 {
  let d = 1;
  while (d < 20 && n >= pow10(d)) d++;
  if (len != d) return len > d ? hMin : hMax + 1;
  const b = pow10(d >> 1);
  const high = n / b;
  return high + <u64>(mirror(high) < n % b);
}

/** Starts the walk at the palindrome nearest n on its side: the largest <= n (down), the smallest >= n (up). */
function walkFrom(n: u64, down: bool): void {
  let d = 1;
  while (d < 20 && n >= pow10(d)) d++;
  walkSet(d, n / pow10(d >> 1));
  if (down && p > n) {
    if (h > hMin) walkSet(len, h - 1);
    else walkSet(len - 1, pow10(len >> 1) - 1);
  } else if (!down && p < n) {
    if (h < hMax) walkSet(len, h + 1);
    else walkSet(len + 1, pow10(len >> 1));
  }
}

/**
 * The tests visit() does not run inline: `method` over `n` candidates of p, with a
 * in [a0, a1] and b in [b0, b1], or t from t0 with disc0 = t0^2 - 4p. Steps are counted here, in
 * chunks of up to CLOCK_EVERY. False: stopped.
 */
function test(method: i32, n: u64, a0: u64, a1: u64, b0: u64, b1: u64, t0: u64, disc0: u64): bool {
  if (method == DIV) return divisors(a0, a1);
  if (method == DIV11) return divisors11(a0, a1, b0, b1);
  for (let done: u64 = 0; done < n; ) {
    const chunk = n - done < CLOCK_EVERY ? n - done : CLOCK_EVERY;
    if (!advance(chunk)) return false;
    const t = t0 + done;
    quadRange(t, chunk, disc0 + done * (t0 + t)); // t^2 - 4p = t0^2 - 4p + (t - t0)(t + t0)
    done += chunk;
  }
  if (found) reversePairs();
  return true;
}

/**
 * The visit's step count in its exact order, once the count nears `guard`: MORE at the run's end
 * (nothing counted), STOPPED when the budget or the deadline stops the visit, else GO with the
 * visit's step and, for a quad test visit() runs itself (`here`), its n candidates counted.
 */
function checkpoint(n: u64, here: bool): i32 {
  if (steps >= runEnd) return MORE;
  if (steps >= budget) {
    stopped = OUT_OF_STEPS;
    return STOPPED;
  }
  if (!advance(1)) return STOPPED;
  if (n > budget - steps) {
    stopped = OUT_OF_STEPS;
    return STOPPED;
  }
  return here && !advance(n) ? STOPPED : GO;
}

/** The smaller of x and y. */
@inline function least(x: u64, y: u64): u64 {
  return x < y ? x : y;
}

/** Below `guard`, no budget, clock or run-end check is due. */
function setGuard(): void {
  guard = least(least(budget, nextClock - 1), runEnd);
}

/**
 * Whether disc (< 2^50) is a square: then its double square root is exact, and otherwise it is at
 * least 2^-26 from an integer, far more than its rounding error.
 */
@inline function isSmallSquare(disc: u64): bool {
  const r = Math.sqrt(<f64><i64>disc);
  return Math.floor(r) == r;
}

/** Whether a candidate t in [t, t + n) has a square disc = t^2 - 4p (< 2^50 throughout). */
@inline function hasSquare(t: u64, disc: u64, n: u64): bool {
  for (const last = t + n; t < last; t++) {
    if ((SQUARE_MOD64 >> (disc & 63)) & 1 && isSmallSquare(disc)) return true;
    disc += 2 * t + 1;
  }
  return false;
}

/** fastRun's quad candidates of p when it stops at QUAD_PAIRS: t in [twiceRoot, twiceRoot + candidates). */
let candidates: u64 = 0;

/**
 * Walks the palindromes from p on, down or up, visiting the common ones (the quad test, its steps
 * within the guard), and says why it stopped: SLOW (p needs visit()), QUAD_PAIRS (p visited, one of
 * its quad candidates is a square), LIMIT or NEXT_LENGTH. Its loop makes no call (see the top).
 */
@inline function fastRun(down: bool): i32 {
  let T = twiceRoot;
  let E = excess;
  let q = quotient;
  let s = shortfall;
  let H = h;
  let st = steps;
  const maxF = hi;
  let result = SLOW;
  let n: u64 = 0;
  let digit = <u32>H % 10;
  while (true) {
    if (down ? H < hLimit : H >= hLimit) {
      result = LIMIT;
      break;
    }
    // the visit: one step, then the cheapest test's candidates (as in visit())
    const a1 = (T - <u64>(E != 0)) >> 1; // floor(sqrt p)
    const a0 = q > lo ? q : lo;
    n = 0;
    if (a0 <= a1) {
      // q0 = floor(p / a0); where a0 = q, p = q max - s, so q0 = max - ceil(s / q)
      const q0 = a0 == q && <u64>s <= q ? maxF - <u64>(s != 0) : (q * maxF - <u64>s) / a0;
      const tHi = a0 + q0;
      n = tHi >= T ? tHi - T + 1 : 0;
      if (a1 - a0 + 1 < elevenOrOne * n) break; // the div or div11 test may be cheaper: visit()
    }
    if (st + 1 + n > guard) break; // a check is due: visit()
    st += 1 + n;
    if (n) {
      // near the corner n is 1 or 2 nearly always: those without a loop
      const disc = <u64>E; // T^2 - 4p (< 2^34 here, as T < 2^32)
      if ((SQUARE_MOD64 >> (disc & 63)) & 1 && isSmallSquare(disc)) {
        result = QUAD_PAIRS;
        break;
      }
      if (n > 1 && hasSquare(T + 1, disc + 2 * T + 1, n - 1)) {
        result = QUAD_PAIRS;
        break;
      }
    }
    // to the next palindrome: STRIDES[k] away, k the trailing 0s (down) or 9s (up) of H
    if (H == hEdge) {
      result = NEXT_LENGTH;
      break;
    }
    // (the trailing 9s of H are the trailing 0s of H + 1)
    let k = 0;
    if (down) {
      if (!digit) {
        k = trailingZeros(<u32>H);
        digit = 9;
      } else digit--;
      H--;
    } else {
      if (digit == 9) {
        k = trailingZeros(<u32>H + 1);
        digit = 0;
      } else digit++;
      H++;
    }
    const gap = <i64>load<u64>(STRIDES + (<usize>k << 3));
    const delta = down ? -gap : gap;
    E -= 4 * delta;
    s -= delta;
    // twiceRoot and quotient follow by a few additions: a gap moves each by a unit or two (the
    // loops, entered only past those, cover the first palindromes of a length)
    if (E >= <i64>(2 * T - 1)) {
      E -= <i64>(2 * T - 1);
      T--;
      if (E >= <i64>(2 * T - 1)) {
        E -= <i64>(2 * T - 1);
        T--;
        if (E >= <i64>(2 * T - 1)) {
          do {
            E -= <i64>(2 * T - 1);
            T--;
          } while (E >= <i64>(2 * T - 1));
        }
      }
    } else if (E < 0) {
      T++;
      E += <i64>(2 * T - 1);
      if (E < 0) {
        T++;
        E += <i64>(2 * T - 1);
        if (E < 0) {
          do {
            T++;
            E += <i64>(2 * T - 1);
          } while (E < 0);
        }
      }
    }
    if (s >= <i64>maxF) {
      s -= <i64>maxF;
      q--;
      if (s >= <i64>maxF) {
        s -= <i64>maxF;
        q--;
        if (s >= <i64>maxF) {
          do {
            s -= <i64>maxF;
            q--;
          } while (s >= <i64>maxF);
        }
      }
    } else if (s < 0) {
      s += <i64>maxF;
      q++;
      if (s < 0) {
        s += <i64>maxF;
        q++;
        if (s < 0) {
          do {
            s += <i64>maxF;
            q++;
          } while (s < 0);
        }
      }
    }
  }
  candidates = n;
  p = q * maxF - <u64>s;
  twiceRoot = T;
  excess = E;
  quotient = q;
  shortfall = s;
  h = H;
  steps = st;
  return result;
}

/** fastRun for each direction, so that each is compiled for its own. */
function fastRunDown(): i32 {
  return fastRun(true);
}

function fastRunUp(): i32 {
  return fastRun(false);
}

/**
 * Visits p whatever its test: one step, then the cheapest test's candidates, the steps counted in
 * their exact order. FOUND, GO (no pair), MORE (the run's end: not visited) or STOPPED.
 */
function visit(): i32 {
  const T = twiceRoot;
  const E = excess;
  const q = quotient;
  const s = shortfall;
  const a1 = (T - <u64>(E != 0)) >> 1; // floor(sqrt p)
  const a0 = q > lo ? q : lo;
  let chosen = QUAD;
  let n: u64 = 0;
  let q0: u64 = 0;
  if (a0 <= a1) {
    q0 = a0 == q && <u64>s <= q ? hi - <u64>(s != 0) : p / a0;
    const tHi = a0 + q0;
    const nDiv = a1 - a0 + 1;
    n = tHi >= T ? tHi - T + 1 : 0;
    if (nDiv < n) {
      chosen = DIV;
      n = nDiv;
    }
    if (nDiv < eleven * n) { // floor(nDiv / 11) < n: div11 might be cheaper
      const n11 = div11Candidates(a0, a1, T - a1, q0);
      if (n11 < n) {
        chosen = DIV11;
        n = n11;
      }
    }
  }
  const here = chosen == QUAD && n <= CLOCK_EVERY; // else test() runs it
  if (steps + 1 + n > guard) {
    const status = checkpoint(n, here);
    if (status != GO) return status;
    setGuard();
  } else steps += here ? 1 + n : 1;
  if (!n) return GO;
  if (here) quadPairs(T, <u64>E, n);
  else {
    const ok = test(chosen, n, a0, a1, T - a1, q0, T, <u64>E);
    setGuard();
    if (!ok) return STOPPED;
  }
  return found ? FOUND : GO;
}

/** The pairs of quad candidates [t, t + n), disc = t^2 - 4p (their steps counted), into the buffer by ascending a. */
function quadPairs(t: u64, disc: u64, n: u64): void {
  quadRange(t, n, disc);
  if (found) reversePairs();
}

/** Sets up the walk's checks for the current length: the limit (by h), the length's edge, the div11 rule. */
function lengthChecks(down: bool, limit: u64): void {
  eleven = len & 1 ? 0 : 11;
  elevenOrOne = len & 1 ? 1 : 11;
  hEdge = down ? hMin : hMax;
  hLimit = threshold(limit); // palindromes of one length are ordered by h
}

/**
 * Walks from p until a palindrome with pairs (FOUND), the limit (LIMIT) or a stop (STOPPED). The
 * common visits happen in fastRun; the others, and the checks due every so often, here. The run
 * ends every RUN_STEPS steps (MORE) so that a long search leaves fastRun's baseline code as soon as
 * V8 has its optimised code.
 */
function walk(down: bool, limit: u64): i32 {
  lengthChecks(down, limit);
  runEnd = steps + RUN_STEPS;
  setGuard();
  while (true) {
    let result = down ? fastRunDown() : fastRunUp();
    if (result == SLOW) result = visit();
    else if (result == QUAD_PAIRS) {
      quadPairs(twiceRoot, <u64>excess, candidates);
      result = found ? FOUND : GO;
    }
    if (result == GO) {
      // on to the next palindrome
      if (h != hEdge) {
        walkAt(down ? h - 1 : h + 1);
        continue;
      }
      result = NEXT_LENGTH;
    }
    if (result == MORE) {
      runEnd = steps + RUN_STEPS;
      setGuard();
      continue;
    }
    if (result != NEXT_LENGTH) return result;
    if (!down) walkSet(len + 1, pow10(len >> 1));
    else if (len == 1) return LIMIT;
    else walkSet(len - 1, pow10(len >> 1) - 1);
    lengthChecks(down, limit);
  }
  return LIMIT; // unreachable
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
  walkFrom(ceiling, true);
  let result = walk(true, floor);
  if (result == STOPPED) return stopped;
  if (result == LIMIT) return DONE; // no palindrome product at all
  value1 = p;
  count1 = found;
  // smallest: up from min^2, at most to the largest (whose pairs are then the answer)
  useEnd(0);
  walkFrom(floor, false);
  result = walk(false, value1);
  if (result == STOPPED) return stopped;
  if (result == LIMIT) {
    if (steps >= budget) return OUT_OF_STEPS;
    if (!advance(1)) return stopped;
    for (let i: u32 = 0; i < count1; i++) {
      const at = pairs1 + (<usize>i << 3);
      push(load<u32>(at), load<u32>(at, 4));
    }
  }
  value0 = p;
  count0 = found;
  return DONE;
}

/** Sets up a search of [min, max] with a step budget and a deadline (0: none). */
function begin(min: u32, max: u32, stepBudget: u64, deadlineNs: u64): void {
  steps = 0;
  budget = stepBudget;
  deadline = deadlineNs;
  nextClock = deadlineNs ? CLOCK_EVERY : U64.MAX_VALUE;
  stopped = DONE;
  value0 = value1 = 0;
  count0 = count1 = 0;
  lo = <u64>min;
  hi = <u64>max;
}

export function palindromes(min: u32, max: u32, stepBudget: u64, deadlineNs: u64): i32 {
  begin(min, max, stepBudget, deadlineNs);
  return search();
}

/**
 * Walks a few hundred palindromes of the 9-digit range (a search stopped by its budget): enough for
 * V8 to start compiling the walk's optimised code, in the background, when the host calls this at
 * init, so that the first real search finds it ready instead of running on baseline code.
 */
export function warmUp(): void {
  begin(100_000_000, 999_999_999, WARM_UP_STEPS, 0);
  search();
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
