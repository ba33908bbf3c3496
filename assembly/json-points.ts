// JSON text holding [x, y] points, for the WASI command (assembly/wasi.ts): the same verdicts, in the
// same order, as the Node CLI's JSON.parse followed by the points reader (src/core/params.ts) and the
// kernel's checks, so both print the same message for the same argument.
//
// scanPoints() validates the whole text as JSON (RFC 8259: any value, nested to any depth, without
// recursion) and records what the reader and the checks look at: the kind of the top-level value,
// the number of its elements, the first element that is not exactly [number, number], and the first
// coordinate that is not finite or past the coordinate limit. It can also store the pairs as f64.
// nextPair() then walks the pairs of a text that scanPoints() passed, one at a time.
import { parseNumberAt } from "./number-text";

export const KIND_NULL = 0;
export const KIND_BOOLEAN = 1;
export const KIND_NUMBER = 2;
export const KIND_STRING = 3;
export const KIND_ARRAY = 4;
export const KIND_OBJECT = 5;

/** The top-level value's kind (KIND_*). */
export let scanKind = KIND_NULL;
/** Its elements, when it is an array. */
export let scanCount: i32 = 0;
/** The first element that is not [number, number], or -1. */
export let scanBadItem: i32 = -1;
/** The first coordinate (2 i + 0 for x, + 1 for y) that is not finite or has |v| > the limit, or -1. */
export let scanBadValue: i32 = -1;

let at: usize = 0; // the next UTF-16 unit
let end: usize = 0;
let broken = false; // a syntax error was found

const SPACE: u16 = 0x20, TAB: u16 = 0x09, LF: u16 = 0x0a, CR: u16 = 0x0d;
const QUOTE: u16 = 0x22, BACKSLASH: u16 = 0x5c, COMMA: u16 = 0x2c, COLON: u16 = 0x3a, MINUS: u16 = 0x2d, DOT: u16 = 0x2e;
const OPEN_ARRAY: u16 = 0x5b, CLOSE_ARRAY: u16 = 0x5d, OPEN_OBJECT: u16 = 0x7b, CLOSE_OBJECT: u16 = 0x7d;

/** The unit at `at`, or 0xffff past the end (never a unit JSON's grammar starts anything with). */
// @ts-ignore: decorator
@inline function peek(): u16 {
  return at < end ? load<u16>(at) : 0xffff;
}

function skipSpace(): void {
  while (at < end) {
    const c = load<u16>(at);
    if (c != SPACE && c != TAB && c != LF && c != CR) return;
    at += 2;
  }
}

function fail(): bool {
  broken = true;
  return false;
}

function isDigit(c: u16): bool {
  return c >= 0x30 && c <= 0x39;
}

function digits(): bool {
  if (!isDigit(peek())) return false;
  while (isDigit(peek())) at += 2;
  return true;
}

/** A number at `at` (JSON's grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?); its value, NaN on a syntax error. */
function number(): f64 {
  const start = at;
  if (peek() == MINUS) at += 2;
  if (peek() == 0x30) at += 2;
  else if (!digits()) return NaN;
  if (peek() == DOT) {
    at += 2;
    if (!digits()) return NaN;
  }
  if ((peek() | 0x20) == 0x65) {
    at += 2;
    if (peek() == 0x2b || peek() == MINUS) at += 2;
    if (!digits()) return NaN;
  }
  return parseNumberAt(start, at);
}

function isHex(c: u16): bool {
  return isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** A string at `at` (its opening quote): escapes checked, control characters refused. */
function quoted(): bool {
  at += 2;
  while (at < end) {
    const c = load<u16>(at);
    at += 2;
    if (c == QUOTE) return true;
    if (c < 0x20) return false;
    if (c != BACKSLASH) continue;
    const e = peek();
    at += 2;
    if (e == 0x75) {
      for (let i = 0; i < 4; i++) {
        if (!isHex(peek())) return false;
        at += 2;
      }
    } else if (e != QUOTE && e != BACKSLASH && e != 0x2f && e != 0x62 && e != 0x66 && e != 0x6e && e != 0x72 && e != 0x74) return false;
  }
  return false;
}

/** The literal `word` at `at`. */
function literal(word: string): bool {
  for (let i = 0; i < word.length; i++) {
    if (peek() != <u16>word.charCodeAt(i)) return false;
    at += 2;
  }
  return true;
}

/** A value that is not an array or object, at `at`; its kind, or -1 on a syntax error. */
function scalar(): i32 {
  const c = peek();
  if (c == QUOTE) return quoted() ? KIND_STRING : -1;
  if (c == 0x74) return literal("true") ? KIND_BOOLEAN : -1;
  if (c == 0x66) return literal("false") ? KIND_BOOLEAN : -1;
  if (c == 0x6e) return literal("null") ? KIND_NULL : -1;
  if (c == MINUS || isDigit(c)) return isNaN(number()) ? -1 : KIND_NUMBER;
  return -1;
}

/** An object's key and colon, at `at` (after skipping space). */
function key(): bool {
  skipSpace();
  if (peek() != QUOTE || !quoted()) return false;
  skipSpace();
  if (peek() != COLON) return false;
  at += 2;
  return true;
}

// Open containers for skipValue(): one byte a level (1 = object), as deep as the text allows.
let levels: usize = 0;

/** Any JSON value at `at`, skipped: nested arrays and objects without recursion. False on a syntax error. */
function skipValue(): bool {
  let depth: usize = 0;
  while (true) {
    // A value.
    skipSpace();
    const c = peek();
    if (c == OPEN_ARRAY || c == OPEN_OBJECT) {
      at += 2;
      const object = c == OPEN_OBJECT;
      store<u8>(levels + depth++, <u8>object);
      skipSpace();
      if (peek() == (object ? CLOSE_OBJECT : CLOSE_ARRAY)) {
        at += 2;
        depth--;
      } else {
        if (object && !key()) return fail();
        continue;
      }
    } else if (scalar() < 0) return fail();
    // After a value: close containers, or go on to the next value.
    while (true) {
      if (depth == 0) return true;
      skipSpace();
      const object = load<u8>(levels + depth - 1) == 1;
      const next = peek();
      if (next == COMMA) {
        at += 2;
        if (object && !key()) return fail();
        break;
      }
      if (next != (object ? CLOSE_OBJECT : CLOSE_ARRAY)) return fail();
      at += 2;
      depth--;
    }
  }
}

/** An element that may be [x, y]: its two values, or false (then `at` is back at its start). */
let pairX: f64 = 0;
let pairY: f64 = 0;

function pair(): bool {
  const start = at;
  if (peek() != OPEN_ARRAY) return false;
  at += 2;
  skipSpace();
  if (peek() == MINUS || isDigit(peek())) {
    const x = number();
    skipSpace();
    if (!isNaN(x) && peek() == COMMA) {
      at += 2;
      skipSpace();
      if (peek() == MINUS || isDigit(peek())) {
        const y = number();
        skipSpace();
        if (!isNaN(y) && peek() == CLOSE_ARRAY) {
          at += 2;
          pairX = x;
          pairY = y;
          return true;
        }
      }
    }
  }
  at = start;
  return false;
}

function checkValue(index: i32, value: f64, limit: f64): void {
  if (scanBadValue < 0 && !(Math.abs(value) <= limit)) scanBadValue = index;
}

/**
 * Scans `text` (see above): false when it is not JSON. Coordinates past `limit` (or not finite) are
 * recorded in scanBadValue; the first `capacity` pairs are stored at `into` as f64 [x, y].
 */
export function scanPoints(text: string, limit: f64, into: usize = 0, capacity: i32 = 0): bool {
  at = changetype<usize>(text);
  end = at + (<usize>text.length << 1);
  levels = heap.alloc(<usize>text.length + 1);
  broken = false;
  scanCount = 0;
  scanBadItem = -1;
  scanBadValue = -1;
  skipSpace();
  const c = peek();
  if (c == OPEN_ARRAY) {
    scanKind = KIND_ARRAY;
    at += 2;
    skipSpace();
    if (peek() == CLOSE_ARRAY) at += 2;
    else {
      while (true) {
        skipSpace();
        if (pair()) {
          checkValue(2 * scanCount, pairX, limit);
          checkValue(2 * scanCount + 1, pairY, limit);
          if (scanCount < capacity) {
            const to = into + (<usize>scanCount << 4);
            store<f64>(to, pairX);
            store<f64>(to, pairY, 8);
          }
        } else {
          if (scanBadItem < 0) scanBadItem = scanCount;
          if (!skipValue()) break;
        }
        scanCount++;
        skipSpace();
        if (peek() == COMMA) at += 2;
        else if (peek() == CLOSE_ARRAY) {
          at += 2;
          break;
        } else {
          fail();
          break;
        }
      }
    }
  } else if (c == OPEN_OBJECT) {
    scanKind = KIND_OBJECT;
    skipValue();
  } else {
    scanKind = scalar();
    if (scanKind < 0) fail();
  }
  heap.free(levels);
  skipSpace();
  return !broken && at == end;
}

/** Starts walking the pairs of `text`, a JSON array of [x, y] pairs that scanPoints() passed. */
export function beginPairs(text: string): void {
  at = changetype<usize>(text);
  end = at + (<usize>text.length << 1);
  skipSpace();
  at += 2; // [
}

/** The next pair into nextX, nextY; false after the last. */
export let nextX: f64 = 0;
export let nextY: f64 = 0;

export function nextPair(): bool {
  skipSpace();
  if (peek() == COMMA) at += 2;
  skipSpace();
  if (!pair()) return false;
  nextX = pairX;
  nextY = pairY;
  return true;
}
