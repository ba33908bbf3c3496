// The route table: every route of the HTTP contract, served unchanged by every adapter. One route
// per kernel in the registry (/api/<name>), derived from its description, plus the routes that are
// the contract's own (hello, the engine preference).
import {
  allParams,
  ENGINES,
  engineName,
  KERNELS,
  param,
  runExamples,
  type AnyKernel,
  type Engine,
  type JsonSchema,
  type KernelOptions,
} from '../core/index.ts';
import type { Compute } from './compute.ts';
import { HttpError } from './errors.ts';
import { ENGINE_COOKIE, MAX_BODY_BYTES } from './limits.ts';
import { openApiDocument } from './openapi.ts';
import { required, type Params } from './validation.ts';
import type { PolyRequest } from './types.ts';

export interface RouteContext {
  input: Record<string, unknown>;
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

export interface Route {
  path: string;
  methods: readonly string[];
  params: Params;
  /** Parameters of which exactly one must be given (the kernel's). */
  oneOf?: readonly string[];
  /** What the route does, in one sentence (README, OpenAPI). */
  summary: string;
  /** The JSON Schema of the answer. */
  answer: JsonSchema;
  /** The operation name under which Lambda's direct invocation reaches this route; none: not reachable so. */
  operation?: string;
  /** The kernel a kernel route runs. */
  kernel?: AnyKernel;
  /** The largest body this route reads (bytes); larger answers 413. */
  maxBodyBytes: number;
  run(context: RouteContext): Promise<RouteResult> | RouteResult;
}

/** GET (parameters in the query) for a kernel whose own parameters can all travel as text, and always POST. */
function kernelMethods(kernel: AnyKernel): string[] {
  const params = Object.values(kernel.params as Params);
  return params.some((p) => p.fromText) ? ['GET', 'POST'] : ['POST'];
}

/** A kernel's route: its parameters read, its budget capped by the server's, the call, the JSON answer. */
export function kernelRoute(kernel: AnyKernel): Route {
  return {
    path: `/api/${kernel.name}`,
    methods: kernelMethods(kernel),
    params: allParams(kernel),
    ...(kernel.oneOf ? { oneOf: kernel.oneOf } : {}),
    summary: kernel.summary,
    answer: kernel.answer,
    operation: kernel.name,
    kernel,
    maxBodyBytes: kernel.maxBodyBytes ?? MAX_BODY_BYTES,
    async run({ input, engine, compute, budget, timeoutMs }) {
      const { engine: _chosen, budget: asked, ...args } = input as { engine?: Engine; budget?: number };
      const options: KernelOptions = { engine };
      if (kernel.budgeted) {
        // A caller may lower the server's budget (to give up sooner), never raise it.
        if (asked !== undefined && asked > budget) throw new HttpError('invalid_parameter', `budget must be <= ${budget}`);
        Object.assign(options, { budget: asked ?? budget, timeoutMs });
      }
      const { value, ms } = await compute.run(kernel, args, options);
      return { body: kernel.toJSON(value), kernelMs: ms };
    },
  };
}

const ENGINE_COOKIE_ATTRIBUTES = 'Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax';

const ENGINE_ANSWER: JsonSchema = {
  type: 'object',
  properties: { engine: { enum: [...ENGINES] }, source: { enum: ['parameter', 'cookie', 'default'] } },
  required: ['engine', 'source'],
  additionalProperties: false,
};

export const routes: readonly Route[] = [
  {
    path: '/api/hello',
    methods: ['GET'],
    params: {},
    maxBodyBytes: MAX_BODY_BYTES,
    summary: 'A greeting: the smallest answer, for checking a deployment and timing a platform.',
    answer: { type: 'object', properties: { message: { const: 'hello world' } }, required: ['message'], additionalProperties: false },
    operation: 'hello',
    run: () => ({ body: { message: 'hello world' } }),
  },
  ...KERNELS.map(kernelRoute),
  {
    path: '/api/health',
    methods: ['GET'],
    params: {},
    maxBodyBytes: MAX_BODY_BYTES,
    summary: "Whether this instance computes: every kernel's example on every engine, inline (microseconds).",
    answer: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'], additionalProperties: false },
    run() {
      runExamples();
      return { body: { status: 'ok' } };
    },
  },
  {
    path: '/api/openapi.json',
    methods: ['GET'],
    params: {},
    maxBodyBytes: MAX_BODY_BYTES,
    summary: 'This contract as an OpenAPI 3.1 document, generated from the route and kernel descriptions.',
    answer: { type: 'object', properties: { openapi: { type: 'string', pattern: '^3\\.1\\.' } }, required: ['openapi', 'info', 'paths'] },
    run: () => ({ body: (openApi ??= openApiDocument(routes)) }),
  },
  {
    path: '/api/engine',
    methods: ['GET'],
    params: {},
    maxBodyBytes: MAX_BODY_BYTES,
    summary: 'The engine this client gets when it names none, and where that choice comes from.',
    answer: ENGINE_ANSWER,
    run: ({ engine, engineSource }) => ({ body: { engine, source: engineSource } }),
  },
  {
    path: '/api/engine',
    methods: ['PUT'],
    maxBodyBytes: MAX_BODY_BYTES,
    params: { engine: param(engineName, 'the engine later requests use when they name none', { required: true }) },
    summary: `Sets the \`${ENGINE_COOKIE}\` cookie, which later requests use when they name no engine.`,
    answer: ENGINE_ANSWER,
    run({ input }) {
      const chosen = required(input['engine'] as Engine | undefined, 'engine');
      return { body: { engine: chosen, source: 'parameter' }, cookies: [`${ENGINE_COOKIE}=${chosen}; ${ENGINE_COOKIE_ATTRIBUTES}`] };
    },
  },
];

let openApi: object | undefined;

/** Every path of the contract, once each, in table order. */
export const ROUTE_PATHS: readonly string[] = [...new Set(routes.map((r) => r.path))];

/**
 * The path a request is routed by: repeated slashes merged (a function URL ends in `/`, so
 * `$URL/api/hello` arrives as `//api/hello`; nginx merges them too) and a trailing slash dropped.
 */
export function routePath(path: string): string {
  const merged = path.includes('//') ? path.replace(/\/{2,}/g, '/') : path;
  return merged.length > 1 && merged.endsWith('/') ? merged.slice(0, -1) : merged;
}

/**
 * The largest body a request to `path` may carry: its route's limit (the largest of its methods'),
 * MAX_BODY_BYTES for a path no route has. What every adapter reads a body up to before handle().
 */
export function bodyLimit(path: string): number {
  return BODY_LIMITS.get(routePath(path)) ?? MAX_BODY_BYTES;
}

/** Each path's largest body, found once: bodyLimit() runs on every request of every adapter. */
const BODY_LIMITS = new Map<string, number>();
for (const { path, maxBodyBytes } of routes) BODY_LIMITS.set(path, Math.max(BODY_LIMITS.get(path) ?? 0, maxBodyBytes));

/** The largest body any route reads: what an envelope carrying any request must make room for. */
export const LARGEST_BODY_BYTES = Math.max(...routes.map((r) => r.maxBodyBytes));

/** The value of one cookie from a Cookie header, or undefined. */
export function cookieValue(req: PolyRequest, name: string): string | undefined {
  for (const pair of (req.headers['cookie'] ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
