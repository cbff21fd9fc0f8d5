import type { TypedEmitter } from '../core/support/typed-emitter';
import { RingCentralCallHistory } from '../ringcentral/call-log/ringcentral-call-history';
import { RingCentralPresence } from '../ringcentral/presence/ringcentral-presence';
import type { RingCentralApi } from '../ringcentral/rest/ringcentral-api';
import {
  RingCentralSubscription,
  type RingCentralSubscriptionEventMap,
} from '../ringcentral/subscriptions/ringcentral-subscription';
import { WsgSubscriptionChannel } from '../ringcentral/subscriptions/wsg-subscription-channel';

/** What {@link startRingCentralExtras} started for one signed-in web phone. @public */
export interface RingCentralExtras {
  readonly presence: RingCentralPresence;
  readonly history: RingCentralCallHistory;
  /** The page's one event subscription (the Messages feature listens to its message-store events, ADR 0019). */
  readonly events: RingCentralSubscription;
  /** Closes the event subscription (sign-out). Never rejects. */
  dispose(): Promise<void>;
}

/**
 * The RingCentral parts that ringing, answering and the screen pop do not need, started once the web phone is
 * registered, from a chunk of their own (ADR 0018): ONE WebSocket subscription (telephony sessions, detailed
 * presence, instant SMS and message-store changes) over the small `WsgSubscriptionChannel` (never the official one, ≈ 68 KB gzip), the presence (REST + live
 * changes from that subscription) and the call history. The subscription's telephony events and its connection
 * state are also emitted on `relay`, which the web phone was given at its creation (RingOut calls learn their
 * telephony session ids from it; the connection follows the state, ADR 0034).
 * A refused or unreachable WebSocket leaves calls working (presence then falls back to REST reads).
 * @public
 */
export function startRingCentralExtras(options: {
  readonly api: RingCentralApi;
  readonly mediaServer: string;
  readonly relay: Pick<TypedEmitter<RingCentralSubscriptionEventMap>, 'emit'>;
}): RingCentralExtras {
  const { api, mediaServer, relay } = options;
  const events = new RingCentralSubscription({ channel: new WsgSubscriptionChannel({ api }) });
  events.on('telephony', (event) => relay.emit('telephony', event));
  events.on('state', (state) => relay.emit('state', state));
  const presence = new RingCentralPresence({ api, subscription: events });
  events.start().catch((error: unknown) => {
    console.warn('RingCentral event subscription failed', error);
  });
  return {
    presence,
    history: new RingCentralCallHistory({ api, mediaServer }),
    events,
    dispose: () => events.dispose().catch(() => undefined),
  };
}
