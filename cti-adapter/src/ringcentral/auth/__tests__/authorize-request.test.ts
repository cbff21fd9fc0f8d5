import { createHash, webcrypto } from 'node:crypto';
import { prepareAuthorizeRequest, readAuthorizationResponse } from '../authorize-request';

const TARGET = {
  server: 'https://platform.ringcentral.com/',
  clientId: 'softphone-local',
  redirectUri: 'https://acme--c.vf.force.com/apex/RingCentralOAuthCallback',
};

describe('prepareAuthorizeRequest (PKCE ahead, for a popup opened in another tab)', () => {
  it("builds the SDK's authorize request: code flow, client, redirect, state and the S256 challenge of the verifier", async () => {
    const request = await prepareAuthorizeRequest(TARGET, webcrypto as unknown as Crypto);
    const url = new URL(request.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://platform.ringcentral.com/restapi/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      redirect_uri: TARGET.redirectUri,
      client_id: 'softphone-local',
      state: request.state,
      code_challenge: createHash('sha256').update(request.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    // RFC 7636 §4.1: 43 characters of base64url from 32 random bytes.
    expect(request.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request.state).toMatch(/^[0-9a-f]{32}$/);
    // The verifier is never in the URL that other tabs see.
    expect(request.url).not.toContain(request.codeVerifier);
  });

  it('draws a new verifier and state each time', async () => {
    const one = await prepareAuthorizeRequest(TARGET, webcrypto as unknown as Crypto);
    const two = await prepareAuthorizeRequest(TARGET, webcrypto as unknown as Crypto);
    expect(two.codeVerifier).not.toBe(one.codeVerifier);
    expect(two.state).not.toBe(one.state);
  });
});

describe('readAuthorizationResponse', () => {
  it('reads the code and state of the query or the fragment', () => {
    expect(readAuthorizationResponse('?code=abc&state=s1')).toEqual({ code: 'abc', state: 's1' });
    expect(readAuthorizationResponse('#code=abc&state=s1')).toEqual({ code: 'abc', state: 's1' });
  });

  it("reports the authorize page's error, and a response without a code", () => {
    expect(readAuthorizationResponse('?error=access_denied&error_description=The+user+denied')).toEqual({
      error: 'The user denied',
    });
    expect(readAuthorizationResponse('?error=access_denied')).toEqual({ error: 'access_denied' });
    expect(readAuthorizationResponse('?state=s1')).toEqual({ error: 'No authorization code' });
  });
});
