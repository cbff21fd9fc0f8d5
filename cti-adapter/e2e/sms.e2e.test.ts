/**
 * Text messages end to end (issue 12, ADR 0019), in headless Chromium through the whole harness: a customer phone of
 * the RingCentral simulator texts the agent; the Messages tab shows it with the matched name and an unread badge (on
 * the tab and in the utility item's label); the agent replies and the customer's phone receives it; the day's
 * conversation is logged as exactly one Task (`RC_Logging_Type__c` = `sms`), appended when more messages arrive;
 * hostile bodies stay text; the agent replies with an org-wide SMS template filled for the Contact; with "Ask for a
 * note after sending a text" on, a sent text offers a note that goes once into the day's Task, and Skip adds none.
 * Saves `docs/screenshots/sms-conversations.png`, `docs/screenshots/sms-thread.png`,
 * `docs/screenshots/sms-templates-picker.png` and `docs/screenshots/sms-note-prompt.png` (the softphone frame at
 * 360 × 560).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import {
  REPO_ROOT,
  buildBundle,
  recordId,
  softphoneFrame,
  startSoftphoneWorld,
  AGENT,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(120_000);

const ANN_NUMBER = '+16505550101';
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

let world: SoftphoneWorld;
let phone: Frame;

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  // Ann Lee agreed to receive text messages (Send SMS checked on her Contact, as in the sample data; set here so the
  // test does not depend on the seed).
  const org = world.harness.org as unknown as { store: { update(id: string, fields: Record<string, unknown>): void } };
  org.store.update(recordId(world, 'Contact', 'Ann Lee'), { SendSMS__c: true });
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

function control(): string {
  const url = world.harness.urls.rcControl;
  if (!url) throw new Error('no simulator control API');
  return url;
}

/** The customer's phone texts the agent (simulator control API). */
async function customerTexts(from: string, text: string): Promise<void> {
  const response = await fetch(`${control()}/sms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to: AGENT.number, text }),
  });
  if (response.status !== 201) throw new Error(`POST /sms answered ${response.status}: ${await response.text()}`);
}

/** What the customer's phone received. */
async function customerInbox(
  owner: string,
): Promise<{ text?: string; subject?: string; from?: { phoneNumber: string } }[]> {
  const response = await fetch(`${control()}/messages?owner=${encodeURIComponent(owner)}`);
  const body = (await response.json()) as { records?: { text?: string; subject?: string }[] };
  return body.records ?? [];
}

function smsTasks(): Record<string, unknown>[] {
  const org = world.harness.org as unknown as { store: { all(type: string): Record<string, unknown>[] } };
  return org.store.all('Task').filter((t) => t.RC_Logging_Type__c === 'sms');
}

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 150; i += 1) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
}

async function screenshot(name: string): Promise<void> {
  mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true });
  const frame = await world.console.$('#hc-softphone-frame');
  if (!frame) throw new Error('no softphone frame');
  await frame.screenshot({ path: join(REPO_ROOT, 'docs/screenshots', name) });
}

test('an inbound SMS shows with the matched name and unread badges; the reply reaches the customer', async () => {
  await customerTexts(ANN_NUMBER, 'Hi, can you call me back about the renewal?');
  // The badge on the Messages tab and the utility item's label, while the agent is on the Phone tab.
  await phone.waitForSelector('#softphone-tab-messages .softphone-tab-badge', { timeout: 20_000 });
  expect(await phone.textContent('#softphone-tab-messages .softphone-tab-badge')).toContain('1');
  await until(
    () => world.console.textContent('#hc-item-label'),
    (label) => (label ?? '').includes('1 SMS'),
    'utility item label',
  );

  await phone.click('#softphone-tab-messages');
  const row = await phone.waitForSelector('.softphone-conversation', { timeout: 20_000 });
  await until(
    () => row.textContent(),
    (text) => (text ?? '').includes('Ann Lee'),
    'the conversation shows the matched name',
  );
  expect(await row.textContent()).toContain('Hi, can you call me back about the renewal?');
  expect(await phone.textContent('.softphone-conversation-unread')).toBe('1');
  await screenshot('sms-conversations.png');

  await phone.click('.softphone-conversation-open');
  await phone.waitForSelector('.softphone-sms-thread-name', { timeout: 10_000 });
  expect((await phone.textContent('.softphone-sms-thread-name'))?.trim()).toBe('Ann Lee');
  // Opening the thread reads it: the badges go.
  await phone.waitForSelector('#softphone-tab-messages .softphone-tab-badge', { state: 'detached', timeout: 10_000 });
  await until(
    () => world.console.textContent('#hc-item-label'),
    (label) => !(label ?? '').includes('SMS'),
    'utility item label without unread messages',
  );

  await phone.fill('.softphone-sms-text', 'Sure, I will call you at 3 pm.');
  await phone.waitForSelector('.softphone-sms-send:not([disabled])', { timeout: 10_000 });
  expect(await phone.textContent('.softphone-sms-counter')).toContain('30/1000 · 1 segment · GSM-7');
  await phone.click('.softphone-sms-send');
  await until(
    () => customerInbox(ANN_NUMBER),
    (inbox) => inbox.some((m) => (m.text ?? m.subject) === 'Sure, I will call you at 3 pm.'),
    'the customer received the reply',
  );
  // The draft is gone once RingCentral took it; the bubble follows Queued → Sent → Delivered.
  await until(
    () => phone.$eval('.softphone-sms-text', (el) => (el as HTMLTextAreaElement).value),
    (value) => value === '',
    'the draft is cleared',
  );
  await until(
    () => phone.$$eval('.softphone-bubble', (items) => items.map((i) => i.textContent ?? '').join('|')),
    (text) => text.includes('Sure, I will call you at 3 pm.') && text.includes('Delivered'),
    'the reply shows as Delivered',
  );
  await screenshot('sms-thread.png');
});

test('hostile bodies render as text in the list and the thread', async () => {
  await customerTexts(ANN_NUMBER, HOSTILE);
  await until(
    () => phone.$$eval('.softphone-bubble-text', (items) => items.map((i) => i.textContent ?? '')),
    (texts) => texts.some((t) => t.includes(HOSTILE)),
    'the hostile body shows as text',
  );
  expect(await phone.$('.softphone-thread-messages img, .softphone-thread-messages script')).toBeNull();
  expect(await phone.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("the day's conversation is logged as exactly one Task, appended when more messages arrive", async () => {
  const ann = recordId(world, 'Contact', 'Ann Lee');
  await phone.click('.softphone-sms-log');
  const first = await until(
    () => smsTasks(),
    (tasks) => tasks.length === 1 && String(tasks[0]?.Description ?? '').includes('Sure, I will call you at 3 pm.'),
    'one SMS Task',
  );
  const task = first[0] as Record<string, unknown>;
  expect(task.WhoId).toBe(ann);
  expect(String(task.CALL_UNIQUE_ID__c)).toMatch(
    new RegExp(`^sms:.+:\\d{4}-\\d{2}-\\d{2}:${world.harness.org.users.agent.Id}$`),
  );
  expect(String(task.Description)).toContain('Hi, can you call me back about the renewal?');
  expect(String(task.Description)).toContain(HOSTILE);
  await phone.waitForSelector('.softphone-sms-log-status', { timeout: 10_000 });
  expect(await phone.textContent('.softphone-sms-log-status')).toBe('Logged');

  await customerTexts(ANN_NUMBER, 'Great, talk then.');
  const appended = await until(
    () => smsTasks(),
    (tasks) => tasks.length === 1 && String(tasks[0]?.Description ?? '').includes('Great, talk then.'),
    'the Task gets the new message',
  );
  expect(appended[0]?.Id).toBe(task.Id);
  const description = String(appended[0]?.Description);
  expect(description.indexOf('Hi, can you call me back')).toBeLessThan(description.indexOf('Great, talk then.'));
});

test('the agent replies with an org-wide template filled for the Contact; the customer receives it', async () => {
  // An admin (Manage SMS Templates) creates an org-wide template through SmsTemplateController, as the admin page does.
  const org = world.harness.org as unknown as {
    api: { invoke(method: string, request: unknown, userId?: string): { ok?: boolean } };
    users: { admin: { Id: string } };
  };
  const saved = org.api.invoke(
    'saveSmsTemplate',
    {
      template: {
        name: 'Renewal quote ready',
        body: 'Hi {FirstName}, your renewal quote is ready. Reply YES to get it by email.',
        scope: 'org',
        category: 'Renewals',
        active: true,
      },
    },
    org.users.admin.Id,
  );
  expect(saved.ok).toBe(true);

  // Ann's thread is open (the previous test): the agent opens the templates and searches.
  await phone.waitForSelector('.softphone-sms-thread-name', { timeout: 10_000 });
  await phone.click('.softphone-sms-templates-open');
  await phone.waitForSelector('.softphone-sms-template', { timeout: 10_000 });
  await phone.fill('.softphone-sms-template-search', 'renewal');
  const filled = 'Hi Ann, your renewal quote is ready. Reply YES to get it by email.';
  await until(
    () => phone.$$eval('.softphone-sms-template-text', (items) => items.map((i) => (i.textContent ?? '').trim())),
    (texts) => texts.length === 1 && texts[0] === filled,
    'the template filled with the Contact first name',
  );
  expect(await phone.textContent('.softphone-sms-template-scope')).toBe('Org-wide');
  await screenshot('sms-templates-picker.png');

  await phone.click('.softphone-sms-template');
  await phone.waitForSelector('.softphone-sms-templates', { state: 'detached', timeout: 10_000 });
  await until(
    () => phone.$eval('.softphone-sms-text', (el) => (el as HTMLTextAreaElement).value),
    (value) => value === filled,
    'the template is in the compose box',
  );
  expect(await phone.$('.softphone-sms-placeholders')).toBeNull();
  await phone.waitForSelector('.softphone-sms-send:not([disabled])', { timeout: 10_000 });
  await phone.click('.softphone-sms-send');
  await until(
    () => customerInbox(ANN_NUMBER),
    (inbox) => inbox.some((m) => (m.text ?? m.subject) === filled),
    'the customer received the template',
  );
});

test('with the note prompt on, a saved note goes once into the day’s Task; a second send with Skip adds none', async () => {
  // A Contact of its own (not touched by the other tests), who agreed to receive text messages.
  const org = world.harness.org as unknown as {
    store: { insert(type: string, fields: Record<string, unknown>): { Id: string } };
  };
  const noraNumber = '+16505550161';
  const nora = org.store.insert('Contact', {
    FirstName: 'Nora',
    LastName: 'Quinn',
    Phone: '(650) 555-0161',
    SendSMS__c: true,
  }).Id;
  const noraTasks = () => smsTasks().filter((t) => t.WhoId === nora);
  const noteLines = (description: string) => description.split('\n').filter((line) => / Note: /.test(line));

  // The agent turns on "Ask for a note after sending a text" on the Settings tab (a user-level setting).
  await phone.click('#softphone-tab-settings');
  await phone.waitForSelector('#softphone-sms-notes-prompt', { timeout: 10_000 });
  if (!(await phone.isChecked('#softphone-sms-notes-prompt')))
    await phone.click('label[for="softphone-sms-notes-prompt"]');
  await until(
    () => phone.isChecked('#softphone-sms-notes-prompt'),
    (checked) => checked,
    'the note prompt setting is on',
  );

  await customerTexts(noraNumber, 'Can you confirm my delivery window?');
  await phone.click('#softphone-tab-messages');
  if (await phone.$('.softphone-sms-back')) await phone.click('.softphone-sms-back');
  const row = await phone.waitForSelector('.softphone-conversation:has-text("Nora Quinn")', { timeout: 20_000 });
  await (await row.$('.softphone-conversation-open'))?.click();
  await until(
    () => phone.textContent('.softphone-sms-thread-name'),
    (name) => (name ?? '').trim() === 'Nora Quinn',
    'Nora’s thread is open',
  );

  await phone.fill('.softphone-sms-text', 'Yes: Tuesday between 9 and 11.');
  await phone.waitForSelector('.softphone-sms-send:not([disabled])', { timeout: 10_000 });
  await phone.click('.softphone-sms-send');
  await phone.waitForSelector('.softphone-sms-note-prompt', { timeout: 10_000 });
  // The prompt does not take the focus and Save waits for a note.
  expect(await phone.evaluate(() => document.activeElement?.classList.contains('softphone-sms-note'))).toBe(false);
  expect(await phone.isDisabled('.softphone-sms-note-save')).toBe(true);
  const note = 'Promised <b>Tuesday 9–11</b>; leave at the side door';
  await phone.fill('.softphone-sms-note', note);
  await screenshot('sms-note-prompt.png');
  await phone.click('.softphone-sms-note-save');
  await phone.waitForSelector('.softphone-sms-note-prompt', { state: 'detached', timeout: 10_000 });
  expect(await phone.$('.softphone-sms-note-prompt b')).toBeNull();

  // Automatic SMS logging is off here: the note waits with the day's messages until the agent logs the day.
  await until(
    () => phone.textContent('.softphone-sms-log-status'),
    (status) => status === '1 note to log',
    'the note waits for Log',
  );
  expect(noraTasks()).toEqual([]);
  await phone.click('.softphone-sms-log');
  const logged = await until(
    () => noraTasks(),
    (tasks) => tasks.length === 1 && noteLines(String(tasks[0]?.Description ?? '')).length === 1,
    'one Task with the messages and the note',
  );
  const description = String(logged[0]?.Description);
  expect(description).toMatch(/^\d{2}:\d{2} Received: Can you confirm my delivery window\?\n/);
  expect(description).toMatch(/\n\d{2}:\d{2} Sent: Yes: Tuesday between 9 and 11\.\n\d{2}:\d{2} Note: /);
  expect(noteLines(description)).toEqual([expect.stringMatching(/^\d{2}:\d{2} Note: /)]);
  expect(noteLines(description)[0]).toContain(note);

  // A second send offers the prompt again; Escape skips it: the message is appended, no second note.
  await phone.fill('.softphone-sms-text', 'See you Tuesday.');
  await phone.waitForSelector('.softphone-sms-send:not([disabled])', { timeout: 10_000 });
  await phone.click('.softphone-sms-send');
  await phone.waitForSelector('.softphone-sms-note-prompt', { timeout: 10_000 });
  await phone.fill('.softphone-sms-note', 'not saved');
  await phone.press('.softphone-sms-note', 'Escape');
  await phone.waitForSelector('.softphone-sms-note-prompt', { state: 'detached', timeout: 10_000 });
  const appended = await until(
    () => noraTasks(),
    (tasks) => tasks.length === 1 && String(tasks[0]?.Description ?? '').includes('Sent: See you Tuesday.'),
    'the second message is appended to the same Task',
  );
  expect(appended[0]?.Id).toBe(logged[0]?.Id);
  const after = String(appended[0]?.Description);
  expect(noteLines(after)).toHaveLength(1);
  expect(after).not.toContain('not saved');
  expect(after.indexOf(note)).toBeLessThan(after.indexOf('See you Tuesday.'));
});
