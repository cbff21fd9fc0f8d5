import type { Unsubscribe } from '../../../core/support/typed-emitter';
import {
  RingCentralSubscription,
  SOFTPHONE_EVENT_FILTERS,
  type RingCentralSubscriptionEventMap,
} from '../ringcentral-subscription';
import type { ChannelState, RcNotification, SubscriptionChannel } from '../subscription-channel';

class FakeChannel implements SubscriptionChannel {
  filters: readonly string[] = [];
  deliver: (n: RcNotification) => void = () => undefined;
  stateListeners = new Set<(s: ChannelState) => void>();
  subscribeCalls = 0;
  fail: Error | null = null;
  disposed = false;
  async subscribe(filters: readonly string[], onNotification: (n: RcNotification) => void): Promise<void> {
    this.subscribeCalls += 1;
    if (this.fail) throw this.fail;
    this.filters = filters;
    this.deliver = onNotification;
  }
  onState(listener: (s: ChannelState) => void): Unsubscribe {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

describe('RingCentralSubscription', () => {
  it('subscribes once to telephony sessions and detailed presence', async () => {
    const channel = new FakeChannel();
    const subscription = new RingCentralSubscription({ channel });
    await Promise.all([subscription.start(), subscription.start()]);
    expect(channel.subscribeCalls).toBe(1);
    expect(channel.filters).toEqual(SOFTPHONE_EVENT_FILTERS);
    expect(SOFTPHONE_EVENT_FILTERS).toContain(
      '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true',
    );
  });

  it('routes telephony events with the own parties and presence events by event path', async () => {
    const channel = new FakeChannel();
    const subscription = new RingCentralSubscription({ channel });
    const telephony: RingCentralSubscriptionEventMap['telephony'][] = [];
    const presence: RingCentralSubscriptionEventMap['presence'][] = [];
    subscription.on('telephony', (e) => telephony.push(e));
    subscription.on('presence', (e) => presence.push(e));
    await subscription.start();
    channel.deliver({
      event: '/restapi/v1.0/account/37439510/extension/62264101/telephony/sessions',
      body: {
        telephonySessionId: 's-1',
        origin: { type: 'RingOut' },
        parties: [
          { id: 'p-1-1', extensionId: '62264101', status: { code: 'Answered' }, direction: 'Outbound' },
          { id: 'p-1-2', status: { code: 'Proceeding' }, direction: 'Outbound' },
        ],
      },
    });
    channel.deliver({
      event: '/restapi/v1.0/account/37439510/extension/62264101/presence?detailedTelephonyState=true',
      body: { telephonyStatus: 'CallConnected', userStatus: 'Available' },
    });
    channel.deliver({ event: '/restapi/v1.0/account/37439510/extension/62264101/message-store', body: {} });
    expect(telephony).toHaveLength(1);
    expect(telephony[0]?.extensionId).toBe('62264101');
    expect(telephony[0]?.ownParties.map((p) => p.id)).toEqual(['p-1-1']);
    expect(telephony[0]?.session.origin?.type).toBe('RingOut');
    expect(presence).toEqual([{ telephonyStatus: 'CallConnected', userStatus: 'Available' }]);
  });

  it('forwards channel states; a refused subscribe can be retried', async () => {
    const channel = new FakeChannel();
    channel.fail = new Error('refused');
    const subscription = new RingCentralSubscription({ channel });
    const states: ChannelState[] = [];
    subscription.on('state', (s) => states.push(s));
    await expect(subscription.start()).rejects.toThrow('refused');
    channel.fail = null;
    await subscription.start();
    for (const l of channel.stateListeners) l({ state: 'recovered', lostEvents: true });
    expect(states).toEqual([{ state: 'recovered', lostEvents: true }]);
    await subscription.dispose();
    expect(channel.disposed).toBe(true);
  });
});
