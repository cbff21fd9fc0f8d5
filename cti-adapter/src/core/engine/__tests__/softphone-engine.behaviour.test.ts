import { CallTransitionError } from '../../call/call-transition-error';
import { afterIdle, settle } from '../../__tests__/support/fake-clock';
import { match } from '../../__tests__/support/fake-crm-gateway';
import { ANN, CARLA, DAN, ERIN, INITECH } from '../../__tests__/support/sample-world';
import { startEngine, viewOf } from './engine-harness';

describe('SoftphoneEngine — screen pop timing and matching', () => {
  it('with inboundPop on answer, pops on answer — once, with the single match round trip', async () => {
    const { engine, telephony, host, crm } = await startEngine({ settings: { inboundPop: 'answer' } });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    expect(host.pops).toEqual([]);
    await engine.answer(callId);
    await settle();
    expect(host.pops).toEqual([{ kind: 'record', recordId: ANN.id }]);
    await engine.hold(callId, true);
    await engine.hold(callId, false);
    await settle();
    expect(host.pops).toHaveLength(1);
    expect(crm.count('matchNumbers')).toBe(1);
  });

  it('a call answered before the match arrives still pops (once) when the answer comes in', async () => {
    const { engine, telephony, host, crm } = await startEngine({ settings: { inboundPop: 'answer' } });
    const callId = telephony.ring({ from: '+16505550101' });
    telephony.emit('answered', { callId }); // synchronously, before matchNumbers resolved
    await settle();
    expect(host.pops).toEqual([{ kind: 'record', recordId: ANN.id }]);
    expect(crm.count('matchNumbers')).toBe(1);
    expect(viewOf(engine, callId).call.state).toBe('connected');
  });

  it('sends the match request before persisting and publishing the new call (nothing local delays the pop)', async () => {
    const { engine, telephony, crm, store } = await startEngine();
    const seen: [number, boolean][] = [];
    engine.subscribe((state) => {
      if (state.calls.length > 0 && seen.length === 0) {
        seen.push([crm.count('matchNumbers'), store.keys('softphone.draft.').length > 0]);
      }
    });
    telephony.ring({ from: '+16505550101' });
    // The lookup left at once; the new call is persisted and published with the answer, after the pop.
    expect(crm.count('matchNumbers')).toBe(1);
    expect(store.keys('softphone.draft.')).toEqual([]);
    await settle();
    expect(seen).toEqual([[1, true]]);
  });

  it('a missed call is not popped after it ended', async () => {
    const { telephony, host } = await startEngine({ settings: { inboundPop: 'answer' } });
    const callId = telephony.ring({ from: '+16505550101' });
    telephony.end(callId, 'missed');
    await settle();
    expect(host.pops).toEqual([]);
  });

  it('a failing matchNumbers leaves the call usable and reports a notice', async () => {
    const { engine, telephony, host, crm } = await startEngine();
    crm.failNext('matchNumbers', 'INVALID_INPUT'); // not transient: no retry (retries: softphone-engine.day-logs)
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    expect(viewOf(engine, callId).matchStatus).toBe('failed');
    expect(host.pops).toEqual([]);
    expect(engine.getState().notices.map((n) => n.code)).toContain('MATCH_FAILED');
    await engine.answer(callId);
    expect(viewOf(engine, callId).call.state).toBe('connected');
  });

  it('a failing screen pop becomes a notice, not a broken call', async () => {
    const { engine, telephony, host } = await startEngine();
    host.failScreenPop = true;
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    expect(engine.getState().notices.map((n) => n.code)).toContain('SCREEN_POP_FAILED');
    expect(viewOf(engine, callId).call.state).toBe('ringing');
  });

  it('an anonymous / extension caller skips the lookup', async () => {
    const { engine, telephony, crm } = await startEngine();
    const callId = telephony.ring({ from: '102', name: 'Sam Supervisor' });
    await settle();
    expect(crm.count('matchNumbers')).toBe(0);
    expect(viewOf(engine, callId).matchStatus).toBe('skipped');
    expect(viewOf(engine, callId).displayName).toBe('Sam Supervisor');
  });

  it('a Lead caller is logged as Who without Related To; a person account as its PersonContactId', async () => {
    const { engine, telephony } = await startEngine();
    const lead = telephony.ring({ from: '+16505550103' });
    const person = telephony.ring({ from: '+16505550105' });
    await settle();
    expect(viewOf(engine, lead).form).toMatchObject({ whoId: DAN.id, whatId: null });
    expect(viewOf(engine, person).form).toMatchObject({ whoId: ERIN.personContactId, whatId: ERIN.id });
  });
});

describe('SoftphoneEngine — controls', () => {
  it('guards controls by call state with a typed error', async () => {
    const { engine, telephony } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await expect(engine.hold(callId, true)).rejects.toThrow(CallTransitionError);
    await expect(engine.transfer(callId, '102')).rejects.toThrow(CallTransitionError);
    expect(telephony.count('hold')).toBe(0);
    await engine.answer(callId);
    await expect(engine.answer(callId)).rejects.toThrow(CallTransitionError);
    await expect(engine.decline(callId)).rejects.toMatchObject({ name: 'CallTransitionError', from: 'connected' });
    expect(telephony.count('answer')).toBe(1);
  });

  it('mute, DTMF, recording and transfers reach the telephony port', async () => {
    const { engine, telephony } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    await engine.mute(callId, true);
    expect(viewOf(engine, callId).call.muted).toBe(true);
    await engine.sendDtmf(callId, '12#');
    await expect(engine.sendDtmf(callId, '12a')).rejects.toThrow(/Invalid DTMF/);
    await engine.startRecording(callId);
    telephony.emit('recording', { callId, active: true, recordingId: 'rec-9' });
    expect(viewOf(engine, callId).call).toMatchObject({ recording: 'on', recordingId: 'rec-9' });
    const { consultCallId } = await engine.warmTransfer(callId, '102');
    expect(viewOf(engine, callId).call.transferTarget).toBe('102');
    await engine.completeWarmTransfer(callId, consultCallId);
    expect(viewOf(engine, callId).call.endReason).toBe('transferred');
    expect(telephony.calls.map((c) => c.method)).toEqual([
      'answer',
      'mute',
      'sendDtmf',
      'startRecording',
      'warmTransfer',
      'completeWarmTransfer',
    ]);
  });

  it('blind transfer ends the call as transferred; hanging up while dialing is cancelled', async () => {
    const { engine, telephony } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    await engine.transfer(callId, '+1 650 555 0110');
    expect(telephony.calls.find((c) => c.method === 'transfer')?.args).toEqual([callId, '+16505550110']);
    expect(viewOf(engine, callId).call.endReason).toBe('transferred');

    const { callId: out } = await engine.dial('(650) 555-0101');
    await engine.hangup(out);
    expect(viewOf(engine, out).call.endReason).toBe('cancelled');
  });

  it('sends a second inbound call to voicemail while busy when the setting is on', async () => {
    const { engine, telephony } = await startEngine({ settings: { toVoicemailWhenBusy: true } });
    const first = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(first);
    const second = telephony.ring({ from: '+16505550103' });
    await settle();
    expect(telephony.calls.filter((c) => c.method === 'toVoicemail').map((c) => c.args[0])).toEqual([second]);
    expect(viewOf(engine, second).call.endReason).toBe('voicemail');
  });

  it('dials with the preferred caller ID and device; rejects garbage numbers with a typed error', async () => {
    const { engine, telephony } = await startEngine();
    engine.setPreferences({ callerId: '+16505550120', callingDevice: 'ringout', ringOutNumber: '+16505550177' });
    await engine.dial('650 555 0103');
    expect(telephony.calls.find((c) => c.method === 'call')?.args).toEqual([
      '+16505550103',
      { callerId: '+16505550120', via: 'ringout', ringOutFrom: '+16505550177' },
    ]);
    await expect(engine.dial('call me maybe')).rejects.toMatchObject({
      name: 'PhoneNumberError',
      code: 'NOT_A_NUMBER',
    });
    await engine.dial('102');
    expect(telephony.calls.filter((c) => c.method === 'call').map((c) => c.args[0])).toEqual(['+16505550103', '102']);
  });

  it('a dialled number (not click-to-dial) that matches one Contact pops it and fills Who', async () => {
    const { engine, host } = await startEngine();
    const { callId } = await engine.dial('6505550101');
    await settle();
    expect(host.pops).toEqual([{ kind: 'record', recordId: ANN.id }]);
    expect(viewOf(engine, callId).form.whoId).toBe(ANN.id);
  });

  it('click-to-dial from a Contact page logs on that Contact even when the number is shared', async () => {
    const { engine, host, crm } = await startEngine();
    host.click({
      number: '+1 (650) 555-0102',
      recordId: CARLA.id,
      recordName: 'Carla Stone',
      objectType: 'Contact',
      accountId: CARLA.accountId,
    });
    await settle();
    const view = engine.getState().calls[0];
    expect(view?.form).toMatchObject({ whoId: CARLA.id, whatId: CARLA.accountId });
    expect(view?.conflict).toBeNull();
    expect(view?.displayName).toBe('Carla Stone');
    expect(crm.count('matchNumbers')).toBe(1);
  });
});

describe('SoftphoneEngine — click-to-dial completes Who from the one Contact on the number', () => {
  it('clicked Account + one matching Contact → WhatId = Account, WhoId = Contact; a Lead never replaces the What', async () => {
    const { engine, host, crm } = await startEngine();
    const peter = match({
      id: '003000000000008AAA',
      objectType: 'Contact',
      name: 'Peter Gibbons',
      accountId: INITECH.id,
    });
    crm.setMatches('+16505550107', [INITECH, peter]);
    host.click({ number: '650-555-0107', recordId: INITECH.id, recordName: 'Initech', objectType: 'Account' });
    await settle();
    expect(engine.getState().calls[0]?.form).toMatchObject({ whoId: peter.id, whatId: INITECH.id });

    crm.setMatches('+16505550103', [DAN]);
    host.click({ number: '6505550103', recordId: INITECH.id, recordName: 'Initech', objectType: 'Account' });
    await settle();
    const second = engine.getState().calls.find((c) => c.call.remoteNumber === '+16505550103');
    expect(second?.form).toMatchObject({ whoId: null, whatId: INITECH.id });
  });
});

describe('SoftphoneEngine — auto-log, conflicts and outbox', () => {
  it('auto-logs after the countdown when the agent does not touch the form', async () => {
    const { engine, telephony, crm, clock } = await startEngine({
      settings: { autoLog: true, autoLogDelaySeconds: 10 },
    });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    await settle();
    const requestsAfterAnswer = crm.count('upsertCallLogs');
    expect(requestsAfterAnswer).toBe(1); // created on answer (saveOnRinging off)
    await engine.hangup(callId);
    expect(viewOf(engine, callId).autoLogAt).toBe(clock.now() + 10_000);
    clock.advance(9_999);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(requestsAfterAnswer);
    clock.advance(1);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(requestsAfterAnswer + 1);
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ source: 'auto', whoId: ANN.id, result: 'Accepted' });
    expect(engine.getState().calls).toHaveLength(0);
  });

  it('an edit cancels the countdown', async () => {
    const { engine, telephony, crm, clock } = await startEngine({ settings: { autoLog: true } });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    engine.setNotes(callId, 'call back tomorrow');
    expect(viewOf(engine, callId).autoLogAt).toBeNull();
    clock.advance(60_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
  });

  it('cancelAutoLog stops the countdown without touching the form', async () => {
    const { engine, telephony, crm, clock } = await startEngine({ settings: { autoLog: true } });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    expect(viewOf(engine, callId).autoLogAt).not.toBeNull();
    engine.cancelAutoLog(callId);
    expect(viewOf(engine, callId)).toMatchObject({ autoLogAt: null, formEdited: false });
    clock.advance(60_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
  });

  it('with saveOnRinging the Task exists while ringing and is completed at the end', async () => {
    const { engine, telephony, crm, clock } = await startEngine({
      settings: { autoLog: true, saveOnRinging: true, autoLogDelaySeconds: 0 },
    });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ endTime: null, result: 'In Progress' });
    await engine.answer(callId);
    clock.advance(20_000);
    await engine.hangup(callId);
    clock.advance(0);
    await settle();
    expect(crm.tasks.size).toBe(1);
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ durationSeconds: 20, result: 'Accepted' });
  });

  it('unresolved calls wait in the conflict queue instead of being auto-logged', async () => {
    const { engine, telephony, crm, clock } = await startEngine({ settings: { autoLog: true } });
    const shared = telephony.ring({ from: '+16505550102' });
    const unknown = telephony.ring({ from: '+16505550199' });
    await settle();
    telephony.end(shared, 'missed');
    telephony.end(unknown, 'missed');
    clock.advance(60_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
    expect(engine.getState().conflicts.map((c) => [c.callId, c.reason])).toEqual(
      expect.arrayContaining([
        [shared, 'multiple-matches'],
        [unknown, 'no-match'],
      ]),
    );
    await engine.chooseRecord(shared, CARLA.id);
    expect(engine.getState().conflicts.map((c) => c.callId)).toEqual([unknown]);
  });

  it('a Save that fails on the network is kept and retried in the background', async () => {
    const { engine, telephony, crm, clock } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    crm.failNext('upsertCallLogs', 'NETWORK');
    const result = await engine.saveLog(callId);
    expect(result).toMatchObject({ ok: false, willRetry: true });
    expect(viewOf(engine, callId).logStatus).toBe('pending');
    expect(engine.getState().pendingLogs).toHaveLength(1);
    clock.advance(2_000);
    await settle();
    expect(crm.tasks.size).toBe(1);
    expect(engine.getState().pendingLogs).toHaveLength(0);
  });

  it('a log saved during the call gets its end time and duration when the call ends, on the same Task', async () => {
    const { engine, telephony, crm, clock } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    engine.setNotes(callId, 'saved mid-call');
    expect(await engine.saveLog(callId)).toMatchObject({ ok: true });
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ endTime: null, durationSeconds: 0 });
    clock.advance(30_000);
    await engine.hangup(callId);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(2);
    expect(crm.tasks.size).toBe(1);
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({
      notes: 'saved mid-call',
      durationSeconds: 30,
      endTime: new Date(clock.now()).toISOString(),
    });
    expect(engine.getState().calls).toEqual([]);
  });

  it('returns validation errors without sending', async () => {
    const { engine, telephony, crm } = await startEngine({ settings: { dispositionsMandatory: true } });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    const result = await engine.saveLog(callId);
    expect(result).toMatchObject({ ok: false, validation: [expect.objectContaining({ field: 'disposition' })] });
    expect(crm.count('upsertCallLogs')).toBe(0);
  });

  it('drops unlogged drafts older than the retention at start', async () => {
    const first = await startEngine();
    const callId = first.telephony.ring({ from: '+16505550101' });
    await settle();
    first.telephony.end(callId, 'missed');
    first.engine.dispose();
    first.clock.advance(8 * 24 * 3600 * 1000);
    const second = await startEngine({ store: first.store, clock: first.clock });
    expect(second.engine.getState().calls).toEqual([]);
    expect(first.store.keys('softphone.draft.')).toEqual([]);
  });

  it('a call the platform reports again after a reload gets its notes back', async () => {
    const first = await startEngine();
    const callId = first.telephony.ring({ from: '+16505550101', telephonySessionId: 's-keep' });
    await settle();
    first.engine.setNotes(callId, 'before reload');
    first.engine.dispose();
    const second = await startEngine({ store: first.store, clock: first.clock });
    const again = second.telephony.ring({ callId: 'new-sip-id', from: '+16505550101', telephonySessionId: 's-keep' });
    await settle();
    expect(viewOf(second.engine, again).form.notes).toBe('before reload');
    expect(second.engine.getState().calls).toHaveLength(1);
  });
});

describe('SoftphoneEngine — history and presence', () => {
  it('lists history with logged flags and opens a log form for a past call', async () => {
    const h = await startEngine();
    const { SoftphoneEngine } = await import('../softphone-engine');
    const records = [
      {
        id: 'cl-1',
        telephonySessionId: 's-old-1',
        sessionId: '1',
        direction: 'Inbound' as const,
        startTime: '2026-11-20T09:00:00.000Z',
        duration: 42,
        result: 'Accepted',
        from: { phoneNumber: '+16505550101', name: 'LEE ANN' },
        to: { phoneNumber: '+16505550100', name: 'Alex Agent' },
        recording: null,
      },
      {
        id: 'cl-2',
        telephonySessionId: 's-old-2',
        sessionId: '2',
        direction: 'Inbound' as const,
        startTime: '2026-11-20T08:00:00.000Z',
        duration: 0,
        result: 'Missed',
        from: { phoneNumber: '+16505550103' },
        to: { phoneNumber: '+16505550100' },
        recording: null,
      },
    ];
    h.crm.tasks.set('s-old-2', {
      id: '00T000000000000099',
      log: { subject: 'x', whoId: null, whatId: null } as never,
      revision: null,
    });
    const engine = new SoftphoneEngine({
      telephony: h.telephony,
      host: h.host,
      crm: h.crm,
      store: h.store,
      clock: h.clock,
      history: { list: async () => records },
    });
    await engine.start();
    await afterIdle();
    const items = await engine.loadHistory();
    expect(items.map((i) => [i.record.id, i.logged?.taskId ?? null])).toEqual([
      ['cl-1', null],
      ['cl-2', '00T000000000000099'],
    ]);
    const draftId = engine.logHistoryCall(records[0]!);
    await settle();
    await engine.saveLog(draftId);
    expect(h.crm.tasks.get('s-old-1')?.log).toMatchObject({ whoId: ANN.id, durationSeconds: 42, result: 'Accepted' });
  });

  it('names a history row by the record its call is logged to, else by the caller ID, else by the number', async () => {
    const h = await startEngine();
    const { SoftphoneEngine } = await import('../softphone-engine');
    const { historyParty } = await import('../history-party');
    const call = (id: string, from: { phoneNumber?: string; name?: string }) => ({
      id: `cl-${id}`,
      telephonySessionId: `s-${id}`,
      sessionId: id,
      direction: 'Inbound' as const,
      startTime: '2026-11-20T09:00:00.000Z',
      duration: 42,
      result: 'Accepted',
      from,
      to: { phoneNumber: '+16505550100', name: 'Alex Agent' },
      recording: null,
    });
    const records = [
      call('who', { phoneNumber: '+16505550101', name: 'LEE ANN' }),
      call('what', { phoneNumber: '+16505550102', name: 'ACME CORP' }),
      call('hidden', { phoneNumber: '+16505550103', name: 'PRIVATE CALLER' }),
      call('open', { phoneNumber: '+16505550104', name: 'ROE JANE' }),
      call('bare', { phoneNumber: '+16505550105' }),
    ];
    const task = (id: string, whoId: string | null, whatId: string | null) =>
      h.crm.tasks.set(`s-${id}`, { id: `00T-${id}`, log: { subject: 'x', whoId, whatId } as never, revision: null });
    task('who', ANN.id, '001ACME');
    task('what', null, '006RENEWAL');
    task('hidden', '003HIDDEN', null);
    h.crm.recordNames.set(ANN.id, 'Ann Lee');
    h.crm.recordNames.set('001ACME', 'Acme Corp');
    h.crm.recordNames.set('006RENEWAL', 'Acme renewal 2027');
    const engine = new SoftphoneEngine({
      telephony: h.telephony,
      host: h.host,
      crm: h.crm,
      store: h.store,
      clock: h.clock,
      history: { list: async () => records },
    });
    await engine.start();
    await afterIdle();
    const items = await engine.loadHistory();
    expect(items.map(historyParty)).toEqual([
      { name: 'Ann Lee', source: 'record' },
      { name: 'Acme renewal 2027', source: 'record' },
      { name: '+16505550103', source: 'number' },
      { name: 'ROE JANE', source: 'callerId' },
      { name: '+16505550105', source: 'number' },
    ]);
  });

  it('shows and sets presence', async () => {
    const h = await startEngine();
    const { SoftphoneEngine } = await import('../softphone-engine');
    let current = {
      userStatus: 'Available' as const,
      dndStatus: 'TakeAllCalls' as const,
      telephonyStatus: 'NoCall',
      presenceStatus: 'Available',
    };
    const engine = new SoftphoneEngine({
      telephony: h.telephony,
      host: h.host,
      crm: h.crm,
      store: h.store,
      clock: h.clock,
      presence: {
        get: async () => current,
        set: async (change) => {
          current = { ...current, userStatus: change.userStatus as never, presenceStatus: change.userStatus };
          return current;
        },
        on: () => () => undefined,
      },
    });
    await engine.start();
    await afterIdle();
    await settle();
    expect(engine.getState().presence?.userStatus).toBe('Available');
    await engine.setPresence('Busy');
    expect(engine.getState().presence?.userStatus).toBe('Busy');
  });
});
