import { forwarding } from '../core/support/forwarding';
import type { Unsubscribe } from '../core/support/typed-emitter';
import { TypedEmitter } from '../core/support/typed-emitter';
import type {
  CallerIdNumber,
  TelephonyCommand,
  TelephonyEventMap,
  TelephonyPort,
  TelephonyStatus,
} from '../core/ports/telephony-port';
import { TELEPHONY_COMMANDS, TELEPHONY_EVENT_TYPES } from '../core/ports/telephony-port';

/**
 * A {@link TelephonyPort} that exists before the web phone does. The composition root creates the engine at
 * once (so click-to-dial is enabled as early as possible) and attaches the real RingCentral telephony when the
 * session is signed in; until then the status is `starting` (or `unavailable` with the reason given to
 * {@link DeferredTelephony.setStatus}, e.g. `logged-out`) and commands reject with "web phone not ready".
 * Events and commands ({@link TELEPHONY_COMMANDS}) of the attached port are forwarded unchanged.
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

  get status(): TelephonyStatus {
    return this.inner ? this.inner.status : this.ownStatus;
  }

  /** The attached port, or `null`. */
  get attached(): TelephonyPort | null {
    return this.inner;
  }

  /** Status while no port is attached (e.g. `{state:'unavailable', reason:'logged-out'}`). */
  setStatus(status: TelephonyStatus): void {
    this.ownStatus = status;
    if (!this.inner) this.emitter.emit('status', status);
  }

  /** Forwards everything to `port` from now on and publishes its current status. */
  attach(port: TelephonyPort): void {
    this.detach();
    this.inner = port;
    this.detachInner = TELEPHONY_EVENT_TYPES.map((type) =>
      port.on(type, (event: TelephonyEventMap[typeof type]) => this.emitter.emit(type, event as never)),
    );
    this.emitter.emit('status', port.status);
  }

  /** Stops forwarding (sign-out); the status falls back to the own status. */
  detach(): void {
    for (const off of this.detachInner.splice(0)) off();
    if (this.inner) {
      this.inner = null;
      this.emitter.emit('status', this.ownStatus);
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
    if (!this.inner) throw new Error('The web phone is not ready yet.');
    return this.inner;
  }
}
