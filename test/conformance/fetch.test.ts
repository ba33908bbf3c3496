// The conformance table through the web-standard fetch bridge (src/contract/fetch.ts), called with
// Request objects as Workers, Deno, Bun, Netlify and Vercel build them.
import '../../src/runtime/node.ts';
import { createFetchHandler } from '../../src/contract/fetch.ts';
import { throughFetch } from '../support/adapters.ts';
import { conformanceSuite } from './suite.ts';

const send = throughFetch(createFetchHandler());

conformanceSuite('fetch bridge', ({ request }) => send(request), {
  unsupported: { 'invalid base64 body': 'a Request carries raw bytes: there is no base64 encoding to get wrong' },
});
