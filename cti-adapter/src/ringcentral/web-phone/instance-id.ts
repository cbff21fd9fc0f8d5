import type { KeyValueStore } from '../../core/ports/key-value-store';

/** Store key of the web phone's SIP instance id. @public */
export const INSTANCE_ID_KEY = 'rc-softphone:sip-instance-id';

/**
 * The SIP `+sip.instance` id of this browser, created once and kept in `store`.
 *
 * RingCentral counts web-phone registrations per user (at most 5); a registration with the same instance id
 * replaces the previous one instead of taking a new slot, so a reload (or a reconnect) of the same browser does not
 * eat the quota (RingCentral's "maximum of 5 web phones" per extension, RingCentral Embeddable issues on multi-tab mode).
 * @public
 */
export function stableInstanceId(store: KeyValueStore, key: string = INSTANCE_ID_KEY): string {
  const existing = store.get(key);
  if (existing) return existing;
  const created = globalThis.crypto.randomUUID();
  try {
    store.set(key, created);
  } catch {
    // storage full or blocked: use the id for this page only
  }
  return created;
}
