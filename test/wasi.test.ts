// The standalone WASI build: the same JSON as the Node CLI, under node:wasi and under wasmtime.
import fc from 'fast-check';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { circle, DEFAULT_BUDGET, FACTOR_MAX, palindromeResultToJSON, palindromes, RADIUS_MAX } from '../src/core/index.ts';
import { wasiWasm } from '../src/core/wasm-bytes.ts';
import { polyfn, root } from './support/run.ts';
import { wasmtime } from './support/wasmtime.ts';

const wasiFile = join(root, 'build/polyfn-wasi.wasm');
const compiled = new WebAssembly.Module(wasiWasm());
const scratch = mkdtempSync(join(tmpdir(), 'polyfn-wasi-'));

/** Runs the WASI command in this process (node:wasi), with stdout and stderr captured in files. */
function wasiRun(args: string[]): { code: number; stdout: string; stderr: string } {
  const out = join(scratch, 'out'), err = join(scratch, 'err');
  const stdout = openSync(out, 'w'), stderr = openSync(err, 'w');
  try {
    const wasi = new WASI({ version: 'preview1', args: ['polyfn-wasi', ...args], env: {}, stdout, stderr, returnOnExit: true });
    const code = wasi.start(new WebAssembly.Instance(compiled, wasi.getImportObject() as WebAssembly.Imports));
    return { code, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
  } finally {
    closeSync(stdout);
    closeSync(stderr);
  }
}

const palindromeLine = (min: number, max: number) => `${JSON.stringify(palindromeResultToJSON(palindromes(min, max)))}\n`;
const circleLine = (radius: number) => `${JSON.stringify(circle(radius))}\n`;

test('npx polyfn wasi: the issue example, end to end', async () => {
  const ran = await polyfn('wasi', 'palindromes', '10', '99');
  assert.is(ran.code, 0, ran.stderr);
  assert.is(ran.stdout, '{"smallest":{"value":121,"factors":[[11,11]]},"largest":{"value":9009,"factors":[[91,99]]}}\n');
  assert.is(ran.stderr, '', 'no experimental-feature warning or other noise');
  const circled = await polyfn('wasi', 'circle', '2');
  assert.is(circled.stdout, '{"radius":2,"area":12.566370614359172,"circumference":12.566370614359172}\n');
});

test('palindromes: same bytes as the Node API on random ranges', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 400 }), (min, width) => {
      const max = min + width;
      assert.is(wasiRun(['palindromes', String(min), String(max)]).stdout, palindromeLine(min, max));
    }),
    { numRuns: 150 },
  );
});

test('palindromes: values past 2^53 print as decimal strings, as in the API', () => {
  const min = 999_999_000, max = FACTOR_MAX;
  const ran = wasiRun(['palindromes', String(min), String(max)]);
  assert.is(ran.code, 0, ran.stderr);
  assert.is(ran.stdout, palindromeLine(min, max));
});

test('circle: same text as JavaScript for any radius (shortest round-trip digits)', () => {
  const radius = fc.oneof(fc.double({ min: 0, max: RADIUS_MAX, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }));
  fc.assert(
    fc.property(radius, (r) => {
      assert.is(wasiRun(['circle', String(r)]).stdout, circleLine(r));
    }),
    { numRuns: 400 },
  );
  for (const text of ['2.50', '1e3', '.5', '0', '-0', '1e-320', '0.1']) assert.is(wasiRun(['circle', text]).stdout, circleLine(Number(text)), text);
});

test('errors: the same one-line messages as the Node API, exit 1; usage exit 2', () => {
  const errors: Array<[string[], string]> = [
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
  for (const [args, message] of errors) {
    const ran = wasiRun(args);
    assert.is(ran.code, 1, args.join(' '));
    assert.is(ran.stderr, `polyfn: ${message}\n`, args.join(' '));
    assert.is(ran.stdout, '', args.join(' '));
  }
  const usage = wasiRun(['nonsense']);
  assert.is(usage.code, 2);
  assert.ok(usage.stderr.includes(`default budget: ${DEFAULT_BUDGET}`), 'the WASI default budget is the core default');
});

test('a second runtime (wasmtime) runs the same file with the same output', async () => {
  const checks: Array<[string[], string]> = [
    [['palindromes', '10', '99'], palindromeLine(10, 99)],
    [['palindromes', '100', '999'], palindromeLine(100, 999)],
    [['circle', '2'], circleLine(2)],
    [['circle', '0.1'], circleLine(0.1)],
  ];
  for (const [args, expected] of checks) {
    const ran = await wasmtime(wasiFile, args);
    assert.is(ran.code, 0, ran.stderr);
    assert.is(ran.stdout, expected, args.join(' '));
  }
  const failed = await wasmtime(wasiFile, ['palindromes', '99', '10']);
  assert.is(failed.code, 1);
  assert.is(failed.stderr, 'polyfn: min must be <= max\n');
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));
test.run();
