import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { isQuotaExceeded, LogStorage } from '../log-storage';

const quotaError = (): Error => Object.assign(new Error('full'), { name: 'QuotaExceededError' });

class FullStore extends MemoryKeyValueStore {
  full = true;
  override set(key: string, value: string): void {
    if (this.full) throw quotaError();
    super.set(key, value);
  }
}

describe('LogStorage', () => {
  it('recognizes the quota errors of the browsers', () => {
    expect(isQuotaExceeded(quotaError())).toBe(true);
    expect(isQuotaExceeded({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaExceeded({ code: 22 })).toBe(true);
    expect(isQuotaExceeded(new Error('SecurityError'))).toBe(false);
    expect(isQuotaExceeded(null)).toBe(false);
  });

  it('frees space through the evictors and writes again; reports a key once while it stays unstored', () => {
    const store = new FullStore();
    const storage = new LogStorage(store);
    const full: string[] = [];
    storage.on('full', ({ key }) => full.push(key));
    storage.addEvictor(() => 0);
    expect(storage.write('a', '1')).toBe(false);
    expect(storage.write('a', '2')).toBe(false);
    expect(full).toEqual(['a']);
    let sentLogs = 1;
    storage.addEvictor(() => {
      if (sentLogs === 0) return 0;
      sentLogs -= 1;
      store.full = false;
      return 1;
    });
    expect(storage.write('a', '3')).toBe(true);
    expect(store.get('a')).toBe('3');
    store.full = true;
    expect(storage.write('a', '4')).toBe(false);
    expect(full).toEqual(['a', 'a']);
  });

  it('reports a non-quota failure without evicting', () => {
    const store = new MemoryKeyValueStore();
    store.set = () => {
      throw new Error('SecurityError');
    };
    const storage = new LogStorage(store);
    let evicted = 0;
    storage.addEvictor(() => ++evicted);
    expect(storage.write('k', 'v')).toBe(false);
    expect(evicted).toBe(0);
  });
});
