// The conformance table through the @azure/functions v4 handler, outside the host: each case becomes
// the library's own HttpRequest, as the Node worker builds it from the host's message (the URL with
// the query as sent, the host's comma-joined copy of the query, headers, the body as raw bytes), and
// the HttpResponseInit is read back the way the worker hands it to the host (toRpcHttp: one value
// per header name, the body as bytes). See throughAzureV4 in test/support/adapters.ts.
import { throughAzureV4 } from '../support/adapters.ts';
import { conformanceSuite } from './suite.ts';

conformanceSuite('azure functions v4', ({ request }) => throughAzureV4(request), {
  unsupported: { 'invalid base64 body': 'the worker hands the function raw bytes: there is no base64 to get wrong' },
});
