// The one validation layer of the contract: turns a request's query and JSON body into route input.
// It checks where and how often a name appears and that the body is JSON; each value is read by its
// parameter's core reader, and the domain (min <= max, radius >= 0, ...) is the kernel's to check,
// so the CLI, the API and HTTP give the same messages. A kernel may also read a binary body
// (application/octet-stream, little-endian float64 values) by its own layout.
import { kindOf, PolyfnError, type BinaryBody, type Param } from '../core/index.ts';
import { bodyTooLarge, HttpError, quoted } from './errors.ts';
import { MAX_BODY_BYTES } from './limits.ts';
import type { PolyRequest } from './types.ts';

/** A route's parameters by name: each read with its core reader (src/core/params.ts). */
export type Params = Readonly<Record<string, Param>>;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$|^text\/plain$/;
const BINARY_TYPE = 'application/octet-stream';

/** The body's media type, lower-case and without parameters (JSON when none is given). */
function mediaType(req: PolyRequest): string {
  return (req.headers['content-type'] ?? 'application/json').toLowerCase().split(';', 1)[0]!.trim();
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** What the top-level scan stops at; everything else is skipped at native speed. */
const STRUCTURE = /["{}[\],]/g;

/** The index of the quote that closes the string whose opening quote is at `open`. */
function stringEnd(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  for (;;) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/** The first key the top level of `text` repeats, or undefined. `text` is a JSON object JSON.parse has read. */
function repeatedTopLevelKey(text: string): string | undefined {
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  STRUCTURE.lastIndex = 0;
  for (let match = STRUCTURE.exec(text); match; match = STRUCTURE.exec(text)) {
    const at = match.index;
    const c = text.charCodeAt(at);
    if (c === QUOTE) {
      const end = stringEnd(text, at);
      // Only the top level expects a key: nested members are values' business.
      if (expectKey) {
        const raw = text.slice(at + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (seen.has(key)) return key;
        seen.add(key);
        expectKey = false;
      }
      STRUCTURE.lastIndex = end + 1;
    } else if (match[0] === '{' || match[0] === '[') {
      if (++depth === 1) expectKey = true;
    } else if (match[0] === ',') {
      if (depth === 1) expectKey = true;
    } else depth--;
  }
  return undefined;
}

/**
 * A key the body's top level gives twice (JSON.parse keeps the last silently; the query refuses a
 * repeated name, and so does the body), or undefined. Each member has one colon, so as many colons
 * as keys means no key repeats; more (nested members, colons inside strings, or a repeated key)
 * calls for the exact scan. The bodies of this contract are flat, so the scan is rare.
 */
function repeatedKey(text: string, parsed: object): string | undefined {
  let colons = 0;
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) colons++;
  return colons === Object.keys(parsed).length ? undefined : repeatedTopLevelKey(text);
}

/** Parses the body (at most `limit` bytes) as a JSON object; undefined when the request has no body. */
function jsonBody(req: PolyRequest, limit: number, binary?: BinaryBody<object>): Record<string, unknown> | undefined {
  if (!req.body || req.body.length === 0) return undefined;
  if (req.body.length > limit) throw bodyTooLarge(limit);
  const [type = '', ...params] = (req.headers['content-type'] ?? 'application/json').toLowerCase().split(';');
  const charset = params.map((p) => p.trim()).find((p) => p.startsWith('charset='));
  if (!JSON_TYPE.test(type.trim()) || (charset && charset !== 'charset=utf-8')) {
    const or = binary ? ` or ${BINARY_TYPE} (${binary.layout})` : '';
    throw new HttpError('unsupported_media_type', `the body must be JSON${or}: send content-type: application/json${binary ? ` or ${BINARY_TYPE}` : ''}`);
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
  } catch {
    // Not the parser's own message: it differs between JavaScript engines (V8's versions, Bun's
    // JavaScriptCore), and every runtime must answer the same bytes.
    throw new HttpError('invalid_json', 'the body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError('invalid_json', `the body must be a JSON object, not ${kindOf(parsed)}`);
  }
  const repeated = repeatedKey(text, parsed);
  if (repeated !== undefined) throw new HttpError('duplicate_parameter', `${quoted(repeated, 64)} is given more than once in the body`);
  return parsed as Record<string, unknown>;
}

const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

/** A binary body's values (at most `limit` bytes of little-endian float64s), in a buffer of their own. */
function float64s(body: Uint8Array, limit: number): Float64Array {
  if (body.length > limit) throw bodyTooLarge(limit);
  if (body.length % 8 !== 0) throw new HttpError('invalid_parameter', `the binary body must be float64 values: ${body.length} bytes is not a multiple of 8`);
  if (LITTLE_ENDIAN) return new Float64Array(body.slice().buffer);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  return Float64Array.from({ length: body.length / 8 }, (_, i) => view.getFloat64(8 * i, true));
}

/** A binary body read by its kernel's layout: the kernel's parameters, typed already. */
function binaryBody(body: Uint8Array, limit: number, binary: BinaryBody<object>): Record<string, unknown> {
  try {
    return binary.read(float64s(body, limit)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof PolyfnError) throw new HttpError('invalid_parameter', error.message);
    throw error;
  }
}

/**
 * Reads `params` from the query and (for methods with a body) the JSON body, or the binary body of a
 * route that takes one. A name may appear once, in one place; names outside `params` are errors, so
 * typos never pass silently.
 */
export function readInput(req: PolyRequest, params: Params, maxBodyBytes = MAX_BODY_BYTES, binary?: BinaryBody<object>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const known = (name: string): Param => {
    if (!Object.hasOwn(params, name)) {
      const expected = Object.keys(params);
      const hint = expected.length ? `; expected: ${expected.join(', ')}` : '; this route takes none';
      throw new HttpError('unknown_parameter', `unknown parameter ${quoted(name, 64)}${hint}`);
    }
    return params[name]!;
  };
  for (const [name, values] of Object.entries(req.query)) {
    const param = known(name);
    if (values.length > 1) throw new HttpError('duplicate_parameter', `${name} is given ${values.length} times`);
    if (!param.fromText) throw new HttpError('invalid_parameter', `${name} is not accepted in the query: send it in the request body`);
    input[name] = param.fromText(values[0] ?? '', name);
  }
  const bodyValue = (name: string, value: unknown, read: boolean) => {
    const param = known(name);
    if (Object.hasOwn(input, name)) throw new HttpError('duplicate_parameter', `${name} is given in both the query and the body`);
    input[name] = read ? param.fromJson(value, name) : value;
  };
  if (req.method === 'GET' || !req.body?.length) return input;
  if (binary && mediaType(req) === BINARY_TYPE) {
    for (const [name, value] of Object.entries(binaryBody(req.body, maxBodyBytes, binary))) bodyValue(name, value, false);
    return input;
  }
  for (const [name, value] of Object.entries(jsonBody(req, maxBodyBytes, binary) ?? {})) bodyValue(name, value, true);
  return input;
}

/** The value of a required field, or missing_parameter. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new HttpError('missing_parameter', `${name} is required`);
  return value;
}
