// assembly/number-text.ts against V8: formatNumber(x) must equal String(x) and parseNumber(text)
// must equal Number(text), bit for bit (Object.is), for every case below. The AssemblyScript is
// compiled here, on the fly, through test/support/number-text-harness.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { harnessSource, IO_BYTES, MAX_BATCH } from './support/number-text-harness.ts';
import { generate } from '../scripts/gen-number-tables.ts';
// Deterministic PRNG, so failures reproduce.
import { mulberry32 } from '../bench/palindromes-targets.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Building and driving the harness

interface Harness {
  ryuSplits(): bigint[];
  format(x: number): string;
  formatMany(xs: Float64Array): string[];
  parse(text: string): number;
  parseMany(texts: readonly string[]): Float64Array;
}

interface HarnessExports {
  memory: WebAssembly.Memory;
  io(): number;
  results(): number;
  format(x: number): number;
  formatMany(n: number): number;
  parse(len: number): number;
  parseMany(n: number): void;
  ryuSplits(): number;
}

/**
 * Compiles the harness with asc into a temp dir; returns the module bytes and asc's diagnostics.
 * asc runs as a child process: loading its 13 MB Binaryen bundle through tsx's hooks takes ~10 s.
 * `config` replaces the project's asconfig.json, whose entries asc would otherwise compile in too;
 * the flags below are that file's options.
 */
async function compile(config?: string): Promise<{ wasm: Uint8Array<ArrayBuffer>; diagnostics: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'polyfn-number-text-'));
  try {
    const source = join(dir, 'number-text-harness.ts');
    const outFile = join(dir, 'harness.wasm');
    const assembly = relative(dir, join(root, 'assembly')).split(sep).join('/');
    writeFileSync(source, harnessSource(assembly));
    if (config === undefined) writeFileSync((config = join(dir, 'asconfig.json')), '{ "options": {} }');
    const asc = join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
    const args = [asc, source, '--config', config, '--outFile', outFile, '-O3', '--runtime', 'stub', '--enable', 'simd'];
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { cwd: root });
      return { wasm: readFileSync(outFile), diagnostics: stdout + stderr };
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`asc failed:\n${stdout}${stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function instantiate(wasm: Uint8Array<ArrayBuffer>): Promise<Harness> {
  const { instance } = await WebAssembly.instantiate(wasm, {
    env: {
      abort: () => {
        throw new Error('abort() in the number-text harness');
      },
    },
  });
  const ex = instance.exports as unknown as HarnessExports;
  const io = ex.io();
  const results = ex.results();
  const utf16 = new TextDecoder('utf-16le');
  // Views are remade whenever memory.grow has replaced the buffer.
  let buffer: ArrayBuffer | undefined;
  let u16 = new Uint16Array(0);
  let i32 = new Int32Array(0);
  let f64 = new Float64Array(0);
  const views = (): void => {
    if (ex.memory.buffer === buffer) return;
    buffer = ex.memory.buffer;
    u16 = new Uint16Array(buffer);
    i32 = new Int32Array(buffer);
    f64 = new Float64Array(buffer);
  };
  const readText = (at: number, units: number): string => {
    views();
    return utf16.decode(u16.subarray(at >>> 1, (at >>> 1) + units));
  };
  const writeText = (at: number, text: string): void => {
    for (let i = 0, j = at >>> 1; i < text.length; i++, j++) u16[j] = text.charCodeAt(i);
  };

  const formatMany = (xs: Float64Array): string[] => {
    const out: string[] = [];
    const per = Math.min(MAX_BATCH, Math.floor(IO_BYTES / (8 + 2 * 26)));
    for (let start = 0; start < xs.length; start += per) {
      const chunk = xs.subarray(start, start + per);
      views();
      f64.set(chunk, io >>> 3);
      const units = ex.formatMany(chunk.length);
      const texts = readText(io + chunk.length * 8, units).split('\n');
      texts.pop(); // after the final "\n"
      for (const t of texts) out.push(t);
    }
    return out;
  };

  const parseMany = (texts: readonly string[]): Float64Array => {
    const out = new Float64Array(texts.length);
    let i = 0;
    while (i < texts.length) {
      // As many texts as fit the I/O area.
      let n = 0;
      let bytes = 0;
      while (i + n < texts.length && n < MAX_BATCH) {
        const next = bytes + 4 + 8 + 2 * texts[i + n]!.length;
        if (next > IO_BYTES) break;
        bytes = next;
        n++;
      }
      if (n === 0) throw new Error('text too long for the harness I/O area');
      views();
      let at = io + ((n * 4 + 7) & ~7);
      for (let k = 0; k < n; k++) {
        const t = texts[i + k]!;
        i32[(io >>> 2) + k] = t.length;
        writeText(at, t);
        at += 2 * t.length;
      }
      ex.parseMany(n);
      views();
      out.set(f64.subarray(results >>> 3, (results >>> 3) + n), i);
      i += n;
    }
    return out;
  };

  return {
    ryuSplits: () => {
      const n = ex.ryuSplits();
      const words = new BigUint64Array(ex.memory.buffer, io, 2 * n);
      return Array.from({ length: n }, (_, i) => (words[2 * i + 1]! << 64n) | words[2 * i]!);
    },
    format: (x) => readText(io, ex.format(x)),
    formatMany,
    parse: (text) => {
      if (2 * text.length > IO_BYTES) throw new Error('text too long for the harness I/O area');
      views();
      writeText(io, text);
      return ex.parse(text.length);
    },
    parseMany,
  };
}

let harness: Harness;
// Both builds at once: the plain one is the harness, the WASI shim one only has to compile cleanly.
const plainBuild = compile();
const wasiBuild = compile('node_modules/@assemblyscript/wasi-shim/asconfig.json');
// Failures surface in the tests that await these; until then they are not "unhandled".
plainBuild.catch(() => {});
wasiBuild.catch(() => {});

test.before(async () => {
  const { wasm, diagnostics } = await plainBuild;
  assert.not.match(diagnostics, /WARNING|ERROR/, `asc diagnostics:\n${diagnostics}`);
  // Nothing but the harness and number-text went in: the only import is the runtime's abort.
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => `${i.module}.${i.name}`);
  assert.equal(imports, ['env.abort']);
  harness = await instantiate(wasm);
});

// ---------------------------------------------------------------------------------------------
// Inputs

const bitsView = new DataView(new ArrayBuffer(8));
const toBits = (x: number): bigint => (bitsView.setFloat64(0, x), bitsView.getBigUint64(0));
const fromBits = (b: bigint): number => (bitsView.setBigUint64(0, BigInt.asUintN(64, b)), bitsView.getFloat64(0));
/** The next double toward +Infinity (finite results only matter here). */
const nextUp = (x: number): number => (x === 0 ? 5e-324 : x > 0 ? fromBits(toBits(x) + 1n) : -fromBits(toBits(-x) - 1n));
const nextDown = (x: number): number => -nextUp(-x);

const MAX = Number.MAX_VALUE;
const MIN_NORMAL = 2.2250738585072014e-308;

function edgeCases(): number[] {
  const xs = [
    0,
    -0,
    5e-324,
    1e-323,
    1.5e-323,
    2.5e-323,
    MIN_NORMAL,
    2.225073858507201e-308,
    2.2250738585072019e-308,
    4.4501477170144023e-308,
    MAX,
    1.7976931348623155e308,
    8.98846567431158e307,
    2 ** 53,
    2 ** 53 - 1,
    2 ** 53 + 2,
    9007199254740993,
    0.1,
    0.2,
    0.3,
    0.1 + 0.2,
    1 / 3,
    2 / 3,
    12.566370614359172,
    4 * Math.PI,
    Math.PI,
    Math.E,
    1e21,
    1e-7,
    1e-6,
    1e20,
    123456789012345680000,
    999999999999999900000,
    1.5,
    100,
    2,
    12,
    1234.5,
    0.5,
    0.25,
    5e-7,
    1.2345678901234567e-300,
    0.30000000000000004,
    4.35,
    0.000001,
    2 ** 50 + 0.25,
    2 ** 50 + 0.75,
    1.7976931348623157e308 / 3,
    2.4703282292062327e-324,
    123e-20,
    9.5367431640625e-7,
    1e23,
    8.41e21,
    5e-310,
    Number.EPSILON,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_VALUE,
    2.2250738585072011e-308,
    1.7976931348623157e-308,
  ];
  const around = [1e21, 1e-7, 1e-6, 1e-5, MIN_NORMAL, MAX, 5e-324, 2 ** 53, 1, 0.1, 1e23, 9007199254740993];
  for (const x of around) {
    let up = x;
    let down = x;
    for (let i = 0; i < 4; i++) xs.push((up = nextUp(up)), (down = nextDown(down)));
  }
  for (let e = -324; e <= 308; e++) {
    const x = Number(`1e${e}`);
    xs.push(x, nextUp(x), nextDown(x), Number(`9.999999999999999e${e}`), Number(`5e${e}`));
  }
  for (let k = -1074; k <= 1023; k++) {
    const x = 2 ** k;
    xs.push(x, nextUp(x), nextDown(x), x * 3);
  }
  for (let i = 0; i <= 2000; i++) xs.push(i, i / 10, i / 100, i / 1000, i * 1e-9, i * 1e18);
  // Halfway-looking doubles: binary fractions in [2^44, 2^53), where the last kept decimal digit ties.
  for (let k = 44; k < 53; k++) {
    for (let f = 1; f < 64; f++) xs.push(2 ** k + f / 64, 2 ** k + f / 8);
  }
  return xs.filter(Number.isFinite).flatMap((x) => [x, -x]);
}

/** Doubles from uniformly random 64-bit patterns (non-finite patterns skipped). */
function randomBitPatterns(count: number, seed: number): Float64Array {
  const next = mulberry32(seed);
  const out = new Float64Array(count);
  const u32 = new Uint32Array(out.buffer);
  for (let i = 0; i < count; i++) {
    do {
      u32[2 * i] = next();
      u32[2 * i + 1] = next();
    } while (!Number.isFinite(out[i]!));
  }
  return out;
}

/** Doubles with few significant decimal digits (the usual inputs: 0.1, 12.5, 3e-5 ...). */
function shortDecimals(count: number, seed: number): Float64Array {
  const next = mulberry32(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const digits = 1 + (next() % 17);
    const mantissa = next() % 10 ** Math.min(digits, 9);
    do {
      out[i] = Number(`${mantissa}${String(next()).slice(0, digits - Math.min(digits, 9))}e${(next() % 660) - 340}`);
    } while (!Number.isFinite(out[i]!));
  }
  return out;
}

/** The exact decimal text of m * 2^e (m, e integers): every digit, no rounding. */
function exactDecimal(m: bigint, e: number): string {
  if (e >= 0) return (m << BigInt(e)).toString();
  // m / 2^-e = m * 5^-e / 10^-e
  const digits = (m * 5n ** BigInt(-e)).toString();
  const point = digits.length + e;
  if (point > 0) return `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `0.${'0'.repeat(-point)}${digits}`;
}

/** m and e of a positive finite double x = m * 2^e. */
function decompose(x: number): { m: bigint; e: number } {
  const b = toBits(x);
  const biased = Number(b >> 52n);
  const fraction = b & ((1n << 52n) - 1n);
  return biased === 0 ? { m: fraction, e: -1074 } : { m: fraction | (1n << 52n), e: biased - 1075 };
}

/** Random digit strings with random point, sign, exponent: the parse grammar's full range. */
function randomDecimalTexts(count: number, seed: number): string[] {
  const next = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + (next() % (next() % 4 === 0 ? 800 : 40));
    let digits = '';
    const style = next() % 4; // random digits, or long runs of 0s / 9s that sit near boundaries
    for (let d = 0; d < length; d++) {
      const r = next() % 10;
      digits += style === 0 || d < 3 || next() % 50 === 0 ? String(r) : style === 1 ? '0' : style === 2 ? '9' : String(r);
    }
    const lead = next() % 8 === 0 ? '0'.repeat(next() % 5) : '';
    const pointAt = next() % (length + 2);
    let text = lead + digits;
    if (pointAt <= length && next() % 3 !== 0) text = `${text.slice(0, pointAt + lead.length)}.${text.slice(pointAt + lead.length)}`;
    if (text === '.') text = '0.';
    if (next() % 4 !== 0) {
      const exponent = (next() % 801) - 400;
      const mark = next() % 2 ? 'e' : 'E';
      const sign = exponent < 0 ? '-' : next() % 2 ? '+' : '';
      text += `${mark}${sign}${Math.abs(exponent)}`;
    }
    if (next() % 2) text = `-${text}`;
    out.push(text);
  }
  return out;
}

/**
 * Exact midpoints between adjacent doubles written with at most 19 significant digits
 * (9007199254740993-style): here Eisel–Lemire alone must notice the tie and round to even.
 */
function shortMidpoints(seed: number): string[] {
  const next = mulberry32(seed);
  const random = (below: bigint): bigint => ((BigInt(next()) << 32n) | BigInt(next())) % below;
  const out: string[] = [];
  // Above 2^53 a midpoint (2m + 1) * 2^(e - 1) is an integer; with 2m + 1 = t * 5^j it is t * 2^s * 10^j.
  for (let j = 0; j <= 23; j++) {
    const p5 = 5n ** BigInt(j);
    const low = (1n << 53n) / p5 + 1n;
    const high = (1n << 54n) / p5;
    if (high < low) continue;
    for (let s = 0; s < 12; s++) {
      for (let r = 0; r < 6; r++) {
        let t = low + random(high - low + 1n);
        if (t % 2n === 0n) t = t + 1n > high ? t - 1n : t + 1n;
        if (t * p5 <= 1n << 53n) continue;
        const digits = (t << BigInt(s)).toString();
        if (digits.length > 19) continue;
        out.push(`${digits}e${j}`, `-${digits}${'0'.repeat(j)}`, `${digits}${'0'.repeat(j)}.000`);
      }
    }
  }
  // Below 2^53: (2m + 1) * 2^-k = (2m + 1) * 5^k * 10^-k.
  for (let k = 1; k <= 4; k++) {
    for (let r = 0; r < 200; r++) {
      const m = (1n << 52n) + random(1n << 52n);
      const digits = ((2n * m + 1n) * 5n ** BigInt(k)).toString();
      if (digits.length > 19) continue;
      out.push(`${digits}e-${k}`, `${digits.slice(0, -k)}.${digits.slice(-k)}`, `-0.${digits}e${digits.length - k}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checking

/** Formats and parses a batch; reports the first few disagreements with V8. */
function checkDoubles(xs: Float64Array | number[], label: string): void {
  const input = xs instanceof Float64Array ? xs : Float64Array.from(xs);
  const texts = harness.formatMany(input);
  assert.is(texts.length, input.length, `${label}: one text per double`);
  const bad: string[] = [];
  for (let i = 0; i < input.length && bad.length < 10; i++) {
    const x = input[i]!;
    if (texts[i] !== String(x)) bad.push(`format ${String(x)} gave ${texts[i]}`);
  }
  const back = harness.parseMany(input.length === 0 ? [] : Array.from(input, (x) => String(x)));
  for (let i = 0; i < input.length && bad.length < 10; i++) {
    const x = input[i]!;
    if (!Object.is(back[i], Object.is(x, -0) ? 0 : x)) bad.push(`parse ${String(x)} gave ${back[i]}`);
  }
  assert.equal(bad, [], `${label}: ${bad.join('; ')}`);
}

/** Parses a batch; reports the first few disagreements with Number(text). */
function checkTexts(texts: readonly string[], label: string): void {
  const got = harness.parseMany(texts);
  const bad: string[] = [];
  for (let i = 0; i < texts.length && bad.length < 10; i++) {
    const want = Number(texts[i]);
    if (!Object.is(got[i], want)) bad.push(`parse "${texts[i]!.length > 60 ? `${texts[i]!.slice(0, 60)}…` : texts[i]}" gave ${got[i]}, want ${want}`);
  }
  assert.equal(bad, [], `${label}: ${bad.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// formatNumber (each also parsed back)

test('generated tables are up to date', () => {
  assert.ok(readFileSync(join(root, 'assembly/number-tables.ts'), 'utf8') === generate(), 'run npx tsx scripts/gen-number-tables.ts');
});

test("Ryu's multipliers derived from the table are exactly Ryu's tables", () => {
  // Ryu's definitions (d2s_full_table.h): 5^i with 125 significant bits, and ⌊2^(bits(5^i) - 1 + 125) / 5^i⌋ + 1.
  const bits = (x: bigint): number => x.toString(2).length;
  const want: bigint[] = [];
  for (let i = 0; i <= 325; i++) {
    const p = 5n ** BigInt(i);
    want.push(bits(p) >= 125 ? p >> BigInt(bits(p) - 125) : p << BigInt(125 - bits(p)));
  }
  for (let i = 0; i <= 341; i++) {
    const p = 5n ** BigInt(i);
    want.push((1n << BigInt(bits(p) - 1 + 125)) / p + 1n);
  }
  const got = harness.ryuSplits();
  assert.is(got.length, want.length);
  for (let i = 0; i < want.length; i++) assert.ok(got[i] === want[i], i <= 325 ? `5^${i}` : `5^-${i - 326}`);
});

test('format: the JSON sample and the notation boundaries', () => {
  assert.is(harness.format(2), '2');
  assert.is(harness.format(12.566370614359172), '12.566370614359172');
  assert.is(harness.format(-0), '0');
  assert.is(harness.format(0), '0');
  assert.is(harness.format(5e-324), '5e-324');
  assert.is(harness.format(-1.7976931348623157e308), '-1.7976931348623157e+308');
  assert.is(harness.format(1e21), '1e+21');
  assert.is(harness.format(999999999999999900000), '999999999999999900000');
  assert.is(harness.format(1e-7), '1e-7');
  assert.is(harness.format(1.5e-7), '1.5e-7');
  assert.is(harness.format(0.000001), '0.000001');
  assert.is(harness.format(2 ** 50 + 0.25), '1125899906842624.2'); // exact tie: to even
  assert.is(harness.format(0.1 + 0.2), '0.30000000000000004');
  assert.is(harness.format(123e-20), '1.23e-18');
  assert.is(harness.format(1.5), '1.5');
  assert.is(harness.format(-123456789), '-123456789');
});

test('format + parse: edge cases (zeros, subnormals, extremes, powers of 10 and 2, neighbours)', () => {
  checkDoubles(edgeCases(), 'edge cases');
});

test('format + parse: fast-check doubles', () => {
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const text = harness.format(x);
      return text === String(x) && Object.is(harness.parse(text), Object.is(x, -0) ? 0 : x);
    }),
    { numRuns: 50_000, seed: 0x5eed },
  );
});

test('format + parse: 1,000,000 random 64-bit patterns', () => {
  for (let seed = 1; seed <= 4; seed++) checkDoubles(randomBitPatterns(250_000, seed), `patterns seed ${seed}`);
});

test('format + parse: 200,000 short decimals', () => {
  checkDoubles(shortDecimals(200_000, 7), 'short decimals');
});

// ---------------------------------------------------------------------------------------------
// parseNumber

test('parse: grammar corners agree with Number()', () => {
  checkTexts(
    [
      '0',
      '-0',
      '00',
      '-00',
      '0.',
      '-0.',
      '.0',
      '-.0',
      '0e0',
      '-0e-0',
      '0e99999999999999999999',
      '1.',
      '.5',
      '-.5',
      '1.e5',
      '1E5',
      '1e+5',
      '1e-5',
      '00012',
      '000.000123',
      '12.566370614359172',
      '2',
      '2.0',
      '3.14159',
      '9007199254740993',
      '9007199254740992.5',
      '9007199254740993.000000000000000000001',
      '1e-400',
      '-1e-400',
      '1e400',
      '-1e400',
      '1e99999999999999999999',
      '1e-99999999999999999999',
      '2.1147860402085786e+41',
      '1.7976931348623157e308',
      '1.7976931348623158e308',
      '1.7976931348623159e308',
      '2.4703282292062327e-324',
      '2.4703282292062328e-324',
      '2.47032822920623272e-324',
      '4.9406564584124654e-324',
      '2.2250738585072011e-308',
      '2.2250738585072012e-308',
      '123456789012345678901234567890',
      '0.1e1',
      '1e22',
      '1e23',
      '8.41e21',
      `0.${'0'.repeat(300)}1e300`,
      `1${'0'.repeat(400)}e-400`,
      `${'9'.repeat(1000)}e-1000`,
      `${'1'.repeat(5000)}`,
      `0.${'0'.repeat(5000)}1e5000`,
    ],
    'grammar corners',
  );
});

test('parse: text outside the grammar is NaN', () => {
  const bad = [
    '',
    '-',
    '.',
    '-.',
    'e5',
    '.e5',
    '1e',
    '1e+',
    '1e-',
    '1e+-1',
    '1.2.3',
    '1..2',
    '0x10',
    '0b1',
    ' 1',
    '1 ',
    '+1',
    '--1',
    'Infinity',
    '-Infinity',
    'NaN',
    '1_000',
    '1,5',
    '١',
    '1e5.5',
    'e',
    '1f',
    '1d',
    '\u00001',
    '1\u0000',
  ];
  for (const text of bad) assert.ok(Number.isNaN(harness.parse(text)), `parse(${JSON.stringify(text)})`);
  assert.ok(Number.isNaN(harness.parseMany(bad).reduce((a, b) => a + b, 0)));
});

test('parse: 30,000 random decimal texts (up to 800 digits, exponents -400..400)', () => {
  checkTexts(randomDecimalTexts(30_000, 11), 'random texts');
});

test('parse: exact midpoints between adjacent doubles, and a hair either side', () => {
  const xs = [
    5e-324,
    1e-323,
    MIN_NORMAL,
    nextDown(MIN_NORMAL),
    nextUp(MIN_NORMAL),
    MAX,
    nextDown(MAX),
    2 ** 53,
    1,
    0.1,
    1e22,
    1e23,
    9007199254740992,
    ...randomBitPatterns(1500, 99).map(Math.abs),
    ...shortDecimals(500, 5),
  ].filter((x) => x !== 0);
  const texts: string[] = [];
  for (const x of xs) {
    const { m, e } = decompose(x);
    const mid = exactDecimal(2n * m + 1n, e - 1); // between x and its successor (Infinity for MAX)
    const below = exactDecimal(4n * m - 1n, e - 2); // a quarter ulp below x: not a midpoint, a check
    texts.push(mid, `${mid}${mid.includes('.') ? '' : '.'}00000000000000000001`, below);
    // Just below the midpoint: last digit lowered and then a tail of 9s.
    const lowered = exactDecimal(2n * m + 1n, e - 1).replace(/(\d)(0*)$/, (_, d: string, z: string) => `${Number(d) - 1}${'9'.repeat(z.length)}`);
    if (!/^0*\.?0*$/.test(lowered)) texts.push(`${lowered}${lowered.includes('.') ? '' : '.'}9999999999`);
    // The same midpoint in scientific form with the point moved.
    const digits = mid.replace('.', '').replace(/^0+/, '');
    const pointShift = mid.includes('.') ? mid.indexOf('.') - (mid.length - mid.replace(/^0\.0*/, '').length) : mid.length;
    texts.push(`0.${digits}e${pointShift}`, `-${mid}`);
  }
  // Midpoints (below even and odd mantissas) followed by zeros and a 1 past the 800th digit:
  // only that last digit says "above the midpoint".
  for (const x of [1, 1.0000000000000002, 5e-324, 1e-323, MIN_NORMAL, nextDown(MIN_NORMAL), 1e300, nextUp(1e300)]) {
    const { m, e } = decompose(x);
    const mid = exactDecimal(2n * m + 1n, e - 1);
    const point = mid.includes('.') ? '' : '.';
    texts.push(`${mid}${point}${'0'.repeat(1000)}1`, `${mid}${point}${'0'.repeat(1000)}`, `-${mid}${point}${'0'.repeat(2000)}1e-0`);
  }
  checkTexts(texts, 'midpoints');
});

test('parse: exact midpoints written with at most 19 digits (ties to even)', () => {
  const texts = shortMidpoints(3);
  assert.ok(texts.length > 1000, `only ${texts.length} short midpoints`);
  checkTexts(texts, 'short midpoints');
});

test('parse: fast-check digit strings with long tails', () => {
  const text = fc
    .tuple(
      fc.boolean(),
      fc.string({ unit: fc.constantFrom('0', '1', '4', '5', '9'), minLength: 1, maxLength: 120 }),
      fc.nat({ max: 130 }),
      fc.integer({ min: -400, max: 400 }),
    )
    .map(([neg, digits, point, exponent]) => {
      const p = Math.min(point, digits.length);
      return `${neg ? '-' : ''}${digits.slice(0, p)}.${digits.slice(p)}e${exponent}`.replace(/^(-?)\.e/, '$10.e');
    });
  fc.assert(
    fc.property(text, (t) => Object.is(harness.parse(t), Number(t))),
    { numRuns: 20_000, seed: 0x5eed },
  );
});

test('the WASI shim build compiles too, without warnings', async () => {
  const { diagnostics } = await wasiBuild;
  assert.not.match(diagnostics, /WARNING|ERROR/, `asc diagnostics:\n${diagnostics}`);
});

test.run();
