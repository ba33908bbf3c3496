// Every error the HTTP contract can answer, with its status. Errors are values until the edge:
// validation and routes throw HttpError (or the core's PolyfnError), and toErrorResponse() alone
// turns them into the status and the JSON body {"error":{"code","message"}}.
import { PolyfnError } from '../core/index.ts';
import { JSON_CONTENT_TYPE, type PolyResponse } from './types.ts';

export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_parameter: 400,
  missing_parameter: 400,
  unknown_parameter: 400,
  duplicate_parameter: 400,
  invalid_envelope: 400,
  request_aborted: 400,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  expectation_failed: 417,
  header_too_large: 431,
  budget_exceeded: 422,
  kernel_fault: 500,
  internal_error: 500,
  overloaded: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const CORE_TO_HTTP = {
  invalid_argument: 'invalid_parameter',
  missing_argument: 'missing_parameter',
  budget_exceeded: 'budget_exceeded',
  kernel_fault: 'kernel_fault',
} as const satisfies Record<PolyfnError['code'], ErrorCode>;

/** The 413 of a body past `limit` bytes, wherever it is caught: a stream reader or the JSON parser. */
export function bodyTooLarge(limit: number): HttpError {
  return new HttpError('payload_too_large', `the body must be at most ${limit} bytes`);
}

/** Text from the request, quoted for a message and cut after `max` characters (it may be huge). */
export function quoted(text: string, max: number): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}...` : text);
}

export function errorBody(code: ErrorCode, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/**
 * The one place an error becomes a response. Unknown errors become a bare 500, no stack, no detail:
 * the error itself rides in meta.cause to the adapter's log line.
 */
export function toErrorResponse(error: unknown, route: string | null = null): PolyResponse {
  let code: ErrorCode = 'internal_error';
  let message = 'internal error';
  let headers: Record<string, string> = {};
  if (error instanceof HttpError) ({ code, message, headers } = error);
  else if (error instanceof PolyfnError) ({ code, message } = { code: CORE_TO_HTTP[error.code], message: error.message });
  const meta: PolyResponse['meta'] = { route, kernelMs: null, engine: null, error: code };
  if (code === 'internal_error') meta.cause = error;
  return {
    status: ERROR_STATUS[code],
    headers: { 'content-type': JSON_CONTENT_TYPE, ...headers },
    cookies: [],
    body: errorBody(code, message),
    meta,
  };
}
