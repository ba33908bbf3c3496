// The contract as a web-standard fetch handler, `(request: Request) => Promise<Response>`: what
// Cloudflare Workers, Deno, Bun, Netlify and Vercel call, and what anyone can mount in Hono or a
// service worker. Request in (body read within the limit, as bytes: no base64 on this path),
// handle(), Response out with the same status, headers, cookies and JSON body as every adapter.
import { bodyTooLarge, HttpError, toErrorResponse } from './errors.ts';
import { handle, type HandleOptions } from './handle.ts';
import { MAX_BODY_BYTES, MAX_DRAIN_BYTES, MAX_DRAIN_MS } from './limits.ts';
import { requestLog, type RequestLog } from './log.ts';
import { normalizeHeaders, queryFromSearch } from './request.ts';
import { bodyLimit } from './routes.ts';
import type { PolyRequest, PolyResponse } from './types.ts';

export interface FetchHandlerOptions extends HandleOptions {
  /** Called with one structured line per request (default: none). */
  log?: (line: RequestLog) => void;
}

export type FetchHandler = (request: Request) => Promise<Response>;

/** Reads and discards the rest of a refused body, within MAX_DRAIN_BYTES and MAX_DRAIN_MS, then lets it go. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, MAX_DRAIN_MS)));
  const readToEnd = (async () => {
    for (let read = alreadyRead; read <= MAX_DRAIN_BYTES; ) {
      const next = await reader.read();
      if (next.done) return;
      read += next.value.byteLength;
    }
  })().catch(() => {});
  await Promise.race([readToEnd, timeUp]);
  clearTimeout(timer);
  void reader.cancel().catch(() => {});
}

/**
 * The body's bytes, refused (413) as soon as they pass `limit`. A refused body is drained rather
 * than left unread, unless it declares a length past MAX_DRAIN_BYTES: then it is not read at all.
 */
export async function readRequestBody(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_DRAIN_BYTES) throw bodyTooLarge(limit);
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  if (declared > limit) {
    await drain(reader, 0);
    throw bodyTooLarge(limit);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw new HttpError('invalid_envelope', 'the request body could not be read to its end');
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > limit) {
      await drain(reader, size);
      throw bodyTooLarge(limit);
    }
    chunks.push(next.value);
  }
  if (size === 0) return undefined;
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** What the request model reads of a Request's head (Azure Functions' HttpRequest has it too). */
export interface FetchRequestHead {
  method: string;
  url: string;
  headers: Iterable<[string, string]>;
}

/** The URL of a Request: absolute as a rule, but Bun gives an HTTP/1.0 request without Host its bare path. */
function urlOf(request: FetchRequestHead): URL {
  return new URL(request.url, 'http://localhost');
}

/** The request model of a Request whose body was read. */
export function fromFetchRequest(request: FetchRequestHead, body: Uint8Array | undefined): PolyRequest {
  const url = urlOf(request);
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  return { method: request.method, path: url.pathname, query: queryFromSearch(url.search), headers: normalizeHeaders(headers), body };
}

/** The Response of a response model: one Set-Cookie header per cookie. */
export function toFetchResponse(out: PolyResponse): Response {
  const headers = new Headers(out.headers);
  for (const cookie of out.cookies) headers.append('set-cookie', cookie);
  return new Response(out.body, { status: out.status, headers });
}

export function createFetchHandler(options: FetchHandlerOptions = {}): FetchHandler {
  return async (request) => {
    const startedAt = performance.now();
    let out: PolyResponse;
    try {
      out = await handle(fromFetchRequest(request, await readRequestBody(request, bodyLimit(urlOf(request).pathname))), options);
    } catch (error) {
      out = toErrorResponse(error);
    }
    options.log?.(requestLog(request, out, startedAt));
    return toFetchResponse(out);
  };
}
