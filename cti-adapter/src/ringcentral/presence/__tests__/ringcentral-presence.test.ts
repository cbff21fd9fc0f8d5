import { TypedEmitter } from '../../../core/support/typed-emitter';
import type { Presence } from '../../../core/ports/presence-port';
import { FakeApi } from '../../__tests__/support/fake-api';
import { flush } from '../../__tests__/support/fake-clock';
import type { RingCentralSubscriptionEventMap } from '../../subscriptions/ringcentral-subscription';
import { RingCentralPresence } from '../ringcentral-presence';

const PATH = '/restapi/v1.0/account/~/extension/~/presence';

function setup() {
  const events = new TypedEmitter<RingCentralSubscriptionEventMap>();
  let server = {
    userStatus: 'Available',
    dndStatus: 'TakeAllCalls',
    telephonyStatus: 'NoCall',
    presenceStatus: 'Available',
  };
  const api = new FakeApi()
    .on('GET', PATH, () => server)
    .on('PUT', PATH, (call) => {
      server = {
        ...server,
        ...(call.body as object),
        presenceStatus: (call.body as { userStatus: string }).userStatus,
      };
      return server;
    });
  const presence = new RingCentralPresence({ api, subscription: events });
  const changes: Presence[] = [];
  presence.on('changed', (p) => changes.push(p));
  return { api, events, presence, changes };
}

describe('RingCentralPresence', () => {
  it('get reads detailed presence; set PUTs userStatus/dndStatus', async () => {
    const ctx = setup();
    await expect(ctx.presence.get()).resolves.toEqual({
      userStatus: 'Available',
      dndStatus: 'TakeAllCalls',
      telephonyStatus: 'NoCall',
      presenceStatus: 'Available',
    });
    expect(ctx.api.calls[0]?.query).toEqual({ detailedTelephonyState: true });
    await ctx.presence.set({ userStatus: 'Busy' });
    expect(ctx.api.callsTo('PUT', PATH)[0]?.body).toEqual({ userStatus: 'Busy' });
    expect(ctx.changes.map((c) => c.userStatus)).toEqual(['Available', 'Busy']);
  });

  it('publishes subscription changes, merging partial bodies, without duplicates', async () => {
    const ctx = setup();
    await ctx.presence.get();
    ctx.events.emit('presence', { telephonyStatus: 'Ringing' });
    ctx.events.emit('presence', { telephonyStatus: 'Ringing' });
    ctx.events.emit('presence', { telephonyStatus: 'CallConnected', userStatus: 'Busy', dndStatus: 'Nonsense' });
    expect(ctx.changes.map((c) => `${c.userStatus}/${c.dndStatus}/${c.telephonyStatus}`)).toEqual([
      'Available/TakeAllCalls/NoCall',
      'Available/TakeAllCalls/Ringing',
      'Busy/TakeAllCalls/CallConnected',
    ]);
  });

  it('re-reads after a reconnect that lost events', async () => {
    const ctx = setup();
    ctx.events.emit('state', { state: 'recovered', lostEvents: false });
    await flush();
    expect(ctx.api.calls).toHaveLength(0);
    ctx.events.emit('state', { state: 'recovered', lostEvents: true });
    await flush();
    expect(ctx.api.callsTo('GET', PATH)).toHaveLength(1);
  });
});
