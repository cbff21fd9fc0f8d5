import type { Presence, PresencePort, UserStatus, DndStatus } from '../core/ports/presence-port';
import { TypedEmitter, type Unsubscribe } from '../core/support/typed-emitter';
import { ReasonError } from '../core/engine/notices';

/**
 * A {@link PresencePort} the engine gets at construction, before the RingCentral login exists. Rejects until the
 * RingCentral presence is attached; on attach it reads the presence once and publishes it (`changed`), then forwards
 * the attached port's changes.
 * @public
 */
export class DeferredPresence implements PresencePort {
  private readonly emitter = new TypedEmitter<{ changed: Presence }>();
  private inner: PresencePort | null = null;
  private off: Unsubscribe | null = null;

  attach(port: PresencePort): void {
    this.detach();
    this.inner = port;
    this.off = port.on('changed', (presence) => this.emitter.emit('changed', presence));
    port.get().then(
      (presence) => {
        if (this.inner === port) this.emitter.emit('changed', presence);
      },
      () => undefined,
    );
  }

  detach(): void {
    this.off?.();
    this.off = null;
    this.inner = null;
  }

  get(): Promise<Presence> {
    return this.inner
      ? this.inner.get()
      : Promise.reject(new ReasonError('NOT_SIGNED_IN', 'Not signed in to RingCentral.'));
  }

  set(change: { userStatus: UserStatus; dndStatus?: DndStatus }): Promise<Presence> {
    return this.inner
      ? this.inner.set(change)
      : Promise.reject(new ReasonError('NOT_SIGNED_IN', 'Not signed in to RingCentral.'));
  }

  on(type: 'changed', listener: (presence: Presence) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }
}
