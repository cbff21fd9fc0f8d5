/**
 * One problem on the call log form; `field` is the form field (`notes`, `disposition`, `whoId`, `whatId`,
 * `subject`, `fields.<ApiName>`, `telephonySessionId`).
 * @public
 */
export interface CallLogValidationError {
  readonly field: string;
  readonly code: 'REQUIRED' | 'TOO_LONG' | 'INVALID' | 'NOT_ALLOWED';
  readonly message: string;
}
