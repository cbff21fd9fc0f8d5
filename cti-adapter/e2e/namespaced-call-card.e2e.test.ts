/**
 * The package's Lightning components in an org of the managed package with its namespace (`HARNESS_NAMESPACE=rcsp`):
 * the org stores the Task's package fields as `rcsp__…`, the call card imports them unprefixed (as the package's
 * source does) and must still show them — the platform resolves a package's own `@salesforce/schema` imports in its
 * namespace (docs/adr/0015-lightning-components-in-the-harness.md).
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test-support/chromium';
import { startHarness, type HarnessHandle } from '../harness/start-harness';

jest.setTimeout(180_000);

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

test("the call card shows a logged call's package fields stored under the namespace", async () => {
  const { org } = harness;
  org.store.currentUserId = org.users.agent.Id;
  const task = org.store.insert('Task', {
    Subject: 'Inbound call from Ann Lee',
    Status: 'Completed',
    TaskSubtype: 'Call',
    CallType: 'Inbound',
    CallDurationInSeconds: 42,
    rcsp__CALL_UNIQUE_ID__c: `s-ns-card:${org.users.agent.Id}`,
    rcsp__from_number__c: '+16505550101',
    rcsp__caller_name__c: 'Ann Lee',
    rcsp__Recording_Information__c: 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/77/content',
  });
  org.store.currentUserId = null;
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await page.goto(`${harness.urls.consoleOrigin}/lightning/r/Task/${task.Id}/view`);
  await page.waitForSelector('c-softphone-call-card .softphone-from');
  expect(await page.textContent('c-softphone-call-card .softphone-from')).toContain('+16505550101');
  expect(await page.textContent('c-softphone-call-card .softphone-from')).toContain('Ann Lee');
  expect(await page.getAttribute('c-softphone-call-card .softphone-recording a', 'href')).toBe(
    'https://media.ringcentral.com/restapi/v1.0/account/~/recording/77/content',
  );
});
