import { Metadata, getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

/**
 * The number-matching rule of the remote API contract (`matchNumbers`): a stored phone value matches a
 * requested number when its digits, with any extension cut off at `x`, `ext`, `#`, `,` or `;`, equal one of
 * `cc+nsn`, `nsn`, `00+cc+nsn`, `011+cc+nsn`, and — only when the country of the calling code has a national (trunk)
 * prefix `np` — `np+nsn` (the national form, `020 7946 0104`) and `cc+np+nsn`, `00+cc+np+nsn`, `011+cc+np+nsn`
 * (the international "(0)" notation, `+44 (0)20 7946 0104`, `0044 (0)20 …`). The server never parses numbers itself: the client sends `countryCallingCode` and
 * `nationalNumber` (derived with libphonenumber-js); the national prefix of a calling code is a fact of Google's
 * libphonenumber metadata, read here from libphonenumber-js and in Apex from `NationalPrefixes` (a test keeps the
 * two equal). A US caller therefore never matches a UK record through a `0` it does not dial.
 */

export interface RequestedNumber {
  e164: string;
  countryCallingCode: string;
  nationalNumber: string;
}

/** Digits of a stored value before its extension (`+1 650 555 0108 ext. 12` → `16505550108`). */
export function storedPhoneDigits(stored: string): string {
  const cut = stored.search(/x|ext|#|,|;/i);
  const main = cut >= 0 ? stored.slice(0, cut) : stored;
  return main.replace(/\D/g, '');
}

let prefixes: ReadonlyMap<string, string> | null = null;

/**
 * National (trunk) prefixes by country calling code, from libphonenumber-js's metadata: `0` for 44, `1` for 1,
 * `8` for 7, `06` for 36, …; calling codes whose countries have none (39 Italy, 34 Spain, 45 Denmark, the
 * non-geographic codes) are absent. Every calling code's countries agree, so the code alone decides.
 */
export function nationalPrefixes(): ReadonlyMap<string, string> {
  if (prefixes) return prefixes;
  const metadata = new Metadata();
  const byCode = new Map<string, string>();
  for (const country of getCountries()) {
    metadata.selectNumberingPlan(country);
    // `nationalPrefix()` is a method of libphonenumber-js's numbering plan its type declarations leave out (its
    // README documents the neighbours `IDDPrefix()`, `possibleLengths()`); the compact metadata stores a number (0)
    // where a country has no national prefix. The tests fail if the method or the table ever goes away.
    const plan = metadata.numberingPlan as unknown as { nationalPrefix?: () => unknown } | undefined;
    const prefix = plan?.nationalPrefix?.();
    if (typeof prefix === 'string' && prefix !== '') byCode.set(getCountryCallingCode(country), prefix);
  }
  prefixes = byCode;
  return byCode;
}

/** The national prefix of a calling code's countries, or `null` when they have none. */
export function nationalPrefixOf(countryCallingCode: string): string | null {
  return nationalPrefixes().get(countryCallingCode) ?? null;
}

/** The digit strings a stored value may reduce to and still be this number. */
export function candidateDigits(n: RequestedNumber): Set<string> {
  const cc = n.countryCallingCode;
  const nsn = n.nationalNumber;
  const np = nationalPrefixOf(cc);
  const national = np === null ? [] : [np + nsn, cc + np + nsn, `00${cc}${np}${nsn}`, `011${cc}${np}${nsn}`];
  return new Set([cc + nsn, nsn, ...national, `00${cc}${nsn}`, `011${cc}${nsn}`]);
}

/** Whether one stored phone value matches the number. Blank values never match. */
export function phoneMatches(stored: unknown, candidates: Set<string>): boolean {
  if (typeof stored !== 'string' || stored.trim() === '') return false;
  const digits = storedPhoneDigits(stored);
  return digits !== '' && candidates.has(digits);
}
