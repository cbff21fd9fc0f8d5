import type { RcPlatformHandle } from '../../index';
import { control, jwtSdk, loginJwt, pkceSdk, simFetch, startSim } from '../../http/__tests__/support/sim-fixture';
import { signJwtHs256 } from '../jwt';

describe('OAuth against the real @ringcentral/sdk', () => {
  let sim: RcPlatformHandle;
  beforeAll(async () => {
    sim = await startSim({ accessTokenTtlSeconds: 3600 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  async function authorize(loginUrl: string, username: string, password: string): Promise<Response> {
    const page = await simFetch(loginUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="password"');
    const form = new URLSearchParams();
    for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      form.set(match[1] as string, (match[2] as string).replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
    }
    form.set('username', username);
    form.set('password', password);
    form.set('action', 'login');
    return simFetch(new URL('/restapi/oauth/authorize', sim.urls.server), {
      method: 'POST',
      body: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
  }

  it('PKCE: authorize page logs in a seeded user, redirects with code+state, the SDK exchanges it', async () => {
    const sdk = pkceSdk(sim);
    const platform = sdk.platform();
    const loginUrl = platform.loginUrl({ usePKCE: true, state: 'xyz' });
    expect(loginUrl).toContain('code_challenge_method=S256');
    const redirect = await authorize(loginUrl, 'alex@example.test', 'Softphone!101');
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location') ?? '');
    expect(location.pathname).toBe('/apex/RingCentralOAuthCallback');
    expect(location.searchParams.get('state')).toBe('xyz');
    const { code } = platform.parseLoginRedirect(location.search);
    await platform.login({ code });
    const me = await (await platform.get('/restapi/v1.0/account/~/extension/~')).json();
    expect(me).toMatchObject({ id: 62264101, extensionNumber: '101', name: 'Alex Agent' });
    const auth = await platform.auth().data();
    expect(auth.owner_id).toBe('62264101');
    expect(auth.token_type).toBe('bearer');
  });

  it('PKCE: a wrong code_verifier, a reused code and a wrong password are refused', async () => {
    const sdk = pkceSdk(sim);
    const platform = sdk.platform();
    const redirect = await authorize(platform.loginUrl({ usePKCE: true }), 'sam@example.test', 'Softphone!102');
    const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
    await expect(
      platform.login({ code, code_verifier: 'not-the-verifier-0123456789012345678901234567' }),
    ).rejects.toThrow(/code_verifier/);

    const second = await authorize(platform.loginUrl({ usePKCE: true }), 'sam@example.test', 'Softphone!102');
    const code2 = new URL(second.headers.get('location') ?? '').searchParams.get('code') ?? '';
    await platform.login({ code: code2 });
    await expect(platform.login({ code: code2 })).rejects.toThrow(/invalid or expired/);

    const bad = await authorize(platform.loginUrl({ usePKCE: true }), 'alex@example.test', 'wrong');
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('Invalid username or password');
  });

  it('PKCE is required for the public client and redirect URIs must be loopback', async () => {
    const sdk = pkceSdk(sim);
    const noPkce = await simFetch(sdk.platform().loginUrl({}), { redirect: 'manual' });
    expect(noPkce.status).toBe(302);
    expect(noPkce.headers.get('location')).toContain('error=invalid_request');
    const evil = pkceSdk(sim, 'https://evil.example.com/apex/RingCentralOAuthCallback');
    const res = await simFetch(evil.platform().loginUrl({ usePKCE: true }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('accepts the namespaced callback page registered for rcsp, and no page of another namespace', async () => {
    const origin = 'http://localhost:8081';
    const namespaced = pkceSdk(sim, `${origin}/apex/rcsp__RingCentralOAuthCallback`);
    const ok = await simFetch(namespaced.platform().loginUrl({ usePKCE: true }), { redirect: 'manual' });
    expect(ok.status).toBe(200);
    const other = pkceSdk(sim, `${origin}/apex/other__RingCentralOAuthCallback`);
    const refused = await simFetch(other.platform().loginUrl({ usePKCE: true }), { redirect: 'manual' });
    expect(refused.status).toBe(400);
  });

  it('JWT bearer: the seeded JWT logs in; a JWT signed with another secret is refused', async () => {
    const sdk = await loginJwt(sim, 1);
    const me = await (await sdk.platform().get('/restapi/v1.0/account/~/extension/~')).json();
    expect(me.name).toBe('Sam Supervisor');
    const forged = signJwtHs256({ sub: '62264101' }, 'not-the-secret');
    await expect(jwtSdk(sim).login({ jwt: forged })).rejects.toThrow(/Invalid JWT: invalid JWT signature/);
    const wrongSecret = jwtSdk(sim, { clientSecret: 'nope' });
    await expect(wrongSecret.login({ jwt: sim.credentials.users[0]!.jwt })).rejects.toThrow(
      /Invalid client credentials/,
    );
  });

  it('refresh after expiry: expired access tokens get 401 TokenExpired and the SDK refreshes and retries', async () => {
    const sdk = await loginJwt(sim);
    const platform = sdk.platform();
    const before = (await platform.auth().data()).access_token;
    const refreshed = jest.fn();
    platform.on(platform.events.refreshSuccess, refreshed);
    const raw = await simFetch(`${sim.urls.server}/restapi/v1.0/account/~/extension/~`, {
      headers: { Authorization: `bearer ${before}` },
    });
    expect(raw.status).toBe(200);
    expect((await control(sim, 'POST', '/faults', { kind: 'expire-tokens' })).json.expired).toBeGreaterThan(0);
    const expired = await simFetch(`${sim.urls.server}/restapi/v1.0/account/~/extension/~`, {
      headers: { Authorization: `Bearer ${before}` },
    });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ errorCode: 'TokenExpired', errors: [{ errorCode: 'OAU-213' }] });
    const me = await (await platform.get('/restapi/v1.0/account/~/extension/~')).json();
    expect(me.id).toBe(62264101);
    expect(refreshed).toHaveBeenCalledTimes(1);
    expect((await platform.auth().data()).access_token).not.toBe(before);
  });

  it('revoke: logout kills the access token and its refresh token', async () => {
    const sdk = await loginJwt(sim);
    const platform = sdk.platform();
    const data = await platform.auth().data();
    await platform.logout();
    const res = await simFetch(`${sim.urls.server}/restapi/v1.0/account/~/extension/~`, {
      headers: { Authorization: `bearer ${data.access_token}` },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errorCode: 'TokenInvalid' });
    const basic = Buffer.from(
      `${sim.credentials.jwtClient.clientId}:${sim.credentials.jwtClient.clientSecret}`,
    ).toString('base64');
    const refresh = await simFetch(`${sim.urls.server}/restapi/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: data.refresh_token ?? '' }),
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('short access-token TTL', () => {
  let sim: RcPlatformHandle;
  beforeAll(async () => {
    sim = await startSim({ accessTokenTtlSeconds: 1 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('tokens expire on the server after the configured TTL and the SDK refreshes on its own', async () => {
    const sdk = await loginJwt(sim, 0, { refreshHandicapMs: 0 });
    const platform = sdk.platform();
    const first = await platform.auth().data();
    expect(Number(first.expires_in)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const stale = await simFetch(`${sim.urls.server}/restapi/v1.0/account/~`, {
      headers: { Authorization: `bearer ${first.access_token}` },
    });
    expect(stale.status).toBe(401);
    const account = await (await platform.get('/restapi/v1.0/account/~')).json();
    expect(account.id).toBe(37439510);
    const second = await platform.auth().data();
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
  });
});
