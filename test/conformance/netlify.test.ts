// Netlify Functions: the packaged function (dist/netlify/netlify/functions/polyfn.mjs) called as
// Netlify calls it, with a web Request (and a context it does not read): the conformance table and
// the Node server's answers for every exchange a Request can carry. Netlify's local emulator
// (netlify-cli, 540 MB) is not a devDependency: see deploy/netlify.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { root } from '../../scripts/bundle.ts';
import { NETLIFY_FUNCTION, packageNetlify } from '../../scripts/package/netlify.ts';
import type { FetchHandler } from '../../src/contract/fetch.ts';
import { capturingStdout } from '../fixtures/lambda/envelopes.ts';
import { throughFetch } from '../support/adapters.ts';
import { REQUEST_OBJECT_GAPS, sameAsNodeSuite } from '../support/same-as-node.ts';
import { conformanceSuite } from './suite.ts';

const NAME = 'netlify functions (Request objects)';
let handler: FetchHandler | undefined;
let config: { path?: string } = {};

async function load(): Promise<void> {
  await packageNetlify();
  const module = (await import(pathToFileURL(join(root, NETLIFY_FUNCTION)).href)) as {
    default: (request: Request, context: object) => Promise<Response>;
    config: typeof config;
  };
  handler = (request) => module.default(request, {});
  config = module.config;
}

/** The function's answer; its log line (stdout, as Netlify keeps it) is kept off the test output. */
const send = async (request: Parameters<ReturnType<typeof throughFetch>>[0]) =>
  (await capturingStdout(() => throughFetch(handler!, 'https://polyfn.netlify.app')(request))).value;

conformanceSuite(NAME, ({ request }) => send(request), {
  before: load,
  unsupported: { 'invalid base64 body': 'a Request carries raw bytes: there is no base64 encoding to get wrong' },
});

sameAsNodeSuite(NAME, send, { differs: REQUEST_OBJECT_GAPS });

const routing = suite('netlify functions: where the function is served');
routing("at /api/*, the contract's paths (not /.netlify/functions/polyfn)", () => assert.is(config.path, '/api/*'));
routing.run();
