// The circle kernel: area and circumference of one radius, or of a batch of radii at once
// (assembly/geometry.ts, its JS twin js/geometry.ts).
import { runKernel, type EngineOption, type Kernel } from '../kernel.ts';
import { PolyfnError } from '../errors.ts';
import * as js from '../js/geometry.ts';
import { MAX_RADII, RADIUS_MAX } from '../limits.ts';
import { number, numbers, param } from '../params.ts';
import type { Circle, CircleBatch, Engine } from '../types.ts';
import { withKernels } from '../wasm.ts';

/** The kernel's Wasm exports (assembly/index.ts documents the ABI). */
interface GeometryExports {
  memory: WebAssembly.Memory;
  circleArea(r: number): number;
  circleCircumference(r: number): number;
  batchCapacity(): number;
  batchRadii(): number;
  batchAreas(): number;
  batchCircumferences(): number;
  circles(n: number): void;
}

/** Streams the radii through the kernel's fixed batch buffers, one chunk at a time. */
function circlesWasm(radii: Float64Array): CircleBatch {
  return withKernels<GeometryExports, CircleBatch>((k) => {
    const n = radii.length;
    const area = new Float64Array(n);
    const circumference = new Float64Array(n);
    const capacity = k.batchCapacity();
    // Views are made per call: memory.grow (in another kernel) detaches older views.
    const { buffer } = k.memory;
    const inRadii = new Float64Array(buffer, k.batchRadii() >>> 0, capacity);
    const outArea = new Float64Array(buffer, k.batchAreas() >>> 0, capacity);
    const outCircumference = new Float64Array(buffer, k.batchCircumferences() >>> 0, capacity);
    for (let offset = 0; offset < n; offset += capacity) {
      const count = Math.min(capacity, n - offset);
      inRadii.set(radii.subarray(offset, offset + count));
      k.circles(count);
      area.set(outArea.subarray(0, count), offset);
      circumference.set(outCircumference.subarray(0, count), offset);
    }
    return { area, circumference };
  });
}

interface CircleEngine {
  circle(radius: number): Circle;
  circles(radii: Float64Array): CircleBatch;
}

/** Each engine's circle and batch: bit-identical results (the same operations in the same order). */
export const engines: Record<Engine, CircleEngine> = {
  wasm: {
    circle: (radius) => withKernels<GeometryExports, Circle>((k) => ({ radius, area: k.circleArea(radius), circumference: k.circleCircumference(radius) })),
    circles: circlesWasm,
  },
  js: {
    circle: (radius) => ({ radius, area: js.circleArea(radius), circumference: js.circleCircumference(radius) }),
    circles: js.circles,
  },
};

/** What is wrong with a radius, or undefined. (The caller names it: only on failure, batches are hot.) */
function radiusProblem(value: number): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
  if (value < 0) return 'must be >= 0';
  if (value > RADIUS_MAX) return `must be <= ${RADIUS_MAX}`;
  return undefined;
}

const NUMBER = { type: 'number' } as const;
const NUMBERS = { type: 'array', items: NUMBER } as const;

export interface CircleInput {
  radius?: number;
  radii?: Float64Array;
}

/** One circle, or a batch answered with its radii. */
export type CircleResult = Circle | (CircleBatch & { radii: Float64Array });

export const circleKernel: Kernel<CircleInput, CircleResult> = {
  name: 'circle',
  summary: 'The area and circumference of a circle, or of a batch of circles.',
  params: {
    radius: param(number, `the radius (0 <= radius <= ${RADIUS_MAX})`),
    radii: param(numbers(MAX_RADII), `a batch of radii (at most ${MAX_RADII})`),
  },
  oneOf: ['radius', 'radii'],
  pool: false,
  budgeted: false,
  example: { radius: 2 },
  answer: {
    oneOf: [
      {
        type: 'object',
        properties: { radius: NUMBER, area: NUMBER, circumference: NUMBER },
        required: ['radius', 'area', 'circumference'],
        additionalProperties: false,
      },
      {
        type: 'object',
        properties: { radii: NUMBERS, area: NUMBERS, circumference: NUMBERS },
        required: ['radii', 'area', 'circumference'],
        additionalProperties: false,
      },
    ],
  },
  validate({ radius, radii }) {
    if (radii !== undefined) {
      for (let i = 0; i < radii.length; i++) {
        const problem = radiusProblem(radii[i]!);
        if (problem) throw new PolyfnError('invalid_argument', `radii[${i}] ${problem}`);
      }
    } else {
      const problem = radiusProblem(radius!);
      if (problem) throw new PolyfnError('invalid_argument', `radius ${problem}`);
    }
  },
  compute({ radius, radii }, { engine }) {
    return radii !== undefined ? { radii, ...engines[engine].circles(radii) } : engines[engine].circle(radius!);
  },
  toJSON(result) {
    if (!('radii' in result)) return result;
    return { radii: Array.from(result.radii), area: Array.from(result.area), circumference: Array.from(result.circumference) };
  },
};

/** Area and circumference of a circle. @throws PolyfnError `invalid_argument` for a bad radius. */
export function circle(radius: number, options: EngineOption = {}): Circle {
  return runKernel(circleKernel, { radius }, options) as Circle;
}

/**
 * Areas and circumferences of many radii at once (typed arrays in and out).
 * @throws PolyfnError `invalid_argument` naming the first bad radius.
 */
export function circles(radii: Float64Array | readonly number[], options: EngineOption = {}): CircleBatch {
  const input = radii instanceof Float64Array ? radii : Float64Array.from(radii);
  const { area, circumference } = runKernel(circleKernel, { radii: input }, options) as CircleBatch;
  return { area, circumference };
}
