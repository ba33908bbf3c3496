// Limits of the HTTP contract, in one place (the README's "Limits and errors" table is checked
// against them, and against the kernels' limits in src/core/limits.ts).

/** Largest request body accepted (bytes); larger bodies answer 413 payload_too_large. */
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * A body refused as too large is still read and discarded up to this many bytes, and for at most
 * MAX_DRAIN_MS, so that a client still sending it can finish and read the 413 (a server that stops
 * reading leaves it blocked on a full socket, or resets it). Past either bound the connection goes.
 */
export const MAX_DRAIN_BYTES = 16 * 1024 * 1024;
export const MAX_DRAIN_MS = 5000;
/** Largest request head (request line + headers) the Node servers accept; larger answers 431. */
export const MAX_HEADER_BYTES = 16 * 1024;
/** Time kept back from a platform deadline to format and send the answer (ms). */
export const DEADLINE_MARGIN_MS = 50;
/** Name of the cookie that remembers a client's preferred engine (PUT /api/engine). */
export const ENGINE_COOKIE = 'polyfn-engine';

/** Workers in a server's kernel pool: one per core (see src/server/pool.ts). Searches queued per worker before 503: */
export const POOL_QUEUE_PER_THREAD = 16;
