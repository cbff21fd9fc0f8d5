import { loadSeed } from '../../seed/seed';
import type { ModelEventMap } from '../model-events';
import { TelephonyModel } from '../telephony-model';

const ALEX = '62264101';
const SAM = '62264102';
const QUEUE = '62264200';

function makeModel(): { model: TelephonyModel; clock: { t: number } } {
  const clock = { t: Date.parse('2026-11-21T10:00:00Z') };
  let n = 0;
  const model = new TelephonyModel(loadSeed(), {
    now: () => clock.t,
    randomHex: (bytes) => (++n).toString(16).padStart(bytes * 2, 'a'),
    ringOutStepMs: 1000,
    ringOutMaxDurationMs: 5000,
    smsDeliveryMs: 100,
  });
  return { model, clock };
}

function collect<K extends keyof ModelEventMap>(model: TelephonyModel, topic: K): ModelEventMap[K][] {
  const out: ModelEventMap[K][] = [];
  model.events.on(topic, (e) => out.push(structuredClone(e)));
  return out;
}

describe('TelephonyModel directory', () => {
  it('finds people by any number format and exposes SIP credentials', () => {
    const { model } = makeModel();
    expect(model.findExtensionByNumber('(650) 555-0100')?.id).toBe(ALEX);
    expect(model.findExtensionByNumber('102')?.name).toBe('Sam Supervisor');
    expect(model.findExternalByNumber('+1 650 555 0102')?.callerIdName).toBe('STONE LOGISTICS');
    expect(model.sipCredentialsForExtension(ALEX)).toEqual({
      username: '16505550100',
      password: 'sip-alex-101',
      authorizationId: '802264101',
      domain: 'sip.ringcentral.com',
    });
    expect(model.sipCredentialsForExternal('+16505550199').username).toBe('16505550199');
    const identity = model.findSipIdentityByAuthorizationId('900550101');
    expect(identity?.kind).toBe('external');
    expect(model.findSipIdentityByUsername('16505550110')?.kind).toBe('extension');
    expect(() => model.sipCredentialsForExtension(QUEUE)).toThrow(/no SIP credentials/);
  });
});

describe('TelephonyModel inbound call lifecycle', () => {
  it('answered inbound call: events, presence, call log Accepted with duration and recording', () => {
    const { model, clock } = makeModel();
    const telephony = collect(model, 'telephony');
    const presence = collect(model, 'presence');
    const session = model.createSession({ from: '+16505550101', to: '+16505550100' });
    expect(session.telephonySessionId).toMatch(/^s-[0-9a-f]+$/);
    const agent = session.parties[1];
    expect(agent?.id).toMatch(/^p-[0-9a-f]+-2$/);
    expect(agent?.from).toMatchObject({ phoneNumber: '+16505550101', name: 'LEE ANN' });
    model.partyRinging(session.telephonySessionId, agent!.id);
    expect(model.getPresence(ALEX).telephonyStatus).toBe('Ringing');
    clock.t += 3000;
    model.partyAnswered(session.telephonySessionId, agent!.id);
    expect(model.getPresence(ALEX)).toMatchObject({ telephonyStatus: 'CallConnected', presenceStatus: 'Busy' });
    model.partyHold(session.telephonySessionId, agent!.id);
    expect(model.getPresence(ALEX).telephonyStatus).toBe('OnHold');
    model.partyUnhold(session.telephonySessionId, agent!.id);
    const rec = model.startRecording(session.telephonySessionId, agent!.id);
    clock.t += 4000;
    model.stopRecording(session.telephonySessionId, agent!.id);
    clock.t += 3000;
    model.endSession(session.telephonySessionId, 'CallerHangUp');

    const codes = telephony.filter((e) => e.extensionId === ALEX).map((e) => e.body.parties[0]?.status.code);
    expect(codes).toEqual([
      'Setup',
      'Proceeding',
      'Answered',
      'Hold',
      'Answered',
      'Answered',
      'Answered',
      'Disconnected',
    ]);
    expect(telephony.every((e) => e.body.parties.every((p) => p.extensionId === e.extensionId))).toBe(true);
    expect(presence.at(-1)?.presence.telephonyStatus).toBe('NoCall');

    const [record] = model.listCallLog(ALEX);
    expect(record).toMatchObject({
      direction: 'Inbound',
      result: 'Accepted',
      action: 'Phone Call',
      duration: 10,
      telephonySessionId: session.telephonySessionId,
      sessionId: session.sessionId,
      partyId: agent!.id,
      recording: { id: rec.id, duration: 4 },
      transport: 'PSTN',
    });
    expect(record?.legs.length).toBeGreaterThanOrEqual(2);
    expect(model.getRecording(rec.id)?.duration).toBe(4);
  });

  it('missed, rejected and voicemail calls get the matching results; voicemail lands in the message store', () => {
    const { model, clock } = makeModel();
    const missed = model.createSession({ from: '+16505550102', to: '101' });
    model.partyRinging(missed.telephonySessionId, missed.parties[1]!.id);
    model.endSession(missed.telephonySessionId, 'CallerHangUp');

    const rejected = model.createSession({ from: '+16505550103', to: '101' });
    model.partyRejected(rejected.telephonySessionId, rejected.parties[1]!.id);
    expect(model.ringingParties(rejected.telephonySessionId)).toHaveLength(0);
    model.endSession(rejected.telephonySessionId, 'Rejected');

    const messages = collect(model, 'message');
    const vm = model.createSession({ from: '+16505550105', to: '101' });
    model.partyVoicemail(vm.telephonySessionId, vm.parties[1]!.id);
    clock.t += 7000;
    model.endSession(vm.telephonySessionId, 'CallerHangUp');

    expect(model.listCallLog(ALEX).map((r) => r.result)).toEqual(['Voicemail', 'Rejected', 'Missed']);
    const [voicemail] = model.listMessages(ALEX, { type: ['VoiceMail'] });
    expect(voicemail).toMatchObject({ direction: 'Inbound', from: { phoneNumber: '+16505550105', name: 'PARK ERIN' } });
    expect(voicemail?.attachment?.duration).toBe(7);
    expect(model.getRecording(voicemail!.attachment!.id)?.kind).toBe('VoiceMail');
    expect(messages[0]?.changes[0]).toMatchObject({ type: 'VoiceMail', newCount: 1 });
  });

  it('queue call: members ring, one answers, the other is released without a call-log record', () => {
    const { model } = makeModel();
    const session = model.createSession({ from: '+442079460104', to: '+16505550120', queueId: QUEUE });
    const alex = model.addParty(session.telephonySessionId, { extensionId: ALEX });
    const sam = model.addParty(session.telephonySessionId, { extensionId: SAM });
    model.partyRinging(session.telephonySessionId, alex.id);
    model.partyRinging(session.telephonySessionId, sam.id);
    model.partyAnswered(session.telephonySessionId, sam.id);
    expect(model.getSession(session.telephonySessionId)?.parties.find((p) => p.id === alex.id)?.status).toEqual({
      code: 'Disconnected',
      reason: 'AnsweredElsewhere',
    });
    model.endSession(session.telephonySessionId);
    expect(model.listCallLog(ALEX)).toHaveLength(0);
    expect(model.listCallLog(SAM)[0]?.result).toBe('Accepted');
    expect(model.listCallLog(QUEUE)[0]?.result).toBe('Accepted');
  });

  it('queue call no member answers: the queue overflows to its voicemail, each member has a Missed record whose legs show no accepted one', () => {
    const { model } = makeModel();
    const session = model.createSession({ from: '+442079460104', to: '+16505550120', queueId: QUEUE });
    const id = session.telephonySessionId;
    const alex = model.addParty(id, { extensionId: ALEX });
    const sam = model.addParty(id, { extensionId: SAM });
    model.partyRinging(id, alex.id);
    model.partyRinging(id, sam.id);
    const queueParty = session.parties.find((p) => p.extensionId === QUEUE)!;
    model.partyVoicemail(id, queueParty.id);
    for (const member of [alex, sam]) {
      expect(model.getSession(id)?.parties.find((p) => p.id === member.id)?.status).toEqual({
        code: 'Disconnected',
        reason: 'NoAnswer',
      });
    }
    expect(model.getPresence(ALEX).telephonyStatus).toBe('NoCall');
    model.endSession(id, 'Voicemail');
    for (const member of [ALEX, SAM]) {
      const [record] = model.listCallLog(member);
      expect(record).toMatchObject({ telephonySessionId: id, result: 'Missed', direction: 'Inbound' });
      const inbound = record!.legs.filter((leg) => leg.direction === 'Inbound');
      expect(inbound.map((leg) => leg.result).sort()).toEqual(['Missed', 'Missed', 'Voicemail']);
    }
    expect(model.listCallLog(QUEUE)[0]?.result).toBe('Voicemail');
    expect(model.listMessages(QUEUE, { type: ['VoiceMail'] })).toHaveLength(1);
  });

  it('rejects invalid transitions with a 409 and unknown sessions with a 404', () => {
    const { model } = makeModel();
    const session = model.createSession({ from: '+16505550101', to: '101' });
    expect(() => model.partyHold(session.telephonySessionId, session.parties[1]!.id)).toThrow(
      expect.objectContaining({ status: 409 }),
    );
    expect(() => model.partyRinging('s-nope', 'p-x-1')).toThrow(expect.objectContaining({ status: 404 }));
    model.endSession(session.telephonySessionId);
    expect(() => model.partyAnswered(session.telephonySessionId, session.parties[1]!.id)).toThrow(
      expect.objectContaining({ status: 409 }),
    );
  });

  it('blind transfer moves the call to the target and logs a Transfer for the transferor', () => {
    const { model } = makeModel();
    const session = model.createSession({ from: '+16505550107', to: '101' });
    const alex = session.parties[1]!;
    model.partyAnswered(session.telephonySessionId, alex.id);
    const target = model.transfer(session.telephonySessionId, alex.id, { to: '102' });
    expect(target).toMatchObject({
      extensionId: SAM,
      status: { code: 'Setup' },
      from: { phoneNumber: '+16505550107' },
    });
    model.partyAnswered(session.telephonySessionId, target.id);
    model.endSession(session.telephonySessionId);
    expect(model.listCallLog(ALEX)[0]).toMatchObject({ action: 'Transfer', result: 'Accepted' });
    expect(model.listCallLog(SAM)[0]).toMatchObject({ result: 'Accepted', direction: 'Inbound' });
  });

  it('outbound call from the agent: caller party Outbound, result Call connected / Busy', () => {
    const { model } = makeModel();
    const ok = model.createSession({ from: '+16505550100', to: '+16505550101' });
    expect(ok.direction).toBe('Outbound');
    model.partyAnswered(ok.telephonySessionId, ok.parties[1]!.id);
    model.endSession(ok.telephonySessionId);
    const busy = model.createSession({ from: '101', to: '+16505550102' });
    model.endSession(busy.telephonySessionId, 'Rejected');
    expect(model.listCallLog(ALEX).map((r) => [r.direction, r.result])).toEqual([
      ['Outbound', 'Busy'],
      ['Outbound', 'Call connected'],
    ]);
  });
});

describe('TelephonyModel events', () => {
  it('a throwing listener neither breaks the operation nor starves other listeners', () => {
    const { model } = makeModel();
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    model.events.on('telephony', () => {
      throw new Error('boom');
    });
    const seen: string[] = [];
    model.events.on('telephony', (e) => seen.push(e.body.parties[0]?.status.code ?? ''));
    const session = model.createSession({ from: '+16505550101', to: '101' });
    model.partyRinging(session.telephonySessionId, session.parties[1]!.id);
    expect(seen).toEqual(['Setup', 'Proceeding']);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });
});

describe('TelephonyModel routing by DND', () => {
  it('maps dndStatus to ring / voicemail / skip for direct and queue calls', () => {
    const { model } = makeModel();
    expect(model.routingFor(ALEX)).toBe('ring');
    model.updatePresence(ALEX, { dndStatus: 'DoNotAcceptAnyCalls' });
    expect([model.routingFor(ALEX), model.routingFor(ALEX, true)]).toEqual(['voicemail', 'skip']);
    model.updatePresence(ALEX, { dndStatus: 'DoNotAcceptDepartmentCalls' });
    expect([model.routingFor(ALEX), model.routingFor(ALEX, true)]).toEqual(['ring', 'skip']);
    model.updatePresence(ALEX, { dndStatus: 'TakeDepartmentCallsOnly' });
    expect([model.routingFor(ALEX), model.routingFor(ALEX, true)]).toEqual(['voicemail', 'ring']);
    expect(model.routingFor('nope')).toBe('skip');
  });
});

describe('TelephonyModel messages and ring-out', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('SMS to a customer is stored Queued then Sent and delivered to the customer inbox', () => {
    const { model } = makeModel();
    const msg = model.sendSms({ extensionId: ALEX, from: '+16505550100', to: ['+16505550101'], text: 'hi' });
    expect(msg.messageStatus).toBe('Queued');
    jest.advanceTimersByTime(150);
    expect(model.listMessages(ALEX)[0]?.messageStatus).toBe('Sent');
    expect(model.listMessages('external:+16505550101')[0]).toMatchObject({ subject: 'hi', direction: 'Inbound' });
    const reply = model.receiveSmsFromCustomer({ fromNumber: '+16505550101', toNumber: '+16505550100', text: 'yo' });
    expect(reply.conversationId).toBe(msg.conversationId);
    expect(() => model.sendSms({ extensionId: ALEX, from: '+16505550110', to: ['+1'], text: 'x' })).toThrow(
      expect.objectContaining({ errorCode: 'MSG-246' }),
    );
  });

  it('ring-out progresses InProgress → caller Success → Success, and cancel ends the session', () => {
    const { model } = makeModel();
    const ro = model.createRingOut({ extensionId: ALEX, from: '+16505550100', to: '+16505550103' });
    expect(ro.status.callStatus).toBe('InProgress');
    jest.advanceTimersByTime(1000);
    expect(model.getRingOut(ALEX, ro.id)?.status).toEqual({
      callStatus: 'InProgress',
      callerStatus: 'Success',
      calleeStatus: 'InProgress',
    });
    jest.advanceTimersByTime(1000);
    expect(model.getRingOut(ALEX, ro.id)?.status.callStatus).toBe('Success');
    expect(model.getPresence(ALEX).telephonyStatus).toBe('CallConnected');
    expect(model.cancelRingOut(ALEX, ro.id)).toBe(true);
    expect(model.getRingOut(ALEX, ro.id)).toBeUndefined();
    expect(model.listCallLog(ALEX)[0]).toMatchObject({ action: 'RingOut Web', result: 'Call connected' });

    const unreachable = model.createRingOut({ extensionId: ALEX, from: '101', to: '+15555550000' });
    jest.advanceTimersByTime(2000);
    // The documented status values (RingOutStatusInfo): the callee did not answer.
    expect(model.getRingOut(ALEX, unreachable.id)?.status).toEqual({
      callStatus: 'NoAnswer',
      callerStatus: 'Success',
      calleeStatus: 'NoAnswer',
    });
    model.dispose();
  });

  it('manual RingOuts wait for each leg to be picked up: own phone, then the callee; reset makes them automatic again', () => {
    const { model } = makeModel();
    model.setRingOutManual(true);
    const ro = model.createRingOut({ extensionId: ALEX, from: '+16505550177', to: '+16505550101' });
    jest.advanceTimersByTime(10_000);
    expect(model.getRingOut(ALEX, ro.id)?.status).toEqual({
      callStatus: 'InProgress',
      callerStatus: 'InProgress',
      calleeStatus: 'InProgress',
    });
    expect(model.listRingOuts(ALEX).map((r) => r.id)).toEqual([ro.id]);
    model.progressRingOut(ro.id);
    expect(model.getRingOut(ALEX, ro.id)?.status.callerStatus).toBe('Success');
    const tsid = model.getRingOut(ALEX, ro.id)!.telephonySessionId!;
    expect(model.getSession(tsid)?.parties.find((p) => p.extensionId === ALEX)?.status.code).toBe('Answered');
    jest.advanceTimersByTime(10_000);
    expect(model.getRingOut(ALEX, ro.id)?.status.calleeStatus).toBe('InProgress');
    model.progressRingOut(ro.id);
    expect(model.getRingOut(ALEX, ro.id)?.status).toEqual({
      callStatus: 'Success',
      callerStatus: 'Success',
      calleeStatus: 'Success',
    });
    expect(() => model.progressRingOut(ro.id)).toThrow(/no further step/);
    expect(() => model.progressRingOut('nope')).toThrow(/not found/);

    model.reset();
    const auto = model.createRingOut({ extensionId: ALEX, from: '+16505550177', to: '+16505550101' });
    jest.advanceTimersByTime(2000);
    expect(model.getRingOut(ALEX, auto.id)?.status.callStatus).toBe('Success');
    model.dispose();
  });

  it('Call Control on the agent party of a RingOut: hold, mute, blind transfer; hang-up ends it and the RingOut reads Finished', () => {
    const { model } = makeModel();
    const ro = model.createRingOut({ extensionId: ALEX, from: '+16505550177', to: '+16505550101' });
    jest.advanceTimersByTime(1000);
    const tsid = model.getRingOut(ALEX, ro.id)!.telephonySessionId!;
    const own = () => model.getSession(tsid)!.parties.find((p) => p.extensionId === ALEX)!;
    jest.advanceTimersByTime(1000);
    model.controlRingOutParty(tsid, own().id, { kind: 'hold', held: true });
    expect(own().status.code).toBe('Hold');
    model.controlRingOutParty(tsid, own().id, { kind: 'hold', held: false });
    model.controlRingOutParty(tsid, own().id, { kind: 'mute', muted: true });
    expect(own()).toMatchObject({ muted: true, status: { code: 'Answered' } });
    expect(() => model.controlRingOutParty(tsid, own().id, { kind: 'transfer', to: '12' })).toThrow(
      /Unknown transfer target/,
    );
    model.controlRingOutParty(tsid, own().id, { kind: 'transfer', to: '102' });
    expect(own().status).toEqual({ code: 'Disconnected', reason: 'BlindTransfer' });
    expect(model.getSession(tsid)!.parties.some((p) => p.extensionId === SAM)).toBe(true);
    expect(() => model.controlRingOutParty(tsid, own().id, { kind: 'hold', held: true })).toThrow(
      expect.objectContaining({ status: 409 }),
    );

    const second = model.createRingOut({ extensionId: ALEX, from: '+16505550177', to: '+16505550101' });
    jest.advanceTimersByTime(2000);
    const tsid2 = model.getRingOut(ALEX, second.id)!.telephonySessionId!;
    const party2 = model.getSession(tsid2)!.parties.find((p) => p.extensionId === ALEX)!;
    model.controlRingOutParty(tsid2, party2.id, { kind: 'hangup' });
    expect(model.getSession(tsid2)!.state).toBe('Ended');
    expect(model.getRingOut(ALEX, second.id)?.status).toEqual({
      callStatus: 'Finished',
      callerStatus: 'Finished',
      calleeStatus: 'Finished',
    });
    model.dispose();
  });
});
