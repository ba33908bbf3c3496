// polyfn's public API: the kernels behind one typed surface that knows no platform and no runtime.
// Every call validates its arguments, runs on the chosen engine ('wasm' by default, or the 'js'
// twin) and either returns a result or throws a PolyfnError with a code and a clear message.
// The Wasm engine runs on the kernels a runtime entry installed (src/index.ts on Node).
import { prepareInstance } from './wasm.ts';
import { setRuntime, type Runtime } from './runtime.ts';

export * from './types.ts';
export { PolyfnError, type CoreErrorCode } from './errors.ts';
export { COORDINATE_MAX, DEFAULT_BUDGET, FACTOR_MAX, FACTOR_MIN, MAX_POINTS, MAX_POLYGON_BODY_BYTES, MAX_RADII, MAX_VERTICES, RADIUS_MAX } from './limits.ts';
export { integerFromText, numberFromText } from './text.ts';
export { palindromeResultToJSON, type PalindromeEndJSON, type PalindromeResultJSON } from './json.ts';
export {
  allParams,
  inputToJson,
  prepareCall,
  runKernel,
  type AnyKernel,
  type BinaryBody,
  type BudgetOptions,
  type ComputeOptions,
  type EngineOption,
  type Kernel,
  type KernelOptions,
} from './kernel.ts';
export { engineName, integer, kindOf, number, numbers, param, points, type JsonSchema, type Param, type Reader } from './params.ts';
export { KERNELS, kernelNamed, runExamples } from './kernels/index.ts';
export { palindromes, palindromesKernel, type PalindromeInput } from './kernels/palindromes.ts';
export { circle, circles, circleKernel, type CircleInput, type CircleResult } from './kernels/circle.ts';
export { polygon, polygonKernel, type Polygon, type PolygonInput, type PointsInput } from './kernels/polygon.ts';
export { contains, containsKernel, CONTAINS_BLOCK, type Containment, type ContainsInput } from './kernels/contains.ts';
export { now, performanceClock, type Runtime } from './runtime.ts';
export { waitForOptimisedWalk, type OptimisedWalkWait } from './wasm.ts';

/** The options of palindromes(): the engine, a step budget and a time limit. */
export type { KernelOptions as PalindromeOptions } from './kernel.ts';

/**
 * Gives the core its runtime (the compiled kernels and a monotonic clock) and instantiates the
 * kernels at once, so a platform's init phase pays for it rather than the first call.
 */
export function installRuntime(runtime: Runtime): void {
  setRuntime(runtime);
  prepareInstance();
}
