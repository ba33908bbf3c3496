// The conformance table through the Lambda handler in every event shape that brings it HTTP
// requests: each case becomes that shape's event, and the shape's result is read back strictly.
import { handler } from '../../adapters/lambda/handler.ts';
import { capturingStdout, ENVELOPE_KINDS, envelopes, lambdaContext, UNSUPPORTED } from '../fixtures/lambda/envelopes.ts';
import { conformanceSuite } from './suite.ts';

for (const kind of ENVELOPE_KINDS) {
  const { build, read } = envelopes[kind];
  conformanceSuite(
    `lambda ${kind}`,
    async ({ request }) => read((await capturingStdout(() => handler(build(request), lambdaContext()))).value),
    { unsupported: UNSUPPORTED[kind] ?? {} },
  );
}
