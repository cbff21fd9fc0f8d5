/**
 * Issue 13, "Several tabs, one softphone" (ADR 0028, amendment "sign-in from a follower"): what the agent does in a
 * tab that does not hold the phone, end to end in headless Chromium on the console stand-in and the RingCentral
 * simulator. The agent clicks Sign in in a follower tab: the RingCentral popup opens from that tab, the simulator's
 * authorize page completes it, the owner tab exchanges the code, and every tab is signed in with still one SIP
 * registration and one event subscription; the follower itself never calls the platform. Each test opens its own
 * browser context (the agent's tabs of one browser) and closes it at the end, so no test depends on another's tabs.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';
import {
  agentRegistrations,
  buildBundle,
  liveSubscriptions,
  signIn,
  softphoneFrame,
  startSoftphoneWorld,
  waitFor,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(180_000);

let world: SoftphoneWorld;
let context: BrowserContext | null = null;

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  // The world's own tab would be a second browser of the agent: each test opens its own.
  await world.console.close({ runBeforeUnload: true });
}, 900_000);

afterAll(async () => {
  await world?.stop();
});

afterEach(async () => {
  await context?.close().catch(() => undefined);
  context = null;
});

interface Tab {
  readonly page: Page;
  readonly phone: Frame;
}

/** `count` console tabs of a new browser context (never signed in in this browser): each shows Sign in. */
async function signedOutTabs(count: number): Promise<Tab[]> {
  await waitFor('the previous tabs to unregister', () => agentRegistrations(world).length === 0);
  await waitFor('no live event subscription', async () => (await liveSubscriptions(world)) === 0);
  context = await world.browser.newContext({ permissions: ['microphone'], ignoreHTTPSErrors: true });
  const tabs: Tab[] = [];
  for (let i = 0; i < count; i += 1) {
    const page = await context.newPage();
    await page.goto(world.harness.urls.console);
    const phone = await softphoneFrame(page);
    await phone.waitForSelector('.softphone-login', { timeout: 30_000 });
    tabs.push({ page, phone });
  }
  return tabs;
}

/** Every request and WebSocket `page` (and its frames) opens to the simulator, from now on. */
function platformTraffic(page: Page): string[] {
  const server = world.harness.urls.rcServer;
  if (!server) throw new Error('no simulator');
  const host = new URL(server).host;
  const seen: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).host === host) seen.push(`${request.method()} ${request.url()}`);
  });
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).host === host) seen.push(`WebSocket ${socket.url()}`);
  });
  return seen;
}

test('Sign in in a follower tab: the popup opens from that tab; every tab is signed in; one registration and one subscription; the follower never calls the platform', async () => {
  const [owner, follower, third] = await signedOutTabs(3);
  const followerTraffic = platformTraffic(follower!.page);
  const ownerPopups: Page[] = [];
  owner!.page.on('popup', (popup) => ownerPopups.push(popup));
  const popupOfFollower = follower!.page.waitForEvent('popup', { timeout: 15_000 });

  // Clicks Sign in in the follower's softphone, completes the simulator's authorize page, waits for "Ready" there.
  await signIn(context!, follower!.page);
  const popup = await popupOfFollower;
  expect(await popup.opener()).toBe(follower!.page);
  expect(ownerPopups).toEqual([]);

  await Promise.all(
    [owner, third].map((tab) => tab!.phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 })),
  );
  await waitFor('one live event subscription', async () => (await liveSubscriptions(world)) === 1);
  expect(agentRegistrations(world)).toHaveLength(1);
  expect(followerTraffic).toEqual([]);
  for (const tab of [owner, follower, third]) expect(await tab!.phone.locator('.softphone-login').count()).toBe(0);
});

test('a sign-in popup closed in a follower tab changes nothing elsewhere; Sign in again there signs every tab in', async () => {
  const [owner, follower] = await signedOutTabs(2);
  const popupOpened = context!.waitForEvent('page', { timeout: 15_000 });
  await follower!.phone.click('.softphone-login');
  const popup = await popupOpened;
  await popup.waitForSelector('input[name="username"]');
  await popup.close();
  // The follower says why; the owner still offers the sign-in.
  await follower!.phone.waitForSelector('text=Login window is closed', { timeout: 15_000 });
  expect(await owner!.phone.locator('.softphone-login').count()).toBe(1);
  expect(agentRegistrations(world)).toHaveLength(0);

  await signIn(context!, follower!.page);
  await owner!.phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  await waitFor('one registration', () => agentRegistrations(world).length === 1);
});

test('signed in in the owner tab, signed out from a follower: Sign in in that follower signs every tab in again', async () => {
  const [owner, follower] = await signedOutTabs(2);
  await signIn(context!, owner!.page);
  await follower!.phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  await follower!.phone.click('#softphone-tab-settings');
  await follower!.phone.click('text=Sign out of RingCentral');
  await Promise.all(
    [owner, follower].map((tab) => tab!.phone.waitForSelector('.softphone-login', { timeout: 20_000 })),
  );
  await waitFor('the web phone to unregister', () => agentRegistrations(world).length === 0);

  const popupOfFollower = follower!.page.waitForEvent('popup', { timeout: 15_000 });
  await signIn(context!, follower!.page);
  expect(await (await popupOfFollower).opener()).toBe(follower!.page);
  await owner!.phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  await waitFor('one registration and one subscription', async () => (await liveSubscriptions(world)) === 1);
  expect(agentRegistrations(world)).toHaveLength(1);
});
