import { reasonOf } from '../../../core/engine/notices';
import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import { ManualClock } from '../../__tests__/support/fake-clock';
import type { AuthState } from '../auth-state';
import { defaultSdkFactory } from '../default-sdk';
import { RingCentralSession, SDK_NOT_LOADED_MESSAGE, type SdkFactory } from '../ringcentral-session';
import { PKCE_NOT_READY_MESSAGE } from '../sdk-crypto-shim';
import { inTabLocks } from '../token-keeper';
import { sealedCredentialKey } from '../token-storage';
import { FakeTokenBroker, restFetch } from './support/fake-token-broker';
import { signInPaths } from '../sign-in';

// The SDK is a chunk of its own, requested when the session is created (ADR 0018, amendment "the first paint toward
// 100 KB"): these tests hold its load back, fail it, and let it arrive.

const ORG = '00D5g000000AbCd';
const USER = '0055g000001XyZq';
const ME = '/restapi/v1.0/account/~/extension/~';

/** A load of the SDK's chunk the test settles: `arrive()` or `fail()`; `loads` counts the requests. */
function chunk(): { load: () => Promise<SdkFactory>; arrive: () => void; fail: () => void; loads: () => number } {
  let pending: { resolve: (f: SdkFactory) => void; reject: (e: Error) => void }[] = [];
  let loads = 0;
  const settle = (how: (p: (typeof pending)[number]) => void) => {
    const now = pending;
    pending = [];
    now.forEach(how);
  };
  return {
    load: () => {
      loads += 1;
      return new Promise<SdkFactory>((resolve, reject) => pending.push({ resolve, reject }));
    },
    arrive: () => settle((p) => p.resolve(defaultSdkFactory)),
    fail: () => settle((p) => p.reject(new Error('Failed to fetch dynamically imported module: default-sdk.js'))),
    loads: () => loads,
  };
}

function newSession(
  broker: FakeTokenBroker,
  store: MemoryKeyValueStore,
  clock: ManualClock,
  load: () => Promise<SdkFactory>,
) {
  const session = new RingCentralSession({
    loadSdkFactory: load,
    signIn: signInPaths,
    server: 'https://platform.ringcentral.com',
    clientId: 'softphone-local',
    redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
    orgId: ORG,
    userId: USER,
    store,
    broker,
    locks: inTabLocks(),
    clock,
    online: null,
    fetch: restFetch(broker),
    randomState: () => 'state-123',
    retryDelay: () => 1000,
    preparePkce: () => Promise.resolve(),
  });
  const states: AuthState[] = [];
  session.on('state', (s) => states.push(s));
  return { session, states };
}

/** A stored sign-in, made by a session whose SDK was there at once. */
async function storedSignIn(broker: FakeTokenBroker, store: MemoryKeyValueStore, clock: ManualClock): Promise<void> {
  const first = new RingCentralSession({
    sdkFactory: defaultSdkFactory,
    signIn: signInPaths,
    server: 'https://platform.ringcentral.com',
    clientId: 'softphone-local',
    redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
    orgId: ORG,
    userId: USER,
    store,
    broker,
    locks: inTabLocks(),
    clock,
    online: null,
    fetch: restFetch(broker),
    randomState: () => 'state-123',
  });
  first.platform.loginWindow = () => Promise.resolve({ code: 'code-1', state: 'state-123' });
  await first.loginWithPopup();
  first.dispose();
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('RingCentralSession: the SDK arrives in its own chunk', () => {
  let broker: FakeTokenBroker;
  let store: MemoryKeyValueStore;
  let clock: ManualClock;

  beforeEach(() => {
    broker = new FakeTokenBroker();
    store = new MemoryKeyValueStore();
    clock = new ManualClock(Date.now());
  });

  it('requests the chunk when created; the renewal goes out without it, and the restore waits for it', async () => {
    await storedSignIn(broker, store, clock);
    const sdk = chunk();
    const t = newSession(broker, store, clock, sdk.load);
    expect(sdk.loads()).toBe(1);
    expect(() => t.session.platform).toThrow(SDK_NOT_LOADED_MESSAGE);

    const restored = t.session.restore();
    await flush();
    expect(broker.refreshes).toHaveLength(1); // the token renewal did not wait for the SDK
    expect(t.states.map((s) => s.name)).toEqual(['logging-in']);
    const me = t.session.api.get<{ id: number }>(ME); // a REST call made meanwhile waits too

    sdk.arrive();
    await expect(restored).resolves.toBe(true);
    expect(t.states.map((s) => s.name)).toEqual(['logging-in', 'logged-in']);
    await expect(me).resolves.toEqual({ id: 62264101 });
    expect(sdk.loads()).toBe(1);
  });

  it('a chunk that cannot load keeps the sign-in (reconnecting) and the retry loads it again', async () => {
    await storedSignIn(broker, store, clock);
    const sdk = chunk();
    const t = newSession(broker, store, clock, sdk.load);
    const restored = t.session.restore();
    await flush();
    sdk.fail();
    await expect(restored).resolves.toBe(false);
    expect(t.session.state).toMatchObject({ name: 'reconnecting', attempt: 1 });
    expect((t.session.state as { message: string }).message).toContain(SDK_NOT_LOADED_MESSAGE);
    expect(store.get(sealedCredentialKey(ORG, USER))).toBeDefined(); // nothing forgotten

    const call = t.session.api.get(ME).then(
      () => null,
      (e: unknown) => e,
    );
    await flush();
    expect(sdk.loads()).toBe(2); // the REST call asks for the chunk again
    sdk.fail();
    const failure = (await call) as RingCentralApiError | null;
    // A REST call while the chunk is missing fails as a transient error (no response), never as a sign-out.
    expect(failure).toBeInstanceOf(RingCentralApiError);
    expect(failure?.transient).toBe(true);
    expect(reasonOf(failure)).toMatchObject({ code: 'SDK_NOT_LOADED' }); // worded by Reason_SDK_NOT_LOADED

    await clock.advance(1000); // the renewal's retry asks for the chunk again
    await flush();
    expect(sdk.loads()).toBe(3);
    sdk.arrive();
    await flush();
    await clock.advance(0);
    expect(t.session.state).toEqual({ name: 'logged-in', ownerId: '62264101' });
    await expect(t.session.api.get(ME)).resolves.toEqual({ id: 62264101 });
  });

  it('a sign-in click before the chunk has arrived opens nothing and says so; once it is there the click signs in', async () => {
    const sdk = chunk();
    const t = newSession(broker, store, clock, sdk.load);
    await expect(t.session.restore()).resolves.toBe(false); // nothing stored: the sign-in is offered

    await expect(t.session.loginWithPopup()).rejects.toThrow(PKCE_NOT_READY_MESSAGE);
    expect(t.session.state).toEqual({ name: 'logged-out', reason: 'login-cancelled', message: PKCE_NOT_READY_MESSAGE });
    expect(broker.exchanges).toEqual([]);

    sdk.arrive();
    await t.session.sdkReady();
    t.session.platform.loginWindow = () => Promise.resolve({ code: 'code-1', state: 'state-123' });
    await t.session.loginWithPopup();
    expect(t.session.state).toEqual({ name: 'logged-in', ownerId: '62264101' });
  });
});
