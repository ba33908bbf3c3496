// Cloudflare Workers: a module worker whose fetch is the contract's web-standard handler. The step
// budget comes from the POLYFN_BUDGET var (wrangler.toml's [vars]) and the log level from
// POLYFN_LOG_LEVEL, read when the module is evaluated, so a bad value fails the deploy rather than a request. Deployed, the clock stands still
// while a search runs, so the budget is what keeps a search inside the plan's CPU time per request:
// past it a search answers 422 budget_exceeded instead of the isolate being stopped.
import '../../src/runtime/workers.ts';
import { env } from 'cloudflare:workers';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { createFetchHandler } from '../../src/contract/fetch.ts';
import { consoleLog } from '../../src/server/log.ts';

export default { fetch: createFetchHandler({ budget: budgetFromEnv(env), log: consoleLog(env) }) };
