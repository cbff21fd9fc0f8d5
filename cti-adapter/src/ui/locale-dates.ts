import { currentLocale, localeGeneration } from './locale';

/**
 * Dates and times in the agent's Salesforce locale and time zone (`locale.ts`, ADR 0032), through
 * `Intl.DateTimeFormat`: History, Unresolved and Messages show them, all lazy surfaces — so these formats stay out of
 * the first paint (ADR 0018).
 */
const cache = new Map<string, Intl.DateTimeFormat>();
let cachedFor = -1;

function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  if (cachedFor !== localeGeneration()) {
    cache.clear();
    cachedFor = localeGeneration();
  }
  let format = cache.get(key);
  if (!format) {
    const { locale, timeZone } = currentLocale();
    format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    cache.set(key, format);
  }
  return format;
}

/** A time of day (`14:05`, `2:05 PM`) in the user's locale and time zone. @public */
export function formatTime(at: number | Date): string {
  return dateFormat('time', { hour: 'numeric', minute: '2-digit' }).format(at);
}

/** A short date and time (`5 déc., 14:05`, `Dec 5, 2:05 PM`). @public */
export function formatDateTime(at: number | Date): string {
  return dateFormat('dateTime', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

/** A weekday (`ven.`, `Fri`). @public */
export function formatWeekday(at: number | Date): string {
  return dateFormat('weekday', { weekday: 'short' }).format(at);
}

/** A date with its year (`5 déc. 2026`, `Dec 5, 2026`). @public */
export function formatDate(at: number | Date): string {
  return dateFormat('date', { month: 'short', day: 'numeric', year: 'numeric' }).format(at);
}

/** The calendar day of an instant in the user's time zone, its parts in the locale's order (`12-05-2026` in `en-US`), to compare days. @public */
export function dayKey(at: number | Date): string {
  return dateFormat('dayKey', { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at)
    .filter((p) => p.type !== 'literal')
    .map((p) => p.value)
    .join('-');
}

/**
 * The calendar day of an instant in the user's time zone as `YYYY-MM-DD` (Gregorian, Latin digits, whatever the
 * locale), e.g. today for a default due date. @public
 */
export function isoDay(at: number | Date): string {
  if (isoCachedFor !== localeGeneration()) {
    isoFormat = new Intl.DateTimeFormat('en-US', {
      timeZone: currentLocale().timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    isoCachedFor = localeGeneration();
  }
  const parts = (isoFormat as Intl.DateTimeFormat).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
let isoFormat: Intl.DateTimeFormat | null = null;
let isoCachedFor = -1;

/**
 * A calendar day (`YYYY-MM-DD`, e.g. a Task's due date) with its weekday and year in the user's locale (`lun. 7 déc.
 * 2026`, `Mon, Dec 7, 2026`): a day is no instant, so no time zone moves it. The text itself when it is no such day.
 * @public
 */
export function formatDay(day: string): string {
  const utc = dayStart(day);
  if (utc === null) return day;
  return dateFormat('day', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utc);
}

/** The calendar day `days` after `day` (`YYYY-MM-DD`), across months and years; `day` itself when it is no such day. @public */
export function addDays(day: string, days: number): string {
  const utc = dayStart(day);
  return utc === null ? day : new Date(utc + days * 86_400_000).toISOString().slice(0, 10);
}

/** Midnight UTC of `YYYY-MM-DD`, or `null`. */
function dayStart(day: string): number | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return parts ? Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])) : null;
}
