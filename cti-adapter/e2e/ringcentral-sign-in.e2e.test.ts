/**
 * The RingCentral sign-in in a real browser (ADR 0016), through the whole harness: the package's callback page, the
 * org stand-in's token endpoints (which call the simulator as the Apex calls RingCentral) and the real bundle.
 * - After sign-in, no page of the Visualforce origin can read a RingCentral token: storage holds one sealed value.
 * - A refresh answered 503/429 keeps the agent signed in ("Reconnecting…", calls still ring), retries with backoff
 *   and recovers; `invalid_grant` signs out with the reason; two tabs spend the refresh token once; a Salesforce
 *   logout ends the sign-in (and revokes it at RingCentral); sign-out revokes and clears.
 */
import type { Frame, Page } from 'playwright-core';
import {
  AGENT,
  buildBundle,
  customer,
  customerPhone,
  signIn,
  softphoneFrame,
  startSoftphoneWorld,
  type SoftphoneWorld,
  screenshotSoftphone,
} from './support/softphone-world';

jest.setTimeout(120_000);

let world: SoftphoneWorld;
let phone: Frame;

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  phone = await softphoneFrame(world.console);
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

function rc() {
  const platform = world.harness.rcPlatform;
  if (!platform) throw new Error('no simulator');
  return platform;
}

async function control(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${rc().urls.control}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status >= 400) throw new Error(`control ${path} → ${response.status} ${await response.text()}`);
}

/** Every `localStorage` and `sessionStorage` entry a script of this frame's origin can read. */
function storageOf(frame: Frame): Promise<[string, string][]> {
  return frame.evaluate(() => {
    const entries: [string, string][] = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        entries.push([key, storage.getItem(key) ?? '']);
      }
    }
    return entries;
  });
}

function sealedEntries(entries: [string, string][]): [string, string][] {
  return entries.filter(([key]) => /rc-sf-.*-sealed$/.test(key));
}

/** Opens the Call history tab again, which reads the RingCentral call log (a REST call that needs a token). */
async function readCallHistory(frame: Frame): Promise<void> {
  await frame.click('#softphone-tab-phone');
  await frame.click('#softphone-tab-history');
}

/** Waits until the Call history tab shows the call log (rows or "No calls.") without an error. */
async function historyShown(frame: Frame): Promise<void> {
  await frame.waitForFunction(
    () => {
      const panel = document.querySelector('.softphone-history');
      const text = panel?.textContent ?? '';
      return (
        !!panel &&
        !text.includes('Loading…') &&
        (text.includes('No calls.') || !!panel.querySelector('.softphone-history-row'))
      );
    },
    undefined,
    { timeout: 20_000 },
  );
  expect(await frame.locator('.softphone-history [role="alert"]').count()).toBe(0);
}

/** Waits until at least `count` injected failures of the token endpoint were answered. */
async function waitForFaultsSpent(count: number): Promise<void> {
  for (;;) {
    const { pending } = (await (await fetch(`${rc().urls.control}/faults`)).json()) as {
      pending: { status: number; remaining: number }[];
    };
    const spent =
      (pending.some((f) => f.status === 429) ? 0 : 1) +
      (100 - (pending.find((f) => f.status === 503)?.remaining ?? 100));
    if (spent >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function statusOf(frame: Frame): Promise<string> {
  return ((await frame.textContent('.softphone-status')) ?? '').trim();
}

test('item 1: the sign-in came back through the package callback page; item 3: no token is readable on the origin', async () => {
  const tokens = rc().tokens.issuedTokens();
  expect(tokens.length).toBeGreaterThan(0);
  // The softphone's origin (the org's Visualforce origin, shared by every page of the namespace) and the console's.
  const other = await world.context.newPage();
  await other.goto(`${world.harness.urls.adapterOrigin}/apex/RingCentralOAuthCallback`); // another page of the origin
  const readable = [
    ...(await storageOf(phone)),
    ...(await storageOf(other.mainFrame())),
    ...(await storageOf(world.console.mainFrame())),
  ];
  for (const token of tokens) {
    expect(readable.filter(([, value]) => value.includes(token))).toEqual([]);
  }
  expect(readable.some(([key]) => key.endsWith('-platform'))).toBe(false); // no SDK token cache
  const sealed = sealedEntries(await storageOf(phone));
  expect(sealed).toHaveLength(1);
  expect(
    sealed[0]![0].endsWith(`rc-sf-${world.harness.org.organizationId}-${world.harness.org.users.agent.Id}-sealed`),
  ).toBe(true);
  expect(sealed[0]![1]).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  await other.close();
});

test('item 2: refresh 429/503 → stays signed in, shows Reconnecting…, calls still ring, retries with backoff, recovers', async () => {
  const caller = await customerPhone(world, '+16505550101');
  const requestsBefore = rc().tokens.tokenRequestCount('refresh_token');
  await control('/faults', { kind: 'expire-tokens' });
  // RingCentral's token endpoint answers 429 (Retry-After 1), then 503 until the faults are cleared below.
  await control('/faults', { kind: 'rest-fail', status: 429, count: 1, pathPrefix: '/restapi/oauth/token' });
  await control('/faults', { kind: 'rest-fail', status: 503, count: 100, pathPrefix: '/restapi/oauth/token' });
  await readCallHistory(phone);
  await phone.waitForFunction(
    () => document.querySelector('.softphone-status')?.textContent?.trim() === 'Reconnecting…',
    undefined,
    { timeout: 20_000 },
  );
  expect(await phone.textContent('[data-component="softphone-unavailable"] h2')).toBe('Reconnecting to RingCentral…');
  expect(await phone.locator('.softphone-login').count()).toBe(0);
  await screenshotSoftphone(world, 'softphone-reconnecting');
  // The web phone is still registered: a caller gets through while the sign-in reconnects.
  await phone.click('#softphone-tab-phone');
  await customer(caller, 'call', AGENT.number);
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  expect(await statusOf(phone)).toBe('Reconnecting…');
  await phone.click('.softphone-decline');
  await phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  await phone.click('.softphone-log-discard').catch(() => undefined);
  // It keeps retrying by itself: the 429 and at least one 503 are spent.
  await waitForFaultsSpent(2);
  expect(await phone.locator('.softphone-login').count()).toBe(0);
  expect(sealedEntries(await storageOf(phone))).toHaveLength(1);
  // RingCentral answers again; the browser reports it is online, which retries at once.
  const cleared = await fetch(`${rc().urls.control}/faults`, { method: 'DELETE' });
  expect(cleared.status).toBe(200);
  await phone.evaluate(() => window.dispatchEvent(new Event('online')));
  await phone.waitForFunction(
    () => document.querySelector('.softphone-status')?.textContent?.trim() === 'Ready',
    undefined,
    {
      timeout: 40_000,
    },
  );
  expect(await phone.locator('.softphone-login').count()).toBe(0);
  expect(rc().tokens.tokenRequestCount('refresh_token')).toBe(requestsBefore + 1); // the one that reached RingCentral
  expect(sealedEntries(await storageOf(phone))).toHaveLength(1);
  await readCallHistory(phone);
  await historyShown(phone);
  await phone.click('#softphone-tab-phone');
  await caller.close();
});

test('item 2: two tabs renew once (Web Locks): one refresh request reaches RingCentral, both tabs stay ready', async () => {
  const second: Page = await world.context.newPage();
  await second.goto(world.harness.urls.console);
  const secondPhone = await softphoneFrame(second);
  await secondPhone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  expect(await secondPhone.locator('.softphone-login').count()).toBe(0); // the new tab restored the sign-in
  const before = rc().tokens.tokenRequestCount('refresh_token');
  await control('/faults', { kind: 'expire-tokens' });
  // Salesforce answers slowly, so both tabs' renewals overlap: without a cross-tab lock both would spend the same
  // refresh token (the second one refused as used).
  world.harness.adapter.remotingDelayMs = 1500;
  try {
    await Promise.all([readCallHistory(phone), readCallHistory(secondPhone)]);
    await Promise.all([historyShown(phone), historyShown(secondPhone)]);
  } finally {
    world.harness.adapter.remotingDelayMs = 0;
  }
  await phone.click('#softphone-tab-phone');
  expect(rc().tokens.tokenRequestCount('refresh_token')).toBe(before + 1);
  expect(await statusOf(phone)).toBe('Ready');
  expect(await statusOf(secondPhone)).toBe('Ready');
  await second.close();
});

test('item 2: refresh invalid_grant → signed out with a clear message and nothing stored', async () => {
  for (const token of rc().tokens.issuedTokens()) rc().tokens.revoke(token);
  await readCallHistory(phone);
  await phone.waitForSelector('.softphone-login', { timeout: 20_000 });
  const help = await phone.textContent('[data-component="softphone-unavailable"]');
  expect(help).toContain('Signed out of RingCentral');
  expect(help).toContain('RingCentral ended the sign-in (Token is revoked). Sign in to RingCentral again.');
  expect(sealedEntries(await storageOf(phone))).toEqual([]);
  await signIn(world.context, world.console);
});

test('item 3: a Salesforce logout ends the sign-in — the old one is revoked at RingCentral and the agent signs in again', async () => {
  const live = rc().tokens.liveCount();
  expect(live).toBeGreaterThan(0);
  await world.console.goto(`${world.harness.urls.consoleOrigin}/secur/logout.jsp`);
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone-login', { timeout: 30_000 });
  expect(await phone.textContent('[data-component="softphone-unavailable"]')).toContain(
    'Your Salesforce session changed since you signed in. Sign in to RingCentral again.',
  );
  expect(sealedEntries(await storageOf(phone))).toEqual([]);
  expect(rc().tokens.liveCount()).toBe(0); // revoked by the org, not merely forgotten by the browser
  await screenshotSoftphone(world, 'softphone-signed-out-session-ended');
  await signIn(world.context, world.console);
});

test('sign-out revokes at RingCentral and clears what is stored', async () => {
  expect(rc().tokens.liveCount()).toBeGreaterThan(0);
  await phone.click('#softphone-tab-settings');
  await phone.click('text=Sign out of RingCentral');
  await phone.waitForSelector('.softphone-login', { timeout: 20_000 });
  expect(rc().tokens.liveCount()).toBe(0);
  expect(sealedEntries(await storageOf(phone))).toEqual([]);
  await world.console.reload();
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone-login', { timeout: 30_000 }); // nothing to restore
});
