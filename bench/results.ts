// The shape of bench/results.json (schema 1). Times are in ms and are medians unless a key says
// otherwise; ratios are plain numbers (a / b as named) from the same run; sizes are bytes.
// Keyed objects keep their keys stable across runs so the README can quote paths such as
// palindromes["9-digit"].wasmOverNative or coldStart.targets.lambda.totalMs.
//
//   mode, generatedAt, runSeconds, machine      what ran, when, how long, where
//   loadAverage                                 the 1-minute load average at the start and the end
//   palindromes[workload]                       the headline table: Wasm, JS, native, naive, ratios
//   kernels.palindromes[workload]               tinybench timings (median, MAD, min, p99, samples) per engine
//   kernels.circle[case]                        'scalar', 'batch-<n>' (API), 'engine-batch-<n>' (engines alone)
//   native                                      the C reference: compiler, rows[workload].fastMs / prunedMs / steps
//   baseline                                    the naive loop: rows[workload].naiveMs (or extrapolated), speed-ups
//   coldStart                                   targets[adapter]: processStartMs, initMs, firstCallMs, totalMs, cpuMs;
//                                               workerd: evalToFirstAnswerMs against the Rust Lambda's init; wasmInit
//   workersBudget                               workerd's CPU per request at the packaged budget: hello, wasm, js
//   lambdaCost                                  the Lambda bundle under each size's CPU share and memory: sizes[MB].rows[row]
//                                               durationMs, billedMs, perMillionUsd; the talk's figures priced; prices
//   firstSearch                                 adapters[adapter][engine]: firstMs, warmMs, firstOverWarm (9-digit kernel
//                                               time), firstRequestMs (wall); initChoice[engine]: each side at init, at
//                                               'full' CPU or Lambda's 'small' share; lambdaImport: the bundle's import, split
//   overhead[hello | 10-99][adapter]            timing, overHandleUs, overCore
//   footprint                                   artifacts[path].bytes, wasm[path].bytes, rss[process].peakRssMiB
//   throughput[local | bun | deno | azure-custom-handler]  requestsPerSec, latencyP50Ms, latencyP99Ms, errors, non2xx, ...
//   targets                                     issue 7: rows[target] (value, limit, met), full, random, adversarial
//   seeds                                       the seeds' published numbers and ours for the same workloads
//   geometry                                    the polygon kernels: contains['<points>x<vertices>'] (Wasm, Wasm scalar, JS,
//                                               native), polygon[vertices], api[points] (JSON vs binary body), cloneMs,
//                                               lambda (a geofencing request at 128 MB), targets
import type { BaselineSection } from './baseline.ts';
import type { ColdStartSection } from './cold-start.ts';
import type { FirstSearchSection } from './first-search.ts';
import type { Mode } from './config.ts';
import type { FootprintSection } from './footprint.ts';
import type { GeometrySection } from './geometry.ts';
import type { KernelsSection } from './kernels.ts';
import type { LambdaCostSection } from './lambda-cost.ts';
import type { Machine } from './machine.ts';
import type { NativeSection } from './native.ts';
import type { OverheadSection } from './overhead.ts';
import type { PUBLISHED, SeedsOurs } from './seeds.ts';
import type { TargetsSection } from './targets.ts';
import type { ThroughputSection } from './throughput.ts';
import type { WorkersBudgetSection } from './workers-budget.ts';

export interface PalindromeSummary {
  min: number;
  max: number;
  wasmMs: number;
  jsMs: number;
  /** Native, same algorithm; null without a C compiler. */
  nativeMs: number | null;
  /** Native simple pruned loop; null where not run. */
  nativePrunedMs: number | null;
  naiveMs: number;
  naiveExtrapolated: boolean;
  jsOverWasm: number;
  wasmOverNative: number | null;
  jsOverNative: number | null;
  /** Naive loop / Wasm search: how many times faster the search is. */
  naiveOverWasm: number;
}

export interface Results {
  schema: 1;
  mode: Mode;
  generatedAt: string;
  runSeconds: number;
  machine: Machine;
  /** The 1-minute load average when the run started and ended (this run's own processes count too). */
  loadAverage: { start: number; end: number };
  palindromes: Record<string, PalindromeSummary>;
  kernels: KernelsSection;
  native: NativeSection;
  baseline: BaselineSection;
  coldStart: ColdStartSection;
  /** Absent from runs made before it was measured. */
  workersBudget?: WorkersBudgetSection;
  lambdaCost: LambdaCostSection;
  firstSearch: FirstSearchSection;
  overhead: OverheadSection;
  footprint: FootprintSection;
  throughput: ThroughputSection;
  targets: TargetsSection;
  seeds: { source: string; caveat: string; published: typeof PUBLISHED; ours: SeedsOurs };
  /** Absent from runs before the polygon kernels. */
  geometry?: GeometrySection;
}
