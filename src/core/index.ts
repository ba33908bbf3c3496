// polyfn's public API: the kernels behind one typed, platform-neutral surface.
// Every call validates its arguments, runs on the chosen engine ('wasm' by default, or the 'js'
// twin) and either returns a result or throws a PolyfnError with a code and a clear message.
import { PolyfnError } from './errors.ts';
import { DEFAULT_BUDGET, FACTOR_MAX, FACTOR_MIN, RADIUS_MAX } from './limits.ts';
import * as js from './js/index.ts';
import type { Circle, CircleBatch, Engine, PalindromeResult } from './types.ts';
import * as wasm from './wasm.ts';

export * from './types.ts';
export { PolyfnError, type CoreErrorCode } from './errors.ts';
export { DEFAULT_BUDGET, FACTOR_MAX, FACTOR_MIN, RADIUS_MAX } from './limits.ts';
export { integerFromText, numberFromText } from './text.ts';
export { palindromeResultToJSON, type PalindromeEndJSON, type PalindromeResultJSON } from './json.ts';

const engines = { wasm, js } as const;

export interface EngineOption {
  /** 'wasm' (default) or 'js'. Both give identical results. */
  engine?: Engine;
}

export interface PalindromeOptions extends EngineOption {
  /** Step budget for this call (positive integer); defaults to DEFAULT_BUDGET. */
  budget?: number;
  /** Wall-clock limit for this call in milliseconds; the search stops with budget_exceeded past it. */
  timeoutMs?: number;
}

function pick(engine: Engine | undefined): typeof wasm | typeof js {
  const chosen = engines[engine ?? 'wasm'];
  if (!chosen) throw new PolyfnError('invalid_argument', `engine must be one of: wasm, js`);
  return chosen;
}

function checkFactor(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new PolyfnError('invalid_argument', `${name} must be an integer`);
  }
  if (value < FACTOR_MIN) throw new PolyfnError('invalid_argument', `${name} must be >= ${FACTOR_MIN}`);
  if (value > FACTOR_MAX) throw new PolyfnError('invalid_argument', `${name} must be <= ${FACTOR_MAX}`);
}

/** What is wrong with a radius, or undefined. (The caller names it: only on failure, batches are hot.) */
function radiusProblem(value: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
  if (value < 0) return 'must be >= 0';
  if (value > RADIUS_MAX) return `must be <= ${RADIUS_MAX}`;
  return undefined;
}

/**
 * The smallest and the largest palindromic product a * b with min <= a <= b <= max, each with all
 * its factor pairs. Exact for the whole domain (values are bigints).
 * @throws PolyfnError `invalid_argument` for a bad range, `budget_exceeded` when the budget runs out.
 */
export function palindromes(min: number, max: number, options: PalindromeOptions = {}): PalindromeResult {
  checkFactor('min', min);
  checkFactor('max', max);
  if (min > max) throw new PolyfnError('invalid_argument', 'min must be <= max');
  const { budget = DEFAULT_BUDGET, timeoutMs } = options;
  if (!Number.isSafeInteger(budget) || budget < 1) {
    throw new PolyfnError('invalid_argument', 'budget must be a positive integer');
  }
  if (timeoutMs !== undefined && !(timeoutMs >= 0)) {
    throw new PolyfnError('invalid_argument', 'timeoutMs must be a number >= 0');
  }
  const engine = pick(options.engine);
  const deadlineNs =
    timeoutMs === undefined ? 0n : process.hrtime.bigint() + BigInt(Math.ceil(timeoutMs * 1e6));
  const outcome = engine.searchPalindromes(min, max, { budget, deadlineNs });
  if (outcome.status === 'ok') return outcome.result;
  throw new PolyfnError(
    'budget_exceeded',
    outcome.status === 'steps'
      ? `the search of [${min}, ${max}] needs more than ${budget} steps`
      : `the search of [${min}, ${max}] did not finish within ${timeoutMs} ms`,
  );
}

/** Area and circumference of a circle. @throws PolyfnError `invalid_argument` for a bad radius. */
export function circle(radius: number, options: EngineOption = {}): Circle {
  const problem = radiusProblem(radius);
  if (problem) throw new PolyfnError('invalid_argument', `radius ${problem}`);
  const engine = pick(options.engine);
  return { radius, area: engine.circleArea(radius), circumference: engine.circleCircumference(radius) };
}

/**
 * Areas and circumferences of many radii at once (typed arrays in and out).
 * @throws PolyfnError `invalid_argument` naming the first bad radius.
 */
export function circles(radii: Float64Array | readonly number[], options: EngineOption = {}): CircleBatch {
  const input = radii instanceof Float64Array ? radii : Float64Array.from(radii);
  for (let i = 0; i < input.length; i++) {
    const problem = radiusProblem(input[i]!);
    if (problem) throw new PolyfnError('invalid_argument', `radii[${i}] ${problem}`);
  }
  return pick(options.engine).circles(input);
}
