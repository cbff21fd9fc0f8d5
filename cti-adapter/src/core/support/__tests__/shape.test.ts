import { array, checkShape, nonEmpty, nullable, number, object, oneOf, record, string } from '../shape';

const contact = object({
  id: nonEmpty,
  name: nullable(string),
  kind: oneOf('Contact', 'Lead'),
  score: number,
  tags: array(string),
  fields: record(nullable(string)),
});

describe('shape checks', () => {
  it('returns the value with only the known keys', () => {
    const value = { id: '003', name: null, kind: 'Lead', score: 2, tags: ['a'], fields: { X__c: null }, extra: 1 };
    expect(checkShape(contact, value)).toEqual({
      ok: true,
      value: { id: '003', name: null, kind: 'Lead', score: 2, tags: ['a'], fields: { X__c: null } },
    });
  });

  it.each([
    [null, 'expected an object'],
    [{ id: '', name: null, kind: 'Lead', score: 1, tags: [], fields: {} }, 'id: expected a non-empty string'],
    [{ id: '1', kind: 'Lead', score: 1, tags: [], fields: {} }, 'name: expected string'],
    [{ id: '1', name: 'n', kind: 'User', score: 1, tags: [], fields: {} }, 'kind: expected Contact | Lead'],
    [{ id: '1', name: 'n', kind: 'Lead', score: Number.NaN, tags: [], fields: {} }, 'score: expected number'],
    [{ id: '1', name: 'n', kind: 'Lead', score: 1, tags: ['a', 2], fields: {} }, 'tags[1]: expected string'],
    [{ id: '1', name: 'n', kind: 'Lead', score: 1, tags: [], fields: { A__c: 3 } }, 'fields.A__c: expected string'],
    [{ id: '1', name: 'n', kind: 'Lead', score: 1, tags: {}, fields: {} }, 'tags: expected an array'],
  ])('names the first bad path of %j', (value, reason) => {
    expect(checkShape(contact, value)).toEqual({ ok: false, reason });
  });
});
