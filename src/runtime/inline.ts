// The core's runtime where a program may compile Wasm when it runs and has no files at a known place
// (the Deno and Bun servers and their workers): the kernels compiled from the bytes the bundle carries
// (scripts/bundle.ts inlines them) when this module loads, and performance.now()'s clock.
import { installRuntime, performanceClock } from '../core/index.ts';
import { kernelWasm } from './wasm-bytes.ts';

installRuntime({ kernels: new WebAssembly.Module(kernelWasm()), now: performanceClock });
