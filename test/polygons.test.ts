// The polygon kernels (polygon, contains) against independent answers: known polygons and their
// measures, exact orientation and containment with BigInt arithmetic on integer coordinates (a
// different ray, so the reference shares nothing with the kernels' crossing test), Wasm == JS bit
// for bit on any valid input, the SIMD loop == the scalar one, and the domain's errors.
//
// fast-check runs with fixed seeds, so a run is reproducible; a failure prints its seed and path.
// Change SEED to explore other inputs.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CONTAINS_BLOCK, contains, COORDINATE_MAX, ENGINES, MAX_VERTICES, polygon, PolyfnError, prepareCall } from '../src/index.ts';
import { containsKernel, containsWasm } from '../src/core/kernels/contains.ts';
import { engines as polygonEngines } from '../src/core/kernels/polygon.ts';
import { liveMemory } from '../src/core/wasm.ts';
import { assertThrows } from './support/throws.ts';

const SEED = 15;

type Pair = [number, number];
const flat = (pairs: readonly Pair[]) => Float64Array.from(pairs.flat());

/** Twice the signed area, exactly. */
function exactTwiceArea(vertices: readonly Pair[]): bigint {
  let sum = 0n;
  vertices.forEach(([x1, y1], i) => {
    const [x2, y2] = vertices[(i + 1) % vertices.length]!;
    sum += BigInt(x1) * BigInt(y2) - BigInt(x2) * BigInt(y1);
  });
  return sum;
}

/** (b - a) x (c - a), exactly. */
function orient(a: Pair, b: Pair, c: Pair): bigint {
  return (BigInt(b[0]) - BigInt(a[0])) * (BigInt(c[1]) - BigInt(a[1])) - (BigInt(b[1]) - BigInt(a[1])) * (BigInt(c[0]) - BigInt(a[0]));
}

function onSegment(p: Pair, a: Pair, b: Pair): boolean {
  return orient(a, b, p) === 0n && Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/**
 * Inside or on the boundary, exactly: on an edge, or an odd number of crossings of the ray going up
 * from p (the kernels cast theirs to the right). An edge counts when it straddles x = px half-open
 * ((x1 <= px) != (x2 <= px)) and meets the line above p: y1 + (px - x1)(y2 - y1)/(x2 - x1) > py,
 * compared without division by multiplying out the sign of x2 - x1.
 */
function exactContains(vertices: readonly Pair[], p: Pair): boolean {
  let odd = false;
  for (let i = 0; i < vertices.length; i++) {
    const a = vertices[i]!;
    const b = vertices[(i + 1) % vertices.length]!;
    if (onSegment(p, a, b)) return true;
    if (a[0] <= p[0] === b[0] <= p[0]) continue;
    const dx = BigInt(b[0]) - BigInt(a[0]);
    const above = (BigInt(a[1]) - BigInt(p[1])) * dx + (BigInt(p[0]) - BigInt(a[0])) * (BigInt(b[1]) - BigInt(a[1]));
    if (dx > 0n ? above > 0n : above < 0n) odd = !odd;
  }
  return odd;
}

const square: Pair[] = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
];
const lShape: Pair[] = [
  [0, 0],
  [6, 0],
  [6, 2],
  [2, 2],
  [2, 6],
  [0, 6],
];
/** A five-pointed star, simple (ten vertices, outer radius 10, inner radius 4). */
const star: Pair[] = Array.from({ length: 10 }, (_, i) => {
  const radius = i % 2 === 0 ? 10 : 4;
  const angle = Math.PI / 2 + (i * Math.PI) / 5;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
});

test('known polygons: area, perimeter, centroid and orientation on both engines', () => {
  for (const engine of ENGINES) {
    assert.equal(polygon(square, { engine }), { area: 16, perimeter: 16, centroid: [2, 2], orientation: 'counterclockwise' });
    assert.equal(polygon([...square].reverse(), { engine }), { area: 16, perimeter: 16, centroid: [2, 2], orientation: 'clockwise' });
    assert.equal(
      polygon(
        [
          [0, 0],
          [4, 0],
          [0, 3],
        ],
        { engine },
      ),
      { area: 6, perimeter: 12, centroid: [4 / 3, 1], orientation: 'counterclockwise' },
    );
    // L: a 6 x 2 bar (area 12, centroid (3, 1)) and a 2 x 4 bar on it (area 8, centroid (1, 4)): area 20, centroid (11/5, 11/5).
    const l = polygon(lShape, { engine });
    assert.equal([l.area, l.perimeter, l.orientation], [20, 24, 'counterclockwise']);
    assert.ok(Math.abs(l.centroid![0] - 2.2) < 1e-15 && Math.abs(l.centroid![1] - 2.2) < 1e-15, `L centroid ${l.centroid}`);
    // Star: ten triangles (center, outer, inner) of area R r sin(36°) / 2 each.
    const s = polygon(star, { engine });
    assert.ok(Math.abs(s.area - (10 * 10 * 4 * Math.sin(Math.PI / 5)) / 2) < 1e-12, `star area ${s.area}`);
    assert.ok(Math.hypot(...s.centroid!) < 1e-14, `star centroid ${s.centroid}`);
    // Collinear: no area, no centroid.
    const flatOne = polygon(
      [
        [0, 0],
        [1, 1],
        [3, 3],
      ],
      { engine },
    );
    assert.equal({ ...flatOne, perimeter: 0 }, { area: 0, perimeter: 0, centroid: null, orientation: 'degenerate' });
    assert.ok(Math.abs(flatOne.perimeter - 6 * Math.SQRT2) < 1e-14, `perimeter ${flatOne.perimeter}`);
  }
});

test('a ring closed GeoJSON-style (first vertex repeated) gives the same exact answers', () => {
  for (const engine of ENGINES) {
    assert.equal(polygon([...lShape, lShape[0]!], { engine }), polygon(lShape, { engine }));
    const points = flat([
      [1, 1],
      [3, 3],
      [2, 2],
      [7, 1],
      [0, 3],
    ]);
    assert.equal(contains([...lShape, lShape[0]!], points, { engine }), contains(lShape, points, { engine }));
  }
});

test('far from the origin: coordinates are taken relative to the first vertex, so a 1 m square 6,000 km out is exact', () => {
  const offset: Pair = [4_000_000.5, 6_000_000.25];
  const far = square.map(([x, y]): Pair => [x / 4 + offset[0], y / 4 + offset[1]]);
  for (const engine of ENGINES)
    assert.equal(polygon(far, { engine }), { area: 1, perimeter: 4, centroid: [offset[0] + 0.5, offset[1] + 0.5], orientation: 'counterclockwise' });
});

test("known containment: inside, outside, vertices and edges (boundary is inside), the L's notch", () => {
  const points: Pair[] = [
    [1, 1],
    [5, 1],
    [4, 4],
    [0, 2],
    [2, 0],
    [4, 2],
    [-1, 2],
    [4.000000000000001, 2],
    [2, 4],
    [2, 4.5],
  ];
  const expected = [1, 0, 1, 1, 1, 1, 0, 0, 1, 0];
  const lPoints: Pair[] = [
    [1, 5],
    [4, 4],
    [2, 2],
    [3, 2],
    [2, 4],
    [6, 1],
    [1, 1],
  ];
  for (const engine of ENGINES) {
    assert.equal(Array.from(contains(square, points, { engine })), expected);
    assert.equal(Array.from(contains(lShape, lPoints, { engine })), [1, 0, 1, 1, 1, 1, 1]);
    assert.equal(
      Array.from(
        contains(
          star,
          [
            [0, 0],
            [0, 9.9],
            [0, -9],
            [9, 9],
          ],
          { engine },
        ),
      ),
      [1, 1, 0, 0],
    );
  }
});

// Integer polygons, any shape (self-intersecting ones too: the even-odd rule and the shoelace are
// defined for every ring). Small ones put many lattice points on edges, horizontal and vertical
// edges included; large ones (to 2^25) test that the arithmetic stays exact.
const smallCoordinate = fc.integer({ min: -12, max: 12 });
/** Up to 2^25: each difference fits 26 bits, each cross product 53: exact (contains). */
const largeCoordinate = fc.integer({ min: -(2 ** 25), max: 2 ** 25 });
/** Up to 2^20: each cross product fits 43 bits, so 40 of them sum exactly too (polygon). */
const sumCoordinate = fc.integer({ min: -(2 ** 20), max: 2 ** 20 });
const ring = (coordinate: fc.Arbitrary<number>) => fc.array(fc.tuple(coordinate, coordinate), { minLength: 3, maxLength: 40 });

/** Points that stress the boundary: every vertex, lattice points along each edge, and points around them. */
function boundaryPoints(vertices: readonly Pair[]): Pair[] {
  const out: Pair[] = [];
  vertices.forEach((a, i) => {
    const b = vertices[(i + 1) % vertices.length]!;
    const g = gcd(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1]));
    for (let t = 0; t <= Math.min(g, 6); t++) {
      const p: Pair = [a[0] + ((b[0] - a[0]) / g) * t || a[0], a[1] + ((b[1] - a[1]) / g) * t || a[1]];
      out.push(p, [p[0] + 1, p[1]], [p[0], p[1] - 1]);
    }
  });
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a || 1 : gcd(b, a % b);
}

test('integer coordinates: the orientation and twice the area are exact (BigInt shoelace)', () => {
  fc.assert(
    fc.property(fc.oneof(ring(smallCoordinate), ring(sumCoordinate)), (vertices) => {
      const exact = exactTwiceArea(vertices);
      const orientation = exact > 0n ? 'counterclockwise' : exact < 0n ? 'clockwise' : 'degenerate';
      for (const engine of ENGINES) {
        const { area, orientation: got } = polygon(vertices, { engine });
        assert.is(got, orientation);
        // Every partial sum is an integer below 2^53 here, so the sums are exact and area = |2A| / 2 exactly.
        assert.is(area, Number(exact < 0n ? -exact : exact) / 2);
      }
    }),
    { seed: SEED, numRuns: 600 },
  );
});

test('integer coordinates: containment is exact, boundary points included (BigInt, an upward ray)', () => {
  fc.assert(
    fc.property(
      fc.oneof(ring(smallCoordinate), ring(largeCoordinate)),
      fc.array(fc.tuple(fc.integer({ min: -14, max: 14 }), fc.integer({ min: -14, max: 14 })), { maxLength: 40 }),
      (vertices, random) => {
        const points = [...boundaryPoints(vertices), ...random];
        const expected = points.map((p) => (exactContains(vertices, p) ? 1 : 0));
        for (const engine of ENGINES) assert.equal(Array.from(contains(vertices, points, { engine })), expected, engine);
      },
    ),
    { seed: SEED, numRuns: 400 },
  );
});

/** Any valid double coordinates, at every scale, and integers (exact ties, equal coordinates). */
const anyCoordinate = fc.oneof(
  fc.double({ min: -COORDINATE_MAX, max: COORDINATE_MAX, noNaN: true }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.integer({ min: -20, max: 20 }),
);
const anyRing = fc.array(fc.tuple(anyCoordinate, anyCoordinate), { minLength: 3, maxLength: 60 });

test('polygon: Wasm (two SIMD lanes) and JS (two sums) agree bit for bit on any valid input', () => {
  fc.assert(
    fc.property(anyRing, (vertices) => {
      const input = flat(vertices);
      const w = polygonEngines.wasm(input);
      const j = polygonEngines.js(input);
      return (
        Object.is(w.twiceArea, j.twiceArea) && Object.is(w.perimeter, j.perimeter) && Object.is(w.centroidX, j.centroidX) && Object.is(w.centroidY, j.centroidY)
      );
    }),
    { seed: SEED, numRuns: 3000 },
  );
});

test('contains: Wasm (eight points a block, SIMD), Wasm scalar and JS give the same answers', () => {
  fc.assert(
    fc.property(anyRing, fc.array(fc.tuple(anyCoordinate, anyCoordinate), { minLength: 1, maxLength: 70 }), (vertices, pairs) => {
      // Half the points are vertices and near-vertices, where the tests disagree if any do.
      const near = vertices.slice(0, pairs.length).map(([x, y]): Pair => [x, y / 2 + y / 2]);
      const polygonInput = flat(vertices);
      const pointsInput = flat([...pairs, ...near]);
      const js = Array.from(contains(polygonInput, pointsInput, { engine: 'js' }));
      assert.equal(Array.from(contains(polygonInput, pointsInput, { engine: 'wasm' })), js);
      assert.equal(Array.from(containsWasm(polygonInput, pointsInput, 0n, true)!), js);
    }),
    { seed: SEED, numRuns: 2000 },
  );
});

test('contains: chunk boundaries, block tails and a polygon at the vertex capacity', () => {
  const circle = (n: number, radius: number) =>
    Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? Math.cos : Math.sin)((Math.PI * 2 * (i >> 1)) / n) * radius);
  const grid = (m: number) => Float64Array.from({ length: 2 * m }, (_, i) => ((i * 7919) % 2003) / 1000 - 1);
  for (const [n, m] of [
    [3, 1],
    [4, 7],
    [5, 9],
    [10, 4095],
    [10, 4096],
    [10, 4097],
    [1000, 529],
    [1000, 1041],
    [MAX_VERTICES, 17],
  ] as const) {
    const polygonInput = circle(n, 0.9);
    const pointsInput = grid(m);
    const js = contains(polygonInput, pointsInput, { engine: 'js' });
    assert.equal(contains(polygonInput, pointsInput, { engine: 'wasm' }), js, `${n} x ${m}`);
    assert.ok((js.some((b) => b === 1) && js.some((b) => b === 0) === m > 1) || m === 1, `${n} x ${m}: a mix of answers`);
  }
});

test('calls never grow the Wasm memory', () => {
  const before = liveMemory().buffer.byteLength;
  polygon(new Float64Array(2 * MAX_VERTICES).map((_, i) => i % 7));
  contains(square, new Float64Array(2 * 50_000).fill(1));
  assert.is(liveMemory().buffer.byteLength, before);
});

test('validation: shapes, counts, coordinates, on both engines, with the same messages as the HTTP readers', () => {
  for (const engine of ENGINES) {
    assertThrows(
      () =>
        polygon(
          [
            [0, 0],
            [1, 1],
          ],
          { engine },
        ),
      PolyfnError,
      'invalid_argument',
      'vertices must have at least 3 points',
    );
    assertThrows(() => polygon([], { engine }), PolyfnError, 'invalid_argument', 'vertices must not be empty');
    assertThrows(
      () =>
        polygon(
          [
            [0, 0],
            [1, 1],
            [1, Number.NaN],
          ],
          { engine },
        ),
      PolyfnError,
      'invalid_argument',
      'vertices[2] must be [x, y] with finite numbers',
    );
    assertThrows(
      () => polygon(Float64Array.of(0, 0, 1, 0, 1, Infinity), { engine }),
      PolyfnError,
      'invalid_argument',
      'vertices[2] must be [x, y] with finite numbers',
    );
    assertThrows(
      () =>
        polygon(
          [
            [0, 0],
            [1, 0],
            [1, 2e100],
          ],
          { engine },
        ),
      PolyfnError,
      'invalid_argument',
      `vertices[2] must have |x| and |y| <= ${COORDINATE_MAX}`,
    );
    assertThrows(
      () => polygon(Float64Array.of(0, 0, 1, 0, 1), { engine }),
      PolyfnError,
      'invalid_argument',
      'vertices must hold [x, y] pairs (an even number of values)',
    );
    assertThrows(
      () => polygon([[0, 0], [1, 0], [1] as unknown as Pair], { engine }),
      PolyfnError,
      'invalid_argument',
      'vertices[2] must be [x, y] with finite numbers',
    );
    assertThrows(
      () => polygon(new Float64Array(2 * MAX_VERTICES + 2), { engine }),
      PolyfnError,
      'invalid_argument',
      `vertices must have at most ${MAX_VERTICES} points`,
    );
    assertThrows(() => contains(square, [], { engine }), PolyfnError, 'invalid_argument', 'points must not be empty');
    assertThrows(() => contains(square.slice(0, 2), [[0, 0]], { engine }), PolyfnError, 'invalid_argument', 'polygon must have at least 3 points');
    assertThrows(
      () =>
        contains(
          square,
          [
            [0, 0],
            [-Infinity, 0],
          ],
          { engine },
        ),
      PolyfnError,
      'invalid_argument',
      'points[1] must be [x, y] with finite numbers',
    );
  }
});

test('budget: the steps are known up front, so an oversize call is refused before any work; a passed deadline stops one', () => {
  const polygonInput = flat(square);
  const points = new Float64Array(2 * 1_000_000);
  const steps = 4 * Math.ceil(1_000_000 / CONTAINS_BLOCK);
  // prepareCall is what every entry point runs before computing (or queueing): it refuses the call.
  assertThrows(
    () => prepareCall(containsKernel, { polygon: polygonInput, points }, { budget: steps - 1 }),
    PolyfnError,
    'budget_exceeded',
    `testing 1000000 points against 4 edges needs ${steps} steps, more than the budget of ${steps - 1}`,
  );
  prepareCall(containsKernel, { polygon: polygonInput, points }, { budget: steps });
  for (const engine of ENGINES) {
    assertThrows(
      () => contains(square, points, { engine, timeoutMs: 0 }),
      PolyfnError,
      'budget_exceeded',
      'testing 1000000 points against 4 edges did not finish within 0 ms',
    );
    assert.is(contains(square, [[1, 1]], { engine, budget: 4 })[0], 1, 'one point, four edges: one block of points, four steps');
  }
});

test.run();
