import { MapStorage } from '../../../test-support/map-storage';
import { LocalStorageStore } from '../local-storage-store';

describe('LocalStorageStore', () => {
  it('prefixes keys and lists them by prefix without the namespace', () => {
    const storage = new MapStorage();
    storage.setItem('other', 'x');
    const store = new LocalStorageStore({ storage, namespace: 'rcsf:' });
    store.set('draft.c1', '{"notes":"a"}');
    store.set('draft.c2', '{}');
    store.set('prefs', '{}');
    expect(storage.getItem('rcsf:draft.c1')).toBe('{"notes":"a"}');
    expect(store.keys('draft.').sort()).toEqual(['draft.c1', 'draft.c2']);
    store.remove('draft.c1');
    expect(store.get('draft.c1')).toBeNull();
    expect(store.get('draft.c2')).toBe('{}');
  });

  it('falls back to memory when the browser storage is unavailable', () => {
    const store = new LocalStorageStore();
    store.set('k', 'v');
    expect(store.get('k')).toBe('v');
    expect(store.keys('')).toEqual(['k']);
  });
});
