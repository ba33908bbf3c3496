// The Lambda bundle as deployed: packageLambda() writes dist/lambda.zip, which is unzipped into a
// temporary folder and imported the way the runtime imports `index.handler`; then the whole
// conformance table runs through it in every HTTP event shape, and a direct invocation.
import { unzipSync } from 'fflate';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { handler as sourceHandler } from '../adapters/lambda/handler.ts';
import { root } from '../scripts/bundle.ts';
import type { Artifact } from '../scripts/package/artifact.ts';
import { LAMBDA_ZIP, packageLambda } from '../scripts/package/lambda.ts';
import { conformanceSuite } from './conformance/suite.ts';
import {
  capturingStdout,
  ENVELOPE_KINDS,
  httpApiEvent,
  assertLargeContainsAnswered,
  lambdaContext,
  largeBinaryContainsRequest,
  oversizeBase64Requests,
  UNSUPPORTED,
} from './fixtures/lambda/envelopes.ts';
import { throughLambda } from './support/adapters.ts';
import { assertClientError } from './support/answers.ts';
import { assertLogLine } from './support/log.ts';

interface Deployed {
  artifacts: Artifact[];
  entries: string[];
  folder: string;
  handler: typeof sourceHandler;
}

let deployment: Promise<Deployed> | undefined;

/** Packages once, unzips into a temporary folder, and imports index.mjs from there. */
function deploy(): Promise<Deployed> {
  deployment ??= (async () => {
    const artifacts = await packageLambda();
    const files = unzipSync(new Uint8Array(await readFile(join(root, LAMBDA_ZIP))));
    const folder = await mkdtemp(join(tmpdir(), 'polyfn-lambda-'));
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(folder, name), bytes);
    const { handler } = (await import(pathToFileURL(join(folder, 'index.mjs')).href)) as { handler: typeof sourceHandler };
    return { artifacts, entries: Object.keys(files), folder, handler };
  })();
  return deployment;
}

const zip = suite('lambda bundle: dist/lambda.zip');

zip('holds index.mjs alone at its root, exporting handler, with no runtime dependencies', async () => {
  const { artifacts, entries, handler } = await deploy();
  assert.equal(entries, ['index.mjs']);
  assert.type(handler, 'function');
  assert.is(artifacts.length, 1);
  const [artifact] = artifacts;
  assert.is(artifact!.path, LAMBDA_ZIP);
  assert.is(artifact!.bytes, (await stat(join(root, LAMBDA_ZIP))).size);
  assert.equal(artifact!.files, ['index.mjs']);
  assert.equal(artifact!.runtimeDependencies, {});
});

zip('answers a direct invocation and logs one JSON line with the request id', async () => {
  const { handler } = await deploy();
  const context = lambdaContext(30_000, 'bundle-direct-1');
  const { value, lines } = await capturingStdout(() => handler({ op: 'palindromes', min: 10, max: 99 }, context));
  assert.equal(value, { smallest: { value: 121, factors: [[11, 11]] }, largest: { value: 9009, factors: [[91, 99]] } });
  assert.is(lines.length, 1);
  const line = assertLogLine(lines[0], 'INFO', 'request');
  assert.equal(
    [line['function_request_id'], line['function_name'], line['event'], line['route']],
    ['bundle-direct-1', 'polyfn-dev-api', 'direct', '/api/palindromes'],
  );
  assert.type(line['cold_start'], 'boolean');
});

zip("AWS_LAMBDA_LOG_LEVEL (the function's application log level) drops the lines below it; the X-Ray trace id is logged", async () => {
  const { folder } = await deploy();
  const saved = { level: process.env['AWS_LAMBDA_LOG_LEVEL'], trace: process.env['_X_AMZN_TRACE_ID'] };
  process.env['AWS_LAMBDA_LOG_LEVEL'] = 'WARN';
  process.env['_X_AMZN_TRACE_ID'] = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
  try {
    // A second instance of the module, as a new execution environment with this setting loads it.
    const { handler } = (await import(`${pathToFileURL(join(folder, 'index.mjs')).href}?level=warn`)) as { handler: typeof sourceHandler };
    const ok = await capturingStdout(() => handler({ op: 'hello' }, lambdaContext(30_000, 'warn-1')));
    const bad = await capturingStdout(() =>
      handler(httpApiEvent({ method: 'GET', path: '/api/palindromes', query: { min: ['99'], max: ['10'] } }), lambdaContext(30_000, 'warn-2')),
    );
    assert.equal(ok.lines, []);
    assert.is(bad.lines.length, 1);
    const line = assertLogLine(bad.lines[0], 'WARN', 'request');
    assert.equal([line['error_code'], line['xray_trace_id'], line['cold_start']], ['invalid_parameter', '1-5759e988-bd862e3fe1be46a994272793', false]);
  } finally {
    for (const [name, value] of [
      ['AWS_LAMBDA_LOG_LEVEL', saved.level],
      ['_X_AMZN_TRACE_ID', saved.trace],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
});

zip('the SAM template and serverless.yml deploy this zip under the handler setting index.handler', async () => {
  const folder = join(root, 'deploy/aws');
  const sam = await readFile(join(folder, 'template.yaml'), 'utf8');
  const serverless = await readFile(join(folder, 'serverless.yml'), 'utf8');
  for (const [name, text, artifact, handler] of [
    ['template.yaml', sam, /^\s+CodeUri: (\S+)$/m, /^\s+Handler: (\S+)$/m],
    ['serverless.yml', serverless, /^\s+artifact: (\S+)$/m, /^\s+handler: (\S+)$/m],
  ] as const) {
    assert.is(resolve(folder, artifact.exec(text)?.[1] ?? ''), join(root, LAMBDA_ZIP), `${name} deploys ${LAMBDA_ZIP}`);
    assert.is(handler.exec(text)?.[1], 'index.handler', `${name} handler`);
  }
});

zip.run();

/** The unzipped bundle's handler (each suite's before() has deployed it). */
const bundledHandler: typeof sourceHandler = async (event, context) => (await deploy()).handler(event, context);

const bundled = suite('lambda bundle: envelopes past the limits');

bundled('a 3.4 MB base64 body (4.5 million characters) is 413 before it is decoded, in every shape', async () => {
  for (const request of oversizeBase64Requests()) {
    for (const kind of ENVELOPE_KINDS) assertClientError(await throughLambda(kind, undefined, bundledHandler)(request), 'payload_too_large', kind);
  }
});

bundled("a 3.4 MB binary body within its route's limit is decoded and computed, in every shape", async () => {
  const request = largeBinaryContainsRequest();
  for (const kind of ENVELOPE_KINDS) assertLargeContainsAnswered(await throughLambda(kind, undefined, bundledHandler)(request), kind);
});

bundled.run();

for (const kind of ENVELOPE_KINDS) {
  const send = throughLambda(kind, undefined, bundledHandler);
  const last = kind === ENVELOPE_KINDS.at(-1);
  conformanceSuite(`lambda bundle ${kind}`, ({ request }) => send(request), {
    unsupported: UNSUPPORTED[kind] ?? {},
    before: deploy,
    after: last ? async () => rm((await deploy()).folder, { recursive: true, force: true }) : undefined,
  });
}
