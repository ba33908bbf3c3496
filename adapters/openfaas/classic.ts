// The classic watchdog's function process (fprocess="node classic.mjs"), one process per request:
// the watchdog writes the request body to stdin, passes the method, path, query and headers as
// Http_* variables (cgi_headers, on by default), and sends stdout back as the response body.
// That is all it carries back: no header set here reaches the client, and the status is 200 when
// the process exits 0, else 500 with "exit status N" put before stdout. So every answer, errors
// included, exits 0 with the contract's exact JSON body: a client reads the outcome from the body
// ({"error":{"code",...}}), and the log line on stderr records the contract's status.
import '../../src/runtime/node.ts';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { bodyTooLarge, HttpError, toErrorResponse } from '../../src/contract/errors.ts';
import { handle } from '../../src/contract/handle.ts';
import { bodyLimit } from '../../src/contract/routes.ts';
import { logLine, loggedError, requestLog } from '../../src/contract/log.ts';
import { streamLog, writeLogLine } from '../../src/server/log.ts';
import { normalizeHeaders, queryFromSearch } from '../../src/contract/request.ts';
import type { PolyRequest, PolyResponse } from '../../src/contract/types.ts';
import { deadlineAfter, durationMs } from './timeout.ts';

/** Http_* variables the watchdog derives from the request line and framing rather than from a header. */
const NOT_HEADERS = new Set(['Method', 'Path', 'Query', 'ContentLength', 'Content_Length', 'Transfer_Encoding']);

/** The request the watchdog describes: Http_Method, Http_Path, Http_Query and one Http_<Name> per header (its first value). */
export function requestFromCgi(env: NodeJS.ProcessEnv, body: Uint8Array | undefined): PolyRequest {
  const method = env['Http_Method'];
  if (!method) throw new HttpError('invalid_envelope', 'no Http_Method: run this under the classic watchdog with cgi_headers=true');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const header = name.startsWith('Http_') ? name.slice('Http_'.length) : '';
    // Http_X_Call_Id is the header X-Call-Id (the watchdog turned '-' into '_').
    if (header && value !== undefined && !NOT_HEADERS.has(header)) headers[header.replaceAll('_', '-')] = value;
  }
  return {
    method,
    path: env['Http_Path'] || '/',
    query: queryFromSearch(env['Http_Query'] ?? ''),
    headers: normalizeHeaders(headers),
    body,
    // The watchdog's timer starts when it forks this process (its exec_timeout: none by default).
    deadline: deadlineAfter(performance.timeOrigin, durationMs(env['exec_timeout'], 0)),
  };
}

/** The body on stdin, refused (413) past `limit`: the classic watchdog itself passes on any size. */
async function readStdin(limit: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw bodyTooLarge(limit);
    chunks.push(chunk);
  }
  return size ? new Uint8Array(Buffer.concat(chunks)) : undefined;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  // A bad POLYFN_BUDGET or POLYFN_LOG_LEVEL is the operator's error, not the request's: it fails the process (500).
  const budget = budgetFromEnv(process.env);
  const log = streamLog(process.stderr);
  let res: PolyResponse;
  try {
    res = await handle(requestFromCgi(process.env, await readStdin(bodyLimit(process.env['Http_Path'] || '/'))), { budget });
  } catch (error) {
    res = toErrorResponse(error);
  }
  process.stdout.write(res.body);
  // The watchdog adds stderr to the response body unless combine_output=false, so log only then.
  if (process.env['combine_output'] === 'false') {
    log(requestLog({ method: process.env['Http_Method'] ?? '?' }, res, startedAt, { function_request_id: process.env['Http_X_Call_Id'] }));
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isMain) {
  main().catch((error: Error) => {
    writeLogLine(process.stderr, logLine('FATAL', error.message, { error: loggedError(error) }));
    process.exitCode = 1;
  });
}
