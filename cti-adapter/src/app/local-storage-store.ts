import type { KeyValueStore } from '../core/ports/key-value-store';
import { MemoryKeyValueStore } from '../core/ports/key-value-store';

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
    this.namespace = options.namespace ?? 'rcsf:';
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
