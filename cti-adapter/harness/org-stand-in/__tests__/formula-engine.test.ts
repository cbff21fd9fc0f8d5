import { applySaveContext, errorConditionHolds, formulaFields } from '../formula-engine';

describe('formula engine (formulon) of the stand-in and the formulas check', () => {
  it('replaces the record-context functions for one save', () => {
    const formula = 'AND(OR(ISNEW(), ISCHANGED(Link__c)), ISBLANK(Name__c))';
    expect(applySaveContext(formula, { isNew: true, changed: () => false })).toBe(
      'AND(OR(TRUE, FALSE), ISBLANK(Name__c))',
    );
    expect(applySaveContext(formula, { isNew: false, changed: (f) => f === 'Link__c' })).toBe(
      'AND(OR(FALSE, TRUE), ISBLANK(Name__c))',
    );
    expect(formulaFields(formula).sort()).toEqual(['Name__c']);
  });

  it('evaluates an error condition on the values of a save', () => {
    const text = (): string => 'Text';
    const insert = { isNew: true, changed: () => false };
    expect(errorConditionHolds('AND(ISNEW(), ISBLANK(Name__c))', { Name__c: null }, insert, text)).toBe(true);
    expect(errorConditionHolds('AND(ISNEW(), ISBLANK(Name__c))', { Name__c: 'x' }, insert, text)).toBe(false);
    expect(() => errorConditionHolds('ISBLANK(Nope__c)', {}, insert, () => undefined)).toThrow(/Nope__c/);
    expect(() => errorConditionHolds('NOSUCHFUNCTION(1)', {}, insert, text)).toThrow(/Unknown function/);
  });

  it('gives each save its own result when the same formula is evaluated again with other values', () => {
    const text = (): string => 'Text';
    const date = (): string => 'DateTime';
    const insert = { isNew: true, changed: () => false };
    const update = { isNew: false, changed: () => false };
    const blank = 'AND(ISNEW(), ISBLANK(Name__c))';
    const outcomes = [null, 'x', null, 'y', null].map((v) => errorConditionHolds(blank, { Name__c: v }, insert, text));
    expect(outcomes).toEqual([true, false, true, false, true]);
    expect(errorConditionHolds(blank, { Name__c: null }, update, text)).toBe(false);
    const late = 'Due__c > DATETIMEVALUE("2026-01-01 00:00:00")';
    expect(errorConditionHolds(late, { Due__c: '2026-06-01T00:00:00.000Z' }, insert, date)).toBe(true);
    expect(errorConditionHolds(late, { Due__c: '2025-06-01T00:00:00.000Z' }, insert, date)).toBe(false);
  });
});
