import { systemClock, type Clock, type TimerHandle } from '../../core/ports/clock';
import type { Unsubscribe } from '../../core/support/typed-emitter';
import type { RingCentralApi } from '../rest/ringcentral-api';
import type { ChannelState, RcNotification, SubscriptionChannel } from './subscription-channel';

/** The WebSocket surface the channel uses (browser `WebSocket`; the `ws` package in Node tests). @public */
export interface WsgSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** @public */
export interface WsgSubscriptionChannelOptions {
  readonly api: RingCentralApi;
  /** Opens a socket (default `new WebSocket(url)`). */
  readonly openSocket?: (url: string) => WsgSocket;
  readonly clock?: Clock;
  /**
   * Client heartbeat after this much silence (ms). Default 60 000, as `@rc-ex/ws`; shortened to half the server's
   * `idleTimeout` when the server announces less than twice this (see {@link WsgSubscriptionChannel}).
   */
  readonly heartbeatIdleMs?: number;
  /** Reconnect delay for attempt n (ms). Default 2 s, 4 s, 6 s, then 8 s, as `@rc-ex/ws`. */
  readonly reconnectDelay?: (attempt: number) => number;
  /** Longest wait for `ConnectionDetails` or a request's answer (ms). Default 15 000. */
  readonly requestTimeoutMs?: number;
}

type Frame = [Record<string, unknown>, unknown?];

interface WsToken {
  readonly uri: string;
  readonly ws_access_token: string;
  readonly expires_in: number;
}

/**
 * A small client of the RingCentral WebSocket Gateway protocol, the one `@ringcentral/subscriptions` 5 speaks
 * (the RingCentral developer guide on WebSocket subscriptions (developers.ringcentral.com/guide/notifications/websockets) and `@rc-ex/ws` (github.com/ringcentral/ringcentral-extensible)), written for the browser
 * bundle: the official library pulls `@rc-ex/core` and axios (≈ 68 KB gzip) into a 120 KB budget.
 *
 * Protocol: `POST /restapi/oauth/wstoken` → `{uri, ws_access_token, expires_in}`; open
 * `{uri}?access_token=…` (`&wsc=<token>` to recover); the server's first frame is `ConnectionDetails` (`wsc`
 * `{token, sequence}`, `recoveryTimeout`…); subscribe with a `ClientRequest` `POST /restapi/v1.0/subscription`
 * `{deliveryMode:{transportType:'WebSocket'}, eventFilters}` answered with the same `messageId`; notifications are
 * `ServerNotification` frames routed by `subscriptionId`; a `Heartbeat` after 60 s of silence, or after half the
 * `idleTimeout` (seconds) that `ConnectionDetails` announces when that is shorter: the gateway closes a socket idle for
 * that long with `WSG-902 Idle timeout expired` (RingCentral Developer Guide, "Keeping WebSocket connections alive").
 * The heartbeat timer is re-armed from each received frame (a socket event, never from a timer callback), so a hidden
 * page's chained-timer throttling does not stretch it (Chrome, "Heavy throttling of chained JS timers").
 *
 * Recovery (as `@rc-ex/ws` does it): when the socket closes, reconnect after 2/4/6/8 s; within the server's
 * `recoveryTimeout` reconnect with `&wsc=`; `recoveryState: "Successful"` → the subscription lives on and the server
 * replays missed events (`recovered`, `lostEvents: false`); `Failed` or too late → subscribe again (`recovered`,
 * `lostEvents: true`). Not implemented (unused by the softphone): REST over WebSocket, subscription renewal by PUT.
 * @public
 */
export class WsgSubscriptionChannel implements SubscriptionChannel {
  private readonly clock: Clock;
  private readonly listeners = new Set<(state: ChannelState) => void>();
  private readonly pending = new Map<string, { resolve: (frame: Frame) => void; reject: (e: Error) => void }>();
  private socket: WsgSocket | null = null;
  private token: WsToken | null = null;
  private tokenExpiresAt = 0;
  private wsc: { token: string; sequence: number } | null = null;
  private recoveryTimeoutMs = 0;
  /** The server's `idleTimeout` (ms) from the last `ConnectionDetails`; 0 = not announced. */
  private idleTimeoutMs = 0;
  private lostAt: number | null = null;
  private subscriptionId: string | null = null;
  private eventFilters: readonly string[] = [];
  private onNotification: ((n: RcNotification) => void) | null = null;
  private heartbeatTimer: TimerHandle | null = null;
  private reconnectTimer: TimerHandle | null = null;
  private attempts = 0;
  private disposed = false;
  private messageCounter = 0;

  constructor(private readonly options: WsgSubscriptionChannelOptions) {
    this.clock = options.clock ?? systemClock;
  }

  async subscribe(eventFilters: readonly string[], onNotification: (n: RcNotification) => void): Promise<void> {
    this.eventFilters = [...eventFilters];
    this.onNotification = onNotification;
    this.emit({ state: 'connecting' });
    await this.connect(false);
    await this.createSubscription();
    this.emit({ state: 'connected' });
  }

  onState(listener: (state: ChannelState) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.reconnectTimer !== null) this.clock.clearTimeout(this.reconnectTimer);
    this.stopHeartbeat();
    const socket = this.socket;
    if (socket && socket.readyState === 1 && this.subscriptionId) {
      await this.request('DELETE', `/restapi/v1.0/subscription/${this.subscriptionId}`, undefined, 2000).catch(
        () => undefined,
      );
    }
    this.socket = null;
    socket?.close(1000, 'dispose');
    this.rejectPending(new Error('Subscription channel disposed'));
    this.listeners.clear();
  }

  // ───────────────────────────── connection ─────────────────────────────

  /** Opens a socket and waits for `ConnectionDetails`; resolves with whether the server recovered the session. */
  private async connect(recover: boolean): Promise<{ recovered: boolean }> {
    if (!this.token || this.clock.now() > this.tokenExpiresAt) {
      const token = await this.options.api.post<WsToken>('/restapi/oauth/wstoken');
      this.token = token;
      this.tokenExpiresAt = this.clock.now() + token.expires_in * 0.8 * 1000;
    }
    let url = `${this.token.uri}${this.token.uri.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(
      this.token.ws_access_token,
    )}`;
    if (recover && this.wsc) url += `&wsc=${encodeURIComponent(this.wsc.token)}`;
    const open = this.options.openSocket ?? ((u: string) => new WebSocket(u) as unknown as WsgSocket);
    const socket = open(url);
    this.socket = socket;
    return new Promise<{ recovered: boolean }>((resolve, reject) => {
      let settled = false;
      const timer = this.clock.setTimeout(
        () => fail(new Error('No ConnectionDetails from the WebSocket gateway')),
        this.timeoutMs(),
      );
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        if (this.socket === socket) this.socket = null;
        socket.close();
        reject(error);
      };
      socket.addEventListener('message', (event) => {
        const frame = parseFrame(event.data);
        if (!frame || this.socket !== socket) return;
        this.armHeartbeat();
        const [meta, body] = frame;
        this.trackWsc(meta, body);
        if (!settled && meta['type'] === 'ConnectionDetails') {
          settled = true;
          this.clock.clearTimeout(timer);
          const details = (body ?? {}) as { recoveryTimeout?: number; idleTimeout?: number; recoveryState?: string };
          this.recoveryTimeoutMs = (details.recoveryTimeout ?? 0) * 1000;
          const idleTimeout = Number(details.idleTimeout);
          this.idleTimeoutMs = Number.isFinite(idleTimeout) && idleTimeout > 0 ? idleTimeout * 1000 : 0;
          this.armHeartbeat();
          resolve({ recovered: recover && details.recoveryState === 'Successful' });
          return;
        }
        if (!settled && meta['type'] === 'Error') {
          fail(new Error(errorMessage(body) ?? 'WebSocket gateway refused the connection'));
          return;
        }
        this.onFrame(meta, body);
      });
      socket.addEventListener('error', () => fail(new Error('WebSocket connection failed')));
      socket.addEventListener('close', () => {
        if (!settled) {
          fail(new Error('WebSocket closed before ConnectionDetails'));
          return;
        }
        if (this.socket === socket) this.onSocketLost();
      });
    });
  }

  private onSocketLost(): void {
    this.socket = null;
    this.stopHeartbeat();
    this.rejectPending(new Error('WebSocket closed'));
    if (this.disposed) return;
    this.lostAt ??= this.clock.now();
    this.emit({ state: 'reconnecting' });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.reconnectTimer !== null) return;
    this.attempts += 1;
    const delay = (this.options.reconnectDelay ?? ((n: number) => Math.min(8000, 2000 * n)))(this.attempts);
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    if (this.disposed) return;
    const withinRecovery = this.lostAt !== null && this.clock.now() - this.lostAt <= this.recoveryTimeoutMs;
    try {
      const { recovered } = await this.connect(withinRecovery && !!this.wsc);
      if (!recovered) {
        this.subscriptionId = null;
        await this.createSubscription();
      }
      this.attempts = 0;
      this.lostAt = null;
      this.emit({ state: 'recovered', lostEvents: !recovered });
    } catch (error) {
      if (this.disposed) return;
      this.emit({ state: 'reconnecting', detail: error instanceof Error ? error.message : String(error) });
      if (this.socket) {
        // connected but subscribing failed: drop this socket and retry
        const socket = this.socket;
        this.socket = null;
        socket.close();
      }
      this.scheduleReconnect();
    }
  }

  // ───────────────────────────── frames ─────────────────────────────

  private async createSubscription(): Promise<void> {
    const [, body] = await this.request('POST', '/restapi/v1.0/subscription', {
      deliveryMode: { transportType: 'WebSocket' },
      eventFilters: this.eventFilters,
    });
    const id = (body as { id?: string } | undefined)?.id;
    if (!id) throw new Error('The subscription response carried no id');
    this.subscriptionId = id;
  }

  private request(method: string, path: string, body?: unknown, timeoutMs = this.timeoutMs()): Promise<Frame> {
    const socket = this.socket;
    if (!socket || socket.readyState !== 1) return Promise.reject(new Error('WebSocket is not open'));
    const messageId = this.nextMessageId();
    const meta = { type: 'ClientRequest', messageId, method, path, headers: {} };
    return new Promise<Frame>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.pending.delete(messageId);
        reject(new Error(`${method} ${path}: no answer from the WebSocket gateway`));
      }, timeoutMs);
      this.pending.set(messageId, {
        resolve: (frame) => {
          this.clock.clearTimeout(timer);
          const status = Number(frame[0]['status'] ?? 200);
          if (status >= 400) reject(new Error(errorMessage(frame[1]) ?? `${method} ${path} failed (${status})`));
          else resolve(frame);
        },
        reject: (error) => {
          this.clock.clearTimeout(timer);
          reject(error);
        },
      });
      socket.send(JSON.stringify(body === undefined ? [meta] : [meta, body]));
    });
  }

  private onFrame(meta: Record<string, unknown>, body: unknown): void {
    const type = meta['type'];
    if (type === 'ClientRequest' && typeof meta['messageId'] === 'string') {
      const waiter = this.pending.get(meta['messageId']);
      if (waiter) {
        this.pending.delete(meta['messageId']);
        waiter.resolve([meta, body]);
      }
      return;
    }
    if (type === 'ServerNotification') {
      const notification = body as RcNotification | undefined;
      if (notification && notification.subscriptionId === this.subscriptionId) this.onNotification?.(notification);
    }
  }

  private trackWsc(meta: Record<string, unknown>, body: unknown): void {
    const wsc = meta['wsc'] as { token?: string; sequence?: number } | undefined;
    if (!wsc?.token) return;
    const isDetails =
      meta['type'] === 'ConnectionDetails' && !!(body as { recoveryState?: string } | undefined)?.recoveryState;
    if (!this.wsc || isDetails || this.wsc.sequence < (wsc.sequence ?? 0) || meta['type'] === 'ConnectionDetails') {
      this.wsc = { token: wsc.token, sequence: wsc.sequence ?? 0 };
    }
  }

  private armHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeatTimer = this.clock.setTimeout(() => {
      this.heartbeatTimer = null;
      const socket = this.socket;
      if (!socket || socket.readyState !== 1) return;
      try {
        socket.send(JSON.stringify([{ type: 'Heartbeat', messageId: this.nextMessageId() }]));
      } catch {
        socket.close();
      }
    }, this.heartbeatDelayMs());
  }

  /** Silence before a heartbeat: the option (default 60 s), at most half the server's idle timeout. */
  private heartbeatDelayMs(): number {
    const configured = this.options.heartbeatIdleMs ?? 60_000;
    return this.idleTimeoutMs > 0 ? Math.min(configured, this.idleTimeoutMs / 2) : configured;
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) this.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private rejectPending(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }

  private nextMessageId(): string {
    this.messageCounter += 1;
    return `${this.clock.now().toString(36)}-${this.messageCounter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  }

  private timeoutMs(): number {
    return this.options.requestTimeoutMs ?? 15_000;
  }

  private emit(state: ChannelState): void {
    for (const listener of [...this.listeners]) listener(state);
  }
}

function parseFrame(data: unknown): Frame | null {
  try {
    const text = typeof data === 'string' ? data : String(data);
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'object' || parsed[0] === null) return null;
    return [parsed[0] as Record<string, unknown>, parsed[1]];
  } catch {
    return null;
  }
}

function errorMessage(body: unknown): string | null {
  const b = body as { message?: string; errorCode?: string; errors?: { message?: string }[] } | undefined;
  return b?.message ?? b?.errors?.[0]?.message ?? b?.errorCode ?? null;
}
