// The "Serverless Rust" talk's baseline, for the benchmark only: the naive double loop it timed on Lambda and
// Azure. Every pair a <= b in [min, max] is multiplied and its product checked for being a
// palindrome; the smallest and the largest are kept with every pair that makes them. Plain numbers,
// no pruning, no early exit: products stay below 2^53 on the ranges it runs (up to 4 digits here).

export interface NaiveEnd {
  value: number | null;
  factors: [number, number][];
}

export interface NaiveResult {
  smallest: NaiveEnd;
  largest: NaiveEnd;
}

function isPalindrome(n: number): boolean {
  let reversed = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10)) reversed = reversed * 10 + (rest % 10);
  return reversed === n;
}

export function naivePalindromes(min: number, max: number): NaiveResult {
  const smallest: NaiveEnd = { value: null, factors: [] };
  const largest: NaiveEnd = { value: null, factors: [] };
  for (let a = min; a <= max; a++) {
    for (let b = a; b <= max; b++) {
      const product = a * b;
      if (!isPalindrome(product)) continue;
      if (smallest.value === null || product < smallest.value) {
        smallest.value = product;
        smallest.factors = [];
      }
      if (product === smallest.value) smallest.factors.push([a, b]);
      if (largest.value === null || product > largest.value) {
        largest.value = product;
        largest.factors = [];
      }
      if (product === largest.value) largest.factors.push([a, b]);
    }
  }
  return { smallest, largest };
}
