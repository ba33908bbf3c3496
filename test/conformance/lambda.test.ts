// The conformance table through the Lambda handler in every event shape that brings it HTTP
// requests: each case becomes that shape's event, and the shape's result is read back strictly.
import { ENVELOPE_KINDS, UNSUPPORTED } from '../fixtures/lambda/envelopes.ts';
import { throughLambda } from '../support/adapters.ts';
import { conformanceSuite } from './suite.ts';

for (const kind of ENVELOPE_KINDS) {
  const send = throughLambda(kind);
  conformanceSuite(`lambda ${kind}`, ({ request }) => send(request), { unsupported: UNSUPPORTED[kind] ?? {} });
}
