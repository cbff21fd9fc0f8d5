import type { KeyValueStore } from '../ports/key-value-store';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';

/** Events of {@link LogStorage}. @public */
export interface LogStorageEventMap {
  /**
   * A value could not be stored even after freeing space: it is kept in memory only and would be lost by a reload.
   * Emitted once per key until a write of that key succeeds again.
   */
  full: { readonly key: string };
}

/**
 * Frees storage space when the store is full: removes what can be lost without losing a log (for the outbox, the
 * entries already saved in Salesforce) and returns how many values it removed.
 * @public
 */
export type StorageEvictor = () => number;

/**
 * The durable storage of call drafts and the outbox: one {@link KeyValueStore} they share, with the rule for a full
 * store. A write that fails with a quota error (the browser's `QuotaExceededError`) first frees space through the
 * evictors (the outbox evicts the logs already saved) and is tried once more; when it still fails the value stays
 * in memory only, the write reports `false` and a `full` event tells the softphone to warn the agent. Reads never
 * throw on a broken store.
 * @public
 */
export class LogStorage {
  private readonly evictors: StorageEvictor[] = [];
  private readonly emitter = new TypedEmitter<LogStorageEventMap>();
  /** Keys whose last write failed (one `full` event each until a write succeeds). */
  private readonly unstored = new Set<string>();

  constructor(readonly store: KeyValueStore) {}

  /** Adds a way to free space, tried in the order added. */
  addEvictor(evict: StorageEvictor): void {
    this.evictors.push(evict);
  }

  on<K extends keyof LogStorageEventMap>(type: K, listener: (event: LogStorageEventMap[K]) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  /**
   * Stores a value synchronously. On a quota error frees space through the evictors and tries once more.
   * @returns `true` when stored, `false` when the value could not be stored (kept in memory only by the caller)
   */
  write(key: string, value: string): boolean {
    try {
      this.store.set(key, value);
      this.unstored.delete(key);
      return true;
    } catch (error) {
      if (isQuotaExceeded(error) && this.evict() > 0 && this.trySet(key, value)) {
        this.unstored.delete(key);
        return true;
      }
      if (!this.unstored.has(key)) {
        this.unstored.add(key);
        this.emitter.emit('full', { key });
      }
      return false;
    }
  }

  /** The stored text, or `null` when absent or unreadable. */
  read(key: string): string | null {
    try {
      return this.store.get(key);
    } catch {
      return null;
    }
  }

  remove(key: string): void {
    this.unstored.delete(key);
    try {
      this.store.remove(key);
    } catch {
      // A store that cannot remove cannot hold the value either: nothing to do.
    }
  }

  /** All stored keys starting with `prefix` (none when the store cannot be read). */
  keys(prefix: string): string[] {
    try {
      return this.store.keys(prefix);
    } catch {
      return [];
    }
  }

  private evict(): number {
    let freed = 0;
    for (const evict of this.evictors) freed += evict();
    return freed;
  }

  private trySet(key: string, value: string): boolean {
    try {
      this.store.set(key, value);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Whether a storage write failed because the storage is full: the `QuotaExceededError` `DOMException` of the Web
 * Storage API (HTML Living Standard, "The Web Storage API", `setItem`; legacy code 22), or Firefox's
 * `NS_ERROR_DOM_QUOTA_REACHED` (code 1014).
 * @public
 */
export function isQuotaExceeded(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}
