/**
 * A refused or failed RingCentral REST call.
 *
 * RingCentral error bodies look like `{errorCode, message, errors:[{errorCode, message}]}` (OAuth errors:
 * `{error, error_description}`), see the RingCentral API Reference (developers.ringcentral.com/api-reference), "Error handling".
 * `status` is the HTTP status (`null` when no response arrived: network failure, CORS, aborted);
 * `errorCode` the platform's code (`CMN-102`, `AGW-401`, `invalid_grant`…) when the body carried one.
 * @public
 */
export class RingCentralApiError extends Error {
  override readonly name = 'RingCentralApiError';

  constructor(
    message: string,
    readonly status: number | null,
    readonly errorCode: string | null = null,
    /** Seconds from a 429's `Retry-After` header, when present. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  /** True for failures worth retrying later (no response, 429, 5xx). */
  get transient(): boolean {
    return this.status === null || this.status === 429 || this.status >= 500;
  }
}
