import type { KeyValueStore } from '../../core/ports/key-value-store';

/**
 * The `Storage`-like object the SDK persists tokens to (`SDKOptions.localStorage`). The SDK's `Cache` calls
 * `getItem`/`setItem`/`removeItem` and, when present, `keys()` to clean its prefix on logout.
 * @public
 */
export interface SdkStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  keys(): string[];
}

/** Adapts a core {@link KeyValueStore} (browser `localStorage` wrapper in the app, memory in tests) for the SDK. @public */
export function sdkStorageFrom(store: KeyValueStore): SdkStorage {
  return {
    getItem: (key) => store.get(key),
    setItem: (key, value) => store.set(key, value),
    removeItem: (key) => store.remove(key),
    keys: () => store.keys(''),
  };
}

/**
 * The SDK `cachePrefix` of one Salesforce user in one org: `rc-sf-<orgId>-<userId>-`. The SDK then keeps its token
 * at `<prefix>platform`, so two Salesforce users sharing a browser profile (or one user in two orgs) never read each
 * other's RingCentral token, and logout cleans only this user's keys. Ids are Salesforce ids (15/18 chars).
 * @public
 */
export function tokenCachePrefix(orgId: string, userId: string): string {
  const safe = (value: string): string => value.replace(/[^A-Za-z0-9]/g, '');
  if (!safe(orgId) || !safe(userId)) throw new Error('tokenCachePrefix needs a Salesforce org id and user id');
  return `rc-sf-${safe(orgId)}-${safe(userId)}-`;
}
