// The conformance table against the Azure custom handler over real HTTP on loopback, in both ways
// the host can call it:
//   - the invocation payload: POST /<FunctionName> with {Data: {req}, Metadata} built as the host
//     builds it (test/fixtures/azure/host.ts), the client's response read from Outputs.res;
//   - the client's request proxied as plain HTTP on its own /api/... path (enableProxyingHttpRequest).
import * as assert from 'uvu/assert';
import { createCustomHandlerServer } from '../../adapters/azure/custom-handler.ts';
import { OUTPUT_BINDING } from '../../adapters/azure/invocation.ts';
import { functionFor, invocationPayload, invoke, proxyHeaders } from '../fixtures/azure/host.ts';
import { close, listen, send } from '../support/http.ts';
import { caseBody, queryString, type CaseRequest } from './cases.ts';
import { conformanceSuite } from './suite.ts';

const server = createCustomHandlerServer();
let base = '';
const lifecycle = { before: async () => (base = await listen(server)), after: () => close(server) };

function clientHeaders(request: CaseRequest): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.cookies) headers['cookie'] = request.cookies.join('; ');
  return headers;
}

conformanceSuite(
  'azure custom handler, invocation payload',
  async ({ request }) => {
    const headers = clientHeaders(request);
    // The host marks a body as base64 by its type alone (octet-stream or multipart): a JSON body
    // always travels as text, and a body that claims base64 but is not valid can only be an
    // octet-stream one.
    if (request.rawBase64 !== undefined) headers['content-type'] = 'application/octet-stream';
    const payload = invocationPayload({ ...request, headers, rawBody: request.rawBase64 });
    const { status, response } = await invoke(base, functionFor(request.path).name, payload);
    assert.is(status, 200, 'the invocation itself always succeeds');
    const { statusCode, headers: out, body } = response.Outputs[OUTPUT_BINDING]!;
    const { 'set-cookie': cookie, ...rest } = out;
    return { status: statusCode, headers: rest, cookies: cookie ? [cookie] : [], body };
  },
  lifecycle,
);

conformanceSuite(
  'azure custom handler, proxied HTTP',
  async ({ request }) => {
    const query = queryString(request.query);
    const { text } = caseBody(request);
    return send(`${base}${request.path}${query ? `?${query}` : ''}`, {
      method: request.method,
      headers: { ...clientHeaders(request), ...proxyHeaders() },
      body: request.base64 ? request.body : text,
    });
  },
  { ...lifecycle, unsupported: { 'invalid base64 body': 'proxied HTTP carries raw bytes: there is no base64 to get wrong' } },
);
