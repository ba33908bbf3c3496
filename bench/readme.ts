// The README's performance section, rendered from a results.json. A full `npm run bench` rewrites
// the block between the markers in README.md, and test/readme.test.ts checks that the committed
// README says what the committed bench/results.json says, so the README's figures stay true.
import { SEED_RANGES } from './config.ts';
import { bytes, count, duration, extrapolatedDuration, mib, range, ratio, table } from './format.ts';
import { firstSearchReadme } from './first-search-report.ts';
import { lambdaCostReadme } from './lambda-cost-report.ts';
import type { Results } from './results.ts';

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/** The headline table's rows: the seeds' ranges, then the two largest. */
const HEADLINE_WORKLOADS = [...SEED_RANGES.map((w) => w.id), '8-digit', '9-digit'];

export function renderReadmeSection(r: Results): string {
  const p = r.palindromes;
  const t = r.targets.rows;
  const cold = r.coldStart.targets;
  return [
    `Measured by \`npm run bench\` on ${r.generatedAt.slice(0, 10)}: ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}.`,
    'Every ratio divides two figures of the same run; `bench/results.md` has every table and how each',
    'figure was taken, `bench/results.json` the raw numbers.',
    '',
    '![Time per search, log scale: Wasm, JS, native and the seeds\' naive loop](bench/results.svg)',
    '',
    'One palindrome search, both ends, every factor pair:',
    '',
    table(
      ['factors', 'Wasm', 'JS', 'native (C, -O2)', "seeds' naive loop (Node)", 'JS / Wasm', 'Wasm / native', 'naive / Wasm'],
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
    `Issue 7's targets, all ${Object.values(t).every((row) => row.met) ? 'met' : 'NOT met'}: the full 9-digit range in ${duration(t['nineDigitMs']!.value)} ` +
      `(target ≤ ${duration(t['nineDigitMs']!.limit)}), the 8-digit range in ${duration(t['eightDigitMs']!.value)}; ` +
      `${count(r.targets.random.count)} seeded random ranges over the whole domain: median ${duration(t['randomMedianMs']!.value)}, ` +
      `p99 ${duration(t['randomP99Ms']!.value)}, worst ${duration(t['randomWorstMs']!.value)}. ` +
      `JS is ${ratio(t['jsOverWasm']!.value)} Wasm and Wasm ${ratio(t['wasmOverNative']!.value)} native on the 9-digit range.`,
    '',
    lambdaCostReadme(r),
    '',
    firstSearchReadme(r),
    '',
    `Footprint: \`dist/lambda.zip\` is ${bytes(r.footprint.artifacts['dist/lambda.zip']!.bytes)}, \`build/polyfn.wasm\` ` +
      `${bytes(r.footprint.wasm['build/polyfn.wasm']!.bytes)}; a warm Lambda bundle process peaks at ${mib(r.footprint.rss['lambda']!.peakRssMiB)} ` +
      `(an empty \`node\` at ${mib(r.footprint.rss['node-empty']!.peakRssMiB)}). Cold start, process start to first answer: ` +
      `${Object.values(cold).map((c) => `${c.label} ${duration(c.totalMs)}`).join(', ')}. ` +
      `Under autocannon on loopback (client on the same 2 cores), the local server answers ` +
      `${count(Math.round(r.throughput['local']!.requestsPerSec))} requests/s (p99 ${r.throughput['local']!.latencyP99Ms} ms) ` +
      `and the Azure custom handler ${count(Math.round(r.throughput['azure-custom-handler']!.requestsPerSec))} ` +
      `(p99 ${r.throughput['azure-custom-handler']!.latencyP99Ms} ms), with no errors.`,
    '',
    '**How the search works.** It walks the palindromes outward from the range\'s corners (down from',
    'max², up from min²) and tests each for a factor pair in range with the cheapest of three exact tests,',
    'whose candidate counts are known before they run: the "corner quadratic" (for a + b = t, a pair exists',
    'where t² − 4p is a perfect square; near a corner about one candidate), a divisor scan, and a scan of',
    'multiples of 11 (even-length palindromes are multiples of 11). Everything is exact in u64 in Wasm; the',
    'JS twin keeps exact integers in doubles without BigInt. Both engines and the C reference take the same steps.',
  ].join('\n');
}

/** The README with its performance block replaced. */
export function withReadmeSection(readme: string, r: Results): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} ... ${README_END} block`);
  return `${readme.slice(0, start + README_START.length)}\n${renderReadmeSection(r)}\n${readme.slice(end)}`;
}
