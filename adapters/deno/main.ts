// Deno: `deno serve --allow-read --allow-env --port 8000 main.mjs`, and Deno Deploy. The module's
// default export is what `deno serve` calls. Long searches run on Web Workers (the script they load
// is what --allow-read is for), or inline, bounded by the budget, where workers cannot be made.
import '../../src/runtime/inline.ts';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { createFetchHandler } from '../../src/contract/fetch.ts';
import { batchedConsoleLog } from '../../src/server/log.ts';
import { webWorkerPool } from '../../src/server/web-pool.ts';

declare const Deno: {
  env: { toObject(): Record<string, string> };
  addSignalListener(signal: 'SIGTERM' | 'SIGINT', listener: () => void): void;
  exit(code: number): never;
};

const env = Deno.env.toObject();
const pool = webWorkerPool();
const log = batchedConsoleLog(env);
const fetch = createFetchHandler({ budget: budgetFromEnv(env), compute: pool, log });

// `deno serve` ignores SIGTERM while Web Workers live: finish the searches under way, then exit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  Deno.addSignalListener(
    signal,
    () =>
      void pool.close().then(() => {
        log.flush();
        Deno.exit(0);
      }),
  );
}

export default { fetch };
