import WebSocket from 'ws';
import type { RcPlatformHandle } from '../../../../harness/rc-platform/index';
import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import { MessageStoreError, type SmsMessage } from '../../../core/ports/message-store-port';
import { RingCentralSession } from '../../auth/ringcentral-session';
import { RingCentralSubscription } from '../../subscriptions/ringcentral-subscription';
import { WsgSubscriptionChannel, type WsgSocket } from '../../subscriptions/wsg-subscription-channel';
import { control, eventually, simulatorCas, startSimulator } from '../../__tests__/support/simulator';
import { RingCentralMessageStore } from '../ringcentral-message-store';
import { defaultSdkFactory } from '../../auth/default-sdk';

const AGENT = '+16505550100';

describe('RingCentralMessageStore against the platform simulator (real @ringcentral/sdk, WSG subscription)', () => {
  let sim: RcPlatformHandle;
  let session: RingCentralSession;
  let subscription: RingCentralSubscription;
  let store: RingCentralMessageStore;
  const inbound: SmsMessage[] = [];
  const changed: string[][] = [];

  beforeAll(async () => {
    sim = await startSimulator({ wsRecoveryTimeoutSeconds: 60 });
    session = new RingCentralSession({
      sdkFactory: defaultSdkFactory,
      server: sim.urls.server,
      clientId: sim.credentials.jwtClient.clientId,
      clientSecret: sim.credentials.jwtClient.clientSecret,
      redirectUri: `${sim.urls.server}/oauth/callback.html`,
      orgId: '00D000000000001',
      userId: '005000000000001',
      store: new MemoryKeyValueStore(),
    });
    await session.loginWithJwt(sim.credentials.users[0]?.jwt ?? '');
    subscription = new RingCentralSubscription({
      channel: new WsgSubscriptionChannel({
        api: session.api,
        openSocket: (url) => new WebSocket(url, { ca: simulatorCas() }) as unknown as WsgSocket,
        reconnectDelay: () => 50,
      }),
    });
    store = new RingCentralMessageStore({ api: session.api, events: subscription });
    store.on('message', (m) => inbound.push(m));
    store.on('changed', (c) => changed.push([...c.newMessageIds]));
    await subscription.start();
  });
  afterAll(async () => {
    store.dispose();
    await subscription.dispose();
    await sim.stop();
  });

  it('lists the SMS senders of the extension (features SmsSender), the primary first', async () => {
    expect(await store.listSenders()).toEqual([expect.objectContaining({ phoneNumber: AGENT, primary: true })]);
  });

  it('an inbound SMS arrives whole through the instant event; its delivery and read changes through ISync', async () => {
    const token = await store.syncToken();
    await control(sim, 'POST', '/sms', { from: '+16505550101', to: AGENT, text: '<b>Hi</b> from Ann' });
    const message = await eventually(() => inbound.find((m) => m.text === '<b>Hi</b> from Ann'), 'instant SMS');
    expect(message).toMatchObject({
      direction: 'Inbound',
      from: { phoneNumber: '+16505550101' },
      status: 'Received',
      read: false,
      deleted: false,
    });
    const sent = await store.send({ from: AGENT, to: '+16505550101', text: 'Hello Ann' });
    expect(sent).toMatchObject({ direction: 'Outbound', status: 'Queued', conversationId: message.conversationId });
    let cursor = token;
    const seen = new Map<string, SmsMessage>();
    await eventually(() => changed.length > 0 || undefined, 'a message-store change notice');
    for (let i = 0; i < 100 && seen.get(sent.id)?.status !== 'Delivered'; i += 1) {
      const changes = await store.changesSince(cursor);
      cursor = changes.token;
      for (const m of changes.messages) seen.set(m.id, m);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.get(sent.id)?.status).toBe('Delivered');
    const [read] = await store.markRead([message.id]);
    expect(read).toMatchObject({ id: message.id, read: true });
    const after = await store.changesSince(cursor);
    expect(after.messages.map((m) => `${m.id}:${m.read}`)).toContain(`${message.id}:true`);
  });

  it('pages conversations and a long thread backwards from a fixed end, without the 24-hour default window', async () => {
    for (let i = 0; i < 7; i += 1) {
      await control(sim, 'POST', '/sms', { from: '+16505550103', to: AGENT, text: `thread ${i}` });
    }
    await control(sim, 'POST', '/sms', { from: '+16505550105', to: AGENT, text: 'another conversation' });
    const until = new Date(Date.now() + 1000).toISOString();
    const first = await store.listConversations({ page: 1, perPage: 2, until });
    expect(first.messages.map((m) => m.text)).toEqual(['another conversation', 'thread 6']);
    expect(first.more).toBe(true);
    const conversationId = first.messages[1]?.conversationId ?? '';
    const pages: string[][] = [];
    for (let page = 1, more = true; more; page += 1) {
      const result = await store.listThread({ conversationId, page, perPage: 3, until });
      pages.push(result.messages.map((m) => m.text));
      more = result.more;
    }
    expect(pages).toEqual([['thread 6', 'thread 5', 'thread 4'], ['thread 3', 'thread 2', 'thread 1'], ['thread 0']]);
  });

  it('maps refusals and rate limits: 400 MSG-246 → REFUSED, 429 → RATE_LIMITED with Retry-After, 503 → UNAVAILABLE (ambiguous)', async () => {
    const refused = await store.send({ from: '+16505550110', to: '+16505550101', text: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MessageStoreError);
    expect(refused).toMatchObject({ code: 'REFUSED', platformCode: 'MSG-246', ambiguous: false });
    await control(sim, 'POST', '/faults', {
      kind: 'rest-fail',
      status: 429,
      pathPrefix: '/restapi/v1.0/account/~/extension/~/sms',
    });
    const limited = await store.send({ from: AGENT, to: '+16505550101', text: 'x' }).catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1, transient: true, ambiguous: false });
    await control(sim, 'POST', '/faults', {
      kind: 'rest-fail',
      status: 503,
      pathPrefix: '/restapi/v1.0/account/~/extension/~/sms',
    });
    const down = await store.send({ from: AGENT, to: '+16505550101', text: 'x' }).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'UNAVAILABLE', ambiguous: true });
  });
});
