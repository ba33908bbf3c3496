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
/** Most vertices of one polygon (the Wasm kernel's vertex buffer holds this many: assembly/polygons.ts). */
export const MAX_VERTICES = 100_000;
/** Most points in one contains batch read from JSON or a binary body (the typed API takes any number). */
export const MAX_POINTS = 250_000;
/**
 * Largest |x| or |y| of a vertex or point: with coordinates up to 1e100, every intermediate of the
 * polygon kernels stays finite (the centroid's sums over MAX_VERTICES edges reach ~3.2e306).
 */
export const COORDINATE_MAX = 1e100;
/**
 * Largest request body of /api/polygon and /api/contains: 4 MiB. Base64-encoded (a binary body
 * through Lambda's proxies) that is 5.59 MB, under Lambda's 6 MB invocation payload with room for
 * the event around it; a binary body of 4 MiB holds 262,143 [x, y] pairs, a JSON one 100,000 to
 * 200,000 (20 to 40 bytes a pair).
 */
export const MAX_POLYGON_BODY_BYTES = 4 * 1024 * 1024;
