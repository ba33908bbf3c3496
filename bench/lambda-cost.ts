// Section: what polyfn costs on AWS Lambda, and how fast its first request is, emulated here. The
// deployed Lambda bundle runs in a child process held, through control groups (bench/cgroup.ts), to
// the CPU share and memory of a function of each size (a share of one CPU in proportion to memory,
// one full CPU at 1,769 MB). The child imports the bundle, as Lambda's init does, then calls
// handler(event, context) with an HTTP API (payload 2.0) event, timing each call as Lambda times
// Duration: around the handler. The first request is timed apart from the warm ones (median of N).
// The talk's naive loop runs in the same child on the small ranges; beyond, its time is extrapolated
// from the in-process baseline and the CPU budget. Each duration is billed as Lambda bills it
// and priced (bench/lambda-pricing.ts), beside the talk's own Lambda figures priced the same way.
//
// A CFS quota is a budget of CPU time per 100 ms period, not a slower CPU: a call that fits in what
// is left of the budget runs at full speed; one that does not waits for the next period. The child
// spaces its calls so that each starts with budget enough for the previous one, as on a function whose
// requests arrive more slowly than its CPU share can serve them.
import { transform } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../scripts/bundle.ts';
import { LAMBDA_BUNDLE } from '../scripts/package/lambda.ts';
import { httpApiEvent } from '../test/fixtures/lambda/envelopes.ts';
import type { BaselineSection } from './baseline.ts';
import { cgroupSupport, CPU_PERIOD_US, runLimited } from './cgroup.ts';
import { digitsOf, TALK_RANGES, WORKLOADS, type BenchConfig, type Workload } from './config.ts';
import { FULL_VCPU_MB, LAMBDA_PRICES, priced, type Priced } from './lambda-pricing.ts';
import { median } from './palindromes-targets.ts';
import { MARKER, type Deployed } from './processes.ts';
import { PUBLISHED, TALK_WORKLOADS, type TalkWorkload } from './talk.ts';

/** What runs a row: the handler (hello, or a search on one engine), or the talk's naive loop alone. */
export type Runner = 'handler' | 'wasm' | 'js' | 'naive';

export interface EmulatedRow extends Priced {
  workload: string;
  runner: Runner;
  /** The row's first call in the process (ms): for hello, the function's first request after init. */
  firstMs: number;
  /** Median of the warm calls (ms): Lambda's Duration. Scaled, not measured, when `extrapolated`. */
  durationMs: number;
  /** CPU time of a warm call (median, ms); null when extrapolated. */
  cpuMs: number | null;
  /** Warm calls timed (0 when extrapolated). */
  runs: number;
  extrapolated: boolean;
}

export interface EmulatedSize {
  memoryMb: number;
  /** Share of one CPU: memoryMb / 1,769, at most 1. */
  cpuShare: number;
  /** CPU time granted per 100 ms period (µs). */
  quotaUs: number;
  /** Process start to the script's first line: Node's own start. */
  nodeStartMs: number;
  /** Process start to handler ready (Node's start, then the bundle's import): Lambda's Init Duration. */
  initMs: number;
  /** Init plus the first call (hello): spawn to the first answer, Lambda's platform time aside. */
  firstRequestMs: number;
  /** Peak resident memory of the child (Lambda's "Max Memory Used"). */
  maxMemoryUsedMiB: number;
  /** Keyed 'hello', then '<workload> <wasm | js | naive>'. */
  rows: Record<string, EmulatedRow>;
}

export interface TalkRow extends Priced {
  /** As printed in the talk, e.g. '~500ms'. */
  text: string;
}

export interface LambdaCostSection {
  /** Why nothing ran (no writable control groups), else null. */
  skipped: string | null;
  /** Which control groups held the children: 'v1', 'v2', or null when none could. */
  cgroup: 'v1' | 'v2' | null;
  periodUs: number;
  fullVcpuMb: number;
  /** The function timeout the children's contexts count down from (the deploy templates'). */
  timeoutMs: number;
  prices: typeof LAMBDA_PRICES;
  /** Keyed by memory size in MB: '128', '1024', '1769'. */
  sizes: Record<string, EmulatedSize>;
  /** The talk's Lambda (128 MB) figures, billed and priced at 128 MB. */
  talk: Record<'node' | 'rust', { cold: string; rows: Record<TalkWorkload, TalkRow> }>;
  /** How the naive rows beyond the measured ranges were obtained. */
  naiveMethod: string;
}

/** The deploy templates' timeout (deploy/aws): under the HTTP API's 30 s integration limit. */
const TIMEOUT_MS = 29_000;

/** A child that has not finished by then is stuck, not slow (a full run's 128 MB child takes ~10 s). */
const CHILD_TIMEOUT_MS = 300_000;

/** The naive loop runs here up to 3-digit factors (4 would take ~25 s at 128 MB); beyond, it is extrapolated. */
const NAIVE_MAX_DIGITS = 3;

/** The rows' workloads: the talk's ranges, then the largest. */
export const COST_WORKLOADS: readonly Workload[] = [...TALK_RANGES, WORKLOADS.find((w) => w.id === '9-digit')!];

/** The reference for the naive rows extrapolated beyond it. */
const NAIVE_LARGEST_MEASURED = COST_WORKLOADS.filter((w) => digitsOf(w) <= NAIVE_MAX_DIGITS).at(-1)!;

export interface RowPlan {
  key: string;
  workload: string;
  runner: Runner;
  /** Handler rows: the event. */
  event?: unknown;
  /** Naive rows: the range. */
  range?: [number, number];
}

function plan(): RowPlan[] {
  const rows: RowPlan[] = [{ key: 'hello', workload: 'hello', runner: 'handler', event: httpApiEvent({ method: 'GET', path: '/api/hello' }) }];
  for (const w of COST_WORKLOADS) {
    for (const engine of ['wasm', 'js'] as const) {
      const query = { min: [String(w.min)], max: [String(w.max)], engine: [engine] };
      rows.push({ key: `${w.id} ${engine}`, workload: w.id, runner: engine, event: httpApiEvent({ method: 'GET', path: '/api/palindromes', query }) });
    }
    if (digitsOf(w) <= NAIVE_MAX_DIGITS) rows.push({ key: `${w.id} naive`, workload: w.id, runner: 'naive', range: [w.min, w.max] });
  }
  return rows;
}

interface ChildRow {
  firstMs: number;
  warm: { ms: number; cpuMs: number }[];
}

export interface ChildFigures {
  nodeStartMs: number;
  initMs: number;
  maxRssKiB: number;
  rows: Record<string, ChildRow>;
}

/**
 * The child, an ES module run by `node -e`: the naive loop comes in as a data: URL (esbuild's
 * JavaScript of bench/baselines/naive.ts), imported only after the first request so that init and
 * the first call are the bundle's alone.
 */
function childScript(bundle: string, naiveModule: string, rowsFile: string, memoryMb: number, cpuShare: number, config: BenchConfig): string {
  const budgetMs = (cpuShare * CPU_PERIOD_US) / 1000;
  return `const nodeStartMs = performance.now();
const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const initMs = performance.now();
const rows = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(rowsFile)}, 'utf8'));
const periodMs = ${CPU_PERIOD_US / 1000}, budgetMs = ${budgetMs}, throttled = ${cpuShare < 1};
const cpuNowMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let sincePauseMs = cpuNowMs();
// Waits out a period when the CPU used since the last wait, plus what the next call needs, would not
// fit in the budget: every call then starts with budget enough for itself, unless it needs more.
async function pace(needMs) {
  if (!throttled || cpuNowMs() - sincePauseMs + needMs <= 0.8 * budgetMs) return;
  await new Promise((resolve) => setTimeout(resolve, periodMs + 5));
  sincePauseMs = cpuNowMs();
}
let requests = 0;
function context() {
  const deadline = Date.now() + ${TIMEOUT_MS};
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'polyfn-bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:polyfn-bench',
    memoryLimitInMB: '${memoryMb}',
    awsRequestId: 'bench-' + ++requests,
    logGroupName: '/aws/lambda/polyfn-bench',
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done() {}, fail() {}, succeed() {},
  };
}
let naive;
async function call(row) {
  const cpuBefore = cpuNowMs();
  const started = performance.now();
  if (row.runner === 'naive') {
    naive(row.range[0], row.range[1]);
  } else {
    const result = await handler(row.event, context());
    if (result.statusCode !== 200) throw new Error(row.key + ': status ' + result.statusCode + ' ' + result.body);
  }
  return { ms: performance.now() - started, cpuMs: cpuNowMs() - cpuBefore };
}
const figures = {};
for (const row of rows) {
  // Each row's first call starts on a fresh period, the function's first request among them: Lambda
  // runs init with more CPU than the share, so its first invoke does not start with the budget spent.
  await pace(budgetMs);
  const first = await call(row);
  if (row.key === 'hello') ({ naivePalindromes: naive } = await import(${JSON.stringify(`data:text/javascript;base64,${Buffer.from(naiveModule).toString('base64')}`)}));
  const warm = [];
  const runs = row.runner === 'naive' ? ${config.lambda.naiveRuns} : ${config.lambda.warmInvocations};
  let needMs = first.cpuMs;
  for (let i = 0; i < runs; i++) {
    await pace(needMs);
    const sample = await call(row);
    warm.push(sample);
    needMs = sample.cpuMs;
  }
  figures[row.key] = { firstMs: first.ms, warm };
}
console.log(${JSON.stringify(MARKER)} + JSON.stringify({ nodeStartMs, initMs, maxRssKiB: process.resourceUsage().maxRSS, rows: figures }));
`;
}

async function naiveModuleText(): Promise<string> {
  const source = readFileSync(join(root, 'bench/baselines/naive.ts'), 'utf8');
  return (await transform(source, { loader: 'ts', format: 'esm', target: 'node20' })).code;
}

/**
 * How long `cpuMs` of CPU-bound work takes under a quota, starting with a fresh period: each period
 * grants share x period of CPU; a job that needs k periods' worth waits out k - 1 of them.
 */
function quotaDurationMs(cpuMs: number, cpuShare: number): number {
  if (cpuShare >= 1) return cpuMs;
  const periodMs = CPU_PERIOD_US / 1000;
  const budgetMs = cpuShare * periodMs;
  const fullPeriods = Math.ceil(cpuMs / budgetMs) - 1;
  return fullPeriods * periodMs + (cpuMs - fullPeriods * budgetMs);
}

function shareOf(memoryMb: number): number {
  return Math.min(1, memoryMb / FULL_VCPU_MB);
}

/** A size's memory limit: its MB taken as MiB. */
const memoryBytes = (memoryMb: number) => memoryMb * 2 ** 20;

/**
 * One child of `memoryMb` calling the rows in order (a 'hello' row first also imports the naive loop
 * for the naive rows after it). The rows go in a file: an event with a large body does not fit in
 * a command line.
 */
export async function emulate(
  version: 'v1' | 'v2',
  deployed: Deployed,
  naiveModule: string,
  rows: RowPlan[],
  memoryMb: number,
  config: BenchConfig,
): Promise<ChildFigures> {
  const cpuShare = shareOf(memoryMb);
  const rowsFile = deployed.path(`lambda-rows-${memoryMb}-${rows.length}-${Date.now()}.json`);
  writeFileSync(rowsFile, JSON.stringify(rows));
  const script = childScript(deployed.path(LAMBDA_BUNDLE), naiveModule, rowsFile, memoryMb, cpuShare, config);
  const run = await runLimited(
    version,
    `${memoryMb}mb`,
    { cpuShare, memoryBytes: memoryBytes(memoryMb) },
    process.execPath,
    ['--input-type=module', '-e', script],
    deployed.dir,
    CHILD_TIMEOUT_MS,
  ).finally(() => rmSync(rowsFile, { force: true }));
  const marked = run.stdout.split('\n').find((line) => line.startsWith(MARKER));
  if (run.code !== 0 || !marked) {
    const how = run.signal
      ? `killed by ${run.signal}${run.signal === 'SIGKILL' ? ` (out of memory, or over ${CHILD_TIMEOUT_MS / 1000} s)` : ''}`
      : `exit ${run.code}`;
    throw new Error(`the ${memoryMb} MB child failed (${how}): ${run.stderr.slice(0, 2000)}`);
  }
  return JSON.parse(marked.slice(MARKER.length)) as ChildFigures;
}

function sizeFigures(memoryMb: number, figures: ChildFigures, rows: RowPlan[], baseline: BaselineSection): EmulatedSize {
  const cpuShare = shareOf(memoryMb);
  const out: Record<string, EmulatedRow> = {};
  for (const row of rows) {
    const child = figures.rows[row.key]!;
    const durationMs = median(child.warm.map((s) => s.ms));
    out[row.key] = {
      workload: row.workload,
      runner: row.runner,
      firstMs: child.firstMs,
      durationMs,
      cpuMs: median(child.warm.map((s) => s.cpuMs)),
      runs: child.warm.length,
      extrapolated: false,
      ...priced(memoryMb, durationMs),
    };
  }
  // Naive rows beyond the measured ranges: the CPU time they take in process (the baseline's figure,
  // times the CPU-time ratio measured here on the largest measured range), spread over periods.
  const measured = NAIVE_LARGEST_MEASURED;
  const cpuRatio = out[`${measured.id} naive`]!.cpuMs! / baseline.rows[measured.id]!.naiveMs;
  for (const w of COST_WORKLOADS.filter((w) => digitsOf(w) > NAIVE_MAX_DIGITS)) {
    const durationMs = quotaDurationMs(baseline.rows[w.id]!.naiveMs * cpuRatio, cpuShare);
    out[`${w.id} naive`] = {
      workload: w.id,
      runner: 'naive',
      firstMs: durationMs,
      durationMs,
      cpuMs: null,
      runs: 0,
      extrapolated: true,
      ...priced(memoryMb, durationMs),
    };
  }
  return {
    memoryMb,
    cpuShare,
    quotaUs: Math.round(cpuShare * CPU_PERIOD_US),
    nodeStartMs: figures.nodeStartMs,
    initMs: figures.initMs,
    firstRequestMs: figures.initMs + out['hello']!.firstMs,
    maxMemoryUsedMiB: figures.maxRssKiB / 1024,
    rows: out,
  };
}

function talkPriced(): LambdaCostSection['talk'] {
  const published = PUBLISHED['lambda-128mb'];
  const row = (language: 'node' | 'rust') => ({
    cold: published[language].cold.text,
    rows: Object.fromEntries(
      TALK_WORKLOADS.map((w) => {
        const figure = published[language].warm[w];
        return [w, { text: figure.text, ...priced(128, figure.ms) }];
      }),
    ) as Record<TalkWorkload, TalkRow>,
  });
  return { node: row('node'), rust: row('rust') };
}

export async function benchLambdaCost(config: BenchConfig, deployed: Deployed, baseline: BaselineSection): Promise<LambdaCostSection> {
  const support = cgroupSupport();
  const measured = NAIVE_LARGEST_MEASURED;
  const section: LambdaCostSection = {
    skipped: support.version ? null : `not run: ${support.note}`,
    cgroup: support.version,
    periodUs: CPU_PERIOD_US,
    fullVcpuMb: FULL_VCPU_MB,
    timeoutMs: TIMEOUT_MS,
    prices: LAMBDA_PRICES,
    sizes: {},
    talk: talkPriced(),
    naiveMethod:
      `measured here up to ${measured.id}; beyond, extrapolated: the CPU time of the in-process baseline (see its method) times the ratio ` +
      `of CPU times measured here and in process on ${measured.id}, spread over 100 ms periods of the size's budget`,
  };
  if (!support.version) return section;
  const rows = plan();
  const naiveModule = await naiveModuleText();
  for (const memoryMb of config.lambda.memorySizes) {
    const figures = await emulate(support.version, deployed, naiveModule, rows, memoryMb, config);
    section.sizes[String(memoryMb)] = sizeFigures(memoryMb, figures, rows, baseline);
  }
  return section;
}
