// Entry of the custom-handler bundle: host.json runs `node custom-handler.mjs`.
import { serveCustomHandler } from './custom-handler.ts';

try {
  await serveCustomHandler();
} catch (error) {
  // A missing or bad FUNCTIONS_CUSTOMHANDLER_PORT, or a port in use: say which, and fail the start.
  process.stderr.write(`polyfn custom handler: ${(error as Error).message}\n`);
  process.exit(1);
}
