import type { DndStatus, Presence, PresencePort, UserStatus } from '../../core/ports/presence-port';
import { TypedEmitter, type Unsubscribe } from '../../core/support/typed-emitter';
import type { RingCentralApi } from '../rest/ringcentral-api';
import type { PresenceEvent } from '../subscriptions/ringcentral-event-types';
import type { RingCentralSubscription } from '../subscriptions/ringcentral-subscription';

const PRESENCE_PATH = '/restapi/v1.0/account/~/extension/~/presence';
const USER_STATUSES: readonly UserStatus[] = ['Available', 'Busy', 'Offline'];
const DND_STATUSES: readonly DndStatus[] = [
  'TakeAllCalls',
  'DoNotAcceptDepartmentCalls',
  'TakeDepartmentCallsOnly',
  'DoNotAcceptAnyCalls',
];

/** @public */
export interface RingCentralPresenceOptions {
  readonly api: RingCentralApi;
  /** Source of live changes (the page's one subscription); without it only `get`/`set` work. */
  readonly subscription?: Pick<RingCentralSubscription, 'on'> | null;
  readonly onListenerError?: (error: unknown) => void;
}

/**
 * The agent's presence — {@link PresencePort} over `GET/PUT /restapi/v1.0/account/~/extension/~/presence`
 * (`detailedTelephonyState=true`) and the presence notifications of {@link RingCentralSubscription}. After a
 * reconnect that lost events (`recovered` with `lostEvents`) it re-reads the presence and publishes it.
 * `changed` fires only when a field the port exposes changed.
 * @public
 */
export class RingCentralPresence implements PresencePort {
  private readonly emitter: TypedEmitter<{ changed: Presence }>;
  private last: Presence | null = null;

  constructor(private readonly options: RingCentralPresenceOptions) {
    this.emitter = new TypedEmitter(options.onListenerError);
    options.subscription?.on('presence', (event) => this.publish(toPresence(event, this.last)));
    options.subscription?.on('state', (state) => {
      if (state.state === 'recovered' && state.lostEvents) void this.get().catch(() => undefined);
    });
  }

  async get(): Promise<Presence> {
    const body = await this.options.api.get<PresenceEvent>(PRESENCE_PATH, { detailedTelephonyState: true });
    return this.publish(toPresence(body, this.last));
  }

  /** `PUT …/presence` `{userStatus, dndStatus?}`; resolves with the presence the platform returns. */
  async set(change: { userStatus: UserStatus; dndStatus?: DndStatus }): Promise<Presence> {
    const body = await this.options.api.put<PresenceEvent>(PRESENCE_PATH, {
      userStatus: change.userStatus,
      ...(change.dndStatus ? { dndStatus: change.dndStatus } : {}),
    });
    return this.publish(toPresence(body, this.last));
  }

  on(type: 'changed', listener: (presence: Presence) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  private publish(presence: Presence): Presence {
    const previous = this.last;
    this.last = presence;
    const same =
      previous &&
      previous.userStatus === presence.userStatus &&
      previous.dndStatus === presence.dndStatus &&
      previous.telephonyStatus === presence.telephonyStatus &&
      previous.presenceStatus === presence.presenceStatus;
    if (!same) this.emitter.emit('changed', presence);
    return presence;
  }
}

/** Fills fields a notification left out from the last known presence (notifications may be partial). */
function toPresence(body: PresenceEvent, last: Presence | null): Presence {
  const userStatus = (USER_STATUSES as readonly string[]).includes(body.userStatus ?? '')
    ? (body.userStatus as UserStatus)
    : (last?.userStatus ?? 'Available');
  const dndStatus = (DND_STATUSES as readonly string[]).includes(body.dndStatus ?? '')
    ? (body.dndStatus as DndStatus)
    : (last?.dndStatus ?? 'TakeAllCalls');
  return {
    userStatus,
    dndStatus,
    telephonyStatus: body.telephonyStatus ?? last?.telephonyStatus ?? 'NoCall',
    presenceStatus: body.presenceStatus ?? last?.presenceStatus ?? userStatus,
  };
}
