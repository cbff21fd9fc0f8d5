import type * as Sdk from '@ringcentral/sdk';
import { defaultSdkFactory } from '../default-sdk';
import { memorySdkStorage } from '../token-storage';

// The bundle resolves the SDK's `./Discovery` to `sdk-discovery-off.ts` (scripts/build/build-softphone.mjs,
// sdkDiscoveryOff): the SDK as the softphone creates it must never need the real module.
jest.mock('@ringcentral/sdk/lib/platform/Discovery', () => jest.requireActual('../sdk-discovery-off'));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SDK } = require('@ringcentral/sdk') as typeof Sdk;

function answering(body: unknown): typeof fetch {
  return (() =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    )) as unknown as typeof fetch;
}

describe('@ringcentral/sdk without its Discovery module (the bundle’s stand-in)', () => {
  it('creates the SDK as the softphone does and calls the API with a token', async () => {
    const sdk = defaultSdkFactory({
      server: 'https://platform.example.test',
      clientId: 'client-1',
      redirectUri: 'https://example.test/callback',
      cachePrefix: 'test-',
      localStorage: memorySdkStorage(),
      appName: 'softphone-test',
      clearCacheOnRefreshError: false,
      defaultRequestInit: { credentials: 'omit' },
      fetch: answering({ id: 101, extensionNumber: '101' }),
    }) as unknown as InstanceType<typeof SDK>;
    expect(sdk.platform().discovery()).toBeUndefined();
    await sdk
      .platform()
      .auth()
      .setData({
        token_type: 'bearer',
        access_token: 'a-1',
        expires_in: '3600',
        expire_time: Date.now() + 3_600_000,
        refresh_token_expires_in: '604800',
        refresh_token_expire_time: Date.now() + 604_800_000,
      });
    const response = await sdk.platform().get('/restapi/v1.0/account/~/extension/~');
    expect(await response.json()).toEqual({ id: 101, extensionNumber: '101' });
  });

  it('builds a PKCE sign-in URL without discovery', () => {
    const sdk = new SDK({
      server: 'https://platform.example.test',
      clientId: 'client-1',
      redirectUri: 'https://x.test/cb',
    });
    const url = new URL(sdk.platform().loginUrl({ usePKCE: true, state: 's-1' }));
    expect(url.pathname).toBe('/restapi/oauth/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('discovery')).toBeNull();
  });

  it('fails at once, saying why, when an SDK is created with discovery enabled', () => {
    expect(
      () => new SDK({ server: 'https://platform.example.test', clientId: 'client-1', enableDiscovery: true }),
    ).toThrow('RingCentral discovery (SDK option enableDiscovery) is not part of the softphone bundle');
  });
});
