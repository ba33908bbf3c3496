// The emulated Lambda's tables (bench/lambda-cost.ts), for bench/results.md and the README: what each
// invocation bills and costs per million, at each memory size, beside the talk's Lambda figures priced
// the same way; and what those figures leave out.
import { count, duration, mib, table } from './format.ts';
import type { EmulatedRow, EmulatedSize, LambdaCostSection } from './lambda-cost.ts';
import { LAMBDA_MAX_TIMEOUT_MS, type Architecture, type Priced } from './lambda-pricing.ts';
import type { Results } from './results.ts';
import { TALK_WORKLOADS } from './talk.ts';

/** US dollars, three significant digits: "$0.202", "$1.24", "$16.9", "$146", "$1,230". */
export function usd(value: number): string {
  const rounded = Number(value.toPrecision(3));
  if (rounded >= 100) return `$${Math.round(rounded).toLocaleString('en-US')}`;
  if (rounded >= 10) return `$${rounded.toFixed(1)}`;
  if (rounded >= 1) return `$${rounded.toFixed(2)}`;
  return `$${rounded.toFixed(3)}`;
}

const price = (p: Priced, architecture: Architecture) => (p.perMillionUsd ? usd(p.perMillionUsd[architecture]) : '–');

/** "71.0 µs → 1 ms, $0.202": Duration, then what is billed and what a million cost on `architecture`. */
const OVER_LIMIT = `over Lambda's ${LAMBDA_MAX_TIMEOUT_MS / 60_000}-minute limit`;

function billedCell(durationText: string, p: Priced, architecture: Architecture): string {
  if (!p.perMillionUsd) return `${durationText}: ${OVER_LIMIT}`;
  return `${durationText} → ${count(p.billedMs)} ms, ${price(p, architecture)}`;
}

const rowDuration = (row: EmulatedRow) => `${duration(row.durationMs)}${row.extrapolated ? ' (extrapolated)' : ''}`;

const RUNNERS = { handler: 'polyfn', wasm: 'polyfn, Wasm engine', js: 'polyfn, JS engine', naive: "the talk's naive loop, alone (no handler)" } as const;

function sizeHeading(size: EmulatedSize): string {
  return (
    `**${count(size.memoryMb)} MB**: ${(100 * size.cpuShare).toFixed(1)}% of one CPU (${count(size.quotaUs)} µs per 100 ms), ` +
    `${count(size.memoryMb)} MiB of memory. Init (process start to handler ready) ${duration(size.initMs)}, of which Node's own start ` +
    `${duration(size.nodeStartMs)}; first request (init, then the first call) ${duration(size.firstRequestMs)}; max memory used ${mib(size.maxMemoryUsedMiB)}.`
  );
}

function sizeTable(size: EmulatedSize): string {
  const rows = Object.values(size.rows).map((row) => [
    row.workload,
    RUNNERS[row.runner],
    row.extrapolated ? '–' : duration(row.firstMs),
    `${rowDuration(row)}${row.runs ? ` (${row.runs})` : ''}`,
    duration(row.cpuMs),
    row.perMillionUsd ? `${count(row.billedMs)} ms` : OVER_LIMIT,
    price(row, 'x86'),
    price(row, 'arm64'),
  ]);
  return table(
    ['workload', 'what runs', 'first call', 'Duration (warm calls)', 'CPU time', 'billed', 'per million, x86', 'per million, arm64'],
    rows,
    'llrrrrrr',
  );
}

/** The talk's Lambda (128 MB) figures and ours at 128 MB, priced alike: the README's comparison. */
export function pricedComparison(s: LambdaCostSection, architecture: Architecture): string {
  const size = s.sizes['128']!;
  const talk = (language: 'node' | 'rust', label: string) => [
    label,
    s.talk[language].cold,
    ...TALK_WORKLOADS.map((w) => billedCell(s.talk[language].rows[w].text, s.talk[language].rows[w], architecture)),
  ];
  const ours = (label: string, key: (workload: string) => string, cold: string) => [
    label,
    cold,
    ...TALK_WORKLOADS.map((w) => {
      const row = size.rows[key(w)];
      return row ? billedCell(rowDuration(row), row, architecture) : '–';
    }),
  ];
  // Init under the 128 MB share overstates Lambda's (see caveats): the full-CPU size's is beside it.
  const fullCpu = Object.values(s.sizes).find((z) => z.cpuShare >= 1);
  const first = `${duration(size.firstRequestMs)}${fullCpu ? ` (${duration(fullCpu.firstRequestMs)} at one full CPU)` : ''}`;
  return table(
    ['at 128 MB', 'first request', 'hello', '10–99', '100–999', '1000–9999'],
    [
      talk('node', "the talk's Node (on Lambda)"),
      talk('rust', "the talk's Rust (on Lambda)"),
      ours('polyfn, Wasm engine (emulated)', (w) => (w === 'hello' ? 'hello' : `${w} wasm`), first),
      ours('polyfn, JS engine (emulated)', (w) => (w === 'hello' ? 'hello' : `${w} js`), first),
      ours("the talk's naive loop (emulated)", (w) => `${w} naive`, '–'),
    ],
  );
}

/** One row per memory size: first request, and the largest search on each engine, billed and priced. */
export function sizesTable(s: LambdaCostSection): string {
  const cell = (size: EmulatedSize, key: string) => {
    const row = size.rows[key]!;
    return `${duration(row.durationMs)} → ${count(row.billedMs)} ms: ${price(row, 'x86')} x86, ${price(row, 'arm64')} arm64`;
  };
  const talkBilled = (size: EmulatedSize) => {
    const rows = Object.values(size.rows).filter((row) => row.runner !== 'naive' && row.workload !== '9-digit');
    const most = rows.reduce((a, b) => (b.billedMs > a.billedMs ? b : a));
    const least = rows.reduce((a, b) => (b.billedMs < a.billedMs ? b : a));
    const billed = least.billedMs === most.billedMs ? `${most.billedMs} ms` : `${least.billedMs}–${most.billedMs} ms`;
    return `${billed}: ${price(most, 'x86')} x86, ${price(most, 'arm64')} arm64`;
  };
  return table(
    ['memory', 'CPU', 'init', 'first request', "the talk's workloads, both engines", '9-digit, Wasm', '9-digit, JS'],
    Object.values(s.sizes).map((size) => [
      `${count(size.memoryMb)} MB`,
      `${(100 * size.cpuShare).toFixed(1)}%`,
      duration(size.initMs),
      duration(size.firstRequestMs),
      talkBilled(size),
      cell(size, '9-digit wasm'),
      cell(size, '9-digit js'),
    ]),
    'lrrrrrr',
  );
}

function prices(s: LambdaCostSection): string {
  const p = s.prices;
  return (
    `Prices: $${(p.requestUsd * 1e6).toFixed(2)} per million requests plus $${p.gbSecondUsd.x86} per GB-second on x86, $${p.gbSecondUsd.arm64} on arm64 ` +
    `(${p.region}, ${p.source}, checked ${p.checked}); GB = MB / 1,024; Duration billed in whole ms, rounded up. Per million = ` +
    `1,000,000 × (request fee + GB × billed seconds × GB-second price).`
  );
}

/** What the emulated figures leave out, and where they overstate Lambda: said wherever they are shown. */
export function caveats(s: LambdaCostSection, node: string): string {
  const fullCore = Object.values(s.sizes).find((size) => size.cpuShare >= 1);
  return [
    "- **The runtime client.** Lambda's Node runtime client fetches each event from the Runtime API and posts the answer back; Duration",
    "  starts when the handler is called, but the client's own work also runs in the function's CPU share. This benchmark does not",
    "  measure it: the official client (`aws-lambda-ric` on npm) needs a Runtime API to talk to, which AWS's Runtime Interface",
    '  Emulator provides, a Go program that is not on npm.',
    "- **Cold start.** Init here runs under the size's CPU share from Node's first instruction, so at 128 MB it is mostly waiting for",
    "  CPU. Lambda is reported to run the init phase with more CPU than the size's share, so its cold starts at small sizes should be",
    `  ${fullCore ? `nearer the ${count(fullCore.memoryMb)} MB row's init (one full CPU)` : 'shorter'}. Since 2025-08 Lambda bills init as well (cold starts are rare).`,
    "- **The CPU budget.** A quota grants CPU time per 100 ms period (the kernel's default; Lambda does not publish its own), not a slower",
    '  CPU: a call that fits in the budget left runs at full speed, one that does not waits for the next period. Calls here are spaced so',
    '  that each starts with budget for itself; an instance kept busy back to back bills closer to CPU time ÷ share.',
    "- **The rest.** API Gateway's or the function URL's own time and price are not in these figures; the arm64 price is applied to",
    `  durations measured on this machine's x86 CPU; Lambda runs the bundle on its nodejs22.x runtime (the deploy templates), this bench on Node ${node}.`,
  ].join('\n');
}

export function lambdaCostMarkdown(r: Results): string {
  const s = r.lambdaCost;
  const heading = '## AWS Lambda, emulated: duration, billed duration and price';
  if (s.skipped) return `${heading}\n\nThe Lambda emulation was ${s.skipped}. It needs root and writable control groups (v1 or v2).`;
  return `${heading}

The Lambda bundle (\`dist/lambda/index.mjs\`) in a child process held by control groups (cgroup ${s.cgroup}) to what a function of each
size gets: CPU in proportion to memory, one full CPU at ${count(s.fullVcpuMb)} MB, and the size's memory. The child imports the bundle
(Lambda's init), then calls \`handler(event, context)\` with an HTTP API (payload 2.0) event and a context counting down
${duration(s.timeoutMs)} (the deploy templates' timeout), timing each call around the handler as Lambda times Duration. The first call of
each row is shown apart; Duration is the median of the warm calls (how many in brackets). The talk's naive loop runs in the
same child; ${s.naiveMethod}.

${prices(s)}

The talk's Lambda (128 MB) figures and ours at 128 MB, priced alike (x86):

${pricedComparison(s, 'x86')}

Every size:

${sizesTable(s)}

${Object.values(s.sizes)
  .map((size) => `${sizeHeading(size)}\n\n${sizeTable(size)}`)
  .join('\n\n')}

What these figures leave out:

${caveats(s, r.machine.node)}`;
}

/** The README's Lambda paragraph: the priced comparison, the memory sizes and the caveats. */
export function lambdaCostReadme(r: Results): string {
  const s = r.lambdaCost;
  if (s.skipped) return `**What it costs on Lambda.** Not measured in this run: the Lambda emulation was ${s.skipped}.`;
  const p = s.prices;
  return [
    '**What it costs on Lambda.** The benchmark runs the Lambda bundle as a function of each memory size runs: in a process held',
    `by control groups to the size's share of one CPU (128 MB gets 128/${count(s.fullVcpuMb)}) and to its memory, calling`,
    "`handler(event, context)` with an HTTP API event and timing Duration around the handler, as Lambda does. The talk's figures",
    `were taken on Lambda, ours in that emulation. Billed in whole ms and priced at ${p.region} x86 rates ($${(p.requestUsd * 1e6).toFixed(2)} per million`,
    `requests plus $${p.gbSecondUsd.x86} per GB-second; arm64 $${p.gbSecondUsd.arm64}; no free tier; checked ${p.checked}), per million invocations:`,
    '',
    pricedComparison(s, 'x86'),
    '',
    'By memory size (the deploy templates set 1,024 MB on arm64):',
    '',
    sizesTable(s),
    '',
    caveats(s, r.machine.node),
  ].join('\n');
}
