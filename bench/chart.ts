// bench/results.svg, drawn by hand (no dependency): time per palindrome search for each workload,
// one line per implementation (Wasm, JS, native, and the talk's naive loop where it was run), on a
// log-scale time axis. Each point carries a <title>, so a browser shows its value on hover.
import { WORKLOADS, type Workload } from './config.ts';
import { duration } from './format.ts';
import type { PalindromeSummary, Results } from './results.ts';

interface Series {
  id: string;
  label: string;
  color: string;
  dashed: boolean;
  value(p: PalindromeSummary): number | null;
}

const SERIES: Series[] = [
  { id: 'naive', label: "the talk's naive loop (Node)", color: '#c62828', dashed: true, value: (p) => (p.naiveExtrapolated ? null : p.naiveMs) },
  { id: 'js', label: 'polyfn, JS engine', color: '#b58900', dashed: false, value: (p) => p.jsMs },
  { id: 'wasm', label: 'polyfn, Wasm engine', color: '#654ff0', dashed: false, value: (p) => p.wasmMs },
  { id: 'native', label: 'native C, same algorithm (cc -O2)', color: '#2e7d32', dashed: false, value: (p) => p.nativeMs },
];

interface Point {
  workload: Workload;
  /** Position on the workload axis. */
  index: number;
  ms: number;
}

type DrawnSeries = Series & { points: Point[] };

const WIDTH = 960;
const HEIGHT = 580;
const PLOT = { left: 90, right: 30, top: 130, bottom: 80 };
const PLOT_WIDTH = WIDTH - PLOT.left - PLOT.right;
const PLOT_HEIGHT = HEIGHT - PLOT.top - PLOT.bottom;
const LEGEND_Y = 102;
/** Legend entries sit on one row; a generous width per character at the 13 px font. */
const CHAR_WIDTH = 7.6;

/** Where things go: x by workload index, y by time on a log scale spanning whole decades. */
interface Scale {
  x(index: number): number;
  y(ms: number): number;
  lowDecade: number;
  highDecade: number;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const px = (value: number) => value.toFixed(1);
const dash = (s: Series) => (s.dashed ? ' stroke-dasharray="7 5"' : '');

/** 10^decade ms as a round label: 100 ns, 1 µs, 10 ms, 1 s. */
function decadeLabel(decade: number): string {
  const units = ['ns', 'µs', 'ms', 's'];
  const index = Math.max(0, Math.min(units.length - 1, Math.floor((decade + 6) / 3)));
  return `${10 ** (decade + 6 - 3 * index)} ${units[index]}`;
}

function scaleFor(series: DrawnSeries[]): Scale {
  const times = series.flatMap((s) => s.points.map((p) => p.ms));
  const lowDecade = Math.floor(Math.log10(Math.min(...times)));
  const highDecade = Math.ceil(Math.log10(Math.max(...times)));
  return {
    x: (index) => PLOT.left + ((index + 0.5) * PLOT_WIDTH) / WORKLOADS.length,
    y: (ms) => PLOT.top + ((highDecade - Math.log10(ms)) * PLOT_HEIGHT) / (highDecade - lowDecade),
    lowDecade,
    highDecade,
  };
}

function titles(r: Results): string[] {
  const machine = `${r.machine.cpu}, ${r.machine.cores} cores · Node ${r.machine.node} · ${r.machine.os}`;
  const method = `${r.generatedAt.slice(0, 10)}, ${r.mode} run: medians; Wasm and JS through the public API, native is the C search alone`;
  return [
    `<text x="${PLOT.left}" y="30" font-size="18" font-weight="600" fill="#111">Palindrome products: time per search (log scale, lower is better)</text>`,
    `<text x="${PLOT.left}" y="54" fill="#555">${escapeXml(machine)}</text>`,
    `<text x="${PLOT.left}" y="74" fill="#555">${escapeXml(method)}</text>`,
  ];
}

/** A grid line and a label per decade, and the axis title. */
function timeAxis(scale: Scale): string[] {
  const out = ['<g class="axis" data-axis="y">'];
  for (let decade = scale.lowDecade; decade <= scale.highDecade; decade++) {
    const at = px(scale.y(10 ** decade));
    out.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${at}" y2="${at}" stroke="#e3e3e3"/>`,
      `<text x="${PLOT.left - 8}" y="${at}" text-anchor="end" dominant-baseline="middle" fill="#333">${decadeLabel(decade)}</text>`,
    );
  }
  out.push(
    `<text transform="translate(22 ${px(PLOT.top + PLOT_HEIGHT / 2)}) rotate(-90)" text-anchor="middle" fill="#111">time per search (median)</text>`,
    '</g>',
  );
  return out;
}

function workloadAxis(scale: Scale): string[] {
  const bottom = PLOT.top + PLOT_HEIGHT;
  const out = ['<g class="axis" data-axis="x">', `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${bottom}" y2="${bottom}" stroke="#888"/>`];
  WORKLOADS.forEach((w, i) => {
    out.push(`<text x="${px(scale.x(i))}" y="${bottom + 20}" text-anchor="middle" fill="#333">${escapeXml(w.id)}</text>`);
    if (w.talk) out.push(`<text x="${px(scale.x(i))}" y="${bottom + 36}" text-anchor="middle" fill="#888" font-size="11">the talk</text>`);
  });
  out.push(
    `<text x="${px(PLOT.left + PLOT_WIDTH / 2)}" y="${HEIGHT - 14}" text-anchor="middle" fill="#111">factor range (both factors in [min, max]; "n-digit" = every n-digit factor)</text>`,
    '</g>',
  );
  return out;
}

/** One line per series, with a marker per measured point. */
function lines(series: DrawnSeries[], scale: Scale): string[] {
  return series.flatMap((s) => [
    `<g class="series" data-series="${s.id}">`,
    `<polyline fill="none" stroke="${s.color}" stroke-width="2.5"${dash(s)} points="${s.points.map((p) => `${px(scale.x(p.index))},${px(scale.y(p.ms))}`).join(' ')}"/>`,
    ...s.points.map(
      (p) =>
        `<circle cx="${px(scale.x(p.index))}" cy="${px(scale.y(p.ms))}" r="4.5" fill="${s.color}"><title>${escapeXml(`${s.label}, ${p.workload.id}: ${duration(p.ms)}`)}</title></circle>`,
    ),
    '</g>',
  ]);
}

/** In one row under the titles. */
function legend(series: DrawnSeries[]): string[] {
  const out = ['<g class="legend">'];
  let x = PLOT.left;
  for (const s of series) {
    out.push(
      `<line x1="${x}" x2="${x + 26}" y1="${LEGEND_Y}" y2="${LEGEND_Y}" stroke="${s.color}" stroke-width="2.5"${dash(s)}/>`,
      `<circle cx="${x + 13}" cy="${LEGEND_Y}" r="4.5" fill="${s.color}"/>`,
      `<text x="${x + 34}" y="${LEGEND_Y}" dominant-baseline="middle" fill="#111">${escapeXml(s.label)}</text>`,
    );
    x += 50 + s.label.length * CHAR_WIDTH;
  }
  out.push('</g>');
  return out;
}

export function renderChart(r: Results): string {
  // A series without a point (native, without a C compiler) is left out, legend included.
  const series: DrawnSeries[] = SERIES.map((s) => ({
    ...s,
    points: WORKLOADS.map((workload, index) => ({ workload, index, ms: s.value(r.palindromes[workload.id]!) })).filter(
      (p): p is Point => p.ms !== null && p.ms > 0,
    ),
  })).filter((s) => s.points.length > 0);
  const scale = scaleFor(series);
  return `${[
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="13">`,
    '<title>polyfn: palindrome products, time per search (log scale)</title>',
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    ...titles(r),
    ...timeAxis(scale),
    ...workloadAxis(scale),
    ...lines(series, scale),
    ...legend(series),
    '</svg>',
  ].join('\n')}\n`;
}
