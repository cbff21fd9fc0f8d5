import { SDK } from '@ringcentral/sdk';
import { TypedEmitter, type Unsubscribe } from '../../core/support/typed-emitter';
import type { KeyValueStore } from '../../core/ports/key-value-store';
import { PlatformApi, toApiError, type SdkPlatformLike } from '../rest/platform-api';
import type { RingCentralApi } from '../rest/ringcentral-api';
import { mediaEntryPoint } from '../rest/media-entry-point';
import { AUTH_TRANSITIONS, AuthTransitionError, type AuthState, type LoggedOutReason } from './auth-state';
import { sdkStorageFrom, tokenCachePrefix, type SdkStorage } from './token-storage';

/**
 * The `@ringcentral/sdk` `Platform` methods the session uses (structural; the real `Platform` is cast to it once,
 * in {@link defaultSdkFactory}, because its `on` overloads are typed with an enum).
 * @public
 */
export interface SessionPlatform extends SdkPlatformLike {
  on(event: 'refreshError' | 'refreshSuccess' | 'logoutSuccess', listener: (arg: unknown) => void): unknown;
  loginUrl(options: { usePKCE?: boolean; state?: string; loginHint?: string; display?: string }): string;
  loginWindow(options: { url: string; origin?: string }): Promise<{ code?: string; state?: string }>;
  login(options: { code?: string; jwt?: string }): Promise<unknown>;
  logout(): Promise<unknown>;
  loggedIn(): Promise<boolean>;
  auth(): { data(): Promise<{ owner_id?: string; access_token?: string }>; refreshTokenValid(): Promise<boolean> };
}

/** The SDK object as the RingCentral layer sees it. @public */
export interface SdkLike {
  platform(): SessionPlatform;
  cache(): { clean(): Promise<unknown> };
}

/** Options the SDK is created with (`new SDK(options)`). @public */
export interface SdkCreateOptions {
  readonly server: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly redirectUri: string;
  readonly cachePrefix: string;
  readonly localStorage: SdkStorage;
  readonly appName: string;
  /** `fetch` init defaults; the session sends `{credentials: 'omit'}` (see {@link RingCentralSession}). */
  readonly defaultRequestInit: { readonly credentials: 'omit' };
  readonly fetch?: typeof fetch;
}

/** Creates the real SDK. @public */
export const defaultSdkFactory = (options: SdkCreateOptions): SdkLike =>
  new SDK({
    ...options,
    defaultRequestInit: { ...options.defaultRequestInit },
    localStorage: options.localStorage as unknown as Storage,
  }) as unknown as SdkLike;

/** @public */
export interface RingCentralSessionOptions {
  /** RingCentral server, e.g. `https://platform.ringcentral.com` or the simulator's `https://127.0.0.1:8443`. */
  readonly server: string;
  /** The app's client id (public client: authorization code + PKCE, no secret in the browser). */
  readonly clientId: string;
  /** Server-side tests only (JWT client); never set in the browser bundle. */
  readonly clientSecret?: string;
  /** Where the authorize page redirects: the page running {@link handleOAuthCallback}. */
  readonly redirectUri: string;
  /** Salesforce org and user: the token store is keyed by both ({@link tokenCachePrefix}). */
  readonly orgId: string;
  readonly userId: string;
  /** Durable storage for the SDK's token (the browser's `localStorage` wrapper in the app). */
  readonly store: KeyValueStore;
  readonly sdkFactory?: (options: SdkCreateOptions) => SdkLike;
  /** `state` parameter generator for the authorize request (default: 16 random bytes, hex). */
  readonly randomState?: () => string;
  readonly fetch?: typeof fetch;
  readonly onListenerError?: (error: unknown) => void;
}

/** Events of {@link RingCentralSession}. @public */
export interface RingCentralSessionEventMap {
  state: AuthState;
}

/**
 * The agent's RingCentral login: wraps one `@ringcentral/sdk` instance created with `{server, clientId,
 * redirectUri, cachePrefix, localStorage}` and publishes a guarded {@link AuthState} machine.
 *
 * - Login: authorization code with PKCE in a popup ({@link RingCentralSession.loginWithPopup}); JWT
 *   ({@link RingCentralSession.loginWithJwt}) for the harness and server-side tests.
 * - Persistence: the SDK's own token cache, under a per-org/per-user prefix ({@link tokenCachePrefix}); a reload
 *   calls {@link RingCentralSession.restore}.
 * - Refresh: done by the SDK before a request when the access token is within 60 s of expiry, or after a 401
 *   (`@ringcentral/sdk` 5 `Platform.ensureLoggedIn`); its `refreshError` moves the session to `logged-out`
 *   with reason `refresh-failed`.
 * - Logout: `POST /restapi/oauth/revoke` through the SDK; the local token is dropped even when revoke fails.
 * - Requests go with `credentials: 'omit'` (the SDK's default is `include`): the API is authorized by the bearer
 *   token alone, so no RingCentral cookie leaves the Salesforce page and the API's CORS answer needs no
 *   `Access-Control-Allow-Credentials`.
 * @public
 */
export class RingCentralSession {
  readonly sdk: SdkLike;
  readonly platform: SessionPlatform;
  /** REST client bound to this login (rejects with `RingCentralApiError`). */
  readonly api: RingCentralApi;
  /** Where the server serves media such as call recordings ({@link mediaEntryPoint} of `server`). */
  readonly mediaServer: string;
  private current: AuthState = { name: 'logged-out', reason: 'initial' };
  private readonly emitter: TypedEmitter<RingCentralSessionEventMap>;
  private readonly randomState: () => string;

  constructor(options: RingCentralSessionOptions) {
    this.emitter = new TypedEmitter(options.onListenerError);
    this.randomState = options.randomState ?? randomHex;
    this.sdk = (options.sdkFactory ?? defaultSdkFactory)({
      server: options.server,
      clientId: options.clientId,
      ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}),
      redirectUri: options.redirectUri,
      cachePrefix: tokenCachePrefix(options.orgId, options.userId),
      localStorage: sdkStorageFrom(options.store),
      appName: 'RingCentralSoftphoneForSalesforce',
      defaultRequestInit: { credentials: 'omit' },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.platform = this.sdk.platform();
    this.api = new PlatformApi(this.platform);
    this.mediaServer = mediaEntryPoint(options.server);
    this.platform.on('refreshError', (error) => {
      if (this.current.name !== 'logged-in') return;
      this.transition({ name: 'logged-out', reason: 'refresh-failed', message: messageOf(error) });
    });
  }

  get state(): AuthState {
    return this.current;
  }

  on<K extends keyof RingCentralSessionEventMap>(
    type: K,
    listener: (event: RingCentralSessionEventMap[K]) => void,
  ): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  /**
   * Picks up a stored login (page reload): resolves `true` and moves to `logged-in` when the stored refresh token is
   * still valid (the SDK refreshes the access token if needed), else `false` and stays `logged-out` (`initial`).
   */
  async restore(): Promise<boolean> {
    if (this.current.name !== 'logged-out') return this.current.name === 'logged-in';
    if (!(await this.platform.auth().refreshTokenValid())) return false;
    this.transition({ name: 'logging-in' });
    const ok = await this.platform.loggedIn();
    if (!ok) {
      this.transition({ name: 'logged-out', reason: 'refresh-failed' });
      return false;
    }
    this.transition({ name: 'logged-in', ownerId: await this.ownerId() });
    return true;
  }

  /**
   * Authorization code + PKCE in a popup: `platform.loginUrl({usePKCE:true, state})` (the SDK keeps the
   * `code_verifier`), `platform.loginWindow` opens the authorize page and waits for the callback page's
   * `postMessage` ({@link handleOAuthCallback}), then `platform.login({code})` exchanges the code.
   *
   * Call it synchronously from a click handler: the popup is opened before the first `await`, so popup blockers
   * let it through. Rejects (and goes back to `logged-out`, `login-cancelled` or `login-failed`) when the popup is
   * blocked or closed, the `state` does not match, or the token request is refused (`RingCentralApiError`).
   */
  loginWithPopup(options: { loginHint?: string } = {}): Promise<void> {
    if (this.current.name !== 'logged-out') {
      return Promise.reject(new AuthTransitionError(this.current.name, 'logging-in'));
    }
    this.transition({ name: 'logging-in' });
    let waiting: Promise<{ code?: string; state?: string }>;
    const state = this.randomState();
    try {
      const url = this.platform.loginUrl({
        usePKCE: true,
        state,
        ...(options.loginHint ? { loginHint: options.loginHint } : {}),
      });
      waiting = this.platform.loginWindow({ url });
    } catch (error) {
      this.transition({ name: 'logged-out', reason: 'login-cancelled', message: messageOf(error) });
      return Promise.reject(error);
    }
    return (async () => {
      let redirect: { code?: string; state?: string };
      try {
        redirect = await waiting;
      } catch (error) {
        this.transition({ name: 'logged-out', reason: 'login-cancelled', message: messageOf(error) });
        throw error;
      }
      if (redirect.state !== state || !redirect.code) {
        const error = new Error('RingCentral login returned an unexpected state; please try again');
        this.transition({ name: 'logged-out', reason: 'login-failed', message: error.message });
        throw error;
      }
      await this.exchange({ code: redirect.code });
    })();
  }

  /** JWT bearer grant (`urn:ietf:params:oauth:grant-type:jwt-bearer`); for the harness and server-side tests. */
  async loginWithJwt(jwt: string): Promise<void> {
    this.transition({ name: 'logging-in' });
    await this.exchange({ jwt });
  }

  /**
   * Revokes the token (`POST /restapi/oauth/revoke`) and forgets it. Resolves once logged out, even if revoke
   * failed (the local token is dropped anyway; the error is reported as the state's `message`).
   */
  async logout(): Promise<void> {
    if (this.current.name !== 'logged-in') return;
    this.transition({ name: 'logging-out' });
    let message: string | undefined;
    try {
      await this.platform.logout();
    } catch (error) {
      message = messageOf(error);
      await this.sdk.cache().clean();
    }
    this.transition({ name: 'logged-out', reason: 'logout', ...(message ? { message } : {}) });
  }

  private async exchange(grant: { code?: string; jwt?: string }): Promise<void> {
    try {
      await this.platform.login(grant);
    } catch (error) {
      const apiError = await toApiError(error);
      this.transition({ name: 'logged-out', reason: 'login-failed', message: apiError.message });
      throw apiError;
    }
    this.transition({ name: 'logged-in', ownerId: await this.ownerId() });
  }

  private async ownerId(): Promise<string | null> {
    const data = await this.platform.auth().data();
    return data.owner_id ? String(data.owner_id) : null;
  }

  private transition(next: AuthState): void {
    if (!AUTH_TRANSITIONS[this.current.name].includes(next.name)) {
      throw new AuthTransitionError(this.current.name, next.name);
    }
    this.current = next;
    this.emitter.emit('state', next);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function randomHex(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type { LoggedOutReason };
