// handle(): the whole HTTP contract as one function from the request model to the response model.
// Adapters parse their envelope into a PolyRequest, call this, and format the PolyResponse back.
import { DEFAULT_BUDGET, ENGINES, type Engine } from '../core/index.ts';
import { inlineCompute, type Compute } from './compute.ts';
import { HttpError, quoted, toErrorResponse } from './errors.ts';
import { DEADLINE_MARGIN_MS, ENGINE_COOKIE } from './limits.ts';
import { cookieValue, ROUTE_PATHS, routePath, routes } from './routes.ts';
import { readInput } from './validation.ts';
import { JSON_CONTENT_TYPE, type PolyRequest, type PolyResponse } from './types.ts';

export interface HandleOptions {
  /** Where kernels run (default: inline, on this thread). */
  compute?: Compute;
  /** Step budget of each palindromes call (default: DEFAULT_BUDGET). */
  budget?: number;
}

/** Never throws: every failure, even a malformed request model, becomes an error response. */
export async function handle(req: PolyRequest, options: HandleOptions = {}): Promise<PolyResponse> {
  let matchedPath: string | null = null;
  try {
    const method = req.method.toUpperCase();
    const path = routePath(req.path);
    const candidates = routes.filter((r) => r.path === path);
    matchedPath = candidates.length ? path : null;
    if (!matchedPath) throw new HttpError('not_found', `no route ${quoted(path, 100)}; routes: ${ROUTE_PATHS.join(', ')}`);
    const route = candidates.find((r) => r.methods.includes(method));
    if (!route) {
      const allow = candidates.flatMap((r) => r.methods).join(', ');
      throw new HttpError('method_not_allowed', `${quoted(method, 100)} is not allowed on ${path}; use ${allow}`, { allow });
    }
    const input = readInput(req, route.params, route.maxBodyBytes, route.kernel?.binaryBody);
    const preferred = cookieValue(req, ENGINE_COOKIE) as Engine | undefined;
    const fromCookie = preferred !== undefined && ENGINES.includes(preferred);
    const engine = (input['engine'] as Engine | undefined) ?? (fromCookie ? preferred : 'wasm');
    const result = await route.run({
      input,
      engine,
      engineSource: input['engine'] !== undefined ? 'parameter' : fromCookie ? 'cookie' : 'default',
      compute: options.compute ?? inlineCompute,
      budget: options.budget ?? DEFAULT_BUDGET,
      timeoutMs: req.deadline === undefined ? undefined : Math.max(0, req.deadline - Date.now() - DEADLINE_MARGIN_MS),
    });
    const headers: Record<string, string> = { 'content-type': JSON_CONTENT_TYPE };
    const kernelMs = result.kernelMs ?? null;
    if (kernelMs !== null) headers['server-timing'] = `kernel;dur=${kernelMs.toFixed(3)};desc="${engine}"`;
    return {
      status: 200,
      headers,
      cookies: result.cookies ?? [],
      body: JSON.stringify(result.body),
      meta: { route: matchedPath, kernelMs, engine: kernelMs === null ? null : engine, error: null },
    };
  } catch (error) {
    return toErrorResponse(error, matchedPath);
  }
}
