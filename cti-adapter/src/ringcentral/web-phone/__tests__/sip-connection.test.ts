import type { TelephonyStatus } from '../../../core/ports/telephony-port';
import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import { registered, ringInbound, setup, SIP_INFO } from '../../__tests__/support/telephony-fixture';
import type { RtcEnvironment } from '../browser-webrtc-session';
import { INSTANCE_ID_KEY } from '../instance-id';
import { flush } from '../../__tests__/support/fake-clock';
import { FakeSocket, type FakeWebPhone } from '../../__tests__/support/fake-web-phone';

// The registration part (SipConnection) through the RingCentralTelephony facade.

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
    // The provisioning ran in parallel with the check (credentials only); no web phone, no REGISTER.
    expect(ctx.phones).toHaveLength(0);
    expect(ctx.api.calls.map((c) => c.path)).toEqual(['/restapi/v1.0/client-info/sip-provision']);
  });

  it('provisions while the microphone is checked, opens the socket meanwhile, and registers only once both are done', async () => {
    let micDone!: (result: { ok: true }) => void;
    const ctx = setup({ extra: { checkMicrophone: () => new Promise((resolve) => (micDone = resolve)) } });
    const starting = ctx.telephony.start();
    await flush();
    expect(ctx.api.callsTo('POST', '/restapi/v1.0/client-info/sip-provision')).toHaveLength(1);
    // sip-provision answered: the web phone exists and its WebSocket is opening (ADR 0018) — no REGISTER yet.
    expect(ctx.phones).toHaveLength(1);
    expect(ctx.phone().sipClient.steps).toEqual(['preconnect']);
    expect(ctx.telephony.status).toEqual({ state: 'starting' });
    micDone({ ok: true });
    await starting;
    expect(ctx.phones).toHaveLength(1);
    expect(ctx.phone().sipClient.steps).toEqual(['preconnect', 'start']);
    expect(ctx.telephony.status).toEqual({ state: 'registered' });
  });

  it('registers only once what it is told to wait for is there (the number rules: no call rings before its lookup can leave)', async () => {
    let rulesHere!: () => void;
    const ctx = setup({ extra: { beforeRegister: () => new Promise<void>((resolve) => (rulesHere = resolve)) } });
    const starting = ctx.telephony.start();
    await flush();
    expect(ctx.api.callsTo('POST', '/restapi/v1.0/client-info/sip-provision')).toHaveLength(1); // in parallel
    expect(ctx.phone().sipClient.steps).toEqual(['preconnect']);
    // No INVITE can reach a phone that has not registered; its call listeners are attached before REGISTER.
    expect(ctx.phone().starts).toEqual([]);
    rulesHere();
    await starting;
    expect(ctx.phone().sipClient.steps).toEqual(['preconnect', 'start']);
    expect(ctx.telephony.status).toEqual({ state: 'registered' });
    ringInbound(ctx.phone());
    expect(ctx.ofType('ringing')).toHaveLength(1);
  });

  it('a microphone found unusable after sip-provision answered: the opened socket is closed, nothing is sent', async () => {
    let micDone!: (result: { ok: false; reason: 'microphone-denied'; detail: string }) => void;
    const ctx = setup({ extra: { checkMicrophone: () => new Promise((resolve) => (micDone = resolve)) } });
    const starting = ctx.telephony.start();
    await flush();
    const socket = ctx.phone().sipClient.preconnected[0]!;
    expect(socket.readyState).toBe(1);
    micDone({ ok: false, reason: 'microphone-denied', detail: 'Allow the microphone' });
    await starting;
    await flush();
    expect(ctx.telephony.status).toEqual({
      state: 'unavailable',
      reason: 'microphone-denied',
      detail: 'Allow the microphone',
    });
    expect(socket.readyState).toBe(3);
    // No REGISTER, and no REGISTER expires=0 either (the library's dispose would send one).
    expect(ctx.phone().starts).toEqual([]);
    expect(ctx.phone().sipClient.disposed).toBe(0);
    expect(ctx.phones).toHaveLength(1);
  });

  it('a microphone found unusable before sip-provision answered: no web phone, no socket', async () => {
    let provisioned!: () => void;
    const gate = new Promise<void>((resolve) => (provisioned = resolve));
    const ctx = setup({
      microphone: { ok: false, reason: 'no-microphone', detail: 'Plug in a headset' },
      provision: () => gate.then(() => ({ sipInfo: [SIP_INFO] })),
    });
    await ctx.telephony.start();
    expect(ctx.telephony.status).toMatchObject({ state: 'unavailable', reason: 'no-microphone' });
    provisioned();
    await flush();
    expect(ctx.phones).toHaveLength(0);
  });

  it('signed out while the microphone is checked: the opened socket is closed and nothing registers', async () => {
    let micDone!: (result: { ok: true }) => void;
    const ctx = setup({ extra: { checkMicrophone: () => new Promise((resolve) => (micDone = resolve)) } });
    const starting = ctx.telephony.start();
    await flush();
    const socket = ctx.phone().sipClient.preconnected[0]!;
    await ctx.telephony.dispose();
    micDone({ ok: true });
    await starting;
    await flush();
    expect(socket.readyState).toBe(3);
    expect(ctx.phone().starts).toEqual([]);
    expect(ctx.telephony.status).toEqual({ state: 'unavailable', reason: 'logged-out' });
  });

  it('registers anyway when what it waits for fails (a lazy chunk that did not load)', async () => {
    const ctx = setup({ extra: { beforeRegister: () => Promise.reject(new Error('Failed to fetch')) } });
    await ctx.telephony.start();
    expect(ctx.telephony.status).toEqual({ state: 'registered' });
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
    // The reconnect's phone opens its own socket once provisioned, then registers over it.
    expect(ctx.phone().sipClient.steps).toEqual(['preconnect', 'start']);
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

describe('SipConnection media warm-up', () => {
  /** Peer connections whose ICE gathering is complete at once (the pre-gathered offer is ready after start). */
  function instantRtc() {
    const created: { closed: boolean }[] = [];
    const rtc: RtcEnvironment = {
      createPeerConnection: () => {
        const pc = {
          closed: false,
          iceGatheringState: 'complete',
          signalingState: 'stable',
          localDescription: null as { type: string; sdp: string } | null,
          addTransceiver: () => ({}),
          createOffer: async () => ({ type: 'offer', sdp: 'v=0' }),
          setLocalDescription: async (description: { type: string; sdp: string }) => {
            pc.localDescription = description;
            pc.signalingState = 'have-local-offer';
          },
          close: () => {
            pc.closed = true;
          },
        };
        created.push(pc);
        return pc as unknown as RTCPeerConnection;
      },
      getUserMedia: async () => {
        throw new Error('not used');
      },
      createAudioElement: () => null,
    };
    return { rtc, created };
  }

  it('pre-gathers one outbound offer once registered and closes it at sign-out', async () => {
    const { rtc, created } = instantRtc();
    const ctx = setup({ extra: { prewarmOffers: true, rtc } });
    await ctx.telephony.start();
    expect(ctx.telephony.status).toEqual({ state: 'registered' });
    expect(created).toEqual([]); // not in the task that reports the registration
    await new Promise((resolve) => setTimeout(resolve, 0));
    await flush();
    expect(ctx.phone().options.webRtcSessionFactory).toBeInstanceOf(Function);
    expect(created.map((pc) => pc.closed)).toEqual([false]);
    await ctx.telephony.dispose();
    expect(created.map((pc) => pc.closed)).toEqual([true]);
  });
});

describe('RingCentralTelephony on the backup SIP proxy (sip-provision outboundProxyBackup)', () => {
  const WITH_BACKUP = {
    sipInfo: [{ ...SIP_INFO, outboundProxy: '127.0.0.1:8443/sip', outboundProxyBackup: '127.0.0.1:8443/sip-backup' }],
    sipErrorCodes: ['408', '502', '503', '504'],
  };

  /** A telephony whose web phones fail on `down` proxies as `failure` says. */
  function withProxies(failure: (proxy: 'primary' | 'backup', phone: FakeWebPhone) => Promise<void>) {
    const down = new Set<'primary' | 'backup'>();
    const ctx = setup({
      provision: () => WITH_BACKUP,
      configurePhone: (phone) => {
        phone.startResult = (proxy) => (down.has(proxy) ? failure(proxy, phone) : Promise.resolve());
      },
    });
    return { ctx, down };
  }

  it('re-registers on the backup at once when the primary refuses the socket after a drop, ~1 s after the drop', async () => {
    const { ctx, down } = withProxies(() => Promise.reject(new Event('error')));
    await ctx.telephony.start();
    expect(ctx.phone().starts).toEqual(['primary']);
    down.add('primary');
    ctx.phone().sipClient.wsc?.drop();
    expect(ctx.telephony.status).toMatchObject({ state: 'unavailable', reason: 'network' });
    await ctx.clock.advance(1000);
    // One new phone: the primary refused, the same phone switched (the library's toggle) and registered on the backup.
    expect(ctx.phones).toHaveLength(2);
    expect(ctx.phone().starts).toEqual(['primary', 'backup']);
    expect(ctx.phone().sipClient.useBackupOutboundProxy).toBe(true);
    expect(ctx.phone().sipClient.disposed).toBe(0);
    expect(ctx.telephony.status).toEqual({ state: 'registered' });
    expect(ctx.ofType('status').slice(-2)).toEqual([{ state: 'starting' }, { state: 'registered' }]);
  });

  it('goes to the backup when REGISTER gets one of sipErrorCodes (503), not on a refusal of the account (403)', async () => {
    const unavailable = withProxies(() =>
      Promise.reject(new Error('Registration failed: SIP/2.0 503 Service Unavailable')),
    );
    unavailable.down.add('primary');
    await unavailable.ctx.telephony.start();
    expect(unavailable.ctx.phone().starts).toEqual(['primary', 'backup']);
    expect(unavailable.ctx.telephony.status).toEqual({ state: 'registered' });

    const forbidden = withProxies(() => Promise.reject(new Error('Registration failed: SIP/2.0 403 Forbidden')));
    forbidden.down.add('primary');
    await forbidden.ctx.telephony.start();
    expect(forbidden.ctx.phone().starts).toEqual(['primary']);
    expect(forbidden.ctx.telephony.status).toMatchObject({ state: 'unavailable', reason: 'registration-failed' });
  });

  it('goes to the backup when REGISTER on the primary never answers (registerTimeoutMs), closing that socket', async () => {
    let primarySocket: FakeSocket | null = null;
    const { ctx, down } = withProxies((_proxy, phone) => {
      primarySocket = new FakeSocket();
      phone.sipClient.wsc = primarySocket;
      return new Promise(() => undefined);
    });
    down.add('primary');
    const started = ctx.telephony.start();
    await ctx.clock.advance(10_000);
    await started;
    expect(ctx.phone().starts).toEqual(['primary', 'backup']);
    expect(primarySocket!.readyState).toBe(3);
    expect(ctx.telephony.status).toEqual({ state: 'registered' });
  });

  it('with both proxies down: network and backoff, and every new attempt tries the primary first', async () => {
    const { ctx, down } = withProxies(() => Promise.reject(new Event('error')));
    down.add('primary');
    down.add('backup');
    await ctx.telephony.start();
    expect(ctx.phone().starts).toEqual(['primary', 'backup']);
    expect(ctx.phone().sipClient.disposed).toBe(1);
    expect(ctx.telephony.status).toMatchObject({ state: 'unavailable', reason: 'network' });
    down.delete('primary');
    await ctx.clock.advance(1000);
    expect(ctx.phones).toHaveLength(2);
    expect(ctx.phone().starts).toEqual(['primary']);
    expect(ctx.telephony.status).toEqual({ state: 'registered' });
  });

  it('never tries a backup that sip-provision gives as the primary itself', async () => {
    const ctx = setup({
      configurePhone: (phone) => {
        phone.startResult = () => Promise.reject(new Event('error'));
      },
    });
    await ctx.telephony.start();
    expect(ctx.phone().starts).toEqual(['primary']);
    expect(ctx.telephony.status).toMatchObject({ state: 'unavailable', reason: 'network' });
  });
});
