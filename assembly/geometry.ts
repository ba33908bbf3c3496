// Circle area and circumference, scalar and batched. The batch works on fixed static buffers so a
// call never grows memory: the host copies radii in and results out, one chunk at a time.
// Operation order matches the JS twin exactly (PI * r * r, 2 * PI * r), so results are bit-identical.

const CAPACITY: i32 = 16384;
const radii = memory.data(CAPACITY * 8, 16);
const areas = memory.data(CAPACITY * 8, 16);
const circumferences = memory.data(CAPACITY * 8, 16);

export function circleArea(r: f64): f64 {
  return Math.PI * r * r;
}

export function circleCircumference(r: f64): f64 {
  return 2 * Math.PI * r;
}

export function batchCapacity(): i32 { return CAPACITY; }
export function batchRadii(): usize { return radii; }
export function batchAreas(): usize { return areas; }
export function batchCircumferences(): usize { return circumferences; }

export function circles(n: i32): void {
  const pi = f64x2.splat(Math.PI);
  const tau = f64x2.splat(2 * Math.PI);
  const bytes = <usize>n << 3;
  const paired = bytes & ~15;
  // Two radii per 128-bit lane: f64x2 mul is IEEE-exact per lane, so it matches the scalar path.
  for (let at: usize = 0; at < paired; at += 16) {
    const r = v128.load(radii + at);
    v128.store(areas + at, f64x2.mul(f64x2.mul(pi, r), r));
    v128.store(circumferences + at, f64x2.mul(tau, r));
  }
  if (paired < bytes) {
    const r = load<f64>(radii + paired);
    store<f64>(areas + paired, circleArea(r));
    store<f64>(circumferences + paired, circleCircumference(r));
  }
}
