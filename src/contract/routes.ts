// The route table: every route of the HTTP contract, served unchanged by every adapter.
import { palindromeResultToJSON, type Engine } from '../core/index.ts';
import type { Compute } from './compute.ts';
import { HttpError } from './errors.ts';
import { ENGINE_COOKIE } from './limits.ts';
import { engine, integer, number, numbers, required, type Fields, type Input } from './validation.ts';
import type { PolyRequest } from './types.ts';

export interface RouteContext<F extends Fields> {
  input: Input<F>;
  /** The engine for this request: `engine` parameter, else the client's cookie, else 'wasm'. */
  engine: Engine;
  /** Where the engine came from, for GET /api/engine. */
  engineSource: 'parameter' | 'cookie' | 'default';
  compute: Compute;
  budget: number;
  /** Time left before the platform's deadline (ms), if it set one. */
  timeoutMs: number | undefined;
}

export interface RouteResult {
  body: unknown;
  /** Kernel time (ms) when the route ran a kernel: reported in server-timing and the log line. */
  kernelMs?: number;
  cookies?: string[];
}

export interface Route<F extends Fields = Fields> {
  path: string;
  methods: readonly string[];
  fields: F;
  run(context: RouteContext<F>): Promise<RouteResult> | RouteResult;
}

// Keeps each route's input typed by its own fields while the table holds them all.
function route<F extends Fields>(definition: Route<F>): Route {
  return definition as unknown as Route;
}

const ENGINE_COOKIE_ATTRIBUTES = 'Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax';

export const routes: readonly Route[] = [
  route({
    path: '/api/hello',
    methods: ['GET'],
    fields: {},
    run: () => ({ body: { message: 'hello world' } }),
  }),
  route({
    path: '/api/palindromes',
    methods: ['GET', 'POST'],
    fields: { min: integer, max: integer, engine, budget: integer },
    async run({ input, engine, compute, budget, timeoutMs }) {
      const min = required(input.min, 'min');
      const max = required(input.max, 'max');
      // A caller may lower the server's budget (to give up sooner), never raise it.
      if (input.budget !== undefined && input.budget > budget) {
        throw new HttpError('invalid_parameter', `budget must be <= ${budget}`);
      }
      const options = { engine, budget: input.budget ?? budget, timeoutMs };
      const { value, ms } = await compute.palindromes(min, max, options);
      return { body: palindromeResultToJSON(value), kernelMs: ms };
    },
  }),
  route({
    path: '/api/circle',
    methods: ['GET', 'POST'],
    fields: { radius: number, radii: numbers, engine },
    async run({ input, engine, compute }) {
      if (input.radii !== undefined) {
        if (input.radius !== undefined) throw new HttpError('invalid_parameter', 'give either radius or radii, not both');
        const { value, ms } = await compute.circles(input.radii, { engine });
        return {
          body: { radii: Array.from(input.radii), area: Array.from(value.area), circumference: Array.from(value.circumference) },
          kernelMs: ms,
        };
      }
      if (input.radius === undefined) throw new HttpError('missing_parameter', 'radius (or radii, in a JSON body) is required');
      const { value, ms } = await compute.circle(input.radius, { engine });
      return { body: value, kernelMs: ms };
    },
  }),
  route({
    path: '/api/engine',
    methods: ['GET'],
    fields: {},
    run: ({ engine, engineSource }) => ({ body: { engine, source: engineSource } }),
  }),
  route({
    path: '/api/engine',
    methods: ['PUT'],
    fields: { engine },
    run({ input }) {
      const chosen = required(input.engine, 'engine');
      return { body: { engine: chosen, source: 'parameter' }, cookies: [`${ENGINE_COOKIE}=${chosen}; ${ENGINE_COOKIE_ATTRIBUTES}`] };
    },
  }),
];

/** The value of one cookie from a Cookie header, or undefined. */
export function cookieValue(req: PolyRequest, name: string): string | undefined {
  for (const pair of (req.headers['cookie'] ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
