// Google Cloud Run functions: the packaged dist/gcp/ under the Functions Framework, started as
// `functions-framework --target=polyfn --source=dist/gcp` with IGNORED_ROUTES empty, as deployed (one
// process for the file's suites): the conformance table; the Node server's answers for every
// exchange, including the bodies the framework's parsers would otherwise answer or change (invalid
// JSON, a JSON scalar, unknown charsets and encodings, gzip, forms, chunked and oversize bodies) and
// /favicon.ico; and what Node's HTTP server, inside the framework, answers to malformed requests.
import { packageGcp } from '../../scripts/package/gcp.ts';
import { overHttp } from '../support/adapters.ts';
import { malformedSuite } from '../support/malformed.ts';
import { sharedRuntime, startFunctionsFramework } from '../support/runtimes.ts';
import { exchange, sameAsNodeSuite } from '../support/same-as-node.ts';
import { conformanceSuite } from './suite.ts';

const NAME = 'cloud run functions (functions-framework)';
const framework = sharedRuntime(async () => {
  await packageGcp();
  return startFunctionsFramework();
});

conformanceSuite(NAME, ({ request }) => overHttp(framework.base)(request), {
  before: framework.start,
  unsupported: { 'invalid base64 body': 'plain HTTP carries raw bytes: there is no base64 encoding to get wrong' },
});

sameAsNodeSuite(NAME, (request) => exchange(framework.base, request));

const FRAMEWORK_SERVER =
  "the framework makes the HTTP server, without the Node servers' JSON answer to what Node's parser refuses; deployed, Google's front end answers these";
malformedSuite(
  NAME,
  () => framework.base,
  {
    'a garbage request line': { status: 400, body: '', why: FRAMEWORK_SERVER },
    'a header line without a colon': { status: 400, body: '', why: FRAMEWORK_SERVER },
    'a request head over the limit': { status: 431, body: '', why: FRAMEWORK_SERVER },
    'a broken chunked body': { status: 400, body: '', why: FRAMEWORK_SERVER },
    'HTTP/1.0 without a host': { status: 200, body: 'json' },
  },
  { after: framework.stop },
);
