/**
 * Issue 15, calls on a desk phone or the RingCentral app, end to end in headless Chromium through the whole harness:
 * the agent chooses the calling device "RingCentral app / desk phone"; the web phone unregisters (the simulator shows
 * no registration); an inbound call rings the simulated desk phone (not the browser), the caller's record pops, the
 * call answered on the desk phone shows "Connected" in the softphone, Hold from the softphone holds it at the
 * simulator (Call Control API), hanging up from the softphone opens the log form, and saving gives one Task; a blind
 * transfer from the softphone moves the call on. Saves `docs/screenshots/softphone-desk-phone-held.png` (360 × 560).
 */
import {
  callTasks,
  recordId,
  screenshotSoftphone,
  simulatorControl,
  useSoftphoneWorld,
  waitFor,
  waitForConsoleUrl,
  waitForTask,
} from './support/softphone-world';

jest.setTimeout(150_000);

const ALEX = '62264101';
const SAM = '62264102';

const spec = useSoftphoneWorld();

async function control<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${simulatorControl(spec.world)}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const partyStatus = (tsid: string, extensionId = ALEX): string | undefined =>
  spec.world.harness.rcPlatform!.model.getSession(tsid)?.parties.find((p) => p.extensionId === extensionId)?.status
    .code;

async function ringDeskPhone(from: string): Promise<string> {
  const placed = await control<{ telephonySessionId: string }>('POST', '/calls/inbound', {
    from,
    toExtensionId: ALEX,
  });
  return placed.telephonySessionId;
}

test('device "RingCentral app / desk phone": no registration; the desk phone rings, pop, on call, hold, hang up, one Task', async () => {
  // The agent chooses the device in Settings; the web phone unregisters (one of the five registrations saved).
  await spec.phone.click('#softphone-tab-settings');
  await spec.phone.selectOption('#softphone-settings-device', 'otherDevice');
  await waitFor('the web phone to unregister', async () => {
    const state = await control<{ sipRegistrations: number }>('GET', '/state');
    return state.sipRegistrations === 0;
  });
  await spec.phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  await spec.phone.click('#softphone-tab-phone');
  await control('PUT', `/desk-phones/${ALEX}`, { online: true });

  const ann = recordId(spec.world, 'Contact', 'Ann Lee');
  const tsid = await ringDeskPhone('+16505550101');
  const card = await spec.phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  expect(await card.$eval('.softphone-incoming-title', (e) => e.textContent)).toBe('Ringing on your app / desk phone');
  // Answered on the desk phone, not here: no Answer, no voicemail button; Decline stays.
  expect(
    await spec.phone.$$eval('.softphone-incoming footer button', (b) => b.map((x) => x.textContent?.trim())),
  ).toEqual(['Decline']);
  await waitForConsoleUrl(spec.world.console, new RegExp(`/lightning/r/Contact/${ann}/view`));
  expect(await spec.phone.textContent('.softphone-incoming .softphone-caller-name')).toContain('Ann Lee');
  expect(partyStatus(tsid)).toBe('Proceeding');
  // Still no web phone: the call rang the desk phone only.
  expect((await control<{ sipRegistrations: number }>('GET', '/state')).sipRegistrations).toBe(0);

  await control('POST', `/calls/${tsid}/desk-phone`, { action: 'answer' });
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  expect(await spec.phone.isVisible('.softphone-other-device-note')).toBe(true);
  expect(await spec.phone.$('.softphone-keypad-toggle')).toBeNull();
  expect(await spec.phone.$('.softphone-active .softphone-record')).toBeNull();

  // Hold from the softphone holds the party at the platform (Call Control API), and the event brings "On hold".
  await spec.phone.click('.softphone-hold');
  await spec.phone.waitForSelector('.softphone-active[data-state="held"]', { timeout: 20_000 });
  expect(partyStatus(tsid)).toBe('Hold');
  expect(await spec.phone.textContent('.softphone-call-state')).toBe('On hold');
  await screenshotSoftphone(spec.world, 'softphone-desk-phone-held');
  await spec.phone.click('.softphone-hold');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  expect(partyStatus(tsid)).toBe('Answered');

  await spec.phone.fill('.softphone-notes', 'Took it on the desk phone');
  await spec.phone.click('.softphone-hangup');
  await spec.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await waitFor('the call to end at the platform', () => partyStatus(tsid) === 'Disconnected');
  await spec.phone.click('.softphone-log-save');
  const task = await waitForTask(spec.world, (t) => t.telephony_session_id__c === tsid);
  expect(task).toMatchObject({
    WhoId: ann,
    CallType: 'Inbound',
    TaskSubtype: 'Call',
    Description: 'Took it on the desk phone',
    CALL_UNIQUE_ID__c: `${tsid}:${spec.world.harness.org.users.agent.Id}`,
  });
  await new Promise((r) => setTimeout(r, 500));
  expect(callTasks(spec.world).filter((t) => t.telephony_session_id__c === tsid)).toHaveLength(1);
});

test('a blind transfer from the softphone moves the desk phone call to a colleague; the log form follows', async () => {
  await control('PUT', `/desk-phones/${SAM}`, { online: true });
  const tsid = await ringDeskPhone('+16505550103');
  await spec.phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await control('POST', `/calls/${tsid}/desk-phone`, { action: 'answer' });
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await spec.phone.click('.softphone-transfer-toggle');
  expect(await spec.phone.$('.softphone-warm-transfer')).toBeNull();
  await spec.phone.fill('#softphone-transfer-target', '102');
  await spec.phone.click('.softphone-blind-transfer');
  await spec.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await waitFor('the colleague to ring', () => partyStatus(tsid, SAM) === 'Proceeding');
  expect(
    spec.world.harness.rcPlatform!.model.getSession(tsid)?.parties.find((p) => p.extensionId === ALEX)?.status,
  ).toMatchObject({ code: 'Disconnected', reason: 'BlindTransfer' });
  await control('POST', `/calls/${tsid}/hangup`);
  await spec.phone.click('.softphone-log-discard');
});
