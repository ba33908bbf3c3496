// PLACEHOLDER (to be replaced): AssemblyScript's built-ins, which are NOT exact: dtoa is Grisu2
// (not always shortest, "2.0" for integers) and parseFloat misreads exponents above 38.

/** The text JavaScript's String(x) gives for a finite double. */
export function formatNumber(x: f64): string {
  return x.toString();
}

/** The double nearest to decimal `text` (grammar /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/), NaN otherwise. */
export function parseNumber(text: string): f64 {
  return parseFloat(text);
}
