/**
 * Text order of Apex `String.compareTo` (UTF-16 code units, no locale), which the package's sorts and CRM routing's
 * text comparisons use: ids sort by their base-62 digits (`Z` before `a`, so a later id is greater), ISO times
 * chronologically. A locale-aware comparison would put `a` before `Z` and misorder ids.
 * @returns negative, zero or positive
 */
export function compareApexText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
