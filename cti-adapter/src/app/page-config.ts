import type { RemoteActionNames } from '../salesforce/remote-action-names';
import { readRemoteActionNames } from '../salesforce/remote-action-names';

/**
 * What the `OpenCTIIndex` Visualforce page tells the bundle, through `data-*` attributes of `#softphone-config`
 * (never inline script, for CSP):
 * - the remote action names (`data-match-numbers`, … see {@link readRemoteActionNames});
 * - `data-org-id`, `data-user-id` (`{!$Organization.Id}` / `{!$User.Id}`): the keys of the agent's browser storage
 *   (the sealed RingCentral credential, call drafts, outbox, preferences);
 * - `data-rc-server-url`, `data-rc-client-id`: fallbacks when the call center has no `rcSettings` section
 *   (`/rcSettings/rcServerUrl`, `/rcSettings/rcClientId`);
 * - `data-rc-redirect-uri` (`{!$Page.RingCentralOAuthCallback}`: `/apex/RingCentralOAuthCallback`, namespaced in a
 *   managed package): the package's OAuth callback page, the redirect URI unless the call center's
 *   `/rcSettings/rcRedirectUri` names another one.
 * No credential ever comes from the page: the agent signs in through the RingCentral PKCE popup.
 * @public
 */
export interface PageConfig {
  readonly actions: RemoteActionNames;
  readonly orgId: string;
  readonly userId: string;
  readonly rcServerUrl: string | null;
  readonly rcClientId: string | null;
  readonly rcRedirectUri: string | null;
}

/** Call center settings keys of the RingCentral section (Open CTI `getCallCenterSettings`). @public */
export const CALL_CENTER_KEYS = Object.freeze({
  serverUrl: '/rcSettings/rcServerUrl',
  clientId: '/rcSettings/rcClientId',
  redirectUri: '/rcSettings/rcRedirectUri',
});

/** Path of the package's OAuth callback page without a namespace (`{!$Page.RingCentralOAuthCallback}`). @public */
export const OAUTH_CALLBACK_PATH = '/apex/RingCentralOAuthCallback';

/** Reads {@link PageConfig} from the config element (missing element → defaults). @public */
export function readPageConfig(element: Pick<Element, 'getAttribute'> | null): PageConfig {
  const attr = (name: string): string | null => {
    const value = element?.getAttribute(name)?.trim();
    return value ? value : null;
  };
  return {
    actions: readRemoteActionNames(element),
    orgId: attr('data-org-id') ?? 'org',
    userId: attr('data-user-id') ?? 'user',
    rcServerUrl: attr('data-rc-server-url'),
    rcClientId: attr('data-rc-client-id'),
    rcRedirectUri: attr('data-rc-redirect-uri'),
  };
}

/**
 * RingCentral connection settings: the call center's `rcSettings` section wins over the page config. The redirect URI
 * is absolute: a relative one (the page's `$Page` path) is resolved against the adapter page's URL, so it is the
 * package's callback page on the same Visualforce origin — the origin `@ringcentral/sdk`'s `loginWindow` accepts the
 * popup's message from.
 * @public
 */
export function resolveRingCentralSettings(
  callCenter: Readonly<Record<string, string>> | null,
  page: PageConfig,
  pageUrl: string,
): { server: string; clientId: string; redirectUri: string } | null {
  const pick = (key: string, fallback: string | null): string | null => {
    const value = callCenter?.[key]?.trim();
    return value ? value : fallback;
  };
  const server = pick(CALL_CENTER_KEYS.serverUrl, page.rcServerUrl);
  const clientId = pick(CALL_CENTER_KEYS.clientId, page.rcClientId);
  if (!server || !clientId) return null;
  const redirectUri = new URL(pick(CALL_CENTER_KEYS.redirectUri, page.rcRedirectUri) ?? OAUTH_CALLBACK_PATH, pageUrl)
    .href;
  return { server, clientId, redirectUri };
}
