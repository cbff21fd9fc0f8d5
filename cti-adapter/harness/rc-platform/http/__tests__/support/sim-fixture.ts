import { globalAgent, Agent } from 'node:https';
import { SDK } from '@ringcentral/sdk';
import { startRcPlatform, type RcPlatformHandle, type RcPlatformOptions } from '../../../index';

// node-fetch 2 is what @ringcentral/sdk 5 uses in Node; it has no bundled types here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFetch = require('node-fetch') as (url: string, init?: Record<string, unknown>) => Promise<Response>;

const trusted: string[] = [];

/**
 * Test support: starts the simulator on ephemeral ports (no SIP unless asked) and trusts its freshly generated
 * certificate in this process: added to `https.globalAgent`'s CAs (the SDK's node-fetch uses the global agent).
 * Subscription tests also mock `isomorphic-ws` to pass the CA to `ws` (see {@link trustedCertificates}).
 * Nothing disables certificate checking.
 */
export async function startSim(options: RcPlatformOptions = {}): Promise<RcPlatformHandle> {
  const sim = await startRcPlatform({ httpsPort: 0, controlPort: 0, sip: false, ...options });
  trusted.push(sim.certificate.pem);
  globalAgent.options.ca = [...trusted];
  return sim;
}

/** PEMs of the simulators started by this test file. */
export function trustedCertificates(): string[] {
  return trusted;
}

/** `fetch` (node-fetch) that trusts the simulators' certificates; redirects are not followed unless asked. */
export function simFetch(url: string | URL, init: Record<string, unknown> = {}): Promise<Response> {
  return nodeFetch(String(url), { agent: new Agent({ ca: [...trusted] }), ...init });
}

let sdkCounter = 0;

/** An SDK for the JWT client (confidential). */
export function jwtSdk(sim: RcPlatformHandle, extra: Record<string, unknown> = {}): SDK {
  return new SDK({
    server: sim.urls.server,
    clientId: sim.credentials.jwtClient.clientId,
    clientSecret: sim.credentials.jwtClient.clientSecret,
    cachePrefix: `test-${++sdkCounter}-`,
    ...extra,
  });
}

/** An SDK for the public PKCE client. */
export function pkceSdk(
  sim: RcPlatformHandle,
  redirectUri = 'http://localhost:3000/apex/RingCentralOAuthCallback',
): SDK {
  return new SDK({
    server: sim.urls.server,
    clientId: sim.credentials.pkceClient.clientId,
    redirectUri,
    cachePrefix: `test-${++sdkCounter}-`,
  });
}

/** Logs Alex (or another seeded user) in with the JWT grant. */
export async function loginJwt(
  sim: RcPlatformHandle,
  userIndex = 0,
  extra: Record<string, unknown> = {},
): Promise<SDK> {
  const sdk = jwtSdk(sim, extra);
  const user = sim.credentials.users[userIndex];
  if (!user) throw new Error(`no seeded user ${userIndex}`);
  await sdk.login({ jwt: user.jwt });
  return sdk;
}

/** JSON request to the control API. */
export async function control<T = Record<string, unknown>>(
  sim: RcPlatformHandle,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(`${sim.urls.control}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as T };
}

/** Resolves when `predicate` holds for an item of `list`, polling every 20 ms; rejects after `timeoutMs`. */
export async function waitFor<T>(
  list: T[],
  predicate: (item: T) => boolean,
  timeoutMs = 8000,
  what = 'item',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = list.find(predicate);
    if (found !== undefined) return found;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; have ${JSON.stringify(list).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Polls an async condition. */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 8000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
