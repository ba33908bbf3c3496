// Section 5: what each adapter's envelope translation costs per request, in process: the direct
// core call, handle() (the contract without an envelope), then every adapter with its platform's
// envelope, for /api/hello and a small palindrome range (10-99, the Wasm engine).
import { adapterCalls, ADAPTERS, withoutStdout, type AdapterId, type BenchRequest } from './adapters.ts';
import type { BenchConfig } from './config.ts';
import { measure, type Timing } from './measure.ts';

export interface OverheadRow {
  label: string;
  timing: Timing;
  /** Median less handle()'s median: the envelope's own cost (µs). */
  overHandleUs: number;
  /** Median / the direct core call's median (palindromes only). */
  overCore: number | null;
}

export type OverheadSection = Record<'hello' | '10-99', Partial<Record<AdapterId, OverheadRow>>>;

const REQUESTS: Record<keyof OverheadSection, BenchRequest> = {
  hello: { path: '/api/hello', query: {} },
  '10-99': { path: '/api/palindromes', query: { min: ['10'], max: ['99'] } },
};

export async function benchOverhead(config: BenchConfig): Promise<OverheadSection> {
  const section = {} as OverheadSection;
  for (const [route, request] of Object.entries(REQUESTS) as [keyof OverheadSection, BenchRequest][]) {
    const timings = await withoutStdout(() => measure(config, adapterCalls(request)));
    const handleMs = timings['handle']!.medianMs;
    const coreMs = timings['core']?.medianMs;
    const rows: Partial<Record<AdapterId, OverheadRow>> = {};
    for (const [id, timing] of Object.entries(timings) as [AdapterId, Timing][]) {
      rows[id] = {
        label: ADAPTERS[id],
        timing,
        overHandleUs: (timing.medianMs - handleMs) * 1000,
        overCore: coreMs === undefined ? null : timing.medianMs / coreMs,
      };
    }
    section[route] = rows;
  }
  return section;
}
