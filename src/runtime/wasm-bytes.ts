import { readFileSync } from 'node:fs';

// The compiled kernels' bytes, read from build/ when running from source on Node. Bundles
// (scripts/bundle.ts) replace this module with one that carries the same bytes inline, so a bundle
// is one file.

export function kernelWasm(): Uint8Array<ArrayBuffer> {
  return readFileSync(new URL('../../build/polyfn.wasm', import.meta.url));
}

export function wasiWasm(): Uint8Array<ArrayBuffer> {
  return readFileSync(new URL('../../build/polyfn-wasi.wasm', import.meta.url));
}
