// What both Azure function apps (the v4 model and the custom handler) share: which functions they
// expose, with which routes, and how a response's headers travel in the host's envelopes.
import { ROUTE_PATHS } from '../../src/contract/routes.ts';
import type { PolyResponse } from '../../src/contract/types.ts';

/** The host's route prefix (host.json extensions.http.routePrefix), which every contract path starts with. */
export const ROUTE_PREFIX = '/api/';

export interface AzureFunction {
  /** The function's name: its folder (custom handler) or its app.http() name (v4). */
  name: string;
  /** Route template under the prefix. */
  route: string;
}

/**
 * Answers every path no other function matches, so an unknown path gets the contract's 404 JSON
 * rather than the host's empty 404. The host tries routes in function-name order (case-insensitive:
 * FunctionMetadataManager sorts by name) and takes the first that matches, so this name must sort
 * after every other function's name: 'zz-' puts it after any kernel a name could describe (and
 * test/azure.test.ts fails if one ever sorts later).
 */
export const CATCH_ALL: AzureFunction = { name: 'zz-unmatched', route: '{*path}' };

/**
 * One function per contract path ('/api/palindromes' -> 'palindromes'), then the catch-all. A
 * function's name may hold letters, digits, '-' and '_' only: '/api/openapi.json' is 'openapi-json'.
 */
export const AZURE_FUNCTIONS: readonly AzureFunction[] = [
  ...ROUTE_PATHS.map((path) => {
    const route = path.slice(ROUTE_PREFIX.length);
    return { name: route.replace(/[^A-Za-z0-9_-]/g, '-'), route };
  }),
  CATCH_ALL,
];

/**
 * The response headers as the host takes them: a plain name -> value map (the v4 worker's gRPC
 * headers and the custom handler's `res.headers` both hold one value per name). A Set-Cookie header
 * in that map reaches the client verbatim, so it carries the contract's cookie unchanged; the map
 * has room for one, which is all the contract sets (PUT /api/engine). Several would be folded into
 * one comma-joined header, which browsers do not split.
 */
export function azureHeaders(out: PolyResponse): Record<string, string> {
  return out.cookies.length ? { ...out.headers, 'set-cookie': out.cookies.join(', ') } : out.headers;
}
