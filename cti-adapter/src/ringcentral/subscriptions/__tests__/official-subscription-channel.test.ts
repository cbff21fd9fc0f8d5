import type { RcPlatformHandle } from '../../../../harness/rc-platform/index';
import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import { RingCentralSession } from '../../auth/ringcentral-session';
import { control, eventually, startSimulator } from '../../__tests__/support/simulator';
import { OfficialSubscriptionChannel } from '../official-subscription-channel';
import { RingCentralSubscription, type RingCentralSubscriptionEventMap } from '../ringcentral-subscription';
import type { ChannelState } from '../subscription-channel';
import { defaultSdkFactory } from '../../auth/default-sdk';

// @rc-ex/ws opens `new WS(uri)` without TLS options: give it the simulator's CA (verification stays on).
jest.mock('isomorphic-ws', () => jest.requireActual('../../../../test-support/trusting-web-socket').TrustingWebSocket);

describe('OfficialSubscriptionChannel (@ringcentral/subscriptions 5) against the simulator', () => {
  let sim: RcPlatformHandle;
  beforeAll(async () => {
    sim = await startSimulator({ wsRecoveryTimeoutSeconds: 60 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('delivers telephony events of the agent and reports recovery after a dropped socket', async () => {
    const session = new RingCentralSession({
      sdkFactory: defaultSdkFactory,
      server: sim.urls.server,
      clientId: sim.credentials.jwtClient.clientId,
      clientSecret: sim.credentials.jwtClient.clientSecret,
      redirectUri: `${sim.urls.server}/apex/RingCentralOAuthCallback`,
      orgId: '00D000000000001',
      userId: '005000000000001',
      store: new MemoryKeyValueStore(),
    });
    await session.loginWithJwt(sim.credentials.users[0]?.jwt ?? '');
    const subscription = new RingCentralSubscription({ channel: new OfficialSubscriptionChannel(session.sdk) });
    const telephony: RingCentralSubscriptionEventMap['telephony'][] = [];
    const states: ChannelState[] = [];
    subscription.on('telephony', (e) => telephony.push(e));
    subscription.on('state', (s) => states.push(s));
    await subscription.start();
    expect(states).toEqual([{ state: 'connecting' }, { state: 'connected' }]);

    const placed = await control<{ telephonySessionId: string }>(sim, 'POST', '/calls/inbound', {
      from: '+16505550107',
      to: '101',
    });
    const event = await eventually(
      () => telephony.find((e) => e.session.telephonySessionId === placed.telephonySessionId),
      'telephony event',
    );
    expect(event.ownParties[0]?.from).toMatchObject({ phoneNumber: '+16505550107', name: 'INITECH' });
    await control(sim, 'POST', `/calls/${placed.telephonySessionId}/hangup`);

    await control(sim, 'POST', '/faults', { kind: 'drop-subscription' });
    await eventually(() => states.find((s) => s.state === 'recovered'), 'recovered', 15_000);
    await subscription.dispose();
  });
});
