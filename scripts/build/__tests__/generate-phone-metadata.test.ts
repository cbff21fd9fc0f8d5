import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MetadataJson } from 'libphonenumber-js/core';
import {
  FORMATTING_ONLY_FIELDS,
  PARSING_METADATA_FILE,
  installedMinMetadata,
  parsingMetadata,
  parsingMetadataText,
} from '../generate-phone-metadata';

const root = path.resolve(__dirname, '..', '..', '..');

describe('generate-phone-metadata (the first paint’s metadata without formats, ADR 0018)', () => {
  it('the committed file is the installed libphonenumber-js min metadata without its formats', () => {
    const current = readFileSync(path.join(root, PARSING_METADATA_FILE), 'utf8');
    // On failure: libphonenumber-js changed; run npx tsx scripts/build/generate-phone-metadata.ts
    expect(current).toBe(parsingMetadataText(installedMinMetadata(root)));
  });

  it('removes only the formatting fields and keeps every other field of every numbering plan', () => {
    const whole = installedMinMetadata(root) as unknown as {
      countries: Record<string, unknown[]>;
      nonGeographic: Record<string, unknown[]>;
      country_calling_codes: unknown;
    };
    const stripped = parsingMetadata(whole as unknown as MetadataJson) as unknown as typeof whole;
    expect(stripped.country_calling_codes).toEqual(whole.country_calling_codes);
    for (const group of ['countries', 'nonGeographic'] as const) {
      expect(Object.keys(stripped[group])).toEqual(Object.keys(whole[group]));
      for (const [key, plan] of Object.entries(whole[group])) {
        const kept = stripped[group][key] ?? [];
        plan.forEach((value, index) => {
          expect([key, index, kept[index] ?? 0]).toEqual([
            key,
            index,
            FORMATTING_ONLY_FIELDS.includes(index) ? 0 : value,
          ]);
        });
      }
    }
    expect(whole.countries.GB?.[4]).not.toBe(0); // the source has formats: the test compares something
  });

  it('refuses another metadata layout rather than strip the wrong fields', () => {
    expect(() => parsingMetadata({ version: 5, country_calling_codes: {}, countries: {} } as never)).toThrow(
      'libphonenumber-js metadata version 5 is not 4',
    );
  });
});
