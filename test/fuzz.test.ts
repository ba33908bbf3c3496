// Hostile input, property-based (fast-check): bad requests of every kind (test/support/bad-requests.ts)
// through every adapter in its own envelope, over real HTTP where the adapter is a server. Each must
// answer the 4xx JSON error its one fault earns, with no 5xx, no crash and no hang; after each batch
// the adapter still answers valid requests correctly. Malformed envelopes themselves (Lambda events,
// custom-handler payloads) must be refused the same way.
import fc from 'fast-check';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCustomHandlerServer } from '../adapters/azure/custom-handler.ts';
import { CATCH_ALL } from '../adapters/azure/function-app.ts';
import { OUTPUT_BINDING } from '../adapters/azure/invocation.ts';
import { OPERATION_NAMES } from '../adapters/lambda/direct.ts';
import { handler as lambdaHandler, type LambdaResult } from '../adapters/lambda/handler.ts';
import { createLocalServer } from '../adapters/node/server.ts';
import { createHandler } from '../adapters/openfaas/handler.ts';
import { createUpstreamServer } from '../adapters/openfaas/server.ts';
import { ERROR_STATUS, type ErrorCode } from '../src/contract/errors.ts';
import { root } from '../scripts/bundle.ts';
import { packageOpenfaas } from '../scripts/package/openfaas.ts';
import { assertConformance, cases, type ActualResponse } from './conformance/cases.ts';
import { invocationPayload, invoke } from './fixtures/azure/host.ts';
import { capturingStdout, ENVELOPE_KINDS, envelopes, lambdaContext } from './fixtures/lambda/envelopes.ts';
import { classicAnswer, runAsClassicWatchdog } from './fixtures/openfaas/watchdogs.ts';
import {
  asForwarded,
  forwardedByOfWatchdog,
  invokedByAzureHost,
  overHttp,
  proxiedByAzureHost,
  throughAzureV4,
  throughLambda,
  type Send,
} from './support/adapters.ts';
import { assertClientError, clientErrorCode, within } from './support/answers.ts';
import { asDirectEvent, badRequests, type BadRequest, type EnvelopeAbilities } from './support/bad-requests.ts';
import { close, listen, rawExchange } from './support/http.ts';

/** Bad requests per adapter: enough to meet every kind of fault a few times, few enough to stay quick. */
const RUNS = 40;
const HTTP_SERVER: EnvelopeAbilities = { repeatedQuery: true, base64: false, head: true };

/** Valid requests with their exact answers (status and body: every envelope carries those) from the conformance table. */
const STILL_SERVING = ['palindromes from the query', 'circles from a JSON batch', 'palindromes from a JSON body'].map((name) => {
  const { expect, ...c } = cases.find((known) => known.name === name)!;
  return { ...c, expect: { status: expect.status, json: expect.json } };
});

/** The adapter is still sound: valid requests get their exact answers. */
async function assertStillServing(send: Send, adapter: string): Promise<void> {
  for (const c of STILL_SERVING) assertConformance(c, await within(send(c.request), `${adapter}: ${c.name}`));
}

async function fuzz(adapter: string, send: Send, abilities: EnvelopeAbilities, numRuns = RUNS): Promise<void> {
  await fc.assert(
    fc.asyncProperty(badRequests(abilities), async ({ what, request, code }: BadRequest) => {
      assertClientError(await within(send(request), `${adapter}: ${what}`), code, `${adapter}: ${what}`);
    }),
    { numRuns },
  );
  await assertStillServing(send, adapter);
}

/** Valid requests as raw HTTP/1.1, with the status and body each is answered. */
const PIPELINED = [
  { text: 'GET /api/hello HTTP/1.1\r\nhost: x\r\n\r\n', body: '{"message":"hello world"}' },
  { text: 'GET /api/circle?radius=0 HTTP/1.1\r\nhost: x\r\n\r\n', body: '{"radius":0,"area":0,"circumference":0}' },
  {
    text: 'POST /api/circle HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 12\r\n\r\n{"radius":0}',
    body: '{"radius":0,"area":0,"circumference":0}',
  },
];

/** Heads Node's parser refuses: each is answered 400 invalid_envelope. */
const malformedHead = fc.constantFrom(
  'GET /api/hello HTTP/1.1\r\nhost: x\r\nnot a header\r\n\r\n',
  'GET /api/hello HTTP/1.1\r\nhost: x\r\nbad name: x\r\n\r\n',
  'G@T /api/hello HTTP/1.1\r\nhost: x\r\n\r\n',
  'GET /api/hello HTTP/9.9\r\nhost: x\r\n\r\n',
  'POST /api/circle HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n',
  'POST /api/circle HTTP/1.1\r\nhost: x\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
);

/** Pipelined on one connection, valid requests ahead of a malformed head are answered, in order, and then the head's 400. */
async function pipelined(adapter: string, port: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom(...PIPELINED), { minLength: 1, maxLength: 3 }), malformedHead, async (valid, head) => {
      const where = `${adapter}: ${valid.length} valid requests, then ${JSON.stringify(head.split('\r\n', 1)[0])}`;
      const { answers } = await rawExchange(port, valid.map((request) => request.text).join('') + head);
      assert.equal(
        answers.map((answer) => [answer.status, answer.body]).slice(0, -1),
        valid.map((request) => [200, request.body]),
        where,
      );
      assertClientError({ ...answers.at(-1)!, cookies: [] }, 'invalid_envelope', where);
    }),
    { numRuns: RUNS / 4 },
  );
}

/** Registers one suite that fuzzes `send`, with a server listening around it when there is one. */
function fuzzSuite(adapter: string, abilities: EnvelopeAbilities, connect: (base: string) => Send, server?: Server): void {
  const test = suite(`fuzz: ${adapter}`);
  let base = '';
  if (server) {
    test.before(async () => void (base = await listen(server)));
    test.after(() => close(server));
  }
  test('bad requests get the 4xx JSON error of their fault, and the adapter keeps serving', () => fuzz(adapter, connect(base), abilities));
  if (server && abilities.head)
    test('pipelined requests ahead of a malformed head get their answers, in order, before its 400', () => pipelined(adapter, Number(new URL(base).port)));
  test.run();
}

fuzzSuite('local server', HTTP_SERVER, overHttp, createLocalServer());
fuzzSuite('openfaas of-watchdog upstream (chunked bodies)', HTTP_SERVER, forwardedByOfWatchdog, createUpstreamServer({ handler: createHandler() }));
fuzzSuite('azure custom handler, proxied HTTP', HTTP_SERVER, proxiedByAzureHost, createCustomHandlerServer());
fuzzSuite('azure custom handler, invocation payload', { repeatedQuery: true, base64: true, head: false }, invokedByAzureHost, createCustomHandlerServer());
fuzzSuite('azure functions v4', { repeatedQuery: true, base64: false, head: false }, () => throughAzureV4);
for (const kind of ENVELOPE_KINDS) {
  // Without multi-value headers, ALB passes only the last value of a repeated query parameter.
  fuzzSuite(`lambda ${kind}`, { repeatedQuery: kind !== 'alb', base64: true, head: false }, () => throughLambda(kind));
}

// ---------------------------------------------------------------------------------------------
/** A Lambda result in any shape as plain HTTP: the HTTP shapes' statusCode, or a direct answer's own status. */
function lambdaAnswer(result: LambdaResult): ActualResponse {
  if ('statusCode' in result) return { status: result.statusCode as number, headers: {}, cookies: [], body: String(result.body ?? '') };
  const { status, ...answer } = result as { status?: number };
  return { status: status ?? 200, headers: {}, cookies: [], body: JSON.stringify(answer) };
}

/** A failed direct invocation as the answer it stands for (POLYFN_DIRECT_ERRORS=return's): its code's status and error body. Anything else is a crash. */
function failureAnswer(failure: unknown): ActualResponse {
  if (!(failure instanceof Error) || !Object.hasOwn(ERROR_STATUS, failure.name)) throw failure;
  const body = JSON.stringify({ error: { code: failure.name, message: failure.message } });
  return { status: ERROR_STATUS[failure.name as ErrorCode], headers: {}, cookies: [], body };
}

async function invokeLambda(event: unknown): Promise<ActualResponse> {
  return (
    await within(
      capturingStdout(() => lambdaHandler(event, lambdaContext()).then(lambdaAnswer, failureAnswer)),
      'lambda',
    )
  ).value;
}

const direct = suite('fuzz: lambda direct invocation and malformed events');

direct('bad parameters in a direct invocation get the 4xx JSON error of their fault', async () => {
  const directBad = badRequests({ repeatedQuery: true, base64: false, head: false })
    .map((bad) => ({ bad, event: asDirectEvent(bad) }))
    // Nesting thousands deep overflows JSON.stringify when the handler rebuilds the body: a 400 invalid_envelope, tested below.
    .filter(({ bad, event }) => event !== undefined && !bad.what.startsWith('deeply nested'));
  const wrongOp = fc
    .oneof(fc.string(), fc.integer(), fc.constant(null))
    .filter((op) => !OPERATION_NAMES.includes(op as string))
    .map((op) => ({ bad: { what: `op ${JSON.stringify(op)}`, code: 'invalid_parameter' as const }, event: { op, min: 1, max: 9 } }));
  await fc.assert(
    fc.asyncProperty(fc.oneof(directBad, wrongOp), async ({ bad, event }) => {
      assertClientError(await invokeLambda(event), bad.code, `direct: ${bad.what}`);
    }),
    { numRuns: RUNS },
  );
  const nested = `{"op":"palindromes","min":${'['.repeat(50_000)}${']'.repeat(50_000)},"max":1}`;
  clientErrorCode(await invokeLambda(JSON.parse(nested)), 'direct: deeply nested');
  assert.equal(JSON.parse((await invokeLambda({ op: 'palindromes', min: 10, max: 99 })).body).largest, { value: 9009, factors: [[91, 99]] });
});

/** Events that are not what any shape sends: anything at all, and real events with a field broken. */
const brokenEvent = fc.oneof(
  fc.anything(),
  fc.tuple(fc.constantFrom(...ENVELOPE_KINDS), fc.constantFrom(...cases), fc.jsonValue({ maxDepth: 2 }), fc.nat()).map(([kind, c, value, pick]) => {
    const event = envelopes[kind].build(c.request) as Record<string, unknown>;
    const requestContext = event['requestContext'] as Record<string, unknown>;
    const [holder, names] = pick % 2 ? [event, Object.keys(event)] : [requestContext, Object.keys(requestContext)];
    holder[names[pick % names.length]!] = value;
    return event;
  }),
);

/** The maps (and v2's cookie list) each shape reads its headers and query from. */
const READ_FIELDS: Record<(typeof ENVELOPE_KINDS)[number], string[]> = {
  'rest-v1': ['headers', 'multiValueHeaders', 'queryStringParameters', 'multiValueQueryStringParameters'],
  'http-v2': ['headers', 'cookies'],
  'function-url': ['headers', 'cookies'],
  alb: ['headers', 'queryStringParameters'],
  'alb-multi-value': ['multiValueHeaders', 'multiValueQueryStringParameters'],
  'lattice-v2': ['headers'],
};

/** JSON values that are neither text nor a list of text. */
const notText = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
  fc
    .tuple(
      fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 1 })), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.boolean(),
    )
    .map(([list, afterText]) => (afterText ? ['text', ...list] : list)),
);

/** A real event with one header, cookie, query value, body or base64 flag of the wrong JSON type. */
const mistypedEvent = fc
  .tuple(fc.constantFrom(...ENVELOPE_KINDS), fc.constantFrom(...cases), fc.nat(), fc.constantFrom('cookie', 'content-type', 'min', 'x-anything'), notText)
  .map(([kind, c, pick, name, value]) => {
    const event = envelopes[kind].build(c.request) as Record<string, unknown>;
    const fields = [...READ_FIELDS[kind], 'body', 'isBase64Encoded'];
    const field = fields[pick % fields.length]!;
    if (field === 'isBase64Encoded') event[field] = typeof value === 'boolean' ? String(value) : value;
    else if (field === 'body' || field === 'cookies') event[field] = value;
    else event[field] = { ...(event[field] as object | null), [name]: value };
    return { where: `${kind} ${field}${field.endsWith('s') && field !== 'cookies' ? `.${name}` : ''} = ${JSON.stringify(value)}`, event };
  });

direct('a header, cookie, query value, body or base64 flag of the wrong type is invalid_envelope in every shape', async () => {
  await fc.assert(
    fc.asyncProperty(mistypedEvent, async ({ where, event }) => {
      assertClientError(await invokeLambda(event), 'invalid_envelope', where);
    }),
    { numRuns: 2 * RUNS },
  );
});

direct('malformed events answer (or fail with) a 4xx error code, or when still valid an answer; never a crash or a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(brokenEvent, async (event) => {
      const answer = await invokeLambda(event);
      assert.ok(answer.status < 500, `status ${answer.status} for ${JSON.stringify(event)?.slice(0, 200)}: ${answer.body}`);
      if (answer.status >= 400) clientErrorCode(answer, `malformed event ${JSON.stringify(event)?.slice(0, 200)}`);
    }),
    { numRuns: 2 * RUNS },
  );
  await assertStillServing(throughLambda('http-v2'), 'lambda after malformed events');
});

direct.run();

// ---------------------------------------------------------------------------------------------
const payloads = suite('fuzz: azure custom handler, malformed invocation payloads');
const payloadServer = createCustomHandlerServer();
let payloadBase = '';
payloads.before(async () => void (payloadBase = await listen(payloadServer)));
payloads.after(() => close(payloadServer));

/** Payloads that are not the host's: any JSON, any text, and real payloads with a field of Data.req broken. */
const brokenPayload = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string(),
  fc.tuple(fc.constantFrom(...cases), fc.constantFrom('Url', 'Method', 'Headers', 'Body', 'Query'), fc.jsonValue({ maxDepth: 2 })).map(([c, field, value]) => {
    const payload = invocationPayload(c.request);
    (payload.Data.req as unknown as Record<string, unknown>)[field] = value;
    return JSON.stringify(payload);
  }),
);

payloads('always an invocation answer (200) carrying a 4xx JSON error or an answer, never a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(brokenPayload, fc.constantFrom('hello', 'palindromes', CATCH_ALL.name, 'nope'), async (payload, name) => {
      const { status, response } = await within(invoke(payloadBase, name, payload), `payload ${payload.slice(0, 100)}`);
      assert.is(status, 200);
      const { statusCode, body } = response.Outputs[OUTPUT_BINDING]!;
      assert.ok(statusCode < 500, `status ${statusCode} for ${payload.slice(0, 200)}: ${body}`);
      if (statusCode >= 400) clientErrorCode({ status: statusCode, headers: {}, cookies: [], body }, `payload ${payload.slice(0, 200)}`);
    }),
    { numRuns: RUNS },
  );
  await assertStillServing(invokedByAzureHost(payloadBase), 'custom handler after malformed payloads');
});

payloads.run();

// ---------------------------------------------------------------------------------------------
// The classic watchdog forks one process per request: a handful of cases only.
const classic = suite('fuzz: openfaas classic watchdog entry');
let classicEntry = '';
classic.before(async () => {
  const [artifact] = await packageOpenfaas();
  classicEntry = join(root, artifact!.path, 'classic.mjs');
});

classic('a few bad requests: the error body on stdout, exit 0, the 4xx status in the log line', async () => {
  const settings = { content_type: 'application/json', combine_output: 'false' };
  const sendClassic: Send = async (request) => {
    const run = await runAsClassicWatchdog(classicEntry, asForwarded(request), settings);
    assert.is(run.exitCode, 0, run.stderr);
    // The client always sees 200; the contract's status is in the log line.
    return { ...classicAnswer(run, settings.content_type), status: (JSON.parse(run.stderr) as { status: number }).status };
  };
  await fuzz('classic', sendClassic, { repeatedQuery: true, base64: false, head: false }, 5);
});

classic.run();
