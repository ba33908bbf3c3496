// The task a pool worker runs: one kernel call on this thread's own Wasm instance.
// Errors come back as values: a PolyfnError does not survive the trip between threads as itself.
import { ENGINES, kernelNamed, palindromes, PolyfnError, runKernel, type CoreErrorCode, type Engine, type KernelOptions } from '../index.ts';

export interface KernelTask {
  /** A kernel of the registry, by name (functions do not cross threads). */
  kernel: string;
  input: object;
  options: KernelOptions;
}

export type KernelAnswer = { ok: true; value: unknown; ms: number } | { ok: false; code: CoreErrorCode; message: string };

/** What a worker is warmed on: the pool's long kernel on the whole 9-digit range (~1 ms warm on Wasm, ~2 ms on JS). */
const WARM_UP_RANGE = [100_000_000, 999_999_999] as const;
/** The most a worker spends warming one engine. */
const WARM_UP_MAX_MS = 300;

/**
 * Searches on `engine` until two searches in a row are no faster than the fastest by a fifth: V8
 * then runs the search on its optimised code (Wasm: the walk's; JS: the twin's, which takes a few
 * compiles). A worker does this once, when it starts, so that its first request does not run on
 * baseline code; a request that comes meanwhile waits for it in the pool's queue.
 */
function warmUp(engine: Engine): void {
  const started = performance.now();
  let fastest = Infinity;
  let settled = 0;
  while (settled < 2 && performance.now() - started < WARM_UP_MAX_MS) {
    const start = performance.now();
    palindromes(...WARM_UP_RANGE, { engine });
    const ms = performance.now() - start;
    settled = ms < 0.8 * fastest ? 0 : settled + 1;
    fastest = Math.min(fastest, ms);
  }
}

for (const engine of ENGINES) warmUp(engine);

export default function runKernelTask({ kernel, input, options }: KernelTask): KernelAnswer {
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
