import { flush } from '../../__tests__/support/fake-clock';
import { reasonOf } from '../../../core/engine/notices';
import { installLabels } from '../../../ui/labels';
import { ENGLISH_LABELS } from '../../../ui/labels.generated';
import { errorText } from '../../../ui/view-format';
import { sipMessage } from '../../__tests__/support/fake-web-phone';
import { registered, ringInbound, setup } from '../../__tests__/support/telephony-fixture';

// The web-phone calls part (WebPhoneCalls, recording, Ringer) through the RingCentralTelephony facade.

describe('RingCentralTelephony inbound calls', () => {
  it('reports ringing with caller number and caller-ID name from P-rc and ids from p-rc-api-ids', async () => {
    const ctx = await registered();
    ringInbound(ctx.phone());
    expect(ctx.ofType('ringing')).toEqual([
      {
        callId: 'call-in-1',
        remoteNumber: '+16505550199',
        remoteName: 'WIRELESS & CO',
        localNumber: '+16505550100',
        localName: 'Alex Agent',
        queueName: null,
        telephonySessionId: 's-a1b2c3',
        sessionId: '35291201',
        partyId: 'p-a1b2c3-2',
      },
    ]);
    expect(ctx.ringtone.starts).toBe(1);
  });

  it('reports ringing before the ringtone starts (the lookup leaves first), in the same task', async () => {
    const ctx = await registered();
    const startsAtEvent: number[] = [];
    ctx.telephony.on('ringing', () => startsAtEvent.push(ctx.ringtone.starts));
    ringInbound(ctx.phone());
    expect(startsAtEvent).toEqual([0]);
    expect(ctx.ringtone.starts).toBe(1);
  });

  it('does not ring for a call a ringing listener already sent to voicemail (busy)', async () => {
    const ctx = await registered();
    ctx.telephony.on('ringing', ({ callId }) => void ctx.telephony.toVoicemail(callId));
    const session = ringInbound(ctx.phone());
    expect(session.actions).toEqual(['toVoicemail']);
    expect(ctx.ringtone.starts).toBe(0);
  });

  it('reports the call queue a call came through (p-rc-api-call-info queueName)', async () => {
    const ctx = await registered();
    ctx.phone().ring('call-q-1', {
      'p-rc-api-ids': 'party-id=p-a1b2c3-3;session-id=s-a1b2c3',
      'p-rc-api-call-info': 'callAttributes=reject,send-vm;queueName=Gold Queue;inDID=+16505550130',
    });
    expect(ctx.ofType('ringing')[0]).toMatchObject({ callId: 'call-q-1', queueName: 'Gold Queue' });
  });

  it('falls back to the SIP From number when there is no P-rc header', async () => {
    const ctx = await registered();
    ctx.phone().ring('c2', {}, '<sip:+16505550103@sip.ringcentral.com>;tag=x');
    expect(ctx.ofType('ringing')[0]).toMatchObject({ remoteNumber: '+16505550103', remoteName: null, sessionId: null });
  });

  it('answer → answered; remote BYE → remote-hangup', async () => {
    const ctx = await registered();
    const session = ringInbound(ctx.phone());
    await ctx.telephony.answer('call-in-1');
    expect(ctx.ofType('answered')).toEqual([{ callId: 'call-in-1' }]);
    expect(ctx.ringtone.stops).toBeGreaterThan(0);
    session.dispose();
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-in-1', reason: 'remote-hangup' }]);
  });

  it('agent hangup → hangup', async () => {
    const ctx = await registered();
    const session = ringInbound(ctx.phone());
    await ctx.telephony.answer('call-in-1');
    await ctx.telephony.hangup('call-in-1');
    expect(session.actions).toContain('hangup');
    session.dispose();
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-in-1', reason: 'hangup' }]);
  });

  it.each([
    ['decline', 'decline', 'declined'],
    ['toVoicemail', 'toVoicemail', 'voicemail'],
  ] as const)('%s sends the x-rc/agent command and ends as %s', async (method, action, reason) => {
    const ctx = await registered();
    const session = ringInbound(ctx.phone());
    await ctx.telephony[method]('call-in-1');
    expect(session.actions).toEqual([action]);
    session.dispose(); // the server's CANCEL
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-in-1', reason }]);
  });

  it('a second call during an answered one gets the call-waiting tone; the ring takes over when the first ends', async () => {
    const ctx = await registered();
    const first = ringInbound(ctx.phone());
    await ctx.telephony.answer('call-in-1');
    ctx.phone().ring('call-in-2', { 'p-rc-api-ids': 'party-id=p-second-1;session-id=s-second' });
    expect(ctx.ofType('ringing').map((e) => e.callId)).toEqual(['call-in-1', 'call-in-2']);
    expect([ctx.ringtone.starts, ctx.waitingTone.starts]).toEqual([1, 1]);
    first.dispose(); // the caller of the call in progress hangs up
    expect([ctx.ringtone.starts, ctx.waitingTone.stops]).toEqual([2, 1]);
  });

  it('ignore (call waiting) stops the call-waiting tone and sends nothing; the call never alerts here again and ends as missed', async () => {
    const ctx = await registered();
    const first = ringInbound(ctx.phone());
    await ctx.telephony.answer('call-in-1');
    const second = ctx.phone().ring('call-in-2', { 'p-rc-api-ids': 'party-id=p-second-1;session-id=s-second' });
    expect([ctx.waitingTone.starts, ctx.waitingTone.stops]).toEqual([1, 0]);

    await ctx.telephony.ignore('call-in-2');
    expect([ctx.waitingTone.starts, ctx.waitingTone.stops]).toEqual([1, 1]);
    expect(second.actions).toEqual([]); // it rings on for the platform

    // A third caller still gets the call-waiting tone; ignoring it too silences it again.
    ctx.phone().ring('call-in-3', { 'p-rc-api-ids': 'party-id=p-third-1;session-id=s-third' });
    expect(ctx.waitingTone.starts).toBe(2);
    await ctx.telephony.ignore('call-in-3');
    expect(ctx.waitingTone.stops).toBe(2);

    // The call in progress ends while the ignored ones still ring: no ring takes over.
    const ringsBefore = ctx.ringtone.starts;
    first.dispose();
    expect([ctx.ringtone.starts, ctx.waitingTone.starts]).toEqual([ringsBefore, 2]);
    second.dispose(); // the caller gives up (or the platform takes it to voicemail)
    expect(ctx.ofType('ended')).toContainEqual({ callId: 'call-in-2', reason: 'missed' });
  });

  it('ignore refuses an answered or unknown call', async () => {
    const ctx = await registered();
    ringInbound(ctx.phone());
    await ctx.telephony.answer('call-in-1');
    await expect(ctx.telephony.ignore('call-in-1')).rejects.toThrow('already answered');
    await expect(ctx.telephony.ignore('nope')).rejects.toThrow('Unknown or ended call');
  });

  it("the web phone's refusals carry a reason code the UI words in the agent's language (ADR 0032)", async () => {
    const ctx = await registered();
    ringInbound(ctx.phone());
    await ctx.telephony.answer('call-in-1');
    const refusal = await ctx.telephony.ignore('call-in-1').catch((error: unknown) => error);
    expect(reasonOf(refusal)).toMatchObject({ code: 'CALL_ALREADY_ANSWERED', message: 'The call is already answered' });
    const gone = await ctx.telephony.ignore('nope').catch((error: unknown) => error);
    expect(reasonOf(gone).code).toBe('CALL_GONE');
    installLabels({ ...ENGLISH_LABELS, Reason_CALL_ALREADY_ANSWERED: "l'appel est déjà pris" });
    try {
      expect(errorText(refusal)).toBe("L'appel est déjà pris");
    } finally {
      installLabels(ENGLISH_LABELS);
    }
  });

  it('hanging up a ringing inbound call declines it', async () => {
    const ctx = await registered();
    const session = ringInbound(ctx.phone());
    await ctx.telephony.hangup('call-in-1');
    expect(session.actions).toEqual(['decline']);
  });

  it('caller gives up → missed; answered on another device (MESSAGE Cmd 7) → answered-elsewhere', async () => {
    const ctx = await registered();
    const missed = ringInbound(ctx.phone(), 'm1');
    missed.dispose();
    const queued = ringInbound(ctx.phone(), 'q1');
    queued.emit(
      'inboundMessage',
      sipMessage(
        'MESSAGE sip:802264101@sip.ringcentral.com SIP/2.0',
        {},
        '<Msg><Hdr Cmd="7"/><Bdy Cln="802264101"/></Msg>',
      ),
    );
    queued.dispose();
    expect(ctx.ofType('ended')).toEqual([
      { callId: 'm1', reason: 'missed' },
      { callId: 'q1', reason: 'answered-elsewhere' },
    ]);
    expect(ctx.ringtone.stops).toBeGreaterThanOrEqual(2);
  });

  it('ringer off: no ringtone', async () => {
    const ctx = await registered();
    ctx.telephony.setRingerEnabled(false);
    ringInbound(ctx.phone());
    expect(ctx.ringtone.starts).toBe(0);
  });

  it('a failed decline keeps the call and its end reason open', async () => {
    const ctx = await registered();
    const session = ringInbound(ctx.phone());
    session.decline = async () => {
      throw new Error('socket closed');
    };
    await expect(ctx.telephony.decline('call-in-1')).rejects.toThrow('socket closed');
    session.dispose();
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-in-1', reason: 'missed' }]);
  });

  it('a decline the platform never confirms times out and leaves the call ringing', async () => {
    const ctx = await registered();
    const session = ringInbound(ctx.phone());
    session.decline = () => new Promise(() => undefined);
    const pending = ctx.telephony.decline('call-in-1');
    const assertion = expect(pending).rejects.toThrow(/did not confirm/);
    await ctx.clock.advance(10_000);
    await assertion;
    session.dispose();
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-in-1', reason: 'missed' }]);
  });

  it('mute needs a connected call', async () => {
    const ctx = await registered();
    ringInbound(ctx.phone());
    await expect(ctx.telephony.mute('call-in-1', true)).rejects.toThrow(/connected/);
  });

  it('refuses to answer an unknown call', async () => {
    const ctx = await registered();
    await expect(ctx.telephony.answer('nope')).rejects.toThrow(/Unknown or ended call/);
  });
});

describe('RingCentralTelephony in-call controls', () => {
  async function connected() {
    const ctx = await registered();
    const session = ringInbound(ctx.phone());
    await ctx.telephony.answer('call-in-1');
    session.actions.length = 0;
    return { ...ctx, session };
  }

  it('hold/unhold and mute/unmute call the session and publish events', async () => {
    const ctx = await connected();
    await ctx.telephony.hold('call-in-1', true);
    await ctx.telephony.hold('call-in-1', false);
    await ctx.telephony.mute('call-in-1', true);
    await ctx.telephony.mute('call-in-1', false);
    expect(ctx.session.actions).toEqual(['hold', 'unhold', 'mute', 'unmute']);
    expect(ctx.ofType('held')).toEqual([
      { callId: 'call-in-1', held: true },
      { callId: 'call-in-1', held: false },
    ]);
    expect(ctx.ofType('muted').map((e) => e.muted)).toEqual([true, false]);
  });

  it('DTMF validates digits', async () => {
    const ctx = await connected();
    await ctx.telephony.sendDtmf('call-in-1', '12#*');
    await expect(ctx.telephony.sendDtmf('call-in-1', '12x')).rejects.toThrow(/Invalid DTMF/);
    expect(ctx.session.actions).toEqual(['dtmf:12#*']);
  });

  it('blind transfer ends the call as transferred; a timed-out REFER leaves it connected', async () => {
    const ctx = await connected();
    ctx.session.transferError = new Error('REFER timed out');
    await expect(ctx.telephony.transfer('call-in-1', '102')).rejects.toThrow('REFER timed out');
    ctx.session.transferError = null;
    await ctx.telephony.transfer('call-in-1', '102');
    ctx.session.dispose();
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-in-1', reason: 'transferred' }]);
  });

  it('warm transfer: hold, consult call (dialing), complete with Replaces, both end as transferred', async () => {
    const ctx = await connected();
    const { consultCallId } = await ctx.telephony.warmTransfer('call-in-1', '102');
    expect(ctx.session.actions).toEqual(['hold']);
    expect(ctx.ofType('dialing')).toMatchObject([{ callId: consultCallId, remoteNumber: '102' }]);
    const consult = ctx.phone().callSessions.find((s) => s.callId === consultCallId);
    if (!consult) throw new Error('consult session missing');
    await expect(ctx.telephony.completeWarmTransfer('call-in-1', consultCallId)).rejects.toThrow(/not answered/);
    consult.emit('answered');
    await ctx.telephony.completeWarmTransfer('call-in-1', consultCallId);
    expect(ctx.session.actions).toContain(`complete:${consultCallId}`);
    ctx.session.dispose();
    consult.dispose();
    expect(ctx.ofType('ended')).toEqual([
      { callId: 'call-in-1', reason: 'transferred' },
      { callId: consultCallId, reason: 'transferred' },
    ]);
  });

  it('recording start/stop publishes the recording id and content link; a refusal rejects', async () => {
    const ctx = await connected();
    await ctx.telephony.startRecording('call-in-1');
    await ctx.telephony.stopRecording('call-in-1');
    expect(ctx.ofType('recording')).toEqual([
      {
        callId: 'call-in-1',
        active: true,
        recordingId: 'rec-1',
        recordingUrl: 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/rec-1/content',
      },
      { callId: 'call-in-1', active: false, recordingId: null, recordingUrl: null },
    ]);
    ctx.session.recordingResult = { code: 2, description: 'Recording is disabled' };
    await expect(ctx.telephony.startRecording('call-in-1')).rejects.toThrow('Recording is disabled');
  });

  it('recording request without an answer times out', async () => {
    const ctx = await connected();
    ctx.session.startRecording = () => new Promise(() => undefined);
    const pending = ctx.telephony.startRecording('call-in-1');
    const assertion = expect(pending).rejects.toThrow(/did not answer/);
    await ctx.clock.advance(10_000);
    await assertion;
  });
});

describe('RingCentralTelephony outbound calls', () => {
  it('resolves when the INVITE is sent, with dialing then identified (183) then answered', async () => {
    const ctx = await registered();
    const { callId } = await ctx.telephony.call('+16505550101', { callerId: '+16505550120' });
    expect(ctx.ofType('dialing')).toEqual([
      {
        callId,
        remoteNumber: '+16505550101',
        localNumber: '+16505550120',
        telephonySessionId: null,
        sessionId: null,
        partyId: null,
      },
    ]);
    const session = ctx.phone().callSessions[0];
    if (!session) throw new Error('no session');
    session.sipMessage = sipMessage('SIP/2.0 183 Session Progress', {
      'p-rc-api-ids': 'party-id=p-ffee01-1;session-id=s-ffee01',
    });
    session.remotePeer = '<sip:+16505550101@sip.ringcentral.com>;tag=t';
    session.emit('ringing');
    expect(ctx.ofType('identified')).toEqual([{ callId, telephonySessionId: 's-ffee01', partyId: 'p-ffee01-1' }]);
    session.emit('answered');
    session.dispose();
    expect(ctx.ofType('ended')).toEqual([{ callId, reason: 'remote-hangup' }]);
  });

  it.each([
    ['SIP/2.0 486 Busy Here', 'busy'],
    ['SIP/2.0 480 Temporarily Unavailable', 'no-answer'],
    ['SIP/2.0 404 Not Found', 'failed'],
  ] as const)('final response %s ends the call as %s', async (subject, reason) => {
    const ctx = await registered();
    const { callId } = await ctx.telephony.call('+16505550101', {});
    const session = ctx.phone().callSessions[0];
    session?.emit('failed', subject);
    session?.dispose();
    expect(ctx.ofType('ended')).toEqual([{ callId, reason }]);
  });

  it('hanging up before the answer cancels (after the 183 when it has not arrived yet)', async () => {
    const ctx = await registered();
    const { callId } = await ctx.telephony.call('+16505550101', {});
    const session = ctx.phone().callSessions[0];
    if (!session) throw new Error('no session');
    await ctx.telephony.hangup(callId);
    expect(session.actions).toEqual([]);
    session.remotePeer = '<sip:+16505550101@sip.ringcentral.com>;tag=t';
    session.emit('ringing');
    expect(session.actions).toEqual(['cancel']);
    session.emit('failed', 'SIP/2.0 487 Request Terminated');
    session.dispose();
    expect(ctx.ofType('ended')).toEqual([{ callId, reason: 'cancelled' }]);
  });

  it('announces dialing in the task after the one that sent the INVITE (the INVITE leaves when its task ends)', async () => {
    const ctx = await registered();
    let invited = false;
    ctx.phone().sipClient.on('outboundMessage', (message) => {
      if (message.subject.startsWith('INVITE ')) invited = true;
    });
    const placing = ctx.telephony.call('+16505550101', {});
    await flush(); // every microtask of the INVITE's task
    expect(invited).toBe(true);
    expect(ctx.ofType('dialing')).toEqual([]);
    const { callId } = await placing;
    expect(ctx.ofType('dialing').map((e) => e.callId)).toEqual([callId]);
  });

  it('an event of the call before that task announces dialing first (dialing, then ended)', async () => {
    const ctx = await registered();
    const placing = ctx.telephony.call('+16505550101', {});
    await flush();
    const session = ctx.phone().callSessions[0];
    session?.emit('failed', 'SIP/2.0 486 Busy Here');
    session?.dispose();
    const { callId } = await placing;
    expect(ctx.events.map((e) => e.type).filter((t) => t === 'dialing' || t === 'ended')).toEqual(['dialing', 'ended']);
    expect(ctx.ofType('ended')).toEqual([{ callId, reason: 'busy' }]);
  });

  it('a 403 on the INVITE ends the call as failed', async () => {
    const ctx = await registered();
    ctx.phone().outbound = 'forbidden';
    const { callId } = await ctx.telephony.call('+16505550101', {});
    await flush();
    expect(ctx.ofType('ended')).toEqual([{ callId, reason: 'failed' }]);
    expect(ctx.phone().callSessions).toHaveLength(0);
  });

  it('rejects when the web phone fails before the INVITE (e.g. getUserMedia)', async () => {
    const ctx = await registered();
    ctx.phone().outbound = { throws: new Error('NotAllowedError') };
    await expect(ctx.telephony.call('+16505550101', {})).rejects.toThrow('NotAllowedError');
    expect(ctx.ofType('dialing')).toEqual([]);
  });

  it('refuses to call when not registered', async () => {
    const ctx = setup({ microphone: { ok: false, reason: 'no-microphone', detail: 'x' } });
    await ctx.telephony.start();
    await expect(ctx.telephony.call('+16505550101', {})).rejects.toThrow(/not registered/);
  });

  it('lists caller IDs: numbers with the CallerId feature', async () => {
    const ctx = await registered();
    await expect(ctx.telephony.listCallerIds()).resolves.toEqual([
      { phoneNumber: '+16505550100', usageType: 'DirectNumber', primary: true, label: null },
      { phoneNumber: '+16505550120', usageType: 'DirectNumber', primary: false, label: 'Support' },
    ]);
  });
});
