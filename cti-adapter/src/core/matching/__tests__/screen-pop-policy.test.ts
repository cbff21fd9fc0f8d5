import { match } from '../../__tests__/support/fake-crm-gateway';
import { ACME_ID, ANN, BOB, CARLA, DAN, ERIN, GLOBEX } from '../../__tests__/support/sample-world';
import { tryNormalizePhoneNumber } from '../../phone-number/normalize-phone-number';
import { DEFAULT_SETTINGS, mergeSettings } from '../../settings/settings';
import { collapseMatches, decideScreenPop, rankMatches, type ScreenPopInput } from '../screen-pop-policy';

const phone = tryNormalizePhoneNumber('+16505550199');

function input(partial: Partial<ScreenPopInput>): ScreenPopInput {
  return { direction: 'inbound', phase: 'ringing', matches: [], phone, settings: DEFAULT_SETTINGS, ...partial };
}

describe('decideScreenPop', () => {
  it('one match → SOBJECT pop of that record', () => {
    expect(decideScreenPop(input({ matches: [ANN] }))).toEqual({
      kind: 'pop',
      pop: { kind: 'record', recordId: ANN.id },
      match: ANN,
    });
  });

  it('several matches → the agent chooses among ranked candidates, with a search pop as fallback', () => {
    const decision = decideScreenPop(input({ matches: [BOB, CARLA], phone: tryNormalizePhoneNumber('+16505550102') }));
    expect(decision).toEqual({
      kind: 'choose',
      candidates: [CARLA, BOB],
      searchPop: { kind: 'search', searchString: '6505550102' },
      popNow: null,
    });
  });

  it('several matches with multipleMatchPop: the search page or the first match pops at once', () => {
    const shared = { matches: [BOB, CARLA], phone: tryNormalizePhoneNumber('+16505550102') };
    expect(
      decideScreenPop(input({ ...shared, settings: mergeSettings({ multipleMatchPop: 'search' }) })),
    ).toMatchObject({ kind: 'choose', popNow: { kind: 'search', searchString: '6505550102' } });
    expect(decideScreenPop(input({ ...shared, settings: mergeSettings({ multipleMatchPop: 'first' }) }))).toMatchObject(
      { kind: 'choose', popNow: { kind: 'record', recordId: CARLA.id } },
    );
  });

  it('no match → per noMatchPop: NEW_RECORD_MODAL of a Contact or Lead with the phone prefilled, the search, or nothing', () => {
    expect(decideScreenPop(input({}))).toEqual({
      kind: 'pop',
      pop: { kind: 'newRecord', entityName: 'Contact', defaultFieldValues: { Phone: '+16505550199' } },
      match: null,
    });
    const lead = decideScreenPop(
      input({ settings: mergeSettings({ noMatchPop: 'newLead', placeholderCompany: 'Walk-in' }) }),
    );
    expect(lead).toMatchObject({
      pop: { kind: 'newRecord', entityName: 'Lead', defaultFieldValues: { Phone: '+16505550199', Company: 'Walk-in' } },
    });
    expect(decideScreenPop(input({ settings: mergeSettings({ noMatchPop: 'search' }) }))).toEqual({
      kind: 'pop',
      pop: { kind: 'search', searchString: '6505550199' },
      match: null,
    });
    expect(decideScreenPop(input({ settings: mergeSettings({ noMatchPop: 'none' }) }))).toEqual({
      kind: 'none',
      reason: 'off',
    });
  });

  it("pops only at the moment the direction's setting names, and never when it is off", () => {
    const off = mergeSettings({ inboundPop: 'off', outboundPop: 'answer' });
    expect(decideScreenPop(input({ matches: [ANN], settings: off }))).toEqual({ kind: 'none', reason: 'off' });
    expect(decideScreenPop(input({ matches: [ANN], settings: off, phase: 'answered' }))).toEqual({
      kind: 'none',
      reason: 'off',
    });
    expect(decideScreenPop(input({ direction: 'outbound', matches: [ANN], settings: off })).kind).toBe('none');
    expect(
      decideScreenPop(input({ direction: 'outbound', matches: [ANN], settings: off, phase: 'answered' })).kind,
    ).toBe('pop');
    const onAnswer = mergeSettings({ inboundPop: 'answer' });
    expect(decideScreenPop(input({ matches: [ANN], settings: onAnswer }))).toEqual({ kind: 'none', reason: 'not-now' });
    expect(decideScreenPop(input({ matches: [ANN], settings: onAnswer, phase: 'answered' })).kind).toBe('pop');
    expect(decideScreenPop(input({ matches: [ANN], phase: 'answered' }))).toEqual({ kind: 'none', reason: 'not-now' });
  });

  it('outbound: click-to-dial never pops; a dialled unknown number does not open a new-record form', () => {
    expect(decideScreenPop(input({ direction: 'outbound', matches: [ANN], fromClickToDial: true }))).toEqual({
      kind: 'none',
      reason: 'click-to-dial',
    });
    expect(decideScreenPop(input({ direction: 'outbound' }))).toEqual({ kind: 'none', reason: 'outbound' });
    expect(decideScreenPop(input({ direction: 'outbound', matches: [ANN] })).kind).toBe('pop');
  });

  it('without autoSelectSingleMatch a single match is offered for confirmation', () => {
    const decision = decideScreenPop(
      input({ matches: [ANN], settings: mergeSettings({ autoSelectSingleMatch: false }) }),
    );
    expect(decision.kind).toBe('choose');
  });

  it('an anonymous caller (no number) gets no pop', () => {
    expect(decideScreenPop(input({ phone: null }))).toEqual({ kind: 'none', reason: 'no-number' });
  });

  it('a Contact and its own Account on the same number count as one match', () => {
    const acme = match({ id: ACME_ID, objectType: 'Account', name: 'Acme Corp' });
    expect(decideScreenPop(input({ matches: [acme, ANN] }))).toMatchObject({ kind: 'pop', match: ANN });
  });
});

describe('rankMatches / collapseMatches', () => {
  it('orders by object priority, then last modified (newest first), then id', () => {
    const ranked = rankMatches([GLOBEX, DAN, BOB, CARLA, ERIN], DEFAULT_SETTINGS);
    expect(ranked.map((m) => m.name)).toEqual([
      'Carla Stone',
      'Bob Stone',
      'Globex Corporation',
      'Erin Park',
      'Dan Ortiz',
    ]);
    const leadsFirst = rankMatches([BOB, DAN], { objectPriority: ['Lead', 'Contact'] });
    expect(leadsFirst.map((m) => m.objectType)).toEqual(['Lead', 'Contact']);
  });

  it('drops duplicates and business accounts already represented by their contact', () => {
    const acme = match({ id: ACME_ID, objectType: 'Account', name: 'Acme Corp' });
    expect(collapseMatches([ANN, acme, ANN, GLOBEX])).toEqual([ANN, GLOBEX]);
  });
});
