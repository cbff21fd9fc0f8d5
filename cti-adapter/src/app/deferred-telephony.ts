import { forwarding } from '../core/support/forwarding';
import type { Unsubscribe } from '../core/support/typed-emitter';
import { TypedEmitter } from '../core/support/typed-emitter';
import type {
  CallerIdNumber,
  TelephonyCommand,
  TelephonyEventMap,
  TelephonyPort,
  TelephonyEvents,
  TelephonyReconnecting,
  TelephonyStatus,
} from '../core/ports/telephony-port';
import { TELEPHONY_COMMANDS, TELEPHONY_EVENT_TYPES } from '../core/ports/telephony-port';
import { ReasonError } from '../core/engine/notices';

/**
 * A {@link TelephonyPort} that exists before the web phone does. The composition root creates the engine at
 * once (so click-to-dial is enabled as early as possible) and attaches the real RingCentral telephony when the
 * session is signed in; until then the status is `starting` (or `unavailable` with the reason given to
 * {@link DeferredTelephony.setStatus}, e.g. `logged-out`) and commands reject with "web phone not ready".
 * Events and commands ({@link TELEPHONY_COMMANDS}) of the attached port are forwarded unchanged; a `registered`
 * status carries the sign-in's `reconnecting` facet while {@link DeferredTelephony.setReconnecting} says so, and the
 * call-event subscription's `events` facet as {@link DeferredTelephony.setEvents} says (ADR 0034).
 * @public
 */
export class DeferredTelephony
  extends forwarding<TelephonyPort, TelephonyCommand>(TELEPHONY_COMMANDS)
  implements TelephonyPort
{
  private readonly emitter = new TypedEmitter<TelephonyEventMap>();
  private inner: TelephonyPort | null = null;
  private detachInner: Unsubscribe[] = [];
  private ownStatus: TelephonyStatus = { state: 'starting' };
  private reconnecting: TelephonyReconnecting | null = null;
  private events: TelephonyEvents | null = null;

  get status(): TelephonyStatus {
    return this.withFacets(this.inner ? this.inner.status : this.ownStatus);
  }

  /**
   * The sign-in is being renewed after a transient failure (`null`: it is fine again). Shown on a `registered`
   * status; the web phone itself keeps running.
   */
  setReconnecting(reconnecting: TelephonyReconnecting | null): void {
    if (reconnecting === this.reconnecting) return;
    this.reconnecting = reconnecting;
    this.emitter.emit('status', this.status);
  }

  /** The call-event subscription's state (`null`: subscribed, or no subscription to speak of). */
  setEvents(events: TelephonyEvents | null): void {
    if (events === this.events) return;
    this.events = events;
    this.emitter.emit('status', this.status);
  }

  private withFacets(status: TelephonyStatus): TelephonyStatus {
    if (status.state !== 'registered' || (!this.reconnecting && !this.events)) return status;
    return {
      ...status,
      ...(this.reconnecting ? { reconnecting: this.reconnecting } : {}),
      ...(this.events ? { events: this.events } : {}),
    };
  }

  /** The attached port, or `null`. */
  get attached(): TelephonyPort | null {
    return this.inner;
  }

  /** Status while no port is attached (e.g. `{state:'unavailable', reason:'logged-out'}`). */
  setStatus(status: TelephonyStatus): void {
    this.ownStatus = status;
    if (!this.inner) this.emitter.emit('status', this.status);
  }

  /** Forwards everything to `port` from now on and publishes its current status. */
  attach(port: TelephonyPort): void {
    this.detach();
    this.inner = port;
    this.detachInner = TELEPHONY_EVENT_TYPES.map((type) =>
      port.on(type, (event: TelephonyEventMap[typeof type]) =>
        this.emitter.emit(type, (type === 'status' ? this.withFacets(event as TelephonyStatus) : event) as never),
      ),
    );
    this.emitter.emit('status', this.status);
  }

  /** Stops forwarding (sign-out); the status falls back to the own status. */
  detach(): void {
    for (const off of this.detachInner.splice(0)) off();
    if (this.inner) {
      this.inner = null;
      this.emitter.emit('status', this.status);
    }
  }

  on<K extends keyof TelephonyEventMap>(type: K, listener: (event: TelephonyEventMap[K]) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  /** No caller IDs before the web phone is attached. */
  listCallerIds(): Promise<CallerIdNumber[]> {
    return this.inner ? this.inner.listCallerIds() : Promise.resolve([]);
  }

  protected forwardTarget(): TelephonyPort {
    if (!this.inner) throw new ReasonError('WEB_PHONE_NOT_READY', 'The web phone is not ready yet.');
    return this.inner;
  }
}
