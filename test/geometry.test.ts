// Circle kernels: known answers, Wasm == JS bit for bit (scalar and batch), and validation.
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { circle, circles, ENGINES, PolyfnError, RADIUS_MAX, type Engine } from '../src/index.ts';
import { assertProperty } from './support/properties.ts';
import { assertThrows } from './support/throws.ts';

/** Same double, including -0 vs 0 and NaN (which the kernels never produce). */
function sameBits(a: number, b: number): boolean {
  return Object.is(a, b);
}

test('known answers (the area of a circle, as in "Write your functions in Rust – with Azure & Rocket"), both engines', () => {
  for (const engine of ENGINES) {
    assert.equal(circle(2, { engine }), { radius: 2, area: 12.566370614359172, circumference: 12.566370614359172 });
    assert.equal(circle(1, { engine }), { radius: 1, area: Math.PI, circumference: 2 * Math.PI });
    assert.equal(circle(0, { engine }), { radius: 0, area: 0, circumference: 0 });
    const big = circle(RADIUS_MAX, { engine });
    assert.ok(Number.isFinite(big.area), 'the largest radius has a finite area');
  }
});

test('scalar: Wasm and JS agree bit for bit on any valid radius', () => {
  const radius = fc.oneof(fc.double({ min: 0, max: RADIUS_MAX, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }));
  assertProperty(
    fc.property(radius, (r) => {
      const w = circle(r, { engine: 'wasm' });
      const j = circle(r, { engine: 'js' });
      return sameBits(w.area, j.area) && sameBits(w.circumference, j.circumference);
    }),
    // 5000 radii: one scalar call per engine each (microseconds), half of them drawn over the whole
    // range up to RADIUS_MAX, where rounding differences between engines would show first.
    5000,
  );
});

test('batch: Wasm (SIMD, chunked) equals JS and the scalar kernel, across chunk boundaries and odd lengths', () => {
  for (const n of [1, 2, 3, 16383, 16384, 16385, 40001]) {
    const radii = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 7 + i / 3);
    const w = circles(radii, { engine: 'wasm' });
    const j = circles(radii, { engine: 'js' });
    assert.is(w.area.length, n);
    for (let i = 0; i < n; i++) {
      if (!sameBits(w.area[i]!, j.area[i]!) || !sameBits(w.circumference[i]!, j.circumference[i]!)) {
        assert.unreachable(`n=${n}, index ${i}: wasm ${w.area[i]}/${w.circumference[i]} js ${j.area[i]}/${j.circumference[i]}`);
      }
    }
    const last = circle(radii[n - 1]!, { engine: 'wasm' });
    assert.is(w.area[n - 1], last.area, 'batch matches scalar');
  }
});

test('batch: property over random arrays', () => {
  assertProperty(
    fc.property(fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { minLength: 0, maxLength: 300 }), (list) => {
      const w = circles(list, { engine: 'wasm' });
      const j = circles(list, { engine: 'js' });
      return list.every((_, i) => sameBits(w.area[i]!, j.area[i]!) && sameBits(w.circumference[i]!, j.circumference[i]!));
    }),
    // 300 arrays of up to 300 radii (~45,000 values through the SIMD path); the chunk boundaries
    // themselves are pinned by the test above.
    300,
  );
});

test('invalid radii are errors with clear messages, on both engines', () => {
  for (const engine of ENGINES) {
    assertThrows(() => circle(-1, { engine }), PolyfnError, 'invalid_argument', 'radius must be >= 0');
    assertThrows(() => circle(Number.NaN, { engine }), PolyfnError, 'invalid_argument', 'radius must be a finite number');
    assertThrows(() => circle(Infinity, { engine }), PolyfnError, 'invalid_argument', 'radius must be a finite number');
    assertThrows(() => circle(RADIUS_MAX * 10, { engine }), PolyfnError, 'invalid_argument', `radius must be <= ${RADIUS_MAX}`);
    assertThrows(() => circles([1, 2, -3], { engine }), PolyfnError, 'invalid_argument', 'radii[2] must be >= 0');
  }
  assertThrows(() => circle(1, { engine: 'rust' as Engine }), PolyfnError, 'invalid_argument', 'engine must be one of: wasm, js');
});

test.run();
