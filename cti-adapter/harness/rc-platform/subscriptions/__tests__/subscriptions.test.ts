import { Subscriptions } from '@ringcentral/subscriptions';
import WebSocket from 'ws';
import type { RcPlatformHandle } from '../../index';
import {
  control,
  loginJwt,
  simFetch,
  startSim,
  trustedCertificates,
  waitFor,
} from '../../http/__tests__/support/sim-fixture';

// @rc-ex/ws opens `new WS(uri)` with no TLS options; give it the simulator's CA (nothing disables verification).
jest.mock('isomorphic-ws', () => jest.requireActual('../../../../test-support/trusting-web-socket').TrustingWebSocket);

interface Notification {
  event: string;
  subscriptionId: string;
  ownerId: string;
  uuid: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- notification bodies are asserted field by field
  body: Record<string, any>;
}

const FILTERS = [
  '/restapi/v1.0/account/~/extension/~/telephony/sessions',
  '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true',
  '/restapi/v1.0/account/~/extension/~/message-store',
  '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS',
];

describe('WebSocket subscriptions with the real @ringcentral/subscriptions', () => {
  let sim: RcPlatformHandle;
  let notifications: Notification[];
  let revoke: () => Promise<void>;

  beforeAll(async () => {
    sim = await startSim({ wsRecoveryTimeoutSeconds: 60 });
    const sdk = await loginJwt(sim);
    const subscriptions = new Subscriptions({ sdk });
    const subscription = subscriptions.createSubscription();
    notifications = [];
    subscription.on(subscription.events.notification, (event: unknown) => notifications.push(event as Notification));
    subscription.setEventFilters(FILTERS);
    const registered = (await subscription.register()) as unknown as { wse: { revoke: () => Promise<void> } };
    revoke = () => registered.wse.revoke();
  });

  afterAll(async () => {
    await revoke();
    await sim.stop();
  });

  beforeEach(async () => {
    notifications.length = 0;
  });

  const telephony = (code: string) => (n: Notification) =>
    n.event.endsWith('/telephony/sessions') && n.body.parties?.[0]?.status?.code === code;
  const presence = (status: string) => (n: Notification) =>
    n.event.includes('/presence') && n.body.telephonyStatus === status;

  it('delivers telephony and detailed presence events for an inbound call: ringing, answered, hung up', async () => {
    const placed = await control<{ telephonySessionId: string; partyId: string }>(sim, 'POST', '/calls/inbound', {
      from: '+16505550101',
      to: '101',
    });
    expect(placed.status).toBe(201);
    const { telephonySessionId } = placed.json;

    const ringing = await waitFor(notifications, telephony('Proceeding'), 8000, 'Proceeding');
    expect(ringing.event).toBe('/restapi/v1.0/account/37439510/extension/62264101/telephony/sessions');
    expect(ringing.ownerId).toBe('62264101');
    expect(ringing.body).toMatchObject({
      telephonySessionId,
      origin: { type: 'Call' },
      parties: [
        {
          extensionId: '62264101',
          direction: 'Inbound',
          from: { phoneNumber: '+16505550101', name: 'LEE ANN' },
          to: { phoneNumber: '+16505550100', extensionId: '62264101' },
          status: { code: 'Proceeding' },
        },
      ],
    });
    const ringPresence = await waitFor(notifications, presence('Ringing'), 8000, 'presence Ringing');
    expect(ringPresence.body.activeCalls[0]).toMatchObject({
      telephonySessionId,
      direction: 'Inbound',
      from: '+16505550101',
    });
    expect(ringPresence.body.presenceStatus).toBe('Busy');

    await control(sim, 'POST', `/calls/${telephonySessionId}/answer`);
    await waitFor(notifications, telephony('Answered'), 8000, 'Answered');
    await waitFor(notifications, presence('CallConnected'), 8000, 'presence CallConnected');

    await control(sim, 'POST', `/calls/${telephonySessionId}/hangup`);
    await waitFor(notifications, telephony('Disconnected'), 8000, 'Disconnected');
    const idle = await waitFor(notifications, presence('NoCall'), 8000, 'presence NoCall');
    expect(idle.body.activeCalls).toEqual([]);
    const sequences = notifications.filter((n) => n.event.endsWith('/telephony/sessions')).map((n) => n.body.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
  });

  it('delivers message-store and instant SMS events for an SMS from a customer', async () => {
    const sent = await control<{ id: string }>(sim, 'POST', '/sms', {
      from: '+16505550102',
      to: '+16505550100',
      text: 'Where is my truck?',
    });
    expect(sent.status).toBe(201);
    const change = await waitFor(notifications, (n) => n.event.endsWith('/message-store'), 8000, 'message-store');
    expect(change.body).toMatchObject({
      extensionId: '62264101',
      changes: [{ type: 'SMS', newCount: 1, newMessageIds: [sent.json.id] }],
    });
    const instant = await waitFor(
      notifications,
      (n) => n.event.includes('/message-store/instant'),
      8000,
      'instant SMS',
    );
    expect(instant.body).toMatchObject({
      subject: 'Where is my truck?',
      direction: 'Inbound',
      from: { phoneNumber: '+16505550102', name: 'STONE LOGISTICS' },
    });
  });

  it('presence changes made over REST are notified', async () => {
    const sdk = await loginJwt(sim);
    await sdk
      .platform()
      .put('/restapi/v1.0/account/~/extension/~/presence', { dndStatus: 'DoNotAcceptAnyCalls', userStatus: 'Busy' });
    const event = await waitFor(
      notifications,
      (n) => n.event.includes('/presence') && n.body.dndStatus === 'DoNotAcceptAnyCalls',
    );
    expect(event.body.presenceStatus).toBe('Busy');
    await sdk
      .platform()
      .put('/restapi/v1.0/account/~/extension/~/presence', { dndStatus: 'TakeAllCalls', userStatus: 'Available' });
    await waitFor(notifications, (n) => n.event.includes('/presence') && n.body.presenceStatus === 'Available');
  });

  it('fault drop-subscription: the socket dies, the client recovers its session and gets the events it missed', async () => {
    const dropped = await control<{ dropped: number }>(sim, 'POST', '/faults', { kind: 'drop-subscription' });
    expect(dropped.json.dropped).toBe(1);
    const state = await control<{ subscriptions: { connected: number } }>(sim, 'GET', '/state');
    expect(state.json.subscriptions.connected).toBe(0);
    // Placed while the socket is down: buffered by the gateway, replayed on recovery.
    const placed = await control<{ telephonySessionId: string }>(sim, 'POST', '/calls/inbound', {
      from: '+16505550103',
      to: '101',
    });
    const ringing = await waitFor(notifications, telephony('Proceeding'), 15_000, 'replayed Proceeding');
    expect(ringing.body.telephonySessionId).toBe(placed.json.telephonySessionId);
    const after = await control<{ subscriptions: { connected: number; subscriptions: number } }>(sim, 'GET', '/state');
    expect(after.json.subscriptions).toMatchObject({ connected: 1, subscriptions: 1 });
    await control(sim, 'POST', `/calls/${placed.json.telephonySessionId}/hangup`);
    await waitFor(notifications, telephony('Disconnected'), 8000, 'Disconnected after recovery');
  }, 30_000);
});

describe('WebSocket gateway protocol details', () => {
  let sim: RcPlatformHandle;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim.stop();
  });

  async function wsToken(): Promise<{ uri: string; ws_access_token: string; expires_in: number }> {
    const sdk = await loginJwt(sim);
    return (await sdk.platform().post('/restapi/oauth/wstoken')).json();
  }

  function open(url: string): Promise<{ ws: WebSocket; frames: unknown[][] }> {
    const ws = new WebSocket(url, { ca: trustedCertificates() });
    const frames: unknown[][] = [];
    ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as unknown[]));
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve({ ws, frames }));
      ws.once('error', reject);
    });
  }

  it('wstoken gives a wss uri; an unknown wsc gives recoveryState Failed; a bad token gets an Error frame', async () => {
    const token = await wsToken();
    expect(token.uri).toBe(`${sim.urls.subscriptionWss}`);
    expect(token.expires_in).toBe(600);
    const { ws, frames } = await open(`${token.uri}?access_token=${token.ws_access_token}&wsc=bogus`);
    const [meta, body] = (await waitFor(frames, () => true)) as [Record<string, unknown>, Record<string, unknown>];
    expect(meta).toMatchObject({ type: 'ConnectionDetails', status: 200, wsc: { sequence: 1 } });
    expect(body).toMatchObject({ recoveryState: 'Failed', recoveryTimeout: 180 });
    ws.send(
      JSON.stringify([
        { type: 'ClientRequest', messageId: 'm1', method: 'POST', path: '/restapi/v1.0/subscription' },
        { eventFilters: ['/restapi/v1.0/account/~/extension/~/fax'] },
      ]),
    );
    const [errMeta, errBody] = (await waitFor(frames, (f) => (f[0] as { messageId?: string }).messageId === 'm1')) as [
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect(errMeta.status).toBe(400);
    expect(errBody.errorCode).toBe('SUB-406');
    ws.close();

    const bad = await open(`${token.uri}?access_token=nope`);
    const [errorMeta] = (await waitFor(bad.frames, () => true)) as [Record<string, unknown>];
    expect(errorMeta).toMatchObject({ type: 'Error', status: 401 });
  });

  it('wstoken needs a bearer token', async () => {
    const res = await simFetch(`${sim.urls.server}/restapi/oauth/wstoken`, { method: 'POST' });
    expect(res.status).toBe(401);
  });
});

describe('WebSocket gateway idle timeout', () => {
  let sim: RcPlatformHandle;
  beforeAll(async () => {
    sim = await startSim({ wsIdleTimeoutSeconds: 2 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  interface GatewayState {
    subscriptions: { connected: number; heartbeats: number; lastHeartbeatAt: string | null; idleTimeouts: number };
  }

  async function connect(): Promise<{ ws: WebSocket; frames: unknown[][]; closed: Promise<number> }> {
    const sdk = await loginJwt(sim);
    const token = (await (await sdk.platform().post('/restapi/oauth/wstoken')).json()) as {
      uri: string;
      ws_access_token: string;
    };
    const ws = new WebSocket(`${token.uri}?access_token=${token.ws_access_token}`, { ca: trustedCertificates() });
    const frames: unknown[][] = [];
    ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as unknown[]));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return { ws, frames, closed };
  }

  it('announces its idleTimeout and closes a silent socket with WSG-902', async () => {
    const before = (await control<GatewayState>(sim, 'GET', '/state')).json.subscriptions.idleTimeouts;
    const { frames, closed } = await connect();
    const [, details] = (await waitFor(frames, () => true)) as [unknown, Record<string, unknown>];
    expect(details.idleTimeout).toBe(2);
    await closed;
    expect(frames.at(-1)).toEqual([
      expect.objectContaining({ type: 'Error' }),
      { errorCode: 'WSG-902', message: 'Idle timeout expired' },
    ]);
    const state = (await control<GatewayState>(sim, 'GET', '/state')).json.subscriptions;
    expect(state.idleTimeouts).toBe(before + 1);
    expect(state.connected).toBe(0);
  });

  it('client heartbeats keep the socket open and are counted', async () => {
    const before = (await control<GatewayState>(sim, 'GET', '/state')).json.subscriptions;
    const { ws, frames } = await connect();
    await waitFor(frames, () => true);
    // 3 s of heartbeats every 250 ms: longer than the 2 s idle timeout, never 2 s apart.
    for (let i = 0; i < 12; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      ws.send(JSON.stringify([{ type: 'Heartbeat', messageId: `hb-${i}` }]));
      await waitFor(frames, (f) => (f[0] as { messageId?: string }).messageId === `hb-${i}`);
    }
    expect(ws.readyState).toBe(WebSocket.OPEN);
    const state = (await control<GatewayState>(sim, 'GET', '/state')).json.subscriptions;
    expect(state.heartbeats).toBe(before.heartbeats + 12);
    expect(state.idleTimeouts).toBe(before.idleTimeouts);
    expect(Date.parse(state.lastHeartbeatAt!)).toBeGreaterThan(Date.now() - 5_000);
    ws.close();
  });
});
