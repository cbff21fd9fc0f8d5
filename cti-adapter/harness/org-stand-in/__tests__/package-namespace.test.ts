import { PackageNamespace } from '../package-namespace';

describe('PackageNamespace', () => {
  const ns = new PackageNamespace('rcsp', ['CALL_UNIQUE_ID__c', 'key__c']);

  it('names package fields as the org stores them and as the wire sends them', () => {
    expect(ns.full('call_unique_id__c')).toBe('rcsp__CALL_UNIQUE_ID__c');
    expect(ns.full('rcsp__key__c')).toBe('rcsp__key__c');
    expect(ns.full('Subject')).toBe('Subject');
    expect(ns.full('Region__c')).toBe('Region__c');
    expect(ns.local('RCSP__key__c')).toBe('key__c');
    expect(ns.local('other__key__c')).toBe('other__key__c');
    expect(ns.toStore({ key__c: 1, Subject: 2 })).toEqual({ rcsp__key__c: 1, Subject: 2 });
    expect(ns.fromStore({ rcsp__key__c: 1, Subject: 2 })).toEqual({ key__c: 1, Subject: 2 });
    expect(ns.unprefixedPackageFields({ key__c: 1, rcsp__CALL_UNIQUE_ID__c: 2 })).toEqual(['key__c']);
  });

  it('changes nothing without a namespace and refuses a malformed one', () => {
    const none = new PackageNamespace('', ['key__c']);
    expect(none.full('key__c')).toBe('key__c');
    expect(none.unprefixedPackageFields({ key__c: 1 })).toEqual([]);
    expect(() => new PackageNamespace('rc sp', [])).toThrow(/namespace must be/);
  });
});
