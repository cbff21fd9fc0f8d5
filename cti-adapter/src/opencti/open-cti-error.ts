/**
 * Error codes: Open CTI's (`INVALID_PARAM`, `GENERIC_ERROR`, `SERVER_ERROR`, `SOFTPHONE_CONTAINER_ERROR`) plus
 * the bridge's own `NOT_LOADED` (`sforce.opencti` missing: the page is not inside the softphone frame or
 * `opencti_min.js` failed to load) and `TIMEOUT` (the console never answered).
 * @public
 */
export type OpenCtiErrorCode =
  'INVALID_PARAM' | 'GENERIC_ERROR' | 'SERVER_ERROR' | 'SOFTPHONE_CONTAINER_ERROR' | 'NOT_LOADED' | 'TIMEOUT';

const KNOWN: readonly string[] = [
  'INVALID_PARAM',
  'GENERIC_ERROR',
  'SERVER_ERROR',
  'SOFTPHONE_CONTAINER_ERROR',
  'NOT_LOADED',
  'TIMEOUT',
];

/**
 * A failed Open CTI call. `code` is the first error's code, `method` the Open CTI method, `errors` all errors
 * as the console sent them.
 * @public
 */
export class OpenCtiError extends Error {
  override readonly name = 'OpenCtiError';

  constructor(
    readonly code: OpenCtiErrorCode,
    readonly method: string,
    message: string,
    readonly errors: readonly unknown[] = [],
  ) {
    super(`${method}: ${message}`);
  }

  /** Maps an unknown code to `GENERIC_ERROR`. */
  static codeOf(code: unknown): OpenCtiErrorCode {
    return typeof code === 'string' && KNOWN.includes(code) ? (code as OpenCtiErrorCode) : 'GENERIC_ERROR';
  }
}
