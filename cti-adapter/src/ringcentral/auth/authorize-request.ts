/**
 * A RingCentral authorize request with PKCE prepared ahead, for a sign-in whose popup another tab opens (ADR 0028):
 * the owner tab makes it and keeps the `codeVerifier`; a follower tab gets only the `url` and opens it, in the task
 * of the agent's click. The request is what `@ringcentral/sdk` 5's `Platform.loginUrl({usePKCE: true, state})` builds
 * (`GET {server}/restapi/oauth/authorize`, RingCentral Developer Guide "Authorization code flow with PKCE"): `code`
 * response type, the app's client id and redirect URI, a random `state`, and the S256 challenge of a 32-byte random
 * verifier (RFC 7636 §4.1–4.2: base64url without padding), computed with WebCrypto (`crypto.subtle.digest`).
 * @public
 */
export interface AuthorizeRequest {
  /** The authorize page to open (public: its parameters are shown in the popup's address bar). */
  readonly url: string;
  /** The `state` the authorization response must carry back (RFC 6749 §4.1.1). */
  readonly state: string;
  /** The PKCE `code_verifier` (RFC 7636 §4.1): a secret of this tab, sent only to the package's Apex. */
  readonly codeVerifier: string;
}

/** What the authorize request is made for (the call center's RingCentral settings, `page-config.ts`). @public */
export interface AuthorizeTarget {
  readonly server: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

/** The path of RingCentral's authorize endpoint (`@ringcentral/sdk` `Platform` `authorizeEndpoint`). @public */
export const AUTHORIZE_PATH = '/restapi/oauth/authorize';

/**
 * Draws a verifier and a state (`crypto.getRandomValues`) and computes the challenge (`crypto.subtle.digest`).
 * Rejects where WebCrypto is missing (not a secure context).
 * @public
 */
export async function prepareAuthorizeRequest(
  target: AuthorizeTarget,
  crypto: Crypto = globalThis.crypto,
): Promise<AuthorizeRequest> {
  const codeVerifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier));
  const query = new URLSearchParams({
    response_type: 'code',
    redirect_uri: target.redirectUri,
    client_id: target.clientId,
    state,
    code_challenge: base64Url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  });
  const url = `${target.server.replace(/\/+$/, '')}${AUTHORIZE_PATH}?${query.toString()}`;
  return { url, state, codeVerifier };
}

/**
 * The authorization response the package's callback page posts to the window that opened the popup
 * (`{RCAuthorizationResponse: location.search || location.hash}`, `oauth-callback.ts`): the code and state, or the
 * authorize page's error (`error_description`, else `error`, RFC 6749 §4.1.2.1).
 * @public
 */
export function readAuthorizationResponse(
  response: string,
): { readonly code: string; readonly state: string } | { readonly error: string } {
  const params = new URLSearchParams(response.replace(/^[?#]/, ''));
  const error = params.get('error_description') || params.get('error');
  if (error) return { error };
  const code = params.get('code');
  if (!code) return { error: 'No authorization code' };
  return { code, state: params.get('state') ?? '' };
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
