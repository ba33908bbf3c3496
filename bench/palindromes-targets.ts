// Measures the palindrome-search targets on this machine for the Wasm kernel, its JS twin and the
// native (C, cc -O2) build of the same algorithm: kernel time only (the engines' searchPalindromes,
// the C search function), median of repeats.
//
//   npx tsx bench/palindromes-targets.ts [--seed N] [--count N] [--repeats N] [--no-js-random] [--json]
//
// Targets: full 9-digit range <= 10 ms and full 8-digit range <= 2 ms (Wasm); the seeded random set
// (>= 1,000 ranges) median <= 2 ms, p99 <= 25 ms, worst <= 100 ms (Wasm); JS within 10x of Wasm and
// Wasm within 2x of native on the full 9-digit range; the adversarial ranges within DEFAULT_BUDGET
// steps and 100 ms (Wasm). Exit status 0: every target met, and native drew the same random set.
//
// The random set: mulberry32(seed); per range u1, u2 = next() / 2^32; max = 1 + floor(u1 * 999999999),
// width = floor(10^(9 * u2)) (log-uniform in [1, 10^9)), min = max(1, max - width + 1). 10^x uses
// + - * / only, in the same order as bench/native/palindromes.c, so both produce the same ranges;
// the set's checksum (sum of min * 1000000007 + max, mod 2^64) is compared with the native run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_BUDGET } from '../src/index.ts';
import type { PalindromeOutcome, Work } from '../src/core/types.ts';
import { engines } from '../src/core/kernels/palindromes.ts';
import { describeMachine, machineLine } from './machine.ts';

export type Kernel = 'wasm' | 'js';
export interface Range {
  min: number;
  max: number;
}

const UNLIMITED: Work = { budget: Number.MAX_SAFE_INTEGER, deadlineNs: 0n };
export const NATIVE_SOURCE = fileURLToPath(new URL('native/palindromes.c', import.meta.url));

/** The targets, in ms or as ratios. */
export const TARGETS = {
  nineDigitMs: 10,
  eightDigitMs: 2,
  randomMedianMs: 2,
  randomP99Ms: 25,
  randomWorstMs: 100,
  jsOverWasm: 10,
  wasmOverNative: 2,
} as const;

/** The search targets: the default budget lets through every range the search finishes in 100 ms. */
const BUDGETED_RANGE_MS = 100;

/** Every target a run checks: TARGETS, and the two the adversarial ranges answer for DEFAULT_BUDGET. */
export type TargetKey = keyof typeof TARGETS | 'adversarialSteps' | 'adversarialWasmMs';

export interface TargetRow {
  description: string;
  /** Null where it could not be measured (no C compiler). */
  value: number | null;
  limit: number;
  unit: 'ms' | 'ratio' | 'steps';
  /** Null where the value was not measured. */
  met: boolean | null;
}

/** mulberry32: a 32-bit PRNG, identical to the C one. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** 10^x for 0 <= x < 9 with + - * / only (exp series), as powerOf10 in the C file. */
export function powerOf10(x: number): number {
  const k = Math.floor(x);
  const y = (x - k) * Math.LN10;
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 30; n++) {
    term = (term * y) / n;
    sum = sum + term;
  }
  for (let i = 0; i < k; i++) sum = sum * 10;
  return sum;
}

/** The seeded random range set and its checksum (see the top of this file). */
export function randomRanges(seed: number, count: number): { ranges: Range[]; checksum: bigint } {
  const next = mulberry32(seed);
  const ranges: Range[] = [];
  let checksum = 0n;
  for (let i = 0; i < count; i++) {
    const u1 = next() / 4294967296;
    const u2 = next() / 4294967296;
    const max = 1 + Math.floor(u1 * 999999999);
    const width = Math.floor(powerOf10(9 * u2));
    const min = width >= max ? 1 : max - width + 1;
    ranges.push({ min, max });
    checksum = BigInt.asUintN(64, checksum + BigInt(min) * 1000000007n + BigInt(max));
  }
  return { ranges, checksum };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Median, nearest-rank p99 and worst of a sample. */
export function summarize(values: readonly number[]): { median: number; p99: number; worst: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return { median: median(sorted), p99: sorted[Math.ceil(0.99 * n) - 1]!, worst: sorted[n - 1]! };
}

/** One search, timed: its outcome and wall time in ns. */
export function runOnce(kernel: Kernel, min: number, max: number): { outcome: PalindromeOutcome; ns: number } {
  const started = process.hrtime.bigint();
  const outcome = engines[kernel](min, max, UNLIMITED);
  return { outcome, ns: Number(process.hrtime.bigint() - started) };
}

/** Median ns over `repeats` searches of [min, max], and the step count. */
export function timeKernel(kernel: Kernel, min: number, max: number, repeats: number): { ns: number; steps: number } {
  const times: number[] = [];
  let steps = 0;
  for (let r = 0; r < repeats; r++) {
    const { outcome, ns } = runOnce(kernel, min, max);
    if (outcome.status !== 'ok') throw new Error(`[${min}, ${max}] on ${kernel}: ${outcome.status}`);
    times.push(ns);
    steps = outcome.steps;
  }
  return { ns: median(times), steps };
}

/** The compiled C references (withNativeBuild). */
export interface NativeBuild {
  /** `cc --version`'s first line. */
  compiler: string;
  binary: string;
  /** bench/native/polygons.c (contains), or null where it does not compile (it needs SSE2: x86-64). */
  polygons: string | null;
}

export const POLYGONS_SOURCE = fileURLToPath(new URL('native/polygons.c', import.meta.url));

function compilerVersion(): string | null {
  try {
    return execFileSync(process.env.CC ?? 'cc', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]!;
  } catch {
    return null;
  }
}

/**
 * Compiles bench/native/palindromes.c with `cc -O2` and bench/native/polygons.c with `cc -O2
 * -ffp-contract=off` (see its header) ($CC if set) into a temporary folder, runs `use` with them
 * (with null when there is no C compiler), then deletes the folder.
 */
export async function withNativeBuild<T>(use: (native: NativeBuild | null) => T | Promise<T>): Promise<T> {
  const compiler = compilerVersion();
  if (!compiler) return use(null);
  const folder = mkdtempSync(join(tmpdir(), 'polyfn-bench-native-'));
  try {
    const binary = join(folder, 'palindromes');
    execFileSync(process.env.CC ?? 'cc', ['-O2', '-o', binary, NATIVE_SOURCE], { stdio: ['ignore', 'inherit', 'inherit'] });
    let polygons: string | null = join(folder, 'polygons');
    try {
      execFileSync(process.env.CC ?? 'cc', ['-O2', '-ffp-contract=off', '-o', polygons, POLYGONS_SOURCE], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch {
      polygons = null;
    }
    return await use({ compiler, binary, polygons });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The C program's modes: `fast` (the kernels' algorithm, same steps) and `pruned` (the simple pruned
 * loop) search one range; `fast-random` runs the seeded random set.
 */
type NativeMode = 'fast' | 'pruned' | 'fast-random';

/** One run of the C program: its JSON line. */
function runNativeProgram(binary: string, mode: NativeMode, args: readonly number[]): string {
  return execFileSync(binary, [mode, ...args.map(String)], { encoding: 'utf8' });
}

export interface NativeSearch {
  /** Steps taken (`fast` only). */
  steps?: number;
  /** The median of the launch's searches. */
  ns: number;
  /** The program's JSON line, answer included: its values pass 2^53, which JSON.parse rounds, so it is compared as text. */
  text: string;
}

/** One launch of the C program: `repeats` searches of [min, max]. */
export function searchNative(binary: string, mode: 'fast' | 'pruned', min: number, max: number, repeats: number): NativeSearch {
  const text = runNativeProgram(binary, mode, [min, max, repeats]);
  const { steps, ns } = JSON.parse(text) as { steps?: number; ns: number };
  return { steps, ns, text };
}

/**
 * Processes per native figure. On this shared machine about one launch in ten runs a stretch slower
 * (a median of 101 searches reading 1.7 ms instead of 1.05), so one launch can skew a whole row:
 * the figure is the median over several launches.
 */
export const NATIVE_LAUNCHES = 5;

/** The launch whose time is the median of NATIVE_LAUNCHES (each reporting the median of its repeats). */
export function medianLaunch<T extends { ns: number }>(launch: () => T): T {
  const runs = Array.from({ length: NATIVE_LAUNCHES }, launch).sort((a, b) => a.ns - b.ns);
  return runs[runs.length >> 1]!;
}

export interface NativeRandom {
  count: number;
  checksum: string;
  medianNs: number;
  p99Ns: number;
  worstNs: number;
  totalSteps: number;
  worst: { min: number; max: number; ns: number; steps: number }[];
}

export function runNativeRandom(binary: string, seed: number, count: number, repeats: number): NativeRandom {
  return JSON.parse(runNativeProgram(binary, 'fast-random', [seed, count, repeats])) as NativeRandom;
}

export interface RandomSetFigures {
  medianMs: number;
  p99Ms: number;
  worstMs: number;
  totalMs: number;
  totalSteps: number;
  worst: { min: number; max: number; ms: number; steps: number }[];
}

/** Times every range of the set on one kernel (median of `repeats` each). */
export function timeRandomSet(kernel: Kernel, ranges: readonly Range[], repeats: number): RandomSetFigures {
  const ns: number[] = [];
  const steps: number[] = [];
  for (const { min, max } of ranges) {
    const timed = timeKernel(kernel, min, max, repeats);
    ns.push(timed.ns);
    steps.push(timed.steps);
  }
  const { median: mid, p99, worst } = summarize(ns);
  const order = ns.map((_, i) => i).sort((a, b) => ns[b]! - ns[a]!);
  return {
    medianMs: mid / 1e6,
    p99Ms: p99 / 1e6,
    worstMs: worst / 1e6,
    totalMs: ns.reduce((a, b) => a + b, 0) / 1e6,
    totalSteps: steps.reduce((a, b) => a + b, 0),
    worst: order.slice(0, 5).map((i) => ({ ...ranges[i]!, ms: ns[i]! / 1e6, steps: steps[i]! })),
  };
}

export interface TargetsOptions {
  seed?: number;
  count?: number;
  /** Repeats per random range (median). */
  repeats?: number;
  /** Repeats of each full n-digit range (median). */
  fullRepeats?: number;
  /** Also time the JS twin over the random set (slower; informative only). */
  jsRandom?: boolean;
}

export interface TargetsReport {
  machine: string;
  full: Record<'8' | '9', { steps: number; wasmMs: number; jsMs: number; nativeMs: number | null }>;
  random: {
    seed: number;
    count: number;
    checksum: string;
    nativeChecksumMatches: boolean | null;
    wasm: RandomSetFigures;
    js: RandomSetFigures | null;
    native: { medianMs: number; p99Ms: number; worstMs: number; totalSteps: number } | null;
  };
  ratios: { jsOverWasm9: number; wasmOverNative9: number | null; wasmOverNative8: number | null };
  adversarial: (Range & { kind: string; steps: number; wasmMs: number; jsMs: number })[];
  rows: Record<TargetKey, TargetRow>;
}

/**
 * The costliest ranges an adversarial search found (native build, same steps): hill climbing on
 * the step count from random starts, the widest ranges without any palindrome product, max^2
 * straddling 10^17, and wide [max/2, max] ranges. They are the evidence for DEFAULT_BUDGET.
 */
export const ADVERSARIAL_RANGES: (Range & { kind: string })[] = [
  { min: 566_586_641, max: 567_849_622, kind: 'most steps found (hill climbing)' },
  { min: 881_924_160, max: 963_185_375, kind: 'hill climbing' },
  { min: 996_265_498, max: 999_151_678, kind: 'hill climbing' },
  { min: 311_141_770, max: 311_196_886, kind: 'widest null range found' },
  { min: 3_153_275, max: 335_006_123, kind: 'max^2 straddles 10^17' },
  { min: 56_414_029, max: 112_828_057, kind: 'wide [max/2, max]' },
];

function fullRange(digits: number): Range {
  return { min: 10 ** (digits - 1), max: 10 ** digits - 1 };
}

/**
 * Runs every measurement and checks it against the targets; `binary` is the C reference
 * (withNativeBuild), or null to leave the native figures out.
 */
export function measureTargets(binary: string | null, options: TargetsOptions = {}): TargetsReport {
  const { seed = 1, count = 1000, repeats = 3, fullRepeats = 31, jsRandom = true } = options;
  // warm up both engines (Wasm tiers up to optimized code, JS gets compiled by TurboFan)
  for (let i = 0; i < 5; i++) {
    timeKernel('wasm', 100_000_000, 999_999_999, 1);
    timeKernel('js', 100_000_000, 999_999_999, 1);
    timeKernel('wasm', 3215, 4000, 1);
    timeKernel('js', 3215, 4000, 1);
  }
  const full = {} as TargetsReport['full'];
  for (const digits of [8, 9] as const) {
    const { min, max } = fullRange(digits);
    const w = timeKernel('wasm', min, max, fullRepeats);
    const j = timeKernel('js', min, max, Math.max(5, fullRepeats >> 1));
    if (j.steps !== w.steps) throw new Error(`${digits}-digit: JS took ${j.steps} steps, Wasm ${w.steps}`);
    const n = binary ? medianLaunch(() => searchNative(binary, 'fast', min, max, Math.max(fullRepeats, 21))) : null;
    if (n && n.steps !== w.steps) throw new Error(`${digits}-digit: native took ${n.steps} steps, Wasm ${w.steps}`);
    full[`${digits}`] = { steps: w.steps, wasmMs: w.ns / 1e6, jsMs: j.ns / 1e6, nativeMs: n ? n.ns / 1e6 : null };
  }
  const { ranges, checksum } = randomRanges(seed, count);
  const wasmSet = timeRandomSet('wasm', ranges, repeats);
  const jsSet = jsRandom ? timeRandomSet('js', ranges, repeats) : null;
  if (jsSet && jsSet.totalSteps !== wasmSet.totalSteps) throw new Error('random set: JS and Wasm step totals differ');
  const nativeSet = binary ? runNativeRandom(binary, seed, count, repeats) : null;
  const ratios = {
    jsOverWasm9: full['9'].jsMs / full['9'].wasmMs,
    wasmOverNative9: full['9'].nativeMs ? full['9'].wasmMs / full['9'].nativeMs : null,
    wasmOverNative8: full['8'].nativeMs ? full['8'].wasmMs / full['8'].nativeMs : null,
  };
  const adversarial = ADVERSARIAL_RANGES.map((range) => {
    const w = timeKernel('wasm', range.min, range.max, 11);
    const j = timeKernel('js', range.min, range.max, 5);
    if (j.steps !== w.steps) throw new Error(`[${range.min}, ${range.max}]: JS and Wasm step counts differ`);
    return { ...range, steps: w.steps, wasmMs: w.ns / 1e6, jsMs: j.ns / 1e6 };
  });
  const row = (description: string, value: number | null, limit: number, unit: TargetRow['unit']): TargetRow => ({
    description,
    value,
    limit,
    unit,
    met: value === null ? null : value <= limit,
  });
  const rows: Record<TargetKey, TargetRow> = {
    nineDigitMs: row('Wasm, full 9-digit range', full['9'].wasmMs, TARGETS.nineDigitMs, 'ms'),
    eightDigitMs: row('Wasm, full 8-digit range', full['8'].wasmMs, TARGETS.eightDigitMs, 'ms'),
    randomMedianMs: row(`Wasm, random set median (${count} ranges)`, wasmSet.medianMs, TARGETS.randomMedianMs, 'ms'),
    randomP99Ms: row('Wasm, random set p99', wasmSet.p99Ms, TARGETS.randomP99Ms, 'ms'),
    randomWorstMs: row('Wasm, random set worst', wasmSet.worstMs, TARGETS.randomWorstMs, 'ms'),
    jsOverWasm: row('JS / Wasm, full 9-digit range', ratios.jsOverWasm9, TARGETS.jsOverWasm, 'ratio'),
    wasmOverNative: row('Wasm / native (same algorithm), full 9-digit range', ratios.wasmOverNative9, TARGETS.wasmOverNative, 'ratio'),
    adversarialSteps: row('most steps of the adversarial ranges, within DEFAULT_BUDGET', Math.max(...adversarial.map((a) => a.steps)), DEFAULT_BUDGET, 'steps'),
    adversarialWasmMs: row(
      `Wasm, slowest adversarial range (those get through the budget, so must take ≤ ${BUDGETED_RANGE_MS} ms)`,
      Math.max(...adversarial.map((a) => a.wasmMs)),
      BUDGETED_RANGE_MS,
      'ms',
    ),
  };
  return {
    machine: machineLine(describeMachine()),
    full,
    random: {
      seed,
      count,
      checksum: checksum.toString(),
      nativeChecksumMatches: nativeSet ? nativeSet.checksum === checksum.toString() : null,
      wasm: wasmSet,
      js: jsSet,
      native: nativeSet
        ? { medianMs: nativeSet.medianNs / 1e6, p99Ms: nativeSet.p99Ns / 1e6, worstMs: nativeSet.worstNs / 1e6, totalSteps: nativeSet.totalSteps }
        : null,
    },
    ratios,
    adversarial,
    rows,
  };
}

const ms = (value: number | null | undefined) => (value === null || value === undefined ? '-' : value.toFixed(3));

export function formatReport(report: TargetsReport): string {
  const lines: string[] = [`palindrome-search targets (${report.machine})`, ''];
  lines.push('full range        steps      wasm ms    js ms      native ms');
  for (const digits of ['8', '9'] as const) {
    const f = report.full[digits];
    lines.push(`${digits}-digit factors   ${String(f.steps).padEnd(10)} ${ms(f.wasmMs).padEnd(10)} ${ms(f.jsMs).padEnd(10)} ${ms(f.nativeMs)}`);
  }
  const { random } = report;
  lines.push(
    '',
    `random set: seed ${random.seed}, ${random.count} ranges, checksum ${random.checksum}` +
      (random.nativeChecksumMatches === null ? '' : random.nativeChecksumMatches ? ' (same as native)' : ' (DIFFERS from native)'),
  );
  lines.push('engine   median ms  p99 ms     worst ms   total steps');
  const row = (name: string, s: { medianMs: number; p99Ms: number; worstMs: number; totalSteps: number } | null) => {
    if (s) lines.push(`${name.padEnd(8)} ${ms(s.medianMs).padEnd(10)} ${ms(s.p99Ms).padEnd(10)} ${ms(s.worstMs).padEnd(10)} ${s.totalSteps}`);
  };
  row('wasm', random.wasm);
  row('js', random.js);
  row('native', random.native);
  lines.push(`slowest ranges (wasm): ${random.wasm.worst.map((w) => `[${w.min}, ${w.max}] ${ms(w.ms)} ms ${w.steps} steps`).join('; ')}`);
  lines.push(
    '',
    `ratios: js/wasm 9-digit ${report.ratios.jsOverWasm9.toFixed(2)}, wasm/native 9-digit ${ms(report.ratios.wasmOverNative9)}, 8-digit ${ms(report.ratios.wasmOverNative8)}`,
  );
  lines.push('', 'adversarial ranges (budget evidence)                               steps      wasm ms    js ms');
  for (const a of report.adversarial) {
    lines.push(`${`[${a.min}, ${a.max}]`.padEnd(24)} ${a.kind.padEnd(34)} ${String(a.steps).padEnd(10)} ${ms(a.wasmMs).padEnd(10)} ${ms(a.jsMs)}`);
  }
  const rows = Object.values(report.rows);
  const width = Math.max(...rows.map((r) => r.description.length));
  lines.push('', `${'target'.padEnd(width)} value      limit      unit   met`);
  for (const r of rows) {
    const value = r.value === null ? '-' : r.unit === 'steps' ? String(r.value) : r.value.toFixed(3);
    lines.push(
      `${r.description.padEnd(width)} ${value.padEnd(10)} ${String(r.limit).padEnd(10)} ${r.unit.padEnd(6)} ${r.met === null ? '-' : r.met ? 'yes' : 'NO'}`,
    );
  }
  return lines.join('\n');
}

function option(args: string[], name: string): number | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : undefined;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  await withNativeBuild((native) => {
    if (!native) throw new Error('no C compiler (cc, or $CC): the native figures need one');
    const report = measureTargets(native.binary, {
      seed: option(args, '--seed'),
      count: option(args, '--count'),
      repeats: option(args, '--repeats'),
      jsRandom: !args.includes('--no-js-random'),
    });
    console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
    process.exitCode = Object.values(report.rows).every((r) => r.met) && report.random.nativeChecksumMatches !== false ? 0 : 1;
  });
}
