// Cloudflare Workers: does the budget the folder ships with keep a search within the free plan's
// 10 ms of CPU per request? Deployed, a Worker's clock stands still while it computes, so the step
// budget is the only bound there. Under workerd (no CPU limit, a clock that advances), serving the
// packaged dist/cloudflare/, each request's cost is read as workerd's own CPU time: per request, over
// a run of identical requests, for hello and for the costliest range known on each engine, which
// the budget stops (422).
import { wranglerConfig } from '../scripts/package/cloudflare.ts';
import { ADVERSARIAL_RANGES } from './palindromes-targets.ts';
import type { BenchConfig } from './config.ts';
import { get, type Deployed } from './processes.ts';
import { artifactFolder, cpuMs, startTimed } from './runtimes.ts';

/** The free plan's CPU time per request (ms). */
export const FREE_PLAN_CPU_MS = 10;

export interface WorkersBudgetSection {
  /** POLYFN_BUDGET in the packaged wrangler.jsonc (steps). */
  budget: number;
  requests: number;
  /** workerd's CPU per request (ms): hello, and the costliest range stopped by the budget on each engine. Null without /proc. */
  cpuMsPerRequest: { hello: number | null; wasm: number | null; js: number | null };
  limitMs: number;
  /** Both engines' searches within the limit; null without /proc. */
  met: boolean | null;
}

export async function benchWorkersBudget(config: BenchConfig, deployed: Deployed): Promise<WorkersBudgetSection> {
  const folder = artifactFolder(deployed, 'workerd');
  const budget = Number((await wranglerConfig(folder)).vars['POLYFN_BUDGET']);
  const { min, max } = ADVERSARIAL_RANGES[0]!;
  const paths = { hello: '/api/hello', wasm: `/api/palindromes?min=${min}&max=${max}&engine=wasm`, js: `/api/palindromes?min=${min}&max=${max}&engine=js` };
  const requests = Math.max(5, config.coldRuns * 4);
  const { running, stop } = await startTimed('workerd', folder);
  const port = Number(new URL(running.base).port);
  const pid = running.child.pid;
  try {
    const perRequest = async (path: string, status: number): Promise<number | null> => {
      for (let i = 0; i < 3; i++) await get(port, path); // warm: the first calls tier the code up
      const before = cpuMs(pid);
      for (let i = 0; i < requests; i++) {
        const answer = await get(port, path);
        if (answer.status !== status) throw new Error(`workerd: ${path} answered ${answer.status}, expected ${status}: ${answer.body}`);
      }
      const after = cpuMs(pid);
      return before === null || after === null ? null : (after - before) / requests;
    };
    const cpuMsPerRequest = { hello: await perRequest(paths.hello, 200), wasm: await perRequest(paths.wasm, 422), js: await perRequest(paths.js, 422) };
    const met = cpuMsPerRequest.wasm === null || cpuMsPerRequest.js === null ? null : Math.max(cpuMsPerRequest.wasm, cpuMsPerRequest.js) <= FREE_PLAN_CPU_MS;
    return { budget, requests, cpuMsPerRequest, limitMs: FREE_PLAN_CPU_MS, met };
  } finally {
    await stop();
  }
}
