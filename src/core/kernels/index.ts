// The registry: every kernel, once. Everything that lists kernels (routes, the pool's dispatch,
// direct-invoke operations, Azure function folders, CLI commands, OpenAPI, the README) reads this.
import type { AnyKernel } from '../kernel.ts';
import { circleKernel } from './circle.ts';
import { containsKernel } from './contains.ts';
import { palindromesKernel } from './palindromes.ts';
import { polygonKernel } from './polygon.ts';

export const KERNELS: readonly AnyKernel[] = [palindromesKernel, circleKernel, polygonKernel, containsKernel];

/** The kernel of that name, or undefined. */
export function kernelNamed(name: string): AnyKernel | undefined {
  return KERNELS.find((kernel) => kernel.name === name);
}
