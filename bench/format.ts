// How figures are written in the report, the README and the chart: three significant digits in a
// unit that suits the size (ns, µs, ms, s), ratios as "12×", counts and ranges with thousands
// separators, sizes in KiB or MiB (as `npm run package` writes them).
export { formatBytes as bytes } from '../scripts/package/artifact.ts';

function significant(value: number): string {
  const rounded = Number(value.toPrecision(3)); // so that 9.996 reads 10.0, not 10.00
  if (rounded >= 100) return rounded.toFixed(0);
  if (rounded >= 10) return rounded.toFixed(1);
  return rounded.toFixed(2);
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  // A difference of two measurements can come out below zero (bench/cold-start.ts).
  if (ms < 0) return `−${duration(-ms)}`;
  if (ms >= 60_000 * 60 * 24 * 365) return `${significant(ms / (60_000 * 60 * 24 * 365))} years`;
  if (ms >= 60_000 * 60 * 24) return `${significant(ms / (60_000 * 60 * 24))} days`;
  if (ms >= 60_000 * 60) return `${significant(ms / (60_000 * 60))} h`;
  if (ms >= 1000) return `${significant(ms / 1000)} s`;
  if (ms >= 1) return `${significant(ms)} ms`;
  if (ms >= 0.001) return `${significant(ms * 1000)} µs`;
  return `${significant(ms * 1e6)} ns`;
}

/** A duration marked when it was extrapolated rather than measured (the naive loop's large workloads). */
export function extrapolatedDuration(ms: number, extrapolated: boolean): string {
  return `${duration(ms)}${extrapolated ? ' (extrapolated)' : ''}`;
}

/** A duration with its spread: "1.23 ms ± 2%". */
export function withSpread(medianMs: number, madMs: number): string {
  return `${duration(medianMs)} ± ${((100 * madMs) / medianMs).toFixed(0)}%`;
}

export function ratio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  for (const [size, word] of [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ] as const) {
    if (value >= size) return `${significant(value / size)} ${word}×`;
  }
  if (value >= 1000) return `${Math.round(value).toLocaleString('en-US')}×`;
  return `${significant(value)}×`;
}

/** A number with thousands separators: "12,345". */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A factor range: "1,000–9,999". */
export function range(min: number, max: number): string {
  return `${count(min)}–${count(max)}`;
}

export function mib(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(1)} MiB`;
}

/** A markdown table; `align` has one letter per column, l or r (default: names left, figures right). */
export function table(header: string[], rows: string[][], align = `l${'r'.repeat(header.length - 1)}`): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (align[i] === 'r' ? '---:' : '---'))), ...rows.map(line)].join('\n');
}
