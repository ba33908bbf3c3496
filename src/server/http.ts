// node:http glue shared by the adapters that run as an HTTP server (the local server, the Azure
// custom handler, the OpenFaaS of-watchdog upstream): reading a body within the limit, turning an
// IncomingMessage into a PolyRequest and a PolyResponse back, JSON answers even for requests Node
// cannot parse, ports from the environment, and a graceful stop on SIGTERM.
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parsePort, portFromEnv as portFromEnvironment } from '../contract/config.ts';
import { bodyTooLarge, errorBody, ERROR_STATUS, toErrorResponse } from '../contract/errors.ts';
import { handle, type HandleOptions } from '../contract/handle.ts';
import { MAX_HEADER_BYTES } from '../contract/limits.ts';
import { bodyLimit } from '../contract/routes.ts';
import { logLine, requestLog, type LogWriter, type RequestLog } from '../contract/log.ts';
import { normalizeHeaders, queryFromSearch } from '../contract/request.ts';
import { JSON_CONTENT_TYPE, type PolyRequest, type PolyResponse } from '../contract/types.ts';

export { parsePort };

/** The path of a request's target, without its query. */
function targetPath(req: IncomingMessage): string {
  return (req.url ?? '/').split('?', 1)[0]!;
}

/** Reads the whole body, refusing (413) as soon as it passes `limit` bytes (by default its route's limit). */
export function readBody(req: IncomingMessage, limit = bodyLimit(targetPath(req))): Promise<Uint8Array | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(bodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(bodyTooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(size ? new Uint8Array(Buffer.concat(chunks)) : undefined));
    req.on('error', reject);
  });
}

/** The request model of a Node request whose body was read. */
export function fromNodeRequest(req: IncomingMessage, body: Uint8Array | undefined): PolyRequest {
  const target = req.url ?? '/';
  const at = target.indexOf('?');
  return {
    method: req.method ?? 'GET',
    path: at < 0 ? target : target.slice(0, at),
    query: queryFromSearch(at < 0 ? '' : target.slice(at + 1)),
    headers: normalizeHeaders(req.headers),
    body,
  };
}

/** Writes a JSON body with its content-type and content-length. */
export function sendJson(res: ServerResponse, status: number, body: string, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE, ...headers, 'content-length': Buffer.byteLength(body) }).end(body);
}

export function sendResponse(res: ServerResponse, out: PolyResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: OutgoingHttpHeaders = { ...out.headers };
  if (out.cookies.length) headers['set-cookie'] = out.cookies;
  // An unread body is left on the socket after 413: close rather than parse it as the next request.
  if (out.status === 413) headers['connection'] = 'close';
  sendJson(res, out.status, out.body, headers);
}

export interface ListenerOptions extends HandleOptions {
  /** Called with one structured line per request (default: none). */
  log?: (line: RequestLog) => void;
}

/** The request listener of an HTTP server that serves the contract directly. */
export function nodeListener(options: ListenerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const startedAt = performance.now();
    void (async () => {
      let out: PolyResponse;
      try {
        out = await handle(fromNodeRequest(req, await readBody(req)), options);
      } catch (error) {
        out = toErrorResponse(error);
      }
      sendResponse(res, out);
      options.log?.(requestLog({ method: req.method ?? '?' }, out, startedAt));
    })();
  };
}

/**
 * The node:http server of every server mode: request heads capped at MAX_HEADER_BYTES, and requests
 * Node's parser rejects (bad syntax, oversize head) answered with the contract's JSON error.
 */
export function createContractServer(listener: RequestListener): Server {
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, listener);
  answerClientErrors(server);
  return server;
}

function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const code = tooLarge ? 'header_too_large' : 'invalid_envelope';
    const body = errorBody(code, tooLarge ? 'the request head is too large' : `malformed HTTP request (${error.code ?? 'parse error'})`);
    socket.end(
      `HTTP/1.1 ${ERROR_STATUS[code]} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `content-type: ${JSON_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `connection: close\r\n\r\n${body}`,
    );
  });
}

/** A TCP port from this process's environment. Without `fallback`, the variable is required. */
export function portFromEnv(name: string, fallback?: number): number {
  return portFromEnvironment(process.env, name, fallback);
}

/**
 * Stops gracefully on SIGTERM and SIGINT, as OpenFaaS and the Azure host expect: stop accepting,
 * let in-flight requests finish, close idle keep-alive sockets, then run `onClosed` (which exits).
 * After `graceMs` the remaining connections are cut.
 */
export function closeOnSignals(server: Server, onClosed: () => void | Promise<void>, graceMs = 10_000): void {
  const stop = () => {
    server.close(() => void onClosed());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), graceMs).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

export interface RunServerOptions {
  port: number;
  /** Interface to listen on (default: all). */
  host?: string | undefined;
  /** Host name in the logged URL (default: `host`, else localhost). */
  urlHost?: string;
  /** One structured line: 'listening' (with the URL) and 'stopped'. */
  log: LogWriter;
  /** Ready before the server listens; closed after the last request on SIGTERM/SIGINT, before the process exits (the worker pool). */
  pool: { ready(): Promise<void>; close(): Promise<void> };
}

/**
 * How every server mode runs: listen, log where, and on SIGTERM/SIGINT stop gracefully
 * (closeOnSignals), close the worker pool, log 'stopped' and exit 0.
 */
export async function runServer(server: Server, { port, host, urlHost = host ?? 'localhost', log, pool }: RunServerOptions): Promise<AddressInfo> {
  closeOnSignals(server, async () => {
    await pool.close();
    log(logLine('INFO', 'stopped'));
    process.exit(0);
  });
  await pool.ready();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  log(logLine('INFO', 'listening', { url: `http://${urlHost}:${address.port}` }));
  return address;
}
