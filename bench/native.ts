// Section 3: the native reference. bench/native/palindromes.c is compiled with `cc -O2` into a
// temporary folder (buildNative) and run on every workload: `fast` is the same algorithm as the
// kernels (same step count), `pruned` the simple pruned double loop. Each row is one process that
// repeats the search enough times to fill config.nativeMs and prints the median: a search of a few
// hundred ns, timed a hundred times in a fresh process, mostly measures the process warming up.
// Every answer is checked against polyfn's, digit for digit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { palindromes, type PalindromeEnd } from '../src/core/index.ts';
import { WORKLOADS, type BenchConfig, type Workload } from './config.ts';
import { buildNative, medianLaunch, NATIVE_LAUNCHES } from './palindromes-targets.ts';

export interface NativeRow {
  fastMs: number;
  /** Null where the pruned loop was not run (config.prunedMaxDigits). */
  prunedMs: number | null;
  steps: number;
}

export interface NativeSection {
  /** `cc --version`'s first line, or null when there is no C compiler. */
  compiler: string | null;
  note: string;
  rows: Record<string, NativeRow>;
}

type NativeMode = 'fast' | 'pruned';

/** The C program's JSON line as text: its values pass 2^53, so they are checked before any parse. */
function runNativeSearch(binary: string, mode: NativeMode, min: number, max: number, repeats: number): string {
  return execFileSync(binary, [mode, String(min), String(max), String(repeats)], { encoding: 'utf8' });
}

function endText(end: PalindromeEnd): string {
  return `{"value":${end.value ?? 'null'},"factors":${JSON.stringify(end.factors)}}`;
}

function compilerVersion(): string | null {
  try {
    return execFileSync(process.env.CC ?? 'cc', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]!;
  } catch {
    return null;
  }
}

/** Most repeats in one process (the C program keeps every time to take the median). */
const MAX_REPEATS = 1_000_000;

/**
 * The median time of one search (ms) and the program's output: one search first to size the run,
 * then as many as fill `budgetMs`, spread over NATIVE_LAUNCHES processes whose median stands (the
 * first search's time stands if it alone fills the budget).
 */
function timeNative(binary: string, mode: NativeMode, w: Workload, budgetMs: number, expected: string): { ms: number; output: string } {
  let output = runNativeSearch(binary, mode, w.min, w.max, 1);
  let ms = (JSON.parse(output) as { ns: number }).ns / 1e6;
  if (ms < budgetMs) {
    // The budget is shared by NATIVE_LAUNCHES processes; the median launch stands (see medianLaunch).
    const repeats = Math.min(MAX_REPEATS, Math.ceil(budgetMs / NATIVE_LAUNCHES / ms));
    const median = medianLaunch(() => {
      const text = runNativeSearch(binary, mode, w.min, w.max, repeats);
      return { text, ns: (JSON.parse(text) as { ns: number }).ns };
    });
    output = median.text;
    ms = median.ns / 1e6;
  }
  if (!output.startsWith(expected)) throw new Error(`${w.id}: the native ${mode} search's answer differs from polyfn's`);
  return { ms, output };
}

function runWorkloads(config: BenchConfig, binary: string): Record<string, NativeRow> {
  const rows: Record<string, NativeRow> = {};
  for (const w of WORKLOADS) {
    const ours = palindromes(w.min, w.max);
    const expected = `{"smallest":${endText(ours.smallest)},"largest":${endText(ours.largest)}`;
    const fast = timeNative(binary, 'fast', w, config.nativeMs, expected);
    const pruned = String(w.max).length <= config.prunedMaxDigits ? timeNative(binary, 'pruned', w, config.nativeMs, expected) : null;
    rows[w.id] = { fastMs: fast.ms, prunedMs: pruned?.ms ?? null, steps: (JSON.parse(fast.output) as { steps: number }).steps };
  }
  return rows;
}

export function benchNative(config: BenchConfig): NativeSection {
  const compiler = compilerVersion();
  if (!compiler) return { compiler, note: 'no C compiler (cc, or $CC) on this machine: the native rows are skipped', rows: {} };
  const folder = mkdtempSync(join(tmpdir(), 'polyfn-bench-native-'));
  try {
    const rows = runWorkloads(config, buildNative(join(folder, 'palindromes')));
    const note =
      `${compiler}, -O2; each row the median over ${NATIVE_LAUNCHES} processes of the median of as many searches ` +
      `as fill ${config.nativeMs} ms between them (one search, where one takes longer); ` +
      `the pruned loop not run past ${config.prunedMaxDigits} digits`;
    return { compiler, note, rows };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
