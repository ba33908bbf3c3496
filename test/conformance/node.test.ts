// The conformance table against the local Node server, over real HTTP on loopback.
import { createLocalServer } from '../../adapters/node/server.ts';
import { caseBody, queryString } from './cases.ts';
import { conformanceSuite } from './suite.ts';
import { close, listen, send } from '../support/http.ts';

const server = createLocalServer();
let base = '';

conformanceSuite(
  'node server',
  async ({ request }) => {
    const query = queryString(request.query);
    const headers: Record<string, string> = { ...request.headers };
    if (request.cookies) headers['cookie'] = request.cookies.join('; ');
    const { text } = caseBody(request);
    // Plain HTTP has no base64 flag: the bytes travel as they are.
    return send(`${base}${request.path}${query ? `?${query}` : ''}`, {
      method: request.method,
      headers,
      body: request.base64 && request.body !== undefined ? request.body : text,
    });
  },
  {
    before: async () => (base = await listen(server)),
    after: () => close(server),
    unsupported: { 'invalid base64 body': 'plain HTTP carries raw bytes: there is no base64 encoding to get wrong' },
  },
);
