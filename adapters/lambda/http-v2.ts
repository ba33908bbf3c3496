// API Gateway HTTP APIs (payload format 2.0) and Lambda function URLs, which send the same event.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { bodyFrom, isRecord, normalizeHeaders, queryFromSearch } from '../../src/contract/request.ts';
import { hasStrings, type Envelope } from './envelope.ts';

/** On a stage other than $default, rawPath starts with the stage: /prod/api/hello. */
function withoutStage(rawPath: string, stage: string): string {
  const prefix = `/${stage}`;
  if (stage === '$default' || !(rawPath === prefix || rawPath.startsWith(`${prefix}/`))) return rawPath;
  return rawPath.slice(prefix.length) || '/';
}

export const httpV2: Envelope<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
  kind: 'http-v2',
  matches: (event): event is APIGatewayProxyEventV2 =>
    hasStrings(event, 'rawPath') && isRecord(event['requestContext']) && hasStrings(event['requestContext']['http'], 'method'),
  toRequest(event) {
    const path = withoutStage(event.rawPath, event.requestContext.stage);
    return {
      method: event.requestContext.http.method,
      path,
      // rawQueryString, not queryStringParameters: those comma-join a repeated parameter into one value.
      query: queryFromSearch(event.rawQueryString ?? ''),
      // The Cookie headers arrive split into `cookies`; the request model keeps them as one header.
      headers: normalizeHeaders(event.headers, event.cookies === undefined || event.cookies === null ? undefined : { cookie: event.cookies }),
      body: bodyFrom(event.body, event.isBase64Encoded, path),
    };
  },
  // Cookies go in `cookies`: function URLs drop set-cookie headers, and headers hold one value per name.
  toResult: (response) => ({
    statusCode: response.status,
    headers: response.headers,
    cookies: response.cookies,
    body: response.body,
    isBase64Encoded: false,
  }),
};
