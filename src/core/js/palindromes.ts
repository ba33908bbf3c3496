// The JS twin of assembly/palindromes.ts: the same search, the same tests chosen by the same rule,
// the same step count for every input (the algorithm is described there). fastRun(), visit() and
// walk() follow the kernel's statement by statement, fastRun's state in local variables.
//
// Exactness without BigInt in the search: products reach ~10^18 > 2^53, but every quantity the
// walk carries is small and exact in a double (factors, T = ceil(2 sqrt p) < 2^31, T^2 - 4p,
// ceil(p / max), its shortfall, the candidates' discriminants below 2^53). Where p itself is needed
// (a division, the div tests) it is read two ways from p = Q max - S: pA, a double within a few
// hundred of p, and pL = p mod 2^32, exact with Math.imul. A small integer x = p - y whose
// approximation xA is within 2^31 of it is then recovered exactly from its low 32 bits:
// x = xA + ((xL - xA) | 0). Below 2^53 all of this is plain double arithmetic. The walk compares p
// with its limit through the high half h (palindromes of one length are ordered by it). BigInt
// only sets up the walk's bounds and converts the two result values.
import { now } from '../runtime.ts';
import type { FactorPair, PalindromeEnd, PalindromeOutcome, Work } from '../types.ts';

const CLOCK_EVERY = 65536;
const RUN_STEPS = 4096;
const TWO_POW_53 = 2 ** 53;
const TWO_POW_31 = 2 ** 31;
const SQUARE_MOD64 = new Uint8Array(64);
for (let r = 0; r < 64; r++) SQUARE_MOD64[(r * r) & 63] = 1;
const POW10: number[] = [];
for (let i = 0, x = 1; i <= 10; i++, x *= 10) POW10.push(x);

const enum Method {
  Quad,
  Div,
  Div11,
}

/** How a run of the walk ends (fastRun, visit); a stop (budget, deadline) throws Stop instead. */
const enum RunEnd {
  /** The current palindrome has pairs. */
  Found,
  /** The walk reached its limit, or has no palindrome left. */
  Limit,
  /** The next palindrome has another length: walkSet() it. */
  NextLength,
  /** About RUN_STEPS steps taken: the run's end (p not visited). */
  More,
  /** (visit) p has no pair: on to the next palindrome. */
  Go,
  /** (fastRun) p needs visit(): not visited yet. */
  Slow,
  /** (fastRun) p visited, its steps counted, and one of its quad candidates is a square. */
  QuadPairs,
}

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

/** How many trailing zeros x (> 0) has in decimal. */
function trailingZeros(x: number): number {
  let k = 0;
  while (x % 10 === 0) {
    x /= 10;
    k++;
  }
  return k;
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

  // The walk: p = h * B + reverse(h, without its last digit when len is odd), and along it
  // twiceRoot = ceil(2 sqrt p) with excess = twiceRoot^2 - 4p, quotient = ceil(p / max) and
  // shortfall = quotient * max - p (as in the Wasm kernel).
  len = 0;
  h = 0;
  hMin = 0;
  hMax = 0;
  /** strides[k]: the gap to the next palindrome of this length when h has k trailing 0s (down) or 9s (up). */
  readonly strides = new Float64Array(11);
  twiceRoot = 0;
  excess = 0;
  quotient = 0;
  shortfall = 0;
  // fastRun's loop invariants, set per length (lengthChecks) and per run (setGuard)
  eleven = 0;
  elevenOrOne = 0;
  hEdge = 0;
  hLimit = 0;
  runEnd = 0;
  guard = 0;
  /** fastRun's quad candidates of p when it stops at QuadPairs. */
  candidates = 0;

  constructor(min: number, max: number, work: Work) {
    this.lo = min;
    this.hi = max;
    this.budget = work.budget;
    this.deadline = work.deadlineNs;
    this.nextClock = work.deadlineNs !== 0n ? CLOCK_EVERY : Infinity;
  }

  /** The clock check, once the step count has reached nextClock: throws Stop('deadline') past the deadline. */
  checkClock(): void {
    this.nextClock = this.steps - (this.steps % CLOCK_EVERY) + CLOCK_EVERY;
    if (now() >= this.deadline) throw new Stop('deadline');
  }

  /** Counts n steps; throws Stop('deadline') when the clock check finds the deadline passed. */
  advance(n: number): void {
    this.steps += n;
    if (this.steps >= this.nextClock) this.checkClock();
  }

  mirror(h: number): number {
    return reverse(this.len & 1 ? Math.floor(h / 10) : h);
  }

  /** Starts the walk at length `len` and high half `h` (computes everything afresh). */
  walkSet(len: number, h: number): void {
    this.len = len;
    const half = len >> 1;
    this.hMin = POW10[((len + 1) >> 1) - 1]!;
    this.hMax = POW10[(len + 1) >> 1]! - 1;
    for (let k = 0; k <= half; k++) {
      this.strides[k] = len & 1 ? (k ? 11 * POW10[half - k]! : POW10[half]!) : k < half ? 11 * POW10[half - 1 - k]! : 0;
    }
    this.walkAt(h);
  }

  /** Moves the walk to high half `h` at the current length (computes its state afresh). */
  walkAt(h: number): void {
    const { hi } = this;
    const b = POW10[this.len >> 1]!;
    this.h = h;
    const tail = this.mirror(h);
    const pA = h * b + tail;
    const pL = (Math.imul(h, b) + tail) | 0;
    // double estimates, off by a little past 2^53: exact() and the loops settle them
    let root = Math.floor(Math.sqrt(pA));
    let e = exact(pA - root * root, pL - Math.imul(root, root));
    while (e < 0) {
      root--;
      e += 2 * root + 1;
    }
    while (e > 2 * root) {
      e -= 2 * root + 1;
      root++;
    }
    const up = e === 0 ? 0 : e <= root ? 1 : 2; // ceil(2 sqrt p) = 2 root + ceil(e / root)
    this.twiceRoot = 2 * root + up;
    this.excess = 4 * root * up + up * up - 4 * e;
    let q = Math.ceil(pA / hi);
    let s = exact(q * hi - pA, Math.imul(q, hi) - pL);
    while (s < 0) {
      s += hi;
      q++;
    }
    while (s >= hi) {
      s -= hi;
      q--;
    }
    this.quotient = q;
    this.shortfall = s;
  }

  /** Starts the walk at the palindrome nearest n on its side: the largest <= n (down), the smallest >= n (up). */
  walkFrom(n: Bound, down: boolean): void {
    this.walkSet(n.len, n.h);
    const tail = this.mirror(n.h);
    if (down && tail > n.tail) {
      if (this.h > this.hMin) this.walkSet(this.len, this.h - 1);
      else this.walkSet(this.len - 1, POW10[this.len >> 1]! - 1);
    } else if (!down && tail < n.tail) {
      if (this.h < this.hMax) this.walkSet(this.len, this.h + 1);
      else this.walkSet(this.len + 1, POW10[this.len >> 1]!);
    }
  }

  /** The least h at the current length whose palindrome is >= n (hMax + 1 if none). */
  threshold(n: Bound): number {
    if (this.len !== n.len) return this.len > n.len ? this.hMin : this.hMax + 1;
    return n.h + (this.mirror(n.h) < n.tail ? 1 : 0);
  }

  /**
   * The visit's step count in its exact order, once the count nears the guard: false at the run's
   * end (nothing counted); throws Stop when the budget or the deadline stops the visit.
   */
  checkpoint(n: number, here: boolean): boolean {
    if (this.steps >= this.runEnd) return false;
    if (this.steps >= this.budget) throw new Stop('steps');
    this.advance(1);
    if (n > this.budget - this.steps) throw new Stop('steps');
    if (here) this.advance(n);
    return true;
  }

  /** Below the guard, no budget, clock or run-end check is due. */
  setGuard(): void {
    this.guard = Math.min(this.budget, this.nextClock - 1, this.runEnd);
  }

  /** p = quotient * max - shortfall, exactly. */
  value(): bigint {
    return BigInt(this.quotient) * BigInt(this.hi) - BigInt(this.shortfall);
  }

  /** Sets up the walk's checks for the current length: the limit (by h), the length's edge, the div11 rule. */
  lengthChecks(down: boolean, limit: Bound): void {
    this.eleven = this.len & 1 ? 0 : 11;
    this.elevenOrOne = this.len & 1 ? 1 : 11;
    this.hEdge = down ? this.hMin : this.hMax;
    this.hLimit = this.threshold(limit); // palindromes of one length are ordered by h
  }

  /**
   * Walks the palindromes from p on, down or up, visiting the common ones (the quad test, its steps
   * within the guard), and says why it stopped: Slow (p needs visit()), QuadPairs (p visited, one of
   * its quad candidates is a square), Limit or NextLength (see the kernel's fastRun). Everything
   * rare is left to visit() and walk(), and the loop has as few paths of its own as it can: V8
   * throws optimised code away when it meets a path the code has not run before, and compiles it
   * again (tens of ms, the first search running slowly meanwhile).
   */
  fastRun(down: boolean): RunEnd {
    const { strides, hLimit, hEdge, guard, elevenOrOne, lo: minF, hi: maxF } = this;
    let T = this.twiceRoot;
    let E = this.excess;
    let q = this.quotient;
    let s = this.shortfall;
    let H = this.h;
    let st = this.steps;
    let n = 0;
    let digit = H % 10;
    let result = RunEnd.Slow;
    for (;;) {
      // (one comparison for both directions, so a first walk up is no new path)
      if (H < hLimit === down) {
        result = RunEnd.Limit;
        break;
      }
      // the visit: one step, then the cheapest test's candidates (as in visit())
      const a1 = (T - (E !== 0 ? 1 : 0)) >>> 1; // floor(sqrt p)
      const a0 = q > minF ? q : minF;
      n = 0;
      if (a0 <= a1) {
        const q0 = a0 === q ? cornerQuotient(q, s, maxF) : quotientOf(q * maxF - s, Math.imul(q, maxF) - s, a0);
        const tHi = a0 + q0;
        n = tHi >= T ? tHi - T + 1 : 0;
        if (a1 - a0 + 1 < elevenOrOne * n) break; // the div or div11 test may be cheaper: visit()
      }
      if (st + 1 + n > guard) break; // a check is due: visit()
      st += 1 + n;
      // (one loop for every n, not the kernel's n = 1 and n = 2 apart, so a first n = 2 is no new path)
      if (n && hasSquare(T, E, n)) {
        result = RunEnd.QuadPairs;
        break;
      }
      // to the next palindrome: strides[k] away, k the trailing 0s (down) or 9s (up) of H
      if (H === hEdge) {
        result = RunEnd.NextLength;
        break;
      }
      // (the trailing 9s of H are the trailing 0s of H + 1)
      let k = 0;
      if (down) {
        if (!digit) {
          k = trailingZeros(H);
          digit = 9;
        } else digit--;
        H--;
      } else {
        if (digit === 9) {
          k = trailingZeros(H + 1);
          digit = 0;
        } else digit++;
        H++;
      }
      const gap = strides[k]!;
      const delta = down ? -gap : gap;
      E -= 4 * delta;
      s -= delta;
      // twiceRoot and quotient follow by a few additions: a gap moves each by a unit or two
      while (E >= 2 * T - 1) {
        E -= 2 * T - 1;
        T--;
      }
      while (E < 0) {
        T++;
        E += 2 * T - 1;
      }
      while (s >= maxF) {
        s -= maxF;
        q--;
      }
      while (s < 0) {
        s += maxF;
        q++;
      }
    }
    this.candidates = n;
    this.twiceRoot = T;
    this.excess = E;
    this.quotient = q;
    this.shortfall = s;
    this.h = H;
    this.steps = st;
    return result;
  }

  /**
   * Visits p whatever its test: one step, then the cheapest test's candidates, the steps counted in
   * their exact order. Found, Go (no pair) or More (the run's end: not visited); a stop throws.
   */
  visit(): RunEnd {
    const { found, lo: minF, hi: maxF } = this;
    const T = this.twiceRoot;
    const E = this.excess;
    const q = this.quotient;
    const s = this.shortfall;
    const pA = q * maxF - s;
    const pL = Math.imul(q, maxF) - s;
    const a1 = (T - (E !== 0 ? 1 : 0)) >>> 1; // floor(sqrt p)
    const a0 = q > minF ? q : minF;
    let chosen = Method.Quad;
    let n = 0;
    let q0 = 0;
    if (a0 <= a1) {
      q0 = a0 === q ? cornerQuotient(q, s, maxF) : quotientOf(pA, pL, a0);
      const tHi = a0 + q0;
      const nDiv = a1 - a0 + 1;
      n = tHi >= T ? tHi - T + 1 : 0;
      if (nDiv < n) {
        chosen = Method.Div;
        n = nDiv;
      }
      if (nDiv < this.eleven * n) {
        // floor(nDiv / 11) < n: div11 might be cheaper
        const n11 = div11Candidates(a0, a1, T - a1, q0);
        if (n11 < n) {
          chosen = Method.Div11;
          n = n11;
        }
      }
    }
    const here = chosen === Method.Quad && n <= CLOCK_EVERY; // else test() runs it
    if (this.steps + 1 + n > this.guard) {
      if (!this.checkpoint(n, here)) return RunEnd.More;
      this.setGuard();
    } else this.steps += here ? 1 + n : 1;
    if (!n) return RunEnd.Go;
    if (here) quadPairs(found, T, E, n);
    else {
      this.test(chosen, n, pA, pL, a0, a1, T - a1, q0, T, E);
      this.setGuard();
    }
    return found.length ? RunEnd.Found : RunEnd.Go;
  }

  /**
   * The tests visit() does not run inline (a div test, or a quad test of more than CLOCK_EVERY
   * candidates): `method` over `n` candidates of p (pA within a few hundred, pL = p mod 2^32), with
   * a in [a0, a1] and b in [b0, b1], or t from t0 with disc0 = t0^2 - 4p; its steps counted here,
   * in chunks of up to CLOCK_EVERY.
   */
  test(method: Method, n: number, pA: number, pL: number, a0: number, a1: number, b0: number, b1: number, t0: number, disc0: number): void {
    const { found } = this;
    pL |= 0;
    if (method === Method.Div) {
      let a = a0;
      while (a <= a1) {
        const last = a1 - a < CLOCK_EVERY ? a1 : a + CLOCK_EVERY - 1;
        this.advance(last - a + 1);
        for (; a <= last; a++) divisor(found, pA, pL, a, false);
      }
    } else if (method === Method.Div11) {
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
    } else {
      // disc = t^2 - 4p, exact (and incremental) below 2^53
      let t = t0;
      let disc = disc0;
      const tHi = t0 + n - 1;
      while (t <= tHi) {
        const last = tHi - t < CLOCK_EVERY ? tHi : t + CLOCK_EVERY - 1;
        this.advance(last - t + 1);
        for (; t <= last; t++) {
          if (disc >= TWO_POW_53) {
            quadPast2p53(found, t, last, pA, pL);
            t = last;
            continue;
          }
          quadCandidate(found, t, disc);
          disc += 2 * t + 1;
        }
      }
      reversePairs(found);
    }
  }
}

/**
 * floor(p / a) for p = pA approximately (within a few hundred), pL exactly mod 2^32, when the
 * quotient is below 2^30. Exported for the tests only.
 */
export function quotientOf(pA: number, pL: number, a: number): number {
  let q = Math.floor(pA / a);
  const r = exact(pA - q * a, pL - Math.imul(q, a));
  if (r < 0) q--;
  else if (r >= a) q++;
  return q;
}

/**
 * floor(p / q) for p = q max - s, q = ceil(p / max) and s in [0, max): max - ceil(s / q), where s / q
 * (s, q < 2^31) is an exact double or at least 1/q from an integer. Exported for the tests only.
 */
export function cornerQuotient(q: number, s: number, max: number): number {
  return max - Math.ceil(s / q);
}

/** The div11 test's candidate count: the multiples of 11 in [a0, a1] and in [b0, b1]. */
function div11Candidates(a0: number, a1: number, b0: number, b1: number): number {
  return Math.floor(a1 / 11) - Math.floor((a0 - 1) / 11) + Math.floor(b1 / 11) - Math.floor((b0 - 1) / 11);
}

/** One quad candidate t, disc = t^2 - 4p < 2^53: its pair into `found` if disc is a square. */
function quadCandidate(found: number[], t: number, disc: number): void {
  if (SQUARE_MOD64[disc & 63]) pushIfSquare(found, t, disc);
}

/** The pair of candidate t if disc = t^2 - 4p (< 2^53) is a square. */
function pushIfSquare(found: number[], t: number, disc: number): void {
  const d = Math.floor(Math.sqrt(disc));
  if (d * d === disc) found.push((t - d) / 2, (t + d) / 2);
}

/**
 * Whether disc (< 2^50) is a square: then its square root is exact, and otherwise it is at least
 * 2^-26 from an integer, far more than its rounding error. Exported for the tests only.
 */
export function isSmallSquare(disc: number): boolean {
  const r = Math.sqrt(disc);
  return Math.floor(r) === r;
}

/** Whether a candidate t in [t, t + n) has a square disc = t^2 - 4p (< 2^50 throughout). */
function hasSquare(t: number, disc: number, n: number): boolean {
  for (const last = t + n; t < last; t++) {
    if (SQUARE_MOD64[disc & 63] && isSmallSquare(disc)) return true;
    disc += 2 * t + 1;
  }
  return false;
}

/** The pairs of quad candidates [t, t + n), disc = t^2 - 4p below 2^53 (their steps counted), into `found` by ascending a. */
function quadPairs(found: number[], t: number, disc: number, n: number): void {
  quadRange(found, t, n, disc);
  if (found.length) reversePairs(found);
}

/** The quad test's candidates t in [t, t + n), disc = t^2 - 4p below 2^53 throughout. */
function quadRange(found: number[], t: number, n: number, disc: number): void {
  for (const last = t + n; t < last; t++) {
    quadCandidate(found, t, disc);
    disc += 2 * t + 1;
  }
}

/**
 * The quad test for t in [from, to] once t^2 - 4p has passed 2^53 (only in a run of millions of
 * candidates, so hardly ever): disc's low 32 bits stay exact in int32 arithmetic, its magnitude
 * comes from doubles (within ~2^11), and a root d is accepted when d^2 == disc mod 2^32 and
 * |d^2 - disc| < 2^32. Pairs are pushed by ascending t. p: pA within a few hundred, pL = p mod 2^32.
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

/**
 * Tests divisor x of p (p = pA within x, pL exactly mod 2^32); pushes [x, p/x] or, for the b side,
 * [p/x, x] unless p/x is a multiple of 11 (the a side's pass has it). Exported for the tests only.
 */
export function divisor(found: number[], pA: number, pL: number, x: number, bSide: boolean): void {
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

/**
 * Walks from p until a palindrome with pairs (Found) or the limit (Limit); a stop throws. The common
 * visits happen in fastRun; the others, and the checks due every so often, here.
 */
function walk(s: Search, down: boolean, limit: Bound): RunEnd.Found | RunEnd.Limit {
  s.lengthChecks(down, limit);
  s.runEnd = s.steps + RUN_STEPS;
  s.setGuard();
  for (;;) {
    let result = s.fastRun(down);
    if (result === RunEnd.Slow) result = s.visit();
    else if (result === RunEnd.QuadPairs) {
      quadPairs(s.found, s.twiceRoot, s.excess, s.candidates);
      result = s.found.length ? RunEnd.Found : RunEnd.Go;
    }
    if (result === RunEnd.Go) {
      // on to the next palindrome
      if (s.h !== s.hEdge) {
        s.walkAt(down ? s.h - 1 : s.h + 1);
        continue;
      }
      result = RunEnd.NextLength;
    }
    if (result === RunEnd.More) {
      s.runEnd = s.steps + RUN_STEPS;
      s.setGuard();
      continue;
    }
    if (result !== RunEnd.NextLength) return result as RunEnd.Found | RunEnd.Limit;
    if (!down) s.walkSet(s.len + 1, POW10[s.len >> 1]!);
    else if (s.len === 1) return RunEnd.Limit;
    else s.walkSet(s.len - 1, POW10[s.len >> 1]! - 1);
    s.lengthChecks(down, limit);
  }
}

/** The walk's state, for the tests: p and what the walk carries along. */
export interface WalkState {
  p: bigint;
  h: number;
  len: number;
  twiceRoot: number;
  excess: number;
  quotient: number;
  shortfall: number;
}

/**
 * Sets the walk at the palindrome of length `len` and high half `h` for factors in [min, max], then
 * runs one fastRun (up to RUN_STEPS steps, or to the length's end) and returns the states before
 * and after. With min = max beyond sqrt p no palindrome has candidates, so the run is all steps.
 * Exported for the tests only.
 */
export function fastRunStates(min: number, max: number, len: number, h: number, down: boolean): [WalkState, WalkState] {
  const s = new Search(min, max, { budget: Number.MAX_SAFE_INTEGER, deadlineNs: 0n });
  const state = (): WalkState => ({ p: s.value(), h: s.h, len: s.len, twiceRoot: s.twiceRoot, excess: s.excess, quotient: s.quotient, shortfall: s.shortfall });
  s.walkSet(len, h);
  const before = state();
  s.lengthChecks(down, down ? { len: 1, h: 0, tail: 0 } : { len: 20, h: 0, tail: 0 });
  s.runEnd = RUN_STEPS;
  s.setGuard();
  s.fastRun(down);
  return [before, state()];
}

const NONE: PalindromeEnd = { value: null, factors: [] };

function run(s: Search): { smallest: PalindromeEnd; largest: PalindromeEnd } {
  const floor = bound(BigInt(s.lo) * BigInt(s.lo));
  const ceiling = bound(BigInt(s.hi) * BigInt(s.hi));
  // largest: down from max^2, not below min^2
  s.walkFrom(ceiling, true);
  if (walk(s, true, floor) === RunEnd.Limit) return { smallest: { ...NONE, factors: [] }, largest: { ...NONE, factors: [] } };
  const largest = { value: s.value(), factors: toPairs(s.found) };
  const largestAt: Bound = { len: s.len, h: s.h, tail: s.mirror(s.h) };
  // smallest: up from min^2, at most to the largest (whose pairs are then the answer)
  s.found.length = 0;
  s.walkFrom(floor, false);
  if (walk(s, false, largestAt) === RunEnd.Found) return { smallest: { value: s.value(), factors: toPairs(s.found) }, largest };
  if (s.steps >= s.budget) throw new Stop('steps');
  s.advance(1);
  return { smallest: { value: largest.value, factors: largest.factors.map(([a, b]): FactorPair => [a, b]) }, largest };
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
