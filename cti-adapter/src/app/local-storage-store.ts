import type { KeyValueStore } from '../core/ports/key-value-store';
import { MemoryKeyValueStore } from '../core/ports/key-value-store';

/** Namespace of the softphone's keys in the Visualforce origin's `localStorage`. @public */
export const STORAGE_NAMESPACE = 'rcsf:';

/**
 * Keys the softphone kept before its storage was keyed by org and user (one namespace for every user of the
 * browser): call drafts, the outbox and the local preferences. {@link LocalStorageStore.forUser} moves them.
 */
const UNKEYED_PREFIXES = ['softphone.draft.', 'softphone.outbox.', 'softphone.preferences'];

/**
 * {@link KeyValueStore} over the browser's `localStorage` (synchronous, so a write is durable when the call
 * returns: a reload right after a keystroke keeps the notes). Keys are prefixed with `namespace` so the
 * softphone does not collide with other code on the Visualforce domain. Falls back to memory when storage is
 * unavailable (blocked third-party storage); quota errors propagate to the core, which reports them.
 * @public
 */
export class LocalStorageStore implements KeyValueStore {
  private readonly storage: Storage;
  private readonly namespace: string;

  constructor(options: { storage?: Storage | null; namespace?: string } = {}) {
    this.storage = options.storage ?? browserStorage() ?? memoryStorage();
    this.namespace = options.namespace ?? STORAGE_NAMESPACE;
  }

  /**
   * The store of one Salesforce user in one org (`rcsf:<orgId>:<userId>:`): call drafts, the outbox and preferences
   * of one agent are never read by another user of the same browser, nor by the same user in another org. Values
   * kept before storage was keyed by user (`rcsf:softphone.…`) move to the first user whose softphone starts after
   * the upgrade: the softphone showed them to that user before, and this way no pending log is lost.
   * @throws Error when `orgId` or `userId` is blank
   */
  static forUser(orgId: string, userId: string, options: { storage?: Storage | null } = {}): LocalStorageStore {
    const safe = (value: string): string => value.replace(/[^A-Za-z0-9]/g, '');
    if (!safe(orgId) || !safe(userId)) throw new Error('LocalStorageStore.forUser needs an org id and a user id');
    const store = new LocalStorageStore({
      storage: options.storage,
      namespace: `${STORAGE_NAMESPACE}${safe(orgId)}:${safe(userId)}:`,
    });
    store.adoptUnkeyed();
    return store;
  }

  get(key: string): string | null {
    return this.storage.getItem(this.namespace + key);
  }

  set(key: string, value: string): void {
    this.storage.setItem(this.namespace + key, value);
  }

  remove(key: string): void {
    this.storage.removeItem(this.namespace + key);
  }

  keys(prefix: string): string[] {
    const out: string[] = [];
    const full = this.namespace + prefix;
    for (let i = 0; i < this.storage.length; i += 1) {
      const key = this.storage.key(i);
      if (key !== null && key.startsWith(full)) out.push(key.slice(this.namespace.length));
    }
    return out;
  }

  /** Moves the unkeyed values of {@link UNKEYED_PREFIXES} into this namespace (a value already here wins). */
  private adoptUnkeyed(): void {
    const unkeyed: string[] = [];
    for (let i = 0; i < this.storage.length; i += 1) {
      const key = this.storage.key(i);
      const name = key?.startsWith(STORAGE_NAMESPACE) ? key.slice(STORAGE_NAMESPACE.length) : null;
      if (key && name && UNKEYED_PREFIXES.some((prefix) => name.startsWith(prefix))) unkeyed.push(key);
    }
    for (const key of unkeyed) {
      const name = key.slice(STORAGE_NAMESPACE.length);
      const value = this.storage.getItem(key);
      try {
        if (value !== null && this.get(name) === null) this.set(name, value);
        this.storage.removeItem(key);
      } catch (error) {
        // Full storage: leave the value where it is; the next start tries again.
        console.warn('Softphone storage: could not move', name, error);
      }
    }
  }
}

function browserStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    const probe = '__rcsf_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

function memoryStorage(): Storage {
  const memory = new MemoryKeyValueStore();
  return {
    get length() {
      return memory.keys('').length;
    },
    clear: () => memory.keys('').forEach((k) => memory.remove(k)),
    getItem: (k) => memory.get(k),
    setItem: (k, v) => memory.set(k, v),
    removeItem: (k) => memory.remove(k),
    key: (i) => memory.keys('')[i] ?? null,
  };
}
