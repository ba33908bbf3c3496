// Limits of the HTTP contract, in one place (the README's "Limits and errors" table is checked
// against them, and against the kernels' limits in src/core/limits.ts).

/** Largest request body accepted (bytes); larger bodies answer 413 payload_too_large. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Largest request head the Node servers accept, as sent (request line, header lines, line ends); larger answers 431. */
export const MAX_HEADER_BYTES = 16 * 1024;
/** Most header lines in a request head; more answers 431 (Node alone would drop those past 2000 silently). */
export const MAX_HEADERS = 100;
/** Open connections a Node server keeps; at the cap a new one makes room (idle ones first), else gets 503. */
export const MAX_CONNECTIONS = 512;
/** Time a client has to send a request head (ms); then 408. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** Time a client has to send a whole request, head and body (ms); then 408. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** An idle keep-alive connection is closed after this long (ms): longer than a load balancer's idle timeout (ALB: 60 s), so it closes first. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/**
 * After an answer given before the request body's end (413, a fault inside the body), or one that
 * ends the connection, the rest is still read and dropped, up to this many bytes and for at most
 * MAX_DRAIN_MS, so that a client still sending can finish and read its answer (a server that stops
 * reading leaves it blocked on a full socket, or resets it). Past either bound the connection goes.
 * The Node servers and the fetch bridge both drain this way.
 */
export const MAX_DRAIN_BYTES = 16 * 1024 * 1024;
export const MAX_DRAIN_MS = 5_000;
/** Time kept back from a platform deadline to format and send the answer (ms). */
export const DEADLINE_MARGIN_MS = 50;
/** Name of the cookie that remembers a client's preferred engine (PUT /api/engine). */
export const ENGINE_COOKIE = 'polyfn-engine';

/** Workers in a server's kernel pool: one per core (see src/server/pool.ts). Searches queued per worker before 503: */
export const POOL_QUEUE_PER_THREAD = 16;
