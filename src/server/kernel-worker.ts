// The piscina task file of the Node servers' pool (pool.ts): a kernel call on this thread's own
// instance, with Node's runtime. The worker warms up as piscina loads this file, before its first task.
import '../runtime/node.ts';
import { warmUpWorker } from './kernel-task.ts';

warmUpWorker();

export { runKernelTask as default } from './kernel-task.ts';
