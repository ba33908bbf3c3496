// The AWS Lambda entry point (`index.handler` in dist/lambda.zip). One handler answers every event
// that can invoke it (API Gateway REST and HTTP APIs, function URLs, ALB, VPC Lattice, direct
// invocation), each in its own result shape: parse the envelope, call handle(), format the envelope.
// Node's runtime compiles the Wasm once per execution environment, at init (before the first event).
import '../../src/runtime/node.ts';
import type { ALBResult, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { runExamples } from '../../src/core/index.ts';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { HttpError, toErrorResponse } from '../../src/contract/errors.ts';
import { handle } from '../../src/contract/handle.ts';
import { requestLog, type LogContext } from '../../src/contract/log.ts';
import type { PolyRequest } from '../../src/contract/types.ts';
import { streamLog } from '../../src/server/log.ts';
import { alb } from './alb.ts';
import { direct, directErrorsFromEnv, directFailure, OPERATION_NAMES, type DirectResult } from './direct.ts';
import type { Envelope } from './envelope.ts';
import { httpV2 } from './http-v2.ts';
import { lattice, type LatticeResult } from './lattice.ts';
import { restV1 } from './rest-v1.ts';

export type LambdaResult = APIGatewayProxyResult | APIGatewayProxyStructuredResultV2 | ALBResult | LatticeResult | DirectResult;

// Each shape is told apart by a field only it has (requestContext.elb, requestContext.serviceArn,
// requestContext.http, httpMethod, op); ALB also has httpMethod, so it is tried before REST.
const envelopes: Envelope<unknown, LambdaResult>[] = [alb, lattice, httpV2, restV1, direct];

/** POLYFN_BUDGET, read once at init: a bad value fails the init with its message, not every request. */
const budget = budgetFromEnv(process.env);
/**
 * JSON lines on stdout from AWS_LAMBDA_LOG_LEVEL up (the function's application log level, else
 * POLYFN_LOG_LEVEL): with the JSON log format, Lambda reads their level and timestamp as they are.
 */
const log = streamLog(process.stdout);
/** POLYFN_DIRECT_ERRORS: whether a direct invocation's error fails the invocation (default) or is returned. */
const directErrors = directErrorsFromEnv(process.env);
/** Until the first event: this execution environment's first invocation is its cold start (not so when provisioned ahead). */
let coldStart = process.env['AWS_LAMBDA_INITIALIZATION_TYPE'] !== 'provisioned-concurrency';

/**
 * A cold start's first request follows init at once, and Lambda bills both phases alike. Init runs
 * what that request would run first on the default engine (every kernel's example compiles the glue)
 * but does not wait for V8's optimised walk (waitForOptimisedWalk): the compile, started at
 * instantiation, runs on another core meanwhile, and waiting for it made init + first request dearer
 * by 0.3-3 ms than the first search's part on baseline code (bench/first-search.ts measures both sides).
 */
runExamples(['wasm']);

/** Anything else is answered the way a direct invocation is: a failed invocation (or plain JSON with the error and status). */
const unrecognised: Envelope<unknown, LambdaResult> = {
  kind: 'unrecognised',
  matches: (event): event is unknown => true,
  toRequest() {
    throw new HttpError(
      'invalid_envelope',
      `unrecognised event: send an API Gateway (REST or HTTP API), function URL, ALB or VPC Lattice event, or {"op":${OPERATION_NAMES.map((name) => JSON.stringify(name)).join('|')}, ...parameters}`,
    );
  },
  toResult: direct.toResult,
};

/** The request model of an event, or the error that answers it: a recognised event missing fields it needs is malformed, not a crash. */
function readEvent(envelope: Envelope<unknown, LambdaResult>, event: unknown): PolyRequest | HttpError {
  try {
    return envelope.toRequest(event);
  } catch (error) {
    return error instanceof HttpError
      ? error
      : new HttpError('invalid_envelope', `malformed ${envelope.kind} event (${error instanceof Error ? error.message : String(error)})`);
  }
}

export async function handler(event: unknown, context: Context): Promise<LambdaResult> {
  const startedAt = performance.now();
  const envelope = envelopes.find((candidate) => candidate.matches(event)) ?? unrecognised;
  const request = readEvent(envelope, event);
  const response =
    request instanceof HttpError
      ? toErrorResponse(request)
      : // The remaining time becomes the request's deadline, so a long search answers 422 before Lambda stops it.
        await handle({ ...request, deadline: Date.now() + context.getRemainingTimeInMillis() }, { budget });
  const method = request instanceof HttpError ? '?' : request.method;
  log({ ...requestLog({ method }, response, startedAt, logContext(context)), event: envelope.kind });
  // An event answered in plain JSON has no status a caller sees: its error fails the invocation.
  if (response.status >= 400 && directErrors === 'throw' && (envelope === direct || envelope === unrecognised)) throw directFailure(response);
  return envelope.toResult(response, event);
}

/** Powertools' keys for the invocation; the X-Ray trace id is the Root of the runtime's _X_AMZN_TRACE_ID. */
function logContext(context: Context): LogContext {
  const fields: LogContext = { function_request_id: context.awsRequestId, function_name: context.functionName, cold_start: coldStart };
  coldStart = false;
  const trace = process.env['_X_AMZN_TRACE_ID'];
  if (trace) fields.xray_trace_id = /(?:^|;)Root=([^;]+)/.exec(trace)?.[1] ?? trace;
  return fields;
}
