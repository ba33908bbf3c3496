// The Wasm engine: compiles build/polyfn.wasm once per process and keeps one instance.
// A trap (or an abort) inside the kernel discards the instance: the next call instantiates a fresh
// one from the already compiled module, so a single bad call never poisons the ones after it.
import { PolyfnError } from './errors.ts';
import { kernelWasm } from './wasm-bytes.ts';
import type { CircleBatch, PalindromeEnd, PalindromeOutcome, Work } from './types.ts';

interface KernelExports {
  memory: WebAssembly.Memory;
  palindromes(min: number, max: number, budget: bigint, deadline: bigint): number;
  resultValue(end: number): bigint;
  resultPairCount(end: number): number;
  resultPairs(end: number): number;
  stepsUsed(): bigint;
  warmUp(): void;
  circleArea(r: number): number;
  circleCircumference(r: number): number;
  batchCapacity(): number;
  batchRadii(): number;
  batchAreas(): number;
  batchCircumferences(): number;
  circles(n: number): void;
}

const WASI_SUCCESS = 0;

function instantiate(): KernelExports {
  let memory: WebAssembly.Memory | undefined;
  const imports = {
    // The kernel reads the monotonic clock through WASI's clock_time_get, so the same source also
    // builds the standalone WASI command. Here the host answers it from process.hrtime, the clock
    // that deadlines are set on.
    wasi_snapshot_preview1: {
      clock_time_get(_clock: number, _precision: bigint, out: number): number {
        new DataView(memory!.buffer).setBigUint64(out >>> 0, process.hrtime.bigint(), true);
        return WASI_SUCCESS;
      },
    },
    env: {
      abort(_message: number, _file: number, line: number, column: number): never {
        throw new WebAssembly.RuntimeError(`kernel aborted at ${line}:${column}`);
      },
    },
  };
  const exports = new WebAssembly.Instance(kernelModule, imports).exports as unknown as KernelExports;
  memory = exports.memory;
  // A short search: V8 starts compiling the walk's optimised code now, in the background, so the
  // first request does not run on baseline code (bench/first-search.ts measures both sides).
  exports.warmUp();
  return exports;
}

// Compiled and instantiated when this module loads, so a platform's init phase (Lambda's, before
// the first request) pays for it rather than the first request.
const kernelModule = new WebAssembly.Module(kernelWasm());
let current: KernelExports | undefined = instantiate();

function kernel<T>(call: (k: KernelExports) => T): T {
  current ??= instantiate();
  try {
    return call(current);
  } catch (error) {
    current = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PolyfnError('kernel_fault', `the Wasm kernel failed (${reason}); it has been reset`);
  }
}

/** Replaces the live instance by a fresh one (tests and the fault path use it; callers never need to). */
export function resetInstance(): void {
  current = undefined;
}

/** The live instance's linear memory, for tests: calls never grow it, and a fault replaces it with the instance. */
export function liveMemory(): WebAssembly.Memory {
  current ??= instantiate();
  return current.memory;
}

function readEnd(k: KernelExports, end: 0 | 1): PalindromeEnd {
  const value = BigInt.asUintN(64, k.resultValue(end));
  if (value === 0n) return { value: null, factors: [] };
  const count = k.resultPairCount(end);
  const raw = new Uint32Array(k.memory.buffer, k.resultPairs(end) >>> 0, count * 2);
  const factors: PalindromeEnd['factors'] = [];
  for (let i = 0; i < raw.length; i += 2) factors.push([raw[i]!, raw[i + 1]!]);
  return { value, factors };
}

const STATUS = ['ok', 'steps', 'deadline'] as const;

export function searchPalindromes(min: number, max: number, work: Work): PalindromeOutcome {
  return kernel((k) => {
    const status = STATUS[k.palindromes(min, max, BigInt(work.budget), work.deadlineNs)];
    const steps = Number(k.stepsUsed());
    if (status === undefined) throw new Error('unknown kernel status');
    if (status !== 'ok') return { status, steps };
    return { status, steps, result: { smallest: readEnd(k, 0), largest: readEnd(k, 1) } };
  });
}

export function circleArea(r: number): number {
  return kernel((k) => k.circleArea(r));
}

export function circleCircumference(r: number): number {
  return kernel((k) => k.circleCircumference(r));
}

/** Streams the radii through the kernel's fixed batch buffers, one chunk at a time. */
export function circles(radii: Float64Array): CircleBatch {
  return kernel((k) => {
    const n = radii.length;
    const area = new Float64Array(n);
    const circumference = new Float64Array(n);
    const capacity = k.batchCapacity();
    // Views are made per call: memory.grow (in another kernel) detaches older views.
    const { buffer } = k.memory;
    const inRadii = new Float64Array(buffer, k.batchRadii() >>> 0, capacity);
    const outArea = new Float64Array(buffer, k.batchAreas() >>> 0, capacity);
    const outCircumference = new Float64Array(buffer, k.batchCircumferences() >>> 0, capacity);
    for (let offset = 0; offset < n; offset += capacity) {
      const count = Math.min(capacity, n - offset);
      inRadii.set(radii.subarray(offset, offset + count));
      k.circles(count);
      area.set(outArea.subarray(0, count), offset);
      circumference.set(outCircumference.subarray(0, count), offset);
    }
    return { area, circumference };
  });
}
