import { createHash } from 'node:crypto';
import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import { AuthTransitionError, type AuthState } from '../auth-state';
import { RingCentralSession, type SdkCreateOptions, type SdkLike, type SessionPlatform } from '../ringcentral-session';
import { tokenCachePrefix } from '../token-storage';

class FakePlatform implements SessionPlatform {
  readonly listeners = new Map<string, ((arg: unknown) => void)[]>();
  readonly calls: string[] = [];
  windowResult: Promise<{ code?: string; state?: string }> = Promise.resolve({});
  loginError: unknown = null;
  logoutError: unknown = null;
  refreshValid = false;
  loggedInResult = true;
  lastState = '';

  on(event: string, listener: (arg: unknown) => void): unknown {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, arg: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(arg);
  }
  loginUrl(options: { usePKCE?: boolean; state?: string }): string {
    this.calls.push(`loginUrl pkce=${String(options.usePKCE)}`);
    this.lastState = options.state ?? '';
    return `https://rc.test/restapi/oauth/authorize?state=${options.state}`;
  }
  loginWindow(options: { url: string }): Promise<{ code?: string; state?: string }> {
    this.calls.push(`loginWindow ${options.url}`);
    return this.windowResult;
  }
  async login(options: { code?: string; jwt?: string }): Promise<unknown> {
    this.calls.push(`login ${JSON.stringify(options)}`);
    if (this.loginError) throw this.loginError;
    return {};
  }
  async logout(): Promise<unknown> {
    this.calls.push('logout');
    if (this.logoutError) throw this.logoutError;
    return {};
  }
  async loggedIn(): Promise<boolean> {
    return this.loggedInResult;
  }
  auth() {
    return {
      data: async () => ({ owner_id: '62264101', access_token: 'a' }),
      refreshTokenValid: async () => this.refreshValid,
    };
  }
  async send(): Promise<Response> {
    throw new Error('not used');
  }
}

function setup() {
  const platform = new FakePlatform();
  const cleaned: number[] = [];
  const created: SdkCreateOptions[] = [];
  const store = new MemoryKeyValueStore();
  const session = new RingCentralSession({
    server: 'https://rc.test',
    clientId: 'softphone-local',
    redirectUri: 'https://sf.test/oauth/callback.html',
    orgId: '00D5g000000AbCd',
    userId: '0055g000001XyZq',
    store,
    randomState: () => 'state-123',
    sdkFactory: (options): SdkLike => {
      created.push(options);
      return { platform: () => platform, cache: () => ({ clean: async () => cleaned.push(1) }) };
    },
  });
  const states: AuthState[] = [];
  session.on('state', (s) => states.push(s));
  return { platform, session, states, created, cleaned, store };
}

describe('RingCentralSession', () => {
  it('creates the SDK with server, client id, redirect URI and a per-org/per-user cache prefix', () => {
    const { created, session } = setup();
    expect(created[0]).toMatchObject({
      server: 'https://rc.test',
      clientId: 'softphone-local',
      redirectUri: 'https://sf.test/oauth/callback.html',
      cachePrefix: 'rc-sf-00D5g000000AbCd-0055g000001XyZq-',
    });
    expect(created[0]?.clientSecret).toBeUndefined();
    expect(session.state).toEqual({ name: 'logged-out', reason: 'initial' });
  });

  it('keeps tokens of different users apart and refuses empty ids', () => {
    expect(tokenCachePrefix('00D1', '005A')).not.toBe(tokenCachePrefix('00D1', '005B'));
    expect(tokenCachePrefix('00D1', '005A')).not.toBe(tokenCachePrefix('00D2', '005A'));
    expect(() => tokenCachePrefix('', '005A')).toThrow(/org id and user id/);
  });

  it('opens the popup synchronously (popup blockers) with a PKCE login URL, then exchanges the code', async () => {
    const { platform, session, states } = setup();
    let resolveWindow: (v: { code?: string; state?: string }) => void = () => undefined;
    platform.windowResult = new Promise((resolve) => (resolveWindow = resolve));
    const pending = session.loginWithPopup();
    expect(platform.calls).toEqual([
      'loginUrl pkce=true',
      'loginWindow https://rc.test/restapi/oauth/authorize?state=state-123',
    ]);
    resolveWindow({ code: 'c0de', state: 'state-123' });
    await pending;
    expect(platform.calls[2]).toBe('login {"code":"c0de"}');
    expect(states).toEqual([{ name: 'logging-in' }, { name: 'logged-in', ownerId: '62264101' }]);
  });

  it('rejects a redirect whose state does not match (login-failed)', async () => {
    const { platform, session } = setup();
    platform.windowResult = Promise.resolve({ code: 'c0de', state: 'forged' });
    await expect(session.loginWithPopup()).rejects.toThrow(/unexpected state/);
    expect(session.state).toMatchObject({ name: 'logged-out', reason: 'login-failed' });
    expect(platform.calls.some((c) => c.startsWith('login '))).toBe(false);
  });

  it('a closed popup goes back to logged-out (login-cancelled)', async () => {
    const { platform, session } = setup();
    platform.windowResult = Promise.reject(new Error('Login window is closed'));
    await expect(session.loginWithPopup()).rejects.toThrow('Login window is closed');
    expect(session.state).toEqual({ name: 'logged-out', reason: 'login-cancelled', message: 'Login window is closed' });
  });

  it('a refused token request rejects with RingCentralApiError (login-failed)', async () => {
    const { platform, session } = setup();
    platform.loginError = Object.assign(new Error('Invalid JWT'), {
      response: new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400 }),
    });
    const error = await session.loginWithJwt('jwt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RingCentralApiError);
    expect(error).toMatchObject({ status: 400, errorCode: 'invalid_grant', message: 'Invalid JWT' });
    expect(session.state).toMatchObject({ name: 'logged-out', reason: 'login-failed' });
  });

  it('refuses a second login while one is running', async () => {
    const { platform, session } = setup();
    platform.windowResult = new Promise(() => undefined);
    void session.loginWithPopup();
    await expect(session.loginWithPopup()).rejects.toBeInstanceOf(AuthTransitionError);
  });

  it('restore: logged in when the stored refresh token is valid, else stays logged out', async () => {
    const empty = setup();
    await expect(empty.session.restore()).resolves.toBe(false);
    expect(empty.states).toEqual([]);
    const stored = setup();
    stored.platform.refreshValid = true;
    await expect(stored.session.restore()).resolves.toBe(true);
    expect(stored.session.state).toEqual({ name: 'logged-in', ownerId: '62264101' });
    const expired = setup();
    expired.platform.refreshValid = true;
    expired.platform.loggedInResult = false;
    await expect(expired.session.restore()).resolves.toBe(false);
    expect(expired.session.state).toEqual({ name: 'logged-out', reason: 'refresh-failed' });
  });

  it('the SDK refreshError logs the session out (refresh-failed) only when logged in', async () => {
    const { platform, session } = setup();
    platform.emit('refreshError', new Error('ignored while logged out'));
    expect(session.state).toEqual({ name: 'logged-out', reason: 'initial' });
    await session.loginWithJwt('jwt');
    platform.emit('refreshError', new Error('Refresh token has expired'));
    expect(session.state).toEqual({
      name: 'logged-out',
      reason: 'refresh-failed',
      message: 'Refresh token has expired',
    });
  });

  it('logout revokes; when revoke fails the local token is still dropped', async () => {
    const ok = setup();
    await ok.session.loginWithJwt('jwt');
    await ok.session.logout();
    expect(ok.platform.calls).toContain('logout');
    expect(ok.session.state).toEqual({ name: 'logged-out', reason: 'logout' });
    const offline = setup();
    await offline.session.loginWithJwt('jwt');
    offline.platform.logoutError = new Error('Failed to fetch');
    await offline.session.logout();
    expect(offline.cleaned).toEqual([1]);
    expect(offline.session.state).toEqual({ name: 'logged-out', reason: 'logout', message: 'Failed to fetch' });
  });

  it('with the real SDK: the PKCE challenge is the S256 of the verifier sent with the code', async () => {
    const requests: { url: string; body: string }[] = [];
    const fetchStub = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input as { url?: string; text?: () => Promise<string> };
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : String(request.url);
      const body = typeof request.text === 'function' ? await request.text() : String(init?.body ?? '');
      requests.push({ url, body });
      return new Response(
        JSON.stringify({
          access_token: 'at',
          token_type: 'bearer',
          expires_in: 3600,
          refresh_token: 'rt',
          refresh_token_expires_in: 86400,
          owner_id: '62264101',
        }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      );
    }) as typeof fetch;
    const session = new RingCentralSession({
      server: 'https://rc.test',
      clientId: 'softphone-local',
      redirectUri: 'https://sf.test/oauth/callback.html',
      orgId: '00D1',
      userId: '005A',
      store: new MemoryKeyValueStore(),
      fetch: fetchStub,
      randomState: () => 's1',
    });
    let challenge = '';
    session.platform.loginWindow = async ({ url }) => {
      challenge = new URL(url).searchParams.get('code_challenge') ?? '';
      return { code: 'abc', state: new URL(url).searchParams.get('state') ?? '' };
    };
    await session.loginWithPopup();
    const token = new URLSearchParams(requests[0]?.body ?? '');
    expect(requests[0]?.url).toBe('https://rc.test/restapi/oauth/token');
    expect(token.get('grant_type')).toBe('authorization_code');
    expect(token.get('client_id')).toBe('softphone-local');
    const verifier = token.get('code_verifier') ?? '';
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(session.state).toEqual({ name: 'logged-in', ownerId: '62264101' });
  });
});
