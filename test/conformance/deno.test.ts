// Deno: the packaged dist/deno/ under `deno serve --allow-read --allow-env` (one process for the
// file's suites): the conformance table, the Node server's answers for every exchange, what Deno's
// own HTTP server answers to malformed requests, and the Web Worker pool: cheap requests overtake
// long searches, a full queue answers 503 (a pool of one, from source), SIGTERM ends it with 0.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../../scripts/bundle.ts';
import { packageDeno } from '../../scripts/package/deno.ts';
import { overHttp } from '../support/adapters.ts';
import { assertCheapOvertakeSearches, assertQueueLimit } from '../support/head-of-line.ts';
import { malformedSuite } from '../support/malformed.ts';
import { sharedRuntime, startDeno } from '../support/runtimes.ts';
import { exchange, sameAsNodeSuite } from '../support/same-as-node.ts';
import { conformanceSuite } from './suite.ts';

const NAME = 'deno serve';
const deno = sharedRuntime(async () => {
  await packageDeno();
  return startDeno();
});

conformanceSuite(NAME, ({ request }) => overHttp(deno.base)(request), {
  before: deno.start,
  unsupported: { 'invalid base64 body': 'a Request carries raw bytes: there is no base64 encoding to get wrong' },
});

sameAsNodeSuite(NAME, (request) => exchange(deno.base, request));

const DENO_SERVER = "Deno's own HTTP server answers it before the module's fetch runs";
malformedSuite(NAME, () => deno.base, {
  'a garbage request line': { status: 404, body: 'not_found', why: 'Deno takes GARBAGE for a method (a valid token), so the contract answers: no route /' },
  'a header line without a colon': { status: 400, body: '', why: `${DENO_SERVER}, with an empty body` },
  'a request head over the limit': { status: 200, body: 'json', why: "the 16 KiB head limit is the Node servers'; Deno reads larger heads" },
  'a broken chunked body': { status: null, body: '', why: `${DENO_SERVER}: it closes the connection without an answer` },
  'HTTP/1.0 without a host': { status: 200, body: 'json' },
});

const pool = suite('deno serve: long searches on Web Workers');
pool.after(deno.stop);

pool('cheap requests overtake a backlog of long searches', () => assertCheapOvertakeSearches(overHttp(deno.base), NAME));

pool('a full queue answers 503 overloaded with retry-after (a pool of one worker, a queue of one)', async () => {
  const small = await startDeno({ entry: join(root, 'test/fixtures/web/small-pool.ts') });
  try {
    await assertQueueLimit(overHttp(small.base), `${NAME}, a pool of one`);
  } finally {
    await small.stop();
  }
});

pool('SIGTERM with its workers running: it exits 0', async () => {
  const { child } = deno.process;
  await deno.stop();
  assert.equal([child.exitCode, child.signalCode], [0, null]);
});

pool.run();
