// Section 3: the native reference. bench/native/palindromes.c, compiled once per run (buildNative),
// runs on every workload: `fast` is the same algorithm as the kernels (same step count), `pruned`
// the simple pruned double loop. Each row is one process that repeats the search enough times to
// fill config.nativeMs and prints the median: a search of a few hundred ns, timed a hundred times in
// a fresh process, mostly measures the process warming up. Every answer is checked against
// polyfn's, digit for digit.
import { palindromes, type PalindromeEnd } from '../src/index.ts';
import { digitsOf, WORKLOADS, type BenchConfig, type Workload } from './config.ts';
import { medianLaunch, NATIVE_LAUNCHES, searchNative, type NativeBuild, type NativeSearch } from './palindromes-targets.ts';

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

function endText(end: PalindromeEnd): string {
  return `{"value":${end.value ?? 'null'},"factors":${JSON.stringify(end.factors)}}`;
}

/** Most repeats in one process (the C program keeps every time to take the median). */
const MAX_REPEATS = 1_000_000;

/**
 * The search that times one row: one search first to size the run, then as many as fill `budgetMs`,
 * spread over NATIVE_LAUNCHES processes whose median stands (the first search stands if it alone
 * fills the budget). Its answer must start with `expected`.
 */
function timeNative(binary: string, mode: 'fast' | 'pruned', w: Workload, budgetMs: number, expected: string): NativeSearch {
  let search = searchNative(binary, mode, w.min, w.max, 1);
  const firstMs = search.ns / 1e6;
  if (firstMs < budgetMs) {
    // The budget is shared by NATIVE_LAUNCHES processes; the median launch stands (see medianLaunch).
    const repeats = Math.min(MAX_REPEATS, Math.ceil(budgetMs / NATIVE_LAUNCHES / firstMs));
    search = medianLaunch(() => searchNative(binary, mode, w.min, w.max, repeats));
  }
  if (!search.text.startsWith(expected)) throw new Error(`${w.id}: the native ${mode} search's answer differs from polyfn's`);
  return search;
}

function runWorkloads(config: BenchConfig, binary: string): Record<string, NativeRow> {
  const rows: Record<string, NativeRow> = {};
  for (const w of WORKLOADS) {
    const ours = palindromes(w.min, w.max);
    const expected = `{"smallest":${endText(ours.smallest)},"largest":${endText(ours.largest)}`;
    const fast = timeNative(binary, 'fast', w, config.nativeMs, expected);
    const pruned = digitsOf(w) <= config.prunedMaxDigits ? timeNative(binary, 'pruned', w, config.nativeMs, expected) : null;
    rows[w.id] = { fastMs: fast.ns / 1e6, prunedMs: pruned ? pruned.ns / 1e6 : null, steps: fast.steps! };
  }
  return rows;
}

/** `native`: the run's build of the C reference, null without a C compiler. */
export function benchNative(config: BenchConfig, native: NativeBuild | null): NativeSection {
  if (!native) return { compiler: null, note: 'no C compiler (cc, or $CC) on this machine: the native rows are skipped', rows: {} };
  const note =
    `${native.compiler}, -O2; each row the median over ${NATIVE_LAUNCHES} processes of the median of as many searches ` +
    `as fill ${config.nativeMs} ms between them (one search, where one takes longer); ` +
    `the pruned loop not run past ${config.prunedMaxDigits} digits`;
  return { compiler: native.compiler, note, rows: runWorkloads(config, native.binary) };
}
