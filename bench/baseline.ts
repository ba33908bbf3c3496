// Section 2: the "Serverless Rust" talk's algorithm against ours. The naive double loop (bench/baselines/naive.ts)
// runs on the workloads up to config.naiveMaxDigits per factor, after checking that it gives
// polyfn's answer; beyond, its time is extrapolated from the largest measured run (time per pair
// times the number of pairs) and flagged. The speed-ups divide by this run's kernel timings.
import { palindromeResultToJSON, palindromes } from '../src/index.ts';
import { naivePalindromes, type NaiveResult } from './baselines/naive.ts';
import { digitsOf, WORKLOADS, type BenchConfig, type Workload } from './config.ts';
import type { KernelsSection } from './kernels.ts';
import { measure } from './measure.ts';
import { median } from './palindromes-targets.ts';

export interface BaselineRow {
  /** Naive loop, one search (ms): measured, or extrapolated when `extrapolated`. */
  naiveMs: number;
  extrapolated: boolean;
  /** Pairs a <= b the naive loop multiplies. */
  pairs: number;
  /** Naive / our search on each engine (how many times faster ours is). */
  wasmSpeedup: number;
  jsSpeedup: number;
}

export interface BaselineSection {
  /** How the naive rows were obtained, in a sentence. */
  method: string;
  rows: Record<string, BaselineRow>;
}

/** One run longer than this is timed as whole runs (median of config.naiveLargestRuns) rather than by tinybench. */
const LONG_RUN_MS = 100;

function pairCount(w: Workload): number {
  const n = w.max - w.min + 1;
  return (n * (n + 1)) / 2;
}

/**
 * The naive loop's answer must be polyfn's: same values, same factor pairs. Its values are safe
 * integers, which polyfn's JSON form keeps as numbers, so the two JSON texts match.
 */
function checkAgainstPolyfn(w: Workload, naive: NaiveResult): void {
  if (JSON.stringify(naive) !== JSON.stringify(palindromeResultToJSON(palindromes(w.min, w.max)))) {
    throw new Error(`${w.id}: the naive loop's answer differs from polyfn's`);
  }
}

export async function benchBaseline(config: BenchConfig, kernels: KernelsSection): Promise<BaselineSection> {
  const measured = WORKLOADS.filter((w) => digitsOf(w) <= config.naiveMaxDigits);
  const naiveMs: Record<string, number> = {};
  const short: Record<string, () => unknown> = {};
  for (const w of measured) {
    const started = performance.now();
    const answer = naivePalindromes(w.min, w.max);
    const firstMs = performance.now() - started;
    checkAgainstPolyfn(w, answer);
    if (firstMs < LONG_RUN_MS) {
      short[w.id] = () => naivePalindromes(w.min, w.max);
      continue;
    }
    const runs = [firstMs];
    while (runs.length < config.naiveLargestRuns) {
      const again = performance.now();
      naivePalindromes(w.min, w.max);
      runs.push(performance.now() - again);
    }
    naiveMs[w.id] = median(runs);
  }
  for (const [id, timing] of Object.entries(await measure(config, short))) naiveMs[id] = timing.medianMs;

  const largest = measured.at(-1)!;
  const msPerPair = naiveMs[largest.id]! / pairCount(largest);
  const rows: Record<string, BaselineRow> = {};
  for (const w of WORKLOADS) {
    const extrapolated = naiveMs[w.id] === undefined;
    const ms = extrapolated ? msPerPair * pairCount(w) : naiveMs[w.id]!;
    const kernel = kernels.palindromes[w.id]!;
    rows[w.id] = {
      naiveMs: ms,
      extrapolated,
      pairs: pairCount(w),
      wasmSpeedup: ms / kernel.wasm.medianMs,
      jsSpeedup: ms / kernel.js.medianMs,
    };
  }
  return {
    method:
      `measured up to ${config.naiveMaxDigits}-digit factors, each answer checked against polyfn's (a search over ${LONG_RUN_MS} ms ` +
      `is timed as the median of ${config.naiveLargestRuns} whole run${config.naiveLargestRuns === 1 ? '' : 's'}, shorter ones by tinybench); ` +
      `beyond, extrapolated as the ${largest.id} time per pair times the pair count (rough: the cost per pair changes with the ` +
      `products' length; past 2^53, plain numbers would also give wrong answers)`,
    rows,
  };
}
