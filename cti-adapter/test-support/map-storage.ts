/**
 * A Web Storage `Storage` held in a `Map` (for Node): what `LocalStorageStore` writes can be read back in insertion
 * order (`entries()`). Used by the store's unit tests and by `npm run bench` to write seed data exactly as the
 * softphone stores it. Interface: the WHATWG HTML Standard, "Web storage" (`Storage`).
 */
export class MapStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  /** Every `[key, value]`, in insertion order. */
  entries(): [string, string][] {
    return [...this.map.entries()];
  }
}
