// The request and response model every adapter fills and reads. Nothing here knows a platform.
import type { Engine } from '../core/index.ts';

export interface PolyRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path with any stage or prefix already removed by the adapter, e.g. '/api/palindromes'. */
  path: string;
  /** Decoded query parameters: name -> every value, in order. */
  query: Record<string, string[]>;
  /** Lower-case header names; repeated headers comma-joined (cookies joined with '; '). */
  headers: Record<string, string>;
  /** Raw body bytes (adapters decode base64 first); undefined when there is none. */
  body?: Uint8Array | undefined;
  /** Absolute deadline (epoch ms) from the platform, e.g. Lambda's remaining time. */
  deadline?: number | undefined;
}

/** The content-type of every answer: the body is always JSON text. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface PolyResponse {
  status: number;
  /** Lower-case header names, except set-cookie, which lives in `cookies`. */
  headers: Record<string, string>;
  /** Set-Cookie values, one per cookie. */
  cookies: string[];
  /** Always JSON text. */
  body: string;
  /** For the adapters' request log line; never sent to the client. */
  meta: ResponseMeta;
}

export interface ResponseMeta {
  /** The matched route's path, or null when none matched. */
  route: string | null;
  /** Time spent in the kernel, in ms; null when the route ran none. */
  kernelMs: number | null;
  engine: Engine | null;
  /** The error code of an error answer, null on success. */
  error: string | null;
  /** What caused an internal_error: logged with its stack, never sent. */
  cause?: unknown;
}
