// The standalone WASI command (build/polyfn-wasi.wasm): the same kernels as the core module,
// driven by arguments, printing the same JSON line as the Node CLI. Runs under node:wasi and any
// WASI runtime (wasmtime, wasmer, ...), with no JS glue.
//
//   polyfn-wasi palindromes <min> <max> [budget]
//   polyfn-wasi circle <radius>
//
// Exit status: 0 ok, 1 invalid input or budget exceeded, 2 usage. Errors are one line on stderr,
// worded exactly as the Node API words them.
import { palindromes, resultValue, resultPairCount, resultPairs } from "./palindromes";
import { circleArea, circleCircumference } from "./geometry";
import { formatNumber, parseNumber } from "./number-text";

// These mirror src/core/limits.ts; test/wasi.test.ts checks that both sides agree.
const FACTOR_MIN: i64 = 1;
const FACTOR_MAX: i64 = 999_999_999;
const DEFAULT_BUDGET: u64 = 30_000_000;
const RADIUS_MAX: f64 = 1e153;
const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;

const USAGE = "usage: polyfn-wasi palindromes <min> <max> [budget] | circle <radius> (default budget: " + DEFAULT_BUDGET.toString() + ")";

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

function runPalindromes(args: string[]): void {
  if (args.length < 4 || args.length > 5) return fail(USAGE, 2);
  const min = integerArg(args[2], "min");
  const max = integerArg(args[3], "max");
  let budget = DEFAULT_BUDGET;
  if (args.length == 5) {
    const steps = integerArg(args[4], "budget");
    if (steps < 1) fail("budget must be a positive integer");
    budget = <u64>steps;
  }
  checkFactor(min, "min");
  checkFactor(max, "max");
  if (min > max) fail("min must be <= max");
  if (failed) return;
  if (palindromes(<u32>min, <u32>max, budget, 0) != 0) {
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

const args = process.argv;
const command = args.length > 1 ? args[1] : "";
if (command == "palindromes") runPalindromes(args);
else if (command == "circle") runCircle(args);
else fail(USAGE, 2);
