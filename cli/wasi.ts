// Runs the standalone WASI build (build/polyfn-wasi.wasm) with Node's built-in node:wasi, which
// supersedes the old `wasi` npm polyfill. No JS glue: arguments in, JSON on stdout, exit status out.
import { wasiWasm } from '../src/runtime/wasm-bytes.ts';

/** node:wasi announces itself as experimental when loaded; keep stderr for the command's own errors. */
function hideWasiWarning(): void {
  const listeners = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'ExperimentalWarning' && warning.message.includes('WASI')) return;
    for (const listener of listeners) listener(warning);
  });
}

/** Runs the WASI command with `args` (e.g. ['palindromes', '10', '99']) and returns its exit status. */
export async function runWasi(args: string[]): Promise<number> {
  hideWasiWarning();
  const { WASI } = await import('node:wasi');
  const wasi = new WASI({ version: 'preview1', args: ['polyfn-wasi', ...args], env: {}, returnOnExit: true });
  const instance = await WebAssembly.instantiate(await WebAssembly.compile(wasiWasm()), wasi.getImportObject() as WebAssembly.Imports);
  return wasi.start(instance);
}
