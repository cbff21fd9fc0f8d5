/**
 * Entry point of the `RingCentralOAuthCallback` static resource, loaded by the package's Visualforce page of the same
 * name: the OAuth redirect URI of the softphone's RingCentral sign-in (ADR 0016). It posts the authorization
 * response to the softphone frame that opened the popup ({@link handleOAuthCallback}: pinned to this page's origin,
 * the Visualforce origin of the adapter page, which is the only origin `@ringcentral/sdk`'s `loginWindow` accepts),
 * removes the code from the address bar and history, and says what happened as text (no markup). No inline script:
 * the page loads this file from the static resource.
 */
import { describeOAuthCallbackOutcome, handleOAuthCallback } from '../ringcentral/auth/oauth-callback';

const outcome = handleOAuthCallback(window);
const pageUrl = window.location.href;
if (window.location.search || window.location.hash) {
  window.history.replaceState(null, '', window.location.pathname);
}
const text = document.getElementById('oauth-callback-outcome');
if (text) text.textContent = describeOAuthCallbackOutcome(outcome, pageUrl);
