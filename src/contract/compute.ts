// How routes reach the kernels. Inline by default; server modes may substitute a worker pool with
// the same interface so a long search never blocks cheap requests. Each call reports the kernel's
// own time, measured where the kernel runs.
import * as core from '../core/index.ts';
import type { Circle, CircleBatch, EngineOption, PalindromeOptions, PalindromeResult } from '../core/index.ts';

export interface Timed<T> {
  value: T;
  /** Kernel time in ms. */
  ms: number;
}

export interface Compute {
  palindromes(min: number, max: number, options: PalindromeOptions): Promise<Timed<PalindromeResult>>;
  circle(radius: number, options: EngineOption): Promise<Timed<Circle>>;
  circles(radii: Float64Array, options: EngineOption): Promise<Timed<CircleBatch>>;
}

async function timed<T>(run: () => T): Promise<Timed<T>> {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

export const inlineCompute: Compute = {
  palindromes: (min, max, options) => timed(() => core.palindromes(min, max, options)),
  circle: (radius, options) => timed(() => core.circle(radius, options)),
  circles: (radii, options) => timed(() => core.circles(radii, options)),
};
