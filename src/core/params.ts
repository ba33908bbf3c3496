// How a kernel's parameters are read from outside the typed API: from text (query strings, CLI
// options) and from JSON values (request bodies, direct invocations). One reader per kind of value,
// shared by every kernel and entry point, so they all give the same messages. A reader also carries
// the JSON Schema of its values (OpenAPI) and their name for people (README, --help).
import { PolyfnError } from './errors.ts';
import { integerFromText, numberFromText } from './text.ts';
import { ENGINES, type Engine } from './types.ts';

/** A JSON Schema (2020-12, as OpenAPI 3.1 reads it). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface Reader<T> {
  /** The values, for people: 'integer', 'number', 'array of numbers', ... */
  kind: string;
  /** A JSON Schema of the JSON form. */
  schema: JsonSchema;
  /** From text; absent where the value cannot travel as text (a batch: JSON only). */
  fromText?: (raw: string, name: string) => T;
  fromJson: (raw: unknown, name: string) => T;
  /** The value back as JSON carries it, where that is not the value itself (typed arrays). */
  toJson?(value: T): unknown;
}

/** One parameter of a kernel: how it is read, what it means, whether it must be given. */
export interface Param<T = unknown> extends Reader<T> {
  /** One line: what the parameter is, for --help, OpenAPI and the README. */
  doc: string;
  required: boolean;
}

export function param<T>(reader: Reader<T>, doc: string, options: { required?: boolean } = {}): Param<T> {
  return { ...reader, doc, required: options.required ?? false };
}

function invalid(message: string): PolyfnError {
  return new PolyfnError('invalid_argument', message);
}

/** 'a string', 'an array', 'null': what a wrong JSON value was, for the message. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * An integer a double holds exactly (|n| <= 2^53 - 1: past it, "9007199254740993" would silently be
 * another number), with -0 read as 0.
 */
function exactInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value)) throw invalid(`${name} must be an integer between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`);
  return value + 0;
}

export const integer: Reader<number> = {
  kind: 'integer',
  schema: { type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER },
  fromText: (raw, name) => exactInteger(integerFromText(raw, name), name),
  fromJson(raw, name) {
    if (typeof raw === 'number' && Number.isInteger(raw)) return exactInteger(raw, name);
    throw invalid(`${name} must be an integer, not ${kindOf(raw)}${typeof raw === 'number' ? ` (${raw})` : ''}`);
  },
};

export const number: Reader<number> = {
  kind: 'number',
  schema: { type: 'number' },
  fromText: numberFromText,
  fromJson(raw, name) {
    if (typeof raw === 'number') return raw;
    throw invalid(`${name} must be a number, not ${kindOf(raw)}`);
  },
};

/** A non-empty JSON array of at most `max` numbers, read into a Float64Array. */
export function numbers(max: number): Reader<Float64Array> {
  return {
    kind: 'array of numbers',
    schema: { type: 'array', items: { type: 'number' }, minItems: 1, maxItems: max },
    fromJson(raw, name) {
      if (!Array.isArray(raw)) throw invalid(`${name} must be an array of numbers, not ${kindOf(raw)}`);
      if (raw.length === 0) throw invalid(`${name} must not be empty`);
      if (raw.length > max) throw invalid(`${name} must have at most ${max} entries`);
      return Float64Array.from(raw, (item, i) => number.fromJson(item, `${name}[${i}]`));
    },
    toJson: (values) => Array.from(values),
  };
}

/** What is wrong with the count of a batch of [x, y] points, or undefined: one wording for the reader and the typed API. */
export function pointCountProblem(name: string, count: number, min: number, max: number): PolyfnError | undefined {
  if (count === 0) return invalid(`${name} must not be empty`);
  if (count < min) return invalid(`${name} must have at least ${min} points`);
  if (count > max) return invalid(`${name} must have at most ${max} points`);
  return undefined;
}

/** The error of point `i` of a batch that is not a pair of numbers, or not finite ones. */
export function notAPoint(name: string, i: number): PolyfnError {
  return invalid(`${name}[${i}] must be [x, y] with finite numbers`);
}

/**
 * A JSON array of `min` to `max` [x, y] pairs of numbers, read into a Float64Array [x0, y0, x1, y1,
 * ...]. Shapes only: the kernel checks the values (finite, how large), and the count again, since
 * the typed API hands it arrays no reader saw (and a JSON number past the double range reads as
 * Infinity).
 */
export function points(min: number, max: number): Reader<Float64Array> {
  return {
    kind: 'array of [x, y] points',
    schema: { type: 'array', items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 }, minItems: min, maxItems: max },
    fromJson(raw, name) {
      if (!Array.isArray(raw)) throw invalid(`${name} must be an array of [x, y] points, not ${kindOf(raw)}`);
      const problem = pointCountProblem(name, raw.length, min, max);
      if (problem) throw problem;
      const values = new Float64Array(2 * raw.length);
      for (let i = 0; i < raw.length; i++) {
        const pair: unknown = raw[i];
        if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'number' || typeof pair[1] !== 'number') throw notAPoint(name, i);
        values[2 * i] = pair[0];
        values[2 * i + 1] = pair[1];
      }
      return values;
    },
    toJson: (values) => Array.from({ length: values.length >> 1 }, (_, i) => [values[2 * i], values[2 * i + 1]]),
  };
}

function toEngine(raw: unknown, name: string): Engine {
  if (ENGINES.includes(raw as Engine)) return raw as Engine;
  throw invalid(`${name} must be one of: ${ENGINES.join(', ')}`);
}

export const engineName: Reader<Engine> = {
  kind: ENGINES.map((e) => `\`${e}\``).join(', '),
  schema: { type: 'string', enum: [...ENGINES] },
  fromText: toEngine,
  fromJson: toEngine,
};
