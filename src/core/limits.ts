// The core's limits, in one place. The README's "Limits and errors" table is checked against this file.

/** Smallest factor accepted by palindromes(). */
export const FACTOR_MIN = 1;
/** Largest factor accepted by palindromes(): 9-digit factors, so products reach ~10^18 (past 2^53). */
export const FACTOR_MAX = 999_999_999;
/**
 * Default step budget of one palindromes() call. A step is one palindrome visited or one candidate
 * factor tested; both engines count them identically, so the budget is engine-independent.
 * Sized to let through every range the search finishes in 100 ms: a Wasm step costs 1.8-10 ns here
 * (1.8 on the costliest range, where walking dominates; 4-10 where 64-bit divisor tests do), so
 * 100 ms is at most ~57M steps, and the costliest range found (hill climbing, null ranges,
 * power-of-10 edges) needs 1.8M. No range needs more, so the budget stays: a search stopped by it
 * has run at most ~0.3 s on Wasm (~1.3 s on the JS engine, whose steps cost 6-43 ns).
 */
export const DEFAULT_BUDGET = 30_000_000;
/** Largest radius accepted: beyond ~7.5e153 the area overflows to Infinity, which JSON cannot carry. */
export const RADIUS_MAX = 1e153;
/** Most radii in one circle batch read from JSON (the typed API takes any number). */
export const MAX_RADII = 10_000;
