import { systemClock, type Clock, type TimerHandle } from '../../core/ports/clock';
import type { KeyValueStore } from '../../core/ports/key-value-store';
import type { NoticeReasonCode } from '../../core/engine/notices';
import { TypedEmitter, type Unsubscribe } from '../../core/support/typed-emitter';
import { PlatformApi, toApiError, type SdkPlatformLike } from '../rest/platform-api';
import type { RingCentralApi } from '../rest/ringcentral-api';
import { mediaEntryPoint } from '../rest/media-entry-point';
import { RingCentralApiError } from '../rest/ringcentral-api-error';
import { reconnectDelayMs } from '../web-phone/reconnect-backoff';
import {
  AUTH_TRANSITIONS,
  AuthTransitionError,
  PKCE_NOT_READY_MESSAGE,
  type AuthState,
  type LoggedOutReason,
} from './auth-state';
import { TokenBrokerError, type AccessGrant, type TokenBroker } from './token-broker';
import { TokenKeeper, type LockManagerLike } from './token-keeper';
import { memorySdkStorage, removeLegacyTokenCache, tokenCachePrefix, type SdkStorage } from './token-storage';

/** The SDK's auth data as the session reads and writes it (`@ringcentral/sdk` `AuthData`). @public */
export interface SdkAuthData {
  token_type?: string;
  access_token?: string;
  expires_in?: string;
  expire_time?: number;
  owner_id?: string;
  scope?: string;
}

/**
 * The `@ringcentral/sdk` `Platform` members the session uses (structural; the real `Platform` is cast to it once,
 * in {@link defaultSdkFactory}, because its `on` overloads are typed with an enum).
 * @public
 */
export interface SessionPlatform extends SdkPlatformLike {
  loginUrl(options: { usePKCE?: boolean; state?: string; loginHint?: string; display?: string }): string;
  loginWindow(options: { url: string; origin?: string }): Promise<{ code?: string; state?: string }>;
  /** The PKCE `code_verifier` of the last `loginUrl({usePKCE: true})`. */
  readonly codeVerifier: string;
  login(options: { code?: string; jwt?: string }): Promise<unknown>;
  logout(): Promise<unknown>;
  /** The SDK's hook before each request; the session replaces it (documented in the SDK's `Platform.get`). */
  ensureLoggedIn(): Promise<unknown>;
  auth(): {
    data(): Promise<SdkAuthData>;
    setData(data: SdkAuthData): Promise<void>;
    accessTokenValid(): Promise<boolean>;
  };
}

/** The SDK object as the RingCentral layer sees it. @public */
export interface SdkLike {
  platform(): SessionPlatform;
  cache(): { clean(): Promise<unknown> };
  /** The HTTP client; its `requestError` event carries the failed `request` (with its `Authorization`) and `response`. */
  client(): { on(event: 'requestError', listener: (error: unknown) => void): unknown };
}

/** Options the SDK is created with (`new SDK(options)`). @public */
export interface SdkCreateOptions {
  readonly server: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly redirectUri: string;
  readonly cachePrefix: string;
  /** Memory only: the SDK never persists a token ({@link memorySdkStorage}). */
  readonly localStorage: SdkStorage;
  readonly appName: string;
  /** Always `false`: a failed renewal is the session's to judge (the SDK default `true` signs out on any error). */
  readonly clearCacheOnRefreshError: false;
  /** `fetch` init defaults; the session sends `{credentials: 'omit'}` (see {@link RingCentralSession}). */
  readonly defaultRequestInit: { readonly credentials: 'omit' };
  readonly fetch?: typeof fetch;
}

/** Creates an SDK object from its options (`new SDK(options)` for the real one). @public */
export type SdkFactory = (options: SdkCreateOptions) => SdkLike;

/**
 * Loads the real SDK's factory: `defaultSdkFactory` of `default-sdk.ts`, a chunk of its own (ADR 0018, amendment "the
 * first paint toward 100 KB").
 */
const loadDefaultSdkFactory = (): Promise<SdkFactory> => import('./default-sdk').then((m) => m.defaultSdkFactory);

/**
 * The sign-in paths a signed-out agent runs (`signInPaths` of `sign-in.ts`, a chunk of its own: ADR 0018, amendment
 * "first paint: the sign-in paths are a lazy chunk"). Each takes the session it signs in.
 * @public
 */
export interface SignInPaths {
  /** {@link RingCentralSession.loginWithPopup}, once the chunk is there: synchronous up to the popup's `window.open`. */
  loginWithPopup(session: RingCentralSession, options: { loginHint?: string }): Promise<void>;
  signInWithCode(session: RingCentralSession, code: string, codeVerifier: string): Promise<void>;
  loginWithJwt(session: RingCentralSession, jwt: string): Promise<void>;
  /** A renewal of a JWT sign-in: the SDK signs in again with the session's JWT. */
  renewJwt(session: RingCentralSession): Promise<void>;
  /** The default of {@link RingCentralSessionOptions.preparePkce}. */
  preparePkce(): Promise<void>;
}

/** Loads the sign-in paths' chunk (`sign-in.js`). */
const loadDefaultSignIn = (): Promise<SignInPaths> => import('./sign-in').then((m) => m.signInPaths);

/** Something that tells when the browser is back online (default: `window` `online` events). @public */
export interface OnlineSignal {
  subscribe(listener: () => void): Unsubscribe;
}

/** @public */
export interface RingCentralSessionOptions {
  /** RingCentral server, e.g. `https://platform.ringcentral.com` or the simulator's `https://127.0.0.1:8443`. */
  readonly server: string;
  /** The app's client id (public client: authorization code + PKCE, no secret in the browser). */
  readonly clientId: string;
  /** Server-side tests only (JWT client); never set in the browser bundle. */
  readonly clientSecret?: string;
  /** Where the authorize page redirects: the package's `RingCentralOAuthCallback` page. */
  readonly redirectUri: string;
  /** Salesforce org and user: the sealed credential is kept per org and user. */
  readonly orgId: string;
  readonly userId: string;
  /** Durable storage of the sealed credential (the browser's `localStorage` wrapper in the app). */
  readonly store: KeyValueStore;
  /** Holds the refresh token (the package's Apex); required for the popup sign-in and for restoring a sign-in. */
  readonly broker?: TokenBroker | null;
  /** Cross-tab locks for renewals (default `navigator.locks`). */
  readonly locks?: LockManagerLike | null;
  /**
   * Creates the SDK at once, in the constructor (tests, the harness's pages). Default: none — the session loads the
   * real SDK's chunk ({@link loadSdkFactory}) when it is created and uses it once it has arrived.
   */
  readonly sdkFactory?: SdkFactory;
  /**
   * Loads the SDK's factory when no {@link sdkFactory} is given (default: `import()` of `default-sdk.ts`, the
   * bundle's `default-sdk.js` chunk). Requested when the session is created and again, after a failed load, at the
   * next need (a renewal's retry, the sign-in offered, a REST call).
   */
  readonly loadSdkFactory?: () => Promise<SdkFactory>;
  /**
   * The keeper of the sealed credential to use instead of one made from `broker`, `store` and `locks`: the page's
   * boot module made it and may have renewed with it already ({@link RingCentralSessionOptions.handedRenewal}).
   */
  readonly keeper?: TokenKeeper | null;
  /**
   * A renewal of the stored sign-in by {@link RingCentralSessionOptions.keeper} that left before this session existed
   * (the boot module, ADR 0018): {@link RingCentralSession.restore} takes its answer instead of renewing again. Used
   * once; a later renewal (expiry, a 401, a retry after its failure) asks the keeper as usual.
   */
  readonly handedRenewal?: Promise<AccessGrant> | null;
  /**
   * The sign-in paths at once (tests, the harness's pages). Default: none — the session loads their chunk
   * ({@link loadSignIn}) when the sign-in is offered, at the first need, or when {@link RingCentralSession.prefetchSignIn}
   * asks.
   */
  readonly signIn?: SignInPaths;
  /**
   * Loads the sign-in paths when no {@link signIn} is given (default: `import()` of `sign-in.ts`, the bundle's
   * `sign-in.js` chunk). A failed load is forgotten: the next need (a click, the sign-in offered again) loads again.
   */
  readonly loadSignIn?: () => Promise<SignInPaths>;
  /** `state` parameter generator for the authorize request (default: 16 random bytes, hex). */
  readonly randomState?: () => string;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  /** Delay before renewal retry `attempt` (1-based), ms (default: 1 s doubling to 60 s, ±20 % jitter). */
  readonly retryDelay?: (attempt: number) => number;
  readonly online?: OnlineSignal | null;
  readonly onListenerError?: (error: unknown) => void;
  /**
   * Computes the next PKCE verifier and challenge ahead of the sign-in click, whenever the session is signed out
   * (default: the bundle's `crypto` stand-in, `preparePkceVerifier` of `sdk-crypto-shim.ts`, on WebCrypto; it comes
   * with the sign-in paths' chunk, so the first preparation runs once that chunk has arrived).
   */
  readonly preparePkce?: () => Promise<void>;
}

/** Events of {@link RingCentralSession}. @public */
export interface RingCentralSessionEventMap {
  state: AuthState;
}

/** What a use of the SDK says before its chunk has arrived (or when it could not be loaded). @public */
export const SDK_NOT_LOADED_MESSAGE = 'The RingCentral SDK is not loaded yet (part of the softphone did not load)';

/** Milliseconds before expiry at which the SDK treats an access token as expired (`Auth` `refreshHandicapMs`). */
const SDK_HANDICAP_MS = 60_000;

/**
 * The agent's RingCentral login over one `@ringcentral/sdk` instance, as a guarded {@link AuthState} machine
 * (decision: ADR 0016).
 *
 * - **Tokens**: the SDK's token cache is memory only; the refresh token stays with the {@link TokenBroker} (the
 *   package's Apex), the browser keeps a sealed credential per org and user ({@link TokenKeeper}).
 * - **Sign-in**: authorization code with PKCE in a popup ({@link RingCentralSession.loginWithPopup}); the broker
 *   exchanges the code. A reload calls {@link RingCentralSession.restore}. JWT ({@link
 *   RingCentralSession.loginWithJwt}) is for server-side tests: the SDK requests tokens itself, in memory. The sign-in
 *   paths are a chunk of their own ({@link SignInPaths}), loaded when the sign-in is offered or first needed.
 * - **Renewal**: the SDK asks before each request (`ensureLoggedIn`, replaced here) and after a 401; the session
 *   renews through the keeper, one tab at a time. `invalid_grant`/revoked or an ended Salesforce session →
 *   `logged-out` with a message; anything else (offline, 5xx, 429) → `reconnecting`: the sign-in is kept, the failed
 *   request rejects with a transient {@link RingCentralApiError}, and the session retries with backoff (never sooner
 *   than a 429's `Retry-After`) and when the browser comes back online, then returns to `logged-in`.
 * - **Logout**: revokes at RingCentral through the broker and forgets the sealed credential, even when revoke fails.
 * - Requests go with `credentials: 'omit'` (the SDK's default is `include`): the API is authorized by the bearer
 *   token alone, so no RingCentral cookie leaves the Salesforce page.
 * @public
 */
export class RingCentralSession {
  /** REST client bound to this login (rejects with `RingCentralApiError`); it waits for the SDK's chunk if needed. */
  readonly api: RingCentralApi;
  /** Where the server serves media such as call recordings ({@link mediaEntryPoint} of `server`). */
  readonly mediaServer: string;
  private current: AuthState = { name: 'logged-out', reason: 'initial' };
  private readonly emitter: TypedEmitter<RingCentralSessionEventMap>;
  /** The keeper of the sealed sign-in (the sign-in paths exchange codes through it). @internal */
  readonly keeper: TokenKeeper | null;
  private readonly clock: Clock;
  private readonly retryDelay: (attempt: number) => number;
  private readonly stopOnline: Unsubscribe;
  /** How the session is signed in (set by the sign-in paths and `restore`). @internal */
  mode: 'broker' | 'jwt' | null = null;
  /** The JWT of a JWT sign-in (the sign-in paths' `loginWithJwt`). @internal */
  jwt: string | null = null;
  /** The RingCentral extension id of the signed-in agent. @internal */
  ownerId: string | null = null;
  /** The access token the session gave the SDK, its expiry (epoch ms), and whether RingCentral refused it (401). */
  private currentToken: string | null = null;
  private tokenExpiresAt = 0;
  private currentRejected = false;
  private renewing: Promise<void> | null = null;
  private rejectedPending = false;
  private attempt = 0;
  private retryTimer: TimerHandle | null = null;
  /** What the SDK is created with. */
  private readonly sdkOptions: SdkCreateOptions;
  private readonly loadSdkFactory: () => Promise<SdkFactory>;
  /** The SDK and its platform once created (at once with `sdkFactory`, else once its chunk has arrived). @internal */
  loaded: { sdk: SdkLike; platform: SessionPlatform } | null = null;
  /** The SDK's chunk while it loads; a failed load is forgotten, so the next need loads it again. */
  private loading: Promise<SessionPlatform> | null = null;
  /** {@link RingCentralSessionOptions.handedRenewal} until the first renewal takes it. */
  private handedRenewal: Promise<AccessGrant> | null;
  /** The sign-in paths once there (at once with the option `signIn`, else once their chunk has arrived). */
  private signIn: SignInPaths | null;
  /** Their chunk while it loads; a failed load is forgotten, so the next need loads it again. */
  private signInLoading: Promise<SignInPaths> | null = null;

  /** @param options read by the sign-in paths too (server, client id, redirect URI, `randomState`). */
  constructor(readonly options: RingCentralSessionOptions) {
    this.emitter = new TypedEmitter(options.onListenerError);
    this.signIn = options.signIn ?? null;
    this.clock = options.clock ?? systemClock;
    this.retryDelay = options.retryDelay ?? ((attempt) => reconnectDelayMs(attempt, { baseMs: 1000, maxMs: 60_000 }));
    removeLegacyTokenCache(options.store, options.orgId, options.userId);
    this.sdkOptions = {
      server: options.server,
      clientId: options.clientId,
      ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
      redirectUri: options.redirectUri,
      cachePrefix: tokenCachePrefix(options.orgId, options.userId),
      localStorage: memorySdkStorage(),
      appName: 'RingCentralSoftphoneForSalesforce',
      clearCacheOnRefreshError: false,
      defaultRequestInit: { credentials: 'omit' },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    };
    this.loadSdkFactory = options.loadSdkFactory ?? loadDefaultSdkFactory;
    if (options.sdkFactory) this.install(options.sdkFactory);
    else this.platformReady().catch(() => undefined); // requested now, in parallel with the renewal; retried at need
    this.api = new PlatformApi({ send: async (request) => (await this.platformReady()).send(request) });
    this.mediaServer = mediaEntryPoint(options.server);
    this.handedRenewal = options.handedRenewal ?? null;
    this.keeper = options.keeper
      ? options.keeper
      : options.broker
        ? new TokenKeeper({
            broker: options.broker,
            store: options.store,
            orgId: options.orgId,
            userId: options.userId,
            ...(options.locks !== undefined ? { locks: options.locks } : {}),
          })
        : null;
    const online = options.online === undefined ? browserOnlineSignal() : options.online;
    this.stopOnline = online ? online.subscribe(() => this.retryNow()) : () => undefined;
  }

  get state(): AuthState {
    return this.current;
  }

  /**
   * The `@ringcentral/sdk` object. Throws until it is created: at once with the option `sdkFactory`, else once its
   * chunk has arrived ({@link sdkReady}).
   */
  get sdk(): SdkLike {
    return this.created().sdk;
  }

  /** The SDK's `Platform` (see {@link sdk}). */
  get platform(): SessionPlatform {
    return this.created().platform;
  }

  /** Resolves once the SDK is created (its chunk loaded); rejects when the chunk could not be loaded. */
  async sdkReady(): Promise<SdkLike> {
    await this.platformReady();
    return this.created().sdk;
  }

  private created(): { sdk: SdkLike; platform: SessionPlatform } {
    if (!this.loaded) throw new Error(SDK_NOT_LOADED_MESSAGE);
    return this.loaded;
  }

  /** Creates the SDK with `factory` and wires the session into it (token hook, 401 listener). */
  private install(factory: SdkFactory): SessionPlatform {
    const sdk = factory(this.sdkOptions);
    const platform = sdk.platform();
    platform.ensureLoggedIn = () => this.ensureAccessToken();
    sdk.client().on('requestError', (error) => this.noteRejection(error));
    this.loaded = { sdk, platform };
    return platform;
  }

  /**
   * The SDK's platform, loading its chunk first if needed (one load at a time). A failed load rejects with a
   * transient {@link RingCentralApiError} (no response: the renewal retries, a REST call fails as offline) and is
   * forgotten, so the next need loads again. @internal
   */
  platformReady(): Promise<SessionPlatform> {
    if (this.loaded) return Promise.resolve(this.loaded.platform);
    this.loading ??= this.loadSdkFactory().then(
      (factory) => {
        this.loading = null;
        return this.loaded ? this.loaded.platform : this.install(factory);
      },
      (error: unknown) => {
        this.loading = null;
        throw notLoaded(error);
      },
    );
    return this.loading;
  }

  /**
   * The sign-in paths, loading their chunk first if needed (one load at a time). A failed load rejects with the same
   * transient error as the SDK's chunk (`SdkNotLoaded`, "… part of the softphone did not load") and is forgotten, so
   * the next need loads again.
   */
  private signInReady(): Promise<SignInPaths> {
    if (this.signIn) return Promise.resolve(this.signIn);
    this.signInLoading ??= (this.options.loadSignIn ?? loadDefaultSignIn)().then(
      (paths) => {
        this.signInLoading = null;
        return (this.signIn = paths);
      },
      (error: unknown) => {
        this.signInLoading = null;
        throw notLoaded(error);
      },
    );
    return this.signInLoading;
  }

  /**
   * Requests the sign-in paths' chunk now, if it is not there (the composition root, once the start is over): a
   * sign-in that ends later finds it loaded. Never rejects; a failed load is retried at the next need.
   */
  prefetchSignIn(): void {
    this.signInReady().catch(() => undefined);
  }

  on<K extends keyof RingCentralSessionEventMap>(
    type: K,
    listener: (event: RingCentralSessionEventMap[K]) => void,
  ): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  /**
   * Picks up a stored sign-in (page reload, new tab): resolves `true` once `logged-in`. Resolves `false` when nothing
   * is stored (`logged-out`, `initial`), when the sign-in has ended (`logged-out` with a reason and message) and when
   * RingCentral cannot be reached now (`reconnecting`: the session keeps retrying and goes `logged-in` by itself).
   */
  async restore(): Promise<boolean> {
    if (this.current.name !== 'logged-out') return this.current.name === 'logged-in';
    if (!this.handedRenewal && !this.keeper?.hasCredential()) {
      this.prepareSignIn();
      return false;
    }
    this.mode = 'broker';
    this.transition({ name: 'logging-in' });
    try {
      await this.renew(false);
    } catch {
      return false; // the renewal moved the session to logged-out or reconnecting
    }
    return this.state.name === 'logged-in';
  }

  /**
   * Authorization code + PKCE in a popup: `platform.loginUrl({usePKCE:true, state})` (the SDK keeps the
   * `code_verifier`), `platform.loginWindow` opens the authorize page and waits for the callback page's
   * `postMessage` ({@link handleOAuthCallback}), then the broker exchanges the code and verifier.
   *
   * Call it synchronously from a click handler: the popup is opened before the first `await`, so popup blockers
   * let it through. Rejects (and goes back to `logged-out`, `login-cancelled` or `login-failed`) when the popup is
   * blocked or closed, the `state` does not match, or the exchange is refused (`TokenBrokerError`); also, with
   * `login-cancelled` and no popup, when the sign-in is not ready to open its popup in this task — the PKCE challenge
   * computed ahead, the SDK's chunk or the sign-in paths' chunk not there yet (a click within moments of the sign-in
   * being offered, or a chunk that could not load: this click requests it again), or no WebCrypto: the next click
   * works.
   */
  loginWithPopup(options: { loginHint?: string } = {}): Promise<void> {
    if (this.signIn) return this.signIn.loginWithPopup(this, options);
    if (this.current.name !== 'logged-out')
      return Promise.reject(new AuthTransitionError(this.current.name, 'logging-in'));
    // The chunk is requested when the sign-in is offered: a click before it arrives is a click too early, as one
    // before the SDK's chunk; going back to `logged-out` requests it again.
    this.transition({ name: 'logging-in' });
    this.transition({ name: 'logged-out', reason: 'login-cancelled', message: PKCE_NOT_READY_MESSAGE });
    return Promise.reject(new Error(PKCE_NOT_READY_MESSAGE));
  }

  /**
   * Finishes a sign-in whose popup another tab opened (ADR 0028): the authorization `code` that popup brought back and
   * the PKCE `codeVerifier` of its authorize request, which this tab made. One exchange through the broker; rejects
   * (and goes back to `logged-out`, `login-failed`) when it is refused, with an {@link AuthTransitionError} when this
   * session is not signed out (a sign-in is already under way, or done), and with a transient
   * {@link RingCentralApiError} (`SdkNotLoaded`, the session still signed out) when the sign-in paths' chunk could not
   * be loaded.
   */
  async signInWithCode(code: string, codeVerifier: string): Promise<void> {
    return (await this.signInReady()).signInWithCode(this, code, codeVerifier);
  }

  /** JWT bearer grant (`urn:ietf:params:oauth:grant-type:jwt-bearer`); for the harness and server-side tests. */
  async loginWithJwt(jwt: string): Promise<void> {
    return (await this.signInReady()).loginWithJwt(this, jwt);
  }

  /**
   * Signs out: revokes at RingCentral (through the broker; the refresh token ends the whole OAuth session) and forgets
   * the sealed credential and the access token. Resolves once logged out, even if revoke failed (reported as the
   * state's `message`).
   */
  async logout(): Promise<void> {
    if (this.current.name !== 'logged-in' && this.current.name !== 'reconnecting') return;
    this.transition({ name: 'logging-out' });
    this.cancelRetry();
    let message: string | undefined;
    if (this.mode === 'broker' && this.keeper) {
      const outcome = await this.keeper.signOut();
      if (outcome.error !== undefined) message = messageOf(outcome.error);
    } else if (this.mode === 'jwt') {
      await (await this.platformReady()).logout().catch((error: unknown) => {
        message = messageOf(error);
      });
    }
    await this.forgetAccessToken();
    this.transition({ name: 'logged-out', reason: 'logout', ...(message ? { message } : {}) });
  }

  /** Stops timers and listeners (page unload, tests). The sign-in stays stored. */
  dispose(): void {
    this.cancelRetry();
    this.stopOnline();
  }

  /**
   * The SDK's `ensureLoggedIn`: an access token valid for more than a minute, renewed when needed. After any 401 the
   * SDK blanks the current access token (`cancelAccessToken`) and retries; when the refused request carried an older
   * token (it was sent before a renewal finished), the current token is put back instead of spending a refresh.
   */
  private async ensureAccessToken(): Promise<null> {
    const auth = this.created().platform.auth();
    if (await auth.accessTokenValid()) return null;
    const data = await auth.data();
    const stillGood =
      !data.access_token &&
      this.currentToken !== null &&
      !this.currentRejected &&
      this.tokenExpiresAt - SDK_HANDICAP_MS > this.clock.now();
    if (stillGood) {
      await this.handToSdk();
      return null;
    }
    await this.renew(this.currentRejected);
    return null;
  }

  /** Notes a 401 for the current access token (from the SDK client's `requestError`). */
  private noteRejection(error: unknown): void {
    const failed = error as {
      response?: { status?: number };
      request?: { headers?: { get(name: string): string | null } };
    };
    if (failed?.response?.status !== 401) return;
    const sent = (failed.request?.headers?.get('authorization') ?? '').replace(/^bearer\s+/i, '');
    if (sent && sent === this.currentToken) this.currentRejected = true;
  }

  /** One renewal at a time in this tab; callers share it. */
  private renew(rejected: boolean): Promise<void> {
    if (rejected) this.rejectedPending = true;
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    const signedIn =
      this.mode !== null &&
      (this.current.name === 'logged-in' || this.current.name === 'reconnecting' || this.current.name === 'logging-in');
    if (!signedIn) throw new RingCentralApiError('Not signed in to RingCentral.', 401, 'NotSignedIn');
    try {
      if (this.mode === 'jwt') await (await this.signInReady()).renewJwt(this);
      else await this.useGrant(await this.nextGrant());
    } catch (error) {
      throw await this.renewalFailed(error);
    }
    this.rejectedPending = false;
    this.attempt = 0;
    this.cancelRetry();
    if (this.current.name !== 'logged-in') this.transition({ name: 'logged-in', ownerId: this.ownerId });
  }

  /** The handed-over renewal's answer the first time (unless a token was refused meanwhile), else the keeper's. */
  private nextGrant(): Promise<AccessGrant> {
    const handed = this.handedRenewal;
    this.handedRenewal = null;
    if (handed && !this.rejectedPending) return handed;
    return this.keeper!.renew({ rejected: this.rejectedPending });
  }

  /** Moves the session on after a failed renewal; returns the error the waiting request rejects with. */
  private async renewalFailed(error: unknown): Promise<RingCentralApiError> {
    const failure = await failureOf(error);
    if (this.current.name === 'logging-out' || this.current.name === 'logged-out') return failure.apiError;
    if (failure.endsSignIn) {
      this.cancelRetry();
      this.mode = null;
      await this.forgetAccessToken();
      this.transition({ name: 'logged-out', reason: failure.reason, message: failure.apiError.message });
      return failure.apiError;
    }
    this.attempt += 1;
    const delay = Math.max(this.retryDelay(this.attempt), (failure.apiError.retryAfterSeconds ?? 0) * 1000);
    this.cancelRetry();
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      this.retryNow();
    }, delay);
    this.transition({
      name: 'reconnecting',
      ownerId: this.ownerId,
      attempt: this.attempt,
      retryAt: this.clock.now() + delay,
      message: failure.apiError.message,
    });
    return failure.apiError;
  }

  /** A renewal now, when reconnecting (retry timer, browser back online). Its failure reschedules. */
  private retryNow(): void {
    if (this.current.name !== 'reconnecting') return;
    this.renew(false).catch(() => undefined);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Takes a grant of the broker: its access token goes to the SDK. @internal */
  async useGrant(grant: AccessGrant): Promise<void> {
    this.holdToken(grant.accessToken, this.clock.now() + grant.expiresIn * 1000, grant.ownerId ?? this.ownerId);
    const platform = await this.platformReady();
    await platform.auth().setData({
      token_type: grant.tokenType || 'bearer',
      ...(grant.ownerId ? { owner_id: grant.ownerId } : {}),
      ...(grant.scope ? { scope: grant.scope } : {}),
    });
    await this.handToSdk();
  }

  /** Gives the SDK the current access token (again). */
  private async handToSdk(): Promise<void> {
    await (await this.platformReady()).auth().setData({
      access_token: this.currentToken ?? '',
      expires_in: String(Math.max(0, Math.round((this.tokenExpiresAt - this.clock.now()) / 1000))),
      expire_time: this.tokenExpiresAt,
    });
  }

  /**
   * Notes the access token the SDK is given or holds, its expiry (epoch ms) and the agent's extension id. @internal
   */
  holdToken(token: string | null, expiresAt: number, ownerId: string | null): void {
    this.ownerId = ownerId;
    this.currentToken = token;
    this.currentRejected = false;
    this.tokenExpiresAt = expiresAt;
  }

  private async forgetAccessToken(): Promise<void> {
    this.holdToken(null, 0, this.ownerId);
    this.rejectedPending = false;
    // An SDK not created yet holds no token.
    await this.loaded?.sdk.cache().clean();
  }

  /** Moves the state machine on (guarded by {@link AUTH_TRANSITIONS}) and tells the listeners. @internal */
  transition(next: AuthState): void {
    if (!AUTH_TRANSITIONS[this.current.name].includes(next.name)) {
      throw new AuthTransitionError(this.current.name, next.name);
    }
    this.current = next;
    if (next.name === 'logged-out') this.prepareSignIn();
    this.emitter.emit('state', next);
  }

  /**
   * The sign-in is offered: its PKCE challenge is computed now, asynchronously, so that {@link loginWithPopup} opens
   * the popup within the click's task — once the sign-in paths' chunk is there (requested now if needed: its own
   * `preparePkce` is the default). A failure here (no WebCrypto, a chunk that did not load) shows at the click, as
   * the sign-in's error, and the click requests the chunk again.
   */
  private prepareSignIn(): void {
    const prepare = (paths: SignInPaths) => (this.options.preparePkce ?? paths.preparePkce)();
    if (this.signIn) prepare(this.signIn).catch(() => undefined);
    else
      this.signInReady()
        .then(prepare)
        .catch(() => undefined);
    // The popup's URL is the SDK's: its chunk too must be there at the click (again, if a load failed).
    this.platformReady().catch(() => undefined);
  }
}

/** How a renewal failed: whether it ends the sign-in, and the error the waiting request gets. */
async function failureOf(
  error: unknown,
): Promise<{ endsSignIn: boolean; reason: LoggedOutReason; apiError: RingCentralApiError }> {
  if (error instanceof TokenBrokerError) {
    const status = error.kind === 'unavailable' ? (error.retryAfterSeconds !== null ? 429 : null) : 401;
    return {
      endsSignIn: error.kind !== 'unavailable',
      reason: error.kind === 'session-ended' ? 'session-ended' : 'refresh-failed',
      apiError: new RingCentralApiError(error.message, status, error.kind, error.retryAfterSeconds),
    };
  }
  const apiError = await toApiError(error);
  return { endsSignIn: !apiError.transient, reason: 'refresh-failed', apiError };
}

function browserOnlineSignal(): OnlineSignal | null {
  const target = globalThis as {
    addEventListener?: (type: string, listener: () => void) => void;
    removeEventListener?: (type: string, listener: () => void) => void;
  };
  if (typeof target.addEventListener !== 'function' || typeof target.removeEventListener !== 'function') return null;
  return {
    subscribe(listener) {
      target.addEventListener!('online', listener);
      return () => target.removeEventListener!('online', listener);
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The transient error of a chunk (the SDK's, the sign-in paths') that could not be loaded: a {@link RingCentralApiError}
 * (status `null`, so transient; `errorCode` `SdkNotLoaded`) that the UI words by its reason code (`Reason_SDK_NOT_LOADED`,
 * read by `reasonOf`); the English `message` names the loader's failure for logs.
 * @public
 */
export class SdkNotLoadedError extends RingCentralApiError {
  readonly reasonCode = 'SDK_NOT_LOADED' satisfies NoticeReasonCode;

  constructor(cause: unknown) {
    super(`${SDK_NOT_LOADED_MESSAGE} (${messageOf(cause)})`, null, 'SdkNotLoaded');
  }
}

function notLoaded(error: unknown): RingCentralApiError {
  return new SdkNotLoadedError(error);
}

export type { LoggedOutReason };
