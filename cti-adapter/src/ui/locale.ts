/**
 * The agent's Salesforce language, locale and time zone (the `OpenCTIIndex` page's `data-language`
 * `{!$User.LanguageLocaleKey}`, `data-locale` `{!$User.LocaleSidKey}`, `data-time-zone` `{!$User.TimeZoneSidKey}`),
 * and the formats of dates, times, durations and numbers in them through `Intl` (ECMA-402) — never the browser's
 * own locale or time zone, which need not be the user's Salesforce settings (ADR 0032).
 * @public
 */
export interface UserLocale {
  /** BCP 47 tag of the user's language (`fr`, `en-US`, `he`): the page's `lang`. */
  readonly language: string;
  /** BCP 47 tag of the user's locale (`fr-FR`, `de-DE`, `en-US`): formats of dates, times and numbers. */
  readonly locale: string;
  /** IANA time zone (`Europe/Paris`); Salesforce's `TimeZoneSidKey` values are IANA names. */
  readonly timeZone: string;
  /** Writing direction of the language: `rtl` for Arabic, Hebrew, Persian, Urdu and Yiddish. */
  readonly dir: 'ltr' | 'rtl';
}

/**
 * Salesforce's Hebrew and Yiddish language keys (`iw`, `ji`) are ISO 639's withdrawn codes; BCP 47 uses `he`, `yi`
 * (Salesforce Help, "Supported Languages").
 */
const LEGACY_LANGUAGES: Readonly<Record<string, string>> = { iw: 'he', ji: 'yi', in: 'id' };
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'yi']);
const DEFAULT_LOCALE: UserLocale = { language: 'en-US', locale: 'en-US', timeZone: 'UTC', dir: 'ltr' };

/**
 * A Salesforce language or locale key (`en_US`, `de_DE_EURO`, `sr_Latn_RS`, `iw_IL`) as a BCP 47 tag `Intl`
 * accepts, or `null` when it is none. Variants `Intl` does not know (`EURO`, `PREEURO`) are dropped.
 * @public
 */
export function bcp47(key: string | null | undefined): string | null {
  if (!key) return null;
  const parts = key.trim().split(/[_-]/).filter(Boolean);
  if (parts.length === 0) return null;
  parts[0] = LEGACY_LANGUAGES[parts[0]!.toLowerCase()] ?? parts[0]!;
  for (let length = parts.length; length > 0; length -= 1) {
    try {
      return Intl.getCanonicalLocales(parts.slice(0, length).join('-'))[0] ?? null;
    } catch {
      // a part Intl does not accept: try without it
    }
  }
  return null;
}

/** Whether `Intl` knows the time zone. */
function validTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The user's locale from the page's keys; what is missing or unknown falls back to `en-US` and UTC. @public */
export function userLocale(keys: {
  readonly language?: string | null;
  readonly locale?: string | null;
  readonly timeZone?: string | null;
}): UserLocale {
  const language = bcp47(keys.language) ?? DEFAULT_LOCALE.language;
  const locale = bcp47(keys.locale) ?? language;
  const timeZone = keys.timeZone && validTimeZone(keys.timeZone) ? keys.timeZone : DEFAULT_LOCALE.timeZone;
  const base = language.split('-')[0]!.toLowerCase();
  return { language, locale, timeZone, dir: RTL_LANGUAGES.has(base) ? 'rtl' : 'ltr' };
}

let current: UserLocale = DEFAULT_LOCALE;
const cache = new Map<string, Intl.NumberFormat>();

/** Sets the locale every format below uses (at start, from the page). @public */
export function installLocale(locale: UserLocale): void {
  current = locale;
  cache.clear();
  generation += 1;
}

/** Counts {@link installLocale} calls, so formats cached elsewhere (`locale-dates.ts`) know when to rebuild. */
let generation = 0;

/** The number of times a locale was installed. @public */
export function localeGeneration(): number {
  return generation;
}

/** The installed locale. @public */
export function currentLocale(): UserLocale {
  return current;
}

function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(current.locale, options);
    cache.set(key, format);
  }
  return format;
}

/** An integer in the user's locale (`1 234`, `1,234`). @public */
export function formatInteger(value: number): string {
  return numberFormat('integer', { maximumFractionDigits: 0 }).format(value);
}

/**
 * A duration as a timer reads it, `m:ss` / `h:mm:ss`, with the digits of the user's locale (negative → zero): the
 * colon separator of CLDR's `hms` duration pattern in most locales, and of every phone's call timer.
 * @public
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const one = numberFormat('digits', { useGrouping: false });
  const two = numberFormat('twoDigits', { minimumIntegerDigits: 2, useGrouping: false });
  return h > 0 ? `${one.format(h)}:${two.format(m)}:${two.format(s)}` : `${one.format(m)}:${two.format(s)}`;
}

/**
 * Sets the page's `lang` and `dir` (`rtl` for a right-to-left language: SLDS and the softphone's styles mirror on it)
 * and installs the locale. @public
 */
export function applyLocale(document: Pick<Document, 'documentElement'>, locale: UserLocale): void {
  installLocale(locale);
  document.documentElement.lang = locale.language;
  document.documentElement.dir = locale.dir;
}
