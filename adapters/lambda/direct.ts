// Direct invocation (aws lambda invoke, Step Functions, the SDKs): a plain JSON event names an
// operation and its parameters, and the answer is plain JSON. It goes through handle() as an HTTP
// request would, so validation, limits and error codes are the same. The operations are the routes
// that name one (hello and every kernel):
//   {"op":"hello"}                                   -> {"message":"hello world"}
//   {"op":"palindromes","min":10,"max":99}           -> what /api/palindromes answers ("engine", "budget" optional)
//   anything invalid                                 -> the invocation fails: errorType "invalid_parameter"
// An error fails the invocation with the error code as its type (Error#name, which Lambda reports as
// errorType), so Step Functions' Retry and Catch match it and Lambda's Errors metric counts it.
// POLYFN_DIRECT_ERRORS=return answers errors as values instead: {"error":{"code","message"},"status":400}.
import type { Environment } from '../../src/contract/config.ts';
import { HttpError } from '../../src/contract/errors.ts';
import { bodyFrom, emptyQuery, isRecord, queryFromMaps } from '../../src/contract/request.ts';
import { routes } from '../../src/contract/routes.ts';
import type { PolyResponse } from '../../src/contract/types.ts';
import type { Envelope } from './envelope.ts';

export interface DirectEvent {
  op: string;
  [parameter: string]: unknown;
}

/** The route's JSON body, or on error {"error":{"code","message"},"status":<HTTP status>}. */
export type DirectResult = Record<string, unknown>;

/** Each operation, its path and the method it is sent as: POST where the route takes it (typed JSON parameters). */
const OPERATIONS: ReadonlyMap<string, { path: string; method: 'GET' | 'POST' }> = new Map(
  routes.flatMap(({ operation, path, methods }) => (operation ? [[operation, { path, method: methods.includes('POST') ? 'POST' : 'GET' }] as const] : [])),
);

/** The operations, as the error messages list them. */
export const OPERATION_NAMES: readonly string[] = [...OPERATIONS.keys()];

export const direct: Envelope<DirectEvent, DirectResult> = {
  kind: 'direct',
  matches: (event): event is DirectEvent => isRecord(event) && 'op' in event,
  toRequest({ op, ...parameters }) {
    const operation = typeof op === 'string' ? OPERATIONS.get(op) : undefined;
    if (!operation) throw new HttpError('invalid_parameter', `op must be one of: ${OPERATION_NAMES.join(', ')}`);
    const { method, path } = operation;
    const request = { method, path, headers: { 'content-type': 'application/json' } };
    // A GET takes no body: its parameters (hello has none) become the query, where validation names any given.
    if (method === 'GET') {
      const query = Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, String(value)]));
      return { ...request, query: queryFromMaps(null, query) };
    }
    return { ...request, query: emptyQuery(), body: bodyFrom(JSON.stringify(parameters), false, path) };
  },
  toResult({ status, body }) {
    const answer = JSON.parse(body) as DirectResult;
    return status < 400 ? answer : { ...answer, status };
  },
};

/** How a direct invocation answers an error: it fails (the default) or it returns the error as a value. */
export type DirectErrors = 'throw' | 'return';

/** POLYFN_DIRECT_ERRORS: `throw` (default) or `return`; another value stops the init with a message. */
export function directErrorsFromEnv(env: Environment): DirectErrors {
  const raw = env['POLYFN_DIRECT_ERRORS'];
  if (raw === undefined || raw === '' || raw === 'throw') return 'throw';
  if (raw === 'return') return 'return';
  throw new Error(`POLYFN_DIRECT_ERRORS must be "throw" or "return", got ${JSON.stringify(raw)}`);
}

/**
 * The failure of a direct invocation answered with an error: named by its code (budget_exceeded,
 * invalid_parameter, ...), with its message. Its stack is just that line: the runtime puts the stack
 * in the invocation's error (a state machine's Cause), where the handler's frames say nothing.
 */
export function directFailure({ body }: PolyResponse): Error {
  const { error } = JSON.parse(body) as { error: { code: string; message: string } };
  const failure = new Error(error.message);
  failure.name = error.code;
  failure.stack = `${error.code}: ${error.message}`;
  return failure;
}
