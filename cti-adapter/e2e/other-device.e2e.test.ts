/**
 * Issue 15, calls on a desk phone or the RingCentral app, end to end in headless Chromium through the whole harness:
 * the agent chooses the calling device "RingCentral app / desk phone"; the web phone unregisters (the simulator shows
 * no registration); an inbound call rings the simulated desk phone (not the browser), the caller's record pops, the
 * call answered on the desk phone shows "Connected" in the softphone, Hold from the softphone holds it at the
 * simulator (Call Control API), hanging up from the softphone opens the log form, and saving gives one Task; a blind
 * transfer from the softphone moves the call on. The header and the utility item say whether the softphone listens:
 * following the desk phone while the call-event subscription is up, "Not listening: call events lost" while it is down
 * (ADR 0034). An admin locking the calling device on "RingCentral app or desk phone" on the admin page makes the
 * agent's softphone follow the desk phone, the choice read-only, no web phone registered. Saves
 * `docs/screenshots/softphone-desk-phone-held.png`, `softphone-listening-desk-phone.png` and
 * `softphone-not-listening.png` (360 × 560), and `admin-calling-device-desk-phone.png` (the admin page).
 */
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import {
  AGENT_EXTENSION_ID as ALEX,
  buildBundle,
  partyStatus as party,
  ringDeskPhone as ringAgentDeskPhone,
  simulatorRequest,
  waitUntil,
  callTasks,
  recordId,
  screenshotSoftphone,
  softphoneFrame,
  startSoftphoneWorld,
  waitForTask,
  useBrowserPhone,
  useDeskPhone,
  waitForRecordPage,
  hideSoftphonePanel,
  REPO_ROOT,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(150_000);

const SAM = '62264102';

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

const control = <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> =>
  simulatorRequest<T>(world, method, path, body);
const waitFor = waitUntil;
const partyStatus = (tsid: string, extensionId = ALEX): string | undefined => party(world, tsid, extensionId);
const ringDeskPhone = (from: string): Promise<string> => ringAgentDeskPhone(world, from);

test('device "RingCentral app / desk phone": no registration; the desk phone rings, pop, on call, hold, hang up, one Task', async () => {
  // The agent chooses the device in Settings; the web phone unregisters (one of the five registrations saved).
  await phone.click('#softphone-tab-settings');
  await phone.selectOption('#softphone-settings-device', 'otherDevice');
  await waitFor('the web phone to unregister', async () => {
    const state = await control<{ sipRegistrations: number }>('GET', '/state');
    return state.sipRegistrations === 0;
  });
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  await phone.click('#softphone-tab-phone');
  await control('PUT', `/desk-phones/${ALEX}`, { online: true });

  const ann = recordId(world, 'Contact', 'Ann Lee');
  const tsid = await ringDeskPhone('+16505550101');
  const card = await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  expect(await card.$eval('.softphone-incoming-title', (e) => e.textContent)).toBe('Ringing on your app / desk phone');
  // Answered on the desk phone, not here: no Answer, no voicemail button; Decline stays.
  expect(await phone.$$eval('.softphone-incoming footer button', (b) => b.map((x) => x.textContent?.trim()))).toEqual([
    'Decline',
  ]);
  await waitForRecordPage(world.console, 'Contact', ann);
  expect(await phone.textContent('.softphone-incoming .softphone-caller-name')).toContain('Ann Lee');
  expect(partyStatus(tsid)).toBe('Proceeding');
  // Still no web phone: the call rang the desk phone only.
  expect((await control<{ sipRegistrations: number }>('GET', '/state')).sipRegistrations).toBe(0);

  await control('POST', `/calls/${tsid}/desk-phone`, { action: 'answer' });
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  expect(await phone.isVisible('.softphone-other-device-note')).toBe(true);
  expect(await phone.$('.softphone-keypad-toggle')).toBeNull();
  expect(await phone.$('.softphone-active .softphone-record')).toBeNull();

  // Hold from the softphone holds the party at the platform (Call Control API), and the event brings "On hold".
  await phone.click('.softphone-hold');
  await phone.waitForSelector('.softphone-active[data-state="held"]', { timeout: 20_000 });
  expect(partyStatus(tsid)).toBe('Hold');
  expect(await phone.textContent('.softphone-call-state')).toBe('On hold');
  // The duration runs from the ring (RingCentral's call log definition): never 0:00 once a second has gone by.
  await phone.waitForFunction(() => document.querySelector('.softphone-timer')?.textContent !== '0:00');
  await screenshotSoftphone(world, 'softphone-desk-phone-held');
  await phone.click('.softphone-hold');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  expect(partyStatus(tsid)).toBe('Answered');

  await phone.fill('.softphone-notes', 'Took it on the desk phone');
  await phone.click('.softphone-hangup');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await waitFor('the call to end at the platform', () => partyStatus(tsid) === 'Disconnected');
  await phone.click('.softphone-log-save');
  const task = await waitForTask(world, (t) => t.telephony_session_id__c === tsid);
  expect(task).toMatchObject({
    WhoId: ann,
    CallType: 'Inbound',
    TaskSubtype: 'Call',
    Description: 'Took it on the desk phone',
    CALL_UNIQUE_ID__c: `${tsid}:${world.harness.org.users.agent.Id}`,
  });
  await new Promise((r) => setTimeout(r, 500));
  expect(callTasks(world).filter((t) => t.telephony_session_id__c === tsid)).toHaveLength(1);
});

test('a blind transfer from the softphone moves the desk phone call to a colleague; the log form follows', async () => {
  await useDeskPhone(world, phone); // whatever the test before left
  await control('PUT', `/desk-phones/${ALEX}`, { online: true });
  await control('PUT', `/desk-phones/${SAM}`, { online: true });
  const tsid = await ringDeskPhone('+16505550103');
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await control('POST', `/calls/${tsid}/desk-phone`, { action: 'answer' });
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await phone.click('.softphone-transfer-toggle');
  expect(await phone.$('.softphone-warm-transfer')).toBeNull();
  await phone.fill('#softphone-transfer-target', '102');
  await phone.click('.softphone-blind-transfer');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await waitFor('the colleague to ring', () => partyStatus(tsid, SAM) === 'Proceeding');
  expect(
    world.harness.rcPlatform!.model.getSession(tsid)?.parties.find((p) => p.extensionId === ALEX)?.status,
  ).toMatchObject({ code: 'Disconnected', reason: 'BlindTransfer' });
  await control('POST', `/calls/${tsid}/hangup`);
  await phone.click('.softphone-log-discard');
});

const utilityItem = async (): Promise<{ icon: string | null; label: string | null }> => ({
  icon: await world.console.getAttribute('#hc-item-icon', 'data-icon'),
  label: await world.console.textContent('#hc-item-label'),
});

test('the header and the utility item say whether the softphone listens: red with the reason while the call events are lost', async () => {
  await useDeskPhone(world, phone);
  await phone.waitForSelector('.softphone-listening[data-listening="on"]', { timeout: 30_000 });
  expect(await phone.textContent('.softphone-listening')).toContain('Listening · following your app / desk phone');
  await waitFor('the utility item to say listening', async () => (await utilityItem()).label === 'Phone · Listening');
  expect((await utilityItem()).icon).toBe('call');
  await screenshotSoftphone(world, 'softphone-listening-desk-phone');

  // The call-event subscription drops and cannot come back (its WebSocket token is refused): not listening.
  await control('POST', '/faults', {
    kind: 'rest-fail',
    status: 503,
    count: 100,
    pathPrefix: '/restapi/oauth/wstoken',
  });
  try {
    await control('POST', '/faults', { kind: 'drop-subscription' });
    await phone.waitForSelector('.softphone-listening[data-listening="off"]', { timeout: 20_000 });
    expect((await phone.textContent('.softphone-listening'))?.trim()).toBe('Not listening: call events lost');
    expect(await phone.textContent('.softphone-status')).toBe('Not listening');
    await waitFor(
      'the utility item to say not listening',
      async () => (await utilityItem()).label === 'Phone · Not listening: call events lost',
    );
    expect((await utilityItem()).icon).toBe('offline');
    await screenshotSoftphone(world, 'softphone-not-listening');
  } finally {
    await control('DELETE', '/faults');
  }
  // The subscription reconnects by itself: listening again.
  await phone.waitForSelector('.softphone-listening[data-listening="on"]', { timeout: 30_000 });
  await waitFor(
    'the utility item to say listening again',
    async () => (await utilityItem()).label === 'Phone · Listening',
  );
});

test("an admin locks the calling device on the RingCentral app / desk phone: the agent's softphone follows it, read-only, without a web phone", async () => {
  await useBrowserPhone(world, phone); // the agent's own choice before the admin's lock
  const admin = await (await world.browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  try {
    await admin.goto(
      `${world.harness.urls.consoleOrigin}/harness/login-as?user=admin&retURL=${encodeURIComponent('/lightning/n/Softphone_Admin')}`,
    );
    await admin.waitForSelector('c-softphone-admin c-softphone-admin-matching');
    await hideSoftphonePanel(admin); // the utility panel overlays the page's left column, as in Lightning
    await admin.click('c-softphone-admin lightning-vertical-navigation-item >> text="Agent phone"');
    const section = admin.locator('c-softphone-admin-agent-phone');
    await section.waitFor();
    await section
      .locator('text="RingCentral app or desk phone (the softphone follows, pops and logs the calls)"')
      .click();
    const lock = section.locator('c-softphone-admin-lock').first();
    await lock.locator('lightning-combobox button, lightning-combobox input').first().click();
    await lock.locator('lightning-base-combobox-item >> text="No: locked, shown read-only"').click();
    expect(await admin.textContent('c-softphone-admin .softphone-pending')).toBe('2 unsaved changes');
    await hideSoftphonePanel(admin);
    await admin.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/admin-calling-device-desk-phone.png') });
    await admin.click('c-softphone-admin lightning-button.softphone-save button');
    await admin.waitForSelector('[data-testid="toast"]:has-text("Softphone settings saved")');
    const org = world.harness.org.store.settingsAt('org', null);
    expect(org?.values).toMatchObject({ callingDevice: 'otherDevice' });
    expect(org?.locks).toMatchObject({ callingDevice: true });

    // The agent's softphone reads its settings at start: the console reloads; the web phone leaves the simulator.
    await world.console.reload();
    phone = await softphoneFrame(world.console);
    await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
    await waitFor('the web phone to unregister', async () => {
      const state = await control<{ sipRegistrations: number }>('GET', '/state');
      return state.sipRegistrations === 0;
    });
    await phone.click('#softphone-tab-settings');
    const device = await phone.waitForSelector('#softphone-settings-device');
    expect(await device.inputValue()).toBe('otherDevice');
    expect(await device.isDisabled()).toBe(true);
    expect(await phone.isVisible('.softphone-locked-note')).toBe(true);
    await phone.click('#softphone-tab-phone');
    await phone.waitForSelector('.softphone-listening[data-listening="on"]', { timeout: 30_000 });

    // A call rings the desk phone and the softphone follows it; the web phone never registered again.
    await control('PUT', `/desk-phones/${ALEX}`, { online: true });
    const tsid = await ringDeskPhone('+16505550103');
    await phone.waitForSelector('.softphone-incoming-title:text-is("Ringing on your app / desk phone")', {
      timeout: 20_000,
    });
    expect((await control<{ sipRegistrations: number }>('GET', '/state')).sipRegistrations).toBe(0);
    await control('POST', `/calls/${tsid}/hangup`);
    await phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  } finally {
    await admin.context().close();
    // Back to the agent's choice for whatever runs next.
    const { org } = world.harness;
    org.api.invoke(
      'saveSoftphoneSettings',
      { scope: 'org', scopeId: null, settings: {}, locks: { callingDevice: 'inherit' }, clear: ['callingDevice'] },
      org.users.admin.Id,
    );
  }
});
