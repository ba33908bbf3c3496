// VPC Lattice targets, event structure version 2. @types/aws-lambda has no type for it, so the
// shapes are declared here from AWS's "Lambda functions as targets in VPC Lattice" page, read the
// way Hono's aws-lambda adapter reads them: headers as lists of values, and the query string
// carried in `path` (queryStringParameters, name -> value or values, when `path` has none).
import { bodyFrom, entriesOf, normalizeHeaders, queryFromMaps, queryFromSearch, type Query } from '../../src/contract/request.ts';
import { hasStrings, statusDescription, type Envelope } from './envelope.ts';

export interface LatticeEventV2 {
  version: string;
  /** The request path, with the query string when there is one. */
  path: string;
  method: string;
  headers: Record<string, string[] | string | undefined>;
  queryStringParameters?: Record<string, string[] | string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  requestContext: {
    serviceNetworkArn: string;
    serviceArn: string;
    targetGroupArn: string;
    region: string;
    /** Microseconds since the epoch. */
    timeEpoch: string;
    identity: Record<string, string | undefined>;
  };
}

export interface LatticeResult {
  statusCode: number;
  statusDescription: string;
  /** set-cookie is a list, one entry per cookie. */
  headers: Record<string, string | string[]>;
  body: string;
  isBase64Encoded: boolean;
}

function latticeQuery({ path, queryStringParameters }: LatticeEventV2): Query {
  const at = path.indexOf('?');
  if (at >= 0) return queryFromSearch(path.slice(at + 1));
  const parameters = entriesOf(queryStringParameters, 'the query parameters');
  return queryFromMaps(Object.fromEntries(parameters.map(([name, value]) => [name, typeof value === 'string' ? [value] : value])));
}

export const lattice: Envelope<LatticeEventV2, LatticeResult> = {
  kind: 'lattice-v2',
  matches: (event): event is LatticeEventV2 => hasStrings(event, 'method', 'path') && hasStrings(event['requestContext'], 'serviceArn'),
  toRequest(event) {
    const path = event.path.split('?', 1)[0]!;
    return {
      method: event.method,
      path,
      query: latticeQuery(event),
      headers: normalizeHeaders(event.headers),
      body: bodyFrom(event.body, event.isBase64Encoded, path),
    };
  },
  toResult: ({ status, headers, cookies, body }) => ({
    statusCode: status,
    statusDescription: statusDescription(status),
    headers: cookies.length ? { ...headers, 'set-cookie': cookies } : headers,
    body,
    isBase64Encoded: false,
  }),
};
