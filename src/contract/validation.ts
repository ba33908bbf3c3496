// The one validation layer: turns a request's query and JSON body into typed route input.
// It checks shape and types only (is `min` an integer, is the body JSON); the domain (min <= max,
// radius >= 0, ...) is the core's to check, so the CLI, the API and HTTP give the same messages.
import { ENGINES, integerFromText, numberFromText, type Engine } from '../core/index.ts';
import { bodyTooLarge, HttpError, quoted } from './errors.ts';
import { MAX_BODY_BYTES, MAX_RADII } from './limits.ts';
import type { PolyRequest } from './types.ts';

/** How one input field is read from a query string (absent: body only) and from a JSON value. */
export interface Field<T> {
  fromQuery?: (raw: string, name: string) => T;
  fromJson: (raw: unknown, name: string) => T;
}

export type Fields = Record<string, Field<unknown>>;
export type Input<F extends Fields> = { [K in keyof F]?: F[K] extends Field<infer T> ? T : never };

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export const integer: Field<number> = {
  fromQuery: integerFromText,
  fromJson(raw, name) {
    if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
    throw new HttpError('invalid_parameter', `${name} must be an integer, not ${kindOf(raw)}${typeof raw === 'number' ? ` (${raw})` : ''}`);
  },
};

export const number: Field<number> = {
  fromQuery: numberFromText,
  fromJson(raw, name) {
    if (typeof raw === 'number') return raw;
    throw new HttpError('invalid_parameter', `${name} must be a number, not ${kindOf(raw)}`);
  },
};

export const numbers: Field<Float64Array> = {
  fromJson(raw, name) {
    if (!Array.isArray(raw)) throw new HttpError('invalid_parameter', `${name} must be an array of numbers, not ${kindOf(raw)}`);
    if (raw.length === 0) throw new HttpError('invalid_parameter', `${name} must not be empty`);
    if (raw.length > MAX_RADII) throw new HttpError('invalid_parameter', `${name} must have at most ${MAX_RADII} entries`);
    const values = new Float64Array(raw.length);
    raw.forEach((item, i) => (values[i] = number.fromJson(item, `${name}[${i}]`)));
    return values;
  },
};

function toEngine(raw: unknown, name: string): Engine {
  if (ENGINES.includes(raw as Engine)) return raw as Engine;
  throw new HttpError('invalid_parameter', `${name} must be one of: ${ENGINES.join(', ')}`);
}

export const engine: Field<Engine> = { fromQuery: toEngine, fromJson: toEngine };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$|^text\/plain$/;

/** Parses the body as a JSON object; undefined when the request has no body. */
function jsonBody(req: PolyRequest): Record<string, unknown> | undefined {
  if (!req.body || req.body.length === 0) return undefined;
  if (req.body.length > MAX_BODY_BYTES) throw bodyTooLarge(MAX_BODY_BYTES);
  const [type = '', ...params] = (req.headers['content-type'] ?? 'application/json').toLowerCase().split(';');
  const charset = params.map((p) => p.trim()).find((p) => p.startsWith('charset='));
  if (!JSON_TYPE.test(type.trim()) || (charset && charset !== 'charset=utf-8')) {
    throw new HttpError('unsupported_media_type', 'the body must be JSON: send content-type: application/json');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(req.body);
  } catch {
    throw new HttpError('invalid_json', 'the body is not valid UTF-8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError('invalid_json', `the body is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError('invalid_json', `the body must be a JSON object, not ${kindOf(parsed)}`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Reads `fields` from the query and (for methods with a body) the JSON body. A name may appear
 * once, in one place; names outside `fields` are errors, so typos never pass silently.
 */
export function readInput<F extends Fields>(req: PolyRequest, fields: F): Input<F> {
  const input: Record<string, unknown> = {};
  const known = (name: string): Field<unknown> => {
    if (!Object.hasOwn(fields, name)) {
      const expected = Object.keys(fields);
      const hint = expected.length ? `; expected: ${expected.join(', ')}` : '; this route takes none';
      throw new HttpError('unknown_parameter', `unknown parameter ${quoted(name, 64)}${hint}`);
    }
    return fields[name]!;
  };
  for (const [name, values] of Object.entries(req.query)) {
    const field = known(name);
    if (values.length > 1) throw new HttpError('duplicate_parameter', `${name} is given ${values.length} times`);
    if (!field.fromQuery) throw new HttpError('invalid_parameter', `${name} is accepted only in a JSON body`);
    input[name] = field.fromQuery(values[0] ?? '', name);
  }
  const body = req.method === 'GET' ? undefined : jsonBody(req);
  for (const [name, value] of Object.entries(body ?? {})) {
    const field = known(name);
    if (Object.hasOwn(input, name)) throw new HttpError('duplicate_parameter', `${name} is given in both the query and the body`);
    input[name] = field.fromJson(value, name);
  }
  return input as Input<F>;
}

/** The value of a required field, or missing_parameter. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new HttpError('missing_parameter', `${name} is required`);
  return value;
}
