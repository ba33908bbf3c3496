// node:http glue shared by the adapters that run as an HTTP server (the local server, the Azure
// custom handler, the OpenFaaS of-watchdog upstream): reading a body within the limit, turning an
// IncomingMessage into a PolyRequest and a PolyResponse back, JSON answers even for requests Node
// cannot parse or refuses by itself, ports from the environment, and a graceful stop on SIGTERM.
// What happens to the connections themselves (their cap, closes, order of answers): connections.ts.
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parsePort, portFromEnv as portFromEnvironment } from '../contract/config.ts';
import { bodyTooLarge, HttpError, toErrorResponse } from '../contract/errors.ts';
import { handle, type HandleOptions } from '../contract/handle.ts';
import { MAX_HEADER_BYTES, MAX_HEADERS } from '../contract/limits.ts';
import { bodyLimit } from '../contract/routes.ts';
import { logLine, requestLog, type LogWriter, type RequestLog } from '../contract/log.ts';
import { normalizeHeaders, queryFromSearch } from '../contract/request.ts';
import { JSON_CONTENT_TYPE, type PolyRequest, type PolyResponse } from '../contract/types.ts';
import {
  admitRequest,
  answerClientError,
  answerEarly,
  answerOnSocket,
  DEFAULT_BOUNDS,
  onBodyFault,
  stopKeepingAlive,
  trackConnections,
  type ConnectionBounds,
} from './connections.ts';

export { parsePort };

/** The path of a request's target, without its query. */
function targetPath(req: IncomingMessage): string {
  return (req.url ?? '/').split('?', 1)[0]!;
}

/** The interim answer of a request that sent `Expect: 100-continue`, until it is sent (or never is). */
const continues = new WeakMap<IncomingMessage, ServerResponse>();

/**
 * Reads the whole body, refusing (413) as soon as it passes `limit` bytes (by default its route's
 * limit). A client that expects 100 Continue is sent it only when its declared length fits: an
 * oversize body is answered 413 before it is sent. A body the client breaks off or the parser
 * refuses (a malformed chunk, too slow) is the client's fault: request_aborted, invalid_envelope,
 * request_timeout.
 */
export function readBody(req: IncomingMessage, limit = bodyLimit(targetPath(req))): Promise<Uint8Array | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(bodyTooLarge(limit));
  const interim = continues.get(req);
  if (interim) {
    continues.delete(req);
    interim.writeContinue();
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        reject(bodyTooLarge(limit));
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size ? new Uint8Array(Buffer.concat(chunks)) : undefined));
    onBodyFault(req, reject);
    // An error with no verdict from the parser first: the connection went away mid-body.
    req.on('error', () => reject(new HttpError('request_aborted', 'the connection closed before the request body ended')));
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

/** The request announced a body that was not read to its end. */
function bodyUnread(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Writes a JSON body with its content-type and content-length. */
export function sendJson(res: ServerResponse, status: number, body: string, headers: OutgoingHttpHeaders = {}): void {
  const write = () => void res.writeHead(status, { 'content-type': JSON_CONTENT_TYPE, ...headers, 'content-length': Buffer.byteLength(body) }).end(body);
  // An answer before the body's end: the rest is not the next request, and the client may still be sending it.
  if (bodyUnread(res.req)) answerEarly(res, continues.has(res.req), write);
  else write();
}

export function sendResponse(res: ServerResponse, out: PolyResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: OutgoingHttpHeaders = { ...out.headers };
  if (out.cookies.length) headers['set-cookie'] = out.cookies;
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

export interface ContractServerOptions {
  /** One line per answer given where no listener runs: heads Node refuses, timeouts, CONNECT, the connection limit. */
  log?: ((line: RequestLog) => void) | undefined;
  /** The README's limits unless given (tests shorten them). */
  bounds?: Partial<ConnectionBounds> | undefined;
}

/** origin-form of an absolute-form request target (`http://host/path?query`, which RFC 9112 says servers must accept), as sent. */
function originForm(target: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target;
  const authorityAt = target.indexOf('//') + 2;
  const pathAt = target.slice(authorityAt).search(/[/?]/);
  if (pathAt < 0) return '/';
  const rest = target.slice(authorityAt + pathAt);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** What a head Node accepted may still break: the Host rule, and the head's limits counted as sent. */
function headFault(req: IncomingMessage): HttpError | undefined {
  const { rawHeaders } = req;
  // First: past the count, Node has dropped the rest (Host among them, maybe).
  if (rawHeaders.length > 2 * MAX_HEADERS) return new HttpError('header_too_large', `the request head must have at most ${MAX_HEADERS} headers`);
  if (req.httpVersion === '1.1' && req.headers.host === undefined) {
    return new HttpError('invalid_envelope', 'an HTTP/1.1 request must carry a Host header');
  }
  // Node counts the target, names and values against maxHeaderSize; the limit is on the head as sent:
  // "METHOD target HTTP/1.1\r\n", "name: value\r\n" per header, and the blank line.
  let bytes = req.method!.length + req.url!.length + 14;
  for (const field of rawHeaders) bytes += field.length + 2;
  if (bytes > MAX_HEADER_BYTES) return new HttpError('header_too_large', `the request head must be at most ${MAX_HEADER_BYTES} bytes`);
  return undefined;
}

/** The contract's error for a fault Node's parser reports; none for a connection the client reset. */
function parserFault(error: NodeJS.ErrnoException, bounds: ConnectionBounds): HttpError | undefined {
  switch (error.code) {
    case 'ECONNRESET':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return new HttpError('header_too_large', `the request head must be at most ${MAX_HEADER_BYTES} bytes`);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new HttpError(
        'request_timeout',
        `a request must arrive within ${bounds.requestTimeoutMs / 1000} s, its head within ${bounds.headersTimeoutMs / 1000} s`,
      );
    case 'HPE_INVALID_EOF_STATE':
      return new HttpError('request_aborted', 'the connection closed before the request ended');
    default:
      return new HttpError('invalid_envelope', `malformed HTTP request (${error.code ?? 'parse error'})`);
  }
}

/**
 * The node:http server of every server mode: the contract's limits (head size and count, time to
 * send a request, open connections), and the contract's JSON answers where Node would answer by
 * itself or not at all (heads its parser rejects, timeouts, no Host, an unknown Expect, CONNECT),
 * each after the answers before it on the connection.
 */
export function createContractServer(listener: RequestListener, options: ContractServerOptions = {}): Server {
  const bounds: ConnectionBounds = { ...DEFAULT_BOUNDS, ...options.bounds };
  const server = createServer({
    maxHeaderSize: MAX_HEADER_BYTES,
    // Answered by headFault() with the contract's JSON, not Node's empty 400.
    requireHostHeader: false,
    headersTimeout: bounds.headersTimeoutMs,
    requestTimeout: bounds.requestTimeoutMs,
    keepAliveTimeout: bounds.keepAliveTimeoutMs,
    // How often the timeouts are checked (Node's default, 30 s, let heads take 60 to 90 s).
    connectionsCheckingInterval: Math.min(1000, bounds.headersTimeoutMs / 10),
  });
  // One more than allowed, so that a head with more is seen and refused rather than cut short.
  server.maxHeadersCount = MAX_HEADERS + 1;
  trackConnections(server, bounds, options.log);

  const serve = (req: IncomingMessage, res: ServerResponse, answer: RequestListener) => {
    if (!admitRequest(req, res)) return;
    const fault = headFault(req);
    if (fault) {
      const out = toErrorResponse(fault);
      sendResponse(res, out);
      options.log?.(requestLog({ method: req.method ?? '?' }, out, performance.now()));
      return;
    }
    if (req.url![0] !== '/') req.url = originForm(req.url!);
    answer(req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => serve(req, res, listener));
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    // readBody() sends 100 Continue once the declared length fits, or the 413 goes out instead.
    continues.set(req, res);
    serve(req, res, listener);
  });
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) =>
    serve(req, res, () => {
      const out = toErrorResponse(new HttpError('expectation_failed', `unsupported expectation ${JSON.stringify(req.headers.expect)}: only 100-continue is`));
      sendResponse(res, out);
      options.log?.(requestLog({ method: req.method ?? '?' }, out, performance.now()));
    }),
  );
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    answerOnSocket(socket, new HttpError('method_not_allowed', 'CONNECT is not served: this server is no proxy'), req.method);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(socket, parserFault(error, bounds)));
  return server;
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
    stopKeepingAlive(server);
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
