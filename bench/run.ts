// The benchmark suite: `npm run bench` (build, package, then this file).
//
//   tsx bench/run.ts                 full run: writes results.json, results.md, results.svg to bench/out/
//   tsx bench/run.ts --write         full run that rewrites the committed figures: bench/results.json,
//                                    results.md, results.svg and the README's performance section
//   tsx bench/run.ts --quick         CI-sized run (~15 s after the build): writes to bench/out/
//   tsx bench/run.ts --smoke         the smallest run through every section (the smoke test's)
//   --out <dir>                      write the three files there instead
//
// bench/out/ is git-ignored, so a run leaves the working tree as it was unless asked to --write.
// Sections run one after another, never in parallel (the machine may have 2 cores): kernels (JS vs
// Wasm), the talk's naive loop, the native C reference, the search targets, the talk's workloads
// through the Lambda and Azure entry points, adapter overhead, cold start, the Workers budget's CPU
// time, the Lambda bundle under a Lambda size's CPU and memory limits (duration and price), the first
// search after a cold start, the polygon kernels, throughput, footprint.
// The shape of results.json is documented in bench/results.ts.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../scripts/bundle.ts';
import { benchBaseline, type BaselineSection } from './baseline.ts';
import { renderChart } from './chart.ts';
import { benchColdStart } from './cold-start.ts';
import { CONFIGS, WORKLOADS, type BenchConfig, type Mode } from './config.ts';
import { benchFirstSearch } from './first-search.ts';
import { benchFootprint } from './footprint.ts';
import { benchGeometry } from './geometry.ts';
import { benchKernels, type KernelsSection } from './kernels.ts';
import { benchLambdaCost } from './lambda-cost.ts';
import { describeMachine, machineLine } from './machine.ts';
import { benchNative, type NativeSection } from './native.ts';
import { benchOverhead } from './overhead.ts';
import { withNativeBuild, type NativeBuild } from './palindromes-targets.ts';
import { snapshotDeployed, type Deployed } from './processes.ts';
import { withReadmeSection } from './readme.ts';
import { renderMarkdown } from './report.ts';
import type { PalindromeSummary, Results } from './results.ts';
import { benchTalkWorkloads, PUBLISHED, TALK_SOURCE } from './talk.ts';
import { benchTargets } from './targets.ts';
import { benchThroughput, serversRss } from './throughput.ts';
import { benchWorkersBudget } from './workers-budget.ts';

/** What a run needs that `npm run bench` builds first. */
const PREREQUISITES = [
  'build/polyfn.wasm',
  'build/cli.mjs',
  'dist/lambda/index.mjs',
  'dist/azure-functions/index.js',
  'dist/azure-custom-handler/custom-handler.mjs',
  'dist/openfaas/server.mjs',
  'dist/cloudflare/worker.mjs',
  'dist/deno/main.mjs',
  'dist/bun/server.mjs',
  'dist/gcp/index.mjs',
  'dist/netlify/netlify/functions/polyfn.mjs',
  'dist/vercel/api/polyfn.mjs',
];

/** Where a run writes: bench/out/ unless --out names a folder, or --write the committed figures (full runs only). */
export function parseArgs(args: string[]): { mode: Mode; out: string; write: boolean } {
  const mode: Mode = args.includes('--smoke') ? 'smoke' : args.includes('--quick') ? 'quick' : 'full';
  const write = args.includes('--write');
  const at = args.indexOf('--out');
  if (at >= 0 && !args[at + 1]) throw new Error('--out needs a directory');
  if (write && mode !== 'full') throw new Error(`--write rewrites the figures the README quotes, which come from a full run: drop --${mode}`);
  if (write && at >= 0) throw new Error('--write writes to bench/ and the README: drop --out');
  const out = at >= 0 ? args[at + 1]! : join(root, write ? 'bench' : 'bench/out');
  return { mode, out, write };
}

/** The headline table: each workload's figures from the kernels, native and baseline sections. */
function summarize(kernels: KernelsSection, native: NativeSection, baseline: BaselineSection): Record<string, PalindromeSummary> {
  const palindromes: Record<string, PalindromeSummary> = {};
  for (const w of WORKLOADS) {
    const { wasm, js, jsOverWasm } = kernels.palindromes[w.id]!;
    const nativeRow = native.rows[w.id];
    const naive = baseline.rows[w.id]!;
    palindromes[w.id] = {
      min: w.min,
      max: w.max,
      wasmMs: wasm.medianMs,
      jsMs: js.medianMs,
      nativeMs: nativeRow?.fastMs ?? null,
      nativePrunedMs: nativeRow?.prunedMs ?? null,
      naiveMs: naive.naiveMs,
      naiveExtrapolated: naive.extrapolated,
      jsOverWasm,
      wasmOverNative: nativeRow ? wasm.medianMs / nativeRow.fastMs : null,
      jsOverNative: nativeRow ? js.medianMs / nativeRow.fastMs : null,
      naiveOverWasm: naive.wasmSpeedup,
    };
  }
  return palindromes;
}

/**
 * Every section, one after another; processes run the `deployed` copy of build/ and dist/, and the
 * native and targets sections the `native` build of the C reference (null: no C compiler).
 */
async function runSuite(config: BenchConfig, deployed: Deployed, native: NativeBuild | null): Promise<Results> {
  const machine = describeMachine();
  const loadAtStart = loadavg()[0]!;
  const started = performance.now();
  const step = <T>(name: string, run: () => T): T => {
    process.stderr.write(`bench (${config.mode}): ${name} [${((performance.now() - started) / 1000).toFixed(1)} s]\n`);
    return run();
  };
  process.stderr.write(`bench (${config.mode}) on ${machineLine(machine)}\n`);

  const kernels = await step('kernels, Wasm vs JS', () => benchKernels(config));
  const baseline = await step("the talk's naive loop", () => benchBaseline(config, kernels));
  const nativeSection = step('native reference (cc -O2)', () => benchNative(config, native));
  if (!native) process.stderr.write(`bench: ${nativeSection.note}\n`);
  const targets = step('the search targets', () => benchTargets(config, native?.binary ?? null));
  const talkOurs = await step("the talk's workloads through the Lambda and Azure handlers", () => benchTalkWorkloads(config));
  const overhead = await step('adapter overhead', () => benchOverhead(config));
  const coldStart = await step('cold start', () => benchColdStart(config, deployed));
  const workersBudget = await step('Cloudflare Workers: CPU time at the packaged budget (workerd)', () => benchWorkersBudget(config, deployed));
  const lambdaCost = await step('Lambda emulated by CPU and memory limits: duration and price', () => benchLambdaCost(config, deployed, baseline));
  if (lambdaCost.skipped) process.stderr.write(`bench: Lambda emulation ${lambdaCost.skipped}\n`);
  const firstSearch = await step('first 9-digit search after a cold start', () => benchFirstSearch(config, deployed));
  const geometry = await step('polygon kernels: contains and polygon, engines, API, Lambda', () => benchGeometry(config, deployed, native));
  const throughput = await step('throughput (autocannon)', () => benchThroughput(config, deployed));
  const footprint = await step('footprint', () => benchFootprint(config, deployed, serversRss(throughput)));
  return {
    schema: 1,
    mode: config.mode,
    generatedAt: new Date().toISOString(),
    runSeconds: Math.round((performance.now() - started) / 100) / 10,
    machine,
    loadAverage: { start: loadAtStart, end: loadavg()[0]! },
    palindromes: summarize(kernels, nativeSection, baseline),
    kernels,
    native: nativeSection,
    baseline,
    coldStart,
    workersBudget,
    lambdaCost,
    firstSearch,
    overhead,
    footprint,
    throughput,
    targets,
    talk: {
      source: TALK_SOURCE,
      caveat: "the talk's figures were taken on AWS Lambda (128 MB) and Azure Functions; ours on the machine above, in process",
      published: PUBLISHED,
      ours: talkOurs,
    },
    geometry,
  };
}

async function main(): Promise<void> {
  const { mode, out, write } = parseArgs(process.argv.slice(2));
  const missing = PREREQUISITES.filter((path) => !existsSync(join(root, path)));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run \`npm run bench\`, which builds and packages first`);
  // Taken before anything runs: other work on this tree (tests) may package dist/ afresh meanwhile.
  const deployed = snapshotDeployed();
  try {
    // The C reference is compiled once, for the native and the targets sections.
    const results = await withNativeBuild((native) => runSuite(CONFIGS[mode], deployed, native));
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(out, 'results.md'), renderMarkdown(results));
    writeFileSync(join(out, 'results.svg'), renderChart(results));
    // The committed results are what the README quotes: keep them in step.
    if (write) {
      const readme = join(root, 'README.md');
      writeFileSync(readme, withReadmeSection(readFileSync(readme, 'utf8'), results));
    }
    const where = relative(process.cwd(), out) || '.';
    const readmeToo = write ? " and the README's performance section" : ' (`npm run bench -- --write` rewrites the committed ones and the README)';
    process.stderr.write(`bench (${mode}): done in ${results.runSeconds} s; wrote results.json, results.md, results.svg to ${where}${readmeToo}\n`);
  } finally {
    deployed.remove();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) await main();
