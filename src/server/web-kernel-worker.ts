// A Web Worker of the Deno and Bun servers' pool (web-pool.ts): the tasks posted to it, one at a
// time, each a kernel call on this worker's own Wasm instance.
import '../runtime/inline.ts';
import { runKernelTask, type KernelTask } from './kernel-task.ts';
import type { WorkerReply } from './web-pool.ts';

const scope = self as unknown as { onmessage: (event: MessageEvent<KernelTask>) => void; postMessage(reply: WorkerReply): void };

scope.onmessage = ({ data }) => {
  let reply: WorkerReply;
  try {
    reply = { answer: runKernelTask(data) };
  } catch (error) {
    reply = { failure: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};
