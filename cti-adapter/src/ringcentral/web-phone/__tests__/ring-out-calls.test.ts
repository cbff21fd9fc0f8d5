import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import { registered } from '../../__tests__/support/telephony-fixture';

// The RingOut part (RingOutCalls over RingOutCall) through the RingCentralTelephony facade.

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
      // `device`: the agent talks on the phone that rang first (the UI offers no web phone controls).
      { callId, remoteNumber: '+16505550101', localNumber: '+16505550177', device: 'ringout' },
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

  it("says when the agent's own phone was picked up and the callee rings (callerStatus Success), once, before the answer", async () => {
    const ctx = await registered();
    let status = { callStatus: 'InProgress', callerStatus: 'InProgress', calleeStatus: 'InProgress' };
    ctx.api
      .on('POST', '/restapi/v1.0/account/~/extension/~/ring-out', () => ({ id: '3', status }))
      .on('GET', /\/ring-out\/3$/, () => ({ id: '3', status }));
    const { callId } = await ctx.telephony.call('+16505550101', { via: 'ringout', ringOutFrom: '+16505550177' });
    await ctx.clock.advance(1000);
    expect(ctx.ofType('ringingRemote')).toEqual([]); // the agent's own phone still rings
    status = { callStatus: 'InProgress', callerStatus: 'Success', calleeStatus: 'InProgress' };
    await ctx.clock.advance(1000);
    await ctx.clock.advance(1000);
    expect(ctx.ofType('ringingRemote')).toEqual([{ callId }]);
    expect(ctx.ofType('answered')).toEqual([]);
    status = { callStatus: 'Success', callerStatus: 'Success', calleeStatus: 'Success' };
    await ctx.clock.advance(1000);
    expect(ctx.ofType('answered')).toEqual([{ callId }]);
    expect(ctx.ofType('ringingRemote')).toHaveLength(1);

    // Both legs answered between two polls: answered only (the callee's ringing was never seen).
    let quick = { callStatus: 'InProgress', callerStatus: 'InProgress', calleeStatus: 'InProgress' };
    ctx.api
      .on('POST', '/restapi/v1.0/account/~/extension/~/ring-out', () => ({ id: '4', status: quick }))
      .on('GET', /\/ring-out\/4$/, () => ({ id: '4', status: quick }));
    const second = await ctx.telephony.call('+16505550101', { via: 'ringout', ringOutFrom: '+16505550177' });
    quick = { callStatus: 'Success', callerStatus: 'Success', calleeStatus: 'Success' };
    await ctx.clock.advance(1000);
    expect(ctx.ofType('answered')).toEqual([{ callId }, { callId: second.callId }]);
    expect(ctx.ofType('ringingRemote')).toEqual([{ callId }]);
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

  it('needs the number to ring first, and says where the agent sets it (no option name)', async () => {
    const ctx = await registered();
    await expect(ctx.telephony.call('+16505550101', { via: 'ringout' })).rejects.toThrow(
      'RingOut rings your phone first: set "My phone number" in Settings.',
    );
  });
});
