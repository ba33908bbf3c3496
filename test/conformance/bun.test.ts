// Bun: the packaged dist/bun/ under `PORT=<port> bun server.mjs` (one process for the
// file's suites): the conformance table, the Node server's answers for every exchange, what Bun's
// own HTTP server answers to malformed requests, and the Web Worker pool: cheap requests overtake
// long searches, a full queue answers 503 (a pool of one, from source), SIGTERM ends it with 0.
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../../scripts/bundle.ts';
import { packageBun } from '../../scripts/package/bun.ts';
import { overHttp } from '../support/adapters.ts';
import { assertCheapOvertakeSearches, assertQueueLimit } from '../support/head-of-line.ts';
import { malformedSuite } from '../support/malformed.ts';
import { sharedRuntime, startBun } from '../support/runtimes.ts';
import { exchange, sameAsNodeSuite } from '../support/same-as-node.ts';
import { conformanceSuite } from './suite.ts';

const NAME = 'bun';
const bun = sharedRuntime(async () => {
  await packageBun();
  return startBun();
});

conformanceSuite(NAME, ({ request }) => overHttp(bun.base)(request), {
  before: bun.start,
  unsupported: { 'invalid base64 body': 'a Request carries raw bytes: there is no base64 encoding to get wrong' },
});

sameAsNodeSuite(NAME, (request) => exchange(bun.base, request));

const BUN_SERVER = "Bun.serve answers it before the module's fetch runs, with an empty body";
malformedSuite(NAME, () => bun.base, {
  'a garbage request line': { status: 400, body: '', why: BUN_SERVER },
  'a header line without a colon': { status: 400, body: '', why: BUN_SERVER },
  'a request head over the limit': { status: 431, body: '', why: BUN_SERVER },
  'a broken chunked body': { status: 400, body: '', why: BUN_SERVER },
  'HTTP/1.0 without a host': { status: 200, body: 'json' },
});

const pool = suite('bun: long searches on Web Workers');
pool.after(bun.stop);

pool('cheap requests overtake a backlog of long searches', () => assertCheapOvertakeSearches(overHttp(bun.base), NAME));

pool('a full queue answers 503 overloaded with retry-after (a pool of one worker, a queue of one)', async () => {
  const small = await startBun({ entry: join(root, 'test/fixtures/web/small-pool.ts') });
  try {
    await assertQueueLimit(overHttp(small.base), `${NAME}, a pool of one`);
  } finally {
    await small.stop();
  }
});

pool('SIGTERM with its workers running: it exits 0', async () => {
  const { child } = bun.process;
  await bun.stop();
  assert.equal([child.exitCode, child.signalCode], [0, null]);
});

pool.run();
