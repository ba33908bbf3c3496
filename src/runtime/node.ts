// The core's runtime on Node: the kernels compiled from their bytes when this module loads (so an
// init phase, Lambda's, pays for it) and process.hrtime's monotonic clock. Imported for its effect
// by every Node entry point: the package (src/index.ts), the platform bundles, the pool's workers.
import { installRuntime } from '../core/index.ts';
import { kernelWasm } from './wasm-bytes.ts';

installRuntime({ kernels: new WebAssembly.Module(kernelWasm()), now: () => process.hrtime.bigint() });
