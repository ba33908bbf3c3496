// The conformance table against the of-watchdog upstream (adapters/openfaas/server.ts, with the
// handler in the Node template's contract) over real HTTP on loopback, each case sent as of-watchdog
// forwards it: the original method, path, query and headers plus the gateway's, any body chunked.
import { createHandler } from '../../adapters/openfaas/handler.ts';
import { createUpstreamServer } from '../../adapters/openfaas/server.ts';
import { forwardedByOfWatchdog } from '../support/adapters.ts';
import { close, listen } from '../support/http.ts';
import { conformanceSuite } from './suite.ts';

const server = createUpstreamServer({ handler: createHandler() });
let base = '';

conformanceSuite('openfaas of-watchdog (http mode)', ({ request }) => forwardedByOfWatchdog(base)(request), {
  before: async () => (base = await listen(server)),
  after: () => close(server),
  unsupported: { 'invalid base64 body': 'the watchdog forwards raw bytes: there is no base64 encoding to get wrong' },
});
