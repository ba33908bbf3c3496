// The conformance table against the of-watchdog upstream (adapters/openfaas/server.ts, with the
// handler in the Node template's contract) over real HTTP on loopback, each case sent as of-watchdog
// forwards it: the original method, path, query and headers plus the gateway's, any body chunked.
import { createHandler } from '../../adapters/openfaas/handler.ts';
import { createUpstreamServer } from '../../adapters/openfaas/server.ts';
import { forwardAsOfWatchdog } from '../fixtures/openfaas/watchdogs.ts';
import { close, listen } from '../support/http.ts';
import { caseBody, queryString } from './cases.ts';
import { conformanceSuite } from './suite.ts';

const server = createUpstreamServer({ handler: createHandler() });
let base = '';

conformanceSuite(
  'openfaas of-watchdog (http mode)',
  ({ request }) => {
    const query = queryString(request.query);
    const headers: Record<string, string> = { ...request.headers };
    if (request.cookies) headers['cookie'] = request.cookies.join('; ');
    const { text } = caseBody(request);
    return forwardAsOfWatchdog(base, {
      method: request.method,
      target: `${request.path}${query ? `?${query}` : ''}`,
      headers,
      // The watchdog forwards the client's bytes as they are: there is no base64 flag.
      body: request.base64 && request.body !== undefined ? request.body : text,
    });
  },
  {
    before: async () => (base = await listen(server)),
    after: () => close(server),
    unsupported: { 'invalid base64 body': 'the watchdog forwards raw bytes: there is no base64 encoding to get wrong' },
  },
);
