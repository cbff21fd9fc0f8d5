/**
 * The package's Lightning web components in Chromium, in the console stand-in (issue 11): the admin page on the
 * Softphone Admin tab as the sample admin — a Text Area Task field added to log customization, automatic logging
 * turned on and locked, saved with its audit row — then the agent's softphone, restarted: the Settings tab shows
 * automatic logging on and read-only ("Set by your admin") and the agent cannot turn it off; a call is logged
 * automatically, the log form shows the new field and the Task carries its value; the Task's record page shows the
 * call card, where the owner adds a note while a background update writes the recording. A user without the
 * Softphone Admin permission set opening the page sees "Insufficient privileges", not an error.
 * Saves `docs/screenshots/admin-page.png`, `docs/screenshots/admin-log-customization.png`,
 * `docs/screenshots/softphone-settings-locked.png` and `docs/screenshots/task-call-card.png`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import {
  AGENT,
  REPO_ROOT,
  buildBundle,
  hideSoftphonePanel,
  callTasks,
  customer,
  customerPhone,
  softphoneFrame,
  startSoftphoneWorld,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(180_000);

const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots');
const ADMIN_TAB = '/lightning/n/Softphone_Admin';
const SUMMARY = 'Customer asked for a quote for 20 seats';

let world: SoftphoneWorld;
let adminContext: BrowserContext;
let admin: Page;
const pageErrors: string[] = [];

/** A browser context signed in to the console as a sample user (the harness's `/harness/login-as`). */
async function signedIn(user: 'admin' | 'agent' | 'noPermissions', path: string): Promise<[BrowserContext, Page]> {
  const context = await world.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${user}: ${e.message}`));
  await page.goto(
    `${world.harness.urls.consoleOrigin}/harness/login-as?user=${user}&retURL=${encodeURIComponent(path)}`,
  );
  return [context, page];
}

async function section(page: Page, label: string): Promise<void> {
  await hideSoftphonePanel(page); // the utility panel overlays the page's left column, as in Lightning
  await page.click(`c-softphone-admin lightning-vertical-navigation-item >> text="${label}"`);
  await page.waitForSelector(`c-softphone-admin .softphone-section-title:text-is("${label}")`);
}

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  [adminContext, admin] = await signedIn('admin', ADMIN_TAB);
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 400_000);

afterAll(async () => {
  await world?.stop();
});

test('the admin page renders on the Softphone Admin tab for the sample admin', async () => {
  await admin.waitForSelector('c-softphone-admin c-softphone-admin-matching');
  expect(await admin.textContent('[data-testid="session-user"]')).toBe('Ada Admin');
  expect(await admin.textContent('c-softphone-admin .softphone-scope-title')).toBe('Org default');
  expect(await admin.isVisible('#hc-nav >> text=Softphone Admin')).toBe(true);
  const sections = await admin.$$eval('c-softphone-admin lightning-vertical-navigation-item', (items) =>
    items.map((i) => (i as unknown as { label: string }).label),
  );
  expect(sections).toEqual([
    'Matching',
    'Screen pop',
    'Logging',
    'Dispositions',
    'Log customization',
    'Agent phone',
    'Do not call',
    'Change history',
  ]);
});

test('an admin adds a Text Area Task field to log customization and locks automatic logging on', async () => {
  await section(admin, 'Log customization');
  await admin.click('c-softphone-admin-log-fields lightning-dual-listbox >> text="Call Summary · Text Area"');
  await admin.click('c-softphone-admin-log-fields lightning-dual-listbox button[title^="Move selection to Selected"]');
  await admin.waitForSelector('c-softphone-admin-log-fields .softphone-form-preview:has-text("Call Summary")');
  await hideSoftphonePanel(admin);
  await admin.screenshot({ path: join(SCREENSHOTS, 'admin-log-customization.png') });

  await section(admin, 'Logging');
  await admin.click('c-softphone-admin-logging lightning-input[data-key="autoLog"] .slds-checkbox_faux_container');
  await admin.click(
    'c-softphone-admin-logging c-softphone-admin-lock lightning-combobox button, c-softphone-admin-logging c-softphone-admin-lock lightning-combobox input',
  );
  await admin.click(
    'c-softphone-admin-logging c-softphone-admin-lock lightning-base-combobox-item >> text="No: locked, shown read-only"',
  );
  expect(await admin.textContent('c-softphone-admin .softphone-pending')).toBe('3 unsaved changes');
  await admin.click('c-softphone-admin lightning-button.softphone-save button');
  await admin.waitForSelector('[data-testid="toast"]:has-text("Softphone settings saved")');
  await admin.waitForSelector('c-softphone-admin .softphone-pending:text-is("No unsaved change")');

  const org = world.harness.org.store.settingsAt('org', null);
  expect(org?.values).toMatchObject({
    autoLog: true,
    logFields: [{ apiName: 'Call_Summary__c', label: 'Call Summary', type: 'textarea', required: false }],
  });
  expect(org?.locks).toEqual({ autoLog: true });
  const [audit] = world.harness.org.store.settingsAudit();
  expect(audit).toMatchObject({ Scope__c: 'org', Scope_Label__c: 'Org default' });
  expect(audit?.Summary__c).toContain('autoLog: inherited → true');
  expect(audit?.Summary__c).toContain('logFields: inherited → Call_Summary__c');
  expect(audit?.Summary__c).toContain('lock:autoLog: inherited → locked');
  await hideSoftphonePanel(admin);
  await admin.screenshot({ path: join(SCREENSHOTS, 'admin-page.png') });

  await section(admin, 'Change history');
  expect(await admin.textContent('c-softphone-admin-history .softphone-audit-row')).toContain('Ada Admin');
});

test("the agent's softphone shows automatic logging locked on, logs the call with the new field and its value", async () => {
  // The softphone reads its settings once per start: the agent reloads the console.
  await world.console.reload();
  const phone: Frame = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  await phone.click('#softphone-tab-settings');
  const autoLog = await phone.waitForSelector('#softphone-auto-log');
  expect(await autoLog.isChecked()).toBe(true);
  expect(await autoLog.isDisabled()).toBe(true);
  expect((await phone.textContent('#softphone-auto-log-lock'))?.trim()).toBe('Set by your admin');
  await phone.click('label[for="softphone-auto-log"]', { force: true });
  expect(await autoLog.isChecked()).toBe(true);
  const softphone = await phone.frameElement();
  await softphone.screenshot({ path: join(SCREENSHOTS, 'softphone-settings-locked.png') });
  await phone.click('#softphone-tab-phone');

  const caller = await customerPhone(world, '+16505550101');
  await customer(caller, 'call', AGENT.number);
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await phone.click('.softphone-answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  // Automatic logging on answer (no Save pressed): the Task exists while the call goes on.
  const logged = await waitForTask((t) => t.from_number__c === '+16505550101' && !t.Call_Summary__c);
  await phone.click('.softphone-hangup');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  const field = await phone.waitForSelector('.softphone-log-form textarea[data-api-name="Call_Summary__c"]');
  expect((await phone.textContent('.softphone-log-field[data-field="Call_Summary__c"] label'))?.trim()).toBe(
    'Call Summary',
  );
  await field.fill(SUMMARY);
  await phone.selectOption('.softphone-log-disposition', 'Meaningful Connect');
  await phone.click('.softphone-log-save');
  const task = await waitForTask((t) => t.Id === logged.Id && t.Call_Summary__c === SUMMARY);
  expect(task).toMatchObject({
    CallType: 'Inbound',
    Status: 'Completed',
    CallDisposition: 'Meaningful Connect',
    Call_Summary__c: SUMMARY,
  });
  expect(callTasks(world).filter((t) => t.CALL_UNIQUE_ID__c === logged.CALL_UNIQUE_ID__c)).toHaveLength(1);
  await caller.close();
});

test("the Task's record page shows the call card; the owner adds a note while a background update writes", async () => {
  const task = callTasks(world).find((t) => t.Call_Summary__c === SUMMARY);
  if (!task) throw new Error('the logged call is missing');
  const page = world.console;
  await page.evaluate(
    (path) => (window as unknown as { harnessConsole: { navigate(p: string): void } }).harnessConsole.navigate(path),
    `/lightning/r/Task/${String(task.Id)}/view`,
  );
  await page.waitForSelector('c-softphone-call-card .softphone-from');
  expect(await page.textContent('c-softphone-call-card .softphone-from')).toContain('+16505550101');
  expect((await page.textContent('c-softphone-call-card .softphone-recording'))?.trim()).toBe('Not recorded');

  // A background update (RingCentral's sync) writes the recording between the card's read and the note.
  // It logs for the Task's owner (the agent the console runs as): same telephony session, same agent, same Task.
  const recording = 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/4711/content';
  const background = world.harness.org.api.invoke('upsertCallLogs', {
    logs: [
      {
        telephonySessionId: task.telephony_session_id__c,
        source: 'sync',
        direction: 'inbound',
        startTime: task.call_start_time__c,
        recordingUrl: recording,
      },
    ],
  });
  expect(background).toMatchObject({ ok: true, results: [{ ok: true, taskId: task.Id, created: false }] });
  await page.fill('c-softphone-call-card lightning-textarea.softphone-note textarea', 'Quote sent by email');
  await page.click('c-softphone-call-card lightning-button.softphone-add-note button');
  await page.waitForSelector('[data-testid="toast"]:has-text("Note added")');
  await page.waitForSelector('c-softphone-call-card .softphone-recording a');
  const stored = world.harness.org.store.get(String(task.Id));
  expect(stored?.Description).toMatch(/Quote sent by email$/);
  expect(stored?.Recording_Information__c).toBe(recording);
  expect(await page.textContent('c-softphone-call-card .softphone-comments')).toContain('Quote sent by email');
  await hideSoftphonePanel(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'task-call-card.png') });
  await hideSoftphonePanel(page);
});

test('a user without the Softphone Admin permission set sees "Insufficient privileges", not an error', async () => {
  const before = pageErrors.length;
  const [context, page] = await signedIn('agent', ADMIN_TAB);
  await page.waitForSelector('c-softphone-admin .softphone-no-access');
  expect(await page.textContent('c-softphone-admin .softphone-no-access h1')).toBe('Insufficient privileges');
  expect(await page.isVisible('#hc-nav >> text=Softphone Admin')).toBe(false);
  expect(await page.$('c-softphone-admin c-softphone-admin-matching')).toBeNull();
  expect(pageErrors.slice(before)).toEqual([]);
  await context.close();
  expect(pageErrors).toEqual([]);
  await adminContext.close();
});

async function waitForTask(predicate: (t: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let i = 0; i < 150; i += 1) {
    const task = callTasks(world).find(predicate);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no matching Task was saved (Tasks: ${JSON.stringify(callTasks(world)).slice(0, 800)})`);
}
