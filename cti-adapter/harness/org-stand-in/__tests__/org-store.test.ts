import { OrgStore } from '../org-store';

describe('OrgStore: records by object and unique fields', () => {
  it('lists the records of one object in insert order, without the deleted ones', () => {
    const store = new OrgStore();
    const a = store.insert('Task', { Subject: 'a' });
    store.insert('Contact', { LastName: 'Lee' });
    const b = store.insert('Task', { Subject: 'b' });
    const c = store.insert('Task', { Subject: 'c' });
    store.delete(b.Id);
    expect(store.all('Task').map((t) => t.Id)).toEqual([a.Id, c.Id]);
    expect(store.all('Contact')).toHaveLength(1);
    expect(store.all('Lead')).toEqual([]);
  });

  it('finds a record by a unique field in any case, and follows inserts, updates and deletes after the first lookup', () => {
    const store = new OrgStore();
    const first = store.insert('Task', { CALL_UNIQUE_ID__c: 's-1:005A' });
    expect(store.findByUnique('Task', 'CALL_UNIQUE_ID__c', 'S-1:005a')).toBe(first);
    expect(store.findByUnique('Task', 'CALL_UNIQUE_ID__c', 's-2:005A')).toBeUndefined();

    const second = store.insert('Task', { CALL_UNIQUE_ID__c: 's-2:005A' });
    expect(store.findByUnique('Task', 'CALL_UNIQUE_ID__c', 's-2:005a')).toBe(second);

    store.update(first.Id, { CALL_UNIQUE_ID__c: 's-3:005A' });
    expect(store.findByUnique('Task', 'CALL_UNIQUE_ID__c', 's-1:005A')).toBeUndefined();
    expect(store.findByUnique('Task', 'CALL_UNIQUE_ID__c', 's-3:005A')).toBe(first);

    store.update(first.Id, { Subject: 'only the subject changes' });
    expect(store.findByUnique('Task', 'CALL_UNIQUE_ID__c', 's-3:005A')).toBe(first);

    store.delete(second.Id);
    expect(store.findByUnique('Task', 'CALL_UNIQUE_ID__c', 's-2:005A')).toBeUndefined();
    // Another object's field of the same name is another index.
    store.insert('Case', { CALL_UNIQUE_ID__c: 's-4:005A' });
    expect(store.findByUnique('Task', 'CALL_UNIQUE_ID__c', 's-4:005A')).toBeUndefined();
    expect(store.findByUnique('Case', 'CALL_UNIQUE_ID__c', 's-4:005A')?.attributes.type).toBe('Case');
  });
});
