import { TypedEmitter } from '../../../core/support/typed-emitter';
import { setup } from '../../__tests__/support/telephony-fixture';
import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import type { TelephonyParty } from '../../subscriptions/ringcentral-event-types';
import type { RingCentralSubscriptionEventMap } from '../../subscriptions/ringcentral-subscription';

/** `RingCentralTelephony` with `device: 'other'` (calling device RingCentral app / desk phone, ADR 0029). */
describe('RingCentralTelephony on the RingCentral app / desk phone', () => {
  const party = (code: string): TelephonyParty => ({
    id: 'p-x-2',
    extensionId: '62264101',
    direction: 'Inbound',
    from: { phoneNumber: '+16505550101', name: 'LEE ANN' },
    to: { phoneNumber: '+16505550100' },
    status: { code },
  });

  it('does not provision or register, is listening, and routes controls of its calls to Call Control', async () => {
    const subscription = new TypedEmitter<RingCentralSubscriptionEventMap>();
    const ctx = setup({ extra: { device: 'other', events: subscription } });
    ctx.api.on('POST', /\/parties\/p-x-2\/hold$/, () => ({}));
    await ctx.telephony.start();
    expect(ctx.telephony.status).toEqual({ state: 'registered', device: 'other' });
    expect(ctx.phones).toHaveLength(0);
    expect(ctx.api.callsTo('POST', '/restapi/v1.0/client-info/sip-provision')).toHaveLength(0);

    const notify = (code: string, sequence: number) =>
      subscription.emit('telephony', {
        session: { telephonySessionId: 's-x', sequence, origin: { type: 'Call' }, parties: [party(code)] },
        extensionId: '62264101',
        ownParties: [party(code)],
      });
    notify('Proceeding', 1);
    expect(ctx.ofType('ringing')).toEqual([expect.objectContaining({ callId: 'other-s-x', device: 'other' })]);
    expect(ctx.ringtone.starts).toBe(0); // the desk phone rings, not the browser
    await expect(ctx.telephony.answer('other-s-x')).rejects.toThrow(/RingCentral app or desk phone/);
    notify('Answered', 2);
    await ctx.telephony.hold('other-s-x', true);
    expect(ctx.api.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/restapi/v1.0/account/~/telephony/sessions/s-x/parties/p-x-2/hold',
    });
    await expect(ctx.telephony.sendDtmf('other-s-x', '1')).rejects.toThrow(/RingCentral app or desk phone/);

    await ctx.telephony.dispose();
    expect(ctx.ofType('ended')).toEqual([{ callId: 'other-s-x', reason: 'hangup' }]);
    expect(ctx.telephony.status).toMatchObject({ state: 'unavailable', reason: 'logged-out' });
  });

  const RING_OUT = '/restapi/v1.0/account/~/extension/~/ring-out';

  /** A started facade on the other device, its subscription, and a RingOut to +16505550101 scripted by `status`. */
  async function otherDevice() {
    const subscription = new TypedEmitter<RingCentralSubscriptionEventMap>();
    const ctx = setup({ extra: { device: 'other', events: subscription } });
    const ringOut = { status: { callStatus: 'InProgress', callerStatus: 'InProgress', calleeStatus: 'InProgress' } };
    ctx.api
      .on('POST', RING_OUT, () => ({ id: 7000001, status: ringOut.status }))
      .on('GET', `${RING_OUT}/7000001`, () => ({ id: 7000001, status: ringOut.status }))
      .on('DELETE', `${RING_OUT}/7000001`, () => undefined)
      .on('POST', /\/parties\/p-r-1\/(hold|unhold|transfer)$/, () => ({}))
      .on('PATCH', /\/parties\/p-r-1$/, () => ({}));
    await ctx.telephony.start();
    const own = (code: string, extra: Partial<TelephonyParty> = {}): TelephonyParty => ({
      id: 'p-r-1',
      extensionId: '62264101',
      direction: 'Outbound',
      from: { phoneNumber: '+16505550100' },
      to: { phoneNumber: '+16505550101' },
      status: { code },
      ...extra,
    });
    const notify = (party: TelephonyParty, sequence: number) =>
      subscription.emit('telephony', {
        session: { telephonySessionId: 's-r', sequence, origin: { type: 'RingOut' }, parties: [party] },
        extensionId: '62264101',
        ownParties: [party],
      });
    return { ctx, subscription, ringOut, own, notify };
  }

  it('places a RingOut on the other device, follows its party, and holds, mutes and transfers it by Call Control', async () => {
    const { ctx, ringOut, own, notify } = await otherDevice();
    const { callId } = await ctx.telephony.call('+16505550101', { via: 'ringout', ringOutFrom: '+16505550177' });
    expect(callId).toBe('ringout-7000001');
    expect(ctx.ofType('dialing')).toEqual([expect.objectContaining({ callId, device: 'other' })]);
    await expect(ctx.telephony.hold(callId, true)).rejects.toThrow(/not connected yet/);
    expect(ctx.ofType('ringingRemote')).toEqual([]); // the agent's own phone rings first
    notify(own('Answered'), 1); // the agent picked up the phone that rang first: not the callee's answer
    expect(ctx.ofType('identified')).toEqual([
      expect.objectContaining({ callId, telephonySessionId: 's-r', partyId: 'p-r-1' }),
    ]);
    expect(ctx.ofType('ringingRemote')).toEqual([{ callId }]); // now the callee's phone rings
    expect(ctx.ofType('answered')).toEqual([]);
    ringOut.status = { callStatus: 'InProgress', callerStatus: 'Success', calleeStatus: 'InProgress' };
    await ctx.clock.advance(1000);
    expect(ctx.ofType('ringingRemote')).toHaveLength(1); // the status saying so too is not a second report
    ringOut.status = { callStatus: 'Success', callerStatus: 'Success', calleeStatus: 'Success' };
    await ctx.clock.advance(1000);
    expect(ctx.ofType('answered')).toEqual([{ callId }]);

    await ctx.telephony.hold(callId, true);
    notify(own('Hold'), 2);
    await ctx.telephony.mute(callId, true);
    notify(own('Hold', { muted: true }), 3);
    expect(ctx.ofType('held')).toEqual([{ callId, held: true }]);
    expect(ctx.ofType('muted')).toEqual([{ callId, muted: true }]);
    await ctx.telephony.transfer(callId, '102');
    notify(own('Disconnected', { status: { code: 'Disconnected', reason: 'BlindTransfer' } }), 4);
    expect(
      ctx.api.calls.filter((c) => c.path.includes('/parties/')).map((c) => [c.method, c.path.split('/').pop(), c.body]),
    ).toEqual([
      ['POST', 'hold', undefined],
      ['PATCH', 'p-r-1', { muted: true }],
      ['POST', 'transfer', { extensionNumber: '102' }],
    ]);
    // The RingOut's own end afterwards is not a second end.
    ringOut.status = { callStatus: 'Finished', callerStatus: 'Finished', calleeStatus: 'Finished' };
    await ctx.clock.advance(1000);
    expect(ctx.ofType('ended')).toEqual([{ callId, reason: 'transferred' }]);
  });

  it('hangs up a RingOut on the other device by cancelling the RingOut, before or after it was identified', async () => {
    const { ctx } = await otherDevice();
    const { callId } = await ctx.telephony.call('+16505550101', { via: 'ringout', ringOutFrom: '+16505550177' });
    await ctx.telephony.hangup(callId);
    expect(ctx.api.callsTo('DELETE', `${RING_OUT}/7000001`)).toHaveLength(1);
    expect(ctx.ofType('ended')).toEqual([{ callId, reason: 'cancelled' }]);
    await expect(ctx.telephony.hold(callId, true)).rejects.toThrow();
  });

  it('reads the active calls again when the subscription recovers after losing events', async () => {
    const { ctx, subscription } = await otherDevice();
    const SESSIONS = '/restapi/v1.0/account/~/telephony/sessions';
    const session = (tsid: string, code: string) => ({
      id: tsid,
      sessionId: '4000',
      origin: { type: 'Call' },
      parties: [{ ...party(code), id: `p-${tsid}` }],
    });
    let active = [{ telephonySessionId: 's-gone', partyId: 'p-s-gone' }];
    ctx.api
      .on('GET', '/restapi/v1.0/account/~/extension/~/presence', () => ({ activeCalls: active }))
      .on('GET', `${SESSIONS}/s-gone`, () => session('s-gone', 'Answered'))
      .on('GET', `${SESSIONS}/s-new`, () => session('s-new', 'Hold'));
    const notify = (tsid: string, code: string, sequence: number) =>
      subscription.emit('telephony', {
        session: {
          telephonySessionId: tsid,
          sequence,
          origin: { type: 'Call' },
          parties: [{ ...party(code), id: `p-${tsid}` }],
        },
        extensionId: '62264101',
        ownParties: [{ ...party(code), id: `p-${tsid}` }],
      });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    notify('s-gone', 'Proceeding', 1);
    notify('s-held', 'Answered', 1);
    // During the gap: s-gone was answered, s-held ended, s-new rang and was answered and held.
    subscription.emit('state', { state: 'reconnecting' });
    active = [
      { telephonySessionId: 's-gone', partyId: 'p-s-gone' },
      { telephonySessionId: 's-new', partyId: 'p-s-new' },
    ];
    ctx.api.on('GET', `${SESSIONS}/s-held`, () => {
      throw new RingCentralApiError('Telephony session with id [s-held] not found', 404, 'TAS-102');
    });
    subscription.emit('state', { state: 'recovered', lostEvents: true });
    await settle();
    await settle();
    expect(ctx.api.calls.filter((c) => c.method === 'GET').map((c) => c.path.split('/').pop())).toEqual([
      'presence',
      's-gone',
      's-new',
      's-held',
    ]);
    expect(ctx.ofType('answered')).toEqual([
      { callId: 'other-s-held' },
      { callId: 'other-s-gone' },
      { callId: 'other-s-new' },
    ]);
    expect(ctx.ofType('ringing').map((r) => r.callId)).toEqual(['other-s-gone', 'other-s-held', 'other-s-new']);
    expect(ctx.ofType('held')).toEqual([{ callId: 'other-s-new', held: true }]);
    expect(ctx.ofType('ended')).toEqual([{ callId: 'other-s-held', reason: 'hangup' }]);
    // Recovering without a loss reads nothing.
    const reads = ctx.api.calls.length;
    subscription.emit('state', { state: 'recovered', lostEvents: false });
    await settle();
    expect(ctx.api.calls.length).toBe(reads);
  });
});
