// AssemblyScript source of the test module for assembly/number-text.ts, kept as a string so that
// tsc and uvu (which imports every file matching "number-text") see plain TypeScript.
// test/number-text.test.ts writes it to a temp dir and compiles it there with asc.
//
// ABI (strings travel as UTF-16 code units in the I/O area, doubles as f64 there):
//   io(): usize                 address of the I/O area (IO_BYTES long)
//   format(x: f64): i32         writes formatNumber(x) at io(); returns its length in code units
//   formatMany(n: i32): i32     reads n doubles at io(), writes their texts right after them,
//                               each followed by "\n"; returns the total length in code units
//   parse(len: i32): f64        parseNumber of the len code units at io()
//   results(): usize            address of the results area (MAX_BATCH f64s)
//   parseMany(n: i32): void     at io(): n i32 lengths, then the n texts back to back (UTF-16,
//                               starting 8-aligned after the lengths); writes n f64s at results()
//   ryuSplits(): i32            writes Ryu's multipliers (number-text.ts) as (low, high) u64
//                               pairs at io(): 5^0..5^325, then the inverses 0..341; returns the count
// Each call releases what it allocated (runtime stub: freeing the newest block rolls the heap back),
// so millions of calls run in constant memory.

export const IO_BYTES = 1 << 22;
export const MAX_BATCH = 1 << 16;

/** The harness source; `assembly` is the import path of the assembly/ folder from where it is written. */
export const harnessSource = (assembly: string): string => `
import { formatNumber, parseNumber, ryuPow5InvSplit, ryuPow5Split, ryuSplitHi, ryuSplitLo } from "${assembly}/number-text";

const IO_BYTES: usize = ${IO_BYTES};
const ioArea = heap.alloc(IO_BYTES);
const resultArea = heap.alloc(${MAX_BATCH} << 3);

export function io(): usize {
  return ioArea;
}

export function results(): usize {
  return resultArea;
}

function formatInto(x: f64, at: usize): i32 {
  const s = formatNumber(x);
  const len = s.length;
  memory.copy(at, changetype<usize>(s), <usize>len << 1);
  __free(changetype<usize>(s));
  return len;
}

export function format(x: f64): i32 {
  return formatInto(x, ioArea);
}

export function formatMany(n: i32): i32 {
  let out = ioArea + (<usize>n << 3);
  const begin = out;
  for (let i = 0; i < n; i++) {
    out += <usize>formatInto(load<f64>(ioArea + (<usize>i << 3)), out) << 1;
    store<u16>(out, 10);
    out += 2;
  }
  return <i32>((out - begin) >>> 1);
}

function parseAt(at: usize, len: i32): f64 {
  const s = String.UTF16.decodeUnsafe(at, <usize>len << 1);
  const v = parseNumber(s);
  __free(changetype<usize>(s));
  return v;
}

export function parse(len: i32): f64 {
  return parseAt(ioArea, len);
}

export function parseMany(n: i32): void {
  let text = ioArea + ((<usize>n << 2) + 7 & ~7);
  for (let i = 0; i < n; i++) {
    const len = load<i32>(ioArea + (<usize>i << 2));
    const v = parseAt(text, len);
    text += <usize>len << 1;
    store<f64>(resultArea + (<usize>i << 3), v);
  }
}

export function ryuSplits(): i32 {
  let at = ioArea;
  for (let i = 0; i <= 325 + 342; i++) {
    if (i <= 325) ryuPow5Split(i);
    else ryuPow5InvSplit(i - 326);
    store<u64>(at, ryuSplitLo);
    store<u64>(at, ryuSplitHi, 8);
    at += 16;
  }
  return 326 + 342;
}
`;
