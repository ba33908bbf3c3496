// The conformance table against the local Node server, over real HTTP on loopback.
import { createLocalServer } from '../../adapters/node/server.ts';
import { overHttp } from '../support/adapters.ts';
import { close, listen } from '../support/http.ts';
import { conformanceSuite } from './suite.ts';

const server = createLocalServer();
let base = '';

conformanceSuite('node server', ({ request }) => overHttp(base)(request), {
  before: async () => (base = await listen(server)),
  after: () => close(server),
  unsupported: { 'invalid base64 body': 'plain HTTP carries raw bytes: there is no base64 encoding to get wrong' },
});
