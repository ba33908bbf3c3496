// The task a pool worker runs, on a piscina thread (kernel-worker.ts) or a Web Worker
// (web-kernel-worker.ts): one kernel call on the worker's own Wasm instance, from the runtime its
// entry installed. Errors come back as values: a PolyfnError does not survive the trip between
// threads as itself.
import { kernelNamed, PolyfnError, runKernel, type CoreErrorCode, type KernelOptions } from '../core/index.ts';

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
