// No head-of-line blocking in the server modes (local server, OpenFaaS upstream, Azure custom
// handler): searches run on the worker pool, so while a backlog of long searches computes, hello and
// circle requests are answered, all of them before the backlog's last search (an ordering, not a
// timing). And the queue limit: with one worker and a queue of one, extra searches are refused at
// once with 503 overloaded and retry-after, the server keeps serving, and later searches succeed.
import type { Server } from 'node:http';
import { suite } from 'uvu';
import { createCustomHandlerServer } from '../adapters/azure/custom-handler.ts';
import { createLocalServer } from '../adapters/node/server.ts';
import { createHandler } from '../adapters/openfaas/handler.ts';
import { createUpstreamServer } from '../adapters/openfaas/server.ts';
import type { Compute } from '../src/contract/compute.ts';
import { poolCompute, type PoolCompute } from '../src/server/pool.ts';
import { forwardedByOfWatchdog, invokedByAzureHost, overHttp, type Send } from './support/adapters.ts';
import { close, listen } from './support/http.ts';
import { assertCheapOvertakeSearches, assertQueueLimit } from './support/head-of-line.ts';

interface ServerMode {
  name: string;
  create(compute: Compute): Server;
  connect(base: string): Send;
}

const MODES: ServerMode[] = [
  { name: 'local server', create: (compute) => createLocalServer({ compute }), connect: overHttp },
  { name: 'openfaas upstream', create: (compute) => createUpstreamServer({ handler: createHandler({ compute }) }), connect: forwardedByOfWatchdog },
  { name: 'azure custom handler (invocations)', create: (compute) => createCustomHandlerServer({ compute }), connect: invokedByAzureHost },
];

/** Starts `mode` with `pool`, runs `body` against it, and stops both. */
async function withServer(mode: ServerMode, pool: PoolCompute, body: (send: Send) => Promise<void>): Promise<void> {
  const server = mode.create(pool);
  try {
    await body(mode.connect(await listen(server)));
  } finally {
    await close(server);
    await pool.close();
  }
}

const headOfLine = suite('no head-of-line blocking: cheap requests overtake a backlog of long searches');
const BACKLOG = 12;
const CHEAP_ROUNDS = 5;

for (const mode of MODES) {
  headOfLine(mode.name, () =>
    withServer(mode, poolCompute({ threads: 1, maxQueue: BACKLOG }), (send) => assertCheapOvertakeSearches(send, mode.name, BACKLOG, CHEAP_ROUNDS)),
  );
}

headOfLine.run();

const queue = suite('the queue limit: a full pool answers 503 overloaded with retry-after, and keeps serving');

for (const mode of MODES) {
  queue(mode.name, () => withServer(mode, poolCompute({ threads: 1, maxQueue: 1 }), (send) => assertQueueLimit(send, mode.name)));
}

queue.run();
