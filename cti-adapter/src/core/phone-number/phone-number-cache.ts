import type { MetadataJson } from 'libphonenumber-js/core';
import { tryNormalizePhoneNumber } from './normalize-phone-number';
import type { PhoneNumber } from './phone-number';
import { phoneNumberMetadata, type PhoneNumberMetadata } from './phone-number-metadata';

/**
 * Remembers {@link tryNormalizePhoneNumber} per region and number (the state is rebuilt on every change and shows
 * every call's number). Holds at most `limit` numbers (default 500), then starts over; starts over too when the
 * number formats arrive ({@link PhoneNumberMetadata}), so the numbers shown before are formatted at the next state.
 * @public
 */
export class PhoneNumberCache {
  private readonly entries = new Map<string, PhoneNumber | null>();
  private metadataInUse: MetadataJson | null = null;

  constructor(
    private readonly limit = 500,
    private readonly metadata: Pick<PhoneNumberMetadata, 'current' | 'formatsLoaded'> = phoneNumberMetadata,
  ) {}

  /** The number normalized in `region` (an ISO 3166-1 alpha-2 code), `null` when it is no phone number. */
  of(number: string, region: string): PhoneNumber | null {
    const current = this.metadata.current();
    if (current !== this.metadataInUse) {
      this.entries.clear();
      this.metadataInUse = current;
    }
    const key = `${region}|${number}`;
    let phone = this.entries.get(key);
    if (phone === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      phone = tryNormalizePhoneNumber(number, region, this.metadata);
      this.entries.set(key, phone);
    }
    return phone;
  }
}
