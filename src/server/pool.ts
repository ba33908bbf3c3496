// A Compute that runs the kernels described as long (`pool: true`, the palindrome search) on a pool of
// worker threads (piscina), so a long call never holds up cheap requests in the server modes (local
// server, Azure custom handler, OpenFaaS HTTP). The others (circle) stay inline: they take
// microseconds. A call is validated before it queues, so a bad one gets its 400 even when the pool is
// full; when every worker is busy and the queue is full, a call is refused at once with 503 and
// retry-after rather than left waiting.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { KERNELS, PolyfnError, prepareCall } from '../core/index.ts';
import { inlineCompute, type Compute } from '../contract/compute.ts';
import { HttpError } from '../contract/errors.ts';
import { POOL_QUEUE_PER_THREAD } from '../contract/limits.ts';
import type { KernelAnswer, KernelTask } from './kernel-task.ts';

export interface PoolOptions {
  /** Worker threads (default: one per core). */
  threads?: number;
  /** Searches that may wait for a worker before new ones get 503 (default: POOL_QUEUE_PER_THREAD per thread). */
  maxQueue?: number;
}

// Bundles (scripts/bundle.ts serverBundle) emit the worker task beside themselves as kernel-worker.mjs.
const taskFile = new URL(import.meta.url.endsWith('.ts') ? './kernel-worker.ts' : './kernel-worker.mjs', import.meta.url);

/** Piscina's rejection when maxQueue is reached (it exports no error class to test against). */
const QUEUE_FULL = 'Task queue is at limit';

export interface PoolCompute extends Compute {
  /**
   * Resolves once every worker has started: each warms both engines as it loads its task module
   * (kernel-worker.ts), so a server that listens after this has no first request waiting on that.
   */
  ready(): Promise<void>;
  /** Waits for running searches, then stops the workers. */
  close(): Promise<void>;
}

export function poolCompute(options: PoolOptions = {}): PoolCompute {
  const threads = options.threads ?? availableParallelism();
  const pool = new Piscina<KernelTask, KernelAnswer>({
    filename: taskFile.href,
    minThreads: threads,
    maxThreads: threads,
    maxQueue: options.maxQueue ?? threads * POOL_QUEUE_PER_THREAD,
  });
  // One small call per thread, each on an idle worker: it completes once that worker has loaded.
  const probe = KERNELS.find((kernel) => kernel.pool)!;
  let started: Promise<void> | undefined;
  return {
    ready() {
      started ??= Promise.all(Array.from({ length: threads }, () => pool.run({ kernel: probe.name, input: probe.example, options: {} }))).then(() => {});
      return started;
    },
    async run(kernel, input, callOptions) {
      if (!kernel.pool) return inlineCompute.run(kernel, input, callOptions);
      prepareCall(kernel, input, callOptions);
      let answer: KernelAnswer;
      try {
        answer = await pool.run({ kernel: kernel.name, input, options: callOptions });
      } catch (error) {
        if ((error as Error).message === QUEUE_FULL) {
          throw new HttpError('overloaded', 'every worker is busy and the queue is full; retry shortly', { 'retry-after': '1' });
        }
        throw error;
      }
      if (!answer.ok) throw new PolyfnError(answer.code, answer.message);
      return { value: answer.value, ms: answer.ms };
    },
    close: () => pool.close(),
  };
}
