// One conformance-case request sent through an adapter in its platform's own envelope, with the
// answer read back as plain HTTP (status, headers, cookies, body): what the conformance, fuzz, fault
// and pool tests send. The envelopes are the fixtures' (test/fixtures/); this file only wires each to
// its adapter, once for every test that sends through it.
import azure from '@azure/functions';
import * as assert from 'uvu/assert';
import { httpHandler } from '../../adapters/azure/functions.ts';
import { OUTPUT_BINDING } from '../../adapters/azure/invocation.ts';
import { handler as lambdaHandler } from '../../adapters/lambda/handler.ts';
import type { FetchHandler } from '../../src/contract/fetch.ts';
import { caseBody, queryString, type ActualResponse, type CaseRequest } from '../conformance/cases.ts';
import { functionFor, invocationPayload, invoke, proxyHeaders, PUBLIC_HOST } from '../fixtures/azure/host.ts';
import { capturingStdout, envelopes, lambdaContext, type EnvelopeKind } from '../fixtures/lambda/envelopes.ts';
import { forwardAsOfWatchdog, type ForwardedRequest } from '../fixtures/openfaas/watchdogs.ts';
import { send } from './http.ts';

export type Send = (request: CaseRequest) => Promise<ActualResponse>;

/** Path and query string, as the client sends them. */
function targetOf(request: CaseRequest): string {
  const query = queryString(request.query);
  return `${request.path}${query ? `?${query}` : ''}`;
}

function clientHeaders(request: CaseRequest): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.cookies) headers['cookie'] = request.cookies.join('; ');
  return headers;
}

/** The bytes on the wire where there is no base64 flag: the body as it is. */
function rawBody(request: CaseRequest): string | Uint8Array<ArrayBuffer> | undefined {
  if (request.body instanceof Uint8Array) return new Uint8Array(request.body);
  return request.base64 && request.body !== undefined ? request.body : caseBody(request).text;
}

/** Plain HTTP to a server at `base` (the local server; the custom handler's proxied requests with the host's headers). */
export function overHttp(base: string, extraHeaders: Record<string, string> = {}): Send {
  return (request) =>
    send(`${base}${targetOf(request)}`, { method: request.method, headers: { ...clientHeaders(request), ...extraHeaders }, body: rawBody(request) });
}

/** The custom handler, called by the Functions host with the client's request proxied. */
export function proxiedByAzureHost(base: string): Send {
  return (request) => overHttp(base, proxyHeaders())(request);
}

/** The custom handler, called by the Functions host with an invocation payload; the client's answer from Outputs.res. */
export function invokedByAzureHost(base: string): Send {
  return async (request) => {
    const headers = clientHeaders(request);
    // The host base64-encodes octet-stream and multipart bodies only: a body that claims base64 is one of those.
    if (request.rawBase64 !== undefined) headers['content-type'] = 'application/octet-stream';
    const { status, response } = await invoke(base, functionFor(request.path).name, invocationPayload({ ...request, headers, rawBody: request.rawBase64 }));
    assert.is(status, 200, 'the invocation itself always succeeds');
    const { statusCode, headers: out, body } = response.Outputs[OUTPUT_BINDING]!;
    const { 'set-cookie': cookie, ...rest } = out;
    return { status: statusCode, headers: rest, cookies: cookie ? [cookie] : [], body };
  };
}

/** The Azure v4 handler with the library's own HttpRequest, its answer read as the worker reads it. */
export const throughAzureV4: Send = async (request) => {
  const body = rawBody(request);
  const httpRequest = new azure.HttpRequest({
    method: request.method,
    url: `https://${PUBLIC_HOST}${targetOf(request)}`,
    headers: clientHeaders(request),
    query: Object.fromEntries(Object.entries(request.query ?? {}).map(([name, values]) => [name, values.join(',')])),
    body: body === undefined ? undefined : { bytes: Buffer.from(body) },
  });
  const context = new azure.InvocationContext({ functionName: functionFor(request.path).name, logHandler: () => {} });
  const response = new azure.HttpResponse(await httpHandler(httpRequest, context));
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const { 'set-cookie': cookie, ...rest } = headers;
  return { status: response.status, headers: rest, cookies: cookie ? [cookie] : [], body: await response.text() };
};

/** A Lambda handler (the source's unless given, e.g. the packaged bundle's) with the request in one event shape (and `remainingMs` left), its log line kept off the test output. */
export function throughLambda(kind: EnvelopeKind, remainingMs?: number, handler: typeof lambdaHandler = lambdaHandler): Send {
  const { build, read } = envelopes[kind];
  return async (request) => read((await capturingStdout(() => handler(build(request), lambdaContext(remainingMs)))).value);
}

/** A web-standard fetch handler, called with the Request a runtime would build, its Response read as a client reads it. */
export function throughFetch(handler: FetchHandler, origin = 'https://polyfn.example'): Send {
  return async (request) => {
    // Bytes, not text: a Request made from a string would add content-type: text/plain itself.
    const body = rawBody(request);
    const response = await handler(
      new Request(`${origin}${targetOf(request)}`, {
        method: request.method,
        headers: clientHeaders(request),
        body: body === undefined ? null : typeof body === 'string' ? new TextEncoder().encode(body) : body,
      }),
    );
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') headers[name] = value;
    });
    return { status: response.status, headers, cookies: response.headers.getSetCookie(), body: await response.text() };
  };
}

/** The request as an OpenFaaS watchdog passes it on: the client's method, target, headers and raw bytes. */
export function asForwarded(request: CaseRequest): ForwardedRequest {
  return { method: request.method, target: targetOf(request), headers: clientHeaders(request), body: rawBody(request) };
}

/** The of-watchdog upstream, called as the watchdog forwards a request (any body chunked). */
export function forwardedByOfWatchdog(base: string): Send {
  return (request) => forwardAsOfWatchdog(base, asForwarded(request));
}
