import { settle } from '../../__tests__/support/fake-clock';
import { ANN, BOB } from '../../__tests__/support/sample-world';
import { NO_RECORD_MESSAGE } from '../../call-log/build-call-log';
import { EMPTY_FORM } from '../../call-log/call-log-form';
import { dialTarget, EXTENSION_DTMF_DELAY_MS } from '../flows/dial-flow';
import { LOOKUP_RETRY_DELAYS_MS, withRecordNames } from '../flows/match-flow';
import { startEngine, viewOf } from './engine-harness';

// Issue 10, "Logs that are lost, wrong or unfiled": a log is never saved on no record silently, automatic logging
// never completes what only the agent can (a mandatory disposition), a failed lookup is retried before the log is
// built.

describe('no Task without Who or What unless the agent confirms', () => {
  it('an unknown caller with no placeholder: Save refuses, "Log without a record" saves on no record', async () => {
    const { engine, telephony, crm } = await startEngine();
    const callId = telephony.ring({ from: '+16505550199' }); // nobody has this number
    await settle();
    await engine.answer(callId);
    await engine.hangup(callId);
    const refused = await engine.saveLog(callId);
    expect(refused).toMatchObject({
      ok: false,
      validation: [{ field: 'whoId', code: 'REQUIRED', message: NO_RECORD_MESSAGE }],
    });
    expect(crm.count('upsertCallLogs')).toBe(0);
    engine.updateLogForm(callId, { withoutRecord: true });
    const saved = await engine.saveLog(callId);
    expect(saved.ok).toBe(true);
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ whoId: null, whatId: null, source: 'agent' });
  });

  it('several candidates undecided: Save refuses until the agent picks one (or confirms)', async () => {
    const { engine, telephony, crm } = await startEngine();
    const callId = telephony.ring({ from: '+16505550102' }); // Carla and Bob share it
    await settle();
    telephony.end(callId, 'missed');
    expect((await engine.saveLog(callId)).ok).toBe(false);
    expect(crm.count('upsertCallLogs')).toBe(0);
    await engine.chooseRecord(callId, BOB.id);
    expect((await engine.saveLog(callId)).ok).toBe(true);
    expect(crm.tasks.get(`s-${callId}`)?.log.whoId).toBe(BOB.id);
  });

  it('choosing a record after confirming clears the confirmation', async () => {
    const { engine, telephony } = await startEngine();
    const callId = telephony.ring({ from: '+16505550199' });
    await settle();
    telephony.end(callId, 'missed');
    engine.updateLogForm(callId, { withoutRecord: true });
    engine.updateLogForm(callId, { whoId: ANN.id, whoName: ANN.name, whoObjectType: 'Contact' });
    expect(viewOf(engine, callId).form).toMatchObject({ withoutRecord: false, whoId: ANN.id });
  });

  it('automatic logging never saves on no record: an unmatched call goes to Unresolved', async () => {
    const { engine, telephony, crm, clock } = await startEngine({ settings: { autoLog: true } });
    const callId = telephony.ring({ from: '+16505550199' });
    await settle();
    await engine.answer(callId);
    await engine.hangup(callId);
    clock.advance(60_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
    expect(engine.getState().conflicts.map((c) => [c.callId, c.reason])).toEqual([[callId, 'no-match']]);
  });
});

describe('auto-log with a mandatory disposition', () => {
  it('saves nothing on answer or after the countdown: the ended call goes to Unresolved, no "In Progress" Task', async () => {
    const { engine, telephony, crm, clock } = await startEngine({
      settings: { autoLog: true, autoLogDelaySeconds: 5, dispositionsMandatory: true },
    });
    const callId = telephony.ring({ from: '+16505550101' }); // Ann: one match, Who chosen automatically
    await settle();
    await engine.answer(callId);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0); // not on answer with result "In Progress"
    await engine.hangup(callId);
    expect(viewOf(engine, callId)).toMatchObject({ autoLogAt: null, conflict: 'disposition-required', taskId: null });
    clock.advance(60_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
    expect(engine.getState().conflicts.map((c) => c.reason)).toEqual(['disposition-required']);
    engine.updateLogForm(callId, { disposition: 'Meaningful Connect' });
    expect(engine.getState().conflicts).toEqual([]);
    expect((await engine.saveLog(callId)).ok).toBe(true);
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({
      disposition: 'Meaningful Connect',
      whoId: ANN.id,
      result: 'Accepted',
    });
  });

  it('with saveOnRinging no Task is created before the agent chose a disposition', async () => {
    const { engine, telephony, crm } = await startEngine({
      settings: { autoLog: true, saveOnRinging: true, dispositionsMandatory: true },
    });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    await engine.hangup(callId);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
    expect(viewOf(engine, callId).conflict).toBe('disposition-required');
  });

  it('a disposition chosen during the call lets the early log and its completion through', async () => {
    const { engine, telephony, crm, clock } = await startEngine({
      settings: { autoLog: true, autoLogDelaySeconds: 0, dispositionsMandatory: true },
    });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    engine.updateLogForm(callId, { disposition: 'Meaningful Connect' });
    expect((await engine.saveLog(callId)).ok).toBe(true);
    await engine.hangup(callId);
    clock.advance(0);
    await settle();
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ disposition: 'Meaningful Connect', result: 'Accepted' });
    expect(engine.getState().conflicts).toEqual([]);
  });
});

describe('a failed lookup is retried before the log is built', () => {
  it('retries a transient failure with backoff, shows "retrying", then pops and logs on the one match', async () => {
    const { engine, telephony, crm, host, clock } = await startEngine({
      settings: { autoLog: true, autoLogDelaySeconds: 0 },
    });
    crm.failNext('matchNumbers', 'INTERNAL');
    crm.failNext('matchNumbers', 'NETWORK');
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    expect(viewOf(engine, callId).matchStatus).toBe('retrying');
    telephony.end(callId, 'missed'); // the call ends before the lookup answered: no log on no record
    clock.advance(0);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
    clock.advance(LOOKUP_RETRY_DELAYS_MS[0] ?? 0);
    await settle();
    expect(viewOf(engine, callId).matchStatus).toBe('retrying');
    clock.advance(LOOKUP_RETRY_DELAYS_MS[1] ?? 0);
    await settle();
    clock.advance(0); // the countdown (0 s) starts once the lookup answered
    await settle();
    expect(crm.count('matchNumbers')).toBe(3);
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ whoId: ANN.id, source: 'auto' });
    expect(host.pops).toEqual([]); // the call had ended: no pop after the end
    expect(engine.getState().notices.map((n) => n.code)).not.toContain('MATCH_FAILED');
  });

  it('pops the record when a retry answers while the call still rings', async () => {
    const { engine, telephony, crm, host, clock } = await startEngine();
    crm.failNext('matchNumbers', 'NETWORK');
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    expect(host.pops).toEqual([]);
    clock.advance(LOOKUP_RETRY_DELAYS_MS[0] ?? 0);
    await settle();
    expect(viewOf(engine, callId)).toMatchObject({ matchStatus: 'done', form: { whoId: ANN.id } });
    expect(host.pops).toEqual([{ kind: 'record', recordId: ANN.id }]);
  });

  it('gives up after the bounded retries: failed, a notice, Unresolved ("lookup-failed"), never auto-logged', async () => {
    const { engine, telephony, crm, clock } = await startEngine({ settings: { autoLog: true } });
    for (let i = 0; i <= LOOKUP_RETRY_DELAYS_MS.length; i += 1) crm.failNext('matchNumbers', 'NETWORK');
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    for (const delay of LOOKUP_RETRY_DELAYS_MS) {
      clock.advance(delay);
      await settle();
    }
    expect(crm.count('matchNumbers')).toBe(LOOKUP_RETRY_DELAYS_MS.length + 1);
    expect(viewOf(engine, callId)).toMatchObject({ matchStatus: 'failed', conflict: 'lookup-failed' });
    expect(engine.getState().notices.find((n) => n.code === 'MATCH_FAILED')?.message).toContain('after 4 attempts');
    clock.advance(60_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
    // "Look up again": Salesforce answers now, the conflict is settled and the Who filled.
    await engine.lookUpAgain(callId);
    await settle();
    expect(viewOf(engine, callId)).toMatchObject({ matchStatus: 'done', conflict: null, form: { whoId: ANN.id } });
  });

  it('does not retry an error that retrying cannot fix', async () => {
    const { engine, telephony, crm } = await startEngine();
    crm.failNext('matchNumbers', 'NO_ACCESS');
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    expect(viewOf(engine, callId).matchStatus).toBe('failed');
    expect(crm.count('matchNumbers')).toBe(1);
  });
});

describe('Related To shows record names, never ids', () => {
  it('click-to-dial from a Contact: the Account known only by id gets its name from the lookup', async () => {
    const { engine, host } = await startEngine();
    host.click({
      number: '(650) 555-0101',
      recordId: ANN.id,
      recordName: 'Ann Lee',
      objectType: 'Contact',
      accountId: ANN.accountId,
    });
    await settle();
    expect(engine.getState().calls[0]?.form).toMatchObject({
      whoId: ANN.id,
      whoName: 'Ann Lee',
      whatId: ANN.accountId,
      whatName: 'Acme Corp',
      whatObjectType: 'Account',
    });
  });

  it('withRecordNames takes names from matches, their Accounts and Related To candidates; keeps given names', () => {
    const form = { ...EMPTY_FORM, whoId: ANN.id, whatId: ANN.accountId };
    expect(withRecordNames(form, [ANN])).toMatchObject({ whoName: 'Ann Lee', whatName: 'Acme Corp' });
    expect(withRecordNames({ ...form, whatName: 'Given' }, [ANN]).whatName).toBe('Given');
    expect(withRecordNames(form, [])).toBe(form);
  });
});

describe('click-to-dial of a number with an extension', () => {
  it.each([
    ['+1 650 555 0108 ext. 12', '12'],
    ['(650) 555-0108 x12', '12'],
    ['tel:+1-650-555-0108;ext=345', '345'],
  ])('%s: dials the main number, sends the extension as DTMF once answered, and says so', async (number, ext) => {
    const { engine, telephony, host, clock } = await startEngine();
    host.click({ number, recordId: ANN.id, recordName: 'Ann Lee', objectType: 'Contact' });
    await settle();
    expect(telephony.calls.find((c) => c.method === 'call')?.args[0]).toBe('+16505550108');
    const callId = engine.getState().calls[0]?.call.callId ?? '';
    expect(engine.getState().notices.map((n) => [n.code, n.message])).toContainEqual([
      'EXTENSION_PENDING',
      `Extension ${ext} will be dialled once the call is answered.`,
    ]);
    clock.advance(EXTENSION_DTMF_DELAY_MS);
    await settle();
    expect(telephony.count('sendDtmf')).toBe(0); // nothing before the answer
    telephony.emit('answered', { callId });
    await settle();
    clock.advance(EXTENSION_DTMF_DELAY_MS - 1);
    await settle();
    expect(telephony.count('sendDtmf')).toBe(0);
    clock.advance(1);
    await settle();
    expect(telephony.calls.filter((c) => c.method === 'sendDtmf').map((c) => c.args)).toEqual([[callId, ext]]);
    expect(engine.getState().notices.map((n) => n.code)).toContain('EXTENSION_SENT');
  });

  it('sends nothing when the call ended before the pause was over, and never twice', async () => {
    const { engine, telephony, host, clock } = await startEngine();
    host.click({ number: '+1 650 555 0108 ext. 12', recordId: ANN.id, recordName: 'Ann Lee', objectType: 'Contact' });
    await settle();
    const callId = engine.getState().calls[0]?.call.callId ?? '';
    telephony.emit('answered', { callId });
    telephony.emit('answered', { callId });
    await engine.hangup(callId);
    clock.advance(EXTENSION_DTMF_DELAY_MS * 2);
    await settle();
    expect(telephony.count('sendDtmf')).toBe(0);
  });

  it('keeps the extension with the call across a reload before the answer, sends it once, and never after a reload that follows', async () => {
    const first = await startEngine();
    first.host.click({
      number: '+1 650 555 0108 ext. 12',
      recordId: ANN.id,
      recordName: 'Ann Lee',
      objectType: 'Contact',
    });
    await settle();
    const callId = first.engine.getState().calls[0]?.call.callId ?? '';
    expect(viewOf(first.engine, callId).pendingExtension).toBe('12');
    const telephonySessionId = viewOf(first.engine, callId).call.telephonySessionId;
    first.engine.dispose(); // the page reloads before the callee answers

    // The next page: the call is restored (lost) with its extension; the platform reports it again, answered.
    const second = await startEngine({ store: first.store, clock: first.clock });
    expect(viewOf(second.engine, callId)).toMatchObject({ pendingExtension: '12', call: { endReason: 'lost' } });
    const report = (h: typeof second, id: string) => {
      h.telephony.emit('dialing', {
        callId: id,
        remoteNumber: '+16505550108',
        localNumber: '+16505550100',
        telephonySessionId,
        sessionId: null,
        partyId: null,
      });
      h.telephony.emit('answered', { callId: id });
      h.telephony.emit('answered', { callId: id }); // a duplicate report
    };
    report(second, 'again-1');
    await settle();
    second.clock.advance(EXTENSION_DTMF_DELAY_MS);
    await settle();
    expect(second.telephony.calls.filter((c) => c.method === 'sendDtmf').map((c) => c.args)).toEqual([
      ['again-1', '12'],
    ]);
    expect(viewOf(second.engine, 'again-1').pendingExtension).toBeNull();
    second.engine.dispose(); // another reload, after the digits left

    const third = await startEngine({ store: second.store, clock: second.clock });
    report(third, 'again-2');
    await settle();
    third.clock.advance(EXTENSION_DTMF_DELAY_MS * 2);
    await settle();
    expect(third.telephony.count('sendDtmf')).toBe(0);
  });

  it('dialTarget reads the extension; short extensions and plain numbers have none', () => {
    expect(dialTarget('+44 20 7946 0104 ext 7', 'US')).toEqual({ to: '+442079460104', extension: '7' });
    expect(dialTarget('650-555-0108', 'US')).toEqual({ to: '+16505550108', extension: null });
    expect(dialTarget('102', 'US')).toEqual({ to: '102', extension: null });
  });
});

describe('call queue calls (seed 004_7d3109e70c064dca.txt)', () => {
  it("a queue call another member answered is not this agent's to log: no form, no Task, not unresolved", async () => {
    const { engine, telephony, crm, clock } = await startEngine({
      settings: { autoLog: true, saveOnRinging: true, autoLogDelaySeconds: 0 },
    });
    const callId = telephony.ring({ from: '+16505550101', queueName: 'Gold Queue' });
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0); // not while it rings every member
    telephony.end(callId, 'answered-elsewhere');
    clock.advance(60_000);
    await settle();
    expect(engine.getState().calls).toEqual([]);
    expect(engine.getState().conflicts).toEqual([]);
    expect(crm.count('upsertCallLogs')).toBe(0);
  });

  it("a direct call answered on another device of the agent is still the agent's log", async () => {
    const { engine, telephony } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'answered-elsewhere');
    await settle();
    expect(viewOf(engine, callId).call.endReason).toBe('answered-elsewhere');
  });

  it('a queue call the agent answers is logged as usual (saveOnRinging waits for the answer)', async () => {
    const { engine, telephony, crm } = await startEngine({ settings: { autoLog: true, saveOnRinging: true } });
    const callId = telephony.ring({ from: '+16505550101', queueName: 'Gold Queue' });
    await settle();
    await engine.answer(callId);
    await settle();
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ whoId: ANN.id });
  });

  it('a queue call missed by this agent with notes already written stays for the agent', async () => {
    const { engine, telephony } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101', queueName: 'Gold Queue' });
    await settle();
    engine.setNotes(callId, 'saw the pop, will call back');
    telephony.end(callId, 'answered-elsewhere');
    await settle();
    expect(viewOf(engine, callId).form.notes).toBe('saw the pop, will call back');
  });
});
