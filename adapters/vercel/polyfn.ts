// Vercel Functions (Node.js runtime): the contract's web-standard handler as the function's fetch,
// for every method. vercel.json rewrites /api/* to this function.
import '../../src/runtime/node.ts';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { createFetchHandler } from '../../src/contract/fetch.ts';
import { streamLog } from '../../src/server/log.ts';

export default { fetch: createFetchHandler({ budget: budgetFromEnv(process.env), log: streamLog(process.stdout) }) };
