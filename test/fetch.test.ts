// The web-standard fetch bridge on its own: the body limit on both sides of it, declared or streamed,
// a body that breaks off, cookies as Set-Cookie headers, and an internal error's cause in the log
// line but not in the answer. (The conformance table runs through it in conformance/fetch.test.ts.)
import '../src/runtime/node.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createFetchHandler } from '../src/contract/fetch.ts';
import { MAX_BODY_BYTES, MAX_DRAIN_BYTES } from '../src/contract/limits.ts';
import type { RequestLog } from '../src/contract/log.ts';
import { circleKernel } from '../src/index.ts';
import { assertLogLine } from './support/log.ts';

const handler = createFetchHandler();
const URL_BASE = 'https://polyfn.example';
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A JSON body of exactly `size` bytes: a circle request padded with spaces. */
function bodyOf(size: number): string {
  const json = '{"radius":2}';
  return json + ' '.repeat(size - json.length);
}

/** The body as a stream of 64 KiB chunks, with no content-length: how a chunked upload arrives. */
function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, (at += 65_536)));
    },
  });
}

async function post(body: string | ReadableStream<Uint8Array>): Promise<{ status: number; json: unknown }> {
  const response = await handler(new Request(`${URL_BASE}/api/circle`, { method: 'POST', headers: JSON_HEADERS, body, duplex: 'half' } as RequestInit));
  return { status: response.status, json: await response.json() };
}

test('the body limit: exactly the limit is read, one byte more is 413, declared or streamed', async () => {
  for (const send of [(text: string) => text, streamed]) {
    const at = await post(send(bodyOf(MAX_BODY_BYTES)));
    assert.is(at.status, 200, JSON.stringify(at.json));
    const over = await post(send(bodyOf(MAX_BODY_BYTES + 1)));
    assert.is(over.status, 413);
    assert.equal(over.json, { error: { code: 'payload_too_large', message: `the body must be at most ${MAX_BODY_BYTES} bytes` } });
  }
});

/** A body of `size` bytes in 64 KiB chunks, counting how many bytes were pulled from it. */
function counted(size: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= size) return controller.close();
      const chunk = new Uint8Array(Math.min(65_536, size - pulled));
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, pulled: () => pulled };
}

test('a refused body is drained to its end, so a client still sending it reads the 413', async () => {
  for (const declare of [true, false]) {
    const size = 3 * MAX_BODY_BYTES;
    const { body, pulled } = counted(size);
    const headers = declare ? { ...JSON_HEADERS, 'content-length': String(size) } : JSON_HEADERS;
    const response = await handler(new Request(`${URL_BASE}/api/circle`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit));
    assert.is(response.status, 413);
    assert.is(pulled(), size, `declared: ${declare}`);
  }
});

test('a body past the drain bound is let go: unread when declared so, no further than the bound when streamed', async () => {
  const declared = counted(MAX_DRAIN_BYTES + 1);
  const headers = { ...JSON_HEADERS, 'content-length': String(MAX_DRAIN_BYTES + 1) };
  const refused = await handler(new Request(`${URL_BASE}/api/circle`, { method: 'POST', headers, body: declared.body, duplex: 'half' } as RequestInit));
  assert.is(refused.status, 413);
  assert.ok(declared.pulled() <= 65_536, `read ${declared.pulled()} bytes of a body it refused unread`);
  const streamed = counted(4 * MAX_DRAIN_BYTES);
  const answer = await handler(
    new Request(`${URL_BASE}/api/circle`, { method: 'POST', headers: JSON_HEADERS, body: streamed.body, duplex: 'half' } as RequestInit),
  );
  assert.is(answer.status, 413);
  assert.ok(streamed.pulled() <= MAX_DRAIN_BYTES + 2 * 65_536, `drained ${streamed.pulled()} bytes`);
});

test('a body that breaks off is the client’s fault: 400 invalid_envelope', async () => {
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"radius":'));
      controller.error(new Error('connection reset'));
    },
  });
  const { status, json } = await post(body);
  assert.is(status, 400);
  assert.equal(json, { error: { code: 'invalid_envelope', message: 'the request body could not be read to its end' } });
});

test('cookies are Set-Cookie headers, one per cookie; every answer is JSON', async () => {
  const response = await handler(new Request(`${URL_BASE}/api/engine`, { method: 'PUT', headers: JSON_HEADERS, body: '{"engine":"js"}' }));
  assert.equal(response.headers.getSetCookie(), ['polyfn-engine=js; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax']);
  const chosen = await handler(new Request(`${URL_BASE}/api/engine`, { headers: { cookie: 'polyfn-engine=js' } }));
  assert.equal(await chosen.json(), { engine: 'js', source: 'cookie' });
  const missing = await handler(new Request(`${URL_BASE}/nowhere`));
  assert.is(missing.status, 404);
  assert.match(missing.headers.get('content-type')!, /^application\/json/);
});

test('an internal error answers a bare 500 and logs its cause with the stack', async () => {
  const lines: RequestLog[] = [];
  const logged = createFetchHandler({ log: (line) => lines.push(line) });
  const compute = circleKernel.compute;
  circleKernel.compute = () => {
    throw new TypeError('a bug in the kernel glue');
  };
  try {
    const response = await logged(new Request(`${URL_BASE}/api/circle?radius=1`));
    assert.is(response.status, 500);
    assert.equal(await response.json(), { error: { code: 'internal_error', message: 'internal error' } });
  } finally {
    circleKernel.compute = compute;
  }
  assert.is(lines.length, 1);
  assertLogLine(lines[0], 'ERROR', 'request');
  assert.is(lines[0]!.error_code, 'internal_error');
  assert.is(lines[0]!.error?.name, 'TypeError');
  assert.is(lines[0]!.error?.message, 'a bug in the kernel glue');
  assert.match(lines[0]!.error?.stack ?? '', /fetch\.test\.ts/);
});

test.run();
