/**
 * A phone number normalized to E.164, in the parts the remote API contract exchanges
 * (`docs/contracts/softphone-remote-api.md`, `matchNumbers` request) plus display helpers.
 *
 * @public
 */
export interface PhoneNumberParts {
  /** E.164 form, `+` and digits only, e.g. `+14155550123` (no extension). */
  readonly e164: string;
  /** Country calling code without `+`, e.g. `1`, `44`. */
  readonly countryCallingCode: string;
  /** National significant number (digits, no trunk prefix), e.g. `4155550123`. */
  readonly nationalNumber: string;
}

/**
 * A normalized phone number: the contract parts plus what the softphone shows.
 *
 * @public
 */
export interface PhoneNumber extends PhoneNumberParts {
  /** International display form, e.g. `+1 415 555 0123` (libphonenumber-js `formatInternational`). */
  readonly display: string;
  /** National display form, e.g. `(415) 555-0123`. */
  readonly nationalDisplay: string;
  /** Extension digits when the input carried one (`ext. 12`, `x12`, `;ext=12`), else `null`. */
  readonly extension: string | null;
  /** ISO 3166-1 alpha-2 country the number belongs to when known (e.g. `US`), else `null`. */
  readonly country: string | null;
  /** `true` when the metadata says the number is valid; a merely possible number is still accepted. */
  readonly isValid: boolean;
}
