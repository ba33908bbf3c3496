// Section 1: the kernels, Wasm and JS side by side in one run. Palindromes through the public API
// (validation + kernel + result objects: what a caller gets) on every workload; circle area scalar
// through the API, and batches both through the API (which validates every radius in JS first) and
// at the engines' own batch functions (Wasm: copy radii in, SIMD, copy results out; JS: one loop),
// which is where SIMD has to pay for the copies.
import { circle, circles, palindromeResultToJSON, palindromes, type Engine, type PalindromeResult } from '../src/index.ts';
import { engines as circleEngines } from '../src/core/kernels/circle.ts';
import { BATCH_SIZES, WORKLOADS, type BenchConfig } from './config.ts';
import { measure, type Timing } from './measure.ts';

export interface EnginePair {
  wasm: Timing;
  js: Timing;
  /** JS median / Wasm median. */
  jsOverWasm: number;
}

export interface PalindromeKernelRow extends EnginePair {
  min: number;
  max: number;
  /** Both ends' values, as decimal text (they pass 2^53 at 9 digits). */
  smallest: string | null;
  largest: string | null;
}

export interface CircleRow extends EnginePair {
  radii: number;
  /** 'api': circle()/circles() as a caller uses them; 'engine': the engines' batch functions alone. */
  level: 'api' | 'engine';
}

export interface KernelsSection {
  palindromes: Record<string, PalindromeKernelRow>;
  /** Keys: 'scalar', then 'batch-<n>' (API) and 'engine-batch-<n>' (engines alone). */
  circle: Record<string, CircleRow>;
}

const ENGINES: readonly Engine[] = ['wasm', 'js'];

function pair(timings: Record<string, Timing>, key: string): EnginePair {
  const wasm = timings[`${key} wasm`]!;
  const js = timings[`${key} js`]!;
  return { wasm, js, jsOverWasm: js.medianMs / wasm.medianMs };
}

function sameResult(a: PalindromeResult, b: PalindromeResult): boolean {
  return JSON.stringify(palindromeResultToJSON(a)) === JSON.stringify(palindromeResultToJSON(b));
}

/** Deterministic radii spread over several magnitudes. */
function radiiOf(n: number): Float64Array {
  const radii = new Float64Array(n);
  for (let i = 0; i < n; i++) radii[i] = ((i * 7919) % 100_000) / 7;
  return radii;
}

export async function benchKernels(config: BenchConfig): Promise<KernelsSection> {
  const calls: Record<string, () => unknown> = {};
  const results: Record<string, PalindromeResult> = {};
  for (const w of WORKLOADS) {
    const [wasm, js] = ENGINES.map((engine) => palindromes(w.min, w.max, { engine }));
    if (!sameResult(wasm!, js!)) throw new Error(`${w.id}: the Wasm and JS engines disagree`);
    results[w.id] = wasm!;
    for (const engine of ENGINES) calls[`${w.id} ${engine}`] = () => palindromes(w.min, w.max, { engine });
  }
  for (const engine of ENGINES) calls[`scalar ${engine}`] = () => circle(12.5, { engine });
  for (const n of BATCH_SIZES) {
    const radii = radiiOf(n);
    for (const engine of ENGINES) {
      calls[`batch-${n} ${engine}`] = () => circles(radii, { engine });
      calls[`engine-batch-${n} ${engine}`] = () => circleEngines[engine].circles(radii);
    }
  }
  const timings = await measure(config, calls);

  const palindromeRows: Record<string, PalindromeKernelRow> = {};
  for (const w of WORKLOADS) {
    const { smallest, largest } = results[w.id]!;
    palindromeRows[w.id] = {
      min: w.min,
      max: w.max,
      smallest: smallest.value?.toString() ?? null,
      largest: largest.value?.toString() ?? null,
      ...pair(timings, w.id),
    };
  }
  const circleRows: Record<string, CircleRow> = { scalar: { radii: 1, level: 'api', ...pair(timings, 'scalar') } };
  for (const level of ['api', 'engine'] as const) {
    for (const n of BATCH_SIZES) {
      const key = `${level === 'api' ? '' : 'engine-'}batch-${n}`;
      circleRows[key] = { radii: n, level, ...pair(timings, key) };
    }
  }
  return { palindromes: palindromeRows, circle: circleRows };
}
