// Runs one uvu test file and reports it as TAP, for StrykerJS's tap runner (which starts one
// process per test file and reads TAP from its stdout). uvu prints its own format, not TAP, so its
// report goes to stderr and stdout carries the TAP alone. A mutant needs one failing test to be
// killed, so the file stops at its first failure (uvu would finish the suite: minutes, for the
// property tests on instrumented code).
// Usage: node --import tsx scripts/mutation/uvu-tap.ts test/api.test.ts
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';

// A queued uvu suite: runs it and returns [errors (true when none), passed, skipped, total].
type SuiteRun = () => Promise<[string | true, number, number, number]>;
declare global {
  var UVU_DEFER: number | undefined;
  var UVU_QUEUE: Array<[string | null, ...SuiteRun[]]> | undefined;
  var UVU_INDEX: number | undefined;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: uvu-tap.ts <test file>');
  process.exit(2);
}

const tap = process.stdout.write.bind(process.stdout);
const toStderr = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
let points = 0;
let suite = 0;
let testsInSuite = 0;

function report(ok: boolean, name: string): void {
  points++;
  tap(`${ok ? 'ok' : 'not ok'} ${points} - ${name.replace(/#/g, '\\#')}\n`);
}

function finish(ok: boolean): never {
  tap(`1..${points}\n`);
  process.exit(ok ? 0 : 1);
}

// uvu writes one mark per test as it ends: a dot when it passed, a cross when it failed.
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  if (text.includes('•')) testsInSuite++;
  if (text.includes('✘')) {
    toStderr(text);
    report(false, `${file}: suite ${suite}, test ${testsInSuite + 1} failed, the first failure (the file stops there)`);
    finish(false);
  }
  return toStderr(chunk, ...rest);
}) as typeof process.stdout.write;

// A throw outside any test (a load error, a rejection nobody awaited) fails the file, as it
// fails `npm test`; without a "not ok" line the tap runner would call it a runtime error.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    report(false, `${file}: ${event}: ${error instanceof Error ? error.message : String(error)}`);
    finish(false);
  });
}

// One fixed seed for every property: a mutant's verdict must not depend on the run, or scores
// drift and incremental runs keep verdicts that a rerun would not reproduce. PROPERTY_SEED is what
// test/support/properties.ts reads; the global seed covers properties that call fast-check directly.
process.env['PROPERTY_SEED'] ??= String(0x5eed);
fc.configureGlobal({ seed: Number(process.env['PROPERTY_SEED']) });

// Outside the dry run nobody reads the coverage counts: skip counting (quiet-coverage.mjs).
const stryker = (globalThis as { __stryker__?: { coverageOff?: boolean } }).__stryker__;
if (stryker && process.env['STRYKER_DRY_RUN'] !== 'true') stryker.coverageOff = true;

tap('TAP version 13\n');
globalThis.UVU_DEFER = 1; // uvu queues the suites instead of running them on import
globalThis.UVU_QUEUE = [[file]];
globalThis.UVU_INDEX = 0;
try {
  await import(pathToFileURL(resolve(file)).href);
} catch (error) {
  report(false, `${file}: loading failed: ${error instanceof Error ? error.message : String(error)}`);
  finish(false);
}
const [, ...suites] = globalThis.UVU_QUEUE[0]!;
for (const run of suites) {
  suite++;
  testsInSuite = 0;
  const [errors, passed, , total] = await run();
  if (errors !== true) {
    report(false, `${file}: suite ${suite} failed`); // reached only if the cross mark was missed
    finish(false);
  }
  report(true, `${file}: suite ${suite}, ${passed}/${total} passed`);
}
finish(true);
