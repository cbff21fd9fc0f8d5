import { MemoryKeyValueStore } from '../../core/ports/key-value-store';
import {
  CALL_CENTER_KEYS,
  readPageConfig,
  rememberedRingCentralSettings,
  rememberRingCentralSettings,
  resolveRingCentralSettings,
  sameRingCentralSettings,
} from '../page-config';

function element(attributes: Record<string, string>): { getAttribute(name: string): string | null } {
  return { getAttribute: (name) => attributes[name] ?? null };
}

describe('readPageConfig', () => {
  it('reads remote action names, ids and RingCentral fallbacks from data attributes', () => {
    const config = readPageConfig(
      element({
        'data-match-numbers': 'ns.SoftphoneController.matchNumbers',
        'data-user-id': '005000000000001',
        'data-rc-server-url': ' https://platform.ringcentral.com ',
        'data-rc-client-id': 'abc',
      }),
    );
    expect(config.actions.matchNumbers).toBe('ns.SoftphoneController.matchNumbers');
    expect(config.actions.upsertCallLogs).toBe('SoftphoneController.upsertCallLogs');
    expect(config.userId).toBe('005000000000001');
    expect(config.rcServerUrl).toBe('https://platform.ringcentral.com');
    expect(config.rcClientId).toBe('abc');
  });

  it('works without the element', () => {
    expect(readPageConfig(null)).toMatchObject({ orgId: 'org', userId: 'user', rcServerUrl: null });
  });
});

describe('resolveRingCentralSettings', () => {
  const page = readPageConfig(
    element({ 'data-rc-server-url': 'https://page.example', 'data-rc-client-id': 'page-id' }),
  );

  it('prefers the call center rcSettings section over the page', () => {
    const rc = resolveRingCentralSettings(
      { [CALL_CENTER_KEYS.serverUrl]: 'https://cc.example', [CALL_CENTER_KEYS.clientId]: 'cc-id' },
      page,
      'https://x.vf.force.com/apex/OpenCTIIndex',
    );
    expect(rc).toEqual({
      server: 'https://cc.example',
      clientId: 'cc-id',
      redirectUri: 'https://x.vf.force.com/apex/RingCentralOAuthCallback',
    });
  });

  it("redirects to the package's own callback page on the adapter's origin, namespaced as $Page renders it", () => {
    const namespaced = readPageConfig(
      element({
        'data-rc-server-url': 'https://platform.ringcentral.com',
        'data-rc-client-id': 'id',
        'data-rc-redirect-uri': '/apex/rcsoft__RingCentralOAuthCallback',
      }),
    );
    expect(
      resolveRingCentralSettings(null, namespaced, 'https://acme--rcsoft.vf.force.com/apex/rcsoft__OpenCTIIndex?x=1')
        ?.redirectUri,
    ).toBe('https://acme--rcsoft.vf.force.com/apex/rcsoft__RingCentralOAuthCallback');
    expect(
      resolveRingCentralSettings(
        { [CALL_CENTER_KEYS.redirectUri]: 'https://other.example/apex/Callback' },
        namespaced,
        'https://acme--rcsoft.vf.force.com/apex/rcsoft__OpenCTIIndex',
      )?.redirectUri,
    ).toBe('https://other.example/apex/Callback');
  });

  it('falls back to the page config, and gives null when nothing names a server', () => {
    expect(resolveRingCentralSettings({}, page, 'https://x.example/apex/P')).toMatchObject({
      server: 'https://page.example',
      clientId: 'page-id',
    });
    expect(resolveRingCentralSettings(null, readPageConfig(null), 'https://x.example/')).toBeNull();
  });
});

describe('remembered RingCentral settings (a start that does not wait for getCallCenterSettings)', () => {
  const page = (userId: string) => readPageConfig(element({ 'data-org-id': '00D1', 'data-user-id': userId }));
  const SETTINGS = { server: 'https://platform.ringcentral.com', clientId: 'abc', redirectUri: 'https://x/cb' };

  it('keeps the settings per org and user, and forgets them', () => {
    const store = new MemoryKeyValueStore();
    expect(rememberedRingCentralSettings(store, page('005A'))).toBeNull();
    rememberRingCentralSettings(store, page('005A'), SETTINGS);
    expect(rememberedRingCentralSettings(store, page('005A'))).toEqual(SETTINGS);
    expect(rememberedRingCentralSettings(store, page('005B'))).toBeNull();
    rememberRingCentralSettings(store, page('005A'), null);
    expect(rememberedRingCentralSettings(store, page('005A'))).toBeNull();
  });

  it.each([
    ['not json'],
    ['null'],
    ['{"server":"https://x","clientId":""}'],
    ['{"server":1,"clientId":"a","redirectUri":"b"}'],
  ])('reads %s as nothing kept', (text) => {
    const store = new MemoryKeyValueStore();
    store.set('softphone.rcSettings.00D1.005A', text);
    expect(rememberedRingCentralSettings(store, page('005A'))).toBeNull();
  });

  it('ignores a full store (only a faster next start is lost)', () => {
    const full = Object.assign(new MemoryKeyValueStore(), {
      set(): void {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    expect(() => rememberRingCentralSettings(full, page('005A'), SETTINGS)).not.toThrow();
  });

  it('compares settings by server, client id and redirect URI', () => {
    expect(sameRingCentralSettings(SETTINGS, { ...SETTINGS })).toBe(true);
    expect(sameRingCentralSettings(SETTINGS, { ...SETTINGS, clientId: 'other' })).toBe(false);
    expect(sameRingCentralSettings(SETTINGS, null)).toBe(false);
    expect(sameRingCentralSettings(null, null)).toBe(true);
  });
});
