// The standalone WASI build prints the same JSON as the Node API, under node:wasi and under Bun.
//
// node:wasi runs it as users do, one command per process (`polyfn wasi ...`). The many-input checks
// run under Bun (its own WASI on JavaScriptCore: no V8, no uvwasi), all in one process: Node 20-22
// can crash when one process starts hundreds of node:wasi instances (a GC inside a WASI fast API
// call, nodejs/node#46777; reproduced here on v20.20.2, gone with --no-turbo-fast-api-calls), which
// says nothing about the WASI build itself. Where the bun package has no binary for the platform,
// those checks are skipped with the reason printed.
import fc from 'fast-check';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { circle, DEFAULT_BUDGET, FACTOR_MAX, palindromeResultToJSON, palindromes, RADIUS_MAX } from '../src/index.ts';
import { polyfn, root } from './support/run.ts';
import { bunUnavailable, bunWasi } from './support/bun-wasi.ts';

const wasiFile = join(root, 'build/polyfn-wasi.wasm');
const unavailable = bunUnavailable();
if (unavailable) console.warn(`wasi.test.ts: the Bun checks are skipped: ${unavailable}`);
const underBun = unavailable ? test.skip : test;

/** The command under Bun, once per argument list; it must have run on JavaScriptCore. */
async function bun(argsList: string[][]) {
  const { results, engine } = await bunWasi(wasiFile, argsList);
  assert.is(engine, 'JavaScriptCore', 'Bun ran it, not a V8 runtime');
  assert.is(results.length, argsList.length);
  return results;
}

const palindromeLine = (min: number, max: number) => `${JSON.stringify(palindromeResultToJSON(palindromes(min, max)))}\n`;
const circleLine = (radius: number) => `${JSON.stringify(circle(radius))}\n`;

const ERRORS: Array<[string[], string]> = [
  [['palindromes', '99', '10'], 'min must be <= max'],
  [['palindromes', 'ten', '99'], 'min must be an integer'],
  [['palindromes', '1', '9.5'], 'max must be an integer'],
  [['palindromes', '0', '10'], 'min must be >= 1'],
  [['palindromes', '-3', '10'], 'min must be >= 1'],
  [['palindromes', '1', '1000000000'], `max must be <= ${FACTOR_MAX}`],
  [['palindromes', '1', '99999999999999999999999'], `max must be <= ${FACTOR_MAX}`],
  [['palindromes', '1000', '9999', '3'], 'the search of [1000, 9999] needs more than 3 steps'],
  [['circle', '-1'], 'radius must be >= 0'],
  [['circle', 'abc'], 'radius must be a number'],
  [['circle', '1e999'], 'radius must be a finite number'],
  [['circle', '1e154'], `radius must be <= ${RADIUS_MAX}`],
];

test('node:wasi (npx polyfn wasi): the issue example, a circle, values past 2^53, an error', async () => {
  const ran = await polyfn('wasi', 'palindromes', '10', '99');
  assert.is(ran.code, 0, ran.stderr);
  assert.is(ran.stdout, '{"smallest":{"value":121,"factors":[[11,11]]},"largest":{"value":9009,"factors":[[91,99]]}}\n');
  assert.is(ran.stderr, '', 'no experimental-feature warning or other noise');
  assert.is((await polyfn('wasi', 'circle', '2')).stdout, '{"radius":2,"area":12.566370614359172,"circumference":12.566370614359172}\n');
  assert.is((await polyfn('wasi', 'circle', '0.1')).stdout, circleLine(0.1));
  assert.is((await polyfn('wasi', 'palindromes', '100000000', String(FACTOR_MAX))).stdout, palindromeLine(100_000_000, FACTOR_MAX));
  const failed = await polyfn('wasi', 'palindromes', '99', '10');
  assert.equal([failed.code, failed.stdout, failed.stderr], [1, '', 'polyfn: min must be <= max\n']);
});

underBun('Bun: palindromes print the same bytes as the Node API on random ranges, exact past 2^53', async () => {
  const ranges = fc.sample(fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 400 })), { numRuns: 150, seed: 7 });
  ranges.push([999_999_000, 0], [100_000_000, FACTOR_MAX - 100_000_000], [10_000_000, 89_999_999]);
  const results = await bun(ranges.map(([min, width]) => ['palindromes', String(min), String(min + width)]));
  results.forEach((ran, i) => {
    const [min, width] = ranges[i]!;
    assert.is(ran.stdout, palindromeLine(min, min + width), `[${min}, ${min + width}] ${ran.stderr}`);
  });
});

underBun('Bun: circle text is JavaScript\'s for any radius (shortest round-trip digits)', async () => {
  const radius = fc.oneof(fc.double({ min: 0, max: RADIUS_MAX, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }));
  const texts = fc.sample(radius, { numRuns: 400, seed: 11 }).map(String);
  texts.push('2.50', '1e3', '.5', '0', '-0', '1e-320', '0.1', '2');
  const results = await bun(texts.map((text) => ['circle', text]));
  results.forEach((ran, i) => assert.is(ran.stdout, circleLine(Number(texts[i])), texts[i]));
});

underBun('Bun: the same one-line errors as the Node API, exit 1; usage exit 2 names the default budget', async () => {
  const results = await bun([...ERRORS.map(([args]) => args), ['nonsense']]);
  ERRORS.forEach(([args, message], i) => {
    assert.equal([results[i]!.code, results[i]!.stdout, results[i]!.stderr], [1, '', `polyfn: ${message}\n`], args.join(' '));
  });
  const usage = results[ERRORS.length]!;
  assert.is(usage.code, 2);
  assert.ok(usage.stderr.includes(`default budget: ${DEFAULT_BUDGET}`), 'the WASI default budget is the core default');
});

test.run();
