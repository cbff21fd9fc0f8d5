import type { MetadataJson } from 'libphonenumber-js/core';
import wholeMetadata from 'libphonenumber-js/metadata.min.json';
import parsingMetadata from '../../phone-number/phone-metadata-parsing.generated.json';
import { PhoneNumberMetadata } from '../../phone-number/phone-number-metadata';

/** One lazy chunk whose arrival the test decides: `resolve` hands it over, `reject` fails the pending load. */
export interface ManualChunk {
  /** How many loads were requested. */
  calls(): number;
  resolve(): void;
  reject(error: Error): void;
}

function manualChunk(value: MetadataJson): { chunk: ManualChunk; load: () => Promise<MetadataJson> } {
  let calls = 0;
  let pending: { resolve: (metadata: MetadataJson) => void; reject: (error: Error) => void } | null = null;
  return {
    load: () => {
      calls += 1;
      return new Promise<MetadataJson>((resolve, reject) => {
        pending = { resolve, reject };
      });
    },
    chunk: {
      calls: () => calls,
      resolve: () => pending?.resolve(value),
      reject: (error) => pending?.reject(error),
    },
  };
}

/**
 * A {@link PhoneNumberMetadata} whose number formats (ADR 0018) arrive when the test says so: `resolve` hands over
 * the whole `min` metadata, `reject` fails the pending load; `calls` counts the loads requested. The number rules
 * (the parsing metadata, a lazy chunk too) are here from the start — as in the browser once the web phone has
 * registered — unless `rulesLoaded` is `false`: then `rules` decides when they arrive.
 */
export function manualPhoneFormats(options: { rulesLoaded?: boolean } = {}): {
  metadata: PhoneNumberMetadata;
  calls: () => number;
  resolve: () => void;
  reject: (error: Error) => void;
  rules: ManualChunk;
} {
  const formats = manualChunk(wholeMetadata as unknown as MetadataJson);
  const rules = manualChunk(parsingMetadata as unknown as MetadataJson);
  const metadata = new PhoneNumberMetadata(formats.load, rules.load);
  if (options.rulesLoaded ?? true) metadata.useParsing(parsingMetadata as unknown as MetadataJson);
  return { metadata, ...formats.chunk, rules: rules.chunk };
}

/** A {@link PhoneNumberMetadata} as the first paint has it once the number rules arrived: no formats yet. */
export function rulesOnly(): PhoneNumberMetadata {
  return manualPhoneFormats().metadata;
}
