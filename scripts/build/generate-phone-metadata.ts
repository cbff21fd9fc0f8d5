/**
 * Writes the phone-number metadata the softphone's first paint parses with (ADR 0018, amendment "the number formats
 * load after the first paint"): `cti-adapter/src/core/phone-number/phone-metadata-parsing.generated.json`, the
 * `libphonenumber-js` `min` metadata the bundle ships (`libphonenumber-js/metadata.min.json`, the same version as the
 * code that reads it) without the fields only formatting reads — each numbering plan's formats, its national prefix
 * formatting rule and its "national prefix optional when formatting" flag. Parsing, E.164, the country, the possible
 * lengths and validity read none of them; the full `min` metadata arrives in a lazy chunk
 * (`phone-number-formats.ts`) and formats from then on.
 *
 * Why not `libphonenumber-metadata-generator` (the library's documented way to make custom metadata): it builds from
 * Google's `PhoneNumberMetadata.xml` (downloaded from GitHub) and selects countries and number types, not fields;
 * this derives from the metadata already installed, so both halves are always the same release.
 *
 *   npx tsx scripts/build/generate-phone-metadata.ts           # write the file
 *   npx tsx scripts/build/generate-phone-metadata.ts --check   # exit 1 when it is out of date
 *
 * The engine's tests check it too (`phone-number-metadata.test.ts`), so a `libphonenumber-js` upgrade without a
 * rerun fails `npm test`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MetadataJson } from 'libphonenumber-js/core';

/** Repository path of the generated file. */
export const PARSING_METADATA_FILE = 'cti-adapter/src/core/phone-number/phone-metadata-parsing.generated.json';

/**
 * The compressed metadata layout these indexes belong to (`version` of the JSON). Another version is a breaking
 * change of the library's format: the script refuses it rather than strip the wrong fields.
 */
export const SUPPORTED_METADATA_VERSION = 4;

/**
 * Positions in a numbering plan's array (metadata version 4, `minify.js` of `libphonenumber-metadata-generator`, the
 * getters of `libphonenumber-js`'s `metadata.js`) that only formatting reads: 4 `formats`, 6
 * `national_prefix_formatting_rule`, 9 `national_prefix_is_optional_when_formatting`.
 */
export const FORMATTING_ONLY_FIELDS: readonly number[] = [4, 6, 9];

type Plan = unknown[];
interface CompressedMetadata {
  readonly version: number;
  readonly country_calling_codes: Record<string, string[]>;
  readonly countries: Record<string, Plan>;
  readonly nonGeographic?: Record<string, Plan>;
}

/**
 * `metadata` without its formatting-only fields (set to `0`, the compressed format's "absent"; trailing absent
 * fields trimmed as the generator trims them). Throws on another metadata version.
 */
export function parsingMetadata(metadata: MetadataJson): MetadataJson {
  const source = metadata as unknown as CompressedMetadata;
  if (source.version !== SUPPORTED_METADATA_VERSION) {
    throw new Error(
      `libphonenumber-js metadata version ${String(source.version)} is not ${SUPPORTED_METADATA_VERSION}: ` +
        'check which fields only formatting reads (scripts/build/generate-phone-metadata.ts) before generating',
    );
  }
  const strip = (plans: Record<string, Plan>): Record<string, Plan> =>
    Object.fromEntries(Object.entries(plans).map(([key, plan]) => [key, withoutFormatting(plan)]));
  const result: CompressedMetadata = {
    version: source.version,
    country_calling_codes: source.country_calling_codes,
    countries: strip(source.countries),
    ...(source.nonGeographic ? { nonGeographic: strip(source.nonGeographic) } : {}),
  };
  return result as unknown as MetadataJson;
}

function withoutFormatting(plan: Plan): Plan {
  const copy = plan.map((value, index) => (FORMATTING_ONLY_FIELDS.includes(index) ? 0 : value));
  while (copy.length > 0 && copy[copy.length - 1] === 0) copy.pop();
  return copy;
}

/** The file's text: one line per numbering plan, so a metadata update reads as a diff of the plans it changed. */
export function parsingMetadataText(metadata: MetadataJson): string {
  const data = parsingMetadata(metadata) as unknown as CompressedMetadata;
  const plans = (plans: Record<string, Plan>): string =>
    `{\n${Object.entries(plans)
      .map(([key, plan]) => `    ${JSON.stringify(key)}: ${JSON.stringify(plan)}`)
      .join(',\n')}\n  }`;
  return [
    '{',
    `  "version": ${JSON.stringify(data.version)},`,
    `  "country_calling_codes": ${JSON.stringify(data.country_calling_codes)},`,
    `  "countries": ${plans(data.countries)}${data.nonGeographic ? ',' : ''}`,
    ...(data.nonGeographic ? [`  "nonGeographic": ${plans(data.nonGeographic)}`] : []),
    '}',
    '',
  ].join('\n');
}

/** The installed library's `min` metadata (the one the lazy chunk ships). */
export function installedMinMetadata(root: string): MetadataJson {
  const file = path.join(root, 'node_modules/libphonenumber-js/metadata.min.json');
  return JSON.parse(readFileSync(file, 'utf8')) as MetadataJson;
}

function main(): void {
  const root = path.resolve(__dirname, '..', '..');
  const expected = parsingMetadataText(installedMinMetadata(root));
  const file = path.join(root, PARSING_METADATA_FILE);
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = '';
  }
  if (current === expected) return;
  if (process.argv.includes('--check')) {
    console.error(
      `${PARSING_METADATA_FILE}: out of date with libphonenumber-js; run npx tsx ${path.relative(root, __filename)}`,
    );
    process.exitCode = 1;
    return;
  }
  writeFileSync(file, expected);
  console.log(`wrote ${PARSING_METADATA_FILE}`);
}

if (require.main === module) main();
