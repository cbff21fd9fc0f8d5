/**
 * Durable string storage the core persists to (outbox, call drafts, notes, preferences).
 * Synchronous on purpose: a write has happened when the call returns, so a reload right after loses nothing.
 * The browser implementation wraps `localStorage` (the app layer); tests use an in-memory map.
 * Implementations may throw on quota errors; the core catches and reports them.
 * @public
 */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** All keys starting with `prefix`. */
  keys(prefix: string): string[];
}

/** In-memory {@link KeyValueStore} (default for tests and hosts without storage). @public */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly map = new Map<string, string>();

  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.map.set(key, value);
  }

  remove(key: string): void {
    this.map.delete(key);
  }

  keys(prefix: string): string[] {
    return [...this.map.keys()].filter((key) => key.startsWith(prefix));
  }
}
