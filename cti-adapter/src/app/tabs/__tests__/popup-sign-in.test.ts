import { openSignInPopup, POPUP_BLOCKED, POPUP_CLOSED } from '../popup-sign-in';

const ORIGIN = 'https://acme--c.vf.force.com';

/** This tab's window and the popup it opens; `post` delivers a `message` event to this window. */
function fakeWindow(options: { blocked?: boolean } = {}) {
  const listeners = new Set<(event: MessageEvent) => void>();
  const popup = { closed: false, close: jest.fn(() => void (popup.closed = true)), focus: jest.fn() };
  const opened: [string, string][] = [];
  const win = {
    location: { origin: ORIGIN },
    open: (url: string, name: string) => {
      opened.push([url, name]);
      return options.blocked ? null : popup;
    },
    addEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: (event: MessageEvent) => void) => listeners.delete(listener),
  } as unknown as Window;
  const post = (data: unknown, source: unknown = popup, origin = ORIGIN): void => {
    for (const listener of [...listeners]) listener({ data, source, origin } as MessageEvent);
  };
  return { win, popup, opened, post, listeners };
}

describe("openSignInPopup (a follower tab's sign-in popup, ADR 0028)", () => {
  it('opens the authorize page at once and resolves with the response its callback page posts; closes the popup', async () => {
    const { win, popup, opened, post, listeners } = fakeWindow();
    const signIn = openSignInPopup('https://rc/restapi/oauth/authorize?state=s1', win, 10_000);
    expect(opened).toEqual([['https://rc/restapi/oauth/authorize?state=s1', 'RingCentralLoginWindow']]);
    // Ignored: another window, another origin, another message.
    post({ RCAuthorizationResponse: '?code=forged&state=s1' }, {});
    post({ RCAuthorizationResponse: '?code=forged&state=s1' }, popup, 'https://evil.example');
    post({ something: 'else' });
    post({ RCAuthorizationResponse: '?code=code-1&state=s1' });
    await expect(signIn.response).resolves.toEqual({ code: 'code-1', state: 's1' });
    expect(popup.close).toHaveBeenCalled();
    expect(listeners.size).toBe(0);
  });

  it("rejects with the authorize page's error", async () => {
    const { win, post } = fakeWindow();
    const signIn = openSignInPopup('https://rc/a', win, 10_000);
    post({ RCAuthorizationResponse: '?error=access_denied&error_description=The+user+denied+access' });
    await expect(signIn.response).rejects.toThrow('The user denied access');
  });

  it('rejects when the browser blocks the popup, and when the agent closes it', async () => {
    await expect(openSignInPopup('https://rc/a', fakeWindow({ blocked: true }).win).response).rejects.toThrow(
      POPUP_BLOCKED,
    );
    const { win, popup, listeners } = fakeWindow();
    const signIn = openSignInPopup('https://rc/a', win, 1);
    popup.closed = true;
    await expect(signIn.response).rejects.toThrow(POPUP_CLOSED);
    expect(listeners.size).toBe(0);
  });

  it('close() closes the popup and stops listening (another tab signed in)', () => {
    const { win, popup, listeners } = fakeWindow();
    openSignInPopup('https://rc/a', win, 10_000).close();
    expect(popup.close).toHaveBeenCalled();
    expect(listeners.size).toBe(0);
  });
});
