// The polygon kernel: the area, perimeter, centroid and orientation of a simple polygon given as
// its vertices (assembly/polygons.ts, its JS twin js/polygons.ts). Also what contains.ts shares:
// the Wasm exports, the vertex buffer and the checks of a batch of points.
//
// The polygon is not checked for simplicity (that costs O(n log n) with exact predicates, more than
// the kernel itself): a self-intersecting one gets the shoelace's answer, each region counted with
// its winding number (a figure eight's two loops cancel), which is the area only for a simple one.
// A ring may repeat its first vertex at the end, as GeoJSON's do: that edge has length 0 and adds
// 0 to every sum.
import { runKernel, type EngineOption, type Kernel } from '../kernel.ts';
import { PolyfnError } from '../errors.ts';
import * as js from '../js/polygons.ts';
import { COORDINATE_MAX, MAX_POLYGON_BODY_BYTES, MAX_VERTICES } from '../limits.ts';
import { notAPoint, param, pointCountProblem, points } from '../params.ts';
import type { Engine } from '../types.ts';
import { withKernels } from '../wasm.ts';

/** The polygon kernels' Wasm exports (assembly/index.ts documents the ABI). */
export interface PolygonExports {
  memory: WebAssembly.Memory;
  vertexCapacity(): number;
  pointCapacity(): number;
  vertexBuffer(): number;
  pointBuffer(): number;
  insideBuffer(): number;
  polygonMeasures(): number;
  polygon(n: number): void;
  contains(n: number, m: number): void;
  containsScalar(n: number, m: number): void;
}

/** Writes the polygon into the kernel's vertex buffer, vertex 0 again after the last; returns n. */
export function writeRing(k: PolygonExports, vertices: Float64Array): number {
  const n = vertices.length >> 1;
  // Views are made per call: memory.grow (in another kernel) detaches older views.
  const ring = new Float64Array(k.memory.buffer, k.vertexBuffer() >>> 0, 2 * n + 2);
  ring.set(vertices);
  ring[2 * n] = vertices[0]!;
  ring[2 * n + 1] = vertices[1]!;
  return n;
}

/** Points or vertices as the typed API takes them: [x0, y0, x1, y1, ...], or [x, y] pairs. */
export type PointsInput = Float64Array | readonly (readonly [number, number])[];

/** The typed API's points as the kernels take them (pairs read as JSON's would be, with the same messages). */
export function coordinates(input: PointsInput, name: string): Float64Array {
  return input instanceof Float64Array ? input : points(0, Number.MAX_SAFE_INTEGER).fromJson(input, name);
}

/**
 * Checks a batch of [x, y] points: between `min` and `max` of them, every coordinate finite and
 * within COORDINATE_MAX. One pass, the count first.
 */
export function checkPoints(values: Float64Array, name: string, min: number, max: number): void {
  if (values.length % 2 !== 0) throw new PolyfnError('invalid_argument', `${name} must hold [x, y] pairs (an even number of values)`);
  const problem = pointCountProblem(name, values.length >> 1, min, max);
  if (problem) throw problem;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (Math.abs(value) <= COORDINATE_MAX) continue;
    const point = i >> 1;
    if (!Number.isFinite(value)) throw notAPoint(name, point);
    throw new PolyfnError('invalid_argument', `${name}[${point}] must have |x| and |y| <= ${COORDINATE_MAX}`);
  }
}

/** A simple polygon's measures. */
export interface Polygon {
  /** The absolute shoelace area. */
  area: number;
  perimeter: number;
  /** The centroid of the area; null when the area is 0 (or cancels to 0: see above). */
  centroid: [number, number] | null;
  /** The sign of the shoelace sum, y pointing up: 'counterclockwise' > 0, 'clockwise' < 0, 'degenerate' 0. */
  orientation: 'counterclockwise' | 'clockwise' | 'degenerate';
}

function measuresWasm(vertices: Float64Array): js.PolygonMeasures {
  return withKernels<PolygonExports, js.PolygonMeasures>((k) => {
    k.polygon(writeRing(k, vertices));
    const [twiceArea, perimeter, centroidX, centroidY] = new Float64Array(k.memory.buffer, k.polygonMeasures() >>> 0, 4);
    return { twiceArea: twiceArea!, perimeter: perimeter!, centroidX: centroidX!, centroidY: centroidY! };
  });
}

/** Each engine's measures: bit-identical (the same operations, the same two partial sums). */
export const engines: Record<Engine, (vertices: Float64Array) => js.PolygonMeasures> = {
  wasm: measuresWasm,
  js: js.polygonMeasures,
};

/** The error of a binary body that does not fit its layout. */
export function badBinaryBody(message: string): PolyfnError {
  return new PolyfnError('invalid_argument', `the binary body ${message}`);
}

/** Values read as [x, y] pairs: an even number of them. */
export function pairsOf(values: Float64Array, what: string): Float64Array {
  if (values.length % 2 !== 0) throw badBinaryBody(`must hold ${what} as [x, y] pairs: ${values.length} values is an odd number`);
  return values;
}

export interface PolygonInput {
  vertices: Float64Array;
}

const NUMBER = { type: 'number' } as const;

export const polygonKernel: Kernel<PolygonInput, Polygon> = {
  name: 'polygon',
  summary: "A simple polygon's area, perimeter, centroid and orientation, from its vertices.",
  params: {
    vertices: param(points(3, MAX_VERTICES), `the vertices in order (3 to ${MAX_VERTICES}; |x|, |y| <= ${COORDINATE_MAX})`, { required: true }),
  },
  pool: false,
  budgeted: false,
  maxBodyBytes: MAX_POLYGON_BODY_BYTES,
  binaryBody: {
    layout: 'the [x, y] vertices as little-endian float64 values',
    read: (values) => ({ vertices: pairsOf(values, 'the vertices') }),
  },
  example: { vertices: Float64Array.of(0, 0, 4, 0, 4, 3, 0, 3) },
  answer: {
    type: 'object',
    properties: {
      area: { type: 'number', minimum: 0 },
      perimeter: { type: 'number', minimum: 0 },
      centroid: { anyOf: [{ type: 'array', items: NUMBER, minItems: 2, maxItems: 2 }, { type: 'null' }] },
      orientation: { enum: ['counterclockwise', 'clockwise', 'degenerate'] },
    },
    required: ['area', 'perimeter', 'centroid', 'orientation'],
    additionalProperties: false,
  },
  validate({ vertices }) {
    checkPoints(vertices, 'vertices', 3, MAX_VERTICES);
  },
  compute({ vertices }, { engine }) {
    const { twiceArea, perimeter, centroidX, centroidY } = engines[engine](vertices);
    return {
      area: Math.abs(twiceArea) / 2,
      perimeter,
      centroid: Number.isFinite(centroidX) && Number.isFinite(centroidY) ? [centroidX, centroidY] : null,
      orientation: twiceArea > 0 ? 'counterclockwise' : twiceArea < 0 ? 'clockwise' : 'degenerate',
    };
  },
  toJSON: (result) => result,
};

/**
 * The area, perimeter, centroid and orientation of the polygon of `vertices` (at least 3).
 * @throws PolyfnError `invalid_argument` for too few or too many vertices, or a coordinate that is not finite or past COORDINATE_MAX.
 */
export function polygon(vertices: PointsInput, options: EngineOption = {}): Polygon {
  return runKernel(polygonKernel, { vertices: coordinates(vertices, 'vertices') }, options);
}
