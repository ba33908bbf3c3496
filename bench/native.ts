// Section 3: the native reference. bench/native/palindromes.c is compiled with `cc -O2` into a
// temporary folder (buildNative) and run on every workload: `fast` is the same algorithm as the
// kernels (same step count), `pruned` the simple pruned double loop. Each run prints the median of
// its repeats inside the process; its answer is checked against polyfn's, digit for digit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { palindromes, type PalindromeEnd } from '../src/core/index.ts';
import { WORKLOADS, type BenchConfig } from './config.ts';
import { buildNative } from './palindromes-targets.ts';

export interface NativeRow {
  fastMs: number;
  /** Null where the pruned loop was not run (config.prunedMaxDigits). */
  prunedMs: number | null;
  steps: number;
}

export interface NativeSection {
  /** `cc --version`'s first line, or null when there is no C compiler. */
  compiler: string | null;
  note: string;
  rows: Record<string, NativeRow>;
}

type NativeMode = 'fast' | 'pruned';

/** The C program's JSON line as text: its values pass 2^53, so they are checked before any parse. */
function runNativeSearch(binary: string, mode: NativeMode, min: number, max: number, repeats: number): string {
  return execFileSync(binary, [mode, String(min), String(max), String(repeats)], { encoding: 'utf8' });
}

function endText(end: PalindromeEnd): string {
  return `{"value":${end.value ?? 'null'},"factors":${JSON.stringify(end.factors)}}`;
}

function compilerVersion(): string | null {
  try {
    return execFileSync(process.env.CC ?? 'cc', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]!;
  } catch {
    return null;
  }
}

function runWorkloads(config: BenchConfig, binary: string): Record<string, NativeRow> {
  const rows: Record<string, NativeRow> = {};
  for (const w of WORKLOADS) {
    const ours = palindromes(w.min, w.max);
    const expected = `{"smallest":${endText(ours.smallest)},"largest":${endText(ours.largest)}`;
    const fast = runNativeSearch(binary, 'fast', w.min, w.max, config.nativeRepeats);
    if (!fast.startsWith(expected)) throw new Error(`${w.id}: the native search's answer differs from polyfn's`);
    const { steps, ns } = JSON.parse(fast) as { steps: number; ns: number };
    let prunedMs: number | null = null;
    if (String(w.max).length <= config.prunedMaxDigits) {
      // One search from 7 digits on: the pruned loop takes seconds at 8 digits.
      const pruned = runNativeSearch(binary, 'pruned', w.min, w.max, w.max < 1e6 ? config.nativeRepeats : 1);
      if (!pruned.startsWith(expected)) throw new Error(`${w.id}: the native pruned loop's answer differs from polyfn's`);
      prunedMs = (JSON.parse(pruned) as { ns: number }).ns / 1e6;
    }
    rows[w.id] = { fastMs: ns / 1e6, prunedMs, steps };
  }
  return rows;
}

export function benchNative(config: BenchConfig): NativeSection {
  const compiler = compilerVersion();
  if (!compiler) return { compiler, note: 'no C compiler (cc, or $CC) on this machine: the native rows are skipped', rows: {} };
  const folder = mkdtempSync(join(tmpdir(), 'polyfn-bench-native-'));
  try {
    const rows = runWorkloads(config, buildNative(join(folder, 'palindromes')));
    const note =
      `${compiler}, -O2; median of ${config.nativeRepeats} searches in one process (the pruned loop: one search from 7 digits on, ` +
      `not run past ${config.prunedMaxDigits} digits)`;
    return { compiler, note, rows };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
