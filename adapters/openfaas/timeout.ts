// The watchdogs' exec_timeout as a request deadline, so a long search stops and answers 422
// budget_exceeded before the watchdog cuts the call off (of-watchdog answers 504, the classic
// watchdog 408, neither with the contract's JSON). The function process inherits the watchdog's
// environment, so it reads the same variable.

/** exec_timeout when unset: 30 s in of-watchdog (config.New); none (0) in the classic watchdog. */
export const OF_WATCHDOG_EXEC_TIMEOUT_MS = 30_000;

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A watchdog duration in ms, read as both watchdogs read it (parseIntOrDurationValue): whole seconds
 * ("10") or a Go duration ("10s", "1m30s", "1.5h"); `fallback` when unset or unreadable. 0 means none.
 */
export function durationMs(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const parts = [...raw.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map(([part]) => part).join('') !== raw) return fallback;
  return parts.reduce((ms, [, amount, unit]) => ms + Number(amount) * UNIT_MS[unit!]!, 0);
}

/** The deadline (epoch ms) of a call that started at `startedAt` (epoch ms); none when the timeout is 0. */
export function deadlineAfter(startedAt: number, timeoutMs: number): number | undefined {
  return timeoutMs > 0 ? startedAt + timeoutMs : undefined;
}
