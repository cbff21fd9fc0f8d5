import type { MetadataJson } from 'libphonenumber-js/core';
import wholeMetadata from 'libphonenumber-js/metadata.min.json';
import { PhoneNumberMetadata } from '../../phone-number/phone-number-metadata';

/**
 * A {@link PhoneNumberMetadata} whose number formats (ADR 0018) arrive when the test says so: `resolve` hands over
 * the whole `min` metadata, `reject` fails the pending load; `calls` counts the loads requested.
 */
export function manualPhoneFormats(): {
  metadata: PhoneNumberMetadata;
  calls: () => number;
  resolve: () => void;
  reject: (error: Error) => void;
} {
  let calls = 0;
  let pending: { resolve: (metadata: MetadataJson) => void; reject: (error: Error) => void } | null = null;
  const metadata = new PhoneNumberMetadata(() => {
    calls += 1;
    return new Promise<MetadataJson>((resolve, reject) => {
      pending = { resolve, reject };
    });
  });
  return {
    metadata,
    calls: () => calls,
    resolve: () => pending?.resolve(wholeMetadata),
    reject: (error) => pending?.reject(error),
  };
}
