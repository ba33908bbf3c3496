// Kernel calls for the fault and leak tests: a real trap inside the Wasm instance, and a fixed mix
// of calls. Run as a program (node --expose-gc --import tsx test/support/kernel-calls.ts), it makes
// 100,000 mixed calls after a warm-up in a fresh process and prints one JSON line: the Wasm memory
// size and the process's settled memory before and after.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { circle, circles, DEFAULT_BUDGET, KERNELS, palindromes, PolyfnError, runKernel } from '../../src/index.ts';
import { engines } from '../../src/core/kernels/palindromes.ts';
import { liveMemory } from '../../src/core/wasm.ts';

/**
 * A real trap: the kernel divides by zero when handed max = 0, which the public API refuses, so only
 * the internal engine can be given it. Returns the error the engine threw.
 */
export function trap(): PolyfnError {
  try {
    engines.wasm(0, 0, { budget: DEFAULT_BUDGET, deadlineNs: 0n });
  } catch (error) {
    if (error instanceof PolyfnError) return error;
    throw error;
  }
  throw new Error('searching [0, 0] did not trap');
}

// Ranges from one pair to many ([1, 9]: 9 = 1 * 9 = 3 * 3 moves the pairs to a heap block), both engines.
const RANGES: Array<[number, number]> = [
  [1, 9],
  [10, 99],
  [100, 999],
  [15, 15],
  [1, 999],
  [91, 99],
  [3215, 4000],
  [1000, 9999],
  [1, 99_999],
];
// More radii than the kernel's batch buffers hold, so the largest batches go through in chunks.
const RADII = Float64Array.from({ length: 40_000 }, (_, i) => i / 4);

/**
 * Call number i of a fixed mix: mostly searches, a batch or a circle every tenth call, every kernel's
 * example in turn every tenth, a trap every thousandth.
 */
export function call(i: number): void {
  const engine = i % 8 === 1 ? 'js' : 'wasm';
  if (i % 1000 === 500) trap();
  else if (i % 10 === 0) circles(RADII.subarray(0, i % 10_000 === 0 ? RADII.length : 1 + (i % 300)), { engine });
  else if (i % 10 === 5) circle(i, { engine });
  else if (i % 10 === 7) {
    const kernel = KERNELS[Math.floor(i / 10) % KERNELS.length]!;
    runKernel(kernel, kernel.example, { engine });
  } else palindromes(...RANGES[i % RANGES.length]!, { engine });
}

export interface CallsMeasurement {
  calls: number;
  wasmBytes: { before: number; after: number };
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
}

/** This process's memory once garbage no longer counts (needs --expose-gc). */
function settledMemory(): NodeJS.MemoryUsage {
  const { gc } = globalThis as { gc?: () => void };
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc(); // a second pass collects what the first one's finalizers released
  return process.memoryUsage();
}

export function measureCalls(calls: number, warmUp: number): CallsMeasurement {
  for (let i = 0; i < warmUp; i++) call(i); // JIT tiers, allocator pools, the pair buffers' final size
  const wasmBefore = liveMemory().buffer.byteLength;
  const before = settledMemory();
  for (let i = 0; i < calls; i++) call(i);
  const wasmAfter = liveMemory().buffer.byteLength;
  return { calls, wasmBytes: { before: wasmBefore, after: wasmAfter }, before, after: settledMemory() };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) process.stdout.write(`${JSON.stringify(measureCalls(100_000, 50_000))}\n`);
