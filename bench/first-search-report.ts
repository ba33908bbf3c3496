// The first-search section's tables (bench/first-search.ts), for bench/results.md, and its lines in
// the README: the first 9-digit search against the warm one per adapter and engine, each choice at
// init on both sides, the Lambda bundle's import split, and the targets they are held to.
import { count, duration, ratio, table } from './format.ts';
import type { Engine, FirstSearchSection, InitChoiceRow } from './first-search.ts';
import type { Results } from './results.ts';

/** Limits the first-search section checks, with the figures they apply to. */
export const FIRST_SEARCH_LIMITS = {
  /** The first 9-digit search, over the warm one, on every adapter and engine. */
  firstOverWarm: 1.5,
  /** What the first-search choice adds to Lambda's init (ms): the examples. */
  initGrowthMs: 3,
  /** The Lambda bundle's import without that (ms). */
  lambdaImportMs: 3,
  /** The full 9-digit range on Wasm, kernel time (ms). */
  nineDigitWasmMs: 0.5,
  /** Wasm over native (same algorithm) on the 9-digit range. */
  wasmOverNative: 1.3,
} as const;

const ENGINES: readonly Engine[] = ['wasm', 'js'];
const ENGINE_NAMES: Record<Engine, string> = { wasm: 'Wasm', js: 'JS' };

const met = (value: number | null, limit: number) => (value === null ? '–' : value <= limit ? 'yes' : '**no**');

/** first / warm on the adapter where it is largest. */
function worstAdapter(f: FirstSearchSection, engine: Engine): { label: string; value: number } {
  const rows = Object.values(f.adapters).map((a) => a[engine]);
  const worst = rows.reduce((x, y) => (y.firstOverWarm > x.firstOverWarm ? y : x));
  return { label: worst.label, value: worst.firstOverWarm };
}

/** The Lambda choice's rows at one CPU setting: as shipped, and with the wait for the optimised walk. */
function lambdaSides(f: FirstSearchSection, cpu: InitChoiceRow['cpu']): { shipped: InitChoiceRow; waiting: InitChoiceRow } | null {
  const rows = f.initChoice.wasm.filter((row) => row.cpu === cpu);
  const shipped = rows.find((row) => row.usedBy === 'Lambda');
  const waiting = rows.find((row) => row.label.includes('wait'));
  return shipped && waiting ? { shipped, waiting } : null;
}

function adapterTable(f: FirstSearchSection): string {
  const rows = Object.values(f.adapters).map((a) => [
    a.wasm.label,
    ...ENGINES.flatMap((e) => [duration(a[e].firstMs), duration(a[e].warmMs), ratio(a[e].firstOverWarm)]),
    `${duration(a.wasm.firstRequestMs)} / ${duration(a.js.firstRequestMs)}`,
  ]);
  return table(['adapter', 'Wasm first', 'Wasm warm', 'first / warm', 'JS first', 'JS warm', 'first / warm', 'first request, wall (Wasm / JS)'], rows);
}

function choiceTable(f: FirstSearchSection): string {
  const cpuName = (cpu: InitChoiceRow['cpu']) => (cpu === 'full' ? 'one CPU' : `one CPU, then ${f.smallMb} MB`);
  const rows = ENGINES.flatMap((e) =>
    f.initChoice[e].map((c) => [
      ENGINE_NAMES[e],
      cpuName(c.cpu),
      c.label,
      c.usedBy || '(for comparison)',
      duration(c.initMs),
      duration(c.firstMs),
      duration(c.warmMs),
      duration(c.initPlusFirstMs),
    ]),
  );
  return table(['engine', 'CPU', 'at init', 'shipped by', 'init', 'first search', 'warm', 'init + first'], rows, 'llllrrrr');
}

function importTable(f: FirstSearchSection): string {
  const s = f.lambdaImport;
  const rows: [string, number][] = [
    ["the ESM loader's own work (an empty module)", s.loaderMs],
    ['`new WebAssembly.Module` (build/polyfn.wasm)', s.wasmCompileMs],
    ['`new WebAssembly.Instance`, and `warmUp()` twice (the compile starts, the second is timed)', s.instantiateMs],
    ["reading, parsing and running the bundle's JavaScript (the rest)", s.restMs],
    ["every kernel's example on Wasm (the glue compiled)", s.examplesMs],
  ];
  return table(
    ['part of the import', 'time'],
    [...rows.map(([part, ms]) => [part, duration(ms)]), ['**the import of dist/lambda/index.mjs**', duration(s.totalMs)]],
  );
}

/** The import without what the first-search choice adds to it. */
const importWithoutChoice = (f: FirstSearchSection) => f.lambdaImport.totalMs - f.lambdaImport.examplesMs;

export function firstSearchMarkdown(r: Results): string {
  const f = r.firstSearch;
  const nine = r.targets.full['9'];
  const wasmOverNative = nine.nativeMs === null ? null : nine.wasmMs / nine.nativeMs;
  const growth = f.lambdaImport.examplesMs;
  /** A target's row: what, its value, its limit, and whether the value is within it. */
  const target = (what: string, value: number | null, limit: number, format: (x: number | null) => string) => [
    what,
    format(value),
    `≤ ${format(limit)}`,
    met(value, limit),
  ];
  const targets = [
    ...ENGINES.map((e) => {
      const worst = worstAdapter(f, e);
      return target(`first / warm 9-digit search, worst adapter (${worst.label}), ${ENGINE_NAMES[e]}`, worst.value, FIRST_SEARCH_LIMITS.firstOverWarm, ratio);
    }),
    target("what the first-search choice adds to Lambda's init (the examples)", growth, FIRST_SEARCH_LIMITS.initGrowthMs, duration),
    target("the Lambda bundle's import without them", importWithoutChoice(f), FIRST_SEARCH_LIMITS.lambdaImportMs, duration),
    target('Wasm, full 9-digit range (kernel time)', nine.wasmMs, FIRST_SEARCH_LIMITS.nineDigitWasmMs, duration),
    target('Wasm / native (same algorithm), full 9-digit range', wasmOverNative, FIRST_SEARCH_LIMITS.wasmOverNative, ratio),
  ];
  return `## First search after a cold start

V8 runs a Wasm function on its baseline compiler until its optimised code is ready (a call already
running stays on baseline code), and JavaScript in its interpreter and baseline tiers until TurboFan
has compiled it: the first search of a process, or of a pool's worker thread, pays for that unless
init prepares for it. Instantiating the Wasm calls the kernel's \`warmUp()\`, which starts the walk's
optimising compile in the background. Beyond that, each adapter chooses: Lambda and Azure Functions
v4, whose first request may follow init at once, run every kernel's example on Wasm at init, and
Azure's first request also waits, sleeping, until the optimised walk is in place or 3 ms after
instantiation (its load is not billed; Lambda's init is, and there the wait cost more than it saved:
the choices below); the worker pools (local
server, Azure custom handler, OpenFaaS upstream) search on both engines in each worker, when it
starts, until the searches stop getting faster, and the server listens once every worker has
(so its start takes longer: see the cold-start section). Each run is a fresh process that starts an adapter
the way its platform does and sends it ${f.searches} searches of the full 9-digit range, one after another;
times are the kernel's, from each answer's server-timing header (measured where the kernel runs: in
the worker, for the servers). "First" is the first search, "warm" the median of the last ${f.warmOf},
"first / warm" their ratio in each process; each figure is the median over ${f.runs} processes, interleaved.
The first request's wall time includes what the kernel time leaves out: the adapter's own first call
(parsing the event, routing, the answer's JSON), or a server's HTTP round trip.

${adapterTable(f)}

The choices at init, each side in fresh processes: the package entry (\`build/index.mjs\`) imported,
then what the choice adds, then the searches through the API; a pool worker's start is its task module
imported. "Init + first" (per process, then the median) is what a cold invocation pays for: Lambda
bills init. At the ${f.smallMb} MB share, the child runs in a control group that holds it to ${f.smallMb} MB of memory, as
in the Lambda section; its init runs with no CPU limit (Lambda is reported to give init more CPU than the
size's share), and then the child sets the group's limit to ${f.smallMb} MB's share of one CPU for the searches${f.smallCpuSkipped ? ` (${f.smallCpuSkipped})` : ''}.

${choiceTable(f)}

The Lambda bundle's import, split (one full CPU; each part the median of ${f.runs} fresh processes, the ESM
loader warmed and \`node:http\` loaded first, as Lambda's runtime client has them; the examples from the
Lambda choice's processes above):

${importTable(f)}

${table(['target', 'value', 'limit', 'met'], targets)}`;
}

/** Why Wasm trails the native build of the same search, with this run's figures. */
function nativeGapReadme(r: Results): string {
  const nine = r.targets.full['9'];
  if (nine.nativeMs === null) return '';
  return (
    `**Wasm and native.** The full 9-digit range takes ${duration(nine.wasmMs)} on Wasm and ${duration(nine.nativeMs)} as the same C at -O2 ` +
    `(${ratio(nine.wasmMs / nine.nativeMs)}): V8's optimising compiler keeps fewer of the walk's values in registers than gcc (part of ` +
    `the loop-carried state lives on the stack), checks the stack on every iteration and has none of gcc's bit-test and carry idioms, ` +
    `so the same loop runs more instructions. What narrowed the gap was a loop with no call in it (V8's Wasm code keeps no register ` +
    `across a call); no compiler option and no other rewrite tried closed the rest.`
  );
}

/** The README's lines: first / warm per adapter and engine, the Lambda choice at init, and the native gap. */
export function firstSearchReadme(r: Results): string {
  const f = r.firstSearch;
  const perAdapter = Object.values(f.adapters)
    .map((a) => `${a.wasm.label.replace(/ \(.*\)$/, '')} ${ratio(a.wasm.firstOverWarm)} / ${ratio(a.js.firstOverWarm)}`)
    .join(', ');
  const sides = (cpu: InitChoiceRow['cpu']) => {
    const s = lambdaSides(f, cpu);
    if (!s) return '–';
    const ratioOf = (row: InitChoiceRow) => ratio(row.firstMs / row.warmMs);
    return `${duration(s.shipped.initPlusFirstMs)} (first search ${ratioOf(s.shipped)} warm) against ${duration(s.waiting.initPlusFirstMs)} (${ratioOf(s.waiting)}) with the wait`;
  };
  const jsWorker = f.initChoice.js.find((row) => row.cpu === 'full' && row.usedBy === 'the worker pools');
  return (
    `**The first search after a cold start.** The first 9-digit search over the warm one (Wasm / JS): ${perAdapter}. ` +
    `On Lambda, init runs every kernel's example but does not wait for V8's optimised walk, as Azure Functions v4 does before its first request: ` +
    `init + first search ${sides('full')} at one CPU, ${sides('small')} at ${count(f.smallMb)} MB. ` +
    `A pool's worker warms both engines as it starts (${duration(jsWorker?.initMs)}, most of it the JS twin waiting for TurboFan); ` +
    `that is far beyond what a Lambda init should spend, so there the JS engine's first search runs mostly before TurboFan has compiled it.` +
    `\n\n${nativeGapReadme(r)}`
  );
}
