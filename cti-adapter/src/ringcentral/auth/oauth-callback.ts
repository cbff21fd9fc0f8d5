/**
 * The logic of the OAuth redirect page — the package's Visualforce page `RingCentralOAuthCallback`, whose static
 * resource `RingCentralOAuthCallback` runs it (`src/app/oauth-callback-page.ts`): hands the authorization response to
 * the softphone frame that opened the popup.
 *
 * It posts `{RCAuthorizationResponse: location.search || location.hash}` to `window.opener` with the target origin
 * pinned to `expectedOrigin` (default: the page's own origin), which is exactly what `@ringcentral/sdk` 5's
 * `Platform.loginWindow` listens for (`Constants.authResponseProperty`, origin check) — the same message
 * `SDK.handleLoginRedirect` sends, without loading the SDK in the popup. The SDK closes the popup once it has the
 * message. Returns what happened so the page can show a short text.
 *
 * @public
 */
export function handleOAuthCallback(
  win: Pick<Window, 'location' | 'opener'>,
  expectedOrigin: string = win.location.origin,
): OAuthCallbackOutcome {
  const response = win.location.search || win.location.hash;
  if (!response) return { posted: false, reason: 'no-response' };
  const opener = win.opener as Pick<Window, 'postMessage'> | null;
  if (!opener) return { posted: false, reason: 'no-opener' };
  opener.postMessage({ [AUTH_RESPONSE_PROPERTY]: response }, expectedOrigin);
  const params = new URLSearchParams(response.replace(/^[?#]/, ''));
  const error = params.get('error_description') ?? params.get('error');
  return error ? { posted: true, error } : { posted: true };
}

/** The message property `@ringcentral/sdk` reads (`Constants.authResponseProperty`). @public */
export const AUTH_RESPONSE_PROPERTY = 'RCAuthorizationResponse';

/**
 * Result of {@link handleOAuthCallback}: `no-opener` when the popup lost its opener (the frame was reloaded or a
 * `Cross-Origin-Opener-Policy` cut the link: the agent must retry), `no-response` when the page was opened without
 * a query or fragment. `error` carries the authorize page's `error_description`/`error` (e.g. `access_denied`).
 * @public
 */
export type OAuthCallbackOutcome =
  | { readonly posted: true; readonly error?: string }
  | { readonly posted: false; readonly reason: 'no-opener' | 'no-response' };

/**
 * What the callback page tells the person looking at it, for each outcome. Opened without a response (an admin
 * checking the page), it names the exact redirect URI to register in the RingCentral app: this page's URL without
 * its query.
 * @public
 */
export function describeOAuthCallbackOutcome(outcome: OAuthCallbackOutcome, pageUrl: string): string {
  if (outcome.posted) {
    return outcome.error
      ? `RingCentral sign-in failed: ${outcome.error}. Close this window and sign in again from the softphone.`
      : 'Signed in to RingCentral. This window closes by itself.';
  }
  if (outcome.reason === 'no-opener') {
    return 'This window lost the softphone that opened it (the page was reloaded). Close it and sign in again from the softphone.';
  }
  const url = new URL(pageUrl);
  return `This is the RingCentral sign-in page of the softphone. Register this exact URL as the OAuth redirect URI of your RingCentral app: ${url.origin}${url.pathname}`;
}
