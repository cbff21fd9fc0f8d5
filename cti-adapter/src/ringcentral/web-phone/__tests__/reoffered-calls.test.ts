import { TypedEmitter } from '../../../core/support/typed-emitter';
import { P_RC, setup, SIP_INFO } from '../../__tests__/support/telephony-fixture';
import type { TelephonyParty } from '../../subscriptions/ringcentral-event-types';
import type { RingCentralSubscriptionEventMap } from '../../subscriptions/ringcentral-subscription';

const SESSIONS = '/restapi/v1.0/account/~/telephony/sessions';

/**
 * A call already ringing when the web phone registers (the owner tab closed while it rang, ADR 0028): read from the
 * presence's active calls, offered, answered by Call Control `answer` to this device.
 */
describe('RingCentralTelephony: calls ringing before this web phone registered', () => {
  const ringingCall = {
    id: 'p-abc-2',
    direction: 'Inbound',
    from: '+16505550199',
    fromName: 'WIRELESS CALLER',
    to: '+16505550100',
    telephonyStatus: 'Ringing',
    sessionId: '35291201',
    telephonySessionId: 's-abc',
    partyId: 'p-abc-2',
  };
  const party = (code: string): TelephonyParty => ({
    id: 'p-abc-2',
    extensionId: '62264101',
    direction: 'Inbound',
    status: { code },
  });

  async function started(activeCalls: unknown[] = [ringingCall]) {
    const subscription = new TypedEmitter<RingCentralSubscriptionEventMap>();
    const ctx = setup({
      extra: { events: subscription },
      provision: () => ({ device: { id: '6226410101' }, sipInfo: [SIP_INFO] }),
      presence: () => ({ activeCalls }),
    });
    await ctx.telephony.start();
    await waitFor(() => ctx.api.callsTo('GET', '/restapi/v1.0/account/~/extension/~/presence').length === 1);
    await flush();
    const notify = (code: string) =>
      subscription.emit('telephony', {
        session: { telephonySessionId: 's-abc', origin: { type: 'Call' }, parties: [party(code)] },
        extensionId: '62264101',
        ownParties: [party(code)],
      });
    return { ...ctx, notify };
  }

  it('offers an inbound call ringing at registration, with the caller and the ids, and rings', async () => {
    const ctx = await started([
      ringingCall,
      { ...ringingCall, telephonySessionId: 's-out', partyId: 'p-out-1', direction: 'Outbound' },
      { ...ringingCall, telephonySessionId: 's-conn', partyId: 'p-conn-1', telephonyStatus: 'CallConnected' },
    ]);
    expect(ctx.api.callsTo('GET', '/restapi/v1.0/account/~/extension/~/presence')[0]?.query).toEqual({
      detailedTelephonyState: true,
    });
    expect(ctx.ofType('ringing')).toEqual([
      {
        callId: 'reoffer-s-abc',
        remoteNumber: '+16505550199',
        remoteName: 'WIRELESS CALLER',
        localNumber: '+16505550100',
        localName: null,
        telephonySessionId: 's-abc',
        sessionId: '35291201',
        partyId: 'p-abc-2',
      },
    ]);
    expect(ctx.ringtone.starts).toBe(1);
  });

  it('answer: Call Control answer to this device; the auto-answer INVITE is answered and reported under the same call id', async () => {
    const ctx = await started();
    ctx.api.on('POST', `${SESSIONS}/s-abc/parties/p-abc-2/answer`, () => ({}));
    await ctx.telephony.answer('reoffer-s-abc');
    expect(ctx.api.callsTo('POST', `${SESSIONS}/s-abc/parties/p-abc-2/answer`)[0]?.body).toEqual({
      deviceId: '6226410101',
    });
    expect(ctx.ringtone.stops).toBe(1);
    const offered = ctx.phone().ring('sip-call-2', {
      'p-rc-api-ids': 'party-id=p-abc-2;session-id=s-abc',
      'Alert-Info': 'Auto Answer',
    });
    await flush();
    expect(offered.actions).toEqual(['answer']);
    expect(ctx.ofType('ringing')).toHaveLength(1); // no second ringing
    expect(ctx.ofType('answered')).toEqual([{ callId: 'reoffer-s-abc' }]);
    await ctx.telephony.hold('reoffer-s-abc', true); // controls reach the web phone session under the same id
    expect(offered.actions).toContain('hold');
    offered.emit('disposed');
    expect(ctx.ofType('ended')).toEqual([{ callId: 'reoffer-s-abc', reason: 'remote-hangup' }]);
  });

  it('a refused answer leaves the call ringing here; a later INVITE of that session carries it on (no second offer)', async () => {
    const ctx = await started();
    ctx.api.on('POST', `${SESSIONS}/s-abc/parties/p-abc-2/answer`, () => {
      throw new Error('The party is not ringing');
    });
    await expect(ctx.telephony.answer('reoffer-s-abc')).rejects.toThrow(/not ringing/);
    const invite = ctx
      .phone()
      .ring('sip-call-3', { 'p-rc-api-ids': 'party-id=p-abc-2;session-id=s-abc', 'Alert-Info': 'Auto Answer' });
    expect(ctx.ofType('ringing').map((r) => r.callId)).toEqual(['reoffer-s-abc']);
    expect(ctx.ofType('answered')).toEqual([]);
    expect(invite.actions).toEqual([]); // not answered: no pickup was asked for any more
  });

  describe('RingCentral forks the call to this registration after all (ADR 0028, sixth amendment)', () => {
    const refork = (ctx: Awaited<ReturnType<typeof started>>, callId = 'sip-refork-1') =>
      ctx.phone().ring(callId, { 'p-rc-api-ids': 'party-id=p-abc-2;session-id=s-abc', 'P-rc': P_RC });

    it('the INVITE after the presence read carries the re-offered call on: one offer, one ring, same call id', async () => {
      const ctx = await started();
      refork(ctx);
      await flush();
      expect(ctx.ofType('ringing').map((r) => r.callId)).toEqual(['reoffer-s-abc']);
      expect(ctx.ofType('ended')).toEqual([]);
      expect(ctx.ringtone.starts).toBe(1);
      expect(ctx.ringtone.stops).toBe(0);
    });

    it('answer then goes over SIP, once: no Call Control request; the call is answered under the same id', async () => {
      const ctx = await started();
      const invite = refork(ctx);
      await ctx.telephony.answer('reoffer-s-abc');
      expect(invite.actions).toEqual(['answer']);
      expect(ctx.api.callsTo('POST', `${SESSIONS}/s-abc/parties/p-abc-2/answer`)).toEqual([]);
      expect(ctx.ofType('answered')).toEqual([{ callId: 'reoffer-s-abc' }]);
      invite.emit('disposed');
      expect(ctx.ofType('ended')).toEqual([{ callId: 'reoffer-s-abc', reason: 'remote-hangup' }]);
    });

    it('decline then goes over SIP, once: no Call Control reject; one end, declined', async () => {
      const ctx = await started();
      const invite = refork(ctx);
      await ctx.telephony.decline('reoffer-s-abc');
      invite.emit('disposed');
      expect(invite.actions).toEqual(['decline']);
      expect(ctx.api.callsTo('POST', `${SESSIONS}/s-abc/parties/p-abc-2/reject`)).toEqual([]);
      expect(ctx.ofType('ended')).toEqual([{ callId: 'reoffer-s-abc', reason: 'declined' }]);
    });

    it('the telephony-session events no longer end it: the web phone does', async () => {
      const ctx = await started();
      const invite = refork(ctx);
      ctx.notify('Disconnected');
      expect(ctx.ofType('ended')).toEqual([]);
      invite.emit('disposed');
      expect(ctx.ofType('ended')).toEqual([{ callId: 'reoffer-s-abc', reason: 'missed' }]);
    });

    it("an INVITE before the presence read: the call is the web phone's, not offered again", async () => {
      const subscription = new TypedEmitter<RingCentralSubscriptionEventMap>();
      let read: (() => void) | null = null;
      const ctx = setup({
        extra: { events: subscription },
        provision: () => ({ device: { id: '6226410101' }, sipInfo: [SIP_INFO] }),
        presence: () => new Promise((resolve) => (read = () => resolve({ activeCalls: [ringingCall] }))),
      });
      await ctx.telephony.start();
      await waitFor(() => ctx.api.callsTo('GET', '/restapi/v1.0/account/~/extension/~/presence').length === 1);
      ctx.phone().ring('sip-first', { 'p-rc-api-ids': 'party-id=p-abc-2;session-id=s-abc', 'P-rc': P_RC });
      (read as unknown as () => void)();
      await flush();
      expect(ctx.ofType('ringing').map((r) => r.callId)).toEqual(['sip-first']);
    });

    it('an INVITE arriving while the Call Control answer is in flight is kept unshown; the pickup answers', async () => {
      const ctx = await started();
      let accept: (() => void) | null = null;
      ctx.api.on(
        'POST',
        `${SESSIONS}/s-abc/parties/p-abc-2/answer`,
        () => new Promise<unknown>((resolve) => (accept = () => resolve({}))),
      );
      const answering = ctx.telephony.answer('reoffer-s-abc');
      await flush();
      const plain = refork(ctx);
      const pickup = ctx.phone().ring('sip-pickup', {
        'p-rc-api-ids': 'party-id=p-abc-2;session-id=s-abc',
        'Alert-Info': 'Auto Answer',
      });
      (accept as unknown as () => void)();
      await answering;
      await flush();
      expect(plain.actions).toEqual([]);
      expect(pickup.actions).toEqual(['answer']);
      expect(ctx.ofType('ringing').map((r) => r.callId)).toEqual(['reoffer-s-abc']);
      expect(ctx.ofType('answered')).toEqual([{ callId: 'reoffer-s-abc' }]);
      plain.emit('disposed'); // RingCentral cancels the other offer
      expect(ctx.ofType('ended')).toEqual([]);
    });
  });

  it('decline: Call Control reject, the call ends declined', async () => {
    const ctx = await started();
    ctx.api.on('POST', `${SESSIONS}/s-abc/parties/p-abc-2/reject`, () => ({}));
    await ctx.telephony.decline('reoffer-s-abc');
    expect(ctx.ofType('ended')).toEqual([{ callId: 'reoffer-s-abc', reason: 'declined' }]);
    await expect(ctx.telephony.answer('reoffer-s-abc')).rejects.toThrow(/Unknown or ended call/);
  });

  it('ends from the telephony-session events: the caller hangs up (missed), answered on another device', async () => {
    const ctx = await started();
    ctx.notify('Proceeding');
    expect(ctx.ofType('ended')).toEqual([]);
    ctx.notify('Disconnected');
    expect(ctx.ofType('ended')).toEqual([{ callId: 'reoffer-s-abc', reason: 'missed' }]);
    expect(ctx.ringtone.stops).toBe(1);

    const other = await started();
    other.notify('Answered');
    expect(other.ofType('ended')).toEqual([{ callId: 'reoffer-s-abc', reason: 'answered-elsewhere' }]);
  });

  it('sign-out ends an offered call as lost', async () => {
    const ctx = await started();
    await ctx.telephony.dispose();
    expect(ctx.ofType('ended')).toEqual([{ callId: 'reoffer-s-abc', reason: 'lost' }]);
  });
});

/**
 * The look for calls already ringing waits for the start to be over (ADR 0018): not in the task of REGISTER's 200,
 * which the console's handling of the initialization notice waits behind.
 */
describe('RingCentralTelephony: calls ringing at registration are looked for once the start is over', () => {
  const PRESENCE = '/restapi/v1.0/account/~/extension/~/presence';
  const ringing = {
    id: 'p-abc-2',
    direction: 'Inbound',
    from: '+16505550199',
    to: '+16505550100',
    telephonyStatus: 'Ringing',
    telephonySessionId: 's-abc',
    partyId: 'p-abc-2',
  };

  function withStart() {
    let over!: () => void;
    const afterStart = jest.fn(() => new Promise<void>((resolve) => (over = resolve)));
    const ctx = setup({ extra: { afterStart }, presence: () => ({ activeCalls: [ringing] }) });
    return { ctx, afterStart, over: () => over() };
  }

  it('asks RingCentral nothing after the registration until the start is over, then offers the ringing call', async () => {
    const { ctx, afterStart, over } = withStart();
    await ctx.telephony.start();
    expect(ctx.telephony.status).toEqual({ state: 'registered' });
    await flush();
    expect(afterStart).toHaveBeenCalledTimes(1);
    expect(ctx.api.callsTo('GET', PRESENCE)).toHaveLength(0);
    expect(ctx.ofType('ringing')).toEqual([]);
    over();
    await waitFor(() => ctx.ofType('ringing').length === 1);
    expect(ctx.ofType('ringing')[0]).toMatchObject({ callId: 'reoffer-s-abc', telephonySessionId: 's-abc' });
  });

  it('looks at the latest 2 s after the registration when the start never ends', async () => {
    const { ctx } = withStart();
    await ctx.telephony.start();
    await ctx.clock.advance(1999);
    await flush();
    expect(ctx.api.callsTo('GET', PRESENCE)).toHaveLength(0);
    await ctx.clock.advance(1);
    await waitFor(() => ctx.ofType('ringing').length === 1);
  });

  it('a phone signed out meanwhile looks for nothing', async () => {
    const { ctx, over } = withStart();
    await ctx.telephony.start();
    await ctx.telephony.dispose();
    over();
    await flush();
    await flush();
    expect(ctx.api.callsTo('GET', PRESENCE)).toHaveLength(0);
    expect(ctx.ofType('ringing')).toEqual([]);
  });
});

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !predicate(); i++) await flush();
  expect(predicate()).toBe(true);
}
