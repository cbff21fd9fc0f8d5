import { MemoryKeyValueStore, type KeyValueStore } from '../../core/ports/key-value-store';

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

/** Adapts a core {@link KeyValueStore} for the SDK. @public */
export function sdkStorageFrom(store: KeyValueStore): SdkStorage {
  return {
    getItem: (key) => store.get(key),
    setItem: (key, value) => store.set(key, value),
    removeItem: (key) => store.remove(key),
    keys: () => store.keys(''),
  };
}

/**
 * The SDK's token cache: memory only (ADR 0016). The access token lives as long as the page; the refresh token never
 * reaches the browser.
 * @public
 */
export function memorySdkStorage(): SdkStorage {
  return sdkStorageFrom(new MemoryKeyValueStore());
}

/** The letters and digits of a Salesforce org id and user id; throws when either is empty. */
function safeIds(orgId: string, userId: string): [string, string] {
  const safe = (value: string): string => value.replace(/[^A-Za-z0-9]/g, '');
  if (!safe(orgId) || !safe(userId)) throw new Error('tokenCachePrefix needs a Salesforce org id and user id');
  return [safe(orgId), safe(userId)];
}

/**
 * The storage prefix of one Salesforce user in one org: `rc-sf-<orgId>-<userId>-`, so two Salesforce users sharing a
 * browser profile (or one user in two orgs) never read each other's sign-in. Ids are Salesforce ids (15/18 chars).
 * @public
 */
export function tokenCachePrefix(orgId: string, userId: string): string {
  const [org, user] = safeIds(orgId, userId);
  return `rc-sf-${org}-${user}-`;
}

/** `localStorage` key of the sealed RingCentral credential of one user in one org: `rc-sf-<org>-<user>-sealed`. @public */
export function sealedCredentialKey(orgId: string, userId: string): string {
  return `${tokenCachePrefix(orgId, userId)}sealed`;
}

/** Web Lock name under which one tab at a time renews the user's access token: `rc-softphone-token:<org>:<user>`. @public */
export function tokenLockName(orgId: string, userId: string): string {
  const [org, user] = safeIds(orgId, userId);
  return `rc-softphone-token:${org}:${user}`;
}

/**
 * Removes the token set earlier versions kept in clear (`@ringcentral/sdk`'s cache at `rc-sf-<org>-<user>-platform`,
 * refresh token included), so an upgrade leaves no readable credential behind.
 * @public
 */
export function removeLegacyTokenCache(store: KeyValueStore, orgId: string, userId: string): void {
  store.remove(`${tokenCachePrefix(orgId, userId)}platform`);
}
