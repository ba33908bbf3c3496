// The core Wasm module (build/polyfn.wasm): every kernel, loaded once per process by src/core/wasm.ts.
//
// ABI, palindrome products (assembly/palindromes.ts):
//   palindromes(min: u32, max: u32, budget: u64, deadline: u64): i32
//     Searches [min, max] (1 <= min <= max <= 999_999_999, validated by the caller) for both ends.
//     Returns 0 = done, 1 = step budget exhausted, 2 = deadline passed.
//     `deadline` is a time in ns on the WASI monotonic clock (clock_time_get), 0 = none.
//   resultValue(end: i32): u64        end 0 = smallest, 1 = largest; 0 = no palindrome at that end
//   resultPairCount(end: i32): i32    number of factor pairs of that end
//   resultPairs(end: i32): usize      address of u32 pairs [a0, b0, a1, b1, ...], ascending by a
//   stepsUsed(): u64                  steps counted by the last call (identical to the JS twin's count)
//   warmUp(): void                    a short search for the host to call at init: V8 then compiles the
//                                     walk's optimised code in the background, before the first search
//
// ABI, geometry (assembly/geometry.ts):
//   circleArea(r: f64): f64, circleCircumference(r: f64): f64
//   batchCapacity(): i32, batchRadii(): usize, batchAreas(): usize, batchCircumferences(): usize,
//   circles(n: i32): void   fills the first n areas and circumferences from the first n radii.
//
// ABI, polygons (assembly/polygons.ts): the host writes n vertices as [x, y] f64 pairs at
// vertexBuffer(), then vertex 0 again (n <= vertexCapacity()), and points at pointBuffer().
//   polygon(n: i32): void             writes [twice the signed area, perimeter, centroid x, centroid y]
//                                     (f64) at polygonMeasures()
//   contains(n: i32, m: i32): void    for the first m points (m <= pointCapacity()), one byte each at
//                                     insideBuffer(): 1 inside or on the boundary (even-odd rule), 0 outside
//   containsScalar(n, m)              the same answers without SIMD (the benchmark's comparison)
//   vertexCapacity(), pointCapacity(): i32; vertexBuffer(), pointBuffer(), insideBuffer(), polygonMeasures(): usize
export { palindromes, resultValue, resultPairCount, resultPairs, stepsUsed, warmUp } from "./palindromes";
export {
  circleArea,
  circleCircumference,
  batchCapacity,
  batchRadii,
  batchAreas,
  batchCircumferences,
  circles,
} from "./geometry";
export {
  vertexCapacity,
  pointCapacity,
  vertexBuffer,
  pointBuffer,
  insideBuffer,
  polygonMeasures,
  polygon,
  contains,
  containsScalar,
} from "./polygons";
