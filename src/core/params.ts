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
      const values = new Float64Array(raw.length);
      raw.forEach((item, i) => (values[i] = number.fromJson(item, `${name}[${i}]`)));
      return values;
    },
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
