// What an invocation costs on AWS Lambda: a fee per request plus GB-seconds (the memory size in GB
// times the billed duration), the duration rounded up to the next whole millisecond. On-demand prices
// in us-east-1, first tier (x86 up to 6 billion GB-seconds a month, arm64 up to 7.5 billion), without
// the free tier (1 million requests and 400,000 GB-seconds a month) or any savings plan.

export const LAMBDA_PRICES = {
  region: 'us-east-1',
  source: 'aws.amazon.com/lambda/pricing (on-demand, first tier, no free tier)',
  /**
   * When the figures were last compared with copies of that page and AWS's "How AWS Pricing Works"
   * whitepaper; they have not changed since arm64 arrived (2021-09).
   */
  checked: '2026-12',
  requestUsd: 0.2 / 1e6,
  gbSecondUsd: { x86: 0.0000166667, arm64: 0.0000133334 },
} as const;

export type Architecture = keyof typeof LAMBDA_PRICES.gbSecondUsd;

/** Lambda stops an invocation after 15 minutes, whatever its timeout says. */
export const LAMBDA_MAX_TIMEOUT_MS = 900_000;

/** Memory at which a function has one full vCPU; CPU is allotted in proportion below it. */
export const FULL_VCPU_MB = 1769;

/** Lambda's GB is 1,024 MB (its pricing examples divide by 1,024). */
export const gigabytes = (memoryMb: number): number => memoryMb / 1024;

/** Billed duration: whole milliseconds, rounded up, at least 1. */
export function billedMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

/** Price of a million invocations that each bill `billed` ms at `memoryMb` (USD). */
export function pricePerMillion(memoryMb: number, billed: number, architecture: Architecture): number {
  return 1e6 * (LAMBDA_PRICES.requestUsd + gigabytes(memoryMb) * (billed / 1000) * LAMBDA_PRICES.gbSecondUsd[architecture]);
}

export interface Priced {
  /** Whole ms, as Lambda bills. */
  billedMs: number;
  /** USD per million invocations; null where the duration passes Lambda's 15-minute limit (it cannot run there). */
  perMillionUsd: Record<Architecture, number> | null;
}

export function priced(memoryMb: number, durationMs: number): Priced {
  const billed = billedMs(durationMs);
  return {
    billedMs: billed,
    perMillionUsd:
      durationMs > LAMBDA_MAX_TIMEOUT_MS ? null : { x86: pricePerMillion(memoryMb, billed, 'x86'), arm64: pricePerMillion(memoryMb, billed, 'arm64') },
  };
}
