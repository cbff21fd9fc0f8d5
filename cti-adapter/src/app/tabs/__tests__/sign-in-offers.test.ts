import type { AuthorizeTarget } from '../../../ringcentral/auth/authorize-request';
import { labels } from '../../../ui/labels';
import { SIGN_IN_STALE, SignInOffers, type TabSignInTarget } from '../sign-in-offers';

const SETTINGS: AuthorizeTarget = {
  server: 'https://platform.ringcentral.com',
  clientId: 'softphone-local',
  redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
};

/** The owner's connection: signed out until a code is exchanged. */
class Target implements TabSignInTarget {
  signedOut = true;
  settings = SETTINGS;
  refuse: Error | null = null;
  readonly exchanges: [string, string][] = [];
  signInSettings(): AuthorizeTarget | null {
    return this.signedOut ? this.settings : null;
  }
  async signInWithCode(code: string, codeVerifier: string): Promise<void> {
    this.exchanges.push([code, codeVerifier]);
    if (this.refuse) throw this.refuse;
    this.signedOut = false;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function offers(target: Target) {
  const published: (string | null)[] = [];
  let n = 0;
  const prepare = (t: AuthorizeTarget) => {
    n += 1;
    return Promise.resolve({
      url: `${t.server}/restapi/oauth/authorize?state=s${n}`,
      state: `s${n}`,
      codeVerifier: `v${n}`,
    });
  };
  return { published, offers: new SignInOffers(target, (url) => published.push(url), prepare) };
}

describe('SignInOffers (the owner side of a sign-in from any tab, ADR 0028)', () => {
  it('offers a prepared authorize request while signed out, once per settings; exchanges a response with its verifier', async () => {
    const target = new Target();
    const { offers: o, published } = offers(target);
    o.refresh();
    o.refresh();
    await settle();
    expect(published).toEqual(['https://platform.ringcentral.com/restapi/oauth/authorize?state=s1']);
    await o.complete('code-1', 's1');
    expect(target.exchanges).toEqual([['code-1', 'v1']]);
    // Used once, withdrawn; signed in now: nothing new is offered.
    expect(published).toEqual(['https://platform.ringcentral.com/restapi/oauth/authorize?state=s1', null]);
  });

  it('two tabs clicked: the second response is told the sign-in happened elsewhere, without an exchange', async () => {
    const target = new Target();
    const { offers: o } = offers(target);
    o.refresh();
    await settle();
    await o.complete('code-1', 's1');
    await expect(o.complete('code-2', 's1')).rejects.toThrow(labels.Sign_in_done_in_other_tab);
    expect(target.exchanges).toHaveLength(1);
  });

  it("refuses a response of another offer (an older owner's, or forged) and keeps its own", async () => {
    const target = new Target();
    const { offers: o, published } = offers(target);
    o.refresh();
    await settle();
    await expect(o.complete('code-1', 'old')).rejects.toThrow(SIGN_IN_STALE);
    expect(target.exchanges).toEqual([]);
    expect(published.at(-1)).toContain('state=s1');
  });

  it('a refused exchange offers a fresh request (a code is never tried twice)', async () => {
    const target = new Target();
    target.refuse = new Error('RingCentral ended the sign-in (Authorization code is invalid or expired).');
    const { offers: o, published } = offers(target);
    o.refresh();
    await settle();
    await expect(o.complete('code-1', 's1')).rejects.toThrow(/invalid or expired/);
    await settle();
    expect(published.at(-1)).toContain('state=s2');
    await expect(o.complete('code-1', 's1')).rejects.toThrow(SIGN_IN_STALE);
  });

  it('withdraws the offer when signed in from the owner itself, and offers anew after a sign-out', async () => {
    const target = new Target();
    const { offers: o, published } = offers(target);
    o.refresh();
    await settle();
    target.signedOut = false;
    o.refresh();
    expect(published.at(-1)).toBeNull();
    target.signedOut = true;
    o.refresh();
    await settle();
    expect(published.at(-1)).toContain('state=s2');
  });

  it('a failed preparation (no WebCrypto) offers nothing and tries again at the next change', async () => {
    const target = new Target();
    const published: (string | null)[] = [];
    let fail = true;
    const o = new SignInOffers(
      target,
      (url) => published.push(url),
      () =>
        fail
          ? Promise.reject(new Error('crypto.subtle is undefined'))
          : Promise.resolve({ url: 'https://rc/restapi/oauth/authorize?state=s', state: 's', codeVerifier: 'v' }),
    );
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    o.refresh();
    await settle();
    expect(published).toEqual([]);
    fail = false;
    o.refresh();
    await settle();
    expect(published).toEqual(['https://rc/restapi/oauth/authorize?state=s']);
    warn.mockRestore();
  });
});
