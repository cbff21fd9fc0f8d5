import { tryNormalizePhoneNumber } from './normalize-phone-number';
import type { PhoneNumber } from './phone-number';

/**
 * Remembers {@link tryNormalizePhoneNumber} per region and number (the state is rebuilt on every change and shows
 * every call's number). Holds at most `limit` numbers (default 500), then starts over.
 * @public
 */
export class PhoneNumberCache {
  private readonly entries = new Map<string, PhoneNumber | null>();

  constructor(private readonly limit = 500) {}

  /** The number normalized in `region` (an ISO 3166-1 alpha-2 code), `null` when it is no phone number. */
  of(number: string, region: string): PhoneNumber | null {
    const key = `${region}|${number}`;
    let phone = this.entries.get(key);
    if (phone === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      phone = tryNormalizePhoneNumber(number, region);
      this.entries.set(key, phone);
    }
    return phone;
  }
}
