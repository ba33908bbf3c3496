// JSON form of results. A palindrome value is a JSON number while it is a safe integer
// (<= 2^53 - 1, so every JSON parser reads it exactly) and a decimal string above that:
// 9-digit factors give products up to ~10^18, which a JavaScript JSON.parse would round.
import type { FactorPair, PalindromeEnd, PalindromeResult } from './types.ts';

export interface PalindromeEndJSON {
  value: number | string | null;
  factors: FactorPair[];
}

export interface PalindromeResultJSON {
  smallest: PalindromeEndJSON;
  largest: PalindromeEndJSON;
}

function endToJSON(end: PalindromeEnd): PalindromeEndJSON {
  const { value, factors } = end;
  if (value === null) return { value, factors };
  return { value: value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString(), factors };
}

export function palindromeResultToJSON(result: PalindromeResult): PalindromeResultJSON {
  return { smallest: endToJSON(result.smallest), largest: endToJSON(result.largest) };
}
