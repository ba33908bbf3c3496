// The custom handler's invocation envelope: what the Functions host POSTs to /<FunctionName> for an
// HTTP trigger ({Data, Metadata}) and what it reads back ({Outputs, Logs, ReturnValue}). Shapes from
// azure-functions-host: HttpRequestExtensions.GetRequestAsJObject (Data.req), HttpScriptInvocationResult
// and HttpOutputBindingResponse (the answer).
import { HttpError } from '../../src/contract/errors.ts';
import { bodyFrom, isRecord, normalizeHeaders, queryFromSearch } from '../../src/contract/request.ts';
import type { PolyRequest, PolyResponse } from '../../src/contract/types.ts';
import { azureHeaders } from './function-app.ts';

/** The name of the HTTP trigger binding: the request arrives as Data.req. */
export const TRIGGER_BINDING = 'req';
/** The name of the http output binding: the answer goes in Outputs.res. */
export const OUTPUT_BINDING = 'res';

/**
 * The function.json of one function (the package step writes one per function folder): an HTTP
 * trigger on `route` and an http output, the names this envelope reads and writes. No `methods`:
 * every method reaches the handler, so a wrong one gets the contract's 405.
 */
export function functionJson(route: string): { bindings: object[] } {
  return {
    bindings: [
      { type: 'httpTrigger', direction: 'in', name: TRIGGER_BINDING, authLevel: 'anonymous', route },
      { type: 'http', direction: 'out', name: OUTPUT_BINDING },
    ],
  };
}

/** Data.req: the host's copy of the client's request. */
export interface HostHttpRequest {
  /** Scheme, host, path, and the query string as the client sent it. */
  Url: string;
  Method: string;
  /** name -> value; a repeated name arrives once, its values comma-joined. */
  Query?: Record<string, string>;
  /** name -> every value. */
  Headers?: Record<string, string[]>;
  Params?: Record<string, string>;
  Identities?: unknown[];
  /** Only when Content-Length > 0: base64 for octet-stream and multipart bodies, else the text. */
  Body?: string;
}

export interface InvocationRequest {
  Data: { req: HostHttpRequest };
  /** Trigger metadata (Query, Headers, sys, ...): it repeats Data.req, so the handler reads none of it. */
  Metadata?: Record<string, unknown>;
}

/** An http output as the host reads it. */
export interface HttpOutput {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface InvocationResponse {
  Outputs: Record<string, HttpOutput>;
  /** Written to the host's invocation log (Application Insights in Azure), always at Information. */
  Logs: string[];
  /** The same response again, for a function.json that binds its http output to $return. */
  ReturnValue: HttpOutput;
}

function envelopeError(message: string): HttpError {
  return new HttpError('invalid_envelope', message);
}

function hostHeaders(raw: unknown): Record<string, string | string[]> {
  if (raw === undefined || raw === null) return {};
  const valid = isRecord(raw) && Object.values(raw).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string')));
  if (!valid) throw envelopeError('Data.req.Headers must map header names to lists of strings');
  return raw as Record<string, string | string[]>;
}

/** The host sends octet-stream and multipart bodies base64-encoded (Utility.IsMediaTypeOctetOrMultipart). */
function sentAsBase64(contentType = ''): boolean {
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/octet-stream' || type.includes('multipart/');
}

/** The client's request from the payload text; a payload that is not the host's shape is invalid_envelope. */
export function fromInvocation(text: string): PolyRequest {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw envelopeError('the invocation payload is not JSON');
  }
  const req = isRecord(payload) && isRecord(payload['Data']) ? payload['Data']['req'] : undefined;
  if (!isRecord(req)) throw envelopeError('the invocation payload has no Data.req (the HTTP trigger must be named "req")');
  const { Url, Method, Headers, Body } = req;
  if (typeof Url !== 'string' || !URL.canParse(Url)) throw envelopeError('Data.req.Url must be the request URL');
  if (typeof Method !== 'string' || Method === '') throw envelopeError('Data.req.Method must be the request method');
  if (Body !== undefined && Body !== null && typeof Body !== 'string') throw envelopeError('Data.req.Body must be a string');
  const url = new URL(Url);
  const headers = normalizeHeaders(hostHeaders(Headers));
  return {
    method: Method,
    path: url.pathname,
    // From the Url: Data.req.Query folds a repeated name into one comma-joined value.
    query: queryFromSearch(url.search),
    headers,
    body: bodyFrom(Body, sentAsBase64(headers['content-type']), url.pathname),
  };
}

export function toInvocationResponse(out: PolyResponse, logs: string[]): InvocationResponse {
  const output: HttpOutput = { statusCode: out.status, headers: azureHeaders(out), body: out.body };
  return { Outputs: { [OUTPUT_BINDING]: output }, Logs: logs, ReturnValue: output };
}
