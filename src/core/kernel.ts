// What a kernel is: the one description every entry point derives its view from. The typed API, the
// HTTP routes and their validation, the worker pool's dispatch, Lambda's direct-invoke operations,
// the Azure function folders, the CLI's commands, the OpenAPI document and the README's route table
// all read the registry (kernels/index.ts) instead of listing kernels themselves.
import { PolyfnError } from './errors.ts';
import { DEFAULT_BUDGET } from './limits.ts';
import { engineName, integer, param, type JsonSchema, type Param } from './params.ts';
import { now } from './runtime.ts';
import { ENGINES, type Engine, type Work } from './types.ts';

export interface EngineOption {
  /** 'wasm' (default) or 'js'. Both give identical results. */
  engine?: Engine;
}

/** The options of a budgeted kernel's call. */
export interface BudgetOptions {
  /** Step budget for this call (positive integer); defaults to DEFAULT_BUDGET. */
  budget?: number;
  /** Wall-clock limit for this call in milliseconds; the call stops with budget_exceeded past it. */
  timeoutMs?: number;
}

export type KernelOptions = EngineOption & BudgetOptions;

/**
 * How a kernel reads a binary request body (application/octet-stream: little-endian float64 values),
 * for batches whose JSON costs more to parse than the kernel takes to run.
 */
export interface BinaryBody<Input> {
  /** The layout in one line: OpenAPI, the README, the 415 message. */
  layout: string;
  /** Its own parameters from the body's values: invalid_argument when they do not fit the layout. */
  read(values: Float64Array): Partial<Input>;
}

export interface Kernel<Input extends object = Record<string, unknown>, Result = unknown> {
  /** The route (/api/<name>), the CLI command, the direct-invoke operation, the Azure function. */
  name: string;
  /** What it computes, in one sentence. */
  summary: string;
  /** Its own parameters (engine and, when budgeted, budget are added by allParams()). */
  params: { [K in keyof Input]-?: Param<Exclude<Input[K], undefined>> };
  /** Parameters of which exactly one must be given. */
  oneOf?: readonly (keyof Input & string)[];
  /** Long calls: the Node server modes run it on the worker pool, off the request thread. */
  pool: boolean;
  /** Counts steps against a budget and stops at a deadline (budget_exceeded). */
  budgeted: boolean;
  /**
   * A budgeted kernel whose steps follow from its input's size: how many a call takes, and what
   * the call is (for the message). A call over its budget is refused before any work and before
   * any queue; the kernel then checks only the deadline while it runs.
   */
  cost?(input: Input): { steps: number; what: string };
  /** The largest request body its route reads, in bytes (default: the contract's MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** Its route also reads an application/octet-stream body so (engine and budget then come in the query). */
  binaryBody?: BinaryBody<Input>;
  /** The JSON Schema of toJSON()'s answer (OpenAPI, and the README's route table). */
  answer: JsonSchema;
  /** A small, valid input: OpenAPI's example, and what a health check runs on each engine. */
  example: Input;
  /**
   * A pool kernel's long input (about a millisecond warm): a pool worker runs it when it starts until
   * V8 runs it on optimised code, so that its first request does not run on baseline code.
   */
  warmUp?: Input;
  /** Checks the domain (min <= max, radius >= 0, ...): invalid_argument. Cheap, before any queue. */
  validate(input: Input): void;
  /** The call itself, on the chosen engine, for input that passed validate(). */
  compute(input: Input, options: ComputeOptions): Result;
  /** The result as JSON text carries it (e.g. values past 2^53 as strings). */
  toJSON(result: Result): unknown;
}

/** What compute() gets: the engine chosen and, for a budgeted kernel, the work it may do. */
export interface ComputeOptions {
  engine: Engine;
  work: Work;
  /** The caller's time limit, for the message of a call that ran out of time. */
  timeoutMs?: number | undefined;
}

/** A kernel of any input and result: what registries and generic callers hold. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds kernels of different inputs; each kernel's own type checks its calls
export type AnyKernel = Kernel<any, any>;

const ENGINE_PARAM = param(engineName, 'the engine: Wasm or its TypeScript twin (identical results)');
const BUDGET_PARAM = param(integer, 'steps this call may take, at most the default (a lower budget gives up sooner)');

/** Every parameter a kernel takes: its own, then engine, then budget when it is budgeted. */
export function allParams(kernel: AnyKernel): Record<string, Param> {
  return { ...kernel.params, engine: ENGINE_PARAM, ...(kernel.budgeted ? { budget: BUDGET_PARAM } : {}) };
}

/** An input as JSON carries it (typed arrays as arrays, each by its parameter's reader): e.g. a kernel's example in a request. */
export function inputToJson(kernel: AnyKernel, input: object): Record<string, unknown> {
  const params = kernel.params as Record<string, Param>;
  return Object.fromEntries(Object.entries(input).map(([name, value]) => [name, params[name]?.toJson?.(value) ?? value]));
}

/** Required parameters and the oneOf rule: missing_argument, or invalid_argument for two of oneOf. */
export function checkPresence(kernel: AnyKernel, input: Record<string, unknown>): void {
  for (const [name, { required }] of Object.entries(kernel.params as Record<string, Param>)) {
    if (required && input[name] === undefined) throw new PolyfnError('missing_argument', `${name} is required`);
  }
  if (!kernel.oneOf) return;
  const given = kernel.oneOf.filter((name) => input[name] !== undefined);
  if (given.length > 1) throw new PolyfnError('invalid_argument', `give either ${kernel.oneOf.join(' or ')}, not both`);
  if (given.length === 0) {
    const [first, ...others] = kernel.oneOf.map((name) => ({ name, jsonOnly: !(kernel.params as Record<string, Param>)[name]!.fromText }));
    const alternatives = others.map(({ name, jsonOnly }) => `${name}${jsonOnly ? ', in a JSON body' : ''}`).join(', or ');
    throw new PolyfnError('missing_argument', `${first!.name} (or ${alternatives}) is required`);
  }
}

function selectEngine(chosen: Engine | undefined): Engine {
  if (chosen === undefined) return 'wasm';
  if (ENGINES.includes(chosen)) return chosen;
  throw new PolyfnError('invalid_argument', `engine must be one of: ${ENGINES.join(', ')}`);
}

/** The work of one call from its options: the budget (validated) and the deadline on the runtime's clock. */
function workOf({ budget = DEFAULT_BUDGET, timeoutMs }: BudgetOptions): Work {
  if (!Number.isSafeInteger(budget) || budget < 1) throw new PolyfnError('invalid_argument', 'budget must be a positive integer');
  if (timeoutMs !== undefined && !(timeoutMs >= 0)) throw new PolyfnError('invalid_argument', 'timeoutMs must be a number >= 0');
  return { budget, deadlineNs: timeoutMs === undefined ? 0n : now() + BigInt(Math.ceil(timeoutMs * 1e6)) };
}

/** Validates input and options, as every entry point does before a kernel runs (and before a pool queues it). */
export function prepareCall<I extends object>(kernel: Kernel<I, unknown>, input: I, options: KernelOptions = {}): ComputeOptions {
  checkPresence(kernel, input as Record<string, unknown>);
  kernel.validate(input);
  const budgetOptions = kernel.budgeted ? options : {};
  const work = workOf(budgetOptions);
  const cost = kernel.budgeted ? kernel.cost?.(input) : undefined;
  if (cost && cost.steps > work.budget) {
    throw new PolyfnError('budget_exceeded', `${cost.what} needs ${cost.steps} steps, more than the budget of ${work.budget}`);
  }
  return { engine: selectEngine(options.engine), work, timeoutMs: budgetOptions.timeoutMs };
}

/** One call: validated, then computed. What the typed API, the CLI and the pool's workers run. */
export function runKernel<I extends object, R>(kernel: Kernel<I, R>, input: I, options: KernelOptions = {}): R {
  return kernel.compute(input, prepareCall(kernel, input, options));
}

/** The budget_exceeded of a call (`what`: "the search of [1, 9]") that ran out of steps or time. */
export function budgetExceeded(what: string, status: 'steps' | 'deadline', { work, timeoutMs }: ComputeOptions): PolyfnError {
  return new PolyfnError(
    'budget_exceeded',
    status === 'steps' ? `${what} needs more than ${work.budget} steps` : `${what} did not finish within ${timeoutMs} ms`,
  );
}
