// The JS twin of assembly/geometry.ts: same operation order, so results are bit-identical.
import type { CircleBatch } from '../types.ts';

export function circleArea(r: number): number {
  return Math.PI * r * r;
}

export function circleCircumference(r: number): number {
  return 2 * Math.PI * r;
}

export function circles(radii: Float64Array): CircleBatch {
  const area = new Float64Array(radii.length);
  const circumference = new Float64Array(radii.length);
  for (let i = 0; i < radii.length; i++) {
    const r = radii[i]!;
    area[i] = Math.PI * r * r;
    circumference[i] = 2 * Math.PI * r;
  }
  return { area, circumference };
}
