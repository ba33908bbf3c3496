// What each benchmark mode runs and how long: the palindrome workloads every section shares, and
// the sample sizes of the full run (bench/results.*), the quick run (CI-sized) and the smoke run
// (the smallest that still runs every section: test/bench-smoke.test.ts; its figures mean nothing).

export type Mode = 'full' | 'quick' | 'smoke';

export interface Workload {
  /** Stable key in results.json, e.g. '100-999' or '9-digit'. */
  id: string;
  min: number;
  max: number;
  /** One of the three ranges the "Serverless Rust" talk timed. */
  talk: boolean;
}

/** The talk's three ranges; `as const` keeps their ids as types, which key the talk's published figures (bench/talk.ts). */
export const TALK_RANGES = [
  { id: '10-99', min: 10, max: 99, talk: true },
  { id: '100-999', min: 100, max: 999, talk: true },
  { id: '1000-9999', min: 1000, max: 9999, talk: true },
] as const satisfies readonly Workload[];

/**
 * The talk's three ranges, then the full 5- to 9-digit ranges (products pass 2^53 from 9 digits on).
 * Literals on purpose: V8 keeps them as small integers, where 10 ** n would be stored as a double and
 * send the naive loop down floating-point arithmetic, twice as slow.
 */
export const WORKLOADS: readonly Workload[] = [
  ...TALK_RANGES,
  { id: '5-digit', min: 10_000, max: 99_999, talk: false },
  { id: '6-digit', min: 100_000, max: 999_999, talk: false },
  { id: '7-digit', min: 1_000_000, max: 9_999_999, talk: false },
  { id: '8-digit', min: 10_000_000, max: 99_999_999, talk: false },
  { id: '9-digit', min: 100_000_000, max: 999_999_999, talk: false },
];

/** Digits per factor at the top of the range. */
export function digitsOf(w: Workload): number {
  return String(w.max).length;
}

/** Circle batch sizes (radii per call). */
export const BATCH_SIZES = [1e3, 1e4, 1e5, 1e6] as const;

export interface BenchConfig {
  mode: Mode;
  /** tinybench per task: time budget and minimum iterations (ms), for the run and its warm-up. */
  tinybench: { time: number; iterations: number; warmupTime: number; warmupIterations: number };
  /** The naive loop runs on workloads up to this many digits per factor; beyond, it is extrapolated. */
  naiveMaxDigits: number;
  /** Runs of the naive loop on its largest workload (median); smaller ones go through tinybench. */
  naiveLargestRuns: number;
  /** Search time per native row (ms): as many repeats in one process as fill it (the C program reports their median). */
  nativeMs: number;
  /** The native pruned search runs up to this many digits (9 digits takes ~85 s here). */
  prunedMaxDigits: number;
  /** Fresh processes per cold-start target (median). */
  coldRuns: number;
  /** Invocations of the Lambda bundle before its peak RSS is read. */
  rssInvocations: number;
  /** Seconds of autocannon load per server. */
  loadSeconds: number;
  /** bench/palindromes-targets.ts measureTargets() options (the search targets). */
  targets: { count: number; repeats: number; fullRepeats: number; jsRandom: boolean };
  /**
   * The emulated Lambda (bench/lambda-cost.ts): memory sizes (MB), one child each; warm calls per
   * row; runs of the naive loop on each range it runs.
   */
  lambda: { memorySizes: number[]; warmInvocations: number; naiveRuns: number };
  /**
   * The polygon kernels (bench/geometry.ts): contains over every points x vertices pair up to
   * `maxTests` edge tests; polygon on `polygonVertices`; through the API at `apiPoints`; the Lambda
   * bill of a geofencing request at `lambdaPoints`; each runner timed for about `runMs` (at least
   * three runs).
   */
  geometry: { points: number[]; vertices: number[]; maxTests: number; polygonVertices: number[]; apiPoints: number[]; lambdaPoints: number[]; runMs: number };
}

export const CONFIGS: Record<Mode, BenchConfig> = {
  full: {
    mode: 'full',
    tinybench: { time: 500, iterations: 20, warmupTime: 150, warmupIterations: 10 },
    naiveMaxDigits: 4,
    naiveLargestRuns: 3,
    nativeMs: 200,
    prunedMaxDigits: 8,
    coldRuns: 15,
    rssInvocations: 1000,
    loadSeconds: 5,
    targets: { count: 1000, repeats: 3, fullRepeats: 31, jsRandom: true },
    lambda: { memorySizes: [128, 1024, 1769], warmInvocations: 25, naiveRuns: 3 },
    geometry: {
      points: [1e3, 1e4, 1e5, 1e6],
      vertices: [10, 100, 1e3, 1e4],
      maxTests: 1e9,
      polygonVertices: [1e3, 1e4, 1e5],
      apiPoints: [1e3, 1e4, 1e5],
      lambdaPoints: [1e4, 1e5],
      runMs: 400,
    },
  },
  quick: {
    mode: 'quick',
    tinybench: { time: 40, iterations: 8, warmupTime: 15, warmupIterations: 4 },
    naiveMaxDigits: 3,
    naiveLargestRuns: 1,
    nativeMs: 20,
    prunedMaxDigits: 6,
    coldRuns: 3,
    rssInvocations: 1000,
    loadSeconds: 1.5,
    targets: { count: 100, repeats: 1, fullRepeats: 5, jsRandom: false },
    lambda: { memorySizes: [128], warmInvocations: 5, naiveRuns: 1 },
    geometry: { points: [1e3, 1e4], vertices: [10, 1e3], maxTests: 1e7, polygonVertices: [1e3], apiPoints: [1e3, 1e4], lambdaPoints: [1e3], runMs: 40 },
  },
  smoke: {
    mode: 'smoke',
    tinybench: { time: 10, iterations: 3, warmupTime: 5, warmupIterations: 1 },
    naiveMaxDigits: 3,
    naiveLargestRuns: 1,
    nativeMs: 2,
    prunedMaxDigits: 5,
    coldRuns: 1,
    rssInvocations: 100,
    loadSeconds: 1,
    targets: { count: 20, repeats: 1, fullRepeats: 3, jsRandom: false },
    lambda: { memorySizes: [128], warmInvocations: 3, naiveRuns: 1 },
    geometry: { points: [1e3], vertices: [10], maxTests: 1e4, polygonVertices: [100], apiPoints: [100], lambdaPoints: [100], runMs: 5 },
  },
};
