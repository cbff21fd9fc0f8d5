import { TypedEmitter, type Unsubscribe } from '../../core/support/typed-emitter';
import type {
  MessageStoreChange,
  PresenceEvent,
  RcMessage,
  TelephonyParty,
  TelephonySessionEvent,
} from './ringcentral-event-types';
import type { ChannelState, RcNotification, SubscriptionChannel } from './subscription-channel';

/**
 * Event filters of the softphone's one subscription: telephony sessions, detailed presence, and the SMS of the
 * message store — the whole inbound SMS at once (`instant`) and the store's change notices (delivery status, read
 * marks, messages sent from other devices).
 * @public
 */
export const SOFTPHONE_EVENT_FILTERS = [
  '/restapi/v1.0/account/~/extension/~/telephony/sessions',
  '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true',
  '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS',
  '/restapi/v1.0/account/~/extension/~/message-store',
] as const;

/** Events of {@link RingCentralSubscription}. @public */
export interface RingCentralSubscriptionEventMap {
  /**
   * A telephony session changed. `ownParties` are the parties of the subscribed extension (its calls on any device:
   * this web phone, a desk phone, a RingOut leg); `extensionId` is taken from the event path.
   */
  telephony: {
    readonly session: TelephonySessionEvent;
    readonly extensionId: string | null;
    readonly ownParties: readonly TelephonyParty[];
  };
  /** Detailed presence of the subscribed extension. */
  presence: PresenceEvent;
  /** The message store: an inbound SMS as it arrives (`instant`), or a change notice with counts and new ids (`store`). */
  messages:
    | { readonly kind: 'instant'; readonly message: RcMessage }
    | { readonly kind: 'store'; readonly changes: readonly MessageStoreChange[] };
  /** Connection state; on `recovered` with `lostEvents`, owners re-read what they show (presence, active calls). */
  state: ChannelState;
}

/** @public */
export interface RingCentralSubscriptionOptions {
  /** The transport ({@link WsgSubscriptionChannel} in the browser bundle, {@link OfficialSubscriptionChannel} elsewhere). */
  readonly channel: SubscriptionChannel;
  readonly eventFilters?: readonly string[];
  readonly onListenerError?: (error: unknown) => void;
}

/**
 * The softphone's single WebSocket subscription to its extension's telephony sessions and detailed presence
 * (`SOFTPHONE_EVENT_FILTERS`), demultiplexed into typed events. One socket per page: RingCentral limits WebSocket
 * connections and subscriptions per user, so every consumer (presence, calls on other devices) listens here.
 * @public
 */
export class RingCentralSubscription {
  private readonly emitter: TypedEmitter<RingCentralSubscriptionEventMap>;
  private stateUnsubscribe: Unsubscribe | null = null;
  private started: Promise<void> | null = null;

  constructor(private readonly options: RingCentralSubscriptionOptions) {
    this.emitter = new TypedEmitter(options.onListenerError);
  }

  on<K extends keyof RingCentralSubscriptionEventMap>(
    type: K,
    listener: (event: RingCentralSubscriptionEventMap[K]) => void,
  ): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  /** Connects and subscribes once (later calls return the same promise); rejects when the platform refuses. */
  start(): Promise<void> {
    if (!this.started) {
      this.stateUnsubscribe = this.options.channel.onState((state) => this.emitter.emit('state', state));
      this.started = this.options.channel
        .subscribe(this.options.eventFilters ?? SOFTPHONE_EVENT_FILTERS, (n) => this.dispatch(n))
        .catch((error: unknown) => {
          this.started = null;
          this.stateUnsubscribe?.();
          this.stateUnsubscribe = null;
          throw error;
        });
    }
    return this.started;
  }

  async dispose(): Promise<void> {
    this.stateUnsubscribe?.();
    this.stateUnsubscribe = null;
    this.started = null;
    await this.options.channel.dispose();
  }

  private dispatch(notification: RcNotification): void {
    const extensionId = notification.event.match(/\/extension\/([^/?]+)/)?.[1] ?? null;
    const body = notification.body as Record<string, unknown> | null;
    if (!body) return;
    if (/\/telephony\/sessions/.test(notification.event)) {
      const session = body as unknown as TelephonySessionEvent;
      const parties = Array.isArray(session.parties) ? session.parties : [];
      this.emitter.emit('telephony', {
        session: { ...session, parties },
        extensionId,
        ownParties: extensionId ? parties.filter((p) => p.extensionId === extensionId) : parties,
      });
    } else if (/\/presence/.test(notification.event)) {
      this.emitter.emit('presence', body as PresenceEvent);
    } else if (/\/message-store\/instant/.test(notification.event)) {
      this.emitter.emit('messages', { kind: 'instant', message: body as unknown as RcMessage });
    } else if (/\/message-store/.test(notification.event)) {
      const changes = Array.isArray(body['changes']) ? (body['changes'] as MessageStoreChange[]) : [];
      this.emitter.emit('messages', { kind: 'store', changes });
    }
  }
}
