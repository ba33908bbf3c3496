// The JS engine's exact arithmetic past 2^53, function by function, against BigInt: the quad test
// once t^2 - 4p has passed 2^53 (quadPast2p53) and the divisor test (divisor). Searches reach
// these paths rarely (the cost rule picks the quad test below 2^53 almost always), so a slip in them
// would pass every search-level test; here each branch is met directly, at both ends of its interval.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { divisor, quadPast2p53 } from '../src/core/js/palindromes.ts';
import { bigSqrt, quadReference } from './support/reference-palindromes.ts';

const TWO_POW_53 = 2n ** 53n;

/** p as the search reads it: a double `offset` away (a few hundred at most there), and p mod 2^32. */
function reading(p: bigint, offset = 0): [pA: number, pL: number] {
  return [Number(p) + offset, Number(BigInt.asIntN(32, p))];
}

// Factor pairs whose products pass 2^53, with t = a + b where t^2 - 4p = (b - a)^2 passes it too.
const PAIRS: [number, number][] = [
  [123_456_789, 987_654_321],
  [100_000_007, 999_999_937],
  [3, 999_999_999], // p itself below 2^53: the discriminant alone is past it
  [94_906_267, 999_999_999],
];

test('quad test past 2^53: a pair at t = from, at t = to, and alone in [t, t], same as BigInt', () => {
  for (const [a, b] of PAIRS) {
    const p = BigInt(a) * BigInt(b);
    const t = a + b;
    for (const [from, to] of [
      [t - 1000, t], // the pair is the last candidate
      [t, t + 1000], // the first
      [t, t],
      [t - 1, t - 1], // none
    ] as const) {
      const [pA, pL] = reading(p);
      const found: number[] = [];
      quadPast2p53(found, from, to, pA, pL);
      assert.equal(found, quadReference(p, from, to), `p = ${a} * ${b}, t in [${from}, ${to}]`);
      assert.is(found.includes(a) && found.includes(b), from <= t && t <= to, `p = ${a} * ${b}, t in [${from}, ${to}]: the pair`);
    }
  }
});

test('quad test past 2^53: p read a few hundred off, and p near the top of the domain from where 2^53 is passed', () => {
  const [a, b] = PAIRS[0]!;
  const p = BigInt(a) * BigInt(b);
  for (const offset of [-256, 256]) {
    const [pA, pL] = reading(p, offset);
    const found: number[] = [];
    quadPast2p53(found, a + b - 1000, a + b, pA, pL);
    assert.equal(found, [a, b], `read ${offset} off`);
  }
  // p near the largest product, from the first t where t^2 - 4p passes 2^53
  const top = 999_999_997_000_000_003n;
  const from = Number(bigSqrt(4n * top + TWO_POW_53)) + 1;
  const [pA, pL] = reading(top);
  const found: number[] = [];
  quadPast2p53(found, from, from + 2000, pA, pL);
  assert.equal(found, quadReference(top, from, from + 2000));
});

/** What divisor() must push for p and x, by BigInt: the pair, or nothing; the b side skips a = p / x divisible by 11. */
function divisorReference(p: bigint, x: number, bSide: boolean): number[] {
  if (p % BigInt(x) !== 0n) return [];
  const other = Number(p / BigInt(x));
  if (!bSide) return [x, other];
  return other % 11 === 0 ? [] : [other, x];
}

test('divisor test past 2^53: factors and non-factors, both sides, p read below, at and above its value (r = x, 0, -x)', () => {
  // [p, x]: x divides p, or does not (p + 1, p - 1). The first quotient is read one short (r = x) with
  // p read below its value, one over (r = -x) with p read x above it, else exactly (r = 0). In a
  // search x >= p / 999,999,999 (~9.4e6 past 2^53) and p is read a few hundred off at most, so the
  // quotient is never one over there: the small x below is the only way to meet that branch.
  const cases: [bigint, number][] = [];
  const pairs: [number, number][] = [...PAIRS, [123_456_784, 987_654_321]];
  for (const [a, b] of pairs) {
    const p = BigInt(a) * BigInt(b);
    if (p < TWO_POW_53) continue;
    for (const q of [p, p + 1n, p - 1n]) cases.push([q, a], [q, b]);
  }
  const small = 200;
  const p = (TWO_POW_53 / 200n + 7n) * 200n;
  cases.push([p, small], [p + 1n, small]);
  const remainders = new Set<bigint>();
  for (const [p, x] of cases) {
    for (const offset of [-256, -1, 0, 1, small, 256]) {
      const [pA, pL] = reading(p, offset);
      if (Math.abs(pA - Number(p)) > x) continue; // divisor() takes p read within x
      if (p % BigInt(x) === 0n) remainders.add((p - BigInt(Math.floor(pA / x)) * BigInt(x)) / BigInt(x));
      for (const bSide of [false, true]) {
        const found: number[] = [];
        divisor(found, pA, pL, x, bSide);
        assert.equal(found, divisorReference(p, x, bSide), `p = ${p}, x = ${x}, read ${offset} off, ${bSide ? 'b' : 'a'} side`);
      }
    }
  }
  assert.equal(
    [...remainders].sort((u, v) => Number(u - v)),
    [-1n, 0n, 1n],
    'the quotient read one short, exactly and one over',
  );
});

test('divisor test, b side: a pair whose a is a multiple of 11 is left to the a side', () => {
  const a = 123_456_784; // 11 * 11,223,344
  const b = 987_654_321;
  const [pA, pL] = reading(BigInt(a) * BigInt(b));
  const bSide: number[] = [];
  divisor(bSide, pA, pL, b, true);
  assert.equal(bSide, []);
  const aSide: number[] = [];
  divisor(aSide, pA, pL, a, false);
  assert.equal(aSide, [a, b]);
});

test.run();
