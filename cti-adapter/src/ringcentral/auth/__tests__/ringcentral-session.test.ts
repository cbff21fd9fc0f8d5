import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import { ManualClock } from '../../__tests__/support/fake-clock';
import { AuthTransitionError, type AuthState } from '../auth-state';
import { RingCentralSession, type OnlineSignal, type SdkCreateOptions } from '../ringcentral-session';
import { TokenBrokerError, type AccessGrant } from '../token-broker';
import { inTabLocks, TokenKeeper, type LockManagerLike } from '../token-keeper';
import { sealedCredentialKey, tokenCachePrefix } from '../token-storage';
import { FakeTokenBroker, restFetch } from './support/fake-token-broker';
import { defaultSdkFactory } from '../default-sdk';
import { signInPaths } from '../sign-in';

const ORG = '00D5g000000AbCd';
const USER = '0055g000001XyZq';
const ME = '/restapi/v1.0/account/~/extension/~';

interface Tab {
  session: RingCentralSession;
  states: AuthState[];
  online: () => void;
}

/** A softphone tab: the real `@ringcentral/sdk` over a fake REST `fetch`, the shared store and lock manager. */
function tab(
  broker: FakeTokenBroker,
  store: MemoryKeyValueStore,
  clock: ManualClock,
  locks: LockManagerLike,
  fetch: typeof globalThis.fetch = restFetch(broker),
): Tab {
  let onlineListener: () => void = () => undefined;
  const online: OnlineSignal = {
    subscribe: (listener) => {
      onlineListener = listener;
      return () => undefined;
    },
  };
  const session = new RingCentralSession({
    sdkFactory: defaultSdkFactory,
    signIn: signInPaths,
    server: 'https://platform.ringcentral.com',
    clientId: 'softphone-local',
    redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
    orgId: ORG,
    userId: USER,
    store,
    broker,
    locks,
    clock,
    online,
    fetch,
    randomState: () => 'state-123',
    retryDelay: (attempt) => 1000 * 2 ** (attempt - 1),
  });
  const states: AuthState[] = [];
  session.on('state', (s) => states.push(s));
  return { session, states, online: () => onlineListener() };
}

/** Plays the popup: the authorize page answers with `code` and the request's state. */
function answerPopup(session: RingCentralSession, answer: { code?: string; state?: string } = {}): void {
  session.platform.loginWindow = () => Promise.resolve({ code: 'code-1', state: 'state-123', ...answer });
}

async function signedIn(
  broker: FakeTokenBroker,
  store: MemoryKeyValueStore,
  clock: ManualClock,
  locks: LockManagerLike,
) {
  const t = tab(broker, store, clock, locks);
  answerPopup(t.session);
  await t.session.loginWithPopup();
  return t;
}

describe('RingCentralSession (tokens brokered by the package, ADR 0016)', () => {
  let broker: FakeTokenBroker;
  let store: MemoryKeyValueStore;
  let clock: ManualClock;

  beforeEach(() => {
    broker = new FakeTokenBroker();
    store = new MemoryKeyValueStore();
    clock = new ManualClock(Date.now());
  });

  it('signs in through the popup and the broker: PKCE verifier and redirect URI sent, only the sealed value stored', async () => {
    const t = await signedIn(broker, store, clock, inTabLocks());
    expect(t.states).toEqual([{ name: 'logging-in' }, { name: 'logged-in', ownerId: '62264101' }]);
    expect(broker.exchanges).toEqual([
      {
        server: 'https://platform.ringcentral.com',
        clientId: 'softphone-local',
        redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
        code: 'code-1',
        codeVerifier: t.session.platform.codeVerifier,
      },
    ]);
    expect(t.session.platform.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.keys('')).toEqual([sealedCredentialKey(ORG, USER)]);
    expect(store.get(sealedCredentialKey(ORG, USER))).toBe('sealed-1');
    await expect(t.session.api.get<{ id: number }>(ME)).resolves.toEqual({ id: 62264101 });
  });

  it('creates the SDK with an in-memory token cache and without clearCacheOnRefreshError', () => {
    const created: SdkCreateOptions[] = [];
    new RingCentralSession({
      server: 'https://platform.ringcentral.com',
      clientId: 'c',
      redirectUri: 'https://x/apex/RingCentralOAuthCallback',
      orgId: ORG,
      userId: USER,
      store,
      broker,
      online: null,
      sdkFactory: (options) => {
        created.push(options);
        return {
          platform: () => ({}) as never,
          cache: () => ({ clean: () => Promise.resolve() }),
          client: () => ({ on: () => undefined }),
        };
      },
    });
    expect(created[0]?.clearCacheOnRefreshError).toBe(false);
    created[0]?.localStorage.setItem('rc-platform', '{"refresh_token":"r"}');
    expect(store.keys('')).toEqual([]); // the SDK's cache never reaches the durable store
  });

  it('removes the token set earlier versions kept in clear', () => {
    store.set(`${tokenCachePrefix(ORG, USER)}platform`, '{"access_token":"a","refresh_token":"r"}');
    tab(broker, store, clock, inTabLocks());
    expect(store.keys('')).toEqual([]);
  });

  it('restores a stored sign-in without spending the refresh token while the sealed access token is fresh', async () => {
    await signedIn(broker, store, clock, inTabLocks());
    const reloaded = tab(broker, store, clock, inTabLocks());
    await expect(reloaded.session.restore()).resolves.toBe(true);
    expect(reloaded.states.map((s) => s.name)).toEqual(['logging-in', 'logged-in']);
    expect(broker.refreshes.at(-1)).toEqual({ sealed: 'sealed-1', force: false });
    expect(broker.ringCentralRefreshes).toBe(0);
    await expect(reloaded.session.api.get(ME)).resolves.toEqual({ id: 62264101 });
  });

  it('refresh 503 → stays signed in, shows reconnecting, retries with backoff and recovers', async () => {
    const t = await signedIn(broker, store, clock, inTabLocks());
    broker.expireAccessToken();
    broker.failNext(
      'unavailable',
      'RingCentral is not available right now (HTTP 503). The softphone keeps trying.',
      null,
      2,
    );
    const failure = (await t.session.api.get(ME).catch((e: unknown) => e)) as RingCentralApiError;
    expect(failure).toBeInstanceOf(RingCentralApiError);
    expect(failure.transient).toBe(true);
    expect(t.session.state).toMatchObject({
      name: 'reconnecting',
      attempt: 1,
      retryAt: clock.now() + 1000,
      message: 'RingCentral is not available right now (HTTP 503). The softphone keeps trying.',
    });
    expect(store.get(sealedCredentialKey(ORG, USER))).toBe('sealed-1'); // the sign-in is kept
    await clock.advance(999);
    expect(broker.refreshes).toHaveLength(1);
    await clock.advance(1);
    expect(t.session.state).toMatchObject({ name: 'reconnecting', attempt: 2, retryAt: clock.now() + 2000 });
    await clock.advance(2000);
    expect(t.session.state).toEqual({ name: 'logged-in', ownerId: '62264101' });
    expect(broker.refreshes.map((r) => r.force)).toEqual([true, true, true]); // the rejected token is not handed back
    await expect(t.session.api.get(ME)).resolves.toEqual({ id: 62264101 });
    expect(t.states.filter((s) => s.name === 'logged-out')).toEqual([]);
  });

  it("refresh 429 → waits RingCentral's Retry-After, even beyond the backoff", async () => {
    const t = await signedIn(broker, store, clock, inTabLocks());
    broker.expireAccessToken();
    broker.failNext('unavailable', 'RingCentral is not available right now (HTTP 429).', 30);
    const failure = (await t.session.api.get(ME).catch((e: unknown) => e)) as RingCentralApiError;
    expect(failure.status).toBe(429);
    expect(failure.retryAfterSeconds).toBe(30);
    expect(t.session.state).toMatchObject({ name: 'reconnecting', retryAt: clock.now() + 30_000 });
    await clock.advance(29_000);
    expect(broker.refreshes).toHaveLength(1);
    await clock.advance(1_000);
    expect(t.session.state.name).toBe('logged-in');
  });

  it('retries at once when the browser comes back online', async () => {
    const t = await signedIn(broker, store, clock, inTabLocks());
    broker.expireAccessToken();
    broker.failNext('unavailable', 'Salesforce cannot be reached right now (Unable to connect to the server).');
    await t.session.api.get(ME).catch(() => undefined);
    expect(t.session.state.name).toBe('reconnecting');
    t.online();
    await clock.advance(0);
    expect(t.session.state.name).toBe('logged-in');
  });

  it('refresh invalid_grant → signed out with a clear message, and the sealed value is gone', async () => {
    const t = await signedIn(broker, store, clock, inTabLocks());
    broker.expireAccessToken();
    broker.failNext('refused', 'RingCentral ended the sign-in (Token is revoked). Sign in to RingCentral again.');
    const failure = (await t.session.api.get(ME).catch((e: unknown) => e)) as RingCentralApiError;
    expect(failure.status).toBe(401);
    expect(t.session.state).toEqual({
      name: 'logged-out',
      reason: 'refresh-failed',
      message: 'RingCentral ended the sign-in (Token is revoked). Sign in to RingCentral again.',
    });
    expect(store.keys('')).toEqual([]);
    await clock.advance(120_000);
    expect(broker.refreshes).toHaveLength(1); // no retry after a refusal
  });

  it('a Salesforce session change ends the sign-in (session-ended) and a reload then shows signed out', async () => {
    const t = await signedIn(broker, store, clock, inTabLocks());
    broker.expireAccessToken();
    broker.failNext(
      'session-ended',
      'Your Salesforce session changed since you signed in. Sign in to RingCentral again.',
    );
    await t.session.api.get(ME).catch(() => undefined);
    expect(t.session.state).toMatchObject({ name: 'logged-out', reason: 'session-ended' });
    expect(store.keys('')).toEqual([]);
    const reloaded = tab(broker, store, clock, inTabLocks());
    await expect(reloaded.session.restore()).resolves.toBe(false);
    expect(reloaded.session.state).toEqual({ name: 'logged-out', reason: 'initial' });
  });

  it('restore while RingCentral is unreachable → reconnecting (not signed out), logged-in once it answers', async () => {
    await signedIn(broker, store, clock, inTabLocks());
    broker.expireAccessToken();
    broker.failNext('unavailable', 'RingCentral cannot be reached right now. The softphone keeps trying.');
    const reloaded = tab(broker, store, clock, inTabLocks());
    await expect(reloaded.session.restore()).resolves.toBe(false);
    expect(reloaded.session.state.name).toBe('reconnecting');
    await clock.advance(1000);
    expect(reloaded.session.state).toEqual({ name: 'logged-in', ownerId: '62264101' });
  });

  describe('a renewal handed over by the boot module (ADR 0018)', () => {
    /** A reloaded tab whose boot module renewed with `keeper` before the session existed. */
    function handedTab(keeper: TokenKeeper, handedRenewal: Promise<AccessGrant> | null) {
      const session = new RingCentralSession({
        server: 'https://platform.ringcentral.com',
        clientId: 'softphone-local',
        redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
        orgId: ORG,
        userId: USER,
        store,
        broker,
        keeper,
        handedRenewal,
        clock,
        online: null,
        fetch: restFetch(broker),
        retryDelay: () => 1000,
      });
      const states: AuthState[] = [];
      session.on('state', (state) => states.push(state));
      return { session, states };
    }

    it('restore takes its answer: one renewal in all, and the next one goes through the same keeper', async () => {
      const locks = inTabLocks();
      await signedIn(broker, store, clock, locks);
      const before = broker.refreshes.length;
      const keeper = new TokenKeeper({ broker, store, orgId: ORG, userId: USER, locks });
      const reloaded = handedTab(keeper, keeper.renew({ rejected: false }));
      await expect(reloaded.session.restore()).resolves.toBe(true);
      expect(reloaded.states.map((s) => s.name)).toEqual(['logging-in', 'logged-in']);
      expect(broker.refreshes.slice(before)).toEqual([{ sealed: 'sealed-1', force: false }]);
      await expect(reloaded.session.api.get(ME)).resolves.toEqual({ id: 62264101 });
      broker.expireAccessToken();
      await expect(reloaded.session.api.get(ME)).resolves.toEqual({ id: 62264101 });
      expect(broker.refreshes.slice(before)).toEqual([
        { sealed: 'sealed-1', force: false },
        { sealed: 'sealed-1', force: true },
      ]);
      expect(store.get(sealedCredentialKey(ORG, USER))).toBe('sealed-2');
    });

    it('a handed renewal that failed is the restore’s failure: reconnecting, then the keeper retries', async () => {
      await signedIn(broker, store, clock, inTabLocks());
      broker.expireAccessToken();
      broker.failNext('unavailable', 'RingCentral cannot be reached right now. The softphone keeps trying.');
      const keeper = new TokenKeeper({ broker, store, orgId: ORG, userId: USER, locks: inTabLocks() });
      const renewal = keeper.renew({ rejected: false });
      renewal.catch(() => undefined);
      const reloaded = handedTab(keeper, renewal);
      await expect(reloaded.session.restore()).resolves.toBe(false);
      expect(reloaded.session.state.name).toBe('reconnecting');
      await clock.advance(1000);
      expect(reloaded.session.state).toEqual({ name: 'logged-in', ownerId: '62264101' });
    });

    it('a handed renewal refused ends the sign-in with its reason, though the keeper forgot the credential first', async () => {
      await signedIn(broker, store, clock, inTabLocks());
      broker.expireAccessToken();
      broker.failNext('refused', 'RingCentral ended this sign-in. Sign in again.');
      const keeper = new TokenKeeper({ broker, store, orgId: ORG, userId: USER, locks: inTabLocks() });
      const renewal = keeper.renew({ rejected: false });
      renewal.catch(() => undefined);
      await renewal.catch(() => undefined);
      expect(store.keys('')).toEqual([]); // forgotten before the session exists
      const reloaded = handedTab(keeper, renewal);
      await expect(reloaded.session.restore()).resolves.toBe(false);
      // Not the silent "nothing stored" start: the agent reads why the sign-in ended.
      expect(reloaded.session.state).toMatchObject({ name: 'logged-out', reason: 'refresh-failed' });
    });
  });

  it('two tabs refresh once: the second reads the rotated sealed value under the lock and reuses its token', async () => {
    const locks = inTabLocks(); // one lock manager for both tabs, as navigator.locks is for one origin
    const first = await signedIn(broker, store, clock, locks);
    const second = tab(broker, store, clock, locks);
    await second.session.restore();
    broker.expireAccessToken();
    const [a, b] = await Promise.all([first.session.api.get(ME), second.session.api.get(ME)]);
    expect([a, b]).toEqual([{ id: 62264101 }, { id: 62264101 }]);
    expect(broker.ringCentralRefreshes).toBe(1);
    expect(broker.refusedRefreshes).toBe(0);
    expect(broker.refreshes.slice(-2)).toEqual([
      { sealed: 'sealed-1', force: true },
      { sealed: 'sealed-2', force: false },
    ]);
    expect(first.session.state.name).toBe('logged-in');
    expect(second.session.state.name).toBe('logged-in');
  });

  it('a late 401 for a request sent with the previous token does not spend another refresh', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The second request goes out with the old token, but its 401 arrives only after the first one's renewal.
    const fetch = restFetch(broker, [], (_token, n) => (n === 1 ? held : Promise.resolve()));
    const t = tab(broker, store, clock, inTabLocks(), fetch);
    answerPopup(t.session);
    await t.session.loginWithPopup();
    broker.expireAccessToken();
    const first = t.session.api.get(ME);
    const second = t.session.api.get(ME);
    await expect(first).resolves.toEqual({ id: 62264101 });
    release();
    await expect(second).resolves.toEqual({ id: 62264101 });
    expect(broker.ringCentralRefreshes).toBe(1);
    expect(broker.refreshes).toEqual([{ sealed: 'sealed-1', force: true }]);
  });

  it('without a shared lock, a tab whose refresh lost the race picks up the other tab’s sealed value', async () => {
    const first = await signedIn(broker, store, clock, inTabLocks());
    const second = tab(broker, store, clock, inTabLocks());
    await second.session.restore();
    broker.expireAccessToken();
    await Promise.all([first.session.api.get(ME), second.session.api.get(ME)]);
    expect(first.session.state.name).toBe('logged-in');
    expect(second.session.state.name).toBe('logged-in');
    expect(store.get(sealedCredentialKey(ORG, USER))).toBe('sealed-2');
  });

  it('logout revokes through the broker and forgets everything, even when the revoke fails', async () => {
    const t = await signedIn(broker, store, clock, inTabLocks());
    broker.failNext('unavailable', 'Salesforce cannot be reached right now.');
    await t.session.logout();
    expect(broker.revoked).toEqual(['sealed-1']);
    expect(t.session.state).toEqual({
      name: 'logged-out',
      reason: 'logout',
      message: 'Salesforce cannot be reached right now.',
    });
    expect(store.keys('')).toEqual([]);
    await expect(t.session.api.get(ME)).rejects.toMatchObject({ status: 401 });
  });

  it('logout while reconnecting stops the retries', async () => {
    const t = await signedIn(broker, store, clock, inTabLocks());
    broker.expireAccessToken();
    broker.failNext('unavailable', 'offline');
    await t.session.api.get(ME).catch(() => undefined);
    await t.session.logout();
    const refreshes = broker.refreshes.length;
    await clock.advance(120_000);
    expect(broker.refreshes).toHaveLength(refreshes);
    expect(t.session.state).toEqual({ name: 'logged-out', reason: 'logout' });
  });

  it('a refused exchange or a state mismatch keeps the session signed out with the reason', async () => {
    const t = tab(broker, store, clock, inTabLocks());
    answerPopup(t.session, { state: 'other' });
    await expect(t.session.loginWithPopup()).rejects.toThrow(/unexpected state/);
    expect(t.session.state).toMatchObject({ name: 'logged-out', reason: 'login-failed' });
    broker.failNext('refused', 'RingCentral ended the sign-in (Authorization code is invalid or expired).');
    answerPopup(t.session);
    await expect(t.session.loginWithPopup()).rejects.toBeInstanceOf(TokenBrokerError);
    expect(t.session.state).toMatchObject({
      name: 'logged-out',
      reason: 'login-failed',
      message: 'RingCentral ended the sign-in (Authorization code is invalid or expired).',
    });
    expect(store.keys('')).toEqual([]);
  });

  it('finishes a sign-in whose popup another tab opened: one exchange with that code and verifier (ADR 0028)', async () => {
    const t = tab(broker, store, clock, inTabLocks());
    await t.session.signInWithCode('code-from-follower', 'verifier-of-the-offer');
    expect(broker.exchanges).toEqual([
      {
        server: 'https://platform.ringcentral.com',
        clientId: 'softphone-local',
        redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
        code: 'code-from-follower',
        codeVerifier: 'verifier-of-the-offer',
      },
    ]);
    expect(t.states).toEqual([{ name: 'logging-in' }, { name: 'logged-in', ownerId: '62264101' }]);
    expect(store.get(sealedCredentialKey(ORG, USER))).toBe('sealed-1');
    // A second response (two tabs clicked) is refused without a second exchange.
    await expect(t.session.signInWithCode('code-2', 'verifier-2')).rejects.toBeInstanceOf(AuthTransitionError);
    expect(broker.exchanges).toHaveLength(1);
  });

  it("a refused exchange of another tab's code leaves the session signed out with the reason", async () => {
    const t = tab(broker, store, clock, inTabLocks());
    broker.failNext('refused', 'RingCentral ended the sign-in (Authorization code is invalid or expired).');
    await expect(t.session.signInWithCode('code-1', 'verifier-1')).rejects.toBeInstanceOf(TokenBrokerError);
    expect(t.session.state).toMatchObject({ name: 'logged-out', reason: 'login-failed' });
    expect(store.keys('')).toEqual([]);
  });

  it('a closed popup is login-cancelled; a second sign-in while one runs is refused', async () => {
    const t = tab(broker, store, clock, inTabLocks());
    t.session.platform.loginWindow = () => Promise.reject(new Error('Login window is closed'));
    await expect(t.session.loginWithPopup()).rejects.toThrow('Login window is closed');
    expect(t.session.state).toMatchObject({ name: 'logged-out', reason: 'login-cancelled' });
    t.session.platform.loginWindow = () => new Promise(() => undefined);
    void t.session.loginWithPopup();
    await expect(t.session.loginWithPopup()).rejects.toBeInstanceOf(AuthTransitionError);
  });

  it('signing out in another tab ends this tab’s sign-in at its next renewal', async () => {
    const locks = inTabLocks();
    const first = await signedIn(broker, store, clock, locks);
    const second = tab(broker, store, clock, locks);
    await second.session.restore();
    await first.session.logout();
    await second.session.api.get(ME).catch(() => undefined);
    expect(second.session.state).toMatchObject({
      name: 'logged-out',
      reason: 'session-ended',
      message: 'You signed out of RingCentral in another tab. Sign in again.',
    });
  });
});
