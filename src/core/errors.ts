/**
 * The core's errors. `invalid_argument`: the caller passed a value outside the domain (or of the
 * wrong type). `missing_argument`: a required parameter was not given (read from text or JSON).
 * `budget_exceeded`: the step budget or deadline ran out before the search finished.
 * `kernel_fault`: the Wasm instance trapped; it has been replaced and the next call runs on a fresh one.
 */
export type CoreErrorCode = 'invalid_argument' | 'missing_argument' | 'budget_exceeded' | 'kernel_fault';

export class PolyfnError extends Error {
  override readonly name = 'PolyfnError';
  constructor(
    readonly code: CoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
