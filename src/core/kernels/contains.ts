// The contains kernel: which points of a batch lie inside one polygon (assembly/polygons.ts, its JS
// twin js/polygons.ts). The interior is the even-odd rule's (a point is inside when a ray from it
// crosses the boundary an odd number of times), as in GEOS, JTS and turf; a point on the boundary
// counts as inside. For a simple polygon every rule agrees; a self-intersecting one is not refused
// (see polygon.ts) and gets the even-odd answer: where two loops overlap is outside.
//
// Exactness: the crossing and boundary tests are decided by comparisons and the sign of one cross
// product of differences. On integer coordinates up to 2^25 in magnitude every difference and
// product is exact, so the answer is the exact one (test/polygons.test.ts checks it against BigInt
// arithmetic, boundary points included); on other coordinates a point within rounding of an edge
// (about 1e-16 of the coordinates' size) may fall either side, the same side on every engine.
//
// Budget: the work is known from the sizes before it starts. A step is one edge tested against a
// block of CONTAINS_BLOCK points (what the Wasm kernel's loop does per edge): a few ns of Wasm, like
// a palindrome step, so DEFAULT_BUDGET keeps meaning about 100 ms of Wasm. 100,000 points against a
// polygon of 1,000 vertices take 12,500,000 steps. A call over its budget is refused before any work.
import { budgetExceeded, runKernel, type Kernel, type KernelOptions } from '../kernel.ts';
import * as js from '../js/polygons.ts';
import { MAX_POINTS, MAX_POLYGON_BODY_BYTES, MAX_VERTICES } from '../limits.ts';
import { param, pointCountProblem, points } from '../params.ts';
import { now } from '../runtime.ts';
import type { Engine } from '../types.ts';
import { withKernels } from '../wasm.ts';
import { badBinaryBody, checkPoints, coordinates, pairsOf, writeRing, type PolygonExports, type PointsInput } from './polygon.ts';

/** "testing 1000 points against 12 edges": a call, in the budget's messages. */
function testing(polygon: Float64Array, points: Float64Array): string {
  const m = points.length >> 1;
  return `testing ${m} point${m === 1 ? '' : 's'} against ${polygon.length >> 1} edges`;
}

/** Points per step: the Wasm kernel tests an edge against eight points at a time. */
export const CONTAINS_BLOCK = 8;

/** Steps between deadline checks: each chunk of points a kernel call takes is about this much work. */
const STEPS_PER_CHUNK = 65_536;

/** Points per kernel call for a polygon of n edges: whole blocks, about STEPS_PER_CHUNK steps, at most `capacity`. */
function chunkSize(n: number, capacity: number): number {
  return Math.min(capacity, CONTAINS_BLOCK * Math.max(1, Math.floor(STEPS_PER_CHUNK / n)));
}

/**
 * Runs `test(from, to)` over the m points in chunks (the same on both engines), reading the clock
 * between chunks when there is a deadline; false when it passed.
 */
function inChunks(m: number, size: number, deadlineNs: bigint, test: (from: number, to: number) => void): boolean {
  for (let from = 0; from < m; from += size) {
    if (deadlineNs !== 0n && from > 0 && now() >= deadlineNs) return false;
    test(from, Math.min(m, from + size));
  }
  return true;
}

/** The Wasm kernel: the polygon written once, the points streamed through the point buffer. `scalar`: without SIMD (the benchmark's comparison). */
export function containsWasm(polygon: Float64Array, points: Float64Array, deadlineNs: bigint, scalar = false): Uint8Array | null {
  return withKernels<PolygonExports, Uint8Array | null>((k) => {
    const n = writeRing(k, polygon);
    const capacity = k.pointCapacity();
    const { buffer } = k.memory;
    const pointBuffer = new Float64Array(buffer, k.pointBuffer() >>> 0, 2 * capacity);
    const insideBuffer = new Uint8Array(buffer, k.insideBuffer() >>> 0, capacity);
    const run = scalar ? k.containsScalar : k.contains;
    const inside = new Uint8Array(points.length >> 1);
    const done = inChunks(inside.length, chunkSize(n, capacity), deadlineNs, (from, to) => {
      pointBuffer.set(points.subarray(2 * from, 2 * to));
      run(n, to - from);
      inside.set(insideBuffer.subarray(0, to - from), from);
    });
    return done ? inside : null;
  });
}

/** The JS twin, chunked the same way (the chunks only matter for the deadline). */
export function containsJs(polygon: Float64Array, points: Float64Array, deadlineNs: bigint): Uint8Array | null {
  const ring = js.closedRing(polygon);
  const inside = new Uint8Array(points.length >> 1);
  const done = inChunks(inside.length, chunkSize(polygon.length >> 1, Number.MAX_SAFE_INTEGER), deadlineNs, (from, to) =>
    js.containsRange(ring, points, from, to, inside),
  );
  return done ? inside : null;
}

/** Each engine's answers: 1 inside or on the boundary, 0 outside; null when the deadline passed. */
export const engines: Record<Engine, (polygon: Float64Array, points: Float64Array, deadlineNs: bigint) => Uint8Array | null> = {
  wasm: containsWasm,
  js: containsJs,
};

export interface ContainsInput {
  polygon: Float64Array;
  points: Float64Array;
}

/** Which points are inside: one byte a point, 1 inside (or on the boundary), 0 outside. */
export interface Containment {
  inside: Uint8Array;
}

export const containsKernel: Kernel<ContainsInput, Containment> = {
  name: 'contains',
  summary: 'Which points of a batch lie inside a polygon (even-odd rule; a point on the boundary is inside).',
  params: {
    polygon: param(points(3, MAX_VERTICES), `the polygon's vertices in order (3 to ${MAX_VERTICES})`, { required: true }),
    points: param(points(1, MAX_POINTS), `the points to test (at most ${MAX_POINTS})`, { required: true }),
  },
  pool: true,
  budgeted: true,
  maxBodyBytes: MAX_POLYGON_BODY_BYTES,
  binaryBody: {
    layout: "little-endian float64 values: the vertex count n, the polygon's n [x, y] vertices, then the points' [x, y] pairs",
    read(values) {
      const n = values[0]!;
      if (!(Number.isInteger(n) && n >= 3 && n <= MAX_VERTICES)) throw badBinaryBody(`must start with the vertex count, an integer from 3 to ${MAX_VERTICES}`);
      if (values.length < 1 + 2 * n) throw badBinaryBody(`ends before its ${n} vertices do`);
      const points = pairsOf(values.subarray(1 + 2 * n), 'the points after the vertices');
      const problem = pointCountProblem('points', points.length >> 1, 1, MAX_POINTS);
      if (problem) throw problem;
      return { polygon: values.subarray(1, 1 + 2 * n), points };
    },
  },
  example: { polygon: Float64Array.of(0, 0, 4, 0, 4, 3, 0, 3), points: Float64Array.of(1, 1, 5, 1, 4, 3) },
  answer: {
    type: 'object',
    properties: { inside: { type: 'array', items: { type: 'boolean' } } },
    required: ['inside'],
    additionalProperties: false,
  },
  validate({ polygon, points }) {
    checkPoints(polygon, 'polygon', 3, MAX_VERTICES);
    checkPoints(points, 'points', 1, Number.MAX_SAFE_INTEGER); // the typed API streams any number
  },
  cost({ polygon, points }) {
    return { steps: (polygon.length >> 1) * Math.ceil((points.length >> 1) / CONTAINS_BLOCK), what: testing(polygon, points) };
  },
  compute({ polygon, points }, options) {
    const inside = engines[options.engine](polygon, points, options.work.deadlineNs);
    if (inside) return { inside };
    throw budgetExceeded(testing(polygon, points), 'deadline', options);
  },
  toJSON: ({ inside }) => ({ inside: Array.from(inside, (b) => b === 1) }),
};

/**
 * Which of `points` lie inside `polygon` or on its boundary (even-odd rule): 1 inside, 0 outside.
 * @throws PolyfnError `invalid_argument` for a bad polygon or point, `budget_exceeded` when the
 * work (vertices x points / CONTAINS_BLOCK steps) is over the budget or the time limit passes.
 */
export function contains(polygon: PointsInput, points: PointsInput, options: KernelOptions = {}): Uint8Array {
  return runKernel(containsKernel, { polygon: coordinates(polygon, 'polygon'), points: coordinates(points, 'points') }, options).inside;
}
