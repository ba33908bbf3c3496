// The JS twin of assembly/polygons.ts: the same operations in the same order, so results are
// bit-identical. The polygon's sums are kept in the Wasm kernel's two lanes (even edges, odd edges)
// and added lane 0 + lane 1 at the end; contains decides each point with the same rule (see the
// Wasm file), one point at a time, which gives the same answers as four at a time.

/** Twice the signed area, the perimeter and the centroid (not finite when the area is 0). */
export interface PolygonMeasures {
  twiceArea: number;
  perimeter: number;
  centroidX: number;
  centroidY: number;
}

/** The measures of the polygon of `vertices` ([x0, y0, x1, y1, ...], at least one vertex). */
export function polygonMeasures(vertices: Float64Array): PolygonMeasures {
  const n = vertices.length >> 1;
  const x0 = vertices[0]!;
  const y0 = vertices[1]!;
  let area0 = 0,
    area1 = 0,
    sumX0 = 0,
    sumX1 = 0,
    sumY0 = 0,
    sumY1 = 0,
    perimeter0 = 0,
    perimeter1 = 0;
  let xa = x0 - x0;
  let ya = y0 - y0;
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? 2 * (i + 1) : 0;
    const xb = vertices[next]! - x0;
    const yb = vertices[next + 1]! - y0;
    const cross = xa * yb - xb * ya;
    const weightX = (xa + xb) * cross;
    const weightY = (ya + yb) * cross;
    const dx = xb - xa;
    const dy = yb - ya;
    const length = Math.sqrt(dx * dx + dy * dy);
    if ((i & 1) === 0) {
      area0 += cross;
      sumX0 += weightX;
      sumY0 += weightY;
      perimeter0 += length;
    } else {
      area1 += cross;
      sumX1 += weightX;
      sumY1 += weightY;
      perimeter1 += length;
    }
    xa = xb;
    ya = yb;
  }
  const twiceArea = area0 + area1;
  return {
    twiceArea,
    perimeter: perimeter0 + perimeter1,
    centroidX: x0 + (sumX0 + sumX1) / (3 * twiceArea),
    centroidY: y0 + (sumY0 + sumY1) / (3 * twiceArea),
  };
}

/** The closed ring: the vertices, then vertex 0 again, as the Wasm kernel's buffer holds them. */
export function closedRing(vertices: Float64Array): Float64Array {
  const ring = new Float64Array(vertices.length + 2);
  ring.set(vertices);
  ring[vertices.length] = vertices[0]!;
  ring[vertices.length + 1] = vertices[1]!;
  return ring;
}

/**
 * For points [from, to) of `points` ([x, y] pairs), 1 when inside the polygon of the `ring`
 * (closedRing) or on its boundary, else 0, written to `inside` at the same index.
 */
export function containsRange(ring: Float64Array, points: Float64Array, from: number, to: number, inside: Uint8Array): void {
  const edges = (ring.length >> 1) - 1;
  for (let j = from; j < to; j++) {
    const px = points[2 * j]!;
    const py = points[2 * j + 1]!;
    let odd = false;
    let on = false;
    let x1 = ring[0]!;
    let y1 = ring[1]!;
    for (let i = 1; i <= edges; i++) {
      const x2 = ring[2 * i]!;
      const y2 = ring[2 * i + 1]!;
      if (y1 <= y2 ? py >= y1 && py <= y2 : py >= y2 && py <= y1) {
        const d = (px - x1) * (py - y2) - (px - x2) * (py - y1);
        const below1 = y1 <= py;
        if (below1 !== y2 <= py && d > 0 === below1) odd = !odd;
        if (d === 0 && (x1 <= x2 ? px >= x1 && px <= x2 : px >= x2 && px <= x1)) on = true;
      }
      x1 = x2;
      y1 = y2;
    }
    inside[j] = odd || on ? 1 : 0;
  }
}
