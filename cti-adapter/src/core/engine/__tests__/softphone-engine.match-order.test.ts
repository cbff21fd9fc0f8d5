import { settle } from '../../__tests__/support/fake-clock';
import { match } from '../../__tests__/support/fake-crm-gateway';
import { decideScreenPop, rankMatches } from '../../matching/screen-pop-policy';
import { tryNormalizePhoneNumber } from '../../phone-number/normalize-phone-number';
import { mergeSettings } from '../../settings/settings';
import { startEngine, viewOf } from './engine-harness';

// The server's match order is final (contract `matchNumbers`: object priority, then the other matchObjects in their
// order, then lastModifiedDate newest first, then id descending). The client keeps it: client = server.

const SAME_TIME = '2026-11-04T09:30:00.000Z';
/** Two Contacts saved by one DML statement (same timestamp): the server lists the later id first. */
const LATER = match({
  id: '003000000000009AAA',
  objectType: 'Contact',
  name: 'Kim Later',
  lastModifiedDate: SAME_TIME,
});
const EARLIER = match({
  id: '003000000000008AAA',
  objectType: 'Contact',
  name: 'Kim Earlier',
  lastModifiedDate: SAME_TIME,
});
/** With objectPriority ['Contact'] the server ranks the Lead before the Account (matchObjects order), whatever their age. */
const OLD_LEAD = match({ id: '00Q000000000009AAA', objectType: 'Lead', name: 'Old Lead' });
const NEW_ACCOUNT = match({
  id: '001000000000009AAA',
  objectType: 'Account',
  name: 'New Account',
  lastModifiedDate: '2026-11-09T00:00:00.000Z',
});
const CONTACT_FIRST = { objectPriority: ['Contact'], matchObjects: ['Contact', 'Lead', 'Account'] };
const NUMBER = '+16505550188';

describe('SoftphoneEngine — the server order of matches is final', () => {
  it('keeps ids in descending order for records with the same timestamp (state, choice and pop)', async () => {
    const { engine, telephony, host, crm } = await startEngine();
    crm.setMatches(NUMBER, [LATER, EARLIER]);
    const callId = telephony.ring({ from: NUMBER });
    await settle();
    expect(viewOf(engine, callId).matches.map((m) => m.id)).toEqual([LATER.id, EARLIER.id]);
    expect(viewOf(engine, callId).conflict).toBe('multiple-matches');
    expect(host.pops).toEqual([]);
    await engine.chooseRecord(callId, LATER.id);
    expect(host.pops).toEqual([{ kind: 'record', recordId: LATER.id }]);
    expect(viewOf(engine, callId).form.whoId).toBe(LATER.id);
  });

  it('keeps objects missing from objectPriority in matchObjects order, not newest first', async () => {
    const { engine, telephony, crm } = await startEngine({ settings: CONTACT_FIRST });
    crm.setMatches(NUMBER, [OLD_LEAD, NEW_ACCOUNT]);
    const callId = telephony.ring({ from: NUMBER });
    await settle();
    expect(viewOf(engine, callId).matches.map((m) => m.name)).toEqual(['Old Lead', 'New Account']);
  });

  it('auto-selects the single candidate left after collapsing, whatever the order', async () => {
    const { engine, telephony, host, crm } = await startEngine();
    const account = match({
      id: '001000000000010AAA',
      objectType: 'Account',
      name: 'Kim Co',
      lastModifiedDate: SAME_TIME,
    });
    const kim = { ...LATER, accountId: account.id, accountName: 'Kim Co' };
    crm.setMatches(NUMBER, [kim, account]);
    const callId = telephony.ring({ from: NUMBER });
    await settle();
    expect(viewOf(engine, callId).matches.map((m) => m.id)).toEqual([kim.id, account.id]);
    expect(viewOf(engine, callId).form).toMatchObject({ whoId: kim.id, whatId: account.id });
    expect(host.pops).toEqual([{ kind: 'record', recordId: kim.id }]);
  });

  it('the pop policy offers the candidates in the server order', () => {
    const phone = tryNormalizePhoneNumber(NUMBER);
    const settings = mergeSettings(CONTACT_FIRST);
    for (const matches of [
      [LATER, EARLIER],
      [OLD_LEAD, NEW_ACCOUNT],
    ]) {
      expect(rankMatches(matches, settings)).toEqual(matches);
      const decision = decideScreenPop({ direction: 'inbound', phase: 'ringing', matches, phone, settings });
      expect(decision).toMatchObject({ kind: 'choose', candidates: matches });
    }
  });
});
