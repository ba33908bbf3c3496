// What the official Node template's index.js does around a handler (openfaas/templates,
// template/node20/index.js), without express: the FunctionEvent of a request, and a FunctionContext
// whose succeed() settles the answer.
import type { IncomingMessage } from 'node:http';
import { fromNodeRequest } from '../../src/server/http.ts';
import type { Query } from '../../src/contract/request.ts';
import type { FunctionContext, FunctionEvent, Handler, ResponseHeaders } from './handler.ts';

export interface Answer {
  status: number;
  headers: ResponseHeaders;
  body: string;
}

/** The event of a request whose body was read, as the template builds it with RAW_BODY=true. */
export function eventFrom(req: IncomingMessage, body: Uint8Array | undefined): FunctionEvent {
  const { method, path, query } = fromNodeRequest(req, body);
  return {
    // body-parser's raw() gives a Buffer, and leaves {} when the request has no body.
    body: body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : {},
    headers: req.headers,
    method,
    path,
    query: expressQuery(query),
  };
}

/** Express's req.query for a flat query string: a repeated name holds an array. */
function expressQuery(query: Query): FunctionEvent['query'] {
  const out: FunctionEvent['query'] = Object.create(null);
  for (const [name, values] of Object.entries(query)) out[name] = values.length === 1 ? values[0] : values;
  return out;
}

/**
 * Runs the handler as the template does: the first succeed() answers, and a handler that returns
 * without calling it succeeds with what it returned. Unlike the template (which sends err.toString()),
 * fail() and a thrown error answer the contract's JSON 500, without detail.
 */
export function invoke(handler: Handler, event: FunctionEvent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const context = new TemplateContext(resolve, reject);
    handler(event, context).then(
      (value) => context.succeed(value),
      (error: unknown) => context.fail(error),
    );
  });
}

/** The template's FunctionContext: status and headers are kept until succeed() (or fail()) settles the answer. */
class TemplateContext implements FunctionContext {
  private code = 200;
  private values: ResponseHeaders = {};
  private settled = false;
  private readonly answer: (answer: Answer) => void;
  private readonly error: (error: unknown) => void;

  constructor(answer: (answer: Answer) => void, error: (error: unknown) => void) {
    this.answer = answer;
    this.error = error;
  }

  status(): number;
  status(code: number): this;
  status(code?: number): number | this {
    if (code === undefined) return this.code;
    this.code = code;
    return this;
  }

  headers(): ResponseHeaders;
  headers(values: ResponseHeaders): this;
  headers(values?: ResponseHeaders): ResponseHeaders | this {
    if (values === undefined) return this.values;
    this.values = values;
    return this;
  }

  succeed(value: unknown): void {
    // The template sends strings as they are and JSON-encodes anything else.
    const body = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    if (this.settle()) this.answer({ status: this.code, headers: this.values, body });
  }

  fail(error: unknown): void {
    if (this.settle()) this.error(error);
  }

  private settle(): boolean {
    const first = !this.settled;
    this.settled = true;
    return first;
  }
}
