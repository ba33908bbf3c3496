// Binary request bodies (application/octet-stream, little-endian float64 values) on the routes whose
// kernel reads one: the layout's errors, the same domain errors as JSON, and every other route still
// refusing a body that is not JSON. (The conformance table sends a binary body through every adapter.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { handle } from '../src/contract/handle.ts';
import type { PolyRequest } from '../src/contract/types.ts';
import { COORDINATE_MAX, MAX_POINTS, MAX_VERTICES } from '../src/index.ts';

function float64s(...values: number[]): Uint8Array {
  const view = new DataView(new ArrayBuffer(8 * values.length));
  values.forEach((value, i) => {
    view.setFloat64(8 * i, value, true);
  });
  return new Uint8Array(view.buffer);
}

function post(path: string, body: Uint8Array, type = 'application/octet-stream', query: Record<string, string[]> = {}): PolyRequest {
  return { method: 'POST', path, query, headers: { 'content-type': type }, body };
}

async function answer(request: PolyRequest): Promise<{ status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> }> {
  const response = await handle(request);
  return { status: response.status, body: JSON.parse(response.body) };
}

async function assertError(request: PolyRequest, status: number, code: string, message: string): Promise<void> {
  const { status: got, body } = await answer(request);
  assert.is(got, status, JSON.stringify(body));
  assert.is(body.error?.code, code);
  assert.is(body.error?.message, message);
}

const RECTANGLE = [0, 0, 4, 0, 4, 3, 0, 3];

test('a binary body gives the answer its JSON twin gives, on both routes and engines', async () => {
  for (const engine of ['wasm', 'js']) {
    const polygon = await answer(post('/api/polygon', float64s(...RECTANGLE), 'application/octet-stream', { engine: [engine] }));
    assert.equal(polygon, { status: 200, body: { area: 12, perimeter: 14, centroid: [2, 1.5], orientation: 'counterclockwise' } });
    const contains = await answer(post('/api/contains', float64s(4, ...RECTANGLE, 1, 1, 9, 9, 0, 3), 'Application/Octet-Stream; x=1', { engine: [engine] }));
    assert.equal(contains, { status: 200, body: { inside: [true, false, true] } });
  }
});

test("the layout's errors name what is wrong", async () => {
  await assertError(
    post('/api/contains', new Uint8Array(12)),
    400,
    'invalid_parameter',
    'the binary body must be float64 values: 12 bytes is not a multiple of 8',
  );
  for (const count of [2, 3.5, -4, Number.NaN, MAX_VERTICES + 1]) {
    await assertError(
      post('/api/contains', float64s(count, ...RECTANGLE, 1, 1)),
      400,
      'invalid_parameter',
      `the binary body must start with the vertex count, an integer from 3 to ${MAX_VERTICES}`,
    );
  }
  await assertError(post('/api/contains', float64s(5, ...RECTANGLE)), 400, 'invalid_parameter', 'the binary body ends before its 5 vertices do');
  await assertError(post('/api/contains', float64s(4, ...RECTANGLE)), 400, 'invalid_parameter', 'points must not be empty');
  await assertError(
    post('/api/contains', float64s(4, ...RECTANGLE, 1, 1, 2)),
    400,
    'invalid_parameter',
    'the binary body must hold the points after the vertices as [x, y] pairs: 3 values is an odd number',
  );
  await assertError(
    post('/api/polygon', float64s(0, 0, 4, 0, 4)),
    400,
    'invalid_parameter',
    'the binary body must hold the vertices as [x, y] pairs: 5 values is an odd number',
  );
  const tooMany = new Float64Array(1 + RECTANGLE.length + 2 * (MAX_POINTS + 1));
  tooMany.set([4, ...RECTANGLE]);
  await assertError(post('/api/contains', new Uint8Array(tooMany.buffer)), 400, 'invalid_parameter', `points must have at most ${MAX_POINTS} points`);
});

test('the domain is checked as for JSON: finite coordinates within COORDINATE_MAX, at least 3 vertices', async () => {
  await assertError(post('/api/contains', float64s(4, ...RECTANGLE, 1, Number.NaN)), 400, 'invalid_parameter', 'points[0] must be [x, y] with finite numbers');
  await assertError(
    post('/api/contains', float64s(4, 0, 0, 4, 0, 4, Infinity, 0, 3, 1, 1)),
    400,
    'invalid_parameter',
    'polygon[2] must be [x, y] with finite numbers',
  );
  await assertError(
    post('/api/polygon', float64s(0, 0, 4, 0, 4, 2 * COORDINATE_MAX)),
    400,
    'invalid_parameter',
    `vertices[2] must have |x| and |y| <= ${COORDINATE_MAX}`,
  );
  await assertError(post('/api/polygon', float64s(0, 0, 4, 0)), 400, 'invalid_parameter', 'vertices must have at least 3 points');
});

test('a parameter comes once: the body names polygon and points, the query may not', async () => {
  await assertError(
    post('/api/contains', float64s(4, ...RECTANGLE, 1, 1), 'application/octet-stream', { points: ['[[1,1]]'] }),
    400,
    'invalid_parameter',
    'points is not accepted in the query: send it in the request body',
  );
  await assertError(
    post('/api/contains', float64s(4, ...RECTANGLE, 1, 1), 'application/octet-stream', { radius: ['1'] }),
    400,
    'unknown_parameter',
    'unknown parameter "radius"; expected: polygon, points, engine, budget',
  );
});

test('other media types: 415 naming both forms on these routes, JSON only elsewhere', async () => {
  await assertError(
    post('/api/contains', float64s(1), 'text/html'),
    415,
    'unsupported_media_type',
    "the body must be JSON or application/octet-stream (little-endian float64 values: the vertex count n, the polygon's n [x, y] vertices, then the points' [x, y] pairs): send content-type: application/json or application/octet-stream",
  );
  await assertError(post('/api/circle', float64s(1)), 415, 'unsupported_media_type', 'the body must be JSON: send content-type: application/json');
});

test.run();
