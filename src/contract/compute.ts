// How routes reach the kernels. Inline by default; the Node server modes substitute a worker pool
// with the same interface (src/server/pool.ts) so a long call never blocks cheap requests. Each call
// reports the kernel's own time, measured where the kernel runs.
import { runKernel, type AnyKernel, type KernelOptions } from '../core/index.ts';

export interface Timed<T> {
  value: T;
  /** Kernel time in ms. */
  ms: number;
}

export interface Compute {
  /** One kernel call: validated (invalid_argument, missing_argument) before it runs or queues. */
  run(kernel: AnyKernel, input: object, options: KernelOptions): Promise<Timed<unknown>>;
}

export const inlineCompute: Compute = {
  async run(kernel, input, options) {
    const start = performance.now();
    const value: unknown = runKernel(kernel, input, options);
    return { value, ms: performance.now() - start };
  },
};
