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
import {
  circle,
  containsKernel,
  COORDINATE_MAX,
  DEFAULT_BUDGET,
  FACTOR_MAX,
  integer,
  MAX_POINTS,
  MAX_VERTICES,
  palindromeResultToJSON,
  palindromes,
  polygonKernel,
  RADIUS_MAX,
  runKernel,
  type AnyKernel,
  type Param,
} from '../src/index.ts';
import { polyfn, root, run, polyfnBin } from './support/run.ts';
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
  [['palindromes', '0', '10', '0'], 'min must be >= 1'],
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

underBun("Bun: circle text is JavaScript's for any radius (shortest round-trip digits)", async () => {
  const radius = fc.oneof(fc.double({ min: 0, max: RADIUS_MAX, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }));
  const texts = fc.sample(radius, { numRuns: 400, seed: 11 }).map(String);
  texts.push('2.50', '1e3', '.5', '0', '-0', '1e-320', '0.1', '2');
  const results = await bun(texts.map((text) => ['circle', text]));
  results.forEach((ran, i) => {
    assert.is(ran.stdout, circleLine(Number(texts[i])), texts[i]);
  });
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

// ---- polygon and contains: JSON arguments -------------------------------------------------------

/**
 * What the Node CLI prints for a kernel whose parameters are JSON arguments: each parameter's JSON
 * parsed and read in order, then the budget's text, then the call (src/core checks the domain and
 * the budget). One line: the answer, or "polyfn: <message>".
 */
function nodeLine(kernel: AnyKernel, texts: string[], budget?: string): string {
  try {
    const input: Record<string, unknown> = {};
    Object.entries(kernel.params as Record<string, Param>).forEach(([name, param], i) => {
      let value: unknown;
      try {
        value = JSON.parse(texts[i]!);
      } catch {
        throw new Error(`${name} must be JSON (${param.kind})`);
      }
      input[name] = param.fromJson(value, name);
    });
    const steps = budget === undefined ? undefined : integer.fromText!(budget, 'budget');
    return `${JSON.stringify(kernel.toJSON(runKernel(kernel, input, { budget: steps })))}\n`;
  } catch (error) {
    return `polyfn: ${(error as Error).message}\n`;
  }
}

const pairs = (values: ReadonlyArray<readonly [number, number]>) => JSON.stringify(values);
const coordinate = fc.oneof(
  fc.double({ min: -COORDINATE_MAX, max: COORDINATE_MAX, noNaN: true }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.integer({ min: -9, max: 9 }),
);
const somePoints = (min: number, max: number) => fc.array(fc.tuple(coordinate, coordinate), { minLength: min, maxLength: max });

test('node:wasi: polygon and contains print what the Node CLI prints; "-" reads a batch too large for an argument from stdin', async () => {
  const zone = '[[0,0],[4,0],[4,3],[0,3]]';
  for (const [command, args] of [
    ['polygon', [zone]],
    ['contains', [zone, '[[1,1],[5,1],[4,3],[2,0]]']],
  ] as const) {
    const cli = await polyfn(command, ...(command === 'polygon' ? ['--vertices', args[0]] : ['--polygon', args[0], '--points', args[1]!]));
    const wasi = await polyfn('wasi', command, ...args);
    assert.equal([wasi.code, wasi.stdout, wasi.stderr], [0, cli.stdout, ''], command);
  }
  const batch = Array.from({ length: 20_000 }, (_, i): [number, number] => [((i * 7919) % 997) / 199, ((i * 104729) % 991) / 247]);
  const fromStdin = await run(process.execPath, [polyfnBin, 'wasi', 'contains', zone, '-'], { input: pairs(batch) });
  assert.is(fromStdin.code, 0, fromStdin.stderr);
  assert.is(fromStdin.stdout, nodeLine(containsKernel, [zone, pairs(batch)]));
});

underBun("Bun: polygon and contains give the Node API's answers, byte for byte, on random input", async () => {
  const polygons = fc.sample(somePoints(3, 40), { numRuns: 150, seed: 15 }).map(pairs);
  const batches = fc.sample(fc.tuple(somePoints(3, 30), somePoints(1, 80)), { numRuns: 100, seed: 16 }).map(([p, q]) => [pairs(p), pairs(q)]);
  // Boundary points on an integer polygon, and a batch past one chunk of the kernel's point buffer.
  batches.push(['[[0,0],[4,0],[4,4],[0,4]]', '[[0,0],[2,0],[4,2],[4,4],[2,4],[0,2],[2,2],[5,2],[2,-1]]']);
  batches.push(['[[0,0],[4,0],[4,4],[0,4]]', pairs(Array.from({ length: 9000 }, (_, i) => [(i % 97) / 19 - 0.5, (i % 89) / 17 - 0.5]))]);
  const results = await bun([...polygons.map((p) => ['polygon', p]), ...batches.map(([p, q]) => ['contains', p!, q!])]);
  polygons.forEach((p, i) => {
    assert.is(results[i]!.stdout, nodeLine(polygonKernel, [p]), p);
  });
  batches.forEach(([p, q], i) => {
    assert.is(results[polygons.length + i]!.stdout, nodeLine(containsKernel, [p!, q!]), `${p} ${q?.slice(0, 100)}`);
  });
});

const POINT_ERRORS: Array<[string, string[]]> = [
  ['polygon', ['[[0,0],[1,1]]']],
  ['polygon', ['[]']],
  ['polygon', ['{"vertices":[[0,0],[1,0],[0,1]]}']],
  ['polygon', ['"[[0,0],[1,0],[0,1]]"']],
  ['polygon', ['null']],
  ['polygon', ['true']],
  ['polygon', ['12']],
  ['polygon', ['[[0,0],[1,0],[0,1,2]]']],
  ['polygon', ['[[0,0],[1,0],[0,"1"]]']],
  ['polygon', ['[[0,0],[1,0],[[0],1]]']],
  ['polygon', ['[[0,0],[1,0],[0,1e400]]']],
  ['polygon', [`[[0,0],[1,0],[0,${COORDINATE_MAX}],[1,1.0000000000000002e100]]`]],
  ['polygon', ['[[0,0],[1,0],[0,1]']],
  ['polygon', ['[[0,0],[1,0],[0,01]]']],
  ['polygon', ['[[0,0],[1,0],[0,.5]]']],
  ['polygon', ['\uFEFF[[0,0],[1,0],[0,1]]']],
  ['polygon', [' [ [0 ,0] , [1,0],[0,1], {"a":[1,{"b":"\\u00e9\\n"}]}] ']],
  ['polygon', [`[${'['.repeat(10_000)}${']'.repeat(10_000)},[1,1],[2,2]]`]],
  ['polygon', [`[${'[0,0],'.repeat(MAX_VERTICES)}[0,0]]`]],
  ['contains', ['[[0,0],[1,0]]', '[[0,0]]']],
  ['contains', ['[[0,0],[1,0],[0,1]]', '[]']],
  ['contains', ['[[0,0],[1,0],[0,1]]', 'nope']],
  ['contains', ['[[0,0],[1,0],[0,1e400]]', '[[0,"x"]]']],
  ['contains', ['[[0,0],[1,0],[0,1e400]]', '[[0,1e400]]']],
  ['contains', ['[[0,0],[1,0],[0,1]]', '[[0,0],[1,-1e400]]']],
  ['contains', ['[[0,0],[1,0],[0,1]]', '[[0,0]]', 'x']],
  ['contains', ['[[0,0],[1,0],[0,1]]', '[[0,0]]', '0']],
  ['contains', ['[[0,0],[1,0],[0,1]]', '[[0,0],[1,1]]', '2']],
  ['contains', ['[[0,0],[1,0],[0,1]]', `[${'[0,0],'.repeat(MAX_POINTS)}[0,0]]`]],
  ['contains', [`[${'[0,0],'.repeat(MAX_VERTICES - 1)}[1,1]]`, `[${'[0,0],'.repeat(2400)}[0,0]]`]],
];

underBun("Bun: polygon and contains refuse bad input with the Node CLI's messages, in its order", async () => {
  const texts = fc.sample(
    fc.oneof(
      fc.json(),
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify([[0, 0], [1, 0], v])),
    ),
    { numRuns: 150, seed: 17 },
  );
  const cases: Array<[string, string[]]> = [...POINT_ERRORS, ...texts.map((text): [string, string[]] => ['polygon', [text]])];
  const results = await bun(cases.map(([command, args]) => [command, ...args]));
  cases.forEach(([command, [first, second, budget]], i) => {
    const expected = nodeLine(command === 'polygon' ? polygonKernel : containsKernel, second === undefined ? [first!] : [first!, second], budget);
    const got = results[i]!;
    const where = `${command} ${first!.slice(0, 80)} ${second?.slice(0, 80) ?? ''} ${budget ?? ''}`;
    if (expected.startsWith('polyfn: ')) assert.equal([got.code, got.stdout, got.stderr], [1, '', expected], where);
    else assert.equal([got.code, got.stdout], [0, expected], where);
  });
  // The limits the WASI command mirrors are the core's.
  assert.ok(results.some((r) => r.stderr === `polyfn: vertices must have at most ${MAX_VERTICES} points\n`));
  assert.ok(results.some((r) => r.stderr === `polyfn: points must have at most ${MAX_POINTS} points\n`));
  assert.ok(results.some((r) => r.stderr.includes(`more than the budget of ${DEFAULT_BUDGET}`)));
});

test.run();
