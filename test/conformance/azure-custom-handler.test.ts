// The conformance table against the Azure custom handler over real HTTP on loopback, in both ways
// the host can call it (test/support/adapters.ts):
//   - the invocation payload: POST /<FunctionName> with {Data: {req}, Metadata} built as the host
//     builds it (test/fixtures/azure/host.ts), the client's response read from Outputs.res;
//   - the client's request proxied as plain HTTP on its own /api/... path (enableProxyingHttpRequest).
import { createCustomHandlerServer } from '../../adapters/azure/custom-handler.ts';
import { invokedByAzureHost, proxiedByAzureHost } from '../support/adapters.ts';
import { close, listen } from '../support/http.ts';
import { conformanceSuite } from './suite.ts';

const server = createCustomHandlerServer();
let base = '';
const lifecycle = { before: async () => (base = await listen(server)), after: () => close(server) };

conformanceSuite('azure custom handler, invocation payload', ({ request }) => invokedByAzureHost(base)(request), lifecycle);

conformanceSuite('azure custom handler, proxied HTTP', ({ request }) => proxiedByAzureHost(base)(request), {
  ...lifecycle,
  unsupported: { 'invalid base64 body': 'proxied HTTP carries raw bytes: there is no base64 to get wrong' },
});
