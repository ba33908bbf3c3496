// The JS twin's exact arithmetic past 2^53 alone: `npm run mutation:twin:exact`, minutes instead of
// the whole file's ~1.5 h (only mutated lines are instrumented, so the search's hot loops stay
// fast). Line ranges of src/core/js/palindromes.ts: quotientOf and cornerQuotient, then
// quadPast2p53 and divisor; move them with the functions. Results join the whole twin run's
// (same incremental file and reports).
import twin from './stryker.twin.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...twin,
  mutate: ['src/core/js/palindromes.ts:452-466', 'src/core/js/palindromes.ts:523-548'],
};
