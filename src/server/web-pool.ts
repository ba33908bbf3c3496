// The Deno and Bun servers' counterpart of pool.ts: long kernel calls (`pool: true`) on Web Workers,
// so a long search does not hold up the cheap requests behind it. A budgeted call first runs inline
// with a small budget (nearly every search finishes within it, and a worker round trip would cost
// more than the search); one that outgrows it runs again, whole, on a worker. The inline attempt
// wasted is at most INLINE_STEPS steps (about a millisecond). Workers start on the first call that
// needs one, so start-up does not pay for them; when every worker is busy and the queue is full, a
// call is refused at once with 503 and retry-after, as in the Node servers. Where Web Workers cannot
// be made (a platform without them), every call runs inline, bounded by its budget.
import { DEFAULT_BUDGET, PolyfnError, prepareCall, type AnyKernel, type KernelOptions } from '../core/index.ts';
import { inlineCompute, type Compute, type Timed } from '../contract/compute.ts';
import { HttpError } from '../contract/errors.ts';
import { POOL_QUEUE_PER_THREAD } from '../contract/limits.ts';
import type { KernelAnswer, KernelTask } from './kernel-task.ts';

/** Steps a budgeted long call takes inline before it moves to a worker. */
export const INLINE_STEPS = 100_000;

// Bundles (scripts/bundle.ts webServerBundle) emit the worker script beside themselves.
const workerFile = new URL(import.meta.url.endsWith('.ts') ? './web-kernel-worker.ts' : './kernel-worker.mjs', import.meta.url);

/** What a worker posts back for the task it was given (one at a time): its answer, or why it failed. */
export type WorkerReply = { answer: KernelAnswer } | { failure: string };

interface Job {
  task: KernelTask;
  resolve(answer: KernelAnswer): void;
  reject(error: Error): void;
}

interface Slot {
  /** Started when a job first needs it; dropped when it fails outside a task. */
  worker?: Worker;
  job?: Job;
}

export interface WebPoolOptions {
  /** Workers (default: one per core). */
  threads?: number;
  /** Calls that may wait for a worker before new ones get 503 (default: POOL_QUEUE_PER_THREAD per worker). */
  maxQueue?: number;
}

export interface WebPoolCompute extends Compute {
  /** Waits for the calls running and queued, then stops the workers. */
  close(): Promise<void>;
}

export function webWorkerPool(options: WebPoolOptions = {}): WebPoolCompute {
  const threads = options.threads ?? navigator.hardwareConcurrency ?? 1;
  const maxQueue = options.maxQueue ?? threads * POOL_QUEUE_PER_THREAD;
  const queue: Job[] = [];
  const pending = new Set<Promise<unknown>>();
  const slots: Slot[] = Array.from({ length: threads }, () => ({}));
  let workersMade: boolean | undefined;

  /** Whether this runtime makes Web Workers: found out once, by making the first. */
  function canUseWorkers(): boolean {
    if (workersMade === undefined) {
      try {
        slots[0]!.worker = startWorker(slots[0]!);
        workersMade = true;
      } catch {
        workersMade = false;
      }
    }
    return workersMade;
  }

  function startWorker(slot: Slot): Worker {
    const worker = new Worker(workerFile, { type: 'module' });
    worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
      const job = slot.job!;
      slot.job = undefined;
      if ('answer' in data) job.resolve(data.answer);
      else job.reject(new Error(data.failure));
      dispatch();
    };
    // A worker that fails outside a task (its script did not load, it ran out of memory) fails its
    // job and is dropped; the next job starts a fresh one in its place.
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      slot.worker = undefined;
      const job = slot.job;
      slot.job = undefined;
      job?.reject(new Error(`kernel worker failed: ${event.message}`));
      dispatch();
    };
    return worker;
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.job || queue.length === 0) continue;
      slot.job = queue.shift()!;
      slot.worker ??= startWorker(slot);
      slot.worker.postMessage(slot.job.task);
    }
  }

  function onWorker(task: KernelTask): Promise<KernelAnswer> {
    if (slots.every((slot) => slot.job) && queue.length >= maxQueue) {
      return Promise.reject(new HttpError('overloaded', 'every worker is busy and the queue is full; retry shortly', { 'retry-after': '1' }));
    }
    const answer = new Promise<KernelAnswer>((resolve, reject) => queue.push({ task, resolve, reject }));
    pending.add(answer);
    void answer.catch(() => {}).finally(() => pending.delete(answer));
    dispatch();
    return answer;
  }

  /** A budgeted call inline within INLINE_STEPS: its result, or undefined when it needs more (and may have more). */
  async function inlineFirst(kernel: AnyKernel, input: object, callOptions: KernelOptions): Promise<Timed<unknown> | undefined> {
    const budget = callOptions.budget ?? DEFAULT_BUDGET;
    if (budget <= INLINE_STEPS) return inlineCompute.run(kernel, input, callOptions);
    try {
      return await inlineCompute.run(kernel, input, { ...callOptions, budget: INLINE_STEPS });
    } catch (error) {
      if (error instanceof PolyfnError && error.code === 'budget_exceeded') return undefined;
      throw error;
    }
  }

  return {
    async run(kernel, input, callOptions) {
      if (!kernel.pool || !canUseWorkers()) return inlineCompute.run(kernel, input, callOptions);
      const started = performance.now();
      if (kernel.budgeted) {
        const inline = await inlineFirst(kernel, input, callOptions);
        if (inline) return inline;
      } else prepareCall(kernel, input, callOptions);
      const inlineMs = performance.now() - started;
      const answer = await onWorker({ kernel: kernel.name, input, options: callOptions });
      if (!answer.ok) throw new PolyfnError(answer.code, answer.message);
      return { value: answer.value, ms: inlineMs + answer.ms };
    },
    async close() {
      await Promise.allSettled([...pending]);
      for (const slot of slots) {
        slot.worker?.terminate();
        slot.worker = undefined;
      }
    },
  };
}
