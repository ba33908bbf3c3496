// The connections of a contract server (the node:http server of every server mode), where Node
// leaves a function server to itself: how many it keeps and what makes room for a fresh client at
// the cap, answers in request order (an error after the answers before it), answers written on
// the socket itself for what never became a request, and closes that let a client still sending
// read its answer instead of a reset (RFC 9112, section 9.6).
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { HttpError, toErrorResponse } from '../contract/errors.ts';
import { MAX_DRAIN_BYTES, MAX_DRAIN_MS, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, MAX_CONNECTIONS, REQUEST_TIMEOUT_MS } from '../contract/limits.ts';
import { requestLog, type RequestLog } from '../contract/log.ts';

/** The bounds of a server's connections: the README's limits unless a test shortens them. */
export interface ConnectionBounds {
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  drainBytes: number;
  drainMs: number;
}

export const DEFAULT_BOUNDS: ConnectionBounds = {
  maxConnections: MAX_CONNECTIONS,
  headersTimeoutMs: HEADERS_TIMEOUT_MS,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
  drainBytes: MAX_DRAIN_BYTES,
  drainMs: MAX_DRAIN_MS,
};

interface ServerState {
  bounds: ConnectionBounds;
  /** Open connections, oldest first. */
  connections: Map<Socket, Connection>;
  /** SIGTERM arrived: every answer from now on closes its connection. */
  stopping: boolean;
  log: ((line: RequestLog) => void) | undefined;
}

interface Connection {
  state: ServerState;
  /** The latest request on it and its answer: answers go out in request order, so its end is the end of all. */
  req: IncomingMessage | undefined;
  res: ServerResponse | undefined;
  /** An answer that ends it was given: nothing more is answered on it. */
  closing: boolean;
  /** When it opened (performance.now()): the duration logged for an answer that no request carries. */
  openedAt: number;
  /** How to fail the body read of `req` with the parser's verdict (a malformed chunk, a timeout, a client gone). */
  failBody: ((fault: HttpError) => void) | undefined;
}

const servers = new WeakMap<Server, ServerState>();
/**
 * Every server's open connections. A Map, entries deleted on close: a WeakMap costs a microsecond
 * per set on short-lived keys, which per connection is more than the rest of this bookkeeping.
 */
const connections = new Map<Socket, Connection>();

/** Tracks `server`'s connections within `bounds`; `log` gets the answers given where no listener runs. */
export function trackConnections(server: Server, bounds: ConnectionBounds, log?: (line: RequestLog) => void): void {
  const state: ServerState = { bounds, connections: new Map(), stopping: false, log };
  servers.set(server, state);
  server.on('connection', (socket: Socket) => {
    if (!makeRoom(state)) return refuse(state, socket);
    const connection: Connection = { state, req: undefined, res: undefined, closing: false, openedAt: performance.now(), failBody: undefined };
    state.connections.set(socket, connection);
    connections.set(socket, connection);
    socket.once('close', () => {
      state.connections.delete(socket);
      connections.delete(socket);
    });
  });
}

/**
 * Records a request as its connection's latest, and says whether to answer it: not on a connection
 * refused at the cap or closing after an error answer (its bytes are read and dropped).
 */
export function admitRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const connection = connections.get(req.socket);
  if (!connection || connection.closing) {
    req.resume();
    return false;
  }
  connection.req = req;
  connection.res = res;
  connection.failBody = undefined;
  if (connection.state.stopping) res.setHeader('connection', 'close');
  return true;
}

/** Registers how to fail `req`'s body read; the parser's faults inside that body go there, so its own listener answers them, in order. */
export function onBodyFault(req: IncomingMessage, fail: (fault: HttpError) => void): void {
  const connection = connections.get(req.socket);
  if (connection?.req === req) connection.failBody = fail;
}

/** From SIGTERM on, every answer not yet begun closes its connection, so the server's close is not held up by keep-alive. */
export function stopKeepingAlive(server: Server): void {
  const state = servers.get(server);
  if (!state) return;
  state.stopping = true;
  for (const { res } of state.connections.values()) if (res && !res.headersSent) res.setHeader('connection', 'close');
}

/**
 * A fault Node reports on a connection (clientError): answered in order. Inside the body of the
 * latest request, that request's own reader fails and its listener answers; a head that never became
 * a request is answered on the socket after every answer before it, then the connection closes.
 */
export function answerClientError(socket: Socket, fault: HttpError | undefined): void {
  const connection = connections.get(socket);
  // Already answered (the parser reports again for every later read), refused at the cap, or reset by the client.
  if (!connection || connection.closing || !fault || !socket.writable) {
    if (!connection?.closing) socket.destroy();
    return;
  }
  connection.closing = true;
  const { req, failBody } = connection;
  if (req && !req.complete && failBody) {
    failBody(fault);
    return;
  }
  // A connection that never sent a byte asked nothing: it is closed without an answer.
  if (fault.code === 'request_timeout' && socket.bytesRead === 0) {
    socket.destroy();
    return;
  }
  answerOnSocket(socket, fault);
}

/** An error answer with no request to carry it (CONNECT, a bad head): after the answers before it, then a lingering close. */
export function answerOnSocket(socket: Socket, fault: HttpError, method = '?'): void {
  const connection = connections.get(socket);
  if (!connection) return void socket.destroy();
  connection.closing = true;
  const write = () => {
    if (!socket.writable) return void socket.destroy();
    const out = toErrorResponse(fault);
    socket.write(rawAnswer(out.status, out.headers, out.body));
    connection.state.log?.(requestLog({ method }, out, connection.openedAt));
    lingeringClose(socket, connection.state.bounds);
  };
  const { res } = connection;
  if (res && !res.writableFinished && !res.destroyed) res.once('close', write);
  else write();
}

/**
 * Writes (with `write`) an answer that leaves the request's body unread (a 413, a fault inside the
 * body, an answer given before reading), so that the client reads it:
 * - a client that expects 100 Continue and was not sent it is not sending: the answer says
 *   `connection: close` (RFC 9110, section 10.1.1), and Node closes after it;
 * - otherwise the rest of the body is read and dropped within the bounds. A body that ends within
 *   them keeps the connection; past them (or declared past them, or broken) it closes, lingering.
 *   Where Node itself closes after the answer (the client asked to, or SIGTERM came), the answer
 *   waits for the body's end instead: Node's close would meet unread bytes, and the kernel would
 *   turn it into a reset that loses the answer.
 */
export function answerEarly(res: ServerResponse, awaitingContinue: boolean, write: () => void): void {
  // The request's socket: an answer queued behind another has none of its own yet.
  const { req } = res;
  const { socket } = req;
  // None on a server made elsewhere (a framework's, which only uses readBody() and sendJson()):
  // its answers get the same drain and close, within the README's bounds.
  const connection = connections.get(socket);
  const bounds = connection?.state.bounds ?? DEFAULT_BOUNDS;
  if (awaitingContinue) {
    if (connection) connection.closing = true;
    res.setHeader('connection', 'close');
    write();
    return;
  }
  const close = () => {
    if (connection) connection.closing = true;
    if (res.writableFinished) lingeringClose(socket, bounds);
    else res.once('finish', () => lingeringClose(socket, bounds));
  };
  if (connection?.closing || Number(req.headers['content-length']) > bounds.drainBytes) {
    close();
    write();
    return;
  }
  if (closesAfterAnswer(req, res)) {
    drainBody(req, bounds, write);
    return;
  }
  write();
  drainBody(req, bounds, (ended) => ended || close());
}

/** Node ends the connection after this answer: the client asked for it (HTTP/1.0 by default), or the server is stopping. */
function closesAfterAnswer(req: IncomingMessage, res: ServerResponse): boolean {
  const asked = req.headers.connection?.toLowerCase() ?? '';
  if (/\bclose\b/.test(asked) || (req.httpVersion === '1.0' && !/\bkeep-alive\b/.test(asked))) return true;
  return res.getHeader('connection') === 'close';
}

/** Reads and drops the rest of `req`'s body; `done(true)` when it ended within the bounds, `done(false)` past them. */
function drainBody(req: IncomingMessage, bounds: ConnectionBounds, done: (ended: boolean) => void): void {
  let left = bounds.drainBytes;
  let settled = false;
  const settle = (ended: boolean) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    req.off('data', count);
    done(ended);
  };
  const count = (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) settle(false);
  };
  const timer = setTimeout(() => settle(false), bounds.drainMs);
  // Flowing before the answer is written: Node would dump a body nobody reads, and stop the count.
  req.on('data', count);
  req.once('end', () => settle(true));
  req.once('close', () => settle(req.complete));
}

/**
 * Closes a connection the way RFC 9112 (section 9.6) asks after an answer the client may not have
 * read yet: the server's side first (FIN after the answer), then reading on and dropping what the
 * client still sends until it closes its own side, for at most drainMs and drainBytes. Closing at
 * once with unread bytes makes the kernel send a reset, and the client loses the answer.
 */
function lingeringClose(socket: Socket, bounds: ConnectionBounds): void {
  if (socket.destroyed) return;
  // The client closed its side already (a FIN mid-request): nothing more will come.
  if (socket.readableEnded) return void socket.end(() => socket.destroy());
  let left = bounds.drainBytes;
  const cut = setTimeout(() => socket.destroy(), bounds.drainMs);
  socket.once('close', () => clearTimeout(cut));
  socket.once('end', () => socket.destroy());
  // Counted as it arrives (a 'data' listener moves the socket's reads from native code to
  // JavaScript: a cost only closing connections pay).
  socket.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) socket.destroy();
  });
  socket.end();
}

/**
 * Room for one more connection, at the cap: first the idle keep-alive connections, then those that
 * have not finished a first request (oldest first: a fresh client is young), the ones halfway
 * through a head told 503 first. A connection with a request in flight is never closed.
 */
function makeRoom(state: ServerState): boolean {
  const { connections: open, bounds } = state;
  if (open.size < bounds.maxConnections) return true;
  for (const [socket, connection] of open) {
    if (open.size < bounds.maxConnections) return true;
    if (connection.res?.writableFinished) evict(state, socket, false);
  }
  for (const [socket, connection] of open) {
    if (open.size < bounds.maxConnections) return true;
    if (!connection.res) evict(state, socket, socket.bytesRead > 0);
  }
  return open.size < bounds.maxConnections;
}

function evict(state: ServerState, socket: Socket, tell: boolean): void {
  state.connections.delete(socket);
  const connection = connections.get(socket);
  if (connection) connection.closing = true;
  if (tell) refuse(state, socket);
  else socket.destroy();
}

/**
 * 503 overloaded, then closed as soon as it is written: no lingering here, it would hold the file
 * descriptors the cap is there to save.
 */
function refuse(state: ServerState, socket: Socket): void {
  const out = toErrorResponse(new HttpError('overloaded', 'the server is at its connection limit; retry shortly', { 'retry-after': '1' }));
  if (!socket.writable) return void socket.destroy();
  socket.end(rawAnswer(out.status, out.headers, out.body), () => socket.destroy());
  state.log?.(requestLog({ method: '?' }, out, performance.now()));
}

/** A whole HTTP/1.1 answer for the socket itself, closing the connection. */
function rawAnswer(status: number, headers: Record<string, string>, body: string): string {
  const lines = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}
