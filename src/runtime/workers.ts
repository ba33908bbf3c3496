// The core's runtime on Cloudflare Workers, which refuse to compile Wasm from bytes at run time: the
// kernels arrive compiled, as the module `./polyfn.wasm` beside the worker's bundle (wrangler's
// CompiledWasm rule, workerd's `wasm` module; scripts/package/cloudflare.ts puts the file there).
// The clock is performance.now(). Deployed, it advances only when the worker does I/O, so it stands
// still during a search: there, the step budget alone bounds a search's CPU time.
import kernels from './polyfn.wasm';
import { installRuntime, performanceClock } from '../core/index.ts';

installRuntime({ kernels, now: performanceClock });
