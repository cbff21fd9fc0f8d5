/**
 * The number-matching rule of the remote API contract (`matchNumbers`): a stored phone value matches a
 * requested number when its digits, with any extension cut off at `x`, `ext`, `#`, `,` or `;`, equal one of
 * `cc+nsn`, `nsn`, `0+nsn`, `00+cc+nsn`, `011+cc+nsn`. The server never parses numbers itself: the client
 * sends `countryCallingCode` and `nationalNumber` (derived with libphonenumber-js).
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

/** The digit strings a stored value may reduce to and still be this number. */
export function candidateDigits(n: RequestedNumber): Set<string> {
  const cc = n.countryCallingCode;
  const nsn = n.nationalNumber;
  return new Set([cc + nsn, nsn, `0${nsn}`, `00${cc}${nsn}`, `011${cc}${nsn}`]);
}

/** Whether one stored phone value matches the number. Blank values never match. */
export function phoneMatches(stored: unknown, candidates: Set<string>): boolean {
  if (typeof stored !== 'string' || stored.trim() === '') return false;
  const digits = storedPhoneDigits(stored);
  return digits !== '' && candidates.has(digits);
}
