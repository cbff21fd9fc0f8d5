import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import {
  TELEPHONY_EVENT_TYPES,
  type TelephonyEventMap,
  type TelephonyStatus,
} from '../../../core/ports/telephony-port';
import { FakeApi } from '../../__tests__/support/fake-api';
import { flush, ManualClock } from '../../__tests__/support/fake-clock';
import { FakeWebPhone, sipMessage } from '../../__tests__/support/fake-web-phone';
import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import { INSTANCE_ID_KEY } from '../instance-id';
import type { MicrophoneCheckResult } from '../microphone-check';
import { RingCentralTelephony, type RingCentralTelephonyOptions } from '../ringcentral-telephony';
import type { Ringtone } from '../ringtone';

const SIP_INFO = {
  username: '16505550100',
  password: 'sip-alex-101',
  authorizationId: '802264101',
  domain: 'sip.ringcentral.com',
  outboundProxy: '127.0.0.1:8443/sip',
  outboundProxyBackup: '127.0.0.1:8443/sip',
  stunServers: [],
  transport: 'WSS',
};

const P_RC =
  '<Msg><Hdr SID="35291201" Req="{A1}" From="#35291201@sip.ringcentral.com:5060" To="16505550100" Cmd="6"/>' +
  '<Bdy SrvLvl="-149699523" Phn="+16505550199" Nm="WIRELESS &amp; CO" ToPhn="+16505550100" ToNm="Alex Agent"/></Msg>';

type Recorded = { [K in keyof TelephonyEventMap]: { type: K; event: TelephonyEventMap[K] } }[keyof TelephonyEventMap];

function setup(
  options: {
    microphone?: MicrophoneCheckResult;
    provision?: () => unknown;
    configurePhone?: (phone: FakeWebPhone) => void;
    extra?: Partial<RingCentralTelephonyOptions>;
  } = {},
) {
  const api = new FakeApi()
    .on('POST', '/restapi/v1.0/client-info/sip-provision', options.provision ?? (() => ({ sipInfo: [SIP_INFO] })))
    .on('GET', '/restapi/v1.0/account/~/extension/~/phone-number', () => ({
      records: [
        { phoneNumber: '+16505550100', usageType: 'DirectNumber', primary: true, features: ['CallerId', 'SmsSender'] },
        { phoneNumber: '+16505550999', usageType: 'MainCompanyNumber', features: ['SmsSender'] },
        { phoneNumber: '+16505550120', usageType: 'DirectNumber', label: 'Support', features: ['CallerId'] },
      ],
    }));
  const clock = new ManualClock();
  const phones: FakeWebPhone[] = [];
  const ringtone: Ringtone & { starts: number; stops: number } = {
    starts: 0,
    stops: 0,
    start() {
      ringtone.starts++;
    },
    stop() {
      ringtone.stops++;
    },
  };
  const store = new MemoryKeyValueStore();
  const telephony = new RingCentralTelephony({
    api,
    store,
    clock,
    ringtone,
    unloadTarget: null,
    reconnectDelay: (n) => 1000 * n,
    checkMicrophone: async () => options.microphone ?? { ok: true },
    webPhoneFactory: (o) => {
      const phone = new FakeWebPhone(o);
      options.configurePhone?.(phone);
      phones.push(phone);
      return phone;
    },
    ...options.extra,
  });
  const events: Recorded[] = [];
  for (const type of TELEPHONY_EVENT_TYPES) {
    telephony.on(type, (event) => events.push({ type, event } as Recorded));
  }
  const ofType = <K extends keyof TelephonyEventMap>(type: K): TelephonyEventMap[K][] =>
    events.filter((e) => e.type === type).map((e) => e.event as TelephonyEventMap[K]);
  const phone = (): FakeWebPhone => {
    const last = phones[phones.length - 1];
    if (!last) throw new Error('no web phone created');
    return last;
  };
  return { api, clock, phones, phone, ringtone, store, telephony, events, ofType };
}

async function registered() {
  const ctx = setup();
  await ctx.telephony.start();
  expect(ctx.telephony.status).toEqual({ state: 'registered' });
  return ctx;
}

function ringInbound(phone: FakeWebPhone, callId = 'call-in-1') {
  return phone.ring(callId, {
    'p-rc-api-ids': 'party-id=p-a1b2c3-2;session-id=s-a1b2c3',
    'P-rc': P_RC,
  });
}

describe('RingCentralTelephony start and registration', () => {
  it('provisions WSS credentials and creates the web phone with a stable instance id, no auto answer', async () => {
    const ctx = await registered();
    expect(ctx.api.callsTo('POST', '/restapi/v1.0/client-info/sip-provision')[0]?.body).toEqual({
      sipInfo: [{ transport: 'WSS' }],
    });
    const options = ctx.phone().options;
    expect(options.sipInfo.authorizationId).toBe('802264101');
    expect(options.autoAnswer).toBe(false);
    expect(options.debug).toBe(false);
    expect(options.instanceId).toBe(ctx.store.get(INSTANCE_ID_KEY));
    expect(ctx.ofType('status')).toEqual([{ state: 'starting' }, { state: 'registered' }]);
  });

  it('does not register when the microphone is unusable and says how to fix it', async () => {
    const ctx = setup({
      microphone: { ok: false, reason: 'microphone-blocked', detail: 'iframe allow="microphone" missing' },
    });
    await ctx.telephony.start();
    expect(ctx.telephony.status).toEqual({
      state: 'unavailable',
      reason: 'microphone-blocked',
      detail: 'iframe allow="microphone" missing',
    });
    expect(ctx.phones).toHaveLength(0);
    expect(ctx.api.calls).toHaveLength(0);
  });

  it('maps a 603 on REGISTER to too-many-registrations without retrying', async () => {
    const ctx = setup({
      configurePhone: (p) => {
        p.startResult = async () => {
          throw new Error('Registration failed: SIP/2.0 603 Too Many Contacts');
        };
      },
    });
    await ctx.telephony.start();
    const status = ctx.telephony.status as Extract<TelephonyStatus, { state: 'unavailable' }>;
    expect(status.reason).toBe('too-many-registrations');
    expect(status.detail).toMatch(/5 web phones/);
    await ctx.clock.advance(60_000);
    expect(ctx.phones).toHaveLength(1);
  });

  it('treats a refused sip-provision (403) as registration-failed and a 503 as network with retry', async () => {
    const refused = setup({
      provision: () => {
        throw new RingCentralApiError(
          'In order to call this API endpoint, user needs to have [VoipCalling] permission',
          403,
          'CMN-408',
        );
      },
    });
    await refused.telephony.start();
    expect(refused.telephony.status).toMatchObject({ state: 'unavailable', reason: 'registration-failed' });

    let failures = 1;
    const flaky = setup({
      provision: () => {
        if (failures-- > 0) throw new RingCentralApiError('Service Unavailable', 503);
        return { sipInfo: [SIP_INFO] };
      },
    });
    await flaky.telephony.start();
    expect(flaky.telephony.status).toMatchObject({ state: 'unavailable', reason: 'network' });
    await flaky.clock.advance(999);
    expect(flaky.phones).toHaveLength(0);
    await flaky.clock.advance(1);
    expect(flaky.telephony.status).toEqual({ state: 'registered' });
  });

  it('treats a REGISTER that never answers as a network failure', async () => {
    const ctx = setup({
      configurePhone: (p) => {
        p.startResult = () => new Promise(() => undefined);
      },
      extra: { registerTimeoutMs: 5000, reconnectDelay: () => 60_000 },
    });
    const started = ctx.telephony.start();
    await ctx.clock.advance(5000);
    await started;
    expect(ctx.telephony.status).toMatchObject({ state: 'unavailable', reason: 'network' });
    expect(ctx.phone().sipClient.disposed).toBe(1);
  });

  it('re-registers with backoff after the socket drops; calls in progress end as lost', async () => {
    const ctx = await registered();
    const first = ctx.phone();
    ringInbound(first);
    first.sipClient.wsc?.drop();
    expect(ctx.telephony.status).toMatchObject({ state: 'unavailable', reason: 'network' });
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-in-1', reason: 'lost' }]);
    expect(first.sipClient.disposed).toBe(1);
    await ctx.clock.advance(1000);
    expect(ctx.phones).toHaveLength(2);
    expect(ctx.telephony.status).toEqual({ state: 'registered' });
    expect(ctx.phone().options.instanceId).toBe(first.options.instanceId);
    expect(ctx.api.callsTo('POST', '/restapi/v1.0/client-info/sip-provision')).toHaveLength(2);
  });

  it('dispose unregisters, stops reconnecting and reports logged-out', async () => {
    const ctx = await registered();
    await ctx.telephony.dispose();
    expect(ctx.phone().disposed).toBe(1);
    expect(ctx.telephony.status).toEqual({ state: 'unavailable', reason: 'logged-out' });
    ctx.phone().sipClient.wsc?.drop();
    await ctx.clock.advance(60_000);
    expect(ctx.phones).toHaveLength(1);
  });

  it('pagehide sends BYE for connected calls and unregisters synchronously', async () => {
    const target = new EventTarget();
    const ctx = setup({ extra: { unloadTarget: target } });
    await ctx.telephony.start();
    const session = ringInbound(ctx.phone());
    await ctx.telephony.answer('call-in-1');
    target.dispatchEvent(new Event('pagehide'));
    expect(session.actions).toEqual(['answer', 'hangup']);
    expect(ctx.phone().sipClient.disposed).toBe(1);
  });
});

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
        telephonySessionId: 's-a1b2c3',
        sessionId: '35291201',
        partyId: 'p-a1b2c3-2',
      },
    ]);
    expect(ctx.ringtone.starts).toBe(1);
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
        recordingUrl: '/restapi/v1.0/account/~/recording/rec-1/content',
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

describe('RingCentralTelephony RingOut', () => {
  it('creates a RingOut, polls until connected, then hangs up with DELETE', async () => {
    const ctx = await registered();
    const statuses = [
      { callStatus: 'InProgress', callerStatus: 'Success', calleeStatus: 'InProgress' },
      { callStatus: 'Success', callerStatus: 'Success', calleeStatus: 'Success' },
    ];
    ctx.api
      .on('POST', '/restapi/v1.0/account/~/extension/~/ring-out', () => ({
        id: 7000001,
        status: { callStatus: 'InProgress' },
      }))
      .on('GET', '/restapi/v1.0/account/~/extension/~/ring-out/7000001', () => ({
        id: '7000001',
        status: statuses.shift() ?? { callStatus: 'Success', calleeStatus: 'Success' },
      }))
      .on('DELETE', '/restapi/v1.0/account/~/extension/~/ring-out/7000001', () => undefined);
    const { callId } = await ctx.telephony.call('+16505550101', {
      via: 'ringout',
      ringOutFrom: '+16505550177',
      callerId: '+16505550100',
    });
    expect(callId).toBe('ringout-7000001');
    expect(ctx.api.callsTo('POST', '/restapi/v1.0/account/~/extension/~/ring-out')[0]?.body).toEqual({
      from: { phoneNumber: '+16505550177' },
      to: { phoneNumber: '+16505550101' },
      callerId: { phoneNumber: '+16505550100' },
      playPrompt: false,
    });
    expect(ctx.ofType('dialing')).toMatchObject([
      { callId, remoteNumber: '+16505550101', localNumber: '+16505550177' },
    ]);
    await ctx.clock.advance(1000);
    expect(ctx.ofType('answered')).toEqual([]);
    await ctx.clock.advance(1000);
    expect(ctx.ofType('answered')).toEqual([{ callId }]);
    await expect(ctx.telephony.hold(callId, true)).rejects.toThrow(/RingOut/);
    await ctx.telephony.hangup(callId);
    expect(ctx.ofType('ended')).toEqual([{ callId, reason: 'hangup' }]);
    const polls = ctx.api.calls.length;
    await ctx.clock.advance(5000);
    expect(ctx.api.calls.length).toBe(polls);
  });

  it('a busy callee ends the RingOut as busy; a vanished RingOut (404) after the answer as remote-hangup', async () => {
    const ctx = await registered();
    let next: () => unknown = () => ({ status: { callStatus: 'Busy', callerStatus: 'Success', calleeStatus: 'Busy' } });
    ctx.api
      .on('POST', '/restapi/v1.0/account/~/extension/~/ring-out', () => ({ id: '1' }))
      .on('GET', /\/ring-out\/1$/, () => next());
    const first = await ctx.telephony.call('+16505550101', { via: 'ringout', ringOutFrom: '+16505550177' });
    await ctx.clock.advance(1000);
    expect(ctx.ofType('ended')).toEqual([{ callId: first.callId, reason: 'busy' }]);

    next = () => ({ status: { callStatus: 'Success', calleeStatus: 'Success' } });
    ctx.api.on('POST', '/restapi/v1.0/account/~/extension/~/ring-out', () => ({ id: '2' }));
    ctx.api.on('GET', /\/ring-out\/2$/, () => next());
    const second = await ctx.telephony.call('+16505550101', { via: 'ringout', ringOutFrom: '+16505550177' });
    await ctx.clock.advance(1000);
    next = () => {
      throw new RingCentralApiError('Resource for parameter [ringoutId] is not found', 404, 'CMN-102');
    };
    await ctx.clock.advance(1000);
    expect(ctx.ofType('ended')[1]).toEqual({ callId: second.callId, reason: 'remote-hangup' });
  });

  it('needs the number to ring first', async () => {
    const ctx = await registered();
    await expect(ctx.telephony.call('+16505550101', { via: 'ringout' })).rejects.toThrow(/ringOutFrom/);
  });
});
