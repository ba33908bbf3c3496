// The README's performance section, rendered from a results.json. `npm run bench -- --write` rewrites
// the block between the markers in README.md, and test/readme.test.ts checks that the committed
// README says what the committed bench/results.json says, so the README's figures stay true.
import { TALK_RANGES } from './config.ts';
import { bytes, count, duration, extrapolatedDuration, mib, range, ratio, table } from './format.ts';
import { firstSearchReadme } from './first-search-report.ts';
import { geometryReadme } from './geometry-report.ts';
import { lambdaCostReadme } from './lambda-cost-report.ts';
import type { TargetRow } from './palindromes-targets.ts';
import { targetFigure } from './report.ts';
import type { Results } from './results.ts';

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/** The headline table's rows: the talk's three ranges, then the two largest. */
const HEADLINE_WORKLOADS = [...TALK_RANGES.map((w) => w.id), '8-digit', '9-digit'];

export function renderReadmeSection(r: Results): string {
  const p = r.palindromes;
  const t = r.targets.rows;
  const cold = r.coldStart.targets;
  return [
    `Measured by \`npm run bench\` on ${r.generatedAt.slice(0, 10)}: ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}.`,
    'Every ratio divides two figures of the same run; `bench/results.md` has every table and how each',
    'figure was taken, `bench/results.json` the raw numbers.',
    '',
    '![Time per search, log scale: Wasm, JS, native and the naive loop of the "Serverless Rust" talk](bench/results.svg)',
    '',
    'One palindrome search, both ends, every factor pair:',
    '',
    table(
      ['factors', 'Wasm', 'JS', 'native (C, -O2)', "the talk's naive loop (Node)", 'JS / Wasm', 'Wasm / native', 'naive / Wasm'],
      HEADLINE_WORKLOADS.map((id) => {
        const w = p[id]!;
        return [
          range(w.min, w.max),
          duration(w.wasmMs),
          duration(w.jsMs),
          duration(w.nativeMs),
          extrapolatedDuration(w.naiveMs, w.naiveExtrapolated),
          ratio(w.jsOverWasm),
          ratio(w.wasmOverNative),
          ratio(w.naiveOverWasm),
        ];
      }),
    ),
    '',
    `${targetsSentence(t)} The full 9-digit range takes ${duration(t['nineDigitMs']!.value)}, the 8-digit range ` +
      `${duration(t['eightDigitMs']!.value)}; ${count(r.targets.random.count)} seeded random ranges over the whole domain: median ` +
      `${duration(t['randomMedianMs']!.value)}, p99 ${duration(t['randomP99Ms']!.value)}, worst ${duration(t['randomWorstMs']!.value)}. ` +
      `JS is ${ratio(t['jsOverWasm']!.value)} Wasm and Wasm ${ratio(t['wasmOverNative']!.value)} native on the 9-digit range.`,
    ...geometryReadme(r),
    '',
    lambdaCostReadme(r),
    '',
    firstSearchReadme(r),
    '',
    `Footprint: \`dist/lambda.zip\` is ${bytes(r.footprint.artifacts['dist/lambda.zip']!.bytes)}, \`build/polyfn.wasm\` ` +
      `${bytes(r.footprint.wasm['build/polyfn.wasm']!.bytes)}; a warm Lambda bundle process peaks at ${mib(r.footprint.rss['lambda']!.peakRssMiB)} ` +
      `(an empty \`node\` at ${mib(r.footprint.rss['node-empty']!.peakRssMiB)}). Cold start, process start to first answer: ` +
      `${Object.values(cold)
        .map((c) => `${c.label} ${duration(c.totalMs)}`)
        .join(', ')}. ` +
      `Under autocannon on loopback (client on the same 2 cores), the local server answers ` +
      `${count(Math.round(r.throughput['local']!.requestsPerSec))} requests/s (p99 ${r.throughput['local']!.latencyP99Ms} ms) ` +
      `and the Azure custom handler ${count(Math.round(r.throughput['azure-custom-handler']!.requestsPerSec))} ` +
      `(p99 ${r.throughput['azure-custom-handler']!.latencyP99Ms} ms), ${throughputFaults(r)}.${webRuntimesSentence(r)}`,
    '',
    "**How the search works.** It walks the palindromes outward from the range's corners (down from",
    'max², up from min²) and tests each for a factor pair in range with the cheapest of three exact tests,',
    'whose candidate counts are known before they run: the "corner quadratic" (for a + b = t, a pair exists',
    'where t² − 4p is a perfect square; near a corner about one candidate), a divisor scan, and a scan of',
    'multiples of 11 (even-length palindromes are multiples of 11). Everything is exact in u64 in Wasm; the',
    'JS twin keeps exact integers in doubles without BigInt. Both engines and the C reference take the same steps.',
  ].join('\n');
}

/** Whether the two Node servers' throughput runs answered every request rightly: no errors, timeouts, non-2xx or wrong bodies. */
function throughputFaults(r: Results): string {
  const faults = [r.throughput['local']!, r.throughput['azure-custom-handler']!].reduce((sum, t) => sum + t.errors + t.timeouts + t.non2xx + t.mismatches, 0);
  if (faults === 0) return 'with no errors';
  return `with ${faults === 1 ? 'one request' : `${count(faults)} requests`} failed, timed out or answered wrongly (\`bench/results.md\`)`;
}

/** Which of the search targets a run met, naming each one it did not (or could not measure): true of any run. */
export function targetsSentence(rows: Record<string, TargetRow>): string {
  const all = Object.values(rows);
  const named = (row: TargetRow) => `${row.description}, ${targetFigure(row.value, row.unit)} (target ≤ ${targetFigure(row.limit, row.unit)})`;
  const missed = all.filter((row) => row.met === false);
  const unmeasured = all.filter((row) => row.met === null);
  const met = all.length - missed.length - unmeasured.length;
  if (met === all.length) return `The search targets (\`bench/results.md\`): all ${all.length} met.`;
  const parts = [`${met} of ${all.length} met`];
  if (missed.length) parts.push(`not met: ${missed.map(named).join('; ')}`);
  if (unmeasured.length) parts.push(`not measured: ${unmeasured.map((row) => row.description).join('; ')}`);
  return `The search targets (\`bench/results.md\`): ${parts.join('; ')}.`;
}

/** The web runtimes' figures, in runs that measured them (older results.json files have none). */
function webRuntimesSentence(r: Results): string {
  const { bun, deno, local } = r.throughput;
  const workerd = r.coldStart.workerd;
  const parts: string[] = [];
  if (bun && deno) {
    parts.push(
      ` Bun.serve answers ${count(Math.round(bun.requestsPerSec))} requests/s (${ratio(bun.requestsPerSec / local.requestsPerSec)} the Node server) ` +
        `and deno serve ${count(Math.round(deno.requestsPerSec))} (${ratio(deno.requestsPerSec / local.requestsPerSec)}).`,
    );
  }
  if (workerd) {
    parts.push(
      ` On workerd, from the worker's module evaluation to its first answer: ${duration(workerd.evalToFirstAnswerMs)} ` +
        `(target ≤ ${duration(workerd.limitMs)}, the Rust Lambda's init: ${workerd.met ? 'met' : 'NOT met'}; ` +
        `${duration(workerd.evalToFirstAnswerCpuMs)} of workerd's CPU).`,
    );
  }
  return parts.join('');
}

/** The README with its performance block replaced. */
export function withReadmeSection(readme: string, r: Results): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} ... ${README_END} block`);
  return `${readme.slice(0, start + README_START.length)}\n${renderReadmeSection(r)}\n${readme.slice(end)}`;
}
