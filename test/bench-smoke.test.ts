// The benchmark suite end to end, at its smallest: bench/run.ts --smoke (every section, tiny
// samples) into a temporary folder, after packaging dist/ as `npm run bench` does. It checks that
// results.json, results.md and results.svg are written and well-formed; it asserts nothing about
// speed (the figures of a smoke run mean nothing). Takes ~10 s.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BATCH_SIZES, CONFIGS, WORKLOADS } from '../bench/config.ts';
import { COST_WORKLOADS } from '../bench/lambda-cost.ts';
import { LAMBDA_PRICES, pricePerMillion } from '../bench/lambda-pricing.ts';
import { TARGETS, type TargetRow } from '../bench/palindromes-targets.ts';
import { renderReadmeSection, targetsSentence } from '../bench/readme.ts';
import type { Results } from '../bench/results.ts';
import { parseArgs } from '../bench/run.ts';
import { TALK_WORKLOADS } from '../bench/talk.ts';
import { root } from '../scripts/bundle.ts';
import { packageAll } from '../scripts/package.ts';
import { run } from './support/run.ts';

let folder = '';
let results: Results;
let markdown = '';
let svg = '';

test.before(async () => {
  await packageAll();
  folder = await mkdtemp(join(tmpdir(), 'polyfn-bench-'));
  const ran = await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', folder]);
  assert.is(ran.code, 0, ran.stderr);
  results = JSON.parse(await readFile(join(folder, 'results.json'), 'utf8')) as Results;
  markdown = await readFile(join(folder, 'results.md'), 'utf8');
  svg = await readFile(join(folder, 'results.svg'), 'utf8');
});

test.after(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

function positive(value: unknown, where: string): void {
  assert.type(value, 'number', `${where} is a number`);
  assert.ok(Number.isFinite(value) && (value as number) > 0, `${where} = ${String(value)} is finite and positive`);
}

/**
 * Where results.json may hold null, by the types in bench/results.ts and its sections: figures that
 * need a C compiler or /proc, were not run, or were not measured ('*' is any one key).
 */
const MAY_BE_NULL = [
  'palindromes.*.nativeMs',
  'palindromes.*.nativePrunedMs',
  'palindromes.*.wasmOverNative',
  'palindromes.*.jsOverNative',
  'native.compiler',
  'native.rows.*.prunedMs',
  'overhead.*.*.overCore',
  'footprint.rss.*.peakRssMiB',
  'throughput.*.peakRssMiB',
  'targets.rows.*.value',
  'targets.rows.*.met',
  'targets.full.*.nativeMs',
  'targets.random.nativeChecksumMatches',
  'targets.random.js',
  'targets.random.native',
  'lambdaCost.skipped',
  'firstSearch.smallCpuSkipped',
  'lambdaCost.cgroup',
  'lambdaCost.sizes.*.rows.*.cpuMs',
  'lambdaCost.sizes.*.rows.*.perMillionUsd',
  'coldStart.targets.*.cpuMs',
  'coldStart.targets.*.initCpuMs',
  'coldStart.workerd.initCpuMs',
  'coldStart.workerd.evalToFirstAnswerCpuMs',
  'workersBudget.cpuMsPerRequest.*',
  'workersBudget.met',
  'geometry.native.compiler',
  'geometry.contains.*.nativeMs',
  'geometry.contains.*.wasmOverNative',
  'geometry.lambda.skipped',
  'geometry.lambda.rows.*.perMillionUsd',
  'geometry.targets.*.value',
  'geometry.targets.*.met',
].map((pattern) => pattern.split('.'));

function mayBeNull(path: string[]): boolean {
  return MAY_BE_NULL.some((pattern) => pattern.length === path.length && pattern.every((key, i) => key === '*' || key === path[i]));
}

/** JSON.stringify writes NaN and Infinity as null: a null anywhere else is a figure lost. */
function assertNullOnlyWhereAllowed(value: unknown, path: string[] = []): void {
  if (value === null) assert.ok(mayBeNull(path), `results.${path.join('.')} is null`);
  else if (typeof value === 'object') for (const [key, item] of Object.entries(value)) assertNullOnlyWhereAllowed(item, [...path, key]);
}

test('results.json: what ran, where, and null only where a figure may be missing', () => {
  assert.is(results.schema, 1);
  assert.is(results.mode, 'smoke');
  assert.ok(!Number.isNaN(Date.parse(results.generatedAt)));
  for (const key of ['cpu', 'os', 'arch', 'node', 'v8'] as const) assert.ok(results.machine[key].length > 0, `machine.${key}`);
  positive(results.machine.cores, 'machine.cores');
  assertNullOnlyWhereAllowed(results);
});

test('results.json: palindromes on every workload, on both engines, native where a compiler is', () => {
  const hasCompiler = results.native.compiler !== null;
  for (const w of WORKLOADS) {
    const p = results.palindromes[w.id];
    assert.ok(p, `palindromes.${w.id}`);
    for (const key of ['wasmMs', 'jsMs', 'naiveMs', 'jsOverWasm', 'naiveOverWasm'] as const) positive(p![key], `palindromes.${w.id}.${key}`);
    if (hasCompiler) {
      positive(p!.nativeMs, `palindromes.${w.id}.nativeMs`);
      positive(p!.wasmOverNative, `palindromes.${w.id}.wasmOverNative`);
    } else assert.is(p!.nativeMs, null);
    positive(results.kernels.palindromes[w.id]!.wasm.medianMs, `kernels.palindromes.${w.id}.wasm`);
    positive(results.baseline.rows[w.id]!.naiveMs, `baseline.rows.${w.id}`);
  }
  const circleKeys = ['scalar', ...BATCH_SIZES.map((n) => `batch-${n}`), ...BATCH_SIZES.map((n) => `engine-batch-${n}`)];
  assert.equal(Object.keys(results.kernels.circle), circleKeys);
  for (const key of circleKeys)
    for (const engine of ['wasm', 'js'] as const) positive(results.kernels.circle[key]![engine].medianMs, `circle.${key}.${engine}`);
});

test('results.json: cold start, first search, overhead, footprint and throughput for every adapter', () => {
  assert.equal(Object.keys(results.coldStart.targets), [
    'lambda',
    'azure-functions',
    'azure-custom-handler',
    'openfaas',
    'local',
    'netlify',
    'vercel',
    'workerd',
    'deno',
    'bun',
    'gcp',
  ]);
  for (const [id, row] of Object.entries(results.coldStart.targets)) {
    for (const key of ['processStartMs', 'firstCallMs', 'totalMs'] as const) positive(row[key], `coldStart.${id}.${key}`);
  }
  // A difference of two starts (the artifact's less a do-nothing worker's): in one smoke run, noise can make it negative.
  assert.ok(Number.isFinite(results.coldStart.workerd?.evalToFirstAnswerMs), 'coldStart.workerd.evalToFirstAnswerMs');
  assert.is(results.workersBudget?.budget, 300_000, 'the budget dist/cloudflare/wrangler.jsonc ships');
  if (process.platform === 'linux')
    for (const engine of ['wasm', 'js'] as const) positive(results.workersBudget?.cpuMsPerRequest[engine], `workersBudget.${engine}`);
  positive(results.coldStart.wasmInit.compileMs, 'wasmInit.compileMs');
  assert.equal(Object.keys(results.firstSearch.adapters), Object.keys(results.coldStart.targets).slice(0, 5), 'the Node adapters');
  for (const [id, row] of Object.entries(results.firstSearch.adapters)) {
    for (const engine of ['wasm', 'js'] as const) {
      for (const key of ['firstMs', 'warmMs', 'firstOverWarm', 'firstRequestMs'] as const) positive(row[engine][key], `firstSearch.${id}.${engine}.${key}`);
    }
  }
  for (const engine of ['wasm', 'js'] as const) {
    const sides = results.firstSearch.initChoice[engine];
    assert.ok(sides.filter((side) => side.cpu === 'full').length >= 2, `initChoice.${engine}: both sides at one CPU`);
    assert.ok(
      sides.some((side) => side.usedBy !== ''),
      `initChoice.${engine}: a side that ships`,
    );
    for (const side of sides) positive(side.initPlusFirstMs, `initChoice.${engine}: ${side.label}, ${side.cpu} CPU`);
  }
  const split = results.firstSearch.lambdaImport;
  for (const key of ['totalMs', 'loaderMs', 'wasmCompileMs', 'instantiateMs', 'examplesMs'] as const) positive(split[key], `lambdaImport.${key}`);
  for (const route of ['hello', '10-99'] as const) {
    const rows = results.overhead[route];
    for (const id of ['handle', 'lambda-rest-v1', 'lambda-http-v2', 'lambda-alb', 'lambda-direct', 'azure-functions', 'openfaas'] as const) {
      positive(rows[id]?.timing.medianMs, `overhead.${route}.${id}`);
    }
  }
  positive(results.overhead['10-99'].core?.timing.medianMs, 'overhead.10-99.core');
  for (const [path, size] of Object.entries({ ...results.footprint.artifacts, ...results.footprint.wasm })) positive(size.bytes, path);
  // Peak RSS is read from /proc: Linux only.
  if (process.platform === 'linux') positive(results.footprint.rss['lambda']?.peakRssMiB, 'rss.lambda');
  assert.equal(Object.keys(results.throughput), ['local', 'bun', 'deno', 'azure-custom-handler']);
  for (const [id, row] of Object.entries(results.throughput)) {
    positive(row.requestsPerSec, `throughput.${id}.requestsPerSec`);
    // Correctness, not speed: under load every valid request gets its right answer.
    assert.equal([row.errors, row.timeouts, row.non2xx, row.mismatches], [0, 0, 0, 0], `throughput.${id}: errors, timeouts, non-2xx, wrong bodies`);
  }
});

test("results.json: every search target has a row, and the talk's numbers sit beside ours", () => {
  for (const key of Object.keys(TARGETS)) {
    const row = results.targets.rows[key as keyof typeof TARGETS];
    assert.ok(row, `targets.rows.${key}`);
    positive(row.limit, `targets.rows.${key}.limit`);
    if (row.value === null) assert.is(row.met, null, `${key}: unmeasured, so neither met nor missed`);
    else assert.type(row.met, 'boolean');
  }
  positive(results.targets.random.wasm.medianMs, 'targets.random.wasm');
  if (results.native.compiler) positive(results.targets.random.native?.medianMs, 'targets.random.native');
  assert.ok(results.targets.random.wasm.worst.length > 0, 'the slowest ranges');
  for (const platform of ['lambda-128mb', 'azure-functions'] as const) {
    for (const language of ['node', 'rust'] as const) positive(results.talk.published[platform][language].cold.ms, `${platform} ${language} cold`);
  }
  for (const workload of TALK_WORKLOADS) positive(results.talk.ours['lambda-http-v2'].wasm[workload].medianMs, `talk.ours ${workload}`);
});

test('results.json: the Lambda emulation billed and priced at every size the mode runs, or why it did not run', () => {
  const s = results.lambdaCost;
  if (s.skipped) {
    assert.is(s.cgroup, null);
    assert.equal(s.sizes, {}, 'nothing ran');
    return;
  }
  assert.ok(s.cgroup === 'v1' || s.cgroup === 'v2');
  assert.equal(Object.keys(s.sizes), CONFIGS.smoke.lambda.memorySizes.map(String));
  for (const [mb, size] of Object.entries(s.sizes)) {
    for (const key of ['initMs', 'firstRequestMs', 'maxMemoryUsedMiB'] as const) positive(size[key], `lambdaCost.sizes.${mb}.${key}`);
    assert.ok(size.maxMemoryUsedMiB < size.memoryMb, `${mb} MB: the child stayed within its memory (peak ${size.maxMemoryUsedMiB.toFixed(1)} MiB)`);
    const keys = ['hello', ...COST_WORKLOADS.flatMap((w) => [`${w.id} wasm`, `${w.id} js`, `${w.id} naive`])];
    assert.equal(Object.keys(size.rows).sort(), keys.sort(), `${mb} MB: a row per workload and runner`);
    for (const [key, row] of Object.entries(size.rows)) {
      positive(row.durationMs, `${mb} MB ${key}`);
      // Billed as Lambda bills: whole ms, rounded up, at least 1.
      assert.is(row.billedMs, Math.max(1, Math.ceil(row.durationMs)), `${mb} MB ${key} billed`);
      if (row.perMillionUsd) assert.is(row.perMillionUsd.x86, pricePerMillion(size.memoryMb, row.billedMs, 'x86'), `${mb} MB ${key} priced`);
      else assert.ok(row.durationMs > 900_000, `${mb} MB ${key}: unpriced only past Lambda's 15 minutes`);
      if (!row.extrapolated) assert.ok(row.runs > 0, `${mb} MB ${key} was run`);
    }
  }
  // One 128 MB millisecond: the request fee plus 0.125 GB x 0.001 s at the GB-second price.
  assert.ok(Math.abs(pricePerMillion(128, 1, 'x86') - 0.2020833) < 1e-6);
  // The talk's Node 1000-9999 (~70 s at 128 MB) is 8.75 GB-s: about $146 a million on x86.
  const node = s.talk.node.rows['1000-9999'];
  assert.is(node.billedMs, 70_000);
  assert.ok(Math.abs(node.perMillionUsd!.x86 - (0.2 + 8.75 * LAMBDA_PRICES.gbSecondUsd.x86 * 1e6)) < 1e-6);
});

test('results.json: the polygon kernels on every engine and size of the mode, through the API, and on Lambda', () => {
  const g = results.geometry!;
  assert.ok(g, 'a geometry section');
  const { geometry: sizes } = CONFIGS.smoke;
  const expected = sizes.points.flatMap((m) => sizes.vertices.filter((n) => m * n <= sizes.maxTests).map((n) => `${m}x${n}`));
  assert.equal(Object.keys(g.contains), expected);
  for (const [key, row] of Object.entries(g.contains)) {
    for (const figure of ['wasmMs', 'wasmScalarMs', 'jsMs', 'jsOverWasm', 'scalarOverSimd'] as const)
      positive(row[figure], `geometry.contains.${key}.${figure}`);
    if (results.native.compiler && process.arch === 'x64') positive(row.nativeMs, `geometry.contains.${key}.nativeMs`);
    assert.ok(row.inside > 0 && row.inside < row.points, `${key}: points inside and outside`);
  }
  assert.equal(Object.keys(g.polygon), sizes.polygonVertices.map(String));
  assert.equal(Object.keys(g.api), sizes.apiPoints.map(String));
  for (const [key, row] of Object.entries(g.api)) {
    for (const figure of ['jsonReadMs', 'binaryReadMs', 'kernelMs', 'jsonTotalMs', 'binaryTotalMs'] as const)
      positive(row[figure], `geometry.api.${key}.${figure}`);
    assert.ok(row.binaryBytes < row.jsonBytes, `${key}: the binary body is the smaller`);
  }
  for (const [key, ms] of Object.entries(g.cloneMs)) positive(ms, `geometry.cloneMs.${key}`);
  // The target size is not in a smoke run: neither met nor missed.
  assert.equal([g.targets.jsOverWasm.met, g.targets.wasmOverNative.met], [null, null]);
  if (g.lambda.skipped) assert.equal(g.lambda.rows, {});
  else {
    assert.equal(Object.keys(g.lambda.rows).length, 4 * sizes.lambdaPoints.length, 'JSON and binary bodies on both engines');
    for (const [key, row] of Object.entries(g.lambda.rows)) {
      positive(row.durationMs, `geometry.lambda.${key}`);
      assert.is(row.billedMs, Math.max(1, Math.ceil(row.durationMs)), `${key} billed`);
    }
  }
});

test('results.md: the machine and every table', () => {
  assert.ok(markdown.includes(results.machine.cpu), 'names the CPU');
  assert.ok(markdown.includes(results.machine.node), 'names the Node version');
  const headings = [
    '## Palindrome products: Wasm vs JS vs native',
    "## Algorithm vs the talk's baseline",
    '## Circle area and circumference',
    '## Cold start',
    '## First search after a cold start',
    '## Cloudflare Workers: the budget',
    '## Adapter overhead',
    '## Footprint',
    '## Throughput',
    '## The search targets: the palindrome search at the limit',
    '## The "Serverless Rust" talk\'s published numbers beside ours',
    ...(results.lambdaCost.skipped ? [] : ['## AWS Lambda, emulated: duration, billed duration and price']),
    '## Polygon kernels: contains (geofencing) and polygon',
  ];
  for (const heading of headings) {
    const at = markdown.indexOf(`\n${heading}\n`);
    assert.ok(at >= 0, heading);
    const next = markdown.indexOf('\n## ', at + 1);
    assert.match(markdown.slice(at, next < 0 ? undefined : next), /\n\| .+ \|\n\| (---:?|:?---) \|/, `${heading} has a table`);
  }
  for (const w of WORKLOADS) assert.ok(markdown.includes(`| ${w.id}`), `a row for ${w.id}`);
  assert.ok(markdown.includes('~70s') && markdown.includes('~700ms'), "the talk's published figures");
  assert.not.match(markdown, /\bthe seeds\b|\bseeds'|\bissue \d/i, 'words for the team, not for a reader');
});

test('the README sentence on the targets names each one missed or not measured, whatever the run', () => {
  const row = (description: string, value: number | null, met: boolean | null): TargetRow => ({ description, value, limit: 10, unit: 'ms', met });
  assert.is(targetsSentence({ a: row('A', 1, true), b: row('B', 2, true) }), 'The search targets (`bench/results.md`): all 2 met.');
  assert.is(
    targetsSentence({ a: row('A', 1, true), b: row('B', 12, false), c: row('C', null, null) }),
    'The search targets (`bench/results.md`): 1 of 3 met; not met: B, 12.0 ms (target ≤ 10.0 ms); not measured: C.',
  );
  assert.match(renderReadmeSection(results), /The search targets \(`bench\/results\.md`\): (all \d+ met|\d+ of \d+ met; not)/);
});

test('the README says "with no errors" only of throughput runs that had none', () => {
  const clean = structuredClone(results);
  for (const row of Object.values(clean.throughput)) Object.assign(row, { errors: 0, timeouts: 0, non2xx: 0, mismatches: 0 });
  assert.match(renderReadmeSection(clean), /, with no errors\./);
  const faulty = structuredClone(clean);
  faulty.throughput['local']!.timeouts = 2;
  faulty.throughput['local']!.mismatches = 1;
  assert.match(renderReadmeSection(faulty), /, with 3 requests failed, timed out or answered wrongly \(`bench\/results\.md`\)\./);
});

test('npm run bench writes to bench/out/ (git-ignored); only a full run with --write rewrites the committed figures', () => {
  assert.equal(parseArgs([]), { mode: 'full', out: join(root, 'bench/out'), write: false });
  assert.equal(parseArgs(['--quick']), { mode: 'quick', out: join(root, 'bench/out'), write: false });
  assert.equal(parseArgs(['--write']), { mode: 'full', out: join(root, 'bench'), write: true });
  assert.throws(() => parseArgs(['--quick', '--write']), /--write rewrites the figures the README quotes, which come from a full run/);
  assert.throws(() => parseArgs(['--write', '--out', 'x']), /drop --out/);
});

test('results.svg: well-formed, with axes, a legend and every series measured', () => {
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>/);
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  // Every tag closes in order (the chart writes no comments, CDATA or processing instructions).
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)\b[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (closing) assert.is(open.pop(), name, `</${name}> closes the innermost open tag`);
    else open.push(name!);
  }
  assert.equal(open, [], 'every tag closed');
  assert.not.match(svg.replace(/&(amp|lt|gt|quot);/g, ''), /&/, 'no unescaped &');
  for (const series of ['wasm', 'js', 'naive', ...(results.native.compiler ? ['native'] : [])]) {
    const group = new RegExp(`<g class="series" data-series="${series}">([\\s\\S]*?)</g>`).exec(svg);
    assert.ok(group, `series ${series}`);
    assert.ok((group![1]!.match(/<circle /g) ?? []).length > 0, `series ${series} has points`);
  }
  assert.ok(svg.includes('time per search'), 'y axis label');
  assert.ok(svg.includes('factor range'), 'x axis label');
  assert.ok(svg.includes('class="legend"'), 'legend');
});

test.run();
