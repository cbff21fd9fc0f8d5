import type { IncomingMessage } from 'node:http';
import type { OrgStandIn, RunAs } from '../org-stand-in/org-stand-in';
import type { OrgUser } from '../org-stand-in/org-store';
import { CustomLabelCatalog } from '../org-stand-in/custom-labels';

/**
 * Which sample user the console (and the softphone page in its utility bar) runs as: a cookie of the harness's site
 * (`localhost`, shared by the console and the adapter origin as a Salesforce session is by `*.lightning.force.com`
 * and `*--c.vf.force.com`), set by `/harness/login-as?user=<agent|admin|noPermissions>&retURL=<path>`. Without it
 * the user is the org stand-in's default user (`runAs` of the harness: the sample agent unless `npm start` was told
 * `HARNESS_USER=admin`). A stand-in for logging in: the harness has no passwords for Salesforce users.
 */
export const SESSION_COOKIE = 'harness_user';
const USERS: readonly RunAs[] = ['agent', 'admin', 'noPermissions'];

/** The sample user the request's cookie names, or null without one. */
export function cookieRunAs(req: IncomingMessage): RunAs | null {
  const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim());
  const value = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.slice(SESSION_COOKIE.length + 1);
  return (USERS as readonly string[]).includes(value ?? '') ? (value as RunAs) : null;
}

/** The sample user a request runs as (the cookie's, else the org's default user). */
export function sessionRunAs(req: IncomingMessage, org: Pick<OrgStandIn, 'defaultRunAs'>): RunAs {
  return cookieRunAs(req) ?? org.defaultRunAs;
}

export function sessionUser(req: IncomingMessage, org: OrgStandIn): OrgUser {
  return org.users[sessionRunAs(req, org)];
}

/** The `Set-Cookie` header value that signs a browser in as a sample user, or null for an unknown one. */
export function sessionCookie(user: string): string | null {
  return (USERS as readonly string[]).includes(user) ? `${SESSION_COOKIE}=${user}; Path=/; SameSite=Lax` : null;
}

/** What the console page and its Lightning components know of the signed-in user. */
export interface SessionInfo {
  runAs: RunAs;
  userId: string;
  name: string;
  username: string;
  customPermissions: readonly string[];
  /**
   * The package's namespace prefix (`rcsp__`, `''` without one) and its custom fields' local names: what the Lightning
   * host's `@salesforce/schema` stand-in needs to name the package's fields as the org does.
   */
  namespacePrefix: string;
  packageFields: readonly string[];
  /**
   * The package's Custom Labels in the user's language (`LanguageLocaleKey`: the translation, else the master value),
   * by name: what `@salesforce/label/c.<Name>` answers a Lightning web component in the org. The Lightning host's
   * label modules read them when the host loads, as the org resolves a component's labels for the user at page load.
   */
  labels: Readonly<Record<string, string>>;
}

export function sessionInfo(req: IncomingMessage, org: OrgStandIn): SessionInfo {
  const runAs = sessionRunAs(req, org);
  const user = org.users[runAs];
  return {
    runAs,
    userId: user.Id,
    name: user.Name,
    username: user.Username,
    customPermissions: user.customPermissions,
    namespacePrefix: org.store.namespace.prefix,
    packageFields: org.store.namespace.prefix === '' ? [] : org.store.namespace.packageFields(),
    labels: userLabels(user.LanguageLocaleKey ?? 'en_US'),
  };
}

/** Every Custom Label of the package in `language` (the translation when the package has one, else the master value). */
function userLabels(language: string): Record<string, string> {
  const catalog = CustomLabelCatalog.fromFolder();
  return Object.fromEntries(catalog.labels.map((l) => [l.name, catalog.value(l.name, language) ?? l.value]));
}
