// Application Load Balancer targets, with or without multi-value headers enabled on the target
// group. The answer uses the mode the request came in: ALB rejects the other one.
import type { ALBEvent, ALBResult } from 'aws-lambda';
import { bodyFrom, entriesOf, isRecord, normalizeHeaders, queryFromSearch, textList } from '../../src/contract/request.ts';
import { hasStrings, statusDescription, type Envelope } from './envelope.ts';

/**
 * ALB passes query names and values as the client encoded them (%20, +, ...). Rejoined, they are
 * the original query string, decoded like any other. Without multi-value mode, ALB keeps only the
 * last value of a repeated parameter, so a repetition cannot be seen (or refused) in that mode.
 */
function rejoinedQuery(parameters: unknown): string {
  return entriesOf(parameters, 'the query parameters')
    .flatMap(([name, values]) => (textList(values, 'query parameter', name) ?? []).map((value) => `${name}=${value}`))
    .join('&');
}

function isMultiValue(event: ALBEvent): boolean {
  return event.multiValueHeaders !== undefined;
}

export const alb: Envelope<ALBEvent, ALBResult> = {
  kind: 'alb',
  matches: (event): event is ALBEvent =>
    hasStrings(event, 'httpMethod', 'path') && isRecord(event['requestContext']) && isRecord(event['requestContext']['elb']),
  toRequest: (event) => ({
    method: event.httpMethod,
    path: event.path,
    query: queryFromSearch(rejoinedQuery(isMultiValue(event) ? event.multiValueQueryStringParameters : event.queryStringParameters)),
    headers: normalizeHeaders(isMultiValue(event) ? event.multiValueHeaders : event.headers),
    body: bodyFrom(event.body, event.isBase64Encoded, event.path),
  }),
  toResult(response, event) {
    const { status, headers, cookies, body } = response;
    const result = { statusCode: status, statusDescription: statusDescription(status), body, isBase64Encoded: false };
    if (isMultiValue(event)) {
      const multiValueHeaders = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
      if (cookies.length) multiValueHeaders['set-cookie'] = cookies;
      return { ...result, multiValueHeaders };
    }
    // Single-value mode has room for one Set-Cookie, which is as many as the contract sets per answer.
    return { ...result, headers: cookies.length ? { ...headers, 'set-cookie': cookies[0]! } : headers };
  },
};
