// How figures are written in the report and the chart: three significant digits in a unit that
// suits the size (ns, µs, ms, s), ratios as "12×", sizes in KiB or MiB.

function significant(value: number): string {
  const rounded = Number(value.toPrecision(3)); // so that 9.996 reads 10.0, not 10.00
  if (rounded >= 100) return rounded.toFixed(0);
  if (rounded >= 10) return rounded.toFixed(1);
  return rounded.toFixed(2);
}

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 60_000 * 60 * 24 * 365) return `${significant(ms / (60_000 * 60 * 24 * 365))} years`;
  if (ms >= 60_000 * 60 * 24) return `${significant(ms / (60_000 * 60 * 24))} days`;
  if (ms >= 60_000 * 60) return `${significant(ms / (60_000 * 60))} h`;
  if (ms >= 1000) return `${significant(ms / 1000)} s`;
  if (ms >= 1) return `${significant(ms)} ms`;
  if (ms >= 0.001) return `${significant(ms * 1000)} µs`;
  return `${significant(ms * 1e6)} ns`;
}

/** A duration with its spread: "1.23 ms ± 2%". */
export function withSpread(medianMs: number, madMs: number): string {
  return `${duration(medianMs)} ± ${((100 * madMs) / medianMs).toFixed(0)}%`;
}

export function ratio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  for (const [size, word] of [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million']] as const) {
    if (value >= size) return `${significant(value / size)} ${word}×`;
  }
  if (value >= 1000) return `${Math.round(value).toLocaleString('en-US')}×`;
  return `${significant(value)}×`;
}

export function bytes(count: number): string {
  if (count < 1024) return `${count} B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(1)} KiB`;
  return `${(count / 1024 / 1024).toFixed(2)} MiB`;
}

export function mib(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(1)} MiB`;
}

/** A markdown table; `align` has one letter per column, l or r (default: names left, figures right). */
export function table(header: string[], rows: string[][], align = `l${'r'.repeat(header.length - 1)}`): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (align[i] === 'r' ? '---:' : '---'))), ...rows.map(line)].join('\n');
}
