// Polygons: a simple polygon's area, perimeter, centroid and orientation (polygon), and which of a
// batch of points lie inside it (contains). ABI: see assembly/index.ts. The JS twin is
// src/core/js/polygons.ts; a native (C) build of the same algorithm is bench/native/polygons.c.
//
// Memory: fixed static buffers, so a call never grows memory. The host writes the polygon's n
// vertices as [x, y] f64 pairs into the vertex buffer followed by vertex 0 again (so edge i always
// runs from vertex i to vertex i + 1), and streams the points through the point buffer a chunk at a
// time, reading the answers (one byte per point) back after each chunk.
//
// polygon: the shoelace sums over the edges, on coordinates translated by vertex 0 (which keeps
// the products small for far-off coordinates such as projected metres). Two edges per f64x2: lane 0
// sums the even edges, lane 1 the odd ones, and the lanes are added last (lane 0 + lane 1); the JS
// twin keeps the same two sums, so results are bit-identical. A last even edge (n odd) joins lane 0.
//
// contains: the even-odd rule with a half-open crossing test, decided by the sign of one cross
// product, and a point on the boundary (d = 0 within the edge's box) counts as inside. For edge
// (x1, y1) -> (x2, y2) and point (px, py):
//   in range  min(y1, y2) <= py <= max(y1, y2)   (no other edge can cross or touch the point)
//   d         (px - x1) * (py - y2) - (px - x2) * (py - y1)
//   crossing  (y1 <= py) != (y2 <= py) and (d > 0) == (y1 <= py)
//   boundary  d == 0 and min(x1, x2) <= px <= max(x1, x2)
// Points go eight at a time (four f64x2 of x, four of y): an edge whose y range holds none of the
// eight costs two compares per vector; only an edge in range computes d, and only a d of 0 the box.
// The same rule, one point at a time, handles a chunk's last points (and is the scalar reference the
// benchmark compares against).

/** Most vertices a polygon may have (src/core/limits.ts MAX_VERTICES; test/wasi.test.ts checks they agree). */
export const VERTEX_CAPACITY: i32 = 100_000;
const POINT_CAPACITY: i32 = 4096;

// One more vertex than the capacity: vertex 0 repeated after the last.
const vertices = memory.data((VERTEX_CAPACITY + 1) * 16, 16);
const points = memory.data(POINT_CAPACITY * 16, 16);
const inside = memory.data(POINT_CAPACITY, 16);
// polygon's answer: twice the signed area, the perimeter, the centroid's x and y.
const measures = memory.data(32, 8);

export function vertexCapacity(): i32 { return VERTEX_CAPACITY; }
export function pointCapacity(): i32 { return POINT_CAPACITY; }
export function vertexBuffer(): usize { return vertices; }
export function pointBuffer(): usize { return points; }
export function insideBuffer(): usize { return inside; }
export function polygonMeasures(): usize { return measures; }

/**
 * The measures of the polygon of the first n vertices (n >= 1, vertex n = vertex 0): twice its signed
 * area (> 0 counterclockwise with y up), its perimeter and its centroid (not finite when the area is 0).
 */
export function polygon(n: i32): void {
  const origin = v128.load(vertices);
  let area = f64x2.splat(0);
  let sumX = f64x2.splat(0);
  let sumY = f64x2.splat(0);
  let perimeter = f64x2.splat(0);
  let a = f64x2.sub(origin, origin);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    // Edges i (lane 0) and i + 1 (lane 1): vertices a = i, b = i + 1, c = i + 2, translated.
    const at = vertices + (<usize>i << 4);
    const b = f64x2.sub(v128.load(at, 16), origin);
    const c = f64x2.sub(v128.load(at, 32), origin);
    const x0 = v128.shuffle<f64>(a, b, 0, 2);
    const y0 = v128.shuffle<f64>(a, b, 1, 3);
    const x1 = v128.shuffle<f64>(b, c, 0, 2);
    const y1 = v128.shuffle<f64>(b, c, 1, 3);
    const cross = f64x2.sub(f64x2.mul(x0, y1), f64x2.mul(x1, y0));
    area = f64x2.add(area, cross);
    sumX = f64x2.add(sumX, f64x2.mul(f64x2.add(x0, x1), cross));
    sumY = f64x2.add(sumY, f64x2.mul(f64x2.add(y0, y1), cross));
    const dx = f64x2.sub(x1, x0);
    const dy = f64x2.sub(y1, y0);
    perimeter = f64x2.add(perimeter, f64x2.sqrt(f64x2.add(f64x2.mul(dx, dx), f64x2.mul(dy, dy))));
    a = c;
  }
  let area0 = f64x2.extract_lane(area, 0);
  let sumX0 = f64x2.extract_lane(sumX, 0);
  let sumY0 = f64x2.extract_lane(sumY, 0);
  let perimeter0 = f64x2.extract_lane(perimeter, 0);
  if (i < n) {
    // The last edge, n - 1 (even): lane 0.
    const xa = f64x2.extract_lane(a, 0);
    const ya = f64x2.extract_lane(a, 1);
    const b = f64x2.sub(v128.load(vertices + (<usize>(i + 1) << 4)), origin);
    const xb = f64x2.extract_lane(b, 0);
    const yb = f64x2.extract_lane(b, 1);
    const cross = xa * yb - xb * ya;
    area0 += cross;
    sumX0 += (xa + xb) * cross;
    sumY0 += (ya + yb) * cross;
    const dx = xb - xa;
    const dy = yb - ya;
    perimeter0 += Math.sqrt(dx * dx + dy * dy);
  }
  const twiceArea = area0 + f64x2.extract_lane(area, 1);
  store<f64>(measures, twiceArea);
  store<f64>(measures, perimeter0 + f64x2.extract_lane(perimeter, 1), 8);
  store<f64>(measures, f64x2.extract_lane(origin, 0) + (sumX0 + f64x2.extract_lane(sumX, 1)) / (3 * twiceArea), 16);
  store<f64>(measures, f64x2.extract_lane(origin, 1) + (sumY0 + f64x2.extract_lane(sumY, 1)) / (3 * twiceArea), 24);
}

/** Whether (px, py) is inside the polygon of n vertices or on its boundary: the rule above, one point. */
function containsPoint(n: i32, px: f64, py: f64): bool {
  let odd = false;
  let on = false;
  let x1 = load<f64>(vertices);
  let y1 = load<f64>(vertices, 8);
  for (let i = 0; i < n; i++) {
    const at = vertices + (<usize>(i + 1) << 4);
    const x2 = load<f64>(at);
    const y2 = load<f64>(at, 8);
    if (py >= lower(y1, y2) && py <= upper(y1, y2)) {
      const d = (px - x1) * (py - y2) - (px - x2) * (py - y1);
      const below1 = y1 <= py;
      if (below1 != (y2 <= py) && (d > 0) == below1) odd = !odd;
      if (d == 0 && px >= lower(x1, x2) && px <= upper(x1, x2)) on = true;
    }
    x1 = x2;
    y1 = y2;
  }
  return odd || on;
}

// The smaller and the larger of two coordinates by a compare and a select: f64.min and f64.max
// also order -0 below 0 and propagate NaN, which costs several instructions each on x86 and
// changes nothing here (coordinates are finite, and -0 and 0 compare equal to every point).
// @ts-ignore: decorator
@inline function lower(a: f64, b: f64): f64 { return select<f64>(a, b, a < b); }
// @ts-ignore: decorator
@inline function upper(a: f64, b: f64): f64 { return select<f64>(a, b, a > b); }

/** The x and y vectors of points j, j + 1 at `at`. */
// @ts-ignore: decorator
@inline function xs(at: usize): v128 { return v128.shuffle<f64>(v128.load(at), v128.load(at, 16), 0, 2); }
// @ts-ignore: decorator
@inline function ys(at: usize): v128 { return v128.shuffle<f64>(v128.load(at), v128.load(at, 16), 1, 3); }

// A block's x coordinates and per-lane state (odd crossings so far, on the boundary: all ones), kept
// in memory rather than in locals: the loop's fast path needs only the y vectors, and with every
// vector a local the engine's register allocator spills and reloads them on every edge.
const block = memory.data(12 * 16, 16);
const BLOCK_X: usize = 0;
const BLOCK_ODD: usize = 64;
const BLOCK_ON: usize = 128;

/** One vector of the block (k = 0..3) against an edge in range of at least one block lane. */
// @ts-ignore: decorator
@inline function edgeTest(k: usize, py: v128, inRange: v128, from: v128, to: v128): void {
  const px = v128.load(block + BLOCK_X + (k << 4));
  const x1 = v128.shuffle<f64>(from, from, 0, 0), y1 = v128.shuffle<f64>(from, from, 1, 1);
  const x2 = v128.shuffle<f64>(to, to, 0, 0), y2 = v128.shuffle<f64>(to, to, 1, 1);
  const d = f64x2.sub(f64x2.mul(f64x2.sub(px, x1), f64x2.sub(py, y2)), f64x2.mul(f64x2.sub(px, x2), f64x2.sub(py, y1)));
  const below1 = f64x2.le(y1, py);
  const crossing = v128.andnot(v128.xor(below1, f64x2.le(y2, py)), v128.xor(f64x2.gt(d, f64x2.splat(0)), below1));
  const odd = block + BLOCK_ODD + (k << 4);
  v128.store(odd, v128.xor(v128.load(odd), crossing));
  const zero = v128.and(f64x2.eq(d, f64x2.splat(0)), inRange);
  // d == 0 is rare (a point on the edge's line): the box test runs only then.
  if (v128.any_true(zero)) {
    const xs = v128.shuffle<f64>(from, to, 0, 2), swapped = v128.shuffle<f64>(from, to, 2, 0);
    const between = v128.and(f64x2.ge(px, f64x2.pmin(xs, swapped)), f64x2.le(px, f64x2.pmax(xs, swapped)));
    const on = block + BLOCK_ON + (k << 4);
    v128.store(on, v128.or(v128.load(on), v128.and(zero, between)));
  }
}

/** Eight points from `at` (x0 y0 x1 y1 ... x7 y7) against every edge; their answers (one byte each) into `out`. */
function containsEight(n: i32, at: usize, out: usize): void {
  const py0 = ys(at), py1 = ys(at + 32), py2 = ys(at + 64), py3 = ys(at + 96);
  v128.store(block + BLOCK_X, xs(at));
  v128.store(block + BLOCK_X + 16, xs(at + 32));
  v128.store(block + BLOCK_X + 32, xs(at + 64));
  v128.store(block + BLOCK_X + 48, xs(at + 96));
  memory.fill(block + BLOCK_ODD, 0, 128);
  let from = v128.load(vertices); // (x1, y1)
  for (let i = 0; i < n; i++) {
    const to = v128.load(vertices + (<usize>(i + 1) << 4)); // (x2, y2)
    // The edge's y range as two splats: pmin and pmax of (y1, y2) and (y2, y1), one instruction each.
    const edgeYs = v128.shuffle<f64>(from, to, 1, 3);
    const swapped = v128.shuffle<f64>(from, to, 3, 1);
    const low = f64x2.pmin(edgeYs, swapped);
    const high = f64x2.pmax(edgeYs, swapped);
    const range0 = v128.and(f64x2.ge(py0, low), f64x2.le(py0, high));
    const range1 = v128.and(f64x2.ge(py1, low), f64x2.le(py1, high));
    const range2 = v128.and(f64x2.ge(py2, low), f64x2.le(py2, high));
    const range3 = v128.and(f64x2.ge(py3, low), f64x2.le(py3, high));
    if (v128.any_true(v128.or(v128.or(range0, range1), v128.or(range2, range3)))) {
      edgeTest(0, py0, range0, from, to);
      edgeTest(1, py1, range1, from, to);
      edgeTest(2, py2, range2, from, to);
      edgeTest(3, py3, range3, from, to);
    }
    from = to;
  }
  // Each 64-bit lane is all ones or all zeros: narrowing with saturation keeps that down to one byte
  // a point (64 -> 32 bits pairs two points per i32x4, 32 -> 16 four per i16x8, 16 -> 8 all eight).
  const in01 = v128.or(v128.load(block + BLOCK_ODD), v128.load(block + BLOCK_ON));
  const in23 = v128.or(v128.load(block + BLOCK_ODD + 16), v128.load(block + BLOCK_ON + 16));
  const in45 = v128.or(v128.load(block + BLOCK_ODD + 32), v128.load(block + BLOCK_ON + 32));
  const in67 = v128.or(v128.load(block + BLOCK_ODD + 48), v128.load(block + BLOCK_ON + 48));
  const halves = i16x8.narrow_i32x4_s(i16x8.narrow_i32x4_s(in01, in23), i16x8.narrow_i32x4_s(in45, in67));
  v128.store64_lane(out, v128.and(i8x16.narrow_i16x8_s(halves, halves), i8x16.splat(1)), 0);
}

/** The answers of the first m points of the point buffer (m <= pointCapacity()) into the inside buffer: 1 inside or on the boundary, 0 outside. */
export function contains(n: i32, m: i32): void {
  let j = 0;
  for (; j + 8 <= m; j += 8) containsEight(n, points + (<usize>j << 4), inside + <usize>j);
  for (; j < m; j++) containsScalarAt(n, j);
}

function containsScalarAt(n: i32, j: i32): void {
  const at = points + (<usize>j << 4);
  store<u8>(inside + <usize>j, <u8>containsPoint(n, load<f64>(at), load<f64>(at, 8)));
}

/** contains() one point at a time, without SIMD: the same answers, for the benchmark's comparison. */
export function containsScalar(n: i32, m: i32): void {
  for (let j = 0; j < m; j++) containsScalarAt(n, j);
}
