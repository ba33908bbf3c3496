// Google Cloud Run functions: the function `polyfn`, registered with the Functions Framework, which
// runs it in an Express app (`functions-framework --target=polyfn`, locally and on Google's Node
// runtime). The app's body parsers run before any function: they answer invalid JSON, a JSON scalar,
// an unknown charset or content-encoding with an HTML page of their own, inflate gzip bodies, and read
// up to 1 GB. To keep the contract exact, each request's body is read first, raw and within the
// route's limit, as the Node server reads it; the parsers then skip a body already read to its end.
// The framework has no option for this, so the read goes in front of the app: its own Express's
// `app.handle` is wrapped, once, when this module loads (before the framework makes its app).
import '../../src/runtime/node.ts';
import functions from '@google-cloud/functions-framework';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { toErrorResponse } from '../../src/contract/errors.ts';
import { handle } from '../../src/contract/handle.ts';
import { atLevel, logLevelFromEnv, requestLog, type LogLevel } from '../../src/contract/log.ts';
import { fromNodeRequest, readBody, sendResponse } from '../../src/server/http.ts';
import { writeLogLine } from '../../src/server/log.ts';

type AppHandle = (this: unknown, req: IncomingMessage, res: ServerResponse, next?: unknown) => void;

const options = { budget: budgetFromEnv(process.env) };
/** Cloud Logging reads a JSON line's level from `severity`, in its own names. */
const SEVERITY: Record<LogLevel, string> = { TRACE: 'DEBUG', DEBUG: 'DEBUG', INFO: 'INFO', WARN: 'WARNING', ERROR: 'ERROR', FATAL: 'CRITICAL' };
const log = atLevel(logLevelFromEnv(process.env), (line) => writeLogLine(process.stdout, { ...line, severity: SEVERITY[line.level] }));
/** Each request's body as read in front of the app, and when it arrived. */
const arrived = new WeakMap<IncomingMessage, { body: Uint8Array | undefined; startedAt: number }>();

// The Express the framework itself loads, found from the framework's own folder.
const frameworkRequire = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));
const application = (frameworkRequire('express') as { application: { handle: AppHandle } }).application;
const handleApp = application.handle;
application.handle = function (req, res, next) {
  const startedAt = performance.now();
  readBody(req).then(
    (body) => {
      arrived.set(req, { body, startedAt });
      handleApp.call(this, req, res, next);
    },
    (error: unknown) => {
      const out = toErrorResponse(error);
      sendResponse(res, out);
      log(requestLog({ method: req.method ?? '?' }, out, startedAt));
    },
  );
};

functions.http('polyfn', async (req, res) => {
  const { body, startedAt } = arrived.get(req)!;
  const out = await handle(fromNodeRequest(req, body), options);
  sendResponse(res, out);
  log(requestLog(req, out, startedAt));
});
