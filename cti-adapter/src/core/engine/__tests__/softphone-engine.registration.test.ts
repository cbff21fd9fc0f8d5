import { MemoryKeyValueStore } from '../../ports/key-value-store';
import type { Presence, PresencePort } from '../../ports/presence-port';
import type { CallerIdNumber } from '../../ports/telephony-port';
import { TypedEmitter } from '../../support/typed-emitter';
import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeCtiHost } from '../../__tests__/support/fake-cti-host';
import { FakeTelephony } from '../../__tests__/support/fake-telephony';
import { SoftphoneEngine } from '../softphone-engine';

const AVAILABLE: Presence = {
  userStatus: 'Available',
  dndStatus: 'TakeAllCalls',
  telephonyStatus: 'NoCall',
  presenceStatus: 'Available',
};

/** A web phone that, like the real one, only knows the caller ids once it is registered. */
class LateTelephony extends FakeTelephony {
  listCalls = 0;
  override async listCallerIds(): Promise<CallerIdNumber[]> {
    this.listCalls += 1;
    if (this.status.state !== 'registered') throw new Error('not registered');
    return super.listCallerIds();
  }
}

/** Presence that rejects until the RingCentral login exists (like the app's deferred presence). */
class LatePresence implements PresencePort {
  readonly emitter = new TypedEmitter<{ changed: Presence }>();
  signedIn = false;
  gets = 0;
  current: Presence = AVAILABLE;
  async get(): Promise<Presence> {
    this.gets += 1;
    if (!this.signedIn) throw new Error('Not signed in to RingCentral.');
    return this.current;
  }
  async set(change: Pick<Presence, 'userStatus'>): Promise<Presence> {
    this.current = { ...this.current, userStatus: change.userStatus };
    return this.current;
  }
  on(type: 'changed', listener: (presence: Presence) => void) {
    return this.emitter.on(type, listener);
  }
}

function makeEngine() {
  const telephony = new LateTelephony();
  const presence = new LatePresence();
  const engine = new SoftphoneEngine({
    telephony,
    host: new FakeCtiHost(),
    crm: new FakeCrmGateway(),
    store: new MemoryKeyValueStore(),
    clock: new FakeClock(),
    presence,
  });
  return { engine, telephony, presence };
}

describe('SoftphoneEngine — caller ids and presence follow the registration', () => {
  it('loads caller ids and presence when the web phone registers after start()', async () => {
    const { engine, telephony, presence } = makeEngine();
    await engine.start();
    await settle();
    expect(engine.getState().callerIds).toEqual([]);
    expect(engine.getState().presence).toBeNull();

    presence.signedIn = true;
    telephony.setStatus({ state: 'registered' });
    await settle();
    expect(engine.getState().callerIds.map((c) => c.phoneNumber)).toEqual(['+16505550100']);
    expect(engine.getState().presence?.userStatus).toBe('Available');
  });

  it('reloads only on a change to registered, and again after a sign-out / sign-in', async () => {
    const { engine, telephony, presence } = makeEngine();
    await engine.start();
    await settle();
    presence.signedIn = true;
    telephony.setStatus({ state: 'registered' });
    await settle();
    const afterFirst = telephony.listCalls;
    telephony.setStatus({ state: 'registered' });
    await settle();
    expect(telephony.listCalls).toBe(afterFirst);

    telephony.setStatus({ state: 'unavailable', reason: 'logged-out' });
    presence.current = { ...AVAILABLE, userStatus: 'Busy', presenceStatus: 'Busy' };
    telephony.setStatus({ state: 'starting' });
    telephony.setStatus({ state: 'registered' });
    await settle();
    expect(telephony.listCalls).toBe(afterFirst + 1);
    expect(engine.getState().presence?.userStatus).toBe('Busy');
  });

  it('shows live presence changes', async () => {
    const { engine, presence } = makeEngine();
    await engine.start();
    presence.emitter.emit('changed', { ...AVAILABLE, userStatus: 'Busy', telephonyStatus: 'CallConnected' });
    expect(engine.getState().presence).toMatchObject({ userStatus: 'Busy', telephonyStatus: 'CallConnected' });
  });
});

/** A console whose answer to `notifyInitializationComplete` the test gives (or never gives). */
class SlowConsole extends FakeCtiHost {
  answer: () => void = () => undefined;
  override notifyInitializationComplete(): Promise<void> {
    this.log.push('notifyInitializationComplete');
    return new Promise<void>((resolve) => (this.answer = resolve));
  }
}

describe('SoftphoneEngine — caller ids and presence wait for the start to be over (ADR 0018)', () => {
  function makeStartingEngine() {
    const telephony = new LateTelephony();
    const presence = new LatePresence();
    const host = new SlowConsole();
    const clock = new FakeClock();
    const engine = new SoftphoneEngine({
      telephony,
      host,
      crm: new FakeCrmGateway(),
      store: new MemoryKeyValueStore(),
      clock,
      presence,
    });
    presence.signedIn = true;
    return { engine, telephony, presence, host, clock };
  }

  it('reads them once the console answered the initialization notice, not in the task that sent it, and once', async () => {
    const { engine, telephony, presence, host } = makeStartingEngine();
    await engine.start();
    telephony.setStatus({ state: 'registered' });
    // The registration sent the notice synchronously; nothing else is asked of RingCentral in that task.
    expect(host.log).toContain('notifyInitializationComplete');
    expect(telephony.listCalls).toBe(0);
    expect(presence.gets).toBe(0);
    await settle();
    expect(telephony.listCalls).toBe(0);
    host.answer();
    await settle();
    // Asked at the settings' answer and at the registration: one read.
    expect(telephony.listCalls).toBe(1);
    expect(presence.gets).toBe(1);
    expect(engine.getState().callerIds.map((c) => c.phoneNumber)).toEqual(['+16505550100']);
  });

  it('a later registration reads them at once', async () => {
    const { engine, telephony, host } = makeStartingEngine();
    await engine.start();
    telephony.setStatus({ state: 'registered' });
    host.answer();
    await settle();
    telephony.setStatus({ state: 'unavailable', reason: 'network' });
    telephony.setStatus({ state: 'registered' });
    await settle();
    expect(telephony.listCalls).toBe(2);
  });

  it('a console that never answers the notice still gets them, 2 s after they were asked for', async () => {
    const { engine, telephony, clock } = makeStartingEngine();
    await engine.start();
    telephony.setStatus({ state: 'registered' });
    await clock.advance(1999);
    expect(telephony.listCalls).toBe(0);
    await clock.advance(1);
    await settle();
    expect(telephony.listCalls).toBe(1);
    expect(engine.getState().callerIds).toHaveLength(1);
  });

  it('nothing is read after the engine is disposed', async () => {
    const { engine, telephony, clock } = makeStartingEngine();
    await engine.start();
    telephony.setStatus({ state: 'registered' });
    engine.dispose();
    await clock.advance(2000);
    await settle();
    expect(telephony.listCalls).toBe(0);
  });
});
