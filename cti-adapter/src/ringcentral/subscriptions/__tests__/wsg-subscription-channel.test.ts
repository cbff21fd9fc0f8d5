import { FakeApi } from '../../__tests__/support/fake-api';
import { flush, ManualClock } from '../../__tests__/support/fake-clock';
import type { ChannelState, RcNotification } from '../subscription-channel';
import { WsgSubscriptionChannel, type WsgSocket } from '../wsg-subscription-channel';

type Frame = [Record<string, unknown>, unknown?];

class ScriptedSocket implements WsgSocket {
  readyState = 0;
  readonly sent: Frame[] = [];
  private readonly listeners = new Map<string, ((event: { data: unknown }) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Frame);
  }
  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.fire('close');
  }
  fire(type: string, data?: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }
  /** Server side: open and send ConnectionDetails. */
  accept(details: Record<string, unknown> = {}, wscToken = 'wsc-1', sequence = 1): void {
    this.readyState = 1;
    this.fire('open');
    this.push([
      { type: 'ConnectionDetails', messageId: 'cd', status: 200, headers: {}, wsc: { token: wscToken, sequence } },
      { creationTime: 'now', recoveryTimeout: 180, idleTimeout: 900, absoluteTimeout: 86400, ...details },
    ]);
  }
  push(frame: Frame): void {
    this.fire('message', JSON.stringify(frame));
  }
  /** Server side: answer the last ClientRequest. */
  answerLast(status = 200, body: unknown = { id: 'sub-1' }): void {
    const request = [...this.sent].reverse().find((f) => f[0]['type'] === 'ClientRequest');
    if (!request) throw new Error('no request to answer');
    this.push([{ type: 'ClientRequest', messageId: request[0]['messageId'], status, headers: {} }, body]);
  }
}

function setup() {
  const clock = new ManualClock();
  const api = new FakeApi().on('POST', '/restapi/oauth/wstoken', () => ({
    uri: 'wss://rc.test/ws',
    ws_access_token: 'wsat',
    expires_in: 600,
  }));
  const sockets: ScriptedSocket[] = [];
  const channel = new WsgSubscriptionChannel({
    api,
    clock,
    openSocket: (url) => {
      const socket = new ScriptedSocket(url);
      sockets.push(socket);
      return socket;
    },
  });
  const states: ChannelState[] = [];
  channel.onState((s) => states.push(s));
  const notifications: RcNotification[] = [];
  const last = (): ScriptedSocket => {
    const s = sockets[sockets.length - 1];
    if (!s) throw new Error('no socket');
    return s;
  };
  return { clock, api, sockets, last, channel, states, notifications };
}

async function subscribed() {
  const ctx = setup();
  const done = ctx.channel.subscribe(['/restapi/v1.0/account/~/extension/~/telephony/sessions'], (n) =>
    ctx.notifications.push(n),
  );
  await flush();
  ctx.last().accept();
  await flush();
  ctx.last().answerLast();
  await done;
  return ctx;
}

const notification = (subscriptionId: string, uuid: string): Frame => [
  { type: 'ServerNotification', messageId: uuid, status: 200, headers: {}, wsc: { token: 'wsc-1', sequence: 2 } },
  {
    uuid,
    event: '/restapi/v1.0/account/1/extension/2/telephony/sessions',
    subscriptionId,
    body: { telephonySessionId: 's-1' },
  },
];

describe('WsgSubscriptionChannel', () => {
  it('gets a wstoken, opens the socket with it and subscribes with a ClientRequest', async () => {
    const ctx = await subscribed();
    expect(ctx.sockets[0]?.url).toBe('wss://rc.test/ws?access_token=wsat');
    const [meta, body] = ctx.sockets[0]?.sent[0] ?? [{}];
    expect(meta).toMatchObject({ type: 'ClientRequest', method: 'POST', path: '/restapi/v1.0/subscription' });
    expect(body).toEqual({
      deliveryMode: { transportType: 'WebSocket' },
      eventFilters: ['/restapi/v1.0/account/~/extension/~/telephony/sessions'],
    });
    expect(ctx.states).toEqual([{ state: 'connecting' }, { state: 'connected' }]);
  });

  it('delivers notifications of its subscription only', async () => {
    const ctx = await subscribed();
    ctx.last().push(notification('sub-1', 'n1'));
    ctx.last().push(notification('other', 'n2'));
    expect(ctx.notifications.map((n) => n.uuid)).toEqual(['n1']);
  });

  it('rejects when the subscription is refused', async () => {
    const ctx = setup();
    const done = ctx.channel.subscribe(['/bad'], () => undefined);
    await flush();
    ctx.last().accept();
    await flush();
    ctx.last().answerLast(403, { errorCode: 'SUB-406', message: 'Event filter is not allowed' });
    await expect(done).rejects.toThrow('Event filter is not allowed');
  });

  it('sends a Heartbeat after 60 s of silence', async () => {
    const ctx = await subscribed();
    await ctx.clock.advance(59_999);
    expect(ctx.last().sent.filter((f) => f[0]['type'] === 'Heartbeat')).toHaveLength(0);
    await ctx.clock.advance(1);
    expect(ctx.last().sent.filter((f) => f[0]['type'] === 'Heartbeat')).toHaveLength(1);
  });

  it('sends its Heartbeat after half the idleTimeout the server announces when that is under 60 s, again after each answer', async () => {
    const ctx = setup();
    const done = ctx.channel.subscribe(['/restapi/v1.0/account/~/extension/~/telephony/sessions'], () => undefined);
    await flush();
    ctx.last().accept({ idleTimeout: 20 });
    await flush();
    ctx.last().answerLast();
    await done;
    const heartbeats = (): Frame[] => ctx.last().sent.filter((f) => f[0]['type'] === 'Heartbeat');
    await ctx.clock.advance(9_999);
    expect(heartbeats()).toHaveLength(0);
    await ctx.clock.advance(1);
    expect(heartbeats()).toHaveLength(1);
    ctx.last().push([{ type: 'Heartbeat', messageId: heartbeats()[0]![0]['messageId'], status: 200, headers: {} }]);
    await ctx.clock.advance(10_000);
    expect(heartbeats()).toHaveLength(2);
  });

  it('keeps the 60 s heartbeat when the announced idleTimeout is long, missing or malformed', async () => {
    for (const idleTimeout of [1800, undefined, 'soon', 0]) {
      const ctx = setup();
      const done = ctx.channel.subscribe(['/restapi/v1.0/account/~/extension/~/telephony/sessions'], () => undefined);
      await flush();
      ctx.last().accept({ idleTimeout });
      await flush();
      ctx.last().answerLast();
      await done;
      await ctx.clock.advance(59_999);
      expect(ctx.last().sent.filter((f) => f[0]['type'] === 'Heartbeat')).toHaveLength(0);
      await ctx.clock.advance(1);
      expect(ctx.last().sent.filter((f) => f[0]['type'] === 'Heartbeat')).toHaveLength(1);
    }
  });

  it('recovers with the wsc token after a drop: no resubscribe when the server recovered the session', async () => {
    const ctx = await subscribed();
    ctx.last().close();
    expect(ctx.states.at(-1)).toEqual({ state: 'reconnecting' });
    await ctx.clock.advance(2000);
    expect(ctx.sockets).toHaveLength(2);
    expect(ctx.last().url).toBe('wss://rc.test/ws?access_token=wsat&wsc=wsc-1');
    ctx.last().accept({ recoveryState: 'Successful' }, 'wsc-1', 3);
    await flush();
    expect(ctx.last().sent).toHaveLength(0);
    expect(ctx.states.at(-1)).toEqual({ state: 'recovered', lostEvents: false });
    ctx.last().push(notification('sub-1', 'after'));
    expect(ctx.notifications.map((n) => n.uuid)).toEqual(['after']);
  });

  it('subscribes again when recovery failed and reports lost events', async () => {
    const ctx = await subscribed();
    ctx.last().close();
    await ctx.clock.advance(2000);
    ctx.last().accept({ recoveryState: 'Failed' }, 'wsc-2', 1);
    await flush();
    ctx.last().answerLast(200, { id: 'sub-2' });
    await flush();
    expect(ctx.states.at(-1)).toEqual({ state: 'recovered', lostEvents: true });
    ctx.last().push(notification('sub-2', 'new'));
    ctx.last().push(notification('sub-1', 'old'));
    expect(ctx.notifications.map((n) => n.uuid)).toEqual(['new']);
  });

  it('keeps retrying with growing delays while the gateway is unreachable', async () => {
    const ctx = await subscribed();
    ctx.last().close();
    await ctx.clock.advance(2000);
    ctx.last().fire('error');
    await flush();
    expect(ctx.sockets).toHaveLength(2);
    await ctx.clock.advance(3999);
    expect(ctx.sockets).toHaveLength(2);
    await ctx.clock.advance(1);
    expect(ctx.sockets).toHaveLength(3);
  });

  it('dispose deletes the subscription and stops reconnecting', async () => {
    const ctx = await subscribed();
    const done = ctx.channel.dispose();
    await flush();
    const [meta] = ctx.last().sent.at(-1) ?? [{}];
    expect(meta).toMatchObject({ method: 'DELETE', path: '/restapi/v1.0/subscription/sub-1' });
    ctx.last().answerLast(200, {});
    await done;
    await ctx.clock.advance(60_000);
    expect(ctx.sockets).toHaveLength(1);
  });
});
