// Helpers adapters use to build a PolyRequest from their envelope, so every adapter decodes
// queries, headers and base64 bodies the same way (and rejects bad envelopes the same way).
import { bodyTooLarge, HttpError, quoted } from './errors.ts';
import { bodyLimit } from './routes.ts';

export type Query = Record<string, string[]>;
export type Headers = Record<string, string>;

/** A JSON object (not null, not an array): what an envelope check looks for before reading fields. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A query object without a prototype, so a parameter named `__proto__` is just a name. */
export function emptyQuery(): Query {
  return Object.create(null) as Query;
}

/** A query string (or URLSearchParams) as the request model's query. */
export function queryFromSearch(search: string | URLSearchParams): Query {
  // An envelope's query string field may hold anything: only text is a query string.
  if (typeof search !== 'string' && !(search instanceof URLSearchParams)) throw envelopeError('the query string must be a string');
  const query = emptyQuery();
  for (const [name, value] of new URLSearchParams(search)) (query[name] ??= []).push(value);
  return query;
}

function envelopeError(message: string): HttpError {
  return new HttpError('invalid_envelope', message);
}

/** The entries of an envelope's map (headers, query parameters), which must be an object when present. */
export function entriesOf(map: unknown, what: string): Array<[string, unknown]> {
  if (map === undefined || map === null) return [];
  if (!isRecord(map)) throw envelopeError(`${what} must be an object`);
  return Object.entries(map);
}

/**
 * A value an envelope must carry as text or a list of texts (`what` `name`: a header, a query
 * parameter), as a list; undefined when absent. Anything else (a number, an object) is the
 * caller's fault.
 */
export function textList(value: unknown, what: string, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  throw envelopeError(`${what} ${quoted(name, 64)} must be a string or a list of strings`);
}

/** From name -> values and/or name -> value maps (API Gateway, ALB); the multi-value map wins. */
export function queryFromMaps(multi: unknown, single?: unknown): Query {
  const query = emptyQuery();
  for (const [name, value] of entriesOf(single, 'the query parameters')) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw envelopeError(`query parameter ${quoted(name, 64)} must be a string`);
    query[name] = [value];
  }
  for (const [name, values] of entriesOf(multi, 'the multi-value query parameters')) {
    const list = textList(values, 'query parameter', name);
    if (list) query[name] = [...list];
  }
  return query;
}

/**
 * Lower-cases names and joins repeated values: cookies with '; ', everything else with ', '. Values
 * must be strings or lists of strings: an envelope carrying anything else is the caller's fault.
 */
export function normalizeHeaders(...sources: unknown[]): Headers {
  const headers = Object.create(null) as Headers;
  for (const source of sources) {
    for (const [name, value] of entriesOf(source, 'the headers')) {
      const key = name.toLowerCase();
      // Most values are strings: no list is made for them.
      if (typeof value === 'string') headers[key] = value;
      else {
        const values = textList(value, 'header', key);
        if (values) headers[key] = values.join(key === 'cookie' ? '; ' : ', ');
      }
    }
  }
  return headers;
}

// The alphabet with at most two '=' at the end; with the length a multiple of 4, that is canonical
// padded base64. (No repeated group: a regex that repeats one backtracks over megabytes of text.)
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (atob alone accepts spaces and missing padding): a bad body is the caller's error. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw envelopeError('the body is marked base64 but is not valid base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * A body as the envelope carries it: text, or base64 when flagged. Empty and absent bodies are
 * undefined. A body over the limit of `path`'s route is refused before it is decoded or encoded: an
 * envelope may carry far more than any route reads (a Lambda event up to 6 MB).
 */
export function bodyFrom(text: unknown, isBase64: unknown, path: string): Uint8Array | undefined {
  if (isBase64 !== undefined && isBase64 !== null && typeof isBase64 !== 'boolean') throw envelopeError('the base64 flag must be true or false');
  if (text === null || text === undefined || text === '') return undefined;
  if (typeof text !== 'string') throw envelopeError('the body must be a string');
  const limit = bodyLimit(path);
  if (isBase64) {
    // The longest base64 text of `limit` bytes.
    if (text.length > 4 * Math.ceil(limit / 3)) throw bodyTooLarge(limit);
    return decodeBase64(text);
  }
  // UTF-8 takes at least one byte per UTF-16 unit: longer text is over the limit before encoding.
  if (text.length > limit) throw bodyTooLarge(limit);
  return new TextEncoder().encode(text);
}
