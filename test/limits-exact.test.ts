// Every limit from both sides, exactly, through the Node server: the limit is accepted and the limit
// plus one is refused. Body limits on every transfer form (a declared content-length and a chunked
// body, JSON and, where a route reads one, application/octet-stream), on routes that parse a body
// and on routes that do not; then the kernels' limits as a client meets them (JSON and query).
import { request as httpRequest } from 'node:http';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLocalServer } from '../adapters/node/server.ts';
import { MAX_BODY_BYTES, MAX_HEADER_BYTES } from '../src/contract/limits.ts';
import { bodyLimit } from '../src/contract/routes.ts';
import {
  COORDINATE_MAX,
  DEFAULT_BUDGET,
  FACTOR_MAX,
  FACTOR_MIN,
  MAX_POINTS,
  MAX_POLYGON_BODY_BYTES,
  MAX_RADII,
  MAX_VERTICES,
  RADIUS_MAX,
} from '../src/index.ts';
import { close, listen } from './support/http.ts';

const node = createLocalServer();
let port = 0;

interface Answer {
  status: number;
  code: string | undefined;
  message: string | undefined;
  body: Record<string, unknown>;
}

type Transfer = 'content-length' | 'chunked';
const TRANSFERS: readonly Transfer[] = ['content-length', 'chunked'];

/**
 * Sends `body` with `transfer`: a declared content-length, or chunked in two chunks (all but the last
 * byte, then the last byte) so that the server's count must add up across chunks.
 */
function exchange(method: string, path: string, body: Uint8Array | undefined, transfer: Transfer, contentType = 'application/json'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': contentType };
    // (explicitly chunked: node:http would send a GET's body unframed otherwise)
    if (body) headers[transfer === 'chunked' ? 'transfer-encoding' : 'content-length'] = transfer === 'chunked' ? 'chunked' : body.length;
    const r = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
        const error = parsed['error'] as { code?: string; message?: string } | undefined;
        resolve({ status: res.statusCode!, code: error?.code, message: error?.message, body: parsed });
      });
      res.on('error', reject);
    });
    // A 413 may close the connection while the rest is still being written: the answer decides.
    r.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (body && body.length > 1) r.write(body.subarray(0, body.length - 1));
    r.end(body?.length ? body.subarray(body.length - 1) : undefined);
  });
}

/** `json` padded with trailing spaces (still the same JSON) to exactly `size` bytes. */
function paddedJson(json: unknown, size: number): Uint8Array {
  const text = JSON.stringify(json);
  if (text.length > size) throw new Error(`${text.length} bytes do not fit in ${size}`);
  return new TextEncoder().encode(text + ' '.repeat(size - text.length));
}

function tooLarge(answer: Answer, limit: number, where: string): void {
  assert.equal([answer.status, answer.code], [413, 'payload_too_large'], `${where}: refused`);
  assert.match(answer.message!, new RegExp(`\\b${limit}\\b`), `${where}: the message names the limit`);
}

const bodies = suite('body limits: limit accepted, limit + 1 refused, on every transfer form');
bodies.before(async () => {
  port = Number(new URL(await listen(node)).port);
});

bodies('each route reads up to its own limit: 256 KiB, the geometry routes 4 MiB', () => {
  assert.is(bodyLimit('/api/hello'), MAX_BODY_BYTES);
  assert.is(bodyLimit('/api/palindromes'), MAX_BODY_BYTES);
  assert.is(bodyLimit('/api/circle'), MAX_BODY_BYTES);
  assert.is(bodyLimit('/api/polygon'), MAX_POLYGON_BODY_BYTES);
  assert.is(bodyLimit('/api/polygon/'), MAX_POLYGON_BODY_BYTES, 'a trailing slash routes the same');
  assert.is(bodyLimit('/api/contains'), MAX_POLYGON_BODY_BYTES);
  assert.is(bodyLimit('/api/nope'), MAX_BODY_BYTES, 'a path no route has');
});

bodies('a route that parses no body (GET /api/hello, and a path no route has) still counts it', async () => {
  for (const transfer of TRANSFERS) {
    const where = `GET /api/hello, ${transfer}`;
    const atLimit = await exchange('GET', '/api/hello', new Uint8Array(MAX_BODY_BYTES).fill(0x61), transfer);
    assert.equal([atLimit.status, atLimit.body], [200, { message: 'hello world' }], `${where}: the limit is read and ignored`);
    tooLarge(await exchange('GET', '/api/hello', new Uint8Array(MAX_BODY_BYTES + 1).fill(0x61), transfer), MAX_BODY_BYTES, where);
    const unrouted = await exchange('POST', '/api/nope', new Uint8Array(MAX_BODY_BYTES).fill(0x61), transfer);
    assert.equal([unrouted.status, unrouted.code], [404, 'not_found'], `POST /api/nope, ${transfer}: the limit is read`);
    tooLarge(await exchange('POST', '/api/nope', new Uint8Array(MAX_BODY_BYTES + 1).fill(0x61), transfer), MAX_BODY_BYTES, `POST /api/nope, ${transfer}`);
  }
});

bodies('JSON bodies at 256 KiB: /api/palindromes and /api/circle', async () => {
  const cases: [string, unknown, Record<string, unknown>][] = [
    ['/api/palindromes', { min: 10, max: 99 }, { smallest: { value: 121, factors: [[11, 11]] }, largest: { value: 9009, factors: [[91, 99]] } }],
    ['/api/circle', { radius: 1 }, { area: Math.PI, circumference: 2 * Math.PI }],
  ];
  for (const [path, json, expected] of cases) {
    for (const transfer of TRANSFERS) {
      const where = `POST ${path}, ${transfer}`;
      const atLimit = await exchange('POST', path, paddedJson(json, MAX_BODY_BYTES), transfer);
      assert.is(atLimit.status, 200, `${where}: the limit is accepted`);
      for (const [name, value] of Object.entries(expected)) assert.equal(atLimit.body[name], value, `${where}: ${name}`);
      tooLarge(await exchange('POST', path, paddedJson(json, MAX_BODY_BYTES + 1), transfer), MAX_BODY_BYTES, where);
    }
  }
});

bodies('geometry bodies at 4 MiB: JSON and application/octet-stream, /api/polygon and /api/contains', async () => {
  const square = [
    [0, 0],
    [4, 0],
    [4, 3],
    [0, 3],
  ];
  for (const transfer of TRANSFERS) {
    const where = (path: string, form: string) => `POST ${path}, ${form}, ${transfer}`;
    const polygon = await exchange('POST', '/api/polygon', paddedJson({ vertices: square }, MAX_POLYGON_BODY_BYTES), transfer);
    assert.equal([polygon.status, polygon.body['area']], [200, 12], where('/api/polygon', 'JSON'));
    tooLarge(
      await exchange('POST', '/api/polygon', paddedJson({ vertices: square }, MAX_POLYGON_BODY_BYTES + 1), transfer),
      MAX_POLYGON_BODY_BYTES,
      where('/api/polygon', 'JSON'),
    );
    const contains = await exchange('POST', '/api/contains', paddedJson({ polygon: square, points: [[1, 1]] }, MAX_POLYGON_BODY_BYTES), transfer);
    assert.equal([contains.status, contains.body['inside']], [200, [true]], where('/api/contains', 'JSON'));
    tooLarge(
      await exchange('POST', '/api/contains', paddedJson({ polygon: square, points: [[1, 1]] }, MAX_POLYGON_BODY_BYTES + 1), transfer),
      MAX_POLYGON_BODY_BYTES,
      where('/api/contains', 'JSON'),
    );
    // Binary: 4 MiB of float64s is read whole and judged by its layout (too many vertices for a
    // polygon; for contains, 2^19 values cannot be 1 + 2n + 2m); one byte more is refused unread.
    const binary = new Uint8Array(MAX_POLYGON_BODY_BYTES);
    new Float64Array(binary.buffer)[0] = 3;
    const octets = 'application/octet-stream';
    const polygonBinary = await exchange('POST', '/api/polygon', binary, transfer, octets);
    assert.equal([polygonBinary.status, polygonBinary.code], [400, 'invalid_parameter'], where('/api/polygon', 'binary'));
    assert.match(polygonBinary.message!, `at most ${MAX_VERTICES}`);
    const containsBinary = await exchange('POST', '/api/contains', binary, transfer, octets);
    assert.equal([containsBinary.status, containsBinary.code], [400, 'invalid_parameter'], where('/api/contains', 'binary'));
    assert.match(containsBinary.message!, 'odd number');
    const over = new Uint8Array(MAX_POLYGON_BODY_BYTES + 1);
    tooLarge(await exchange('POST', '/api/polygon', over, transfer, octets), MAX_POLYGON_BODY_BYTES, where('/api/polygon', 'binary'));
    tooLarge(await exchange('POST', '/api/contains', over, transfer, octets), MAX_POLYGON_BODY_BYTES, where('/api/contains', 'binary'));
  }
});

bodies.after(() => close(node));
bodies.run();

const kernels = suite('kernel limits through the server: the limit accepted, one past it refused');
kernels.before(async () => {
  port = Number(new URL(await listen(node)).port);
});

async function post(path: string, json: unknown): Promise<Answer> {
  return exchange('POST', path, new TextEncoder().encode(JSON.stringify(json)), 'content-length');
}

function refused(answer: Answer, message: string, where: string): void {
  assert.equal([answer.status, answer.code], [400, 'invalid_parameter'], where);
  assert.match(answer.message!, message, where);
}

/** The next double above x (x > 0, finite). */
function nextUp(x: number): number {
  const bits = new BigUint64Array(new Float64Array([x]).buffer);
  bits[0]! += 1n;
  return new Float64Array(bits.buffer)[0]!;
}

kernels('factors: FACTOR_MIN and FACTOR_MAX accepted, one past each refused (JSON and query)', async () => {
  const top = await post('/api/palindromes', { min: FACTOR_MAX, max: FACTOR_MAX });
  assert.is(top.status, 200, 'max = FACTOR_MAX');
  refused(await post('/api/palindromes', { min: FACTOR_MAX, max: FACTOR_MAX + 1 }), `max must be <= ${FACTOR_MAX}`, 'max = FACTOR_MAX + 1');
  const bottom = await post('/api/palindromes', { min: FACTOR_MIN, max: 9 });
  assert.equal(bottom.body['smallest'], { value: 1, factors: [[1, 1]] }, 'min = FACTOR_MIN');
  refused(await post('/api/palindromes', { min: FACTOR_MIN - 1, max: 9 }), `min must be >= ${FACTOR_MIN}`, 'min = FACTOR_MIN - 1');
  assert.is((await exchange('GET', `/api/palindromes?min=${FACTOR_MAX}&max=${FACTOR_MAX}`, undefined, 'content-length')).status, 200, 'query: FACTOR_MAX');
  refused(
    await exchange('GET', `/api/palindromes?min=1&max=${FACTOR_MAX + 1}`, undefined, 'content-length'),
    `max must be <= ${FACTOR_MAX}`,
    'query: FACTOR_MAX + 1',
  );
});

kernels('budget: the server budget accepted, one more refused; a budget of 1 is a budget', async () => {
  const full = await post('/api/palindromes', { min: 10, max: 99, budget: DEFAULT_BUDGET });
  assert.is(full.status, 200, 'budget = DEFAULT_BUDGET');
  refused(
    await post('/api/palindromes', { min: 10, max: 99, budget: DEFAULT_BUDGET + 1 }),
    `budget must be <= ${DEFAULT_BUDGET}`,
    'budget = DEFAULT_BUDGET + 1',
  );
  const one = await post('/api/palindromes', { min: 10, max: 99, budget: 1 });
  assert.equal([one.status, one.code], [422, 'budget_exceeded'], 'budget = 1');
  refused(await post('/api/palindromes', { min: 10, max: 99, budget: 0 }), 'budget must be a positive integer', 'budget = 0');
});

kernels('circle: RADIUS_MAX and MAX_RADII accepted, the next double and one more radius refused', async () => {
  const largest = await post('/api/circle', { radius: RADIUS_MAX });
  assert.equal([largest.status, largest.body['area']], [200, Math.PI * RADIUS_MAX * RADIUS_MAX], 'radius = RADIUS_MAX');
  refused(await post('/api/circle', { radius: nextUp(RADIUS_MAX) }), `must be <= ${RADIUS_MAX}`, 'radius past RADIUS_MAX');
  const batch = await post('/api/circle', { radii: new Array(MAX_RADII).fill(1) });
  assert.equal([batch.status, (batch.body['area'] as number[]).length], [200, MAX_RADII], 'MAX_RADII radii');
  refused(await post('/api/circle', { radii: new Array(MAX_RADII + 1).fill(1) }), `at most ${MAX_RADII}`, 'MAX_RADII + 1 radii');
});

kernels('polygon: MAX_VERTICES and COORDINATE_MAX accepted, one more vertex and the next double refused', async () => {
  const ring = (n: number) => Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);
  const most = await post('/api/polygon', { vertices: ring(MAX_VERTICES) });
  assert.equal([most.status, most.body['orientation']], [200, 'counterclockwise'], 'MAX_VERTICES vertices');
  refused(await post('/api/polygon', { vertices: ring(MAX_VERTICES + 1) }), `at most ${MAX_VERTICES}`, 'MAX_VERTICES + 1 vertices');
  const far = [
    [-COORDINATE_MAX, -COORDINATE_MAX],
    [COORDINATE_MAX, -COORDINATE_MAX],
    [COORDINATE_MAX, COORDINATE_MAX],
  ];
  const wide = await post('/api/polygon', { vertices: far });
  assert.equal([wide.status, wide.body['area']], [200, 2 * COORDINATE_MAX * COORDINATE_MAX], '|x|, |y| = COORDINATE_MAX');
  refused(
    await post('/api/polygon', { vertices: [...far.slice(0, 2), [nextUp(COORDINATE_MAX), COORDINATE_MAX]] }),
    `${COORDINATE_MAX}`,
    'x past COORDINATE_MAX',
  );
  refused(
    await post('/api/polygon', { vertices: [...far.slice(0, 2), [COORDINATE_MAX, -nextUp(COORDINATE_MAX)]] }),
    `${COORDINATE_MAX}`,
    'y past -COORDINATE_MAX',
  );
});

kernels('contains: MAX_POINTS accepted, one more point refused', async () => {
  const square = [
    [0, 0],
    [4, 0],
    [4, 3],
    [0, 3],
  ];
  const points = (n: number) => Array.from({ length: n }, (_, i) => [i % 5, 1]);
  const most = await post('/api/contains', { polygon: square, points: points(MAX_POINTS) });
  assert.equal([most.status, (most.body['inside'] as boolean[]).length], [200, MAX_POINTS], 'MAX_POINTS points');
  refused(await post('/api/contains', { polygon: square, points: points(MAX_POINTS + 1) }), `at most ${MAX_POINTS}`, 'MAX_POINTS + 1 points');
});

kernels('request head: MAX_HEADER_BYTES of head accepted, a header of MAX_HEADER_BYTES refused with 431', async () => {
  // node:http enforces the limit (maxHeaderSize) and counts the target and the header names and
  // values, not the separators: a head of exactly MAX_HEADER_BYTES bytes is within it.
  const start = 'GET /api/hello HTTP/1.1\r\nhost: x\r\nconnection: close\r\nx-pad: ';
  const head = `${start}${'a'.repeat(MAX_HEADER_BYTES - start.length - 4)}\r\n\r\n`;
  assert.is(head.length, MAX_HEADER_BYTES);
  const { connect } = await import('node:net');
  const raw = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(text));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  assert.match(await raw(head), /^HTTP\/1\.1 200 /);
  const over = await raw(`${start}${'a'.repeat(MAX_HEADER_BYTES)}\r\n\r\n`);
  assert.match(over, /^HTTP\/1\.1 431 /);
  assert.match(over, /"code":"header_too_large"/);
});

kernels('request text quoted in a message: a parameter name of 64 characters whole, 65 cut; a path of 100 whole, 101 cut', async () => {
  const name = (n: number) => 'p'.repeat(n);
  const unknown = async (n: number) => (await exchange('GET', `/api/hello?${name(n)}=1`, undefined, 'content-length')).message!;
  assert.is(await unknown(64), `unknown parameter "${name(64)}"; this route takes none`);
  assert.is(await unknown(65), `unknown parameter "${name(64)}..."; this route takes none`);
  const path = (n: number) => `/${'q'.repeat(n - 1)}`;
  const missing = async (n: number) => (await exchange('GET', path(n), undefined, 'content-length')).message!;
  assert.match(await missing(100), new RegExp(`^no route "${path(100)}"; routes: /api/`));
  assert.match(await missing(101), new RegExp(`^no route "${path(100)}\\.\\.\\."; routes: /api/`));
});

kernels.after(() => close(node));
kernels.run();
