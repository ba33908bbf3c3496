// The conformance table through the @azure/functions v4 handler, outside the host: each case becomes
// the library's own HttpRequest, as the Node worker builds it from the host's message (the URL with
// the query as sent, the host's comma-joined copy of the query, headers, the body as raw bytes), and
// the HttpResponseInit is read back the way the worker hands it to the host (toRpcHttp: one value
// per header name, the body as bytes).
import azure, { type HttpResponseInit } from '@azure/functions';
import { httpHandler } from '../../adapters/azure/functions.ts';
import { functionFor, PUBLIC_HOST } from '../fixtures/azure/host.ts';
import { caseBody, queryString, type ActualResponse } from './cases.ts';
import { conformanceSuite } from './suite.ts';

async function fromResponseInit(init: HttpResponseInit): Promise<ActualResponse> {
  const response = new azure.HttpResponse(init);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const { 'set-cookie': cookie, ...rest } = headers;
  return { status: response.status, headers: rest, cookies: cookie ? [cookie] : [], body: await response.text() };
}

conformanceSuite(
  'azure functions v4',
  async ({ request }) => {
    const query = queryString(request.query);
    const headers: Record<string, string> = { ...request.headers };
    if (request.cookies) headers['cookie'] = request.cookies.join('; ');
    const { text } = caseBody(request);
    // The worker receives raw bytes: a base64 case's body travels decoded.
    const body = request.base64 ? request.body : text;
    const httpRequest = new azure.HttpRequest({
      method: request.method,
      url: `https://${PUBLIC_HOST}${request.path}${query ? `?${query}` : ''}`,
      headers,
      query: Object.fromEntries(Object.entries(request.query ?? {}).map(([name, values]) => [name, values.join(',')])),
      body: body === undefined ? undefined : { bytes: Buffer.from(body) },
    });
    const context = new azure.InvocationContext({ functionName: functionFor(request.path).name, logHandler: () => {} });
    return fromResponseInit(await httpHandler(httpRequest, context));
  },
  { unsupported: { 'invalid base64 body': 'the worker hands the function raw bytes: there is no base64 to get wrong' } },
);
