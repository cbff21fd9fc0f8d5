import type { Unsubscribe } from '../../core/support/typed-emitter';

/**
 * One notification as RingCentral delivers it (`ServerNotification` body): `event` is the filter path with the
 * account/extension ids filled in (`/restapi/v1.0/account/37439510/extension/62264101/telephony/sessions`).
 * @public
 */
export interface RcNotification {
  readonly uuid?: string;
  readonly event: string;
  readonly timestamp?: string;
  readonly subscriptionId?: string;
  readonly ownerId?: string;
  readonly body: unknown;
}

/**
 * Connection state of a channel: `connecting` (first connect), `connected` (subscribed), `recovered`
 * (reconnected; `lostEvents` true when the server could not replay what was missed — `recoveryState: "Failed"` —
 * so the owner should re-read state), `reconnecting` (socket lost, retrying).
 * @public
 */
export type ChannelState =
  | { readonly state: 'connecting' }
  | { readonly state: 'connected' }
  | { readonly state: 'reconnecting'; readonly detail?: string }
  | { readonly state: 'recovered'; readonly lostEvents: boolean };

/**
 * A WebSocket subscription transport (RingCentral WebSocket Gateway): subscribes once to a set of event filters and
 * delivers notifications; reconnects and recovers on its own. Implementations: {@link OfficialSubscriptionChannel}
 * (`@ringcentral/subscriptions` 5) and {@link WsgSubscriptionChannel} (a small client of the same protocol for the
 * size-limited browser bundle).
 * @public
 */
export interface SubscriptionChannel {
  /** Connects and subscribes (`POST /restapi/v1.0/subscription` over the socket); rejects when refused. */
  subscribe(eventFilters: readonly string[], onNotification: (notification: RcNotification) => void): Promise<void>;
  onState(listener: (state: ChannelState) => void): Unsubscribe;
  /** Deletes the subscription (best effort) and closes the socket. */
  dispose(): Promise<void>;
}
