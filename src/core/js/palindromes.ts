// The JS twin of assembly/palindromes.ts: the same search, the same tests chosen by the same rule,
// the same step count for every input (the algorithm is described there).
//
// Exactness without BigInt in the search: products reach ~10^18 > 2^53, but every quantity the
// search needs is either small (factors, t = a + b, remainders, e = p - floor(sqrt p)^2, t^2 - 4p
// near the corner) or a product it only divides. A palindrome is kept exactly as p = h * B + tail
// (h < 10^9, B <= 10^9, tail < 10^9) and read two ways: pA = h * B + tail, a double within 128 of
// p, and pL = p mod 2^32, exact with Math.imul. A small integer x = p - y (|x| < 2^31) whose
// approximation xA is within 2^31 of it is then recovered exactly from its low 32 bits:
// x = xA + ((xL - xA) | 0). Below 2^53 all of this is plain double arithmetic. BigInt only sets up
// the walk's bounds and converts the two result values.
import { now } from '../runtime.ts';
import type { FactorPair, PalindromeEnd, PalindromeOutcome, Work } from '../types.ts';

const CLOCK_EVERY = 65536;
const TWO_POW_53 = 2 ** 53;
const TWO_POW_31 = 2 ** 31;
const SQUARE_MOD64 = new Uint8Array(64);
for (let r = 0; r < 64; r++) SQUARE_MOD64[(r * r) & 63] = 1;
const POW10: number[] = [];
for (let i = 0, x = 1; i <= 10; i++, x *= 10) POW10.push(x);

/** The integer within 2^31 of `approx` (an integer-valued double) whose low 32 bits are `low`. */
function exact(approx: number, low: number): number {
  return approx + ((low - approx) | 0);
}

function reverse(x: number): number {
  let r = 0;
  while (x > 0) {
    const q = (x / 10) | 0;
    r = r * 10 + (x - q * 10);
    x = q;
  }
  return r;
}

function digits(n: bigint): number {
  return n.toString().length;
}

class Stop {
  constructor(readonly status: 'steps' | 'deadline') {}
}

/** A number compared against palindromes of its own length by high half and tail. */
interface Bound {
  len: number;
  h: number;
  tail: number;
}

function bound(n: bigint): Bound {
  const len = digits(n);
  const b = 10n ** BigInt(len >> 1);
  return { len, h: Number(n / b), tail: Number(n % b) };
}

class Search {
  steps = 0;
  readonly budget: number;
  readonly deadline: bigint;
  nextClock: number;
  readonly lo: number;
  readonly hi: number;
  /** Pairs of the palindrome just visited, flat [a0, b0, a1, b1, ...], ascending by a. */
  found: number[] = [];

  // The walk: p = h * B + tail, tail = reverse(h, without its last digit when len is odd), and
  // along it root = floor(sqrt p), excess = p - root^2, quotient = ceil(p / max) and
  // shortfall = quotient * max - p, all small and exact (as in the Wasm kernel).
  len = 0;
  h = 0;
  b = 0;
  hMin = 0;
  hMax = 0;
  tail = 0;
  tailStride = 0;
  root = 0;
  excess = 0;
  quotient = 0;
  shortfall = 0;

  constructor(min: number, max: number, work: Work) {
    this.lo = min;
    this.hi = max;
    this.budget = work.budget;
    this.deadline = work.deadlineNs;
    this.nextClock = work.deadlineNs !== 0n ? CLOCK_EVERY : Infinity;
  }

  /** Counts n steps; throws Stop('deadline') when the clock check finds the deadline passed. */
  advance(n: number): void {
    this.steps += n;
    if (this.steps >= this.nextClock) {
      this.nextClock = this.steps - (this.steps % CLOCK_EVERY) + CLOCK_EVERY;
      if (now() >= this.deadline) throw new Stop('deadline');
    }
  }

  mirror(h: number): number {
    return reverse(this.len & 1 ? Math.floor(h / 10) : h);
  }

  /** Starts the walk at length `len` and high half `h` (computes everything afresh). */
  walkSet(len: number, h: number): void {
    const { hi } = this;
    this.len = len;
    const b = POW10[len >> 1]!;
    this.b = b;
    this.tailStride = len & 1 ? 0 : b / 10;
    this.hMin = POW10[((len + 1) >> 1) - 1]!;
    this.hMax = POW10[(len + 1) >> 1]! - 1;
    this.h = h;
    const tail = this.mirror(h);
    this.tail = tail;
    const pA = h * b + tail;
    const pL = (Math.imul(h, b) + tail) | 0;
    // Double estimates, off by a little when p passes 2^53: settle() corrects them exactly.
    const root = Math.floor(Math.sqrt(pA));
    const quotient = Math.ceil(pA / hi);
    this.settle(root, exact(pA - root * root, pL - Math.imul(root, root)), quotient, exact(quotient * hi - pA, Math.imul(quotient, hi) - pL));
  }

  /** Moves p by `delta` (a few strides at most) and updates root, excess, quotient and shortfall. */
  shift(delta: number): void {
    this.settle(this.root, this.excess + delta, this.quotient, this.shortfall - delta);
  }

  /**
   * Stores root = floor(sqrt p) with excess = p - root^2 in [0, 2 root], and quotient = ceil(p / max)
   * with shortfall = quotient * max - p in [0, max), given values within a few steps of those.
   */
  settle(root: number, excess: number, quotient: number, shortfall: number): void {
    const { hi } = this;
    while (excess < 0) {
      root--;
      excess += 2 * root + 1;
    }
    while (excess > 2 * root) {
      excess -= 2 * root + 1;
      root++;
    }
    while (shortfall < 0) {
      shortfall += hi;
      quotient++;
    }
    while (shortfall >= hi) {
      shortfall -= hi;
      quotient--;
    }
    this.root = root;
    this.excess = excess;
    this.quotient = quotient;
    this.shortfall = shortfall;
  }

  /** Starts at the palindrome of n's length with n's high half (the caller steps once if it passed n). */
  walkFrom(n: Bound): void {
    this.walkSet(n.len, n.h);
  }

  walkDown(): boolean {
    const { h } = this;
    if (h % 10 !== 0 && h > this.hMin) {
      this.h = h - 1;
      this.tail -= this.tailStride;
      this.shift(-(this.b + this.tailStride));
    } else if (h > this.hMin) {
      const tail = this.mirror(h - 1);
      const delta = tail - this.tail - this.b;
      this.h = h - 1;
      this.tail = tail;
      this.shift(delta);
    } else if (this.len === 1) return false;
    else this.walkSet(this.len - 1, POW10[this.len >> 1]! - 1);
    return true;
  }

  walkUp(): void {
    const { h } = this;
    if (h % 10 !== 9) {
      this.h = h + 1;
      this.tail += this.tailStride;
      this.shift(this.b + this.tailStride);
    } else if (h < this.hMax) {
      const tail = this.mirror(h + 1);
      const delta = tail - this.tail + this.b;
      this.h = h + 1;
      this.tail = tail;
      this.shift(delta);
    } else this.walkSet(this.len + 1, POW10[this.len >> 1]!);
  }

  /** Sign of p - n. */
  compare(n: Bound): number {
    if (this.len !== n.len) return this.len - n.len;
    if (this.h !== n.h) return this.h - n.h;
    return this.tail - n.tail;
  }

  value(): bigint {
    return BigInt(this.h) * BigInt(this.b) + BigInt(this.tail);
  }

  /** Visits the current palindrome: one step, then its pairs in range into `found`. */
  visit(): void {
    const { found } = this;
    found.length = 0;
    if (this.steps >= this.budget) throw new Stop('steps');
    this.advance(1);
    const { lo, b: base } = this;
    const even = !(this.len & 1);
    const pA = this.h * base + this.tail;
    const pL = (Math.imul(this.h, base) + this.tail) | 0;
    const a1 = this.root;
    const e = this.excess;
    const a0 = this.quotient > lo ? this.quotient : lo;
    if (a0 > a1) return;
    // q0 = floor(p / a0)
    let q0 = Math.floor(pA / a0);
    const r0 = exact(pA - q0 * a0, pL - Math.imul(q0, a0));
    if (r0 < 0) q0--;
    else if (r0 >= a0) q0++;
    const up = e === 0 ? 0 : e <= a1 ? 1 : 2; // ceil(e / a1)
    const tLo = 2 * a1 + up;
    const tHi = a0 + q0;
    const nDiv = a1 - a0 + 1;
    const nQuad = tHi >= tLo ? tHi - tLo + 1 : 0;
    let method = 0; // 0 quad, 1 div, 2 div11
    let n = nQuad;
    if (nDiv < nQuad) {
      method = 1;
      n = nDiv;
    }
    const b0 = a1 + up;
    const b1 = q0;
    if (even && nDiv < 11 * n) {
      // floor(nDiv / 11) < n: div11 might be cheaper
      const n11 = Math.floor(a1 / 11) - Math.floor((a0 - 1) / 11) + Math.floor(b1 / 11) - Math.floor((b0 - 1) / 11);
      if (n11 < n) {
        method = 2;
        n = n11;
      }
    }
    if (n > this.budget - this.steps) throw new Stop('steps');
    if (method === 0) {
      // disc = t^2 - 4p, exact (and incremental) below 2^53
      let t = tLo;
      let disc = 4 * a1 * up + up * up - 4 * e;
      while (t <= tHi) {
        const last = tHi - t < CLOCK_EVERY ? tHi : t + CLOCK_EVERY - 1;
        this.advance(last - t + 1);
        for (; t <= last; t++) {
          if (disc >= TWO_POW_53) {
            quadPast2p53(found, t, last, pA, pL);
            t = last;
            continue;
          }
          if (SQUARE_MOD64[disc & 63]) {
            const d = Math.floor(Math.sqrt(disc));
            if (d * d === disc) found.push((t - d) / 2, (t + d) / 2);
          }
          disc += 2 * t + 1;
        }
      }
      reversePairs(found);
    } else if (method === 1) {
      let a = a0;
      while (a <= a1) {
        const last = a1 - a < CLOCK_EVERY ? a1 : a + CLOCK_EVERY - 1;
        this.advance(last - a + 1);
        for (; a <= last; a++) divisor(found, pA, pL, a, false);
      }
    } else {
      let a = Math.ceil(a0 / 11) * 11;
      while (a <= a1) {
        const chunk = Math.min(Math.floor((a1 - a) / 11) + 1, CLOCK_EVERY);
        this.advance(chunk);
        for (let i = 0; i < chunk; i++, a += 11) divisor(found, pA, pL, a, false);
      }
      const fromA = found.length;
      let c = Math.floor(b1 / 11) * 11;
      while (c >= b0 && c > 0) {
        const chunk = Math.min(Math.floor((c - b0) / 11) + 1, CLOCK_EVERY);
        this.advance(chunk);
        for (let i = 0; i < chunk; i++, c -= 11) divisor(found, pA, pL, c, true);
      }
      if (fromA > 0) mergePairs(found, fromA);
    }
  }
}

/**
 * The quad test for t in [from, to] once t^2 - 4p has passed 2^53 (only in a run of millions of
 * candidates, so hardly ever): disc's low 32 bits stay exact in int32 arithmetic, its magnitude
 * comes from doubles (within ~2^11), and a root d is accepted when d^2 == disc mod 2^32 and
 * |d^2 - disc| < 2^32. Pairs are pushed by ascending t. p: pA within 128, pL = p mod 2^32.
 * Exported for the tests only.
 */
export function quadPast2p53(found: number[], from: number, to: number, pA: number, pL: number): void {
  let low = (Math.imul(from, from) - 4 * pL) | 0;
  for (let t = from; t <= to; t++) {
    if (SQUARE_MOD64[low & 63]) {
      const approx = t * t - 4 * pA;
      const d = Math.round(Math.sqrt(approx));
      if (((Math.imul(d, d) - low) | 0) === 0 && Math.abs(d * d - approx) < TWO_POW_31) {
        found.push((t - d) / 2, (t + d) / 2);
      }
    }
    low = (low + 2 * t + 1) | 0;
  }
}

/** Tests divisor x of p (p = pA approximately, pL exactly mod 2^32); pushes [x, p/x] or, for the b side, [p/x, x]. */
function divisor(found: number[], pA: number, pL: number, x: number, bSide: boolean): void {
  const q = Math.floor(pA / x);
  const r = exact(pA - q * x, pL - Math.imul(q, x)); // in [-x, 2x)
  if (r !== 0 && r !== x && r !== -x) return;
  const other = q + r / x;
  if (!bSide) found.push(x, other);
  else if (other % 11 !== 0) found.push(other, x);
}

function reversePairs(found: number[]): void {
  for (let i = 0, j = found.length - 2; i < j; i += 2, j -= 2) {
    const a = found[i]!;
    const b = found[i + 1]!;
    found[i] = found[j]!;
    found[i + 1] = found[j + 1]!;
    found[j] = a;
    found[j + 1] = b;
  }
}

/** Sorts the pairs from index `from` (in entries) into the ascending run before them, by a. */
function mergePairs(found: number[], from: number): void {
  for (let i = from; i < found.length; i += 2) {
    const a = found[i]!;
    const b = found[i + 1]!;
    let j = i;
    while (j > 0 && found[j - 2]! > a) {
      found[j] = found[j - 2]!;
      found[j + 1] = found[j - 1]!;
      j -= 2;
    }
    found[j] = a;
    found[j + 1] = b;
  }
}

function toPairs(flat: readonly number[]): FactorPair[] {
  const pairs: FactorPair[] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  return pairs;
}

const NONE: PalindromeEnd = { value: null, factors: [] };

function run(s: Search): { smallest: PalindromeEnd; largest: PalindromeEnd } {
  const floor = bound(BigInt(s.lo) * BigInt(s.lo));
  const ceiling = bound(BigInt(s.hi) * BigInt(s.hi));
  // largest: down from max^2, not below min^2
  s.walkFrom(ceiling);
  let more = true;
  if (s.compare(ceiling) > 0) more = s.walkDown();
  let largest: PalindromeEnd | undefined;
  let largestAt = { len: 0, h: 0 };
  while (more && s.compare(floor) >= 0) {
    s.visit();
    if (s.found.length > 0) {
      largest = { value: s.value(), factors: toPairs(s.found) };
      largestAt = { len: s.len, h: s.h };
      break;
    }
    more = s.walkDown();
  }
  if (!largest) return { smallest: { ...NONE, factors: [] }, largest: { ...NONE, factors: [] } };
  // smallest: up from min^2, at most to the largest (whose pairs are then the answer)
  s.walkFrom(floor);
  if (s.compare(floor) < 0) s.walkUp();
  for (;;) {
    if (s.len === largestAt.len && s.h === largestAt.h) {
      if (s.steps >= s.budget) throw new Stop('steps');
      s.advance(1);
      return { smallest: { value: largest.value, factors: largest.factors.map(([a, b]): FactorPair => [a, b]) }, largest };
    }
    s.visit();
    if (s.found.length > 0) return { smallest: { value: s.value(), factors: toPairs(s.found) }, largest };
    s.walkUp();
  }
}

/**
 * Smallest and largest palindromic products of two factors in [min, max] (1 <= min <= max <=
 * 999,999,999, validated by the caller), each with all its factor pairs, within `work`'s step
 * budget and deadline. Same results and step counts as the Wasm kernel.
 */
export function searchPalindromes(min: number, max: number, work: Work): PalindromeOutcome {
  const s = new Search(min, max, work);
  try {
    const result = run(s);
    return { status: 'ok', steps: s.steps, result };
  } catch (error) {
    if (error instanceof Stop) return { status: error.status, steps: s.steps };
    throw error;
  }
}
