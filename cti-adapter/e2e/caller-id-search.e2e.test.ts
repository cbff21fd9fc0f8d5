/**
 * Issue 15, the CRM side of calls on any device (ADR 0033), end to end in headless Chromium through the whole harness:
 * - reverse lookup: an unknown number whose caller-ID name is a Contact's name (Peter Gibbons calling from a mobile
 *   Salesforce does not know, "GIBBONS PETER") — the log form shows the name, "Search Salesforce for 'GIBBONS PETER'"
 *   finds the Contact, picking it pops it and makes it the log's Who; saved as one Task on Peter.
 *   The same for a call in the browser: the web phone's INVITE carries the name (`P-rc` `Nm`).
 * Each test sets the calling device it needs. Saves `docs/screenshots/softphone-caller-id-search.png` (360 × 560).
 */
import type { Frame } from 'playwright-core';
import {
  buildBundle,
  callTasks,
  customer,
  ringAgent,
  useBrowserPhone,
  partyStatus,
  recordId,
  ringDeskPhone,
  screenshotSoftphone,
  simulatorRequest,
  softphoneFrame,
  startSoftphoneWorld,
  useDeskPhone,
  waitForTask,
  waitUntil,
  type SoftphoneWorld,
  waitForRecordPage,
} from './support/softphone-world';

jest.setTimeout(150_000);

let world: SoftphoneWorld;
let phone: Frame;

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

/** A desk phone call from `from`, answered there and hung up from the softphone: its log form is on screen. */
async function deskPhoneCallToLog(from: string): Promise<string> {
  await useDeskPhone(world, phone);
  const tsid = await ringDeskPhone(world, from);
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await simulatorRequest(world, 'POST', `/calls/${tsid}/desk-phone`, { action: 'answer' });
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await phone.click('.softphone-hangup');
  await phone.waitForSelector(`.softphone-log-form`, { timeout: 20_000 });
  await waitUntil('the call to end at the platform', () => partyStatus(world, tsid) === 'Disconnected');
  return tsid;
}

/** Searches the log form's caller-ID name, expects exactly `recordId` found, picks it: popped and the log's Who. */
async function searchCallerIdAndPick(name: string, recordId: string, screenshot?: string): Promise<void> {
  expect(await phone.textContent('.softphone-caller-id-name')).toBe(name);
  const search = await phone.waitForSelector('.softphone-caller-id-search');
  expect((await search.textContent())?.trim()).toBe(`Search Salesforce for '${name}'`);
  // Offered before the placeholder, which stays below it.
  expect(await phone.isVisible('.softphone-placeholder-create')).toBe(true);
  await search.click();
  const pick = await phone.waitForSelector(`.softphone-caller-id-pick[data-id="${recordId}"]`, { timeout: 10_000 });
  expect(await phone.$$eval('.softphone-caller-id-pick', (b) => b.map((x) => x.getAttribute('data-id')))).toEqual([
    recordId,
  ]);
  expect(await pick.textContent()).toContain('Initech');
  if (screenshot) await screenshotSoftphone(world, screenshot);
  await pick.click();
  await waitForRecordPage(world.console, 'Contact', recordId);
  await phone.waitForSelector('.softphone-log-who-name', { timeout: 10_000 });
  expect(await phone.textContent('.softphone-log-who-name')).toBe('Peter Gibbons');
  expect(await phone.$('.softphone-caller-id')).toBeNull();
}

/**
 * Saves the log form on screen; expects exactly one Task of the call (`tsid`, else the one new call Task), on `whoId`.
 */
async function saveOneTask(tsid: string | null, whoId: string): Promise<void> {
  const before = new Set(callTasks(world).map((t) => t.Id));
  await phone.click('.softphone-log-save');
  const task = await waitForTask(world, (t) => (tsid ? t.telephony_session_id__c === tsid : !before.has(t.Id)));
  expect(task).toMatchObject({ WhoId: whoId, CallType: 'Inbound' });
  await waitUntil('the log form to close', async () => (await phone.$('.softphone-log-form')) === null);
  const session = task.telephony_session_id__c;
  expect(callTasks(world).filter((t) => t.telephony_session_id__c === session)).toHaveLength(1);
}

test('browser, unknown number: the caller-ID name of the INVITE is searched and the Contact found is logged as Who', async () => {
  const peter = recordId(world, 'Contact', 'Peter Gibbons');
  await useBrowserPhone(world, phone);
  const caller = await ringAgent(world, phone, '+16505550106');
  await phone.click('.softphone-incoming .softphone-answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await customer(caller, 'hangup');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await caller.close();
  await searchCallerIdAndPick('GIBBONS PETER', peter, 'softphone-caller-id-search');
  await saveOneTask(null, peter);
});

test('desk phone, unknown number: the caller-ID name is searched, the Contact found is popped and logged as Who', async () => {
  const peter = recordId(world, 'Contact', 'Peter Gibbons');
  const tsid = await deskPhoneCallToLog('+16505550106');
  await searchCallerIdAndPick('GIBBONS PETER', peter);
  await saveOneTask(tsid, peter);
});
