// The Wasm engine's instance: one per process (or isolate), made from the runtime's compiled kernels.
// A trap (or an abort) inside a kernel discards the instance: the next call instantiates a fresh one
// from the already compiled module, so a single bad call never poisons the ones after it. Each
// kernel's description (kernels/) holds its own view of the exports and reads its results.
import { PolyfnError } from './errors.ts';
import { now, runtime } from './runtime.ts';

/** What every instance exports; each kernel adds its own functions. */
export interface CoreExports {
  memory: WebAssembly.Memory;
  /**
   * Runs the kernels briefly so V8 starts compiling their optimised code now, in the background, and
   * the first call does not run start to end on baseline code (bench/first-search.ts measures it).
   */
  warmUp(): void;
}

const WASI_SUCCESS = 0;

interface Live {
  module: WebAssembly.Module;
  exports: CoreExports;
  /** warmUp()'s time on baseline code, just after instantiation (ns): what waitForOptimisedWalk() compares with. */
  baselineWarmUpNs: bigint;
  /** When the optimising compile started (the runtime clock, ns). */
  madeAt: bigint;
}

let live: Live | undefined;

function instantiate(module: WebAssembly.Module): Live {
  let memory: WebAssembly.Memory | undefined;
  const imports = {
    // The kernels read the monotonic clock through WASI's clock_time_get, so the same source also
    // builds the standalone WASI command. Here the host answers it from the runtime's clock, the one
    // deadlines are set on.
    wasi_snapshot_preview1: {
      clock_time_get(_clock: number, _precision: bigint, out: number): number {
        new DataView(memory!.buffer).setBigUint64(out >>> 0, now(), true);
        return WASI_SUCCESS;
      },
    },
    env: {
      abort(_message: number, _file: number, line: number, column: number): never {
        throw new WebAssembly.RuntimeError(`kernel aborted at ${line}:${column}`);
      },
    },
  };
  const exports = new WebAssembly.Instance(module, imports).exports as unknown as CoreExports;
  memory = exports.memory;
  // The first call should not run on baseline code: start the optimising compile now.
  exports.warmUp();
  const madeAt = now();
  return { module, exports, baselineWarmUpNs: timedWarmUp(exports), madeAt };
}

/** The live instance, made afresh when there is none or the runtime changed. */
function liveInstance(): Live {
  const { kernels } = runtime();
  if (live?.module !== kernels) live = instantiate(kernels);
  return live;
}

function instance(): CoreExports {
  return liveInstance().exports;
}

/** How long one warmUp() takes (ns). */
function timedWarmUp(exports: CoreExports): bigint {
  const start = now();
  exports.warmUp();
  return now() - start;
}

/** Instantiates now, so a platform's init phase pays for it rather than the first call. */
export function prepareInstance(): void {
  instance();
}

/** What waitForOptimisedWalk() did. */
export interface OptimisedWalkWait {
  /** The optimised walk was seen running: warmUp() took under OPTIMISED_FRACTION of its baseline time. */
  optimised: boolean;
  /** Time spent here (ms), sleeps and the timed warmUp() calls included. */
  waitedMs: number;
}

/** warmUp() on optimised code takes about a quarter of its time on baseline code (min of many, here). */
const OPTIMISED_FRACTION = 0.5;
/** Between two timed warmUp() calls: sleep, so the compile thread has the CPU (a fraction of one, on Lambda). */
const POLL_MS = 1;

/**
 * Waits, sleeping, until the walk runs on V8's optimised code, or until `maxMs` after instantiation:
 * for an init phase that a first search may follow at once (Lambda, which bills init). Whatever
 * else init does after instantiating counts towards `maxMs`, as the compile runs meanwhile.
 * Instantiation's warmUp() started the compile in the background and timed a second warmUp() on
 * baseline code (~2,000 steps, ~0.1 ms); each poll times one more against it. (V8 keeps a module's
 * optimised code for its later instances: after a fault's fresh instance, the wait lasts `maxMs`.)
 */
export async function waitForOptimisedWalk(maxMs: number): Promise<OptimisedWalkWait> {
  const { exports, baselineWarmUpNs, madeAt } = liveInstance();
  const start = now();
  const sinceMs = (t: bigint) => Number(now() - t) / 1e6;
  const optimised = () => Number(timedWarmUp(exports)) < OPTIMISED_FRACTION * Number(baselineWarmUpNs);
  if (optimised()) return { optimised: true, waitedMs: sinceMs(start) };
  while (sinceMs(madeAt) + POLL_MS <= maxMs) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (optimised()) return { optimised: true, waitedMs: sinceMs(start) };
  }
  return { optimised: false, waitedMs: sinceMs(start) };
}

/** Runs `call` on the live instance; a trap becomes kernel_fault and the instance is dropped. */
export function withKernels<E, T>(call: (exports: E & CoreExports) => T): T {
  const exports = instance() as E & CoreExports;
  try {
    return call(exports);
  } catch (error) {
    live = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PolyfnError('kernel_fault', `the Wasm kernel failed (${reason}); it has been reset`);
  }
}

/** Replaces the live instance by a fresh one (tests and the fault path use it; callers never need to). */
export function resetInstance(): void {
  live = undefined;
}

/** The live instance's linear memory, for tests: calls never grow it, and a fault replaces it with the instance. */
export function liveMemory(): WebAssembly.Memory {
  return instance().memory;
}
