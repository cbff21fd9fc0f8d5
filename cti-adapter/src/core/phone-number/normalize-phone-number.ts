import { parsePhoneNumberWithError, ParseError, type CountryCode } from 'libphonenumber-js/core';
import type { PhoneNumber } from './phone-number';
import { phoneNumberMetadata, type PhoneNumberMetadata } from './phone-number-metadata';
import { PhoneNumberError, type PhoneNumberErrorCode } from './phone-number-error';

/** Result of {@link normalizePhoneNumber}: never throws. @public */
export type NormalizeResult =
  { readonly ok: true; readonly value: PhoneNumber } | { readonly ok: false; readonly error: PhoneNumberError };

const KNOWN_CODES: readonly PhoneNumberErrorCode[] = [
  'NOT_A_NUMBER',
  'INVALID_COUNTRY',
  'TOO_SHORT',
  'TOO_LONG',
  'INVALID_LENGTH',
];

/** International call prefixes written instead of `+` (`00` ITU, `011` NANP). */
const INTERNATIONAL_PREFIX = /^\s*(?:\+|00|011)/;

/**
 * Normalizes a phone number typed or stored in any format (`(650) 555-0101`, `650.555.0101`,
 * `+44 20 7946 0104`, `0044…`, `011 44…`, `+1 650 555 0108 ext. 12`, `tel:+1…`) to E.164 parts with
 * libphonenumber-js (`min` metadata, from `metadata`: {@link PhoneNumberMetadata}). Numbers without a country code
 * are read in `defaultRegion` (ISO 3166-1 alpha-2, from `Settings.defaultRegion`); `00`/`011` prefixes are read as
 * `+`. The E.164 parts, the country and the checks never depend on the formats; before they have loaded, `display`
 * and `nationalDisplay` are both the unformatted international form (`+44 2079460104`: a national form without the
 * formats would lose the trunk prefix, a number that cannot be dialled as shown).
 *
 * A merely *possible* number (right length) is accepted; `isValid` reports the stricter check.
 *
 * `display`, `nationalDisplay` and `isValid` are computed when first read (enumerable getters, then remembered), with
 * the metadata of the parse: dialling and the lookup of a ringing call read only the E.164 parts and the extension,
 * so formatting and the validity check (matching the number against every number type's pattern) stay off the path
 * to the INVITE and to `matchNumbers` (ADR 0018, amendment on click-to-dial and ring → pop).
 * Garbage and too-short numbers (extension numbers like `101`) give `{ok: false, error}` with a
 * {@link PhoneNumberError} — this function never throws. Before the number rules have arrived (a lazy chunk, ADR 0018)
 * every non-blank input gives `RULES_NOT_LOADED`: wait for `PhoneNumberMetadata.whenReady` to read a number for sure.
 * @public
 */
export function normalizePhoneNumber(
  input: string,
  defaultRegion: string | null = 'US',
  metadata: Pick<PhoneNumberMetadata, 'current' | 'formatsLoaded'> = phoneNumberMetadata,
): NormalizeResult {
  const raw = (input ?? '').trim().replace(/^tel:/i, '');
  if (raw === '') return fail('EMPTY', input);
  const text = INTERNATIONAL_PREFIX.test(raw) ? `+${raw.replace(INTERNATIONAL_PREFIX, '')}` : raw;
  const region = toCountryCode(defaultRegion);
  const formatted = metadata.formatsLoaded;
  const rules = metadata.current();
  if (!rules) return fail('RULES_NOT_LOADED', input);
  try {
    const parsed = region
      ? parsePhoneNumberWithError(text, { defaultCountry: region, extract: false }, rules)
      : parsePhoneNumberWithError(text, { extract: false }, rules);
    if (!parsed.isPossible()) return fail(lengthCode(parsed.nationalNumber.length), input);
    const display = once(() => parsed.formatInternational());
    const nationalDisplay = once(() => (formatted ? parsed.formatNational() : display()));
    const isValid = once(() => parsed.isValid());
    const value: PhoneNumber = Object.freeze(
      Object.defineProperties(
        {
          e164: parsed.number,
          countryCallingCode: parsed.countryCallingCode,
          nationalNumber: parsed.nationalNumber,
          extension: parsed.ext ?? null,
          country: parsed.country ?? null,
        },
        {
          display: { get: display, enumerable: true },
          nationalDisplay: { get: nationalDisplay, enumerable: true },
          isValid: { get: isValid, enumerable: true },
        },
      ) as PhoneNumber,
    );
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ParseError && (KNOWN_CODES as readonly string[]).includes(error.message)) {
      return fail(error.message as PhoneNumberErrorCode, input);
    }
    return fail('NOT_A_NUMBER', input);
  }
}

/**
 * Like {@link normalizePhoneNumber} but returns `null` instead of an error (for "best effort" display).
 * @public
 */
export function tryNormalizePhoneNumber(
  input: string,
  defaultRegion: string | null = 'US',
  metadata: Pick<PhoneNumberMetadata, 'current' | 'formatsLoaded'> = phoneNumberMetadata,
): PhoneNumber | null {
  const result = normalizePhoneNumber(input, defaultRegion, metadata);
  return result.ok ? result.value : null;
}

/** `compute` run once, at the first call; later calls return its result. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

function lengthCode(nationalLength: number): PhoneNumberErrorCode {
  if (nationalLength < 6) return 'TOO_SHORT';
  if (nationalLength > 15) return 'TOO_LONG';
  return 'INVALID_LENGTH';
}

function toCountryCode(region: string | null): CountryCode | undefined {
  if (!region) return undefined;
  const upper = region.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(upper) ? (upper as CountryCode) : undefined;
}

function fail(code: PhoneNumberErrorCode, input: string): NormalizeResult {
  return { ok: false, error: new PhoneNumberError(code, String(input ?? '')) };
}
