// Wasm faults and leaks. A real trap inside the instance (the kernel divides by zero when handed
// max = 0, which the public API refuses, so only the internal engine can be given it) is caught,
// answered as kernel_fault, and the instance replaced, so nothing it left behind reaches the next
// call; through HTTP the fault is a 500 JSON error without a stack. And 100,000 mixed calls, faults
// among them, leave the Wasm memory, the JS heap and the resident set where they were.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLocalServer } from '../adapters/node/server.ts';
import { circle, circles, DEFAULT_BUDGET, palindromes, PolyfnError, type PalindromeResult } from '../src/core/index.ts';
import { liveMemory, searchPalindromes } from '../src/core/wasm.ts';
import { inlineCompute, type Compute, type Timed } from '../src/http/compute.ts';
import { ERROR_STATUS } from '../src/http/errors.ts';
import { within } from './support/answers.ts';
import { close, listen, send } from './support/http.ts';
import { MIB, settledMemory } from './support/memory.ts';

const WORK = { budget: DEFAULT_BUDGET, deadlineNs: 0n };
const PALINDROMES_10_99: PalindromeResult = { smallest: { value: 121n, factors: [[11, 11]] }, largest: { value: 9009n, factors: [[91, 99]] } };

/** A real trap: max = 0 makes the kernel divide by zero. Returns the error it threw. */
function trap(): PolyfnError {
  try {
    searchPalindromes(0, 0, WORK);
  } catch (error) {
    assert.instance(error, PolyfnError);
    return error as PolyfnError;
  }
  return assert.unreachable('searching [0, 0] did not trap') as never;
}

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
  assert.equal(searchPalindromes(10, 99, WORK), { status: 'ok', steps: 13, result: PALINDROMES_10_99 });
  assert.equal(circles([1, 2]), circles([1, 2], { engine: 'js' }));
});

faults('one bad call never poisons the next: what a faulting call wrecked in memory is thrown away with it', () => {
  // As a runaway write would before a trap: every byte of the instance's memory (its tables, its
  // pair buffers, the batch buffers) wiped. Kept, this instance would trap on the next search.
  new Uint8Array(liveMemory().buffer).fill(0);
  assert.is(trap().code, 'kernel_fault');
  assert.equal(palindromes(10, 99), PALINDROMES_10_99);
  assert.equal(palindromes(1, 9).largest, { value: 9n, factors: [[1, 9], [3, 3]] });
  assert.equal(circle(2), circle(2, { engine: 'js' }));
});

/** Searches inline, except [1, 1], which it hands the internal engine as [0, 0]: a real trap behind the HTTP layer. */
const faultyCompute: Compute = {
  ...inlineCompute,
  async palindromes(min, max, options): Promise<Timed<PalindromeResult>> {
    if (min === 1 && max === 1) throw trap();
    return inlineCompute.palindromes(min, max, options);
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

// Ranges from one pair to many ([1, 9]: 9 = 1 * 9 = 3 * 3 moves the pairs to a heap block), both engines.
const RANGES: Array<[number, number]> = [[1, 9], [10, 99], [100, 999], [15, 15], [1, 999], [91, 99], [3215, 4000], [1000, 9999], [1, 99_999]];
// More radii than the kernel's batch buffers hold, so the largest batches go through in chunks.
const RADII = Float64Array.from({ length: 40_000 }, (_, i) => i / 4);

/** Call number i of a fixed mix: mostly searches, a batch or a circle every tenth call, a trap every thousandth. */
function call(i: number): void {
  const engine = i % 8 === 1 ? 'js' : 'wasm';
  if (i % 1000 === 500) trap();
  else if (i % 10 === 0) circles(RADII.subarray(0, i % 10_000 === 0 ? RADII.length : 1 + (i % 300)), { engine });
  else if (i % 10 === 5) circle(i, { engine });
  else palindromes(...RANGES[i % RANGES.length]!, { engine });
}

leaks('Wasm memory, JS heap and resident set do not grow across 100,000 mixed calls (faults included)', () => {
  for (let i = 0; i < 50_000; i++) call(i); // warm-up: JIT tiers, allocator pools, the pair buffers' final size
  const wasmBefore = liveMemory().buffer.byteLength;
  const before = settledMemory();
  for (let i = 0; i < 100_000; i++) call(i);
  const wasmAfter = liveMemory().buffer.byteLength;
  const after = settledMemory();
  const grown = (read: (m: NodeJS.MemoryUsage) => number) => (read(after) - read(before)) / MIB;
  const figures = `heap used ${(before.heapUsed / MIB).toFixed(1)} -> ${(after.heapUsed / MIB).toFixed(1)} MiB, rss ${(before.rss / MIB).toFixed(1)} -> ${(after.rss / MIB).toFixed(1)} MiB`;
  assert.is(wasmAfter, wasmBefore, 'Wasm memory: exactly the same size (fresh instances included)');
  // 1 MiB over 100,000 calls is 10 bytes a call: any per-call leak of an object or a buffer shows,
  // and a replaced instance kept alive adds its memory (448 KiB) to external.
  assert.ok(grown((m) => m.heapUsed) < 1, `JS heap grew ${grown((m) => m.heapUsed).toFixed(2)} MiB (${figures})`);
  assert.ok(grown((m) => m.external) < 1, `external memory grew ${grown((m) => m.external).toFixed(2)} MiB`);
  assert.ok(grown((m) => m.arrayBuffers) < 1, `array buffers grew ${grown((m) => m.arrayBuffers).toFixed(2)} MiB`);
  // The resident set outside the V8 heap: native leaks. (The heap's own pages come and go as V8
  // resizes its young generation under this allocation rate, some 16 MiB, with nothing leaked.)
  const native = grown((m) => m.rss - m.heapTotal);
  assert.ok(native < 8, `resident set outside the JS heap grew ${native.toFixed(1)} MiB (${figures})`);
});

leaks.run();
