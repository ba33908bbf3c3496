// In-process timings through tinybench: warm-up, many samples, median and spread. Calls far shorter than the timer's own cost (a circle area takes a few ns)
// are timed in batches: each sample runs the call `batch` times and is divided back to one call.
import { Bench, hrtimeNowTimestampProvider } from 'tinybench';
import type { BenchConfig } from './config.ts';

/** One call's time, in ms. */
export interface Timing {
  medianMs: number;
  /** Median absolute deviation of the samples: the spread. */
  madMs: number;
  minMs: number;
  p99Ms: number;
  /** tinybench samples taken (each of `batch` calls). */
  samples: number;
  batch: number;
}

/** A sample should last about this long (ms) so that the timer's cost is noise. */
const SAMPLE_MS = 0.2;
const MAX_BATCH = 100_000;

// biome-ignore lint/correctness/noUnusedVariables: written, never read: a sink that keeps V8 from dropping the call's result
let sink: unknown;

async function callsPerSample(call: () => unknown, probeMs: number): Promise<number> {
  let calls = 0;
  const started = performance.now();
  while (performance.now() - started < probeMs) {
    sink = await call();
    calls++;
  }
  const perCall = (performance.now() - started) / calls;
  return Math.max(1, Math.min(MAX_BATCH, Math.floor(SAMPLE_MS / perCall)));
}

/**
 * Times each call with tinybench, one task after another (never in parallel). Calls that return a
 * promise are awaited inside the timed window, as a platform awaits a handler.
 */
export async function measure(config: BenchConfig, calls: Partial<Record<string, () => unknown>>): Promise<Record<string, Timing>> {
  const bench = new Bench({
    ...config.tinybench,
    timestampProvider: hrtimeNowTimestampProvider,
    subtractTimerOverhead: true,
    throws: true,
  });
  const batches: Record<string, number> = {};
  for (const [name, call] of Object.entries(calls)) {
    if (!call) continue;
    const first = call();
    const isAsync = first instanceof Promise;
    sink = await first;
    const batch = await callsPerSample(call, Math.min(5, config.tinybench.warmupTime));
    batches[name] = batch;
    const task = isAsync
      ? async () => {
          for (let i = 0; i < batch; i++) sink = await call();
        }
      : () => {
          for (let i = 0; i < batch; i++) sink = call();
        };
    bench.add(name, task, { async: isAsync });
  }
  await bench.run();
  const timings: Record<string, Timing> = {};
  for (const task of bench.tasks) {
    const { result } = task;
    if (result.state !== 'completed') throw new Error(`benchmark task ${task.name}: ${result.state}`);
    const batch = batches[task.name]!;
    const { latency } = result;
    timings[task.name] = {
      medianMs: latency.p50 / batch,
      madMs: latency.mad / batch,
      minMs: latency.min / batch,
      p99Ms: latency.p99 / batch,
      samples: latency.samplesCount,
      batch,
    };
  }
  return timings;
}
