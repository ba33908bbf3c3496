// The seam between the core and the JavaScript runtime it runs on. The core reads no files and no
// runtime globals: whoever starts it (Node's entry, a Worker, a Deno or Bun server) hands it the
// compiled kernels and a clock. Node compiles build/polyfn.wasm from its bytes; Cloudflare Workers
// refuse to compile at run time and import the .wasm as a module already compiled.

export interface Runtime {
  /** build/polyfn.wasm, compiled. */
  kernels: WebAssembly.Module;
  /** Monotonic time in nanoseconds: deadlines are set on it, and both engines read it. */
  now(): bigint;
}

/** performance.now() is in every runtime polyfn runs on; Node's entry gives process.hrtime instead. */
export function performanceClock(): bigint {
  return BigInt(Math.round(performance.now() * 1e6));
}

let installed: Runtime | undefined;

/** Sets the runtime the Wasm engine runs on; the next Wasm call instantiates the new kernels. */
export function setRuntime(runtime: Runtime): void {
  installed = runtime;
}

/** The installed runtime, or a clear error naming what to do. */
export function runtime(): Runtime {
  if (!installed) {
    throw new Error("polyfn: no runtime installed for the Wasm engine: import 'polyfn' (Node) or call installRuntime() with the compiled kernels first");
  }
  return installed;
}

/** The clock deadlines are set on: the installed runtime's, else performance.now() (the JS engine needs no runtime). */
export function now(): bigint {
  return installed ? installed.now() : performanceClock();
}
