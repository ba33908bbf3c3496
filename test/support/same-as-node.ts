// "The HTTP contract is byte for byte what the Node server answers": every conformance case, and the
// request edges where a platform's own layers could answer before the contract (bodies its parsers
// would read, framings, routes a framework filters), sent to the local Node server and to another
// adapter, whose answers must agree in status, body, content-type, the contract's other headers
// (allow, retry-after, set-cookie) and the shape of server-timing (its duration differs). Headers the
// transport adds (date, connection, ...) are left out; any other header one side sends and the other
// does not is a difference.
import { request as httpRequest } from 'node:http';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLocalServer } from '../../adapters/node/server.ts';
import { MAX_BODY_BYTES } from '../../src/contract/limits.ts';
import { cases, queryString, type ActualResponse, type CaseRequest } from '../conformance/cases.ts';
import { within } from './answers.ts';
import { close, listen } from './http.ts';

/** A request as a client sends it, down to how its body is framed. */
export interface Exchange extends CaseRequest {
  /** Sent in chunks, with no content-length. */
  chunked?: boolean;
  /** A content-length claiming more than the body sent (the answer must not wait for the rest). */
  declaredLength?: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const SMALL_SEARCH = '{"min":10,"max":99}';

/** Requests beyond the table where a platform's own layers (parsers, framing, filters) meet the contract. */
export const EDGES: Array<{ name: string; request: Exchange }> = [
  { name: 'a JSON scalar body', request: { method: 'POST', path: '/api/palindromes', headers: JSON_HEADERS, body: '"10 to 99"' } },
  {
    name: 'a JSON body in an unknown charset',
    request: { method: 'POST', path: '/api/palindromes', headers: { 'content-type': 'application/json; charset=latin9' }, body: SMALL_SEARCH },
  },
  {
    name: 'a JSON body sent as text/plain',
    request: { method: 'POST', path: '/api/palindromes', headers: { 'content-type': 'text/plain' }, body: SMALL_SEARCH },
  },
  { name: 'a JSON body with no content-type', request: { method: 'POST', path: '/api/palindromes', body: SMALL_SEARCH } },
  {
    name: 'a body marked gzip that is not',
    request: { method: 'POST', path: '/api/palindromes', headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' }, body: SMALL_SEARCH },
  },
  {
    name: 'a body in an unknown content-encoding',
    request: { method: 'POST', path: '/api/palindromes', headers: { ...JSON_HEADERS, 'content-encoding': 'zzz' }, body: SMALL_SEARCH },
  },
  {
    name: 'a form body',
    request: { method: 'POST', path: '/api/palindromes', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'min=10&max=99' },
  },
  { name: '/favicon.ico', request: { method: 'GET', path: '/favicon.ico' } },
  { name: '/robots.txt', request: { method: 'GET', path: '/robots.txt' } },
  { name: 'a chunked JSON body', request: { method: 'POST', path: '/api/circle', headers: JSON_HEADERS, body: '{"radii":[1,2,3]}', chunked: true } },
  {
    name: 'a chunked body over the limit',
    request: { method: 'POST', path: '/api/circle', headers: JSON_HEADERS, body: `{"radii":[${'1,'.repeat(MAX_BODY_BYTES / 2)}1]}`, chunked: true },
  },
  {
    name: 'a declared length over the limit',
    request: { method: 'POST', path: '/api/circle', headers: JSON_HEADERS, body: '{"radii":[1]}', declaredLength: MAX_BODY_BYTES + 1 },
  },
];

/** What a platform that hands the function a Request (Netlify, Vercel) cannot be sent: the framing is its HTTP layer's. */
export const REQUEST_OBJECT_GAPS: Record<string, string> = {
  'a declared length over the limit': "a Request carries its body, not the length a client declared: the platform's HTTP layer holds the client to it",
};

/** Every request the comparison sends: the conformance table, then the edges. */
export const EXCHANGES: Array<{ name: string; request: Exchange }> = [...cases.map(({ name, request }) => ({ name, request })), ...EDGES];

const CHUNK = 16 * 1024;

/** One exchange over node:http, on a connection of its own, with exactly the headers given. */
export function exchange(base: string, request: Exchange): Promise<ActualResponse> {
  const { hostname, port } = new URL(base);
  const query = queryString(request.query);
  const headers: Record<string, string | number> = { ...request.headers };
  if (request.cookies) headers['cookie'] = request.cookies.join('; ');
  const body = request.rawBase64 ?? request.body;
  const bytes = body === undefined ? undefined : Buffer.from(body);
  if (bytes && !request.chunked) headers['content-length'] = request.declaredLength ?? bytes.length;
  const answer = new Promise<ActualResponse>((resolve, reject) => {
    const req = httpRequest({ hostname, port, method: request.method, path: `${request.path}${query ? `?${query}` : ''}`, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const { 'set-cookie': cookies = [], ...rest } = res.headers;
        const flat = Object.fromEntries(Object.entries(rest).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
        resolve({ status: res.statusCode ?? 0, headers: flat, cookies, body: text });
        req.destroy();
      });
    });
    // A server may answer (413) and close before the body is all sent.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (!bytes) req.end();
    else if (request.declaredLength !== undefined) req.write(bytes);
    else if (!request.chunked) req.end(bytes);
    else {
      for (let at = 0; at < bytes.length; at += CHUNK) req.write(bytes.subarray(at, at + CHUNK));
      req.end();
    }
  });
  return within(answer, `${request.method} ${request.path}`);
}

/** Headers any HTTP layer adds or drops by itself: not the contract's. */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** What of an answer the contract fixes: everything but the transport's headers and server-timing's duration. */
export function contractView(answer: ActualResponse): Record<string, unknown> {
  const headers = Object.fromEntries(
    Object.entries(answer.headers)
      .filter(([name]) => !TRANSPORT.has(name.toLowerCase()))
      .map(([name, value]) => [name.toLowerCase(), name.toLowerCase() === 'server-timing' ? value.replace(/dur=\d+\.\d{3}/, 'dur=<ms>') : value]),
  );
  return { status: answer.status, headers, cookies: answer.cookies, body: answer.body };
}

export interface SameAsNodeOptions {
  before?: () => unknown;
  after?: () => unknown;
  /** Exchanges this adapter cannot be sent, or answers otherwise: name -> why. Each name must exist. */
  differs?: Record<string, string>;
}

/**
 * Registers a suite that sends every exchange to an in-process local Node server and through `send`
 * to the adapter, and requires the same contract view of both answers.
 */
export function sameAsNodeSuite(adapter: string, send: (request: Exchange) => Promise<ActualResponse>, options: SameAsNodeOptions = {}): void {
  const test = suite(`same answers as the Node server: ${adapter}`);
  const node = createLocalServer();
  let nodeBase = '';
  const differs = options.differs ?? {};
  test.before(async () => {
    nodeBase = await listen(node);
    await options.before?.();
  });
  test.after(async () => {
    await close(node);
    await options.after?.();
  });
  for (const { name, request } of EXCHANGES) {
    if (Object.hasOwn(differs, name)) continue;
    test(name, async () => {
      const [expected, actual] = await Promise.all([exchange(nodeBase, request), send(request)]);
      assert.equal(contractView(actual), contractView(expected), `${adapter}: ${name}`);
    });
  }
  test('every exchange left out is named, with its reason', () => {
    for (const name of Object.keys(differs))
      assert.ok(
        EXCHANGES.some((known) => known.name === name),
        `no exchange named "${name}"`,
      );
  });
  test.run();
}
