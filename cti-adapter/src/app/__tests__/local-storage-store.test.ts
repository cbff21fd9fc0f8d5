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

  it('keys the store of an agent by org and user: another user or org of the same browser never reads it', () => {
    const storage = new MapStorage();
    const ann = LocalStorageStore.forUser('00D000000000001AAA', '005000000000001AAA', { storage });
    ann.set('softphone.draft.c1', '{"notes":"Ann\'s notes"}');
    const bob = LocalStorageStore.forUser('00D000000000001AAA', '005000000000002AAA', { storage });
    const annElsewhere = LocalStorageStore.forUser('00D000000000009AAA', '005000000000001AAA', { storage });
    expect(bob.get('softphone.draft.c1')).toBeNull();
    expect(bob.keys('softphone.')).toEqual([]);
    expect(annElsewhere.keys('softphone.')).toEqual([]);
    expect(storage.getItem('rcsf:00D000000000001AAA:005000000000001AAA:softphone.draft.c1')).toContain('notes');
    expect(() => LocalStorageStore.forUser('', '005000000000001AAA', { storage })).toThrow(/org id/);
  });

  it('moves drafts, outbox and preferences stored before keying to the first agent who starts, once', () => {
    const storage = new MapStorage();
    storage.setItem('rcsf:softphone.outbox.s-1', '{"pending":true}');
    storage.setItem('rcsf:softphone.draft.c1', '{"notes":"a"}');
    storage.setItem('rcsf:softphone.preferences', '{"ringerEnabled":false}');
    storage.setItem('rcsf:rc-sf-00D-005-platform', "token: not the softphone's to move");
    const ann = LocalStorageStore.forUser('00D1', '0051', { storage });
    expect(ann.get('softphone.outbox.s-1')).toBe('{"pending":true}');
    expect(ann.get('softphone.draft.c1')).toBe('{"notes":"a"}');
    expect(ann.get('softphone.preferences')).toBe('{"ringerEnabled":false}');
    expect(storage.getItem('rcsf:softphone.outbox.s-1')).toBeNull();
    expect(storage.getItem('rcsf:rc-sf-00D-005-platform')).not.toBeNull();
    const bob = LocalStorageStore.forUser('00D1', '0052', { storage });
    expect(bob.keys('softphone.')).toEqual([]);
  });
});
