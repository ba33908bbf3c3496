// What the Lambda handler does beyond the conformance table: each event shape's own rules (stage
// prefixes, where cookies go, ALB's modes and status line, Lattice's two query forms), direct
// invocation, unrecognised and malformed events, the deadline, and the log line.
import type { ALBResult, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { handler } from '../adapters/lambda/handler.ts';
import type { LatticeResult } from '../adapters/lambda/lattice.ts';
import { handle } from '../src/contract/handle.ts';
import { routes } from '../src/contract/routes.ts';
import { inputToJson, KERNELS } from '../src/index.ts';
import {
  albEvent,
  assertLargeContainsAnswered,
  capturingStdout,
  ENVELOPE_KINDS,
  functionUrlEvent,
  httpApiEvent,
  lambdaContext,
  largeBinaryContainsRequest,
  latticeEvent,
  oversizeBase64Requests,
  restV1Event,
} from './fixtures/lambda/envelopes.ts';
import { throughLambda } from './support/adapters.ts';
import { assertClientError } from './support/answers.ts';
import { assertLogLine } from './support/log.ts';
import { run } from './support/run.ts';

/** Invokes the handler with stdout captured; returns the result and the one log line. */
async function invoke<R>(event: unknown, remainingMs?: number): Promise<{ result: R; log: Record<string, unknown> }> {
  const { value, lines } = await capturingStdout(() => handler(event, lambdaContext(remainingMs)));
  assert.is(lines.length, 1, 'one log line per request');
  return { result: value as R, log: JSON.parse(lines[0]!) as Record<string, unknown> };
}

/** Invokes the handler expecting the invocation to fail; returns what it threw and the one log line. */
async function invokeFailing(event: unknown, remainingMs?: number): Promise<{ failure: Error; log: Record<string, unknown> }> {
  let failure: unknown;
  const { lines } = await capturingStdout(() =>
    handler(event, lambdaContext(remainingMs)).then(
      (value) => assert.unreachable(`the invocation succeeded: ${JSON.stringify(value)}`),
      (error: unknown) => {
        failure = error;
      },
    ),
  );
  assert.is(lines.length, 1, 'one log line per request');
  assert.instance(failure, Error);
  return { failure: failure as Error, log: JSON.parse(lines[0]!) as Record<string, unknown> };
}

function json(result: { body?: string }): unknown {
  return JSON.parse(result.body ?? '');
}

const HELLO = { message: 'hello world' };
const SET_ENGINE = { method: 'PUT', path: '/api/engine', headers: { 'content-type': 'application/json' }, body: '{"engine":"js"}' };
const ENGINE_COOKIE = /^polyfn-engine=js; /;

const stages = suite('lambda: stage prefixes');

stages('REST v1: a custom domain base path in `path` is dropped; the resource and its parameters give the route', async () => {
  const event = { ...restV1Event({ method: 'GET', path: '/api/hello' }), path: '/prod/api/hello' };
  const { result } = await invoke<APIGatewayProxyResult>(event);
  assert.equal(json(result), HELLO);
  const explicit = { ...restV1Event({ method: 'GET', path: '/api/hello' }), path: '/v1/api/hello', resource: '/api/hello', pathParameters: null };
  assert.equal(json((await invoke<APIGatewayProxyResult>(explicit)).result), HELLO);
});

stages('REST v1: the API Gateway console test event (null maps) is served', async () => {
  const event = { ...restV1Event({ method: 'GET', path: '/api/hello' }), headers: null, multiValueHeaders: null };
  assert.equal(json((await invoke<APIGatewayProxyResult>(event)).result), HELLO);
});

// biome-ignore lint/suspicious/noTemplateCurlyInString: the name quotes the path template as AWS writes it
stages('HTTP API v2: rawPath loses /${stage} on a named stage, once, and never on $default', async () => {
  const prod = httpApiEvent({ method: 'GET', path: '/api/hello' });
  assert.is(prod.rawPath, '/prod/api/hello');
  assert.equal(json((await invoke<APIGatewayProxyStructuredResultV2>(prod)).result), HELLO);
  const named = { ...prod, rawPath: '/api/api/hello', requestContext: { ...prod.requestContext, stage: 'api' } };
  assert.equal(json((await invoke<APIGatewayProxyStructuredResultV2>(named)).result), HELLO);
  const byDefault = { ...prod, requestContext: { ...prod.requestContext, stage: '$default' } };
  assert.is((await invoke<APIGatewayProxyStructuredResultV2>(byDefault)).result.statusCode, 404);
});

stages.run();

const cookies = suite('lambda: cookies');

cookies('HTTP API v2 and function URLs answer cookies in `cookies`, never as a set-cookie header', async () => {
  for (const build of [httpApiEvent, functionUrlEvent]) {
    const { result } = await invoke<APIGatewayProxyStructuredResultV2>(build(SET_ENGINE));
    assert.is(result.cookies?.length, 1);
    assert.match(result.cookies![0]!, ENGINE_COOKIE);
    assert.not.ok(Object.keys(result.headers ?? {}).some((name) => name.toLowerCase() === 'set-cookie'));
  }
});

cookies('HTTP API v2 reads `cookies` as the Cookie header', async () => {
  const event = httpApiEvent({ method: 'GET', path: '/api/engine', cookies: ['theme=dark', 'polyfn-engine=js'] });
  assert.is(event.headers['cookie'], undefined);
  assert.equal(json((await invoke<APIGatewayProxyStructuredResultV2>(event)).result), { engine: 'js', source: 'cookie' });
});

cookies('REST v1 answers Set-Cookie in multiValueHeaders', async () => {
  const { result } = await invoke<APIGatewayProxyResult>(restV1Event(SET_ENGINE));
  assert.match(String(result.multiValueHeaders?.['set-cookie']?.[0]), ENGINE_COOKIE);
  assert.is(result.headers?.['set-cookie'], undefined);
});

cookies('VPC Lattice answers set-cookie as a list in headers', async () => {
  const { result } = await invoke<LatticeResult>(latticeEvent(SET_ENGINE));
  assert.ok(Array.isArray(result.headers['set-cookie']));
  assert.match(String(result.headers['set-cookie']![0]), ENGINE_COOKIE);
});

cookies.run();

const queries = suite('lambda: queries and modes');

queries('HTTP API v2 reads rawQueryString, so a repeated parameter stays repeated', async () => {
  const event = httpApiEvent({ method: 'GET', path: '/api/palindromes', query: { min: ['10', '20'], max: ['99'] } });
  assert.equal(event.queryStringParameters, { min: '10,20', max: '99' });
  const { result } = await invoke<APIGatewayProxyStructuredResultV2>(event);
  assert.is((json(result) as { error: { code: string } }).error.code, 'duplicate_parameter');
});

queries('ALB: percent-encoded query names and values are decoded', async () => {
  for (const multiValue of [false, true]) {
    const event = albEvent({ method: 'GET', path: '/api/circle' }, multiValue);
    const raw = { 'r%61dius': '%32', engine: 'j%73' };
    if (multiValue) event.multiValueQueryStringParameters = { 'r%61dius': ['%32'], engine: ['j%73'] };
    else event.queryStringParameters = raw;
    const { result } = await invoke<ALBResult>(event);
    assert.is(result.statusCode, 200, result.body);
    assert.is((json(result) as { radius: number }).radius, 2);
  }
});

queries('ALB answers in the mode of the request, with a status line', async () => {
  const single = (await invoke<ALBResult>(albEvent({ method: 'GET', path: '/api/hello' }, false))).result;
  assert.is(single.statusDescription, '200 OK');
  assert.is(single.headers?.['content-type'], 'application/json; charset=utf-8');
  assert.is(single.multiValueHeaders, undefined);
  const multi = (await invoke<ALBResult>(albEvent({ method: 'GET', path: '/api/nope' }, true))).result;
  assert.is(multi.statusDescription, '404 Not Found');
  assert.equal(multi.multiValueHeaders?.['content-type'], ['application/json; charset=utf-8']);
  assert.is(multi.headers, undefined);
});

queries('ALB single-value mode carries the one Set-Cookie as a header', async () => {
  const { result } = await invoke<ALBResult>(albEvent(SET_ENGINE, false));
  assert.match(String(result.headers?.['set-cookie']), ENGINE_COOKIE);
});

queries('VPC Lattice: a query in queryStringParameters alone (single values) and plain string headers are read too', async () => {
  const event = {
    ...latticeEvent({ method: 'GET', path: '/api/circle' }),
    queryStringParameters: { radius: '2' },
    headers: { host: 'svc.on.aws', cookie: 'polyfn-engine=js' },
  };
  const { result } = await invoke<LatticeResult>(event);
  assert.is(result.statusDescription, '200 OK');
  assert.match(result.headers['server-timing'] as string, /desc="js"/);
  assert.is((json(result) as { radius: number }).radius, 2);
});

queries.run();

const direct = suite('lambda: direct invocation');

direct('answers the route body as plain JSON', async () => {
  const palindromes = await invoke({ op: 'palindromes', min: 10, max: 99 });
  assert.equal(palindromes.result, { smallest: { value: 121, factors: [[11, 11]] }, largest: { value: 9009, factors: [[91, 99]] } });
  assert.equal((await invoke({ op: 'hello' })).result, HELLO);
  assert.equal((await invoke({ op: 'circle', radius: 2, engine: 'js' })).result, { radius: 2, area: 12.566370614359172, circumference: 12.566370614359172 });
  assert.equal((await invoke({ op: 'circle', radii: [1] })).result, { radii: [1], area: [Math.PI], circumference: [2 * Math.PI] });
});

direct('every operation of the route table answers as its route does over HTTP', async () => {
  const operations = routes.filter((route) => route.operation);
  assert.ok(operations.length > KERNELS.length, 'hello and every kernel');
  for (const route of operations) {
    const example = route.kernel ? inputToJson(route.kernel, route.kernel.example) : {};
    const overHttp = await handle({
      method: route.methods.includes('POST') ? 'POST' : 'GET',
      path: route.path,
      query: {},
      headers: { 'content-type': 'application/json' },
      body: route.methods.includes('POST') ? new TextEncoder().encode(JSON.stringify(example)) : undefined,
    });
    assert.is(overHttp.status, 200, `${route.path}: ${overHttp.body}`);
    assert.equal((await invoke({ op: route.operation, ...example })).result, JSON.parse(overHttp.body), route.operation!);
  }
});

const DIRECT_ERRORS: Array<[unknown, number, string]> = [
  [{ op: 'palindromes', min: 99, max: 10 }, 400, 'invalid_parameter'],
  [{ op: 'palindromes', min: '10', max: 99 }, 400, 'invalid_parameter'],
  [{ op: 'palindromes', min: 10 }, 400, 'missing_parameter'],
  [{ op: 'palindromes', min: 1000, max: 9999, budget: 10 }, 422, 'budget_exceeded'],
  [{ op: 'circle', radius: 1, radios: 2 }, 400, 'unknown_parameter'],
  [{ op: 'hello', name: 'x' }, 400, 'unknown_parameter'],
  [{ op: 'engine' }, 400, 'invalid_parameter'],
  [{ op: 42 }, 400, 'invalid_parameter'],
];

direct('an error fails the invocation with the error code as its type (what Step Functions and the Errors metric read), validated as over HTTP', async () => {
  for (const [event, status, code] of DIRECT_ERRORS) {
    const { failure, log } = await invokeFailing(event);
    // The runtime reports errorType = error.name, errorMessage = error.message, trace = the stack's lines.
    assert.is(failure.name, code, JSON.stringify(event));
    assert.ok(failure.message.length > 0);
    assert.is(failure.stack, `${code}: ${failure.message}`, 'no handler frames in the Cause');
    assert.equal([log['status'], log['error_code'], log['event']], [status, code, 'direct']);
  }
});

direct('POLYFN_DIRECT_ERRORS=return answers errors as {error, status} instead; another value stops the init', async () => {
  const script = `
    const { handler } = await import('./adapters/lambda/handler.ts');
    const answers = [];
    for (const event of ${JSON.stringify(DIRECT_ERRORS.map(([event]) => event))}) answers.push(await handler(event, { getRemainingTimeInMillis: () => 30000, awsRequestId: 'r', functionName: 'f' }));
    process.stderr.write(JSON.stringify(answers)); // stdout has the log lines`;
  const withSetting = (value: string) =>
    run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, POLYFN_DIRECT_ERRORS: value } });
  const [returned, bad] = await Promise.all([withSetting('return'), withSetting('raise')]);
  assert.is(returned.code, 0, returned.stderr);
  const answers = JSON.parse(returned.stderr) as Array<{ status: number; error: { code: string; message: string } }>;
  assert.equal(
    answers.map(({ status, error }) => [status, error.code]),
    DIRECT_ERRORS.map(([, status, code]) => [status, code]),
  );
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /POLYFN_DIRECT_ERRORS must be "throw" or "return", got "raise"/);
});

direct.run();

const bad = suite('lambda: bad events');

bad('an unrecognised event fails the invocation as a direct invocation does: invalid_envelope', async () => {
  const s3 = { Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'b' }, object: { key: 'k' } } }] };
  for (const event of [{}, null, undefined, 'hello', 42, [], s3, { httpMethod: 'GET', requestContext: {} }]) {
    const { failure, log } = await invokeFailing(event);
    assert.is(failure.name, 'invalid_envelope');
    assert.match(failure.message, /unrecognised event/);
    assert.is(log['status'], 400);
    assert.is(log['event'], 'unrecognised');
  }
});

bad('invalid base64 gets a 400 in the shape of the event that carried it', async () => {
  const request = { method: 'POST', path: '/api/palindromes', headers: { 'content-type': 'application/json' }, rawBase64: 'eyJtaW4iOjEw!!' };
  const v2 = (await invoke<APIGatewayProxyStructuredResultV2>(httpApiEvent(request))).result;
  assert.is(v2.statusCode, 400);
  assert.ok(Array.isArray(v2.cookies));
  const lattice = (await invoke<LatticeResult>(latticeEvent(request))).result;
  assert.is(lattice.statusDescription, '400 Bad Request');
  assert.is((json(lattice) as { error: { code: string } }).error.code, 'invalid_envelope');
});

bad('a recognised event with a mistyped field is a malformed event (400), not a crash', async () => {
  const event = { ...restV1Event({ method: 'GET', path: '/api/hello' }), resource: 42 };
  const { result } = await invoke<APIGatewayProxyResult>(event);
  assert.is(result.statusCode, 400);
  assert.match(result.body, /malformed rest-v1 event/);
});

bad("header and cookie values that are not text are the caller's fault: 400 invalid_envelope, not 500", async () => {
  const hello = { method: 'GET', path: '/api/hello' };
  const v1 = restV1Event(hello);
  const v2 = httpApiEvent(hello);
  const variants: Array<[string, unknown]> = [
    ['v1 numeric cookie', { ...v1, headers: { ...v1.headers, Cookie: 7 } }],
    ['v1 object cookie', { ...v1, headers: { ...v1.headers, Cookie: { a: 1 } } }],
    ['v1 object content-type', { ...v1, headers: { ...v1.headers, 'Content-Type': { json: true } } }],
    ['v2 numeric cookies', { ...v2, cookies: 7 }],
    ['v2 numeric content-type', { ...v2, headers: { ...v2.headers, 'content-type': 7 } }],
    ['alb numeric cookie', { ...albEvent(hello, false), headers: { cookie: 7 } }],
  ];
  for (const [what, event] of variants) {
    const { result } = await invoke<{ statusCode: number; body: string }>(event);
    assert.is(result.statusCode, 400, what);
    assert.match(result.body, /"invalid_envelope".*must be a string or a list of strings/, what);
  }
});

bad('a base64 body longer than its route reads is 413 before it is decoded, in every shape (a 3.4 MB upload)', async () => {
  for (const request of oversizeBase64Requests()) {
    for (const kind of ENVELOPE_KINDS) assertClientError(await throughLambda(kind)(request), 'payload_too_large', kind);
  }
});

bad("a 3.4 MB binary body within its route's limit (4.5 million base64 characters) is decoded and computed, in every shape", async () => {
  const request = largeBinaryContainsRequest();
  for (const kind of ENVELOPE_KINDS) assertLargeContainsAnswered(await throughLambda(kind)(request), kind);
});

bad('a warm handler keeps serving after bad events', async () => {
  for (const event of [null, { op: 'nope' }]) await invokeFailing(event);
  await invoke({ ...restV1Event({ method: 'GET', path: '/api/hello' }), resource: 42 });
  await invoke(httpApiEvent({ method: 'POST', path: '/api/palindromes', rawBase64: '%%' }));
  await invokeFailing({ op: 'palindromes', min: 1, max: 999999999, budget: 1 });
  assert.equal(json((await invoke<APIGatewayProxyStructuredResultV2>(httpApiEvent({ method: 'GET', path: '/api/hello' }))).result), HELLO);
});

bad.run();

const deadline = suite('lambda: deadline and log');

deadline('a tiny remaining time makes a long search answer 422 budget_exceeded before Lambda would stop it', async () => {
  const search = { method: 'GET', path: '/api/palindromes', query: { min: ['100000000'], max: ['999999999'] } };
  const plenty = (await invoke<APIGatewayProxyStructuredResultV2>(httpApiEvent(search), 30_000)).result;
  assert.is(plenty.statusCode, 200, plenty.body);
  const { result } = await invoke<APIGatewayProxyStructuredResultV2>(httpApiEvent(search), 1);
  assert.is(result.statusCode, 422);
  const { error } = json(result) as { error: { code: string; message: string } };
  assert.is(error.code, 'budget_exceeded');
  assert.match(error.message, /did not finish within \d+ ms/);
  const direct = await invokeFailing({ op: 'palindromes', min: 100000000, max: 999999999 }, 1);
  assert.is(direct.failure.name, 'budget_exceeded');
});

deadline('each request logs one JSON line with the route, status, request id and shape, and never the body', async () => {
  const secret = 'do-not-log-me';
  const request = { method: 'POST', path: '/api/palindromes', headers: { 'content-type': 'application/json' }, body: `{"${secret}":1}` };
  const { log } = await invoke(restV1Event(request));
  assertLogLine(log, 'WARN', 'request');
  assert.equal(
    { ...log, timestamp: typeof log['timestamp'], cold_start: typeof log['cold_start'], durationMs: typeof log['durationMs'] },
    {
      level: 'WARN',
      message: 'request',
      timestamp: 'string',
      service: 'polyfn',
      function_request_id: lambdaContext().awsRequestId,
      function_name: lambdaContext().functionName,
      cold_start: 'boolean',
      method: 'POST',
      route: '/api/palindromes',
      status: 400,
      kernelMs: null,
      engine: null,
      durationMs: 'number',
      error_code: 'unknown_parameter',
      event: 'rest-v1',
    },
  );
  assert.not.ok(JSON.stringify(log).includes(secret));
  const ok = (await invoke(albEvent({ method: 'GET', path: '/api/circle', query: { radius: ['1'] } }, true))).log;
  assert.is(ok['level'], 'INFO');
  assert.is(ok['cold_start'], false);
  assert.is(ok['engine'], 'wasm');
  assert.type(ok['kernelMs'], 'number');
  assert.is(ok['event'], 'alb');
});

deadline.run();
