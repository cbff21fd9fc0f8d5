import { AUTH_RESPONSE_PROPERTY, describeOAuthCallbackOutcome, handleOAuthCallback } from '../oauth-callback';

function popup(search: string, hash = '', withOpener = true) {
  const posted: { message: unknown; origin: string }[] = [];
  const win = {
    location: { search, hash, origin: 'https://acme--c.vf.force.com' } as Location,
    opener: withOpener ? { postMessage: (message: unknown, origin: string) => posted.push({ message, origin }) } : null,
  };
  return { win, posted };
}

describe('handleOAuthCallback', () => {
  it('posts the query to the opener under the SDK property, pinned to the page origin', () => {
    const { win, posted } = popup('?code=abc&state=s1');
    expect(handleOAuthCallback(win)).toEqual({ posted: true });
    expect(posted).toEqual([
      { message: { [AUTH_RESPONSE_PROPERTY]: '?code=abc&state=s1' }, origin: 'https://acme--c.vf.force.com' },
    ]);
    expect(AUTH_RESPONSE_PROPERTY).toBe('RCAuthorizationResponse');
  });

  it('uses the fragment when there is no query, and reports the authorize error', () => {
    const { win, posted } = popup('', '#error=access_denied&error_description=User%20denied');
    expect(handleOAuthCallback(win, 'https://other.example')).toEqual({ posted: true, error: 'User denied' });
    expect(posted[0]?.origin).toBe('https://other.example');
  });

  it('says so when the opener is gone or nothing came back', () => {
    expect(handleOAuthCallback(popup('?code=abc', '', false).win)).toEqual({ posted: false, reason: 'no-opener' });
    expect(handleOAuthCallback(popup('', '').win)).toEqual({ posted: false, reason: 'no-response' });
  });

  it('tells the person at the page what happened, and an admin the exact redirect URI to register', () => {
    const url = 'https://acme--rcsoft.vf.force.com/apex/rcsoft__RingCentralOAuthCallback?code=abc&state=s';
    expect(describeOAuthCallbackOutcome({ posted: true }, url)).toBe(
      'Signed in to RingCentral. This window closes by itself.',
    );
    expect(describeOAuthCallbackOutcome({ posted: true, error: 'User denied' }, url)).toContain(
      'sign-in failed: User denied',
    );
    expect(describeOAuthCallbackOutcome({ posted: false, reason: 'no-opener' }, url)).toContain('sign in again');
    expect(describeOAuthCallbackOutcome({ posted: false, reason: 'no-response' }, url)).toBe(
      'This is the RingCentral sign-in page of the softphone. Register this exact URL as the OAuth redirect URI of your RingCentral app: https://acme--rcsoft.vf.force.com/apex/rcsoft__RingCentralOAuthCallback',
    );
  });
});
