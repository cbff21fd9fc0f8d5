import { reasonOf } from '../../../core/engine/notices';
import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import { ManualClock } from '../../__tests__/support/fake-clock';
import { PKCE_NOT_READY_MESSAGE, type AuthState } from '../auth-state';
import { defaultSdkFactory } from '../default-sdk';
import { RingCentralSession, SDK_NOT_LOADED_MESSAGE, type SignInPaths } from '../ringcentral-session';
import { signInPaths } from '../sign-in';
import { inTabLocks } from '../token-keeper';
import { sealedCredentialKey } from '../token-storage';
import { FakeTokenBroker, restFetch } from './support/fake-token-broker';

// The sign-in paths are a chunk of their own (ADR 0018, amendment "first paint: the sign-in paths are a lazy chunk"):
// these tests hold its load back, fail it, and let it arrive late. The SDK is there at once (its own chunk has its
// tests in ringcentral-session.sdk-chunk.test.ts).

const ORG = '00D5g000000AbCd';
const USER = '0055g000001XyZq';

/** A load of the sign-in chunk the test settles: `arrive()` or `fail()`; `loads` counts the requests. */
function chunk(): { load: () => Promise<SignInPaths>; arrive: () => void; fail: () => void; loads: () => number } {
  let pending: { resolve: (paths: SignInPaths) => void; reject: (e: Error) => void }[] = [];
  let loads = 0;
  const settle = (how: (p: (typeof pending)[number]) => void) => {
    const now = pending;
    pending = [];
    now.forEach(how);
  };
  return {
    load: () => {
      loads += 1;
      return new Promise<SignInPaths>((resolve, reject) => pending.push({ resolve, reject }));
    },
    arrive: () => settle((p) => p.resolve(signInPaths)),
    fail: () => settle((p) => p.reject(new Error('Failed to fetch dynamically imported module: sign-in.js'))),
    loads: () => loads,
  };
}

interface Tab {
  session: RingCentralSession;
  states: AuthState[];
  /** What happened, in order: `open <url>` when the popup opens, `prepare` for each PKCE preparation. */
  log: string[];
}

function newTab(
  broker: FakeTokenBroker,
  store: MemoryKeyValueStore,
  clock: ManualClock,
  how: { loadSignIn: () => Promise<SignInPaths> } | { signIn: SignInPaths },
): Tab {
  const log: string[] = [];
  const session = new RingCentralSession({
    ...how,
    sdkFactory: defaultSdkFactory,
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
    preparePkce: () => {
      log.push('prepare');
      return Promise.resolve();
    },
  });
  const states: AuthState[] = [];
  session.on('state', (s) => states.push(s));
  session.platform.loginWindow = ({ url }) => {
    log.push(`open ${new URL(url).pathname}`);
    return Promise.resolve({ code: 'code-1', state: 'state-123' });
  };
  return { session, states, log };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('RingCentralSession: the sign-in paths arrive in their own chunk', () => {
  let broker: FakeTokenBroker;
  let store: MemoryKeyValueStore;
  let clock: ManualClock;

  beforeEach(() => {
    broker = new FakeTokenBroker();
    store = new MemoryKeyValueStore();
    clock = new ManualClock(Date.now());
  });

  it('is requested when the sign-in is offered; a click before it arrives opens nothing and says so; once it is there the popup opens within the click', async () => {
    const signIn = chunk();
    const t = newTab(broker, store, clock, { loadSignIn: signIn.load });
    expect(signIn.loads()).toBe(0); // nothing before the session knows whether a sign-in is stored

    await expect(t.session.restore()).resolves.toBe(false); // nothing stored: the sign-in is offered
    expect(signIn.loads()).toBe(1);
    expect(t.log).toEqual([]); // the PKCE preparation is the chunk's: it waits for it

    await expect(t.session.loginWithPopup()).rejects.toThrow(PKCE_NOT_READY_MESSAGE);
    expect(t.session.state).toEqual({ name: 'logged-out', reason: 'login-cancelled', message: PKCE_NOT_READY_MESSAGE });
    expect(t.log).toEqual([]); // no popup
    expect(broker.exchanges).toEqual([]);
    expect(signIn.loads()).toBe(1); // the load under way is not asked twice

    signIn.arrive(); // late
    await flush();
    // One preparation per offer (the start's, the early click's), as before the split; once the chunk is there.
    expect(t.log).toEqual(['prepare', 'prepare']);

    const done = t.session.loginWithPopup();
    // The popup opened in the click's task: before anything the click's handler could await.
    expect(t.log).toEqual(['prepare', 'prepare', 'open /restapi/oauth/authorize']);
    await done;
    expect(t.session.state).toEqual({ name: 'logged-in', ownerId: '62264101' });
    expect(broker.exchanges).toHaveLength(1);
    expect(signIn.loads()).toBe(1);
  });

  it('a chunk that cannot load: the click says so and asks for it again; the next click after it arrives signs in', async () => {
    const signIn = chunk();
    const t = newTab(broker, store, clock, { loadSignIn: signIn.load });
    await t.session.restore();
    signIn.fail();
    await flush();
    expect(t.session.state).toEqual({ name: 'logged-out', reason: 'initial' }); // nothing changes until the click

    await expect(t.session.loginWithPopup()).rejects.toThrow(PKCE_NOT_READY_MESSAGE);
    expect(t.session.state).toEqual({ name: 'logged-out', reason: 'login-cancelled', message: PKCE_NOT_READY_MESSAGE });
    expect(signIn.loads()).toBe(2); // the failed load was forgotten: the click asked again
    expect(t.log).toEqual([]);

    signIn.arrive();
    await flush();
    await t.session.loginWithPopup();
    expect(t.log).toEqual(['prepare', 'open /restapi/oauth/authorize']);
    expect(t.session.state).toEqual({ name: 'logged-in', ownerId: '62264101' });
    expect(store.get(sealedCredentialKey(ORG, USER))).toBe('sealed-1');
  });

  it('a code from another tab waits for a late chunk; a failed load rejects as a transient error, signed out, and the retry signs in', async () => {
    const signIn = chunk();
    const t = newTab(broker, store, clock, { loadSignIn: signIn.load });

    const first = t.session.signInWithCode('code-from-follower', 'verifier-1').then(
      () => null,
      (e: unknown) => e,
    );
    await flush();
    expect(signIn.loads()).toBe(1);
    signIn.fail();
    const failure = (await first) as RingCentralApiError | null;
    expect(failure).toBeInstanceOf(RingCentralApiError);
    expect(failure?.transient).toBe(true);
    expect(failure?.message).toContain(SDK_NOT_LOADED_MESSAGE);
    // The agent reads it in their language: the UI words it by its reason code (Reason_SDK_NOT_LOADED).
    expect(reasonOf(failure)).toMatchObject({ code: 'SDK_NOT_LOADED' });
    expect(t.session.state).toEqual({ name: 'logged-out', reason: 'initial' });
    expect(broker.exchanges).toEqual([]); // nothing sent: the code can be tried again

    const second = t.session.signInWithCode('code-from-follower', 'verifier-1');
    await flush();
    expect(signIn.loads()).toBe(2);
    expect(broker.exchanges).toEqual([]); // still waiting for the chunk
    signIn.arrive();
    await second;
    expect(broker.exchanges).toEqual([
      expect.objectContaining({ code: 'code-from-follower', codeVerifier: 'verifier-1' }),
    ]);
    expect(t.states).toEqual([{ name: 'logging-in' }, { name: 'logged-in', ownerId: '62264101' }]);
  });

  it('a restored sign-in never asks for it; prefetchSignIn does, once, and a sign-in that ends later finds it there', async () => {
    const first = newTab(broker, store, clock, { signIn: signInPaths });
    await first.session.loginWithPopup();
    first.session.dispose();

    const signIn = chunk();
    const t = newTab(broker, store, clock, { loadSignIn: signIn.load });
    await expect(t.session.restore()).resolves.toBe(true);
    expect(signIn.loads()).toBe(0); // the start of a signed-in agent does not load the sign-in

    t.session.prefetchSignIn(); // the composition root, once the start is over
    t.session.prefetchSignIn();
    expect(signIn.loads()).toBe(1);
    signIn.arrive();
    await flush();

    broker.expireAccessToken();
    broker.failNext('refused', 'RingCentral ended the sign-in (the refresh token expired).');
    await expect(t.session.api.get('/restapi/v1.0/account/~/extension/~')).rejects.toBeInstanceOf(RingCentralApiError);
    expect(t.session.state).toMatchObject({ name: 'logged-out', reason: 'refresh-failed' });
    await flush();
    expect(t.log).toEqual(['prepare']); // offered at once, from the chunk already there

    await t.session.loginWithPopup();
    expect(t.session.state.name).toBe('logged-in');
    expect(signIn.loads()).toBe(1);
  });

  it('a JWT sign-in (the harness, server-side tests) waits for the chunk', async () => {
    const signIn = chunk();
    const t = newTab(broker, store, clock, { loadSignIn: signIn.load });
    const login = jest.fn(() => Promise.resolve());
    const platform = t.session.platform as unknown as { login: typeof login };
    platform.login = login;
    const signedIn = t.session.loginWithJwt('jwt-of-the-harness');
    await flush();
    expect(login).not.toHaveBeenCalled();
    signIn.arrive();
    await signedIn;
    expect(login).toHaveBeenCalledWith({ jwt: 'jwt-of-the-harness' });
    expect(t.session.state.name).toBe('logged-in');
    expect(signIn.loads()).toBe(1);
  });
});
