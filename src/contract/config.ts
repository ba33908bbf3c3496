// Settings an operator may give any adapter through the environment, read once at start-up. The
// environment comes from the adapter (process.env on Node, a Worker's bindings, Deno.env, ...).
import { DEFAULT_BUDGET } from '../core/index.ts';

/** Variables by name, as a platform gives them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** POLYFN_BUDGET: the step budget of each palindromes call (default DEFAULT_BUDGET). */
export function budgetFromEnv(env: Environment): number {
  const raw = env['POLYFN_BUDGET'];
  if (raw === undefined || raw === '') return DEFAULT_BUDGET;
  const budget = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(budget) || budget < 1) {
    throw new Error(`POLYFN_BUDGET must be a positive integer (steps), got ${JSON.stringify(raw)}`);
  }
  return budget;
}

/** A TCP port from the variable `name` (PORT, ...). Without `fallback`, the variable is required. */
export function portFromEnv(env: Environment, name: string, fallback?: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback;
    throw new Error(`${name} is not set: it must name the TCP port to listen on`);
  }
  return parsePort(raw, name);
}

export function parsePort(raw: string, name: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a TCP port (1-65535), got ${JSON.stringify(raw)}`);
  }
  return port;
}
