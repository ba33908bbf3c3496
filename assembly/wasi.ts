// The standalone WASI command (build/polyfn-wasi.wasm): the same kernels as the core module,
// driven by arguments, printing the same JSON line as the Node CLI. Runs under node:wasi and any
// WASI runtime (wasmtime, wasmer, ...), with no JS glue.
//
//   polyfn-wasi palindromes <min> <max> [budget]
//   polyfn-wasi circle <radius>
//   polyfn-wasi polygon <vertices>
//   polyfn-wasi contains <polygon> <points> [budget]
//
// Vertices, polygons and points are JSON arrays of [x, y] pairs, as the Node CLI's --vertices,
// --polygon and --points take them; an argument "-" is read from stdin instead (an argument is
// limited to 128 KiB on Linux, a batch of points is not).
//
// Exit status: 0 ok, 1 invalid input or budget exceeded, 2 usage. Errors are one line on stderr,
// worded exactly as the Node API words them.
import { palindromes, resultValue, resultPairCount, resultPairs } from "./palindromes";
import { circleArea, circleCircumference } from "./geometry";
import { contains, insideBuffer, pointBuffer, pointCapacity, polygon, polygonMeasures, vertexBuffer, VERTEX_CAPACITY } from "./polygons";
import { beginPairs, KIND_ARRAY, KIND_BOOLEAN, KIND_NULL, KIND_NUMBER, KIND_OBJECT, nextPair, nextX, nextY, scanBadItem, scanBadValue, scanCount, scanKind, scanPoints } from "./json-points";
import { formatNumber, parseNumber } from "./number-text";

// These mirror src/core/limits.ts (MAX_VERTICES is the kernel's VERTEX_CAPACITY) and src/core/kernels/contains.ts;
// test/wasi.test.ts checks that both sides agree.
const FACTOR_MIN: i64 = 1;
const FACTOR_MAX: i64 = 999_999_999;
const DEFAULT_BUDGET: u64 = 30_000_000;
const RADIUS_MAX: f64 = 1e153;
const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;
const MAX_POINTS: i32 = 250_000;
const COORDINATE_MAX: f64 = 1e100;
const CONTAINS_BLOCK: u64 = 8;

const USAGE =
  "usage: polyfn-wasi palindromes <min> <max> [budget] | circle <radius> | polygon <vertices> | contains <polygon> <points> [budget]" +
  " ([x, y] points as JSON, - for stdin; default budget: " + DEFAULT_BUDGET.toString() + ")";

let failed = false;

function fail(message: string, status: i32 = 1): void {
  if (failed) return;
  failed = true;
  process.stderr.write("polyfn: " + message + "\n"); // the shim's console.error writes to stdout
  process.exit(status);
}

/** An integer argument (grammar -?[0-9]+), clamped to +-10^12 so any out-of-domain value stays out of it. */
function integerArg(text: string, name: string): i64 {
  const negative = text.length > 0 && text.charCodeAt(0) == 45; // '-'
  const start = negative ? 1 : 0;
  if (text.length == start) fail(name + " must be an integer");
  let value: i64 = 0;
  for (let i = start; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) {
      fail(name + " must be an integer");
      return 0;
    }
    if (value < 1_000_000_000_000) value = value * 10 + digit;
  }
  return negative ? -value : value;
}

function checkFactor(value: i64, name: string): void {
  if (value < FACTOR_MIN) fail(name + " must be >= " + FACTOR_MIN.toString());
  else if (value > FACTOR_MAX) fail(name + " must be <= " + FACTOR_MAX.toString());
}

/** A palindrome value as JSON: a number while exact in a double, a decimal string above 2^53 - 1. */
function valueJSON(value: u64): string {
  if (value == 0) return "null";
  return value <= MAX_SAFE_INTEGER ? value.toString() : '"' + value.toString() + '"';
}

function endJSON(end: i32): string {
  const count = resultPairCount(end);
  const pairs = resultPairs(end);
  const parts = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const at = pairs + (<usize>i << 3);
    parts[i] = "[" + load<u32>(at).toString() + "," + load<u32>(at + 4).toString() + "]";
  }
  return '{"value":' + valueJSON(resultValue(end)) + ',"factors":[' + parts.join(",") + "]}";
}

/** The budget argument, if given, at `index`: read as text first (grammar), checked positive later, as the Node CLI does. */
function budgetArg(args: string[], index: i32): i64 {
  return args.length > index ? integerArg(args[index], "budget") : <i64>DEFAULT_BUDGET;
}

function checkBudget(budget: i64): void {
  if (budget < 1) fail("budget must be a positive integer");
}

function runPalindromes(args: string[]): void {
  if (args.length < 4 || args.length > 5) return fail(USAGE, 2);
  const min = integerArg(args[2], "min");
  const max = integerArg(args[3], "max");
  const budget = budgetArg(args, 4);
  checkFactor(min, "min");
  checkFactor(max, "max");
  if (min > max) fail("min must be <= max");
  checkBudget(budget);
  if (failed) return;
  if (palindromes(<u32>min, <u32>max, <u64>budget, 0) != 0) {
    return fail("the search of [" + min.toString() + ", " + max.toString() + "] needs more than " + budget.toString() + " steps");
  }
  process.stdout.write('{"smallest":' + endJSON(0) + ',"largest":' + endJSON(1) + "}\n");
}

function runCircle(args: string[]): void {
  if (args.length != 3) return fail(USAGE, 2);
  const radius = parseNumber(args[2]);
  if (isNaN(radius)) fail("radius must be a number");
  else if (!isFinite(radius)) fail("radius must be a finite number");
  else if (radius < 0) fail("radius must be >= 0");
  else if (radius > RADIUS_MAX) fail("radius must be <= " + formatNumber(RADIUS_MAX));
  if (failed) return;
  const area = circleArea(radius);
  const circumference = circleCircumference(radius);
  process.stdout.write('{"radius":' + formatNumber(radius) + ',"area":' + formatNumber(area) + ',"circumference":' + formatNumber(circumference) + "}\n");
}

/** An argument's text, or stdin's for "-". */
function jsonArg(arg: string): string {
  if (arg != "-") return arg;
  const chunks = new Array<ArrayBuffer>();
  let total = 0;
  while (true) {
    const chunk = new ArrayBuffer(65536);
    const read = process.stdin.read(chunk);
    if (read <= 0) break;
    chunks.push(chunk.slice(0, read));
    total += read;
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (let i = 0; i < chunks.length; i++) {
    all.set(Uint8Array.wrap(chunks[i]), offset);
    offset += chunks[i].byteLength;
  }
  return String.UTF8.decode(all.buffer);
}

/** What a JSON value is, as the Node API's messages say it (kindOf in src/core/params.ts). */
function kindText(kind: i32): string {
  if (kind == KIND_NULL) return "null";
  if (kind == KIND_ARRAY) return "an array";
  if (kind == KIND_OBJECT) return "an object";
  if (kind == KIND_BOOLEAN) return "a boolean";
  return kind == KIND_NUMBER ? "a number" : "a string";
}

/** The reader's verdict on points given as JSON text (src/core/params.ts points(min, max)): false after reporting it. */
function readPoints(text: string, name: string, min: i32, max: i32, store: usize): bool {
  if (!scanPoints(text, COORDINATE_MAX, store, store ? max : 0)) fail(name + " must be JSON (array of [x, y] points)");
  else if (scanKind != KIND_ARRAY) fail(name + " must be an array of [x, y] points, not " + kindText(scanKind));
  else if (scanCount == 0) fail(name + " must not be empty");
  else if (scanCount < min) fail(name + " must have at least " + min.toString() + " points");
  else if (scanCount > max) fail(name + " must have at most " + max.toString() + " points");
  else if (scanBadItem >= 0) fail(name + "[" + scanBadItem.toString() + "] must be [x, y] with finite numbers");
  return !failed;
}

/** The kernel's check of the values (checkPoints in src/core/kernels/polygon.ts), for the points scanned last as `name`. */
function checkValues(name: string, badValue: i32, value: f64): void {
  if (badValue < 0) return;
  const point = (badValue >> 1).toString();
  if (!isFinite(value)) fail(name + "[" + point + "] must be [x, y] with finite numbers");
  else fail(name + "[" + point + "] must have |x| and |y| <= " + formatNumber(COORDINATE_MAX));
}

/** The value at index `v` of the vertex buffer (polygons are stored as they are scanned). */
function vertexValue(v: i32): f64 {
  return load<f64>(vertexBuffer() + (<usize>v << 3));
}

/** Stores vertex 0 again after the last, as the kernel reads its ring. */
function closeRing(n: i32): void {
  const ring = vertexBuffer();
  store<f64>(ring + (<usize>n << 4), load<f64>(ring));
  store<f64>(ring + (<usize>n << 4), load<f64>(ring, 8), 8);
}

function runPolygon(args: string[]): void {
  if (args.length != 3) return fail(USAGE, 2);
  if (!readPoints(jsonArg(args[2]), "vertices", 3, VERTEX_CAPACITY, vertexBuffer())) return;
  const n = scanCount;
  if (scanBadValue >= 0) return checkValues("vertices", scanBadValue, vertexValue(scanBadValue));
  closeRing(n);
  polygon(n);
  const measures = polygonMeasures();
  const twiceArea = load<f64>(measures);
  const x = load<f64>(measures, 16);
  const y = load<f64>(measures, 24);
  const centroid = isFinite(x) && isFinite(y) ? "[" + formatNumber(x) + "," + formatNumber(y) + "]" : "null";
  const orientation = twiceArea > 0 ? "counterclockwise" : twiceArea < 0 ? "clockwise" : "degenerate";
  process.stdout.write(
    '{"area":' + formatNumber(Math.abs(twiceArea) / 2) + ',"perimeter":' + formatNumber(load<f64>(measures, 8)) +
      ',"centroid":' + centroid + ',"orientation":"' + orientation + '"}\n',
  );
}

function runContains(args: string[]): void {
  if (args.length < 4 || args.length > 5) return fail(USAGE, 2);
  const polygonText = jsonArg(args[2]);
  const pointsText = jsonArg(args[3]);
  // The Node CLI's order: each argument read (polygon, points, budget), then the kernel's checks, then the budget.
  if (!readPoints(polygonText, "polygon", 3, VERTEX_CAPACITY, vertexBuffer())) return;
  const n = scanCount;
  const polygonBadValue = scanBadValue;
  if (!readPoints(pointsText, "points", 1, MAX_POINTS, 0)) return;
  const m = scanCount;
  const pointsBadValue = scanBadValue;
  const budget = budgetArg(args, 4);
  if (failed) return;
  if (polygonBadValue >= 0) return checkValues("polygon", polygonBadValue, vertexValue(polygonBadValue));
  if (pointsBadValue >= 0) {
    // The points were not stored: walk to the bad one for its value.
    beginPairs(pointsText);
    for (let i = 0; i <= pointsBadValue >> 1; i++) nextPair();
    return checkValues("points", pointsBadValue, pointsBadValue & 1 ? nextY : nextX);
  }
  checkBudget(budget);
  const steps = <u64>n * ((<u64>m + CONTAINS_BLOCK - 1) / CONTAINS_BLOCK);
  if (steps > <u64>budget) {
    return fail("testing " + m.toString() + (m == 1 ? " point" : " points") + " against " + n.toString() + " edges needs " + steps.toString() + " steps, more than the budget of " + budget.toString());
  }
  if (failed) return;
  closeRing(n);
  // The points go through the kernel's buffer a chunk at a time, the answers out as they come.
  const capacity = pointCapacity();
  const buffer = pointBuffer();
  const inside = insideBuffer();
  const words = new Array<string>(capacity);
  beginPairs(pointsText);
  process.stdout.write('{"inside":[');
  for (let from = 0; from < m; from += capacity) {
    const count = min(capacity, m - from);
    for (let i = 0; i < count; i++) {
      nextPair();
      store<f64>(buffer + (<usize>i << 4), nextX);
      store<f64>(buffer + (<usize>i << 4), nextY, 8);
    }
    contains(n, count);
    words.length = count;
    for (let i = 0; i < count; i++) words[i] = load<u8>(inside + <usize>i) ? "true" : "false";
    process.stdout.write((from > 0 ? "," : "") + words.join(","));
  }
  process.stdout.write("]}\n");
}

const args = process.argv;
const command = args.length > 1 ? args[1] : "";
if (command == "palindromes") runPalindromes(args);
else if (command == "circle") runCircle(args);
else if (command == "polygon") runPolygon(args);
else if (command == "contains") runContains(args);
else fail(USAGE, 2);
