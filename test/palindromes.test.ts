// Palindrome products: the exercism cases, known answers for n-digit factors (values past 2^53
// included), and properties: Wasm == JS == brute force on small ranges, == the pruned search on
// mid-size ones, Wasm == JS (results and step counts) across the whole domain, budgets and deadlines.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ENGINES, FACTOR_MAX, palindromes, PolyfnError, type FactorPair, type PalindromeOutcome, type PalindromeResult, type Work } from '../src/index.ts';
import { cornerQuotient, fastRunStates, isSmallSquare, quadPast2p53, quotientOf, type WalkState } from '../src/core/js/palindromes.ts';
import { engines } from '../src/core/kernels/palindromes.ts';
import { bigSqrt, bruteForce, factorPairs, pruned, quadReference } from './support/reference-palindromes.ts';
import { assertProperty } from './support/properties.ts';
import { assertThrows } from './support/throws.ts';

const UNLIMITED: Work = { budget: Number.MAX_SAFE_INTEGER, deadlineNs: 0n };

/** Runs both engines, asserts identical outcomes (status, steps, values, pairs) and returns it. */
function both(min: number, max: number, work: Work = UNLIMITED): PalindromeOutcome {
  const fromWasm = engines.wasm(min, max, work);
  const fromJs = engines.js(min, max, work);
  assert.equal(fromJs, fromWasm, `[${min}, ${max}] budget ${work.budget}: JS and Wasm differ`);
  return fromWasm;
}

function resultOf(min: number, max: number): PalindromeResult {
  const outcome = both(min, max);
  if (outcome.status !== 'ok') throw new Error(`[${min}, ${max}] stopped: ${outcome.status}`);
  return outcome.result;
}

function isPalindrome(value: bigint): boolean {
  const text = value.toString();
  return text === [...text].reverse().join('');
}

// ---- the exercism cases (canonical data of the palindrome-products exercise) ----

type End = 'smallest' | 'largest';
const exercism: [string, number, number, End, number | null, FactorPair[]][] = [
  ['smallest from single digit factors', 1, 9, 'smallest', 1, [[1, 1]]],
  [
    'largest from single digit factors',
    1,
    9,
    'largest',
    9,
    [
      [1, 9],
      [3, 3],
    ],
  ],
  ['smallest from double digit factors', 10, 99, 'smallest', 121, [[11, 11]]],
  ['largest from double digit factors', 10, 99, 'largest', 9009, [[91, 99]]],
  ['smallest from triple digit factors', 100, 999, 'smallest', 10201, [[101, 101]]],
  ['largest from triple digit factors', 100, 999, 'largest', 906609, [[913, 993]]],
  ['smallest from four digit factors', 1000, 9999, 'smallest', 1002001, [[1001, 1001]]],
  ['largest from four digit factors', 1000, 9999, 'largest', 99000099, [[9901, 9999]]],
  ['empty result for smallest if no palindrome in the range', 1002, 1003, 'smallest', null, []],
  ['empty result for largest if no palindrome in the range', 15, 15, 'largest', null, []],
  ['smallest product does not use the smallest factor', 3215, 4000, 'smallest', 10988901, [[3297, 3333]]],
];

test('exercism cases, both engines', () => {
  for (const [name, min, max, end, value, factors] of exercism) {
    for (const engine of ENGINES) {
      const got = palindromes(min, max, { engine })[end];
      assert.equal(got, { value: value === null ? null : BigInt(value), factors }, `${name} (${engine})`);
    }
  }
});

test('exercism errors: min above max, both engines', () => {
  for (const [min, max] of [
    [10000, 1],
    [2, 1],
  ] as const) {
    for (const engine of ENGINES) assertThrows(() => palindromes(min, max, { engine }), PolyfnError, 'invalid_argument', 'min must be <= max');
  }
});

// ---- n-digit factors, n = 1..9 ----
// Largest: the published values (OEIS A010779, "largest palindrome that is a product of two n-digit
// numbers"). Smallest, n >= 2: every product of n-digit factors is >= 10^(2n-2); a product with a
// factor 10^(n-1) ends in 0 (never a palindrome), so the least candidate is (10^(n-1) + 1)^2 =
// 10^(2n-2) + 2 * 10^(n-1) + 1, a palindrome, with that single pair. The pairs are checked against
// trial division below, and n <= 4 against the pruned reference.

const nDigit: [number, bigint, FactorPair[], bigint, FactorPair[]][] = [
  [
    1,
    1n,
    [[1, 1]],
    9n,
    [
      [1, 9],
      [3, 3],
    ],
  ],
  [2, 121n, [[11, 11]], 9009n, [[91, 99]]],
  [3, 10201n, [[101, 101]], 906609n, [[913, 993]]],
  [4, 1002001n, [[1001, 1001]], 99000099n, [[9901, 9999]]],
  [5, 100020001n, [[10001, 10001]], 9966006699n, [[99681, 99979]]],
  [6, 10000200001n, [[100001, 100001]], 999000000999n, [[999001, 999999]]],
  [7, 1000002000001n, [[1000001, 1000001]], 99956644665999n, [[9997647, 9998017]]],
  [8, 100000020000001n, [[10000001, 10000001]], 9999000000009999n, [[99990001, 99999999]]],
  [9, 10000000200000001n, [[100000001, 100000001]], 999900665566009999n, [[999920317, 999980347]]],
];

test('n-digit factors, n = 1..9: known answers, both engines, exact past 2^53', () => {
  for (const [n, small, smallPairs, large, largePairs] of nDigit) {
    const min = 10 ** (n - 1);
    const max = 10 ** n - 1;
    // the expectations themselves: palindromes, and exactly the pairs trial division finds
    assert.ok(isPalindrome(small) && isPalindrome(large), `n = ${n}: expected values are palindromes`);
    assert.equal(factorPairs(small, min, max), smallPairs, `n = ${n}: smallest pairs by trial division`);
    assert.equal(factorPairs(large, min, max), largePairs, `n = ${n}: largest pairs by trial division`);
    if (n >= 2) assert.is(small, (10n ** BigInt(n - 1) + 1n) ** 2n);
    const expected = { smallest: { value: small, factors: smallPairs }, largest: { value: large, factors: largePairs } };
    assert.equal(resultOf(min, max), expected, `n = ${n}`);
    if (n <= 4) assert.equal(pruned(min, max), expected, `n = ${n}: pruned reference`);
  }
});

test('the whole domain [1, 999999999] and values around 2^53', () => {
  const all = resultOf(1, FACTOR_MAX);
  assert.equal(all.smallest, { value: 1n, factors: [[1, 1]] });
  assert.equal(all.largest, { value: 999900665566009999n, factors: [[999920317, 999980347]] });
  // max^2 just below / above 2^53 (94906265.6^2): narrow ranges checked against the brute force
  for (const [min, max] of [
    [94906200, 94906265],
    [94906230, 94906290],
    [94906266, 94906330],
  ] as const) {
    assert.equal(resultOf(min, max), bruteForce(min, max), `[${min}, ${max}]`);
  }
});

test('max^2 or min^2 next to a power of 10, against the brute force', () => {
  for (let k = 1; k <= 9; k++) {
    const root = Math.floor(Math.sqrt(10 ** (2 * k - 1))); // odd power: sqrt is irrational
    const ranges: [number, number][] = [
      [root - 30, root],
      [root, root + 30],
      [10 ** k - 40, 10 ** k - 1],
      [Math.max(1, 10 ** (k - 1) - 20), 10 ** (k - 1) + 20],
    ];
    for (const [min, max] of ranges) {
      if (min < 1 || max > FACTOR_MAX) continue;
      assert.equal(resultOf(min, max), bruteForce(min, max), `[${min}, ${max}]`);
    }
  }
});

// ---- properties ----

/** A range [min, max]: max anywhere in [1, maxCap], width up to widthCap. */
function range(maxCap: number, widthCap: number) {
  return fc
    .record({ max: fc.integer({ min: 1, max: maxCap }), width: fc.integer({ min: 1, max: widthCap }) })
    .map(({ max, width }) => [Math.max(1, max - width + 1), max] as const);
}

/** A range over the whole domain with a log-uniform-ish width (1 to 10^9). */
const wideRange = fc
  .record({
    max: fc.integer({ min: 1, max: FACTOR_MAX }),
    digits: fc.integer({ min: 0, max: 8 }),
    mantissa: fc.integer({ min: 1, max: 9 }),
    extra: fc.integer({ min: 0, max: 10 ** 8 }),
  })
  .map(({ max, digits, mantissa, extra }) => {
    const width = mantissa * 10 ** digits + (extra % 10 ** digits);
    return [Math.max(1, max - width + 1), max] as const;
  });

test('property: Wasm == JS == brute force on small ranges (empty ends included)', () => {
  const small = fc.oneof(range(300, 300), range(FACTOR_MAX, 40), range(20_000, 25));
  let empty = 0;
  assertProperty(
    fc.property(small, ([min, max]) => {
      const result = resultOf(min, max);
      if (result.largest.value === null) empty++;
      assert.equal(result, bruteForce(min, max), `[${min}, ${max}]`);
    }),
    // 400 ranges: the brute force is quadratic in the width, so this is the costliest property per
    // run; 400 cover the three shapes (tiny, narrow anywhere, narrow low) with >10 empty ones among them.
    400,
  );
  assert.ok(empty > 10, `the sample holds ranges without palindromes (${empty})`);
});

test('property: Wasm == JS == pruned reference on mid-size ranges', () => {
  assertProperty(
    fc.property(fc.oneof(range(30_000, 30_000), range(3_000, 3_000)), ([min, max]) => {
      assert.equal(resultOf(min, max), pruned(min, max), `[${min}, ${max}]`);
    }),
    // 250 ranges: the pruned reference is slow on 30,000-wide ranges; 250 keep this near a second.
    250,
  );
});

test('property: Wasm == JS across the whole domain (values, pairs and step counts), bounded budget', () => {
  let finished = 0;
  assertProperty(
    fc.property(wideRange, ([min, max]) => {
      const outcome = both(min, max, { budget: 150_000, deadlineNs: 0n });
      if (outcome.status === 'ok') {
        finished++;
        for (const end of [outcome.result.smallest, outcome.result.largest]) {
          if (end.value === null) continue;
          assert.ok(isPalindrome(end.value));
          let previous = 0;
          for (const [a, b] of end.factors) {
            assert.ok(min <= a && a <= b && b <= max && a > previous, `[${min}, ${max}]: pair [${a}, ${b}]`);
            assert.is(BigInt(a) * BigInt(b), end.value);
            previous = a;
          }
        }
      }
    }),
    // 200 ranges: the widest sampler (any width up to 10^9, budget-capped), the one that reaches
    // past 2^53; 200 keep the bounded searches within a few seconds on both engines.
    200,
  );
  assert.ok(finished > 100, `most sampled ranges finish within the budget (${finished} of 200)`);
});

test('property: the budget is exact and engine-independent: S steps finish, S - 1 stop', () => {
  assertProperty(
    fc.property(fc.oneof(range(FACTOR_MAX, 2000), range(100_000, 100_000), wideRange), ([min, max]) => {
      const full = both(min, max, { budget: 400_000, deadlineNs: 0n });
      if (full.status !== 'ok') return;
      assert.ok(full.steps <= 400_000);
      const exactly = both(min, max, { budget: Math.max(1, full.steps), deadlineNs: 0n });
      assert.is(exactly.status, 'ok');
      assert.is(exactly.steps, full.steps);
      if (full.steps > 1) {
        const short = both(min, max, { budget: full.steps - 1, deadlineNs: 0n });
        assert.is(short.status, 'steps');
        assert.ok(short.steps <= full.steps - 1, 'steps never exceed the budget');
      }
    }),
    // 120 ranges, each searched three or four times (full, S, S - 1) on both engines.
    120,
  );
});

test('tiny budgets stop with steps in both engines, never past the budget', () => {
  for (const [min, max] of [
    [1000, 9999],
    [100_000_000, FACTOR_MAX],
    [1, FACTOR_MAX],
    [3215, 4000],
  ] as const) {
    for (let budget = 1; budget <= 6; budget++) {
      const outcome = both(min, max, { budget, deadlineNs: 0n });
      assert.is(outcome.status, 'steps', `[${min}, ${max}] budget ${budget}`);
      assert.ok(outcome.steps <= budget);
    }
  }
});

test('a deadline already passed stops at the first clock check (65,536 steps), both engines', () => {
  for (const search of Object.values(engines)) {
    const started = process.hrtime.bigint();
    const outcome = search(100_000_000, FACTOR_MAX, { budget: Number.MAX_SAFE_INTEGER, deadlineNs: 1n });
    assert.is(outcome.status, 'deadline');
    assert.ok(outcome.steps >= 65_536 && outcome.steps < 2 * 65_536, `stopped after ${outcome.steps} steps`);
    assert.ok(process.hrtime.bigint() - started < 5_000_000_000n);
  }
  // a deadline far ahead changes nothing
  const later = process.hrtime.bigint() + 60_000_000_000n;
  const outcome = both(100_000_000, FACTOR_MAX, { budget: Number.MAX_SAFE_INTEGER, deadlineNs: later });
  assert.is(outcome.status, 'ok');
  assert.equal(outcome, both(100_000_000, FACTOR_MAX));
});

test('step counts are pinned: they are the unit of DEFAULT_BUDGET, and both engines count them alike', () => {
  // [min, max, steps]: n-digit ranges, and the costliest ranges an adversarial search found
  // (hill climbing on the step count, the widest null ranges, max^2 straddling 10^17)
  const pinned: [number, number, number][] = [
    [1000, 9999, 112],
    [10_000_000, 99_999_999, 10_838],
    [100_000_000, FACTOR_MAX, 181_016],
    [566_586_641, 567_849_622, 1_796_865],
    [311_141_770, 311_196_886, 622_124],
    [3_153_275, 335_006_123, 730_881],
    // a random range that once told apart a candidate bound off by one past 2^53 (one step more)
    [68_411_009, 208_684_919, 124_547],
  ];
  for (const [min, max, steps] of pinned) {
    const outcome = both(min, max);
    assert.is(outcome.status, 'ok');
    assert.is(outcome.steps, steps, `[${min}, ${max}]`);
  }
  assert.equal(resultOf(68_411_009, 208_684_919), {
    smallest: { value: 4_680_774_004_770_864n, factors: [[68_411_376, 68_420_989]] },
    largest: { value: 43_541_784_948_714_534n, factors: [[208_650_207, 208_683_162]] },
  });
  const empty = resultOf(311_141_770, 311_196_886);
  assert.equal(empty, { smallest: { value: null, factors: [] }, largest: { value: null, factors: [] } });
});

test('JS quad test once t^2 - 4p passes 2^53 (a path long runs alone reach) agrees with BigInt', () => {
  const case_ = fc.record({
    a: fc.integer({ min: 1, max: 899_999_999 }),
    gap: fc.integer({ min: 100_000_000, max: 999_999_999 }),
    other: fc.bigInt({ min: 10n ** 14n, max: 10n ** 18n - 1n }),
    product: fc.boolean(),
  });
  assertProperty(
    fc.property(case_, ({ a, gap, other, product }) => {
      // p = a * (a + gap): its pair sits at t = 2a + gap, where t^2 - 4p = gap^2 > 2^53; or any p
      const b = Math.min(a + gap, FACTOR_MAX);
      const p = product ? BigInt(a) * BigInt(b) : other;
      const centre = product ? a + b : Number(bigSqrt(4n * p + 2n ** 53n)) + 1001;
      const from = centre - 1000;
      const to = centre + 1000;
      const expected = quadReference(p, from, to);
      const found: number[] = [];
      quadPast2p53(found, from, to, Number(p), Number(BigInt.asIntN(32, p)));
      assert.equal(found, expected);
      if (product) assert.ok(found.includes(a) && found.includes(b), `[${a}, ${b}] found`);
    }),
    // 150 cases of 2,001 BigInt candidates each: ~300,000 reference square roots.
    150,
  );
});

/** The palindrome of length `len` with high half `h`. */
function palindromeOf(len: number, h: number): bigint {
  const high = String(h);
  return BigInt(high + [...high.slice(0, len >> 1)].reverse().join(''));
}

/** Checks a walk state against BigInt: p is the palindrome of (len, h), and T, E, Q, S follow from p. */
function assertWalkState(state: WalkState, max: number, where: string): void {
  const p = palindromeOf(state.len, state.h);
  assert.is(state.p, p, `${where}: p`);
  const T = bigSqrt(4n * p - 1n) + 1n; // ceil(2 sqrt p) = ceil(sqrt 4p)
  assert.is(BigInt(state.twiceRoot), T, `${where}: ceil(2 sqrt p)`);
  assert.is(BigInt(state.excess), T * T - 4n * p, `${where}: T^2 - 4p`);
  const q = (p + BigInt(max) - 1n) / BigInt(max);
  assert.is(BigInt(state.quotient), q, `${where}: ceil(p / max)`);
  assert.is(BigInt(state.shortfall), q * BigInt(max) - p, `${where}: shortfall`);
}

test('JS walk state (T, T^2 - 4p, ceil(p / max), shortfall) is exact: both ends of every length, around 2^53, down and up', () => {
  for (let len = 1; len <= 18; len++) {
    const hMin = 10 ** (((len + 1) >> 1) - 1);
    const hMax = 10 ** ((len + 1) >> 1) - 1;
    const highs = new Set([hMin, hMin + 1, hMax - 1, hMax].filter((h) => h >= hMin && h <= hMax));
    if (len === 16) for (const h of [90_071_992, 90_071_993]) highs.add(h); // p around 2^53 = 9007199254740992
    // max: the least that covers the length (p <= max^2, as in a search), and the largest
    const tight = Math.min(FACTOR_MAX, Number(bigSqrt(palindromeOf(len, hMax) - 1n)) + 1);
    for (const max of new Set([tight, FACTOR_MAX])) {
      for (const h of highs) {
        for (const down of [true, false]) {
          const where = `length ${len}, h ${h}, max ${max}, ${down ? 'down' : 'up'}`;
          const [before, after] = fastRunStates(max, max, len, h, down);
          assertWalkState(before, max, `${where}, set`);
          assertWalkState(after, max, `${where}, after a run of steps`);
        }
      }
    }
  }
});

test('JS floor(p / a) from p read approximately and mod 2^32 agrees with BigInt, at both ends of its domain', () => {
  const TWO_POW_30 = 2 ** 30;
  const check = (p: bigint, a: number, offset: number) => {
    const pA = Number(p) + offset; // the reading is a few hundred off at most
    const got = quotientOf(pA, Number(BigInt.asIntN(32, p)), a);
    assert.is(BigInt(got), p / BigInt(a), `floor(${p} / ${a}), read ${offset} off`);
  };
  const edges: [bigint, number][] = [
    [0n, 1],
    [1n, 1],
    [BigInt(TWO_POW_30 - 1), 1],
    [2n ** 53n - 1n, 8_388_609],
    [2n ** 53n + 1n, 8_388_609],
    [10n ** 18n - 1n, 999_999_999],
    [10n ** 18n - 1n, Math.ceil(1e18 / (TWO_POW_30 - 1))],
    [999_999_999n * 999_999_999n, 999_999_999],
    [999_999_999n * 999_999_999n - 1n, 999_999_999],
  ];
  for (const [p, a] of edges) for (const offset of p < 2n ** 53n ? [0] : [-256, 0, 256]) check(p, a, offset);
  assertProperty(
    fc.property(
      fc.integer({ min: 1, max: FACTOR_MAX }),
      fc.integer({ min: 0, max: TWO_POW_30 - 1 }),
      fc.integer({ min: 0, max: FACTOR_MAX }),
      fc.integer({ min: -256, max: 256 }),
      (a, q, r, offset) => {
        const p = BigInt(a) * BigInt(q) + BigInt(r % a);
        check(p, a, p < 2n ** 53n ? 0 : offset);
      },
    ),
    // 500: cheap (one division each); the edges above pin the domain's ends.
    500,
  );
});

test("JS square test of a discriminant below 2^50 (the walk's screen) agrees with BigInt: squares and their neighbours", () => {
  const TWO_POW_25 = 2 ** 25; // k^2 < 2^50
  const check = (k: number) => {
    const square = BigInt(k) * BigInt(k);
    for (const x of [square - 1n, square, square + 1n, square + BigInt(k), square + 2n * BigInt(k)]) {
      if (x < 0n || x >= 2n ** 50n) continue;
      assert.is(isSmallSquare(Number(x)), bigSqrt(x) ** 2n === x, `${x} (near ${k}^2)`);
    }
  };
  for (const k of [0, 1, 2, 3, 4_096, 94_906_265, TWO_POW_25 - 2, TWO_POW_25 - 1]) if (k < TWO_POW_25) check(k);
  // 2000 draws: cheap (five square tests each); the pinned k above cover the ends of the range.
  assertProperty(fc.property(fc.integer({ min: 0, max: TWO_POW_25 - 1 }), check), 2000);
});

test('JS floor(p / q) near the corner, max - ceil(s / q), agrees with BigInt at the edges of its domain', () => {
  const check = (q: number, s: number, max: number) => {
    const p = BigInt(q) * BigInt(max) - BigInt(s);
    assert.is(BigInt(cornerQuotient(q, s, max)), p / BigInt(q), `q ${q}, s ${s}, max ${max}`);
  };
  for (const max of [1, 2, 999_999_999])
    for (const q of [1, 2, max, 999_999_937, 1_000_000_000]) for (const s of [0, 1, q - 1, q, q + 1, max - 1]) if (s >= 0 && s < max) check(q, s, max);
  assertProperty(
    fc.property(fc.integer({ min: 1, max: FACTOR_MAX }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.nat(), (max, q, s) => check(q, s % max, max)),
    // 2000: cheap checks (a few arithmetic operations); random q, s, max around the pinned edges.
    2000,
  );
});

test('repeated and interleaved calls give the same answers (buffers are reused)', () => {
  const first = resultOf(1, 9);
  const large = resultOf(100_000_000, FACTOR_MAX);
  assert.equal(resultOf(1, 9), first);
  assert.equal(resultOf(100_000_000, FACTOR_MAX), large);
  assert.equal(first.largest.factors, [
    [1, 9],
    [3, 3],
  ]);
});

test.run();
