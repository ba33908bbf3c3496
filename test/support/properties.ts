// Property runs: fresh random inputs on every run (the exploration), yet any run can be replayed.
// A failure names the seed it ran with; PROPERTY_SEED=<that number> npm test replays it (fast-check
// also prints the path to the shrunk counterexample).
import fc from 'fast-check';

const pinned = process.env['PROPERTY_SEED'];
if (pinned !== undefined && !Number.isSafeInteger(Number(pinned))) throw new Error(`PROPERTY_SEED must be an integer, not ${JSON.stringify(pinned)}`);

/** The seed of this process's properties: PROPERTY_SEED when set, else a fresh one per run. */
export const propertySeed = pinned !== undefined ? Number(pinned) : Math.floor(Math.random() * 2 ** 31);

/**
 * Checks a property over `runs` random inputs drawn from propertySeed; a failure's message ends with
 * how to replay it. `runs` is each property's own choice: say why at the call.
 */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, runs: number): void {
  try {
    fc.assert(property, { seed: propertySeed, numRuns: runs });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\nReplay: PROPERTY_SEED=${propertySeed} npm test`, { cause: error });
  }
}
