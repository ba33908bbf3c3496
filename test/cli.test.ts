// The polyfn command end to end: the built bundle, run as a user runs it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { palindromeResultToJSON, palindromes } from '../src/index.ts';
import { within } from './support/answers.ts';
import { freePort } from './support/http.ts';
import { polyfn, polyfnBin } from './support/run.ts';

test('palindromes prints one JSON line (the issue example), on both engines', async () => {
  const expected = '{"smallest":{"value":121,"factors":[[11,11]]},"largest":{"value":9009,"factors":[[91,99]]}}\n';
  for (const engine of ['wasm', 'js']) {
    const { code, stdout, stderr } = await polyfn('palindromes', '--min', '10', '--max', '99', '--engine', engine);
    assert.is(code, 0, stderr);
    assert.is(stdout, expected);
    assert.is(stderr, '');
  }
});

test('palindromes agrees with the API on other ranges', async () => {
  for (const [min, max] of [
    [1, 9],
    [100, 999],
    [1002, 1003],
    [3215, 4000],
  ] as const) {
    const { stdout } = await polyfn('palindromes', '--min', String(min), '--max', String(max));
    assert.is(stdout, `${JSON.stringify(palindromeResultToJSON(palindromes(min, max)))}\n`);
  }
});

test('circle prints one JSON line (the issue example)', async () => {
  const { code, stdout } = await polyfn('circle', '--radius', '2', '--engine', 'js');
  assert.is(code, 0);
  assert.is(stdout, '{"radius":2,"area":12.566370614359172,"circumference":12.566370614359172}\n');
});

test('errors: exit 1 with one line on stderr; usage errors exit 2', async () => {
  const cases: Array<[string[], number, RegExp]> = [
    [['palindromes', '--min', '99', '--max', '10'], 1, /^polyfn: min must be <= max\n$/],
    [['palindromes', '--min', 'ten', '--max', '99'], 1, /^polyfn: min must be an integer\n$/],
    [['palindromes', '--min', '1', '--max', '1000000000'], 1, /^polyfn: max must be <= 999999999\n$/],
    [['palindromes', '--min', '1000', '--max', '9999', '--budget', '3'], 1, /^polyfn: the search of \[1000, 9999\] needs more than 3 steps\n$/],
    [['circle', '--radius=-2'], 1, /^polyfn: radius must be >= 0\n$/],
    [['circle', '--radius', '-2'], 2, /use '--radius=-XYZ'/],
    [['circle', '--radius', 'abc'], 1, /^polyfn: radius must be a number\n$/],
    [['palindromes', '--min', '10'], 2, /^polyfn: --max is required \(see polyfn --help\)\n$/],
    [['circle', '--radius', '1', '--engine', 'rust'], 2, /^polyfn: --engine must be one of: wasm, js/],
    [['frobnicate'], 2, /^polyfn: unknown command "frobnicate"/],
    [['circle', '--colour', 'red'], 2, /^polyfn: Unknown option '--colour'/],
  ];
  for (const [args, code, pattern] of cases) {
    const ran = await polyfn(...args);
    assert.is(ran.code, code, args.join(' '));
    assert.match(ran.stderr, pattern, args.join(' '));
    assert.is(ran.stdout, '', args.join(' '));
  }
});

test('--help explains every command', async () => {
  const { code, stdout } = await polyfn('--help');
  assert.is(code, 0);
  for (const word of ['palindromes', 'circle', 'serve', 'wasi', '--engine', '--budget', '--port']) assert.ok(stdout.includes(word), word);
});

test('serve: starts, answers over HTTP, logs JSON lines, stops on SIGTERM with status 0', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [polyfnBin, 'serve', '--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const logged: Array<Record<string, unknown>> = [];
  const listening = new Promise<string>((resolve) => {
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logged.push(entry);
      if (entry['message'] === 'listening') resolve(String(entry['url']).replace('localhost', '127.0.0.1'));
    });
  });
  const url = await within(listening, 'polyfn serve: the "listening" line', 30_000).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const response = await fetch(`${url}/api/palindromes?min=10&max=99`);
  assert.is(response.status, 200);
  assert.equal(await response.json(), { smallest: { value: 121, factors: [[11, 11]] }, largest: { value: 9009, factors: [[91, 99]] } });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  assert.is(await exited, 0);
  const request = logged.find((entry) => entry['message'] === 'request');
  assert.ok(request, 'a request line was logged');
  assert.is(request!['route'], '/api/palindromes');
  assert.is(request!['status'], 200);
  assert.type(request!['kernelMs'], 'number');
});

test('serve: a bad port is a clear error', async () => {
  const ran = await polyfn('serve', '--port', '99999');
  assert.is(ran.code, 1);
  assert.match(ran.stderr, /^polyfn: --port must be a TCP port \(1-65535\), got "99999"\n$/);
});

test.run();
