// The task a pool worker runs: one kernel call on this thread's own Wasm instance.
// Errors come back as values: a PolyfnError does not survive the trip between threads as itself.
import { kernelNamed, PolyfnError, runKernel, type CoreErrorCode, type KernelOptions } from '../index.ts';

export interface KernelTask {
  /** A kernel of the registry, by name (functions do not cross threads). */
  kernel: string;
  input: object;
  options: KernelOptions;
}

export type KernelAnswer = { ok: true; value: unknown; ms: number } | { ok: false; code: CoreErrorCode; message: string };

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
