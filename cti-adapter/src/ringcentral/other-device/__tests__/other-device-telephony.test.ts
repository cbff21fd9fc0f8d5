import { TypedEmitter } from '../../../core/support/typed-emitter';
import { setup } from '../../__tests__/support/telephony-fixture';
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
});
