import { Subscriptions } from '@ringcentral/subscriptions';
import type { Unsubscribe } from '../../core/support/typed-emitter';
import type { ChannelState, RcNotification, SubscriptionChannel } from './subscription-channel';

/** The recovery events of `@rc-ex/ws` (`Events` of its `WebSocketExtension`). */
interface WsExtensionLike {
  eventEmitter: { on(event: string, listener: (arg?: unknown) => void): unknown };
  revoke(): Promise<void>;
}

/**
 * {@link SubscriptionChannel} over the official `@ringcentral/subscriptions` 5 (which wraps `@rc-ex/ws`): `POST
 * /restapi/oauth/wstoken`, WebSocket, `ConnectionDetails`, `ClientRequest` subscribe, heartbeat after 60 s of
 * silence, automatic reconnect with `wsc` recovery. The library's recovery events map to {@link ChannelState}:
 * `autoRecoverSuccess` → recovered (nothing lost), `autoRecoverFailed` → recovered with `lostEvents` (the library
 * re-subscribed), `autoRecoverError` → reconnecting.
 *
 * Size: this library brings `@rc-ex/core` and axios (≈ 68 KB gzip on top of the SDK), too much for the 120 KB
 * softphone bundle; the bundle uses {@link WsgSubscriptionChannel}; Node tests and other hosts can use this one.
 * @public
 */
export class OfficialSubscriptionChannel implements SubscriptionChannel {
  private readonly listeners = new Set<(state: ChannelState) => void>();
  private extension: WsExtensionLike | null = null;

  /** `sdk` is the `@ringcentral/sdk` instance of the logged-in session (`RingCentralSession.sdk`). */
  constructor(private readonly sdk: unknown) {}

  async subscribe(eventFilters: readonly string[], onNotification: (n: RcNotification) => void): Promise<void> {
    this.emit({ state: 'connecting' });
    const subscriptions = new Subscriptions({ sdk: this.sdk as ConstructorParameters<typeof Subscriptions>[0]['sdk'] });
    const subscription = subscriptions.createSubscription();
    subscription.setEventFilters([...eventFilters]);
    subscription.on(subscription.events.notification, (event: RcNotification) => onNotification(event));
    const registered = (await subscription.register()) as unknown as { wse: WsExtensionLike };
    const extension = registered.wse;
    this.extension = extension;
    extension.eventEmitter.on('autoRecoverSuccess', () => this.emit({ state: 'recovered', lostEvents: false }));
    extension.eventEmitter.on('autoRecoverFailed', () => this.emit({ state: 'recovered', lostEvents: true }));
    extension.eventEmitter.on('autoRecoverError', (error) =>
      this.emit({ state: 'reconnecting', detail: error instanceof Error ? error.message : String(error) }),
    );
    this.emit({ state: 'connected' });
  }

  onState(listener: (state: ChannelState) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    const extension = this.extension;
    this.extension = null;
    this.listeners.clear();
    if (extension) await extension.revoke().catch(() => undefined);
  }

  private emit(state: ChannelState): void {
    for (const listener of [...this.listeners]) listener(state);
  }
}
