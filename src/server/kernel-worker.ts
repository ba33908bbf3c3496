// The task a pool worker runs: one palindromes() call on this thread's own Wasm instance.
// Errors come back as values: a PolyfnError does not survive the trip between threads as itself.
import { palindromes, PolyfnError, type CoreErrorCode, type PalindromeOptions, type PalindromeResult } from '../core/index.ts';

export interface KernelTask {
  min: number;
  max: number;
  options: PalindromeOptions;
}

export type KernelAnswer =
  | { ok: true; value: PalindromeResult; ms: number }
  | { ok: false; code: CoreErrorCode; message: string };

export default function runKernelTask({ min, max, options }: KernelTask): KernelAnswer {
  const start = performance.now();
  try {
    return { ok: true, value: palindromes(min, max, options), ms: performance.now() - start };
  } catch (error) {
    if (error instanceof PolyfnError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
