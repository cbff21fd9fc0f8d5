import { settle } from '../../__tests__/support/fake-clock';
import { ACME_ID, ANN, CARLA, INITECH } from '../../__tests__/support/sample-world';
import { SoftphoneEngine } from '../softphone-engine';
import { startEngine, viewOf } from './engine-harness';

// The seven acceptance scenarios of issue #4, at the engine level with fakes for every port.

describe('SoftphoneEngine — issue #4 scenarios', () => {
  it('(1) pops the Contact stored in another format before answer, then logs the call with Who, What and call facts', async () => {
    const { engine, telephony, host, crm, clock } = await startEngine();

    const callId = telephony.ring({ from: '16505550101', name: 'LEE ANN', telephonySessionId: 's-ann-1' });
    await settle();

    expect(crm.count('matchNumbers')).toBe(1);
    expect(crm.requests.find((r) => r.endpoint === 'matchNumbers')?.request).toEqual({
      numbers: [{ e164: '+16505550101', countryCallingCode: '1', nationalNumber: '6505550101' }],
    });
    expect(viewOf(engine, callId).call.state).toBe('ringing');
    expect(host.pops).toEqual([{ kind: 'record', recordId: ANN.id }]);
    expect(host.icon).toBe('incoming_call');

    await engine.answer(callId);
    clock.advance(30_000);
    await engine.hold(callId, true);
    expect(viewOf(engine, callId).call.state).toBe('held');
    expect(host.icon).toBe('paused_call');
    await engine.hold(callId, false);
    clock.advance(35_000);
    engine.setNotes(callId, 'Wants a quote for 20 seats.');
    await engine.hangup(callId);
    expect(viewOf(engine, callId).call.endReason).toBe('hangup');
    expect(host.icon).toBe('call');

    const result = await engine.saveLog(callId);
    expect(result.ok).toBe(true);
    const task = crm.tasks.get('s-ann-1');
    expect(task?.log).toMatchObject({
      telephonySessionId: 's-ann-1',
      callUuid: `sess-${callId}`,
      source: 'agent',
      direction: 'inbound',
      fromNumber: '+16505550101',
      toNumber: '+16505550100',
      fromName: 'Ann Lee',
      toName: 'Alex Agent',
      durationSeconds: 65,
      result: 'Accepted',
      subject: 'Inbound call from Ann Lee',
      notes: 'Wants a quote for 20 seats.',
      whoId: ANN.id,
      whatId: ACME_ID,
      endTime: new Date(clock.now()).toISOString(),
    });
    expect(crm.count('matchNumbers')).toBe(1);
    expect(host.log).toContain('refreshView');
    expect(engine.getState().calls).toHaveLength(0);
  });

  it('(2) click-to-dial from an Account page calls the number in E.164 and logs with WhatId = the Account', async () => {
    const { engine, telephony, host, crm } = await startEngine();

    host.click({ number: '650-555-0107', recordId: INITECH.id, recordName: 'Initech', objectType: 'Account' });
    await settle();

    expect(telephony.calls.find((c) => c.method === 'call')?.args[0]).toBe('+16505550107');
    expect(host.log).toContain('panel:true');
    const view = engine.getState().calls[0];
    if (!view) throw new Error('no call');
    expect(view.call.direction).toBe('outbound');
    expect(host.pops).toEqual([]); // the agent is already on the record
    expect(host.icon).toBe('outbound_call');
    expect(crm.count('matchNumbers')).toBe(1);

    telephony.emit('answered', { callId: view.call.callId });
    await engine.hangup(view.call.callId);
    const result = await engine.saveLog(view.call.callId);

    expect(result.ok).toBe(true);
    expect(crm.tasks.get(view.call.telephonySessionId ?? '')?.log).toMatchObject({
      direction: 'outbound',
      toNumber: '+16505550107',
      whatId: INITECH.id,
      whoId: null,
      subject: 'Outbound call to Initech',
      result: 'Call connected',
    });
  });

  it('(3) two Contacts share the number: no pop until the agent chooses, then pop and log on the chosen one', async () => {
    const { engine, telephony, host, crm } = await startEngine();

    const callId = telephony.ring({ from: '+16505550102', name: 'STONE LOGISTICS' });
    await settle();

    expect(host.pops).toEqual([]);
    expect(viewOf(engine, callId).matches.map((m) => m.name)).toEqual(['Carla Stone', 'Bob Stone']);
    expect(viewOf(engine, callId).form.whoId).toBeNull();

    await engine.chooseRecord(callId, CARLA.id);
    expect(host.pops).toEqual([{ kind: 'record', recordId: CARLA.id }]);

    await engine.answer(callId);
    await engine.hangup(callId);
    await engine.saveLog(callId);

    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ whoId: CARLA.id, fromName: 'Carla Stone' });
    expect(crm.count('matchNumbers')).toBe(1);
  });

  it('(4) unknown number: caller-ID name shown, new-record pop, placeholder Contact created and logged', async () => {
    const { engine, telephony, host, crm } = await startEngine();

    const callId = telephony.ring({ from: '+16505550199', name: 'WIRELESS CALLER' });
    await settle();

    expect(viewOf(engine, callId).displayName).toBe('WIRELESS CALLER');
    expect(host.pops).toEqual([
      { kind: 'newRecord', entityName: 'Contact', defaultFieldValues: { Phone: '+16505550199' } },
    ]);

    await engine.answer(callId);
    await engine.hangup(callId);
    expect(engine.getState().conflicts).toEqual([
      expect.objectContaining({ callId, reason: 'no-match', displayName: 'WIRELESS CALLER' }),
    ]);

    const record = await engine.createPlaceholder(callId, { name: 'Jane Roe' });
    expect(crm.requests.find((r) => r.endpoint === 'createPlaceholder')?.request).toEqual({
      objectType: 'Contact',
      name: 'Jane Roe',
      phone: '+16505550199',
      company: null,
    });
    expect(engine.getState().conflicts).toEqual([]);
    await engine.saveLog(callId);

    expect(crm.placeholders).toHaveLength(1);
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ whoId: record.id, fromName: 'Jane Roe' });
  });

  it('(5) decline and send to voicemail end the calls with their reasons and log Rejected / Voicemail', async () => {
    const { engine, telephony, crm } = await startEngine();

    const declined = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.decline(declined);
    expect(viewOf(engine, declined).call.endReason).toBe('declined');

    const voicemail = telephony.ring({ from: '+16505550103' });
    await settle();
    await engine.toVoicemail(voicemail);
    expect(viewOf(engine, voicemail).call.endReason).toBe('voicemail');

    await engine.saveLog(declined);
    await engine.saveLog(voicemail);
    expect(crm.tasks.get(`s-${declined}`)?.log).toMatchObject({ result: 'Rejected', durationSeconds: 0 });
    expect(crm.tasks.get(`s-${voicemail}`)?.log).toMatchObject({
      result: 'Voicemail',
      whoId: '00Q000000000001AAA',
      // The agent's Save of a Lead's log clears any stored Related To: "" (the contract's merge rules).
      whatId: '',
    });
  });

  it('(6) a reload during a call keeps the notes: a new engine over the same store shows them and logs them', async () => {
    const first = await startEngine();
    const callId = first.telephony.ring({ from: '+16505550101', telephonySessionId: 's-reload-1' });
    await settle();
    await first.engine.answer(callId);
    first.engine.setNotes(callId, 'Line 1 of the notes');
    first.engine.setNotes(callId, 'Line 1 of the notes\nLine 2, typed just before the reload');
    first.engine.dispose();

    const second = await startEngine({ store: first.store, clock: first.clock });
    const view = viewOf(second.engine, callId);
    expect(view.form.notes).toBe('Line 1 of the notes\nLine 2, typed just before the reload');
    expect(view.call.state).toBe('ended');
    expect(view.call.endReason).toBe('lost');
    expect(second.crm.count('matchNumbers')).toBe(0);

    await second.engine.saveLog(callId);
    expect(second.crm.tasks.get('s-reload-1')?.log.notes).toBe(
      'Line 1 of the notes\nLine 2, typed just before the reload',
    );
  });

  it('(7) pressing Save twice sends one upsert and yields one Task', async () => {
    const { engine, telephony, crm } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    await engine.hangup(callId);

    crm.hold();
    const first = engine.saveLog(callId);
    const second = engine.saveLog(callId);
    await settle();
    crm.release();
    const [a, b] = await Promise.all([first, second]);

    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(crm.tasks.size).toBe(1);

    // Logged and ended: the call is done and forgotten (its form is gone), nothing more is ever sent for it.
    expect(engine.getState().calls).toEqual([]);
    await expect(engine.saveLog(callId)).rejects.toThrow('Unknown call');
    expect(crm.count('upsertCallLogs')).toBe(1);
  });
});

describe('SoftphoneEngine — start-up', () => {
  it('enables click-to-dial before settings arrive and notifies initialization once registered', async () => {
    const h = await startEngine();
    expect(h.host.log.indexOf('enableClickToDial')).toBe(0);
    expect(h.host.log.filter((l) => l === 'notifyInitializationComplete')).toHaveLength(1);
    expect(h.engine.getState().phase).toBe('ready');
    expect(h.host.icon).toBe('call');
    expect(h.host.label).toBe('Phone · Listening');
  });

  it('says on the utility item whether it listens: with another device only while the call events are subscribed', async () => {
    const h = await startEngine();
    h.telephony.setStatus({ state: 'registered', device: 'other', events: 'connecting' });
    await settle();
    expect([h.host.icon, h.host.label]).toEqual(['call', 'Phone (starting)']);
    expect(h.host.listening).toEqual({ listening: false, reason: 'starting' });
    h.telephony.setStatus({ state: 'registered', device: 'other' });
    await settle();
    expect([h.host.icon, h.host.label]).toEqual(['call', 'Phone · Listening']);
    expect(h.host.listening).toEqual({ listening: true, via: 'other' });
    h.telephony.setStatus({ state: 'registered', device: 'other', events: 'lost' });
    await settle();
    expect([h.host.icon, h.host.label]).toEqual(['offline', 'Phone · Not listening: call events lost']);
    h.telephony.setStatus({ state: 'unavailable', reason: 'logged-out' });
    await settle();
    expect([h.host.icon, h.host.label]).toEqual(['offline', 'Phone · Not listening: signed out']);
  });

  it('shows the unread text messages the Messages feature reports in the state and on the utility item', async () => {
    const h = await startEngine();
    h.engine.setUnreadMessages(3);
    expect(h.engine.getState().unreadMessages).toBe(3);
    expect([h.host.icon, h.host.label]).toEqual(['sms', 'Phone · Listening · 3 SMS']);
    h.telephony.ring({ callId: 'c-sms', from: '+16505550101' });
    await settle();
    expect([h.host.icon, h.host.label]).toEqual(['incoming_call', 'Incoming call · 3 SMS']);
    h.engine.setUnreadMessages(0);
    expect(h.host.label).toBe('Incoming call');
  });

  it('does not notify initialization while the web phone is still starting', async () => {
    const { FakeTelephony } = await import('../../__tests__/support/fake-telephony');
    const { FakeCtiHost } = await import('../../__tests__/support/fake-cti-host');
    const { FakeCrmGateway } = await import('../../__tests__/support/fake-crm-gateway');
    const { MemoryKeyValueStore } = await import('../../ports/key-value-store');
    const telephony = new FakeTelephony();
    const host = new FakeCtiHost();
    const engine = new SoftphoneEngine({
      telephony,
      host,
      crm: new FakeCrmGateway(),
      store: new MemoryKeyValueStore(),
    });
    await engine.start();
    expect(host.log).not.toContain('notifyInitializationComplete');
    telephony.setStatus({ state: 'unavailable', reason: 'microphone-denied' });
    expect(host.log).toContain('notifyInitializationComplete');
    // The new phase is published (and the utility item set) once the console has answered the notice.
    expect(engine.getState().phase).toBe('starting');
    await settle();
    expect(engine.getState().phase).toBe('unavailable');
    expect(host.icon).toBe('offline');
  });
});
