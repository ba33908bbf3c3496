// Mutation testing (StrykerJS) of the core and the HTTP contract: `npm run mutation`. See the
// README's Development section. StrykerJS 9.6 is the last line that runs on Node 20 (10.x refuses
// to start below Node 22).

/** In-process tests of the core and the HTTP contract, cheapest and broadest first: a mutant runs
 * only the files that reach it, in this order, until one fails. Left out: tests of built bundles,
 * child-process servers, worker pools, other runtimes and the AssemblyScript text code (cli,
 * lambda-bundle, lambda-offline, lifecycle, load, pool, budget, supply-chain, wasi, number-text,
 * bench-smoke, package, the bun/deno/workerd/gcp/netlify/vercel conformance runs): the instrumented
 * sources do not run there, or run in processes and threads whose coverage is not collected. */
export const testFiles = [
  'test/core-details.test.ts',
  'test/api.test.ts',
  'test/limits-exact.test.ts',
  'test/contract-details.test.ts',
  'test/http.test.ts',
  'test/binary-body.test.ts',
  'test/geometry.test.ts',
  'test/polygons.test.ts',
  'test/fetch.test.ts',
  'test/openapi.test.ts',
  'test/conformance/lambda.test.ts',
  'test/conformance/node.test.ts',
  'test/conformance/azure-functions.test.ts',
  'test/conformance/azure-custom-handler.test.ts',
  'test/conformance/openfaas-http.test.ts',
  'test/conformance/openfaas-classic.test.ts',
  'test/lambda.test.ts',
  'test/openfaas.test.ts',
  'test/azure.test.ts',
  'test/internal-errors.test.ts',
  'test/log.test.ts',
  'test/readme.test.ts',
  'test/palindromes.test.ts',
  'test/fuzz.test.ts',
  'test/faults.test.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'src/core/**/*.ts',
    '!src/core/types.ts', // types only
    '!src/core/js/palindromes.ts', // its own run: stryker.twin.config.mjs
    'src/contract/*.ts',
    '!src/contract/types.ts', // types only
    // The Node servers' body reading (readBody, fromNodeRequest); the rest of the file (listen,
    // graceful stop) is tested through child processes, whose coverage is not collected.
    'src/server/http.ts:31-82',
  ],
  // The tap runner starts one process per test file and reads TAP; uvu-tap.ts runs a uvu file and
  // speaks TAP. Coverage is per test file: a mutant runs only the files that reach it.
  testRunner: 'tap',
  tap: {
    testFiles,
    nodeArgs: ['--import', 'tsx', '-r', '{{hookFile}}', 'scripts/mutation/uvu-tap.ts', '{{testFile}}'],
  },
  coverageAnalysis: 'perTest',
  // Two cores, shared: one worker each.
  concurrency: 2,
  // tsx strips types without checking them, so there is nothing to disable; and TypeScript 7 has
  // no JS API for the tsconfig rewrite (this tsconfig has no extends or references to rewrite).
  disableTypeChecks: false,
  tsconfigFile: 'no-tsconfig-rewrite',
  ignorePatterns: ['dist', 'bench/out', '.serverless', 'reports'],
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // A busy 2-core machine: generous slack before a slow mutant counts as a timeout.
  timeoutMS: 10_000,
};
