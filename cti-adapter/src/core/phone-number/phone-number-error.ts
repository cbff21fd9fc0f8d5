/**
 * Why a phone number could not be normalized.
 * - `EMPTY`: blank input.
 * - `NOT_A_NUMBER`: no phone digits (e.g. `"call me"`).
 * - `INVALID_COUNTRY`: no `+`/international prefix and no usable default region.
 * - `TOO_SHORT` / `TOO_LONG` / `INVALID_LENGTH`: the digits cannot form a number of that country
 *   (extension numbers such as `101` land here: they are not E.164 numbers).
 * - `RULES_NOT_LOADED`: the number rules (the parsing metadata, a lazy chunk: ADR 0018) have not arrived yet, or
 *   could not load (network); nothing is said about the input. Whoever must read a number waits for
 *   `PhoneNumberMetadata.whenReady` first.
 *
 * Codes mirror libphonenumber-js `ParseError` messages plus `EMPTY` and `RULES_NOT_LOADED`.
 * @public
 */
export type PhoneNumberErrorCode =
  'EMPTY' | 'NOT_A_NUMBER' | 'INVALID_COUNTRY' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH' | 'RULES_NOT_LOADED';

/**
 * Typed error for a phone number that cannot be normalized. Returned (never thrown) by
 * {@link normalizePhoneNumber}.
 * @public
 */
export class PhoneNumberError extends Error {
  override readonly name = 'PhoneNumberError';

  constructor(
    readonly code: PhoneNumberErrorCode,
    readonly input: string,
  ) {
    super(`Cannot normalize phone number "${input}": ${code}`);
  }
}
