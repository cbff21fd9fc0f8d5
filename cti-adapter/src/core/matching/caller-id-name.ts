/**
 * Caller-ID name (CNAM): the name the network gives with an inbound call — the `Nm` attribute of the web phone's
 * `P-rc` header, or the party's `from.name` of a telephony session (RingCentral API Reference, "Telephony Sessions
 * Event", https://developers.ringcentral.com/api-reference/Extension-Telephony-Sessions-Event). Carriers send at most
 * 15 characters, often `LAST FIRST` in capitals ("GIBBONS PETER"), sometimes a city or a generic text instead of a
 * name. When no record carries the caller's number, the log form offers a search of Salesforce by this name
 * (Arcadium's reverse lookup, seed `003_50ccaf370a5819aa.txt`; ADR 0033).
 */

/** Longest search term the package's `searchRecords` accepts (contract: 2–100 characters after trimming). @public */
export const MAX_CALLER_ID_SEARCH_LENGTH = 100;

/**
 * What carriers send when they have no name for the caller (compared in upper case, spaces collapsed): searching
 * Salesforce for these finds nobody the call is with.
 * @public
 */
export const GENERIC_CALLER_ID_NAMES: ReadonlySet<string> = new Set([
  'ANONYMOUS',
  'BLOCKED',
  'CELL PHONE',
  'NO CALLER ID',
  'OUT OF AREA',
  'PRIVATE',
  'PRIVATE CALLER',
  'PRIVATE NUMBER',
  'RESTRICTED',
  'TOLL FREE',
  'UNAVAILABLE',
  'UNKNOWN',
  'UNKNOWN CALLER',
  'UNKNOWN NAME',
  'WIRELESS CALLER',
]);

/**
 * The term to search Salesforce for a caller-ID name, or `null` when the name is no name: absent, blank, generic
 * ({@link GENERIC_CALLER_ID_NAMES}), the caller's number again (no letter in it) or under 2 characters. The name is
 * returned as the network sent it (control characters replaced, spaces collapsed, cut at
 * {@link MAX_CALLER_ID_SEARCH_LENGTH}); the server turns it into safe SOSL (its letter and digit runs only), and the
 * UI shows it as text, so markup, quotes and SOSL operators in it are harmless.
 * @public
 */
export function callerIdSearchTerm(name: string | null | undefined): string | null {
  if (!name) return null;
  const term = name
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_CALLER_ID_SEARCH_LENGTH)
    .trim();
  if (term.length < 2 || !/\p{L}/u.test(term)) return null;
  return GENERIC_CALLER_ID_NAMES.has(term.toUpperCase()) ? null : term;
}
