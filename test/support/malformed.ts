// Requests an HTTP parser refuses, as raw bytes on a socket: what the Node servers answer with the
// contract's JSON error (test/http.test.ts), and what each web runtime's own server answers before
// any of polyfn's code runs (the runtimes' conformance tests pin those answers as named gaps).
import { connect } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_HEADER_BYTES } from '../../src/contract/limits.ts';
import { within } from './answers.ts';

export const MALFORMED = {
  'a garbage request line': 'GARBAGE / HTTP/1.1\r\n\r\n',
  'a header line without a colon': 'GET /api/hello HTTP/1.1\r\nhost: x\r\nno colon here\r\n\r\n',
  'a request head over the limit': `GET /api/hello HTTP/1.1\r\nhost: x\r\nx-padding: ${'a'.repeat(MAX_HEADER_BYTES + 4096)}\r\n\r\n`,
  'a broken chunked body': 'POST /api/circle HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
  'HTTP/1.0 without a host': 'GET /api/hello HTTP/1.0\r\n\r\n',
} as const;

export type MalformedCase = keyof typeof MALFORMED;

/** What came back: the status and whether the body is the contract's JSON error, or nothing before the connection closed. */
export interface RawAnswer {
  status: number | null;
  /** The error code of a JSON error body, 'json' for another JSON body, '' for an empty body, 'text' otherwise. */
  body: string;
}

/** Sends `payload` on a fresh connection, reads until the server closes it (or 3 s pass), and reads the first answer. */
export async function rawAnswer(base: string, payload: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  const text = await within(
    new Promise<string>((resolve) => {
      let received = '';
      const socket = connect(Number(port), hostname, () => socket.write(payload));
      socket.setEncoding('latin1').on('data', (chunk: string) => (received += chunk));
      // A server that keeps the connection open after answering: what it sent by then is the answer.
      const timer = setTimeout(() => socket.destroy(), 3000);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(received);
      });
      socket.on('error', () => socket.destroy());
    }),
    'a raw exchange',
  );
  const head = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (!head) return { status: null, body: '' };
  const [headers = '', ...rest] = text.split('\r\n\r\n');
  const length = /\r\ncontent-length: *(\d+)/i.exec(headers);
  const body = length ? rest.join('\r\n\r\n').slice(0, Number(length[1])) : rest.join('\r\n\r\n');
  return { status: Number(head[1]), body: describeBody(body) };
}

function describeBody(body: string): string {
  if (body === '') return '';
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string } };
    return parsed.error?.code ?? 'json';
  } catch {
    return 'text';
  }
}

/** What the Node servers answer: the contract's JSON error for everything their parser refuses. */
export const NODE_ANSWERS: Record<MalformedCase, RawAnswer> = {
  'a garbage request line': { status: 400, body: 'invalid_envelope' },
  'a header line without a colon': { status: 400, body: 'invalid_envelope' },
  'a request head over the limit': { status: 431, body: 'header_too_large' },
  'a broken chunked body': { status: 400, body: 'invalid_envelope' },
  'HTTP/1.0 without a host': { status: 200, body: 'json' },
};

/** A runtime's answer to one malformed request, and why it is not the Node server's when it is not. */
export type RuntimeAnswer = RawAnswer & { why?: string };

/**
 * Registers a suite that sends each malformed request to a runtime and requires the answer pinned
 * for it: the Node server's, or another one whose reason is named (the runtime's own server answers
 * before polyfn's code runs). After each, the runtime still answers GET /api/hello.
 */
export function malformedSuite(
  runtime: string,
  base: () => string,
  answers: Record<MalformedCase, RuntimeAnswer>,
  hooks: { before?: () => unknown; after?: () => unknown } = {},
): void {
  const test = suite(`malformed HTTP: ${runtime}`);
  if (hooks.before) test.before(async () => void (await hooks.before!()));
  if (hooks.after) test.after(async () => void (await hooks.after!()));
  for (const [name, payload] of Object.entries(MALFORMED) as Array<[MalformedCase, string]>) {
    test(name, async () => {
      const { why, ...expected } = answers[name];
      assert.equal(await rawAnswer(base(), payload), expected, `${runtime}: ${name}`);
      if (!why) assert.equal(expected, NODE_ANSWERS[name], `${runtime}: ${name} differs from the Node server's answer without a reason`);
      assert.is((await fetch(`${base()}/api/hello`)).status, 200, `${runtime} keeps serving after ${name}`);
    });
  }
  test.run();
}
