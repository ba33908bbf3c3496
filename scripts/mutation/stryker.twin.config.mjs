// Mutation testing of the JS twin's palindrome search alone: `npm run mutation:twin`. A run of its
// own because, instrumented, its hot loops run 20-50x slower and every test calling the JS engine
// would pay that in the main run. The whole file takes ~1.5 h on 2 cores.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: ['src/core/js/palindromes.ts'],
  tap: { ...base.tap, testFiles: ['test/palindromes-exact.test.ts', 'test/palindromes.test.ts', 'test/api.test.ts'] },
  // Outside the dry run, nobody reads the coverage counts: quiet-coverage.mjs lets the mutant runs skip them.
  buildCommand: 'node scripts/mutation/quiet-coverage.mjs',
  incrementalFile: 'reports/stryker-incremental-twin.json',
  tempDirName: '.stryker-tmp-twin', // so that it can run beside the main run
  htmlReporter: { fileName: 'reports/mutation/twin.html' },
  jsonReporter: { fileName: 'reports/mutation/twin.json' },
};
