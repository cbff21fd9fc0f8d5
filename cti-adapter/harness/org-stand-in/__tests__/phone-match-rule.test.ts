import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { candidateDigits, nationalPrefixes, phoneMatches } from '../phone-match-rule';

const APEX = join(__dirname, '../../../../force-app/main/default/classes/domains/NationalPrefixes.cls');

/** The Apex table (`GROUPS`: prefix => space-separated calling codes, possibly concatenated literals). */
function apexTable(): Map<string, string> {
  const source = readFileSync(APEX, 'utf8');
  const body = source.slice(source.indexOf('GROUPS'), source.indexOf('};'));
  const table = new Map<string, string>();
  for (const entry of body.matchAll(/'(\d+)' => ((?:'[^']*'\s*\+?\s*)+)/g)) {
    const codes = [...(entry[2] ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]).join('');
    for (const code of codes.split(/\s+/).filter(Boolean)) table.set(code, entry[1] ?? '');
  }
  return table;
}

describe('national (trunk) prefixes: one fact, libphonenumber metadata, on both sides', () => {
  it('the Apex table NationalPrefixes equals the metadata of the pinned libphonenumber-js', () => {
    const expected = [...nationalPrefixes()].sort(([a], [b]) => Number(a) - Number(b));
    const groups = new Map<string, string[]>();
    for (const [code, prefix] of expected) groups.set(prefix, [...(groups.get(prefix) ?? []), code]);
    const hint = [...groups].map(([prefix, codes]) => `'${prefix}' => '${codes.join(' ')}'`).join(',\n');
    expect({ table: Object.fromEntries([...apexTable()].sort(([a], [b]) => Number(a) - Number(b))) }).toEqual({
      table: Object.fromEntries(expected),
    });
    expect(hint).toContain("'0' => '20 27");
    expect(nationalPrefixes().size).toBeGreaterThan(100);
  });

  it('accepts the national and "(0)" forms only for a calling code with a national prefix', () => {
    const uk = candidateDigits({ e164: '+442079460104', countryCallingCode: '44', nationalNumber: '2079460104' });
    expect(['020 7946 0104', '+44 (0)20 7946 0104', '0044 (0)20 7946 0104'].map((s) => phoneMatches(s, uk))).toEqual([
      true,
      true,
      true,
    ]);
    const us = candidateDigits({ e164: '+12079460104', countryCallingCode: '1', nationalNumber: '2079460104' });
    expect(['020 7946 0104', '+44 (0)20 7946 0104', '1 (207) 946-0104'].map((s) => phoneMatches(s, us))).toEqual([
      false,
      false,
      true,
    ]);
    const italy = candidateDigits({ e164: '+390612345678', countryCallingCode: '39', nationalNumber: '0612345678' });
    expect(phoneMatches('+39 (0)6 1234 5678', italy)).toBe(true);
    expect(phoneMatches('0 0612345678', italy)).toBe(false);
  });
});
