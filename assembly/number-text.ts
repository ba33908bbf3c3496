// Exact number <-> text conversion, byte-identical to JavaScript's String(x) and Number(text).
//
// formatNumber: Ryu (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018) finds the
//   shortest digits that round-trip, picking the one closest to the exact value (ties to even) —
//   the same digits V8 prints — and the ECMAScript Number::toString rules lay them out.
// parseNumber: Clinger's fast path when one IEEE operation is exact, else Eisel–Lemire (as in
//   fast_float, including Mushtak & Lemire's proof that it needs no fallback for <= 19 digits).
//   With more than 19 significant digits, Eisel–Lemire on the truncated w and on w + 1 agreeing
//   settles it; otherwise exact big-integer comparisons against the midpoints between adjacent
//   doubles decide (as in Clinger's AlgorithmR), using the first 800 digits plus a sticky digit.
//
// Built for --runtime stub: nothing allocates except the one result string of formatNumber.
// AssemblyScript has no u128, so 64x64->128-bit products come from 32-bit halves (umul64).
import { POW5_128, POW5_MIN_Q } from "./number-tables";

// ---------------------------------------------------------------------------------------------
// 128-bit helpers. Results that do not fit one return value go through module globals (no tuples
// without allocation).

let mulHigh: u64 = 0; // high half of the last umul64

/** Low 64 bits of a * b; the high 64 bits land in mulHigh. */
function umul64(a: u64, b: u64): u64 {
  const aLo = a & 0xffffffff, aHi = a >>> 32;
  const bLo = b & 0xffffffff, bHi = b >>> 32;
  const ll = aLo * bLo, lh = aLo * bHi, hl = aHi * bLo, hh = aHi * bHi;
  const mid = (ll >>> 32) + (lh & 0xffffffff) + (hl & 0xffffffff); // < 3 * 2^32: no overflow
  mulHigh = hh + (lh >>> 32) + (hl >>> 32) + (mid >>> 32);
  return (mid << 32) | (ll & 0xffffffff);
}

/** Address of the (high, low) table entry for 5^q. */
function pow5Entry(q: i32): usize {
  return POW5_128 + (<usize>(q - POW5_MIN_Q) << 4);
}

// =============================================================================================
// formatNumber: Ryu d2d

// Ryu's 125-bit multipliers, derived from the 5^q table rather than shipped as a second one
// (scripts/gen-number-tables.ts proves the derivation for every index). The result goes to
// ryuSplitLo/ryuSplitHi: no tuples without allocation.
export let ryuSplitLo: u64 = 0;
export let ryuSplitHi: u64 = 0;

/** Ryu's DOUBLE_POW5_SPLIT[i], i in [0, 325]: 5^i truncated to 125 bits = the 128-bit entry >> 3. */
export function ryuPow5Split(i: i32): void {
  const p = pow5Entry(i);
  const hi = load<u64>(p), lo = load<u64>(p, 8);
  ryuSplitLo = (lo >>> 3) | (hi << 61);
  ryuSplitHi = hi >>> 3;
}

/**
 * Ryu's DOUBLE_POW5_INV_SPLIT[i], i in [0, 341]: ⌊2^k / 5^i⌋ + 1 at 125 bits. The 5^-i entry is
 * that floor at 128 bits, plus one for i <= 27 (fast_float rounds those up).
 */
export function ryuPow5InvSplit(i: i32): void {
  if (i == 0) {
    ryuSplitLo = 1; // 2^125 + 1: the one exact power
    ryuSplitHi = <u64>1 << 61;
    return;
  }
  const p = pow5Entry(-i);
  let hi = load<u64>(p), lo = load<u64>(p, 8);
  if (i <= 27) {
    if (lo == 0) hi--;
    lo--;
  }
  lo = ((lo >>> 3) | (hi << 61)) + 1;
  ryuSplitLo = lo;
  ryuSplitHi = (hi >>> 3) + u64(lo == 0);
}

/**
 * ⌊m * split / 2^j⌋ for m < 2^55 and 64 < j < 128 (Ryu's mulShift64), where split is the 125-bit
 * multiplier ryuPow5Split / ryuPow5InvSplit last chose.
 */
function mulShift64(m: u64, j: i32): u64 {
  const low1 = umul64(m, ryuSplitHi);
  let high1 = mulHigh;
  umul64(m, ryuSplitLo);
  const sum = mulHigh + low1;
  if (sum < low1) high1++;
  const s = <u64>(j - 64);
  return (high1 << (64 - s)) | (sum >>> s);
}

/** Ryu's approximations of log10(2^e), log10(5^e) and ceil(log2(5^e)), exact in the used range. */
function log10Pow2(e: i32): i32 {
  return (e * 78913) >>> 18;
}
function log10Pow5(e: i32): i32 {
  return (e * 732923) >>> 20;
}
function pow5bits(e: i32): i32 {
  return ((e * 1217359) >>> 19) + 1;
}

function multipleOfPowerOf5(value: u64, p: i32): bool {
  let count = 0;
  while (value % 5 == 0) {
    value /= 5;
    count++;
  }
  return count >= p;
}

function multipleOfPowerOf2(value: u64, p: i32): bool {
  return (value & ((<u64>1 << <u64>p) - 1)) == 0;
}

let ryuDigits: u64 = 0; // shortest decimal: ryuDigits * 10^ryuExponent
let ryuExponent: i32 = 0;

/** Shortest, closest (ties to even) decimal of a positive finite double, as Ryu's d2d. */
function ryu(bits: u64): void {
  const ieeeMantissa = bits & 0xfffffffffffff;
  const ieeeExponent = <i32>(bits >>> 52);
  let e2: i32;
  let m2: u64;
  if (ieeeExponent == 0) {
    e2 = 1 - 1023 - 52 - 2; // two extra bits for the interval bounds
    m2 = ieeeMantissa;
  } else {
    e2 = ieeeExponent - 1023 - 52 - 2;
    m2 = (<u64>1 << 52) | ieeeMantissa;
  }
  // The interval of values that read back as x is inclusive exactly when the mantissa is even.
  const acceptBounds = (m2 & 1) == 0;
  const mv = m2 << 2;
  // Lower gap is half as wide at a power of two (except at the bottom of the normal range).
  const mmShift: u64 = u64(ieeeMantissa != 0 || ieeeExponent <= 1);

  let vr: u64, vp: u64, vm: u64;
  let e10: i32;
  let vmIsTrailingZeros = false;
  let vrIsTrailingZeros = false;
  if (e2 >= 0) {
    const q = log10Pow2(e2) - i32(e2 > 3);
    e10 = q;
    const k = 125 + pow5bits(q) - 1;
    const i = -e2 + q + k;
    ryuPow5InvSplit(q);
    vr = mulShift64(mv, i);
    vp = mulShift64(mv + 2, i);
    vm = mulShift64(mv - 1 - mmShift, i);
    if (q <= 21) {
      // Only one of mp, mv, mm can be a multiple of 5, if any.
      if (mv % 5 == 0) {
        vrIsTrailingZeros = multipleOfPowerOf5(mv, q);
      } else if (acceptBounds) {
        vmIsTrailingZeros = multipleOfPowerOf5(mv - 1 - mmShift, q);
      } else {
        vp -= u64(multipleOfPowerOf5(mv + 2, q));
      }
    }
  } else {
    const q = log10Pow5(-e2) - i32(-e2 > 1);
    e10 = q + e2;
    const i = -e2 - q;
    const k = pow5bits(i) - 125;
    const j = q - k;
    ryuPow5Split(i);
    vr = mulShift64(mv, j);
    vp = mulShift64(mv + 2, j);
    vm = mulShift64(mv - 1 - mmShift, j);
    if (q <= 1) {
      // mv = 4 * m2 has at least two trailing zero bits.
      vrIsTrailingZeros = true;
      if (acceptBounds) {
        vmIsTrailingZeros = mmShift == 1; // mm = mv - 1 - mmShift
      } else {
        vp--; // mp = mv + 2 always has a trailing zero bit
      }
    } else if (q < 63) {
      vrIsTrailingZeros = multipleOfPowerOf2(mv, q);
    }
  }

  // Drop digits while the interval still holds a shorter candidate.
  let removed = 0;
  let lastRemovedDigit: u64 = 0;
  let output: u64;
  if (vmIsTrailingZeros || vrIsTrailingZeros) {
    // Rare general case: the exact value or the lower bound may end in zeros.
    while (vp / 10 > vm / 10) {
      vmIsTrailingZeros = vmIsTrailingZeros && vm % 10 == 0;
      vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0;
      lastRemovedDigit = vr % 10;
      vr /= 10;
      vp /= 10;
      vm /= 10;
      removed++;
    }
    if (vmIsTrailingZeros) {
      while (vm % 10 == 0) {
        vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0;
        lastRemovedDigit = vr % 10;
        vr /= 10;
        vp /= 10;
        vm /= 10;
        removed++;
      }
    }
    if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) {
      lastRemovedDigit = 4; // exactly halfway: round to even
    }
    output = vr + u64((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5);
  } else {
    let roundUp = false;
    while (vp / 10 > vm / 10) {
      roundUp = vr % 10 >= 5;
      vr /= 10;
      vp /= 10;
      vm /= 10;
      removed++;
    }
    output = vr + u64(vr == vm || roundUp);
  }
  ryuDigits = output;
  ryuExponent = e10 + removed;
}

// Scratch for the text of one number: the longest is 25 UTF-16 units ("-1.2345678901234567e-308").
// The (at most 17) digits go to the far end first, clear of the text written from the start.
const FORMAT_BUFFER_SIZE: usize = 128;
const FORMAT_BUFFER: usize = memory.data(<i32>FORMAT_BUFFER_SIZE);

/** Writes n zeros at p; returns the address after them. */
function putZeros(p: usize, n: i32): usize {
  for (let i = 0; i < n; i++) {
    store<u16>(p, 0x30);
    p += 2;
  }
  return p;
}

/** The text JavaScript's String(x) gives for a finite double. */
export function formatNumber(x: f64): string {
  if (x != x) return "NaN";
  if (x == Infinity) return "Infinity";
  if (x == -Infinity) return "-Infinity";
  if (x == 0) return "0"; // +0 and -0 alike
  const bits = reinterpret<u64>(x);
  ryu(bits & 0x7fffffffffffffff);

  // Digits first, at the end of the buffer, so they can be copied into place.
  const digitsEnd = FORMAT_BUFFER + FORMAT_BUFFER_SIZE;
  let d = ryuDigits;
  let digitsStart = digitsEnd;
  do {
    digitsStart -= 2;
    store<u16>(digitsStart, 0x30 + <u16>(d % 10));
    d /= 10;
  } while (d != 0);
  const k = <i32>((digitsEnd - digitsStart) >>> 1); // digit count
  const n = k + ryuExponent; // value = 0.DIGITS * 10^n

  // ECMAScript Number::toString(x): the cases in the spec's order.
  let p = FORMAT_BUFFER;
  if (bits >>> 63) {
    store<u16>(p, 0x2d); // "-"
    p += 2;
  }
  if (k <= n && n <= 21) {
    // Integer: digits then n - k zeros.
    memory.copy(p, digitsStart, <usize>k << 1);
    p = putZeros(p + (<usize>k << 1), n - k);
  } else if (0 < n && n <= 21) {
    // Point inside the digits.
    memory.copy(p, digitsStart, <usize>n << 1);
    p += <usize>n << 1;
    store<u16>(p, 0x2e); // "."
    memory.copy(p + 2, digitsStart + (<usize>n << 1), <usize>(k - n) << 1);
    p += 2 + (<usize>(k - n) << 1);
  } else if (-6 < n && n <= 0) {
    // "0.", -n zeros, digits.
    store<u16>(p, 0x30);
    store<u16>(p, 0x2e, 2);
    p = putZeros(p + 4, -n);
    memory.copy(p, digitsStart, <usize>k << 1);
    p += <usize>k << 1;
  } else {
    // Exponential: d[.ddd]e±(n - 1).
    store<u16>(p, load<u16>(digitsStart));
    p += 2;
    if (k > 1) {
      store<u16>(p, 0x2e);
      memory.copy(p + 2, digitsStart + 2, <usize>(k - 1) << 1);
      p += <usize>k << 1;
    }
    store<u16>(p, 0x65); // "e"
    let e = n - 1;
    store<u16>(p, e < 0 ? 0x2d : 0x2b, 2); // "-" or "+"
    p += 4;
    if (e < 0) e = -e; // at most 324: three digits
    if (e >= 100) {
      store<u16>(p, 0x30 + <u16>(e / 100));
      p += 2;
    }
    if (e >= 10) {
      store<u16>(p, 0x30 + <u16>((e / 10) % 10));
      p += 2;
    }
    store<u16>(p, 0x30 + <u16>(e % 10));
    p += 2;
  }
  return String.UTF16.decodeUnsafe(FORMAT_BUFFER, p - FORMAT_BUFFER);
}

// =============================================================================================
// parseNumber

// 10^0 .. 10^22: every one is an exact double (Clinger's fast path).
const EXACT_POWERS_OF_TEN: usize = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]);

const INFINITY_BITS: u64 = 0x7ff0000000000000;

// False after eiselLemire if its 128-bit product was too close to call. Mushtak & Lemire proved
// this never happens for doubles; the check (from earlier fast_float) stays as a cheap guard.
let eiselLemireSure = true;

/** IEEE bits of the double nearest w * 10^q (w != 0, q in [-342, 308]): fast_float's compute_float. */
function eiselLemire(w: u64, q: i32): u64 {
  eiselLemireSure = true;
  const lz = <i32>clz(w);
  w <<= <u64>lz;
  const entry = pow5Entry(q);
  // 55 bits matter: 52 stored + the implicit bit + a rounding bit + a bit lost to normalization.
  let lo = umul64(w, load<u64>(entry));
  let hi = mulHigh;
  const precisionMask: u64 = 0xffffffffffffffff >>> 55;
  if ((hi & precisionMask) == precisionMask) {
    // The truncated 5^q may have dropped a carry into the bits we keep: add the next 64 bits.
    umul64(w, load<u64>(entry, 8));
    lo += mulHigh;
    if (mulHigh > lo) hi++;
    if (lo == 0xffffffffffffffff && (q < -27 || q > 55)) eiselLemireSure = false;
  }
  const upperBit = <i32>(hi >>> 63);
  const shift = <u64>(upperBit + 64 - 55);
  let mantissa = hi >>> shift;
  // Binary exponent: floor(log2(10^q)) + 63 (+ normalization), biased by 1023.
  let power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - lz + 1023;
  if (power2 <= 0) {
    // Subnormal (or zero); ties cannot occur here with <= 19 digits.
    if (-power2 + 1 >= 64) return 0;
    mantissa >>= <u64>(-power2 + 1);
    mantissa += mantissa & 1;
    mantissa >>= 1;
    // Rounding may carry into the smallest normal exponent: the OR below then gives 1 << 52.
    return (<u64>(mantissa < (<u64>1 << 52) ? 0 : 1) << 52) | mantissa;
  }
  // An exact halfway point (only possible for small |q|): round down to even.
  if (lo <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && mantissa << shift == hi) {
    mantissa &= ~(<u64>1);
  }
  mantissa += mantissa & 1;
  mantissa >>= 1;
  if (mantissa >= <u64>2 << 52) {
    mantissa = <u64>1 << 52; // rounding overflowed into the next binade
    power2++;
  }
  if (power2 >= 0x7ff) return INFINITY_BITS;
  return (<u64>power2 << 52) | (mantissa & ~(<u64>1 << 52));
}

// Exact fallback. The decimal is D * 10^E, D the first (at most MAX_DIGITS) significant digits
// (a further digit 1 stands in for any nonzero digits beyond them: midpoints between doubles have
// at most 767 significant digits, so comparisons against them come out the same).
const MAX_DIGITS = 800;
const DIGITS: usize = memory.data(MAX_DIGITS + 1); // one byte per digit value 0..9

// Big naturals: little-endian u32 limbs; D * 10^E and the midpoints stay below ~2700 bits.
const BIG_LIMBS = 128;
const BIG_D: usize = memory.data(BIG_LIMBS << 2);
const BIG_A: usize = memory.data(BIG_LIMBS << 2);
const BIG_B: usize = memory.data(BIG_LIMBS << 2);
let lenD = 0;
let lenA = 0;
let lenB = 0;

/** big = big * mul + add, for a big of `len` limbs; returns the new length. */
function bigMulAdd(big: usize, len: i32, mul: u32, add: u32): i32 {
  let carry = <u64>add;
  for (let i = 0; i < len; i++) {
    const p = big + (<usize>i << 2);
    const t = <u64>load<u32>(p) * mul + carry;
    store<u32>(p, <u32>t);
    carry = t >>> 32;
  }
  if (carry != 0) {
    store<u32>(big + (<usize>len << 2), <u32>carry);
    len++;
  }
  return len;
}

/** big = big * 5^n; returns the new length. */
function bigMulPow5(big: usize, len: i32, n: i32): i32 {
  for (; n >= 13; n -= 13) len = bigMulAdd(big, len, 1220703125, 0); // 5^13 < 2^32
  if (n > 0) {
    let m: u32 = 5;
    while (--n > 0) m *= 5;
    len = bigMulAdd(big, len, m, 0);
  }
  return len;
}

/** big = big << n; returns the new length. */
function bigShiftLeft(big: usize, len: i32, n: i32): i32 {
  const limbs = n >>> 5;
  const bits = <u32>(n & 31);
  if (bits != 0) {
    let carry: u32 = 0;
    for (let i = 0; i < len; i++) {
      const p = big + (<usize>i << 2);
      const v = load<u32>(p);
      store<u32>(p, (v << bits) | carry);
      carry = v >>> (32 - bits);
    }
    if (carry != 0) {
      store<u32>(big + (<usize>len << 2), carry);
      len++;
    }
  }
  if (limbs != 0) {
    memory.copy(big + (<usize>limbs << 2), big, <usize>len << 2);
    memory.fill(big, 0, <usize>limbs << 2);
    len += limbs;
  }
  return len;
}

/** Sign of a - b for normalized naturals (no leading zero limbs). */
function bigCompare(a: usize, aLen: i32, b: usize, bLen: i32): i32 {
  if (aLen != bLen) return aLen > bLen ? 1 : -1;
  for (let i = aLen - 1; i >= 0; i--) {
    const x = load<u32>(a + (<usize>i << 2));
    const y = load<u32>(b + (<usize>i << 2));
    if (x != y) return x > y ? 1 : -1;
  }
  return 0;
}

/** Sets BIG_D from the first `count` digits in DIGITS. */
function loadDigits(count: i32): void {
  let len = 0;
  let i = 0;
  while (i < count) {
    // Up to 9 digits at a time fit one u32 step.
    let chunk: u32 = 0;
    let scale: u32 = 1;
    for (let j = 0; j < 9 && i < count; j++, i++) {
      chunk = chunk * 10 + <u32>load<u8>(DIGITS + <usize>i);
      scale *= 10;
    }
    len = bigMulAdd(BIG_D, len, scale, chunk);
  }
  lenD = len;
}

/** Sign of D * 10^E - (midpoint above the double with bits `bits`, finite and non-negative). */
function compareWithMidpoint(E: i32, bits: u64): i32 {
  // The double is m * 2^e; the midpoint to its successor is (2m + 1) * 2^(e - 1).
  const biased = <i32>(bits >>> 52);
  const fraction = bits & 0xfffffffffffff;
  const m = biased == 0 ? fraction : fraction | (<u64>1 << 52);
  const e = biased == 0 ? -1074 : biased - 1075;
  const h = (m << 1) | 1;
  const f = e - 1;
  // Compare D * 5^E * 2^E with h * 2^f, all factors moved to the side where they are integral.
  memory.copy(BIG_A, BIG_D, <usize>lenD << 2);
  lenA = lenD;
  store<u32>(BIG_B, <u32>h);
  store<u32>(BIG_B, <u32>(h >>> 32), 4);
  lenB = h >>> 32 ? 2 : 1;
  if (E >= 0) lenA = bigMulPow5(BIG_A, lenA, E);
  else lenB = bigMulPow5(BIG_B, lenB, -E);
  if (E >= f) lenA = bigShiftLeft(BIG_A, lenA, E - f);
  else lenB = bigShiftLeft(BIG_B, lenB, f - E);
  return bigCompare(BIG_A, lenA, BIG_B, lenB);
}

/**
 * Correctly rounded bits of DIGITS[0..count) * 10^E, starting from `guess` (within a few ulps):
 * step to a neighbour while the value lies beyond the midpoint to it; exact ties go to even bits.
 */
function exactBits(count: i32, E: i32, guess: u64): u64 {
  loadDigits(count);
  let bits = guess;
  while (true) {
    if (bits < INFINITY_BITS) {
      const up = compareWithMidpoint(E, bits);
      if (up > 0) {
        bits++;
        continue;
      }
      if (up == 0) return bits & 1 ? bits + 1 : bits;
    }
    if (bits == 0) return 0;
    const down = compareWithMidpoint(E, bits - 1);
    if (down < 0) {
      bits--;
      continue;
    }
    if (down == 0) return bits & 1 ? bits - 1 : bits;
    return bits;
  }
}

/** The double nearest to decimal `text` (grammar /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/), NaN otherwise. */
export function parseNumber(text: string): f64 {
  const start = changetype<usize>(text);
  return parseNumberAt(start, start + (<usize>text.length << 1));
}

/** parseNumber of the UTF-16 text in [start, end), read in place (a number inside a larger text, no copy). */
export function parseNumberAt(start: usize, end: usize): f64 {
  let p = start;
  const negative = p < end && load<u16>(p) == 0x2d;
  if (negative) p += 2;

  let w: u64 = 0; // first 19 significant digits
  let count = 0; // significant digits seen (from the first nonzero one)
  let stored = 0; // significant digits kept in DIGITS
  let nonzeroAfter19 = false; // w is truncated
  let nonzeroAfterStored = false; // DIGITS is truncated
  let exp10: i64 = 0; // value = (all significant digits as an integer) * 10^exp10
  let anyDigit = false;
  let fraction = false;
  for (; p < end; p += 2) {
    const ch = load<u16>(p);
    const c = <u32>ch - 0x30;
    if (c > 9) {
      if (ch == 0x2e && !fraction) {
        fraction = true;
        continue;
      }
      break;
    }
    anyDigit = true;
    if (fraction) exp10--;
    if (count == 0 && c == 0) continue; // leading zero
    if (count < 19) w = w * 10 + c;
    else if (c != 0) nonzeroAfter19 = true;
    if (count < MAX_DIGITS) {
      store<u8>(DIGITS + <usize>count, <u8>c);
      stored++;
    } else if (c != 0) nonzeroAfterStored = true;
    count++;
  }
  if (!anyDigit) return NaN;
  if (p < end && (load<u16>(p) | 0x20) == 0x65) {
    // Exponent: [eE][-+]?\d+, saturated far beyond any finite nonzero result.
    p += 2;
    let expNegative = false;
    if (p < end && (load<u16>(p) == 0x2d || load<u16>(p) == 0x2b)) {
      expNegative = load<u16>(p) == 0x2d;
      p += 2;
    }
    if (p >= end) return NaN;
    let e: i64 = 0;
    for (; p < end; p += 2) {
      const c = <u32>load<u16>(p) - 0x30;
      if (c > 9) return NaN;
      if (e < 10_000_000_000) e = e * 10 + c;
    }
    exp10 += expNegative ? -e : e;
  }
  if (p != end) return NaN;

  const sign = negative ? -1.0 : 1.0;
  if (count == 0) return sign * 0.0;
  const wDigits = count < 19 ? count : 19;
  const q64 = exp10 + (count - wDigits); // value ~ w * 10^q
  if (q64 < -342) return sign * 0.0; // < 10^19 * 10^-343: below half the smallest subnormal
  if (q64 > 308) return sign * Infinity; // >= 10^309
  const q = <i32>q64;

  if (!nonzeroAfter19 && q >= -22 && q <= 22 && w <= <u64>1 << 53) {
    // Clinger: w and 10^|q| are exact doubles, so one correctly rounded operation is the answer.
    const v = <f64>w;
    const scale = load<f64>(EXACT_POWERS_OF_TEN + (<usize>(q < 0 ? -q : q) << 3));
    return sign * (q < 0 ? v / scale : v * scale);
  }

  let bits = eiselLemire(w, q);
  let sure = eiselLemireSure;
  if (nonzeroAfter19 && sure) {
    // The value lies in (w, w + 1) * 10^q: if both ends round alike, so does it.
    sure = eiselLemire(w + 1, q) == bits && eiselLemireSure;
  }
  if (!sure) {
    // Exact comparison. Drop trailing zeros (smaller numbers); a sticky 1 for digits beyond.
    let n = stored;
    let E = exp10 + (count - stored);
    if (nonzeroAfterStored) {
      store<u8>(DIGITS + <usize>n, 1);
      n++;
      E--;
    } else {
      while (load<u8>(DIGITS + <usize>(n - 1)) == 0) {
        n--;
        E++;
      }
    }
    // Start from the rounding of w * 10^q, at most an ulp or so away.
    bits = exactBits(n, <i32>E, bits);
  }
  return sign * reinterpret<f64>(bits);
}
