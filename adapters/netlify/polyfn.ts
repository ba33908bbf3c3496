// Netlify Functions: the contract's web-standard handler as the function's default export, served at
// /api/* (not /.netlify/functions/polyfn) by its config. One request per instance at a time.
import '../../src/runtime/node.ts';
import { budgetFromEnv } from '../../src/contract/config.ts';
import { createFetchHandler } from '../../src/contract/fetch.ts';
import { streamLog } from '../../src/server/log.ts';

export default createFetchHandler({ budget: budgetFromEnv(process.env), log: streamLog(process.stdout) });

export const config = { path: '/api/*' };
