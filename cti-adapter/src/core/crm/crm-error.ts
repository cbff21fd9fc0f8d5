/**
 * Error codes of the remote API contract envelope (`INVALID_INPUT`, `NO_ACCESS`, `NOT_FOUND`,
 * `LIMIT_EXCEEDED`, `INTERNAL`) plus the client-side `NETWORK` (the request did not reach Apex or timed out;
 * safe to retry).
 * @public
 */
export type CrmErrorCode = 'INVALID_INPUT' | 'NO_ACCESS' | 'NOT_FOUND' | 'LIMIT_EXCEEDED' | 'INTERNAL' | 'NETWORK';

/** Codes worth retrying automatically (transient). @public */
export const RETRIABLE_CRM_ERRORS: readonly CrmErrorCode[] = Object.freeze(['INTERNAL', 'NETWORK']);

/**
 * A failed call to the Salesforce side: the envelope's `error` (`{code, message, field, reference}`) or a transport
 * failure. `field` names the offending request path (e.g. `logs[3].startTime`) for `INVALID_INPUT`, else `null`;
 * `reference` names the Softphone Error Log where the admin reads the details of an unexpected server failure (the
 * message then reads "Something went wrong (ref SP-…). Your admin can look it up in Softphone Error Logs."), else `null`.
 * @public
 */
export class CrmError extends Error {
  override readonly name = 'CrmError';

  constructor(
    readonly code: CrmErrorCode,
    message: string,
    readonly field: string | null = null,
    readonly reference: string | null = null,
  ) {
    super(message);
  }

  /** `true` for transient failures ({@link RETRIABLE_CRM_ERRORS}). */
  get retriable(): boolean {
    return RETRIABLE_CRM_ERRORS.includes(this.code);
  }

  /** Wraps anything thrown into a `CrmError` (unknown errors become `INTERNAL`). */
  static from(error: unknown): CrmError {
    if (error instanceof CrmError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new CrmError('INTERNAL', message);
  }
}
