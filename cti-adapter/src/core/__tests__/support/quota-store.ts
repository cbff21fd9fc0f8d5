import { MemoryKeyValueStore } from '../../ports/key-value-store';

/**
 * A store that throws the browser's `QuotaExceededError` (a `DOMException` of the Web Storage API) once its values
 * would exceed `capacity` characters; the capacity can be changed during a test.
 */
export class QuotaStore extends MemoryKeyValueStore {
  constructor(public capacity: number) {
    super();
  }

  /** Characters held by the values whose keys start with `prefix`. */
  size(prefix = ''): number {
    return this.keys(prefix).reduce((sum, k) => sum + (this.get(k)?.length ?? 0), 0);
  }

  override set(key: string, value: string): void {
    if (this.size() - (this.get(key)?.length ?? 0) + value.length > this.capacity) {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError', code: 22 });
    }
    super.set(key, value);
  }
}
