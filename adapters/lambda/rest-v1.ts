// API Gateway REST APIs (and any proxy integration sending payload format 1.0).
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { bodyFrom, isRecord, normalizeHeaders, queryFromMaps } from '../../src/contract/request.ts';
import { hasStrings, type Envelope } from './envelope.ts';

/**
 * The path relative to the API. `path` carries a custom domain's base path when there is one (often
 * the stage: /prod/api/hello), so the matched resource is used instead with its path parameters
 * filled in: /{proxy+} with proxy "api/hello" is /api/hello, whatever the stage or domain.
 */
function apiPath({ resource, path, pathParameters }: APIGatewayProxyEvent): string {
  if (!resource?.startsWith('/')) return path;
  return resource.replace(/\{([^}+]+)\+?\}/g, (template, name: string) => pathParameters?.[name] ?? template);
}

export const restV1: Envelope<APIGatewayProxyEvent, APIGatewayProxyResult> = {
  kind: 'rest-v1',
  matches: (event): event is APIGatewayProxyEvent => hasStrings(event, 'httpMethod', 'path') && isRecord(event['requestContext']),
  toRequest(event) {
    const path = apiPath(event);
    return {
      method: event.httpMethod,
      path,
      query: queryFromMaps(event.multiValueQueryStringParameters, event.queryStringParameters),
      headers: normalizeHeaders(event.headers, event.multiValueHeaders),
      body: bodyFrom(event.body, event.isBase64Encoded, path),
    };
  },
  // `headers` holds one value per name, so the cookies go in multiValueHeaders (API Gateway merges both).
  toResult: (response) => ({
    statusCode: response.status,
    headers: response.headers,
    ...(response.cookies.length ? { multiValueHeaders: { 'set-cookie': response.cookies } } : {}),
    body: response.body,
    isBase64Encoded: false,
  }),
};
