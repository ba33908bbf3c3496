// The search targets' figures, from bench/palindromes-targets.ts (the kernel engineer's measurement: kernel
// time only, median of repeats): one row per target with its value, limit and whether it is met,
// the seeded random set's percentiles per engine and native, its slowest ranges, and the
// adversarial ranges behind DEFAULT_BUDGET. A target that could not be measured (no C compiler)
// keeps its row, with a null value.
import type { BenchConfig } from './config.ts';
import { measureTargets, type RandomSetFigures, type TargetKey, type TargetRow, type TargetsReport } from './palindromes-targets.ts';

export interface TargetsSection {
  seed: number;
  rows: Record<TargetKey, TargetRow>;
  full: TargetsReport['full'];
  random: {
    count: number;
    repeats: number;
    checksum: string;
    nativeChecksumMatches: boolean | null;
    wasm: RandomSetFigures;
    js: RandomSetFigures | null;
    native: NonNullable<TargetsReport['random']['native']> | null;
  };
  adversarial: TargetsReport['adversarial'];
}

const SEED = 1;

/** `binary`: the run's build of the C reference, null without a C compiler. */
export function benchTargets(config: BenchConfig, binary: string | null): TargetsSection {
  const { count, repeats, fullRepeats, jsRandom } = config.targets;
  const { rows, full, random, adversarial } = measureTargets(binary, { seed: SEED, count, repeats, fullRepeats, jsRandom });
  return {
    seed: SEED,
    rows,
    full,
    random: {
      count,
      repeats,
      checksum: random.checksum,
      nativeChecksumMatches: random.nativeChecksumMatches,
      wasm: random.wasm,
      js: random.js,
      native: random.native,
    },
    adversarial,
  };
}
