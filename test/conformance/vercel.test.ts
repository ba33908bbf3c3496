// Vercel Functions: the packaged function (dist/vercel/api/polyfn.mjs), its default export's fetch,
// called as Vercel calls it, with a web Request: the conformance table and the Node server's answers
// for every exchange a Request can carry; and vercel.json's rewrite, which must not add the path to
// the query. Vercel's local emulator (`vercel dev`) needs an account: see deploy/vercel.
import { pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../../scripts/bundle.ts';
import { packageVercel, VERCEL_DIR, VERCEL_FUNCTION } from '../../scripts/package/vercel.ts';
import type { FetchHandler } from '../../src/contract/fetch.ts';
import { capturingStdout } from '../fixtures/lambda/envelopes.ts';
import { throughFetch } from '../support/adapters.ts';
import { REQUEST_OBJECT_GAPS, sameAsNodeSuite } from '../support/same-as-node.ts';
import { conformanceSuite } from './suite.ts';

const NAME = 'vercel functions (Request objects)';
let handler: FetchHandler | undefined;

async function load(): Promise<void> {
  await packageVercel();
  const module = (await import(pathToFileURL(join(root, VERCEL_FUNCTION)).href)) as { default: { fetch: FetchHandler } };
  handler = module.default.fetch;
}

/** The function's answer; its log line (stdout, as Vercel keeps it) is kept off the test output. */
const send = async (request: Parameters<ReturnType<typeof throughFetch>>[0]) =>
  (await capturingStdout(() => throughFetch(handler!, 'https://polyfn.vercel.app')(request))).value;

conformanceSuite(NAME, ({ request }) => send(request), {
  before: load,
  unsupported: { 'invalid base64 body': 'a Request carries raw bytes: there is no base64 encoding to get wrong' },
});

sameAsNodeSuite(NAME, send, { differs: REQUEST_OBJECT_GAPS });

const routing = suite('vercel functions: where the function is served');

routing('/api/* is rewritten to the function with an unnamed group, which Vercel does not append to the query', async () => {
  const { rewrites } = JSON.parse(await readFile(join(root, VERCEL_DIR, 'vercel.json'), 'utf8')) as {
    rewrites: Array<{ source: string; destination: string }>;
  };
  // A named segment (/api/:path*) would reach the function as ?path=..., which the contract refuses as an unknown parameter.
  assert.equal(rewrites, [{ source: '/api/(.*)', destination: '/api/polyfn' }]);
});

routing.run();
