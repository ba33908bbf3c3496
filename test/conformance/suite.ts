// Registers the conformance table as one uvu suite for an adapter.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertConformance, cases, type ActualResponse, type ConformanceCase } from './cases.ts';

export interface ConformanceOptions {
  /** Cases this envelope cannot express: case name -> why. Each name must exist in the table. */
  unsupported?: Record<string, string>;
  before?: () => unknown;
  after?: () => unknown;
}

export function conformanceSuite(adapter: string, send: (c: ConformanceCase) => Promise<ActualResponse>, options: ConformanceOptions = {}): void {
  const test = suite(`conformance: ${adapter}`);
  const unsupported = options.unsupported ?? {};
  if (options.before) test.before(async () => void (await options.before!()));
  if (options.after) test.after(async () => void (await options.after!()));
  for (const c of cases) {
    if (Object.hasOwn(unsupported, c.name)) continue;
    test(c.name, async () => assertConformance(c, await send(c)));
  }
  test('every case not run is a named gap of this envelope', () => {
    for (const name of Object.keys(unsupported))
      assert.ok(
        cases.some((c) => c.name === name),
        `no case named "${name}"`,
      );
  });
  test.run();
}
