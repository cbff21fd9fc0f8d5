import type { Presence, PresencePort } from '../../core/ports/presence-port';
import { TypedEmitter } from '../../core/support/typed-emitter';
import { DeferredPresence } from '../deferred-presence';

const AVAILABLE: Presence = {
  userStatus: 'Available',
  dndStatus: 'TakeAllCalls',
  telephonyStatus: 'NoCall',
  presenceStatus: 'Available',
};

class FakePresence implements PresencePort {
  readonly emitter = new TypedEmitter<{ changed: Presence }>();
  current: Presence = AVAILABLE;
  get(): Promise<Presence> {
    return Promise.resolve(this.current);
  }
  set(change: { userStatus: Presence['userStatus'] }): Promise<Presence> {
    this.current = { ...this.current, userStatus: change.userStatus };
    return Promise.resolve(this.current);
  }
  on(type: 'changed', listener: (presence: Presence) => void): () => void {
    return this.emitter.on(type, listener);
  }
}

describe('DeferredPresence', () => {
  it('rejects before a RingCentral presence is attached', async () => {
    await expect(new DeferredPresence().get()).rejects.toThrow('Not signed in');
    await expect(new DeferredPresence().set({ userStatus: 'Busy' })).rejects.toThrow('Not signed in');
  });

  it('publishes the presence read on attach, then forwards changes and commands', async () => {
    const deferred = new DeferredPresence();
    const port = new FakePresence();
    const seen: string[] = [];
    deferred.on('changed', (p) => seen.push(p.userStatus));
    deferred.attach(port);
    await Promise.resolve();
    await Promise.resolve();
    expect(seen).toEqual(['Available']);
    await expect(deferred.set({ userStatus: 'Busy' })).resolves.toMatchObject({ userStatus: 'Busy' });
    port.emitter.emit('changed', { ...AVAILABLE, userStatus: 'Offline' });
    expect(seen).toEqual(['Available', 'Offline']);
    deferred.detach();
    port.emitter.emit('changed', AVAILABLE);
    expect(seen).toEqual(['Available', 'Offline']);
  });
});
