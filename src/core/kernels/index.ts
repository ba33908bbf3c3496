// The registry: every kernel, once. Everything that lists kernels (routes, the pool's dispatch,
// direct-invoke operations, Azure function folders, CLI commands, OpenAPI, the README) reads this.
import { runKernel, type AnyKernel } from '../kernel.ts';
import { ENGINES, type Engine } from '../types.ts';
import { circleKernel } from './circle.ts';
import { containsKernel } from './contains.ts';
import { palindromesKernel } from './palindromes.ts';
import { polygonKernel } from './polygon.ts';

export const KERNELS: readonly AnyKernel[] = [palindromesKernel, circleKernel, polygonKernel, containsKernel];

/**
 * Runs every kernel's example on each engine (microseconds once compiled): what /api/health checks
 * on every engine, and what an init phase runs so that a first call finds the code it runs compiled.
 */
export function runExamples(engines: readonly Engine[] = ENGINES): void {
  for (const kernel of KERNELS) for (const engine of engines) runKernel(kernel, kernel.example, { engine });
}

/** The kernel of that name, or undefined. */
export function kernelNamed(name: string): AnyKernel | undefined {
  return KERNELS.find((kernel) => kernel.name === name);
}
