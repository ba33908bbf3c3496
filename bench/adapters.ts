// One GET request to the HTTP contract, as each adapter receives it in process: the platform's own
// envelope built once (as the platform hands it over), then a call that goes envelope -> adapter ->
// handle() -> envelope and checks the answer is a 200. Envelopes come from the tests' fixtures,
// which build them from the platforms' documented shapes. Log lines are built as in production;
// the bench discards what reaches stdout (withoutStdout), so only their cost to the handler counts.
import azure from '@azure/functions';
import type { Context } from 'aws-lambda';
import { handler as lambdaHandler } from '../adapters/lambda/handler.ts';
import openfaasHandler, { type FunctionEvent } from '../adapters/openfaas/handler.ts';
import { invoke } from '../adapters/openfaas/template.ts';
import { palindromes, type PalindromeOptions } from '../src/index.ts';
import { handle } from '../src/contract/handle.ts';
import { queryString } from '../test/conformance/cases.ts';
import { albEvent, httpApiEvent, lambdaContext, restV1Event } from '../test/fixtures/lambda/envelopes.ts';

export interface BenchRequest {
  path: '/api/hello' | '/api/palindromes';
  /** Decoded query: name -> values. */
  query: Record<string, string[]>;
}

export const ADAPTERS = {
  core: 'core call (no HTTP)',
  handle: 'handle() (the HTTP contract, no envelope)',
  'lambda-rest-v1': 'Lambda, API Gateway REST (v1)',
  'lambda-http-v2': 'Lambda, HTTP API (v2)',
  'lambda-alb': 'Lambda, ALB',
  'lambda-direct': 'Lambda, direct invocation',
  'azure-functions': 'Azure Functions v4 httpHandler',
  openfaas: 'OpenFaaS handler(event, context)',
} as const;

export type AdapterId = keyof typeof ADAPTERS;

/** An adapter's call is async, as its platform awaits it; the direct core call is not. */
type Call = () => unknown;

// The Azure library warns that it runs outside the Functions host when it loads; that is expected here.
const { httpHandler } = await quietly(() => import('../adapters/azure/functions.ts'));

async function quietly<T>(load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}

function ok(where: string, status: number | undefined): void {
  if (status !== 200) throw new Error(`${where}: status ${status}, expected 200`);
}

function single(query: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([name, values]) => [name, values.at(-1)!]));
}

/** The direct core call for the request (palindromes only: hello runs no kernel). */
function coreCall(request: BenchRequest): Call | undefined {
  if (request.path !== '/api/palindromes') return undefined;
  const { min, max, engine } = single(request.query);
  const options: PalindromeOptions = engine === 'js' || engine === 'wasm' ? { engine } : {};
  return () => palindromes(Number(min), Number(max), options);
}

function lambdaCall(event: unknown, context: Context, statusOf: (result: Record<string, unknown>) => unknown): Call {
  return async () => {
    const result = (await lambdaHandler(event, context)) as Record<string, unknown>;
    ok('lambda', statusOf(result) as number);
    return result;
  };
}

/** Every adapter's call for the request, keyed by AdapterId (core only for palindromes). */
export function adapterCalls(request: BenchRequest): Partial<Record<AdapterId, Call>> {
  const caseRequest = { method: 'GET', path: request.path, query: request.query };
  const search = queryString(request.query);
  const context = lambdaContext();
  const op = request.path.slice('/api/'.length);
  const params = single(request.query);
  const directEvent = { op, ...Object.fromEntries(Object.entries(params).map(([name, value]) => [name, name === 'engine' ? value : Number(value)])) };
  const azureRequest = new azure.HttpRequest({
    method: 'GET',
    url: `https://polyfn.azurewebsites.net${request.path}${search ? `?${search}` : ''}`,
    headers: {},
  });
  const azureContext = new azure.InvocationContext({ functionName: op, logHandler: () => {} });
  const openfaasEvent: FunctionEvent = {
    body: {},
    headers: { host: '127.0.0.1:3000', 'user-agent': 'polyfn-bench' },
    method: 'GET',
    path: request.path,
    query: params,
  };
  const polyRequest = { method: 'GET', path: request.path, query: request.query, headers: {} };
  const calls: Partial<Record<AdapterId, Call>> = {
    handle: async () => {
      const out = await handle(polyRequest);
      ok('handle', out.status);
      return out;
    },
    'lambda-rest-v1': lambdaCall(restV1Event(caseRequest), context, (r) => r['statusCode']),
    'lambda-http-v2': lambdaCall(httpApiEvent(caseRequest), context, (r) => r['statusCode']),
    'lambda-alb': lambdaCall(albEvent(caseRequest, false), context, (r) => r['statusCode']),
    // A direct invocation answers the route's JSON itself; an error would carry a status.
    'lambda-direct': lambdaCall(directEvent, context, (r) => r['status'] ?? 200),
    'azure-functions': async () => {
      const out = await httpHandler(azureRequest, azureContext);
      ok('azure-functions', out.status);
      return out;
    },
    openfaas: async () => {
      const answer = await invoke(openfaasHandler, openfaasEvent);
      ok('openfaas', answer.status);
      return answer;
    },
  };
  const core = coreCall(request);
  return core ? { core, ...calls } : calls;
}

/** Runs `work` with process.stdout writes dropped (the handlers' request logs). */
export async function withoutStdout<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
  }
}
