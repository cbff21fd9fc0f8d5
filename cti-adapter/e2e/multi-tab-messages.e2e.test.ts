/**
 * Issue 13, "Several tabs, one softphone" (ADR 0028, fifth amendment): the Messages tab in a follower tab, end to end
 * in headless Chromium on the console stand-in and the RingCentral simulator. The console tab signed in holds the
 * phone; a second console tab of the same browser follows it. In the follower: the conversation a customer started
 * shows with its unread count; opening it reads it (the badges go in both tabs); an inbound text arrives live; the
 * agent replies from the follower and the customer receives it once, sent from the owner tab's connection; Log in the
 * follower saves the day's conversation as one SMS Task (the owner's outbox). The follower's page sends no request and opens no WebSocket to the simulator, and makes
 * no Salesforce remote action. Saves `docs/screenshots/multi-tab-messages-follower.png` (the follower's softphone
 * frame at 360 × 560).
 * A record's Send SMS clicked in the follower tab (ADR 0028, sixth amendment) opens the thread in that tab — its
 * Messages tab, its panel — not in the owner tab, still without a request of the follower's own. Saves
 * `docs/screenshots/multi-tab-send-sms-follower.png`.
 */
import type { Frame, Page } from 'playwright-core';
import {
  AGENT,
  agentRegistrations,
  hideSoftphonePanel,
  liveSubscriptions,
  recordId,
  screenshotPanel,
  simulatorControl,
  softphoneFrame,
  useSoftphoneWorld,
  waitFor,
} from './support/softphone-world';

jest.setTimeout(180_000);

const ANN_NUMBER = '+16505550101';
const spec = useSoftphoneWorld();

/** Every request and WebSocket `page` (and its frames) sends to the simulator, and its Salesforce remote actions. */
function traffic(page: Page): { platform: string[]; remoteActions: string[] } {
  const host = new URL(spec.world.harness.urls.rcServer ?? 'https://missing.invalid').host;
  const seen = { platform: [] as string[], remoteActions: [] as string[] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.host === host) seen.platform.push(`${request.method()} ${url.pathname}`);
    if (url.pathname.includes('/apexremote')) seen.remoteActions.push(url.pathname);
  });
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).host === host) seen.platform.push(`WebSocket ${socket.url()}`);
  });
  return seen;
}

async function customerTexts(from: string, text: string): Promise<void> {
  const response = await fetch(`${simulatorControl(spec.world)}/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to: AGENT.number, text }),
  });
  if (response.status !== 201) throw new Error(`POST /sms answered ${response.status}: ${await response.text()}`);
}

async function customerInbox(owner: string): Promise<{ text?: string; subject?: string }[]> {
  const response = await fetch(`${simulatorControl(spec.world)}/messages?owner=${encodeURIComponent(owner)}`);
  return ((await response.json()) as { records?: { text?: string; subject?: string }[] }).records ?? [];
}

function smsTasks(): Record<string, unknown>[] {
  const org = spec.world.harness.org as unknown as { store: { all(type: string): Record<string, unknown>[] } };
  return org.store.all('Task').filter((t) => t.RC_Logging_Type__c === 'sms');
}

const bubbles = (phone: Frame): Promise<string> =>
  phone.$$eval('.softphone-bubble', (items) => items.map((i) => i.textContent ?? '').join('|'));

test('the Messages tab in a follower tab: conversations, unread, live texts and a reply sent once by the owner tab; the follower never calls RingCentral or Salesforce', async () => {
  const org = spec.world.harness.org as unknown as { store: { update(id: string, f: Record<string, unknown>): void } };
  org.store.update(recordId(spec.world, 'Contact', 'Ann Lee'), { SendSMS__c: true });
  const owner = spec.phone;
  const ownerTraffic = traffic(spec.world.console);
  await customerTexts(ANN_NUMBER, 'Hello from Ann, are you free today?');
  await owner.waitForSelector('#softphone-tab-messages .softphone-tab-badge', { timeout: 20_000 });

  // A second console tab of the same browser: a follower (still one registration, one subscription).
  const secondPage = await spec.world.context.newPage();
  const followerTraffic = traffic(secondPage);
  await secondPage.goto(spec.world.harness.urls.console);
  const follower = await softphoneFrame(secondPage);
  await follower.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  expect(await follower.textContent('#softphone-tab-messages .softphone-tab-badge')).toContain('1');

  // The conversation, with the matched name and its unread count, in the follower.
  await follower.click('#softphone-tab-messages');
  const row = await follower.waitForSelector('.softphone-conversation', { timeout: 20_000 });
  await waitFor('the matched name in the follower', async () => ((await row.textContent()) ?? '').includes('Ann Lee'));
  expect(await row.textContent()).toContain('Hello from Ann, are you free today?');
  expect(await follower.textContent('.softphone-conversation-unread')).toBe('1');

  // Opening it in the follower reads it: the badges go in both tabs.
  await follower.click('.softphone-conversation-open');
  await follower.waitForSelector('.softphone-sms-thread-name', { timeout: 10_000 });
  expect((await follower.textContent('.softphone-sms-thread-name'))?.trim()).toBe('Ann Lee');
  await Promise.all(
    [owner, follower].map((tab) =>
      tab.waitForSelector('#softphone-tab-messages .softphone-tab-badge', { state: 'detached', timeout: 10_000 }),
    ),
  );

  // A new text arrives live in the follower's open thread.
  await customerTexts(ANN_NUMBER, 'I can talk after 4 pm.');
  await waitFor('the new text in the follower', async () =>
    (await bubbles(follower)).includes('I can talk after 4 pm.'),
  );

  // The reply, typed and sent in the follower.
  const reply = 'Great, I will call you at 4:30 pm.';
  await follower.fill('.softphone-sms-text', reply);
  await follower.waitForSelector('.softphone-sms-send:not([disabled])', { timeout: 10_000 });
  await follower.click('.softphone-sms-send');
  await waitFor('the customer received the reply', async () =>
    (await customerInbox(ANN_NUMBER)).some((m) => (m.text ?? m.subject) === reply),
  );
  await waitFor('the reply shows as Delivered in the follower', async () => {
    const text = await bubbles(follower);
    return text.includes(reply) && text.includes('Delivered');
  });
  await waitFor(
    'the follower draft is cleared',
    async () => (await follower.$eval('.softphone-sms-text', (el) => (el as HTMLTextAreaElement).value)) === '',
  );
  await screenshotPanel(secondPage, 'multi-tab-messages-follower');

  // Log, clicked in the follower: the day's conversation is one Task, saved by the owner's outbox.
  await follower.click('.softphone-sms-log');
  await waitFor('one SMS Task with the reply', () =>
    smsTasks().some((t) => String(t.Description ?? '').includes(reply)),
  );
  await waitFor(
    'Logged in the follower',
    async () => (await follower.textContent('.softphone-sms-log-status')) === 'Logged',
  );
  await follower.waitForTimeout(1_000);
  expect(smsTasks()).toHaveLength(1);
  expect(smsTasks()[0]?.WhoId).toBe(recordId(spec.world, 'Contact', 'Ann Lee'));
  expect((await customerInbox(ANN_NUMBER)).filter((m) => (m.text ?? m.subject) === reply)).toHaveLength(1);
  expect(ownerTraffic.platform.filter((r) => /^POST .*\/sms$/.test(r))).toHaveLength(1);
  expect(followerTraffic.platform).toEqual([]);
  expect(followerTraffic.remoteActions).toEqual([]);
  expect(agentRegistrations(spec.world)).toHaveLength(1);
  expect(await liveSubscriptions(spec.world)).toBe(1);
  await secondPage.close();
});

/** The "open SMS thread" requests a softphone frame received (its `softphone:sms-thread-request` marks). */
const threadRequests = (phone: Frame): Promise<number> =>
  phone.evaluate(() => performance.getEntriesByName('softphone:sms-thread-request').length);

test("a record's Send SMS clicked in a follower tab opens the thread in that tab, through the owner's Messages", async () => {
  const org = spec.world.harness.org as unknown as { store: { update(id: string, f: Record<string, unknown>): void } };
  const annId = recordId(spec.world, 'Contact', 'Ann Lee');
  org.store.update(annId, { SendSMS__c: true });
  const owner = spec.phone;
  await owner.click('#softphone-tab-phone');
  const ownerRequests = await threadRequests(owner);

  const secondPage = await spec.world.context.newPage();
  const followerTraffic = traffic(secondPage);
  await secondPage.goto(spec.world.harness.urls.console);
  const follower = await softphoneFrame(secondPage);
  await follower.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  // The follower subscribed to the record pages' channel through its own tab's Open CTI.
  await secondPage.waitForFunction(() =>
    (
      window as unknown as { harnessConsole: { openCtiLog: { methodName: string; args: unknown }[] } }
    ).harnessConsole.openCtiLog.some(
      (l) => l.methodName === 'subscribe' && (l.args as { channelName?: string }).channelName === 'SMS_Open_Thread__c',
    ),
  );
  await hideSoftphonePanel(secondPage);
  await secondPage.evaluate(
    (path) => (window as unknown as { harnessConsole: { navigate(p: string): void } }).harnessConsole.navigate(path),
    `/lightning/r/Contact/${annId}/view`,
  );
  await secondPage.waitForSelector('c-softphone-send-sms .softphone-send-sms-button button:not([disabled])');
  await secondPage.click('c-softphone-send-sms .softphone-send-sms-button button');

  // This tab's softphone got the request, opened its panel and shows the conversation in its Messages tab.
  await follower.waitForFunction(() => performance.getEntriesByName('softphone:sms-thread-request').length === 1);
  await secondPage.waitForSelector('#hc-softphone-panel:not([hidden])', { timeout: 10_000 });
  await follower.waitForSelector('#softphone-tab-messages[aria-selected="true"]', { timeout: 20_000 });
  await follower.waitForSelector('.softphone-sms-thread-name', { timeout: 20_000 });
  expect((await follower.textContent('.softphone-sms-thread-name'))?.trim()).toBe('Ann Lee');
  await screenshotPanel(secondPage, 'multi-tab-send-sms-follower');

  // Not in the owner tab: it received nothing and stayed on its Phone tab.
  expect(await threadRequests(owner)).toBe(ownerRequests);
  expect(await owner.getAttribute('#softphone-tab-messages', 'aria-selected')).toBe('false');
  expect(followerTraffic.platform).toEqual([]);
  expect(followerTraffic.remoteActions).toEqual([]);
  await secondPage.close();
});
