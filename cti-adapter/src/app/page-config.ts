import type { KeyValueStore } from '../core/ports/key-value-store';
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
  /**
   * `data-slds-icons` (`{!URLFOR($Asset.SLDS, 'assets/icons/utility-sprite/svg/symbols.svg')}`): the SLDS utility icon
   * sprite the UI's icons use, `null` when the page names none.
   */
  readonly iconSprite: string | null;
  /**
   * `data-language`, `data-locale`, `data-time-zone` (`{!$User.LanguageLocaleKey}`, `{!$User.LocaleSidKey}`,
   * `{!$User.TimeZoneSidKey}`: `fr`, `fr_FR`, `Europe/Paris`): the user's Salesforce settings the softphone's text
   * and formats follow (ADR 0032); `null` when the page names none.
   */
  readonly language: string | null;
  readonly locale: string | null;
  readonly timeZone: string | null;
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
    iconSprite: attr('data-slds-icons'),
    language: attr('data-language'),
    locale: attr('data-locale'),
    timeZone: attr('data-time-zone'),
  };
}

/** Where the web phone signs in: the RingCentral server, the app's client id and its OAuth redirect URI. @public */
export interface RingCentralSettings {
  readonly server: string;
  readonly clientId: string;
  readonly redirectUri: string;
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
): RingCentralSettings | null {
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

/** Store key of the RingCentral settings the last call center read resolved to, per org and user. */
function rememberedKey(page: PageConfig): string {
  return `softphone.rcSettings.${page.orgId}.${page.userId}`;
}

/**
 * The RingCentral settings the call center gave at the last start (kept by {@link rememberRingCentralSettings}), so
 * the next start can sign in without waiting for `getCallCenterSettings`; `null` when none are kept or what is kept
 * is not such settings. Not a secret (a server URL, a public client id, a redirect URI).
 * @public
 */
export function rememberedRingCentralSettings(store: KeyValueStore, page: PageConfig): RingCentralSettings | null {
  try {
    const value = JSON.parse(store.get(rememberedKey(page)) ?? 'null') as Partial<Record<string, unknown>> | null;
    if (!value) return null;
    const { server, clientId, redirectUri } = value;
    if (typeof server !== 'string' || typeof clientId !== 'string' || typeof redirectUri !== 'string') return null;
    if (!server || !clientId || !redirectUri) return null;
    return { server, clientId, redirectUri };
  } catch {
    return null;
  }
}

/** Keeps (or, for `null`, forgets) the settings the call center resolved to. A full store is ignored. @public */
export function rememberRingCentralSettings(
  store: KeyValueStore,
  page: PageConfig,
  settings: RingCentralSettings | null,
): void {
  try {
    if (settings) store.set(rememberedKey(page), JSON.stringify(settings));
    else store.remove(rememberedKey(page));
  } catch {
    // only a faster next start is lost
  }
}

/** Whether two settings sign in to the same place (`null` only equals `null`). @public */
export function sameRingCentralSettings(a: RingCentralSettings | null, b: RingCentralSettings | null): boolean {
  if (!a || !b) return a === b;
  return a.server === b.server && a.clientId === b.clientId && a.redirectUri === b.redirectUri;
}
