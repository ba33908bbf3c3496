// The conformance table through the classic watchdog's entry as packaged (dist/openfaas/classic.mjs),
// one real process per request, fed as the classic watchdog feeds it: the body on stdin, the request
// line and headers as Http_* variables (test/fixtures/openfaas/watchdogs.ts).
//
// The classic watchdog carries back only stdout, the exit code and a fixed Content-Type: every
// answer is 200 when the process exits 0, and no other header reaches the client. So each case is
// checked for what does reach it (exit code 0, status 200, the exact JSON body: every error keeps
// its code and message, and content-type), and the contract's status, which the client cannot see,
// is checked in the process's log line. The case's other header and Set-Cookie expectations are not
// checked: the classic watchdog cannot carry them (the stack's HTTP-mode function does).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../../scripts/bundle.ts';
import { packageOpenfaas } from '../../scripts/package/openfaas.ts';
import { classicAnswer, runAsClassicWatchdog, type ClassicRun } from '../fixtures/openfaas/watchdogs.ts';
import { asForwarded } from '../support/adapters.ts';
import { assertLogLine } from '../support/log.ts';
import { assertConformance, cases, type ConformanceCase } from './cases.ts';

const UNSUPPORTED: Record<string, string> = {
  'invalid base64 body': 'stdin carries raw bytes: there is no base64 encoding to get wrong',
};
/** Processes at a time: each is a Node start-up, kept few so the machine stays responsive. */
const CONCURRENCY = 4;

/** What reaches the client through the classic watchdog: status 200, the body, and content-type. */
function asCarriedByClassic(c: ConformanceCase): ConformanceCase {
  const { headers = {}, cookies: _notCarried, ...expect } = c.expect;
  const contentType = headers['content-type'];
  return { ...c, expect: { ...expect, status: 200, headers: contentType ? { 'content-type': contentType } : {} } };
}

const runs = new Map<string, ClassicRun>();
let settings: Record<string, string> = {};

async function runAll(entry: string): Promise<void> {
  const queue = cases.filter((c) => !Object.hasOwn(UNSUPPORTED, c.name));
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      runs.set(c.name, await runAsClassicWatchdog(entry, asForwarded(c.request), settings));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** The classic function's environment in deploy/openfaas/stack.yaml, e.g. content_type. */
async function classicSettings(): Promise<Record<string, string>> {
  const stack = await readFile(join(root, 'deploy/openfaas/stack.yaml'), 'utf8');
  const classic = stack.slice(stack.indexOf('polyfn-classic:'));
  const pairs = [...classic.matchAll(/^ {6}(\w+): "(.*)"$/gm)].map(([, name, value]) => [name!, value!]);
  return Object.fromEntries(pairs);
}

const test = suite('conformance: openfaas classic watchdog');

test.before(async () => {
  const [artifact] = await packageOpenfaas();
  settings = await classicSettings();
  await runAll(join(root, artifact!.path, 'classic.mjs'));
});

test('the stack gives the classic function a JSON content type and keeps stderr out of the body', () => {
  assert.match(settings['content_type'] ?? '', /^application\/json/);
  assert.is(settings['combine_output'], 'false');
});

for (const c of cases) {
  if (Object.hasOwn(UNSUPPORTED, c.name)) continue;
  test(c.name, () => {
    const run = runs.get(c.name)!;
    assert.is(run.exitCode, 0, `${c.name}: exit code (stderr ${run.stderr})`);
    const lines = run.stderr.trim().split('\n');
    assert.is(lines.length, 1, `${c.name}: one log line on stderr`);
    const log = assertLogLine(lines[0], undefined, 'request');
    assert.is(log['status'], c.expect.status, `${c.name}: the contract's status, in the log line`);
    assertConformance(asCarriedByClassic(c), classicAnswer(run, settings['content_type']!));
  });
}

test('every case not run is a named gap of this envelope', () => {
  for (const name of Object.keys(UNSUPPORTED))
    assert.ok(
      cases.some((c) => c.name === name),
      `no case named "${name}"`,
    );
});

test.run();
