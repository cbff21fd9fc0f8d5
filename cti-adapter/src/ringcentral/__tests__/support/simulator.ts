import type { RcPlatformHandle } from '../../../../harness/rc-platform/index';
import type { RcPlatformOptions } from '../../../../harness/rc-platform/config';
import {
  simFetch,
  startSim,
  trustedCertificates,
} from '../../../../harness/rc-platform/http/__tests__/support/sim-fixture';

/**
 * Starts the RingCentral platform simulator on ephemeral ports, without SIP and with a silent log, and trusts its
 * fresh certificate in this process (the simulator's own test fixture `startSim`: `https.globalAgent` CAs, which the
 * SDK's node-fetch uses). Certificate checking stays on.
 */
export function startSimulator(options: RcPlatformOptions = {}): Promise<RcPlatformHandle> {
  return startSim({ log: () => undefined, ...options });
}

/** The CAs of the simulators started by this test file (for `ws`). */
export function simulatorCas(): string[] {
  return [...trustedCertificates()];
}

/** node-fetch trusting the simulators; redirects not followed (unless `init.redirect` says otherwise). */
export function simulatorFetch(url: string | URL, init: Record<string, unknown> = {}): Promise<Response> {
  return simFetch(url, { redirect: 'manual', ...init });
}

/** JSON call to the control API (plain HTTP on loopback). */
export async function control<T = Record<string, unknown>>(
  sim: RcPlatformHandle,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${sim.urls.control}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`control ${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/**
 * Plays the login popup against the simulator's authorize page: opens `loginUrl`, submits the seeded user's
 * credentials, follows the redirect to the callback page and returns its query string (what the callback page
 * posts back to the softphone).
 */
export async function authorizeInSimulator(
  sim: RcPlatformHandle,
  loginUrl: string,
  username: string,
  password: string,
): Promise<string> {
  const page = await simulatorFetch(loginUrl);
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}`);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(match[1] as string, (match[2] as string).replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
  }
  form.set('username', username);
  form.set('password', password);
  form.set('action', 'login');
  const redirect = await simulatorFetch(new URL('/restapi/oauth/authorize', sim.urls.server), {
    method: 'POST',
    body: form,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const location = redirect.headers.get('location');
  if (redirect.status !== 302 || !location) throw new Error(`authorize did not redirect (${redirect.status})`);
  return new URL(location).search;
}

/** Polls until `probe` returns a value (not `undefined`/`false`); rejects after `timeoutMs`. */
export async function eventually<T>(probe: () => T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
