import { sipMessage } from '../../__tests__/support/fake-web-phone';
import { P_RC, registered } from '../../__tests__/support/telephony-fixture';

/**
 * RingCentral may offer one telephony session to this web phone in two INVITEs with different Call-IDs (the
 * simulator's `duplicateInviteAfterMs`): the agent sees one call, answers or declines it once, and it ends once
 * (ADR 0028, sixth amendment).
 */
describe('RingCentralTelephony: two INVITEs of one telephony session', () => {
  const ids = 'party-id=p-dup-2;session-id=s-dup';
  async function twoOffers() {
    const ctx = await registered();
    const first = ctx.phone().ring('call-a', { 'p-rc-api-ids': ids, 'P-rc': P_RC });
    const second = ctx.phone().ring('call-b', { 'p-rc-api-ids': ids, 'P-rc': P_RC });
    return { ...ctx, first, second };
  }

  it('shows one ringing call, rings once, and touches the second INVITE not at all', async () => {
    const ctx = await twoOffers();
    expect(ctx.ofType('ringing').map((r) => [r.callId, r.telephonySessionId])).toEqual([['call-a', 's-dup']]);
    expect(ctx.ringtone.starts).toBe(1);
    expect(ctx.second.actions).toEqual([]);
  });

  it('answer answers the shown INVITE once; RingCentral cancels the other: one answered, no end', async () => {
    const ctx = await twoOffers();
    await ctx.telephony.answer('call-a');
    ctx.second.emit('disposed');
    expect(ctx.first.actions).toEqual(['answer']);
    expect(ctx.second.actions).toEqual([]);
    expect(ctx.ofType('answered')).toEqual([{ callId: 'call-a' }]);
    expect(ctx.ofType('ended')).toEqual([]);
  });

  it('decline declines once; both offers end; one end, declined', async () => {
    const ctx = await twoOffers();
    await ctx.telephony.decline('call-a');
    ctx.first.emit('disposed');
    ctx.second.emit('disposed');
    expect(ctx.first.actions).toEqual(['decline']);
    expect(ctx.second.actions).toEqual([]);
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-a', reason: 'declined' }]);
  });

  it('the shown offer withdrawn alone: the other carries the call on under the same id, without a flicker', async () => {
    const ctx = await twoOffers();
    ctx.first.emit('disposed');
    expect(ctx.ofType('ended')).toEqual([]);
    expect(ctx.ringtone.stops).toBe(0);
    await ctx.telephony.answer('call-a');
    expect(ctx.second.actions).toEqual(['answer']);
    expect(ctx.ofType('answered')).toEqual([{ callId: 'call-a' }]);
    ctx.second.emit('disposed');
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-a', reason: 'remote-hangup' }]);
    expect(ctx.ofType('ringing')).toHaveLength(1);
  });

  it('answered on another device: the call ends once, answered elsewhere (the other offer does not carry it on)', async () => {
    const ctx = await twoOffers();
    ctx.first.emit(
      'inboundMessage',
      sipMessage('MESSAGE sip:802264101@sip.ringcentral.com SIP/2.0', {}, '<Msg><Hdr Cmd="7"/></Msg>'),
    );
    ctx.first.emit('disposed');
    ctx.second.emit('disposed');
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-a', reason: 'answered-elsewhere' }]);
  });

  it('the caller hangs up: both offers end, the call ends once (missed)', async () => {
    const ctx = await twoOffers();
    ctx.second.emit('disposed');
    ctx.first.emit('disposed');
    expect(ctx.ofType('ended')).toEqual([{ callId: 'call-a', reason: 'missed' }]);
  });

  it('another telephony session is another call (call waiting), and an answered call does not swallow a new INVITE', async () => {
    const ctx = await twoOffers();
    await ctx.telephony.answer('call-a');
    ctx.phone().ring('call-c', { 'p-rc-api-ids': 'party-id=p-oth-2;session-id=s-oth', 'P-rc': P_RC });
    ctx.phone().ring('call-d', { 'p-rc-api-ids': ids, 'P-rc': P_RC });
    expect(ctx.ofType('ringing').map((r) => r.callId)).toEqual(['call-a', 'call-c', 'call-d']);
  });

  it('INVITEs without telephony session ids are never merged', async () => {
    const ctx = await registered();
    ctx.phone().ring('call-x', { 'P-rc': P_RC });
    ctx.phone().ring('call-y', { 'P-rc': P_RC });
    expect(ctx.ofType('ringing').map((r) => r.callId)).toEqual(['call-x', 'call-y']);
  });
});
