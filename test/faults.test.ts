// Wasm faults and leaks. A real trap inside the instance (test/support/kernel-calls.ts) is caught,
// answered as kernel_fault, and the instance replaced, so nothing it left behind reaches the next
// call; through HTTP the fault is a 500 JSON error without a stack. And 100,000 mixed calls, faults
// among them, leave the Wasm memory, the JS heap and the resident set where they were (measured in
// a fresh process with --expose-gc, away from everything else this test run does).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLocalServer } from '../adapters/node/server.ts';
import { circle, circles, DEFAULT_BUDGET, palindromes, type PalindromeResult } from '../src/index.ts';
import { engines } from '../src/core/kernels/palindromes.ts';
import { liveMemory } from '../src/core/wasm.ts';
import { inlineCompute, type Compute, type Timed } from '../src/contract/compute.ts';
import { ERROR_STATUS } from '../src/contract/errors.ts';
import { within } from './support/answers.ts';
import { close, listen, send } from './support/http.ts';
import { trap, type CallsMeasurement } from './support/kernel-calls.ts';
import { MIB } from './support/memory.ts';
import { run } from './support/run.ts';

const WORK = { budget: DEFAULT_BUDGET, deadlineNs: 0n };
const PALINDROMES_10_99: PalindromeResult = { smallest: { value: 121n, factors: [[11, 11]] }, largest: { value: 9009n, factors: [[91, 99]] } };

const faults = suite('wasm faults');

faults('a trap inside the instance is kernel_fault, and the instance is replaced by a fresh one', () => {
  const before = liveMemory();
  assert.equal(palindromes(10, 99), PALINDROMES_10_99);
  assert.is(liveMemory(), before, 'a call that ends normally keeps the instance');
  const error = trap();
  assert.is(error.code, 'kernel_fault');
  assert.is(error.message, 'the Wasm kernel failed (divide by zero); it has been reset');
  assert.is.not(liveMemory(), before, 'the instance that trapped is gone');
  assert.equal(palindromes(10, 99), PALINDROMES_10_99);
  assert.equal(engines.wasm(10, 99, WORK), { status: 'ok', steps: 13, result: PALINDROMES_10_99 });
  assert.equal(circles([1, 2]), circles([1, 2], { engine: 'js' }));
});

faults('one bad call never poisons the next: what a faulting call wrecked in memory is thrown away with it', () => {
  // As a runaway write would before a trap: every byte of the instance's memory (its tables, its
  // pair buffers, the batch buffers) wiped. Kept, this instance would trap on the next search.
  new Uint8Array(liveMemory().buffer).fill(0);
  assert.is(trap().code, 'kernel_fault');
  assert.equal(palindromes(10, 99), PALINDROMES_10_99);
  assert.equal(palindromes(1, 9).largest, {
    value: 9n,
    factors: [
      [1, 9],
      [3, 3],
    ],
  });
  assert.equal(circle(2), circle(2, { engine: 'js' }));
});

/** Searches inline, except [1, 1], which it hands the internal engine as [0, 0]: a real trap behind the HTTP layer. */
const faultyCompute: Compute = {
  async run(kernel, input, options): Promise<Timed<unknown>> {
    const { min, max } = input as { min?: number; max?: number };
    if (kernel.name === 'palindromes' && min === 1 && max === 1) throw trap();
    return inlineCompute.run(kernel, input, options);
  },
};

faults('through HTTP: a fault answers 500 kernel_fault JSON without a stack, and the next request is answered', async () => {
  const server = createLocalServer({ compute: faultyCompute });
  const base = await listen(server);
  try {
    const fault = await within(send(`${base}/api/palindromes?min=1&max=1`), 'the faulting request');
    assert.is(fault.status, ERROR_STATUS.kernel_fault);
    assert.equal(JSON.parse(fault.body), { error: { code: 'kernel_fault', message: 'the Wasm kernel failed (divide by zero); it has been reset' } });
    assert.not.match(fault.body, /\bat .+:\d+:\d+/);
    const next = await within(send(`${base}/api/palindromes?min=10&max=99`), 'the next request');
    assert.is(next.status, 200);
    assert.equal(JSON.parse(next.body), { smallest: { value: 121, factors: [[11, 11]] }, largest: { value: 9009, factors: [[91, 99]] } });
  } finally {
    await close(server);
  }
});

faults.run();

// ---------------------------------------------------------------------------------------------
const leaks = suite('memory across 100,000 calls');

leaks('Wasm memory, JS heap and resident set do not grow across 100,000 mixed calls (faults included)', async () => {
  const ran = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/support/kernel-calls.ts']);
  assert.is(ran.code, 0, ran.stderr);
  const { wasmBytes, before, after } = JSON.parse(ran.stdout) as CallsMeasurement;
  const grown = (read: (m: NodeJS.MemoryUsage) => number) => (read(after) - read(before)) / MIB;
  const figures = `heap used ${(before.heapUsed / MIB).toFixed(1)} -> ${(after.heapUsed / MIB).toFixed(1)} MiB, rss ${(before.rss / MIB).toFixed(1)} -> ${(after.rss / MIB).toFixed(1)} MiB`;
  assert.is(wasmBytes.after, wasmBytes.before, 'Wasm memory: exactly the same size (fresh instances included)');
  // 1 MiB over 100,000 calls is 10 bytes a call: any per-call leak of an object or a buffer shows,
  // and a replaced instance kept alive adds its memory (2 MiB) to external.
  assert.ok(grown((m) => m.heapUsed) < 1, `JS heap grew ${grown((m) => m.heapUsed).toFixed(2)} MiB (${figures})`);
  assert.ok(grown((m) => m.external) < 1, `external memory grew ${grown((m) => m.external).toFixed(2)} MiB`);
  assert.ok(grown((m) => m.arrayBuffers) < 1, `array buffers grew ${grown((m) => m.arrayBuffers).toFixed(2)} MiB`);
  // The resident set outside the V8 heap: native leaks. (The heap's own pages come and go as V8
  // resizes its young generation under this allocation rate, some 16 MiB, with nothing leaked.)
  const native = grown((m) => m.rss - m.heapTotal);
  assert.ok(native < 8, `resident set outside the JS heap grew ${native.toFixed(1)} MiB (${figures})`);
});

leaks.run();
