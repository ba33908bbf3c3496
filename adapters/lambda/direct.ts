// Direct invocation (aws lambda invoke, Step Functions, the SDKs): a plain JSON event names an
// operation and its parameters, and the answer is plain JSON. It goes through handle() as an HTTP
// request would, so validation, limits and error codes are the same:
//   {"op":"hello"}                                   -> {"message":"hello world"}
//   {"op":"palindromes","min":10,"max":99}           -> what /api/palindromes answers ("engine", "budget" optional)
//   {"op":"circle","radius":2} or "radii":[1,2]      -> what /api/circle answers ("engine" optional)
//   anything invalid                                 -> {"error":{"code","message"},"status":400}
import { HttpError } from '../../src/contract/errors.ts';
import { bodyFrom, emptyQuery, isRecord, queryFromMaps } from '../../src/contract/request.ts';
import type { Envelope } from './envelope.ts';

export interface DirectEvent {
  op: string;
  [parameter: string]: unknown;
}

/** The route's JSON body, or on error {"error":{"code","message"},"status":<HTTP status>}. */
export type DirectResult = Record<string, unknown>;

/** Each operation and the method it is sent as: POST carries typed JSON parameters. */
const OPERATIONS: Record<string, 'GET' | 'POST'> = { hello: 'GET', palindromes: 'POST', circle: 'POST' };

export const direct: Envelope<DirectEvent, DirectResult> = {
  kind: 'direct',
  matches: (event): event is DirectEvent => isRecord(event) && 'op' in event,
  toRequest({ op, ...parameters }) {
    const method = typeof op === 'string' && Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : undefined;
    if (!method) throw new HttpError('invalid_parameter', `op must be one of: ${Object.keys(OPERATIONS).join(', ')}`);
    const request = { method, path: `/api/${op}`, headers: { 'content-type': 'application/json' } };
    // A GET takes no body: its parameters (hello has none) become the query, where validation names any given.
    if (method === 'GET') {
      const query = Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, String(value)]));
      return { ...request, query: queryFromMaps(null, query) };
    }
    return { ...request, query: emptyQuery(), body: bodyFrom(JSON.stringify(parameters)) };
  },
  toResult({ status, body }) {
    const answer = JSON.parse(body) as DirectResult;
    return status < 400 ? answer : { ...answer, status };
  },
};
