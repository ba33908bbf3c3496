// The piscina task file of the Node servers' pool (pool.ts): a kernel call on this thread's own
// instance, with Node's runtime.
import '../runtime/node.ts';

export { runKernelTask as default } from './kernel-task.ts';
