// The task a pool worker runs, on a piscina thread (kernel-worker.ts) or a Web Worker
// (web-kernel-worker.ts): one kernel call on the worker's own Wasm instance, from the runtime its
// entry installed. Errors come back as values: a PolyfnError does not survive the trip between
// threads as itself.
import { ENGINES, KERNELS, kernelNamed, PolyfnError, runKernel, type AnyKernel, type CoreErrorCode, type Engine, type KernelOptions } from '../core/index.ts';

export interface KernelTask {
  /** A kernel of the registry, by name (functions do not cross threads). */
  kernel: string;
  input: object;
  options: KernelOptions;
}

export type KernelAnswer = { ok: true; value: unknown; ms: number } | { ok: false; code: CoreErrorCode; message: string };

export function runKernelTask({ kernel, input, options }: KernelTask): KernelAnswer {
  const start = performance.now();
  try {
    const described = kernelNamed(kernel);
    if (!described) throw new Error(`no kernel named ${JSON.stringify(kernel)}`);
    return { ok: true, value: runKernel(described, input, options), ms: performance.now() - start };
  } catch (error) {
    if (error instanceof PolyfnError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/** The most a worker spends warming one kernel on one engine. */
const WARM_UP_MAX_MS = 300;

/**
 * Runs `kernel`'s warm-up input on `engine` until two calls in a row are no faster than the fastest by
 * a fifth: V8 then runs it on its optimised code (Wasm: the walk's; JS: the twin's, which takes a few
 * compiles).
 */
function warmUp(kernel: AnyKernel, engine: Engine): void {
  const started = performance.now();
  let fastest = Infinity;
  let settled = 0;
  while (settled < 2 && performance.now() - started < WARM_UP_MAX_MS) {
    const start = performance.now();
    runKernel(kernel, kernel.warmUp, { engine });
    const ms = performance.now() - start;
    settled = ms < 0.8 * fastest ? 0 : settled + 1;
    fastest = Math.min(fastest, ms);
  }
}

/**
 * What a pool worker does once, as it starts: every pool kernel's warm-up on both engines, so that its
 * first request does not run on baseline code (a request that comes meanwhile waits in the pool's queue).
 */
export function warmUpWorker(): void {
  for (const kernel of KERNELS) if (kernel.pool && kernel.warmUp !== undefined) for (const engine of ENGINES) warmUp(kernel, engine);
}
