/**
 * "Send SMS" from a record page (issue 12): the package's `softphoneSendSms` component on the Contact page of the
 * console stand-in publishes on the Lightning Message Channel `SMS_Open_Thread__c`; the softphone in the utility bar,
 * subscribed through Open CTI (`sforce.opencti.subscribe`, API 47), receives the typed request (its
 * `softphone:sms-thread-request` mark carries it) and opens its panel. A contact whose Send SMS is unchecked shows
 * why SMS is blocked and publishes nothing. In an org of the managed package (`rcsp`) the channel is
 * `rcsp__SMS_Open_Thread__c` on both sides.
 * The org-wide SMS templates on the Softphone Admin tab: a broken import file shows its line and changes nothing; a good
 * one is previewed (added, changed, kept) and imported without deleting anything.
 * The softphone then shows that thread in its Messages tab (the record's name and number, compose ready).
 * Saves `docs/screenshots/send-sms-record-page.png`, `docs/screenshots/send-sms-thread-opened.png` (the softphone frame),
 * `docs/screenshots/send-sms-blocked.png` and
 * `docs/screenshots/sms-templates-admin.png`.
 */
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from '../test-support/chromium';
import { startHarness, type HarnessHandle } from '../harness/start-harness';
import type { SObject } from '../harness/org-stand-in/org-store';
import {
  buildBundle,
  hideSoftphonePanel,
  REPO_ROOT,
  softphoneFrame,
  startSoftphoneWorld,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(240_000);

const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots');

interface ThreadRequestMark {
  detail: { number: string; recordId: string | null; recordName: string | null; objectType: string | null };
}

/** The requests the softphone received (its `softphone:sms-thread-request` marks). */
function receivedRequests(frame: Frame): Promise<ThreadRequestMark['detail'][]> {
  return frame.evaluate(() =>
    performance
      .getEntriesByName('softphone:sms-thread-request')
      .map((e) => (e as PerformanceMark & ThreadRequestMark).detail),
  );
}

function contactNamed(harness: HarnessHandle, lastName: string): SObject {
  const contact = harness.org.store.all('Contact').find((c) => c.LastName === lastName);
  if (!contact) throw new Error(`no sample contact ${lastName}`);
  return contact;
}

/** Opens the Contact's page inside the console (Lightning navigation: the utility bar's softphone stays loaded). */
async function openContact(page: Page, contact: SObject): Promise<void> {
  await page.evaluate(
    (path) => (window as unknown as { harnessConsole: { navigate(p: string): void } }).harnessConsole.navigate(path),
    `/lightning/r/Contact/${contact.Id}/view`,
  );
  await page.waitForSelector('c-softphone-send-sms lightning-card');
  // Loaded: either the reason SMS is blocked or an enabled Send SMS (Playwright's selectors pierce the shadow roots).
  await page.waitForSelector(
    'c-softphone-send-sms .softphone-send-sms-blocked, c-softphone-send-sms .softphone-send-sms-button button:not([disabled])',
  );
}

describe('Send SMS from a Contact record', () => {
  let world: SoftphoneWorld;

  beforeAll(async () => {
    buildBundle();
    world = await startSoftphoneWorld();
  }, 400_000);

  afterAll(async () => {
    await world?.stop();
  });

  test('opens the conversation in the softphone with the number and the record', async () => {
    const { harness } = world;
    const ann = contactNamed(harness, 'Lee');
    harness.org.store.update(ann.Id, { SendSMS__c: true, MobilePhone: '+1 (650) 555-0111' });
    const phone = await softphoneFrame(world.console);
    // The softphone subscribed to the channel through Open CTI at its start.
    await world.console.waitForFunction(() =>
      (
        window as unknown as { harnessConsole: { openCtiLog: { methodName: string; args: unknown }[] } }
      ).harnessConsole.openCtiLog.some(
        (l) =>
          l.methodName === 'subscribe' && (l.args as { channelName?: string }).channelName === 'SMS_Open_Thread__c',
      ),
    );
    await hideSoftphonePanel(world.console);
    await openContact(world.console, ann);
    // Mobile first; the agent picks the office phone instead.
    const combobox = world.console.locator('c-softphone-send-sms lightning-combobox');
    await combobox.locator('button, input').first().click();
    await world.console.locator('c-softphone-send-sms lightning-base-combobox-item', { hasText: 'Phone ·' }).click();
    await world.console.click('c-softphone-send-sms .softphone-send-sms-button button');
    await phone.waitForFunction(() => performance.getEntriesByName('softphone:sms-thread-request').length === 1);
    expect(await receivedRequests(phone)).toEqual([
      { number: '(650) 555-0101', recordId: ann.Id, recordName: 'Ann Lee', objectType: 'Contact' },
    ]);
    // The softphone opened its utility panel for the conversation.
    await world.console.waitForSelector('#hc-softphone-panel:not([hidden])', { timeout: 10_000 });
    expect(await world.console.textContent('c-softphone-send-sms .softphone-send-sms-sent')).toContain(
      '(650) 555-0101',
    );
    await world.console.screenshot({ path: join(SCREENSHOTS, 'send-sms-record-page.png') });
    // The softphone shows the Messages tab with that conversation: the record's name, its number, compose ready.
    await phone.waitForSelector('#softphone-tab-messages[aria-selected="true"]', { timeout: 20_000 });
    await phone.waitForSelector('.softphone-sms-thread-name', { timeout: 20_000 });
    expect((await phone.textContent('.softphone-sms-thread-name'))?.trim()).toBe('Ann Lee');
    const shownNumber = await phone.textContent('.softphone-sms-thread-header .slds-text-body_small');
    expect(shownNumber?.replace(/\D/g, '')).toMatch(/^1?6505550101$/);
    expect(await phone.isDisabled('.softphone-sms-text')).toBe(false);
    expect(await phone.$('.softphone-sms-blocked')).toBeNull();
    await phone.fill('.softphone-sms-text', 'Hello Ann');
    await phone.waitForSelector('.softphone-sms-send:not([disabled])', { timeout: 10_000 });
    const frame = await world.console.$('#hc-softphone-frame');
    if (!frame) throw new Error('no softphone frame');
    await frame.screenshot({ path: join(SCREENSHOTS, 'send-sms-thread-opened.png') });
  });

  test('a contact whose Send SMS is unchecked is blocked with the reason, and nothing reaches the softphone', async () => {
    const { harness } = world;
    const bob = contactNamed(harness, 'Stone');
    harness.org.store.update(bob.Id, { SendSMS__c: false, SMS_Number__c: '+16505550188' });
    const phone = await softphoneFrame(world.console);
    const before = (await receivedRequests(phone)).length;
    await openContact(world.console, bob);
    expect((await world.console.textContent('c-softphone-send-sms .softphone-send-sms-blocked'))?.trim()).toBe(
      'SMS is blocked: Bob Stone has not agreed to receive text messages (Send SMS is unchecked on the contact).',
    );
    expect(await world.console.isDisabled('c-softphone-send-sms .softphone-send-sms-button button')).toBe(true);
    await world.console.screenshot({ path: join(SCREENSHOTS, 'send-sms-blocked.png') });
    expect((await receivedRequests(phone)).length).toBe(before);
  });
});

describe('Send SMS in an org of the managed package (namespace rcsp)', () => {
  let harness: HarnessHandle;
  let browser: Browser;

  beforeAll(async () => {
    harness = await startHarness({ consolePort: 0, adapterPort: 0, sitePort: 0, rcPlatform: false, namespace: 'rcsp' });
    browser = await launchChromium();
  }, 400_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await harness?.stop();
  });

  test('the component and the softphone meet on rcsp__SMS_Open_Thread__c', async () => {
    const ann = contactNamed(harness, 'Lee');
    harness.org.store.update(ann.Id, { rcsp__SendSMS__c: true, rcsp__SMS_Number__c: '+16505550177' });
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(harness.urls.console);
    const handle = await page.waitForSelector('#hc-softphone-frame');
    const phone = await handle.contentFrame();
    if (!phone) throw new Error('no softphone frame');
    await page.waitForFunction(() =>
      (
        window as unknown as { harnessConsole: { openCtiLog: { methodName: string; args: unknown }[] } }
      ).harnessConsole.openCtiLog.some(
        (l) =>
          l.methodName === 'subscribe' &&
          (l.args as { channelName?: string }).channelName === 'rcsp__SMS_Open_Thread__c',
      ),
    );
    await openContact(page, ann);
    expect(await page.textContent('c-softphone-send-sms .softphone-send-sms-to')).toContain('+16505550177');
    await page.click('c-softphone-send-sms .softphone-send-sms-button button');
    await phone.waitForFunction(() => performance.getEntriesByName('softphone:sms-thread-request').length === 1);
    expect(await receivedRequests(phone)).toEqual([
      { number: '+16505550177', recordId: ann.Id, recordName: 'Ann Lee', objectType: 'Contact' },
    ]);
    const published = await page.evaluate(() =>
      (window as unknown as { harnessConsole: { lmsLog: { channelName: string }[] } }).harnessConsole.lmsLog.map(
        (l) => l.channelName,
      ),
    );
    expect(published).toEqual(['rcsp__SMS_Open_Thread__c']);
  });
});

describe('Org-wide SMS templates on the Softphone Admin tab', () => {
  let harness: HarnessHandle;
  let browser: Browser;

  beforeAll(async () => {
    harness = await startHarness({ consolePort: 0, adapterPort: 0, sitePort: 0, rcPlatform: false });
    browser = await launchChromium();
  }, 400_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await harness?.stop();
  });

  test('a broken file changes nothing; a good one is previewed and imported without deleting anything', async () => {
    const { org } = harness;
    org.store.currentUserId = org.users.admin!.Id;
    org.store.insert('SMS_Template__c', {
      Name: 'Welcome',
      Body__c: 'Hi {FirstName}',
      Scope__c: 'Org',
      Active__c: true,
      Category__c: 'Greetings',
    });
    org.store.insert('SMS_Template__c', {
      Name: 'Closed',
      Body__c: 'We are closed today.',
      Scope__c: 'Org',
      Active__c: true,
    });
    org.store.currentUserId = null;
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1100 } })).newPage();
    await page.goto(
      `${harness.urls.consoleOrigin}/harness/login-as?user=admin&retURL=${encodeURIComponent('/lightning/n/Softphone_Admin')}`,
    );
    await page.waitForSelector('c-sms-template-admin .sms-template-row');
    expect(await page.locator('c-sms-template-admin .sms-template-row').count()).toBe(2);
    // The utility bar's softphone panel is closed so that the section under it is seen (and clicked) whole.
    if (await page.isVisible('#hc-softphone-panel')) await page.click('#hc-softphone-item');
    const fileInput = 'c-sms-template-admin .sms-template-file input[type="file"]';

    await page.setInputFiles(fileInput, {
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('name,body\nLate,"Running late\nSorry,ok\n'),
    });
    await page.waitForSelector('c-sms-template-admin .sms-template-import-error');
    expect(await page.textContent('c-sms-template-admin .sms-template-import-error')).toBe(
      'Line 2: A quoted value is not closed: add the closing double quote.',
    );
    expect(org.store.all('SMS_Template__c')).toHaveLength(2);

    await page.setInputFiles(fileInput, {
      name: 'team.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'name,body,category,active\nWelcome,"Hi {FirstName}, thanks for calling!",Greetings,true\nRunning late,"Running late, {FirstName}. See you soon.",Scheduling,true\n',
      ),
    });
    await page.waitForSelector('c-sms-template-admin .sms-template-preview');
    expect(await page.textContent('c-sms-template-admin .sms-template-preview-summary')).toBe(
      '1 to add, 1 to change, 0 unchanged, 1 not in the file (kept as they are).',
    );
    const importButton = page.locator('c-sms-template-admin .sms-template-import button');
    await importButton.evaluate((button) => button.scrollIntoView({ block: 'center' }));
    await page.locator('c-sms-template-admin lightning-card').screenshot({
      path: join(SCREENSHOTS, 'sms-templates-admin.png'),
    });
    await importButton.click();
    await page.waitForSelector('c-sms-template-admin .sms-template-row:has-text("Running late")');
    const stored = org.store.all('SMS_Template__c').map((t) => [t.Name, t.Body__c]);
    expect(stored).toEqual(
      expect.arrayContaining([
        ['Welcome', 'Hi {FirstName}, thanks for calling!'],
        ['Closed', 'We are closed today.'],
        ['Running late', 'Running late, {FirstName}. See you soon.'],
      ]),
    );
    expect(stored).toHaveLength(3);
  });
});
