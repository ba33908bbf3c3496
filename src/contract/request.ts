// Helpers adapters use to build a PolyRequest from their envelope, so every adapter decodes
// queries, headers and base64 bodies the same way (and rejects bad envelopes the same way).
import { HttpError } from './errors.ts';

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

export function queryFromSearch(search: string | URLSearchParams): Query {
  const query = emptyQuery();
  for (const [name, value] of new URLSearchParams(search)) (query[name] ??= []).push(value);
  return query;
}

/** From name -> values and/or name -> value maps (API Gateway, ALB); the multi-value map wins. */
export function queryFromMaps(
  multi: Record<string, string[] | undefined> | null | undefined,
  single?: Record<string, string | undefined> | null,
): Query {
  const query = emptyQuery();
  for (const [name, value] of Object.entries(single ?? {})) if (value !== undefined) query[name] = [value];
  for (const [name, values] of Object.entries(multi ?? {})) if (values) query[name] = [...values];
  return query;
}

/** Lower-cases names and joins repeated values: cookies with '; ', everything else with ', '. */
export function normalizeHeaders(...sources: Array<Record<string, string | string[] | undefined> | null | undefined>): Headers {
  const headers = Object.create(null) as Headers;
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) {
      if (value === undefined) continue;
      const key = name.toLowerCase();
      headers[key] = Array.isArray(value) ? value.join(key === 'cookie' ? '; ' : ', ') : value;
    }
  }
  return headers;
}

// The alphabet with at most two '=' at the end; with the length a multiple of 4, that is canonical
// padded base64. (No repeated group: a regex that repeats one backtracks over megabytes of text.)
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (atob alone accepts spaces and missing padding): a bad body is the caller's error. */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw new HttpError('invalid_envelope', 'the body is marked base64 but is not valid base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A body as the envelope carries it: text, or base64 when flagged. Empty and absent bodies are undefined. */
export function bodyFrom(text: string | null | undefined, isBase64 = false): Uint8Array | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  return isBase64 ? decodeBase64(text) : new TextEncoder().encode(text);
}
