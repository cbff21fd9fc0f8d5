/**
 * The agent's day, Settings part (issue 10), in headless Chromium through the whole harness: the console home's
 * customer-phone links place the call and stay clear of the open utility panel; the Settings tab's microphone,
 * speaker and ringer pickers over Chromium's fake devices (`--use-fake-device-for-media-stream`), applied to a call
 * and the ringtone, kept across a reload for this org and user, and a device that goes away; presence Do Not Disturb
 * (the simulator sends the caller to voicemail without ringing the web phone), Invisible (still rings) and the
 * call-queue switch (the queue skips the agent). Saves `docs/screenshots/softphone-settings-audio.png`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  AGENT,
  REPO_ROOT,
  buildBundle,
  customer,
  customerPhone,
  softphoneFrame,
  startSoftphoneWorld,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(120_000);

/** Alex Agent's extension id in the simulator's seed. */
const ALEX = '62264101';
const SUPPORT_QUEUE = '+16505550120';

let world: SoftphoneWorld;
let phone: Frame;

/**
 * Recorded in every frame from the start: the peer connections (to read which microphone a call sends) and every
 * `setSinkId` of media elements (the far end's voice) and audio contexts (the ringtone).
 */
function recordMedia(): void {
  const w = window as unknown as {
    __pcs: RTCPeerConnection[];
    __sinks: [string, string][];
    RTCPeerConnection: typeof RTCPeerConnection;
  };
  w.__pcs = [];
  w.__sinks = [];
  const Native = w.RTCPeerConnection;
  if (Native) {
    const Recorded = function (this: unknown, config?: RTCConfiguration) {
      const pc = new Native(config);
      w.__pcs.push(pc);
      return pc;
    } as unknown as typeof RTCPeerConnection;
    Recorded.prototype = Native.prototype;
    w.RTCPeerConnection = Recorded;
  }
  const element = HTMLMediaElement.prototype as HTMLMediaElement & { setSinkId?(id: string): Promise<void> };
  const elementSink = element.setSinkId;
  if (elementSink)
    element.setSinkId = function (this: HTMLMediaElement, id: string) {
      w.__sinks.push(['element', id]);
      return elementSink.call(this, id);
    };
  const context = AudioContext.prototype as AudioContext & { setSinkId?(id: string): Promise<void> };
  const contextSink = context.setSinkId;
  if (contextSink)
    context.setSinkId = function (this: AudioContext, id: string) {
      w.__sinks.push(['context', id]);
      return contextSink.call(this, id);
    };
}

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  await world.context.addInitScript(recordMedia);
  await world.console.reload();
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

/** Watches the frame for an incoming call card (set before a call that must not ring). */
async function watchRinging(): Promise<void> {
  await phone.evaluate(() => {
    const w = window as unknown as { __rang: boolean };
    w.__rang = !!document.querySelector('.softphone-incoming');
    new MutationObserver(() => {
      if (document.querySelector('.softphone-incoming')) w.__rang = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
}

function rang(): Promise<boolean> {
  return phone.evaluate(() => (window as unknown as { __rang: boolean }).__rang);
}

/** Waits until the customer's last call has `event` (or `failed` with a response) in its events. */
async function callerSees(caller: Page, event: string): Promise<{ events: string[]; failure: string | null }> {
  await caller.waitForFunction(
    (e) =>
      (
        window as unknown as { customerPhone: { lastCall: { events: string[] } | null } }
      ).customerPhone.lastCall?.events.includes(e),
    event,
    { timeout: 20_000 },
  );
  return customer(caller, 'calls').then((calls) => (calls as { events: string[]; failure: string | null }[]).at(-1)!);
}

/** The first defined value of `read()`, tried every 100 ms for 10 s. */
async function eventually<T>(read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('never happened');
}

async function declineAndDiscard(): Promise<void> {
  await phone.click('.softphone-decline');
  await phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  await discardOpenLogs();
}

async function discardOpenLogs(): Promise<void> {
  while (await phone.$('.softphone-log-discard')) {
    await phone.click('.softphone-log-discard');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openTab(id: 'phone' | 'settings'): Promise<void> {
  await phone.click(`#softphone-tab-${id}`);
  await phone.waitForSelector(`#softphone-panel-${id}`);
}

async function choosePresence(mode: string, badge: string): Promise<void> {
  await phone.selectOption('#softphone-presence', mode);
  await phone.waitForSelector(`.softphone-status:text-is("${badge}")`, { timeout: 10_000 });
}

function presenceInSimulator() {
  return world.harness.rcPlatform!.model.getPresence(ALEX);
}

test('the console home keeps its caller links beside the open panel, and a link places the call', async () => {
  await world.console.goto(world.harness.urls.console);
  await world.console.waitForSelector('[data-testid="customer-phone-link"]');
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  expect(await world.console.isVisible('#hc-softphone-panel')).toBe(true);
  const panel = (await world.console.locator('#hc-softphone-panel').boundingBox())!;
  const links = world.console.locator('[data-testid="customer-phone-link"]');
  expect(await links.count()).toBeGreaterThan(0);
  for (let i = 0; i < (await links.count()); i += 1) {
    const link = (await links.nth(i).boundingBox())!;
    const overlaps =
      link.x < panel.x + panel.width &&
      panel.x < link.x + link.width &&
      link.y < panel.y + panel.height &&
      panel.y < link.y + link.height;
    expect(overlaps).toBe(false);
  }
  expect(await world.console.textContent('[data-testid="sample-users"]')).toContain('Log in as: admin');

  const [caller] = await Promise.all([
    world.context.waitForEvent('page'),
    world.console.click('[data-caller="+16505550101"] [data-testid="customer-phone-link"]'),
  ]);
  await phone.waitForSelector('.softphone-incoming', { timeout: 30_000 });
  const [call] = await customer<{ direction: string }[]>(caller, 'calls');
  expect(call).toMatchObject({ direction: 'outbound' });
  expect(await caller.inputValue('#display')).toBe(AGENT.number);
  await declineAndDiscard();
  await customer(caller, 'dispose');
  await caller.close();
});

test("the Settings tab lists Chromium's devices; the chosen ones carry the call and the ringtone, kept across a reload", async () => {
  await openTab('settings');
  await phone.waitForSelector('#softphone-settings-microphone option:text-is("Fake Audio Input 2")', {
    state: 'attached',
    timeout: 10_000,
  });
  const labels = (id: string) =>
    phone.$$eval(`${id} option`, (options) => options.map((o) => o.textContent?.trim() ?? ''));
  expect(await labels('#softphone-settings-microphone')).toEqual([
    'System default',
    'Fake Audio Input 1',
    'Fake Audio Input 2',
  ]);
  expect(await labels('#softphone-settings-speaker')).toEqual([
    'System default',
    'Fake Audio Output 1',
    'Fake Audio Output 2',
  ]);
  await phone.selectOption('#softphone-settings-microphone', { label: 'Fake Audio Input 2' });
  await phone.selectOption('#softphone-settings-speaker', { label: 'Fake Audio Output 1' });
  await phone.selectOption('#softphone-settings-ringer-device', { label: 'Fake Audio Output 2' });
  const idOf = (id: string) => phone.$eval(id, (s) => (s as HTMLSelectElement).value);
  const microphone = await idOf('#softphone-settings-microphone');
  const speaker = await idOf('#softphone-settings-speaker');
  const ringer = await idOf('#softphone-settings-ringer-device');
  expect(new Set([microphone, speaker, ringer, '']).size).toBe(4);

  // The test sound plays on the speaker (its own audio context, sent to the chosen output) and ends.
  await phone.click('.softphone-test-sound[data-sound="speaker"]');
  await phone.waitForSelector('.softphone-test-status', { timeout: 5_000 });
  await phone.waitForSelector('.softphone-test-status', { state: 'detached', timeout: 10_000 });
  expect(await phone.$$eval('.softphone-settings [role="alert"]', (alerts) => alerts.length)).toBe(0);
  const sinks = () => phone.evaluate(() => (window as unknown as { __sinks: [string, string][] }).__sinks);
  expect(await sinks()).toContainEqual(['context', speaker]);

  // Kept for this org and user in this browser: a reload shows them again.
  const stored = await phone.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => /^rcsf:\w+:\w+:softphone\.preferences$/.test(k))
      .map((k) => localStorage[k]),
  );
  expect(stored).toHaveLength(1);
  expect(JSON.parse(stored[0] as string)).toMatchObject({
    microphoneId: microphone,
    speakerId: speaker,
    ringerDeviceId: ringer,
  });
  await world.console.reload();
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  await openTab('settings');
  await phone.waitForSelector('#softphone-settings-microphone option:text-is("Fake Audio Input 2")', {
    state: 'attached',
  });
  expect(await idOf('#softphone-settings-microphone')).toBe(microphone);
  expect(await idOf('#softphone-settings-speaker')).toBe(speaker);
  await openTab('phone');

  // A call: the ringtone rings on the ringer device, the web phone sends the chosen microphone and plays the far end
  // on the chosen speaker.
  const caller = await customerPhone(world, '+16505550101');
  await customer(caller, 'call', AGENT.number);
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await phone.waitForFunction(
    (id) =>
      (window as unknown as { __sinks: [string, string][] }).__sinks.some(([k, s]) => k === 'context' && s === id),
    ringer,
    { timeout: 10_000 },
  );
  await phone.click('.softphone-answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await phone.waitForFunction(
    () =>
      (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.some(
        (pc) => pc.connectionState !== 'closed' && pc.getSenders().some((s) => s.track?.label === 'Fake Audio Input 2'),
      ),
    undefined,
    { timeout: 10_000 },
  );
  await phone.waitForFunction(
    (id) =>
      (window as unknown as { __sinks: [string, string][] }).__sinks.some(([k, s]) => k === 'element' && s === id),
    speaker,
    { timeout: 10_000 },
  );
  // Back to the system default during the call: the live call's microphone changes at once.
  await openTab('settings');
  await phone.selectOption('#softphone-settings-microphone', '');
  await phone.waitForFunction(
    () =>
      (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.some(
        (pc) =>
          pc.connectionState !== 'closed' &&
          pc.getSenders().some((s) => s.track !== null && s.track.label !== 'Fake Audio Input 2'),
      ),
    undefined,
    { timeout: 10_000 },
  );
  await phone.selectOption('#softphone-settings-microphone', microphone);
  await openTab('phone');
  await phone.click('.softphone-hangup');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await discardOpenLogs();
  await customer(caller, 'dispose');
  await caller.close();
});

test('a chosen microphone that goes away falls back to the system default with a notice, and comes back', async () => {
  await openTab('settings');
  await phone.evaluate(() => {
    const media = navigator.mediaDevices as MediaDevices & { enumerateDevices: MediaDevices['enumerateDevices'] };
    const all = MediaDevices.prototype.enumerateDevices.bind(media);
    media.enumerateDevices = async () => (await all()).filter((d) => d.label !== 'Fake Audio Input 2');
    media.dispatchEvent(new Event('devicechange'));
  });
  await phone.waitForSelector(
    '.softphone-notice:has-text("The microphone you chose (Fake Audio Input 2) is not connected: the softphone uses the system default until it is back.")',
    { timeout: 10_000 },
  );
  expect(await phone.textContent('#softphone-settings-microphone-note')).toBe(
    'Not connected: the system default is used until it is back.',
  );
  await phone.evaluate(() => {
    delete (navigator.mediaDevices as Partial<MediaDevices>).enumerateDevices;
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
  });
  await phone.waitForSelector(
    '.softphone-notice:has-text("The microphone you chose (Fake Audio Input 2) is connected again.")',
    {
      timeout: 10_000,
    },
  );
  await phone.waitForSelector('#softphone-settings-microphone-note', { state: 'detached' });
  for (const dismiss of await phone.$$('.softphone-notice button')) await dismiss.click();

  await phone.evaluate(() => document.querySelector('#softphone-settings-ringer-device')?.scrollIntoView());
  mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true });
  const frame = await world.console.$('#hc-softphone-frame');
  await frame!.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/softphone-settings-audio.png') });
  await openTab('phone');
});

test('Do Not Disturb: the simulator sends the caller to voicemail without ringing the web phone; Invisible still rings', async () => {
  await choosePresence('DoNotDisturb', 'Do Not Disturb');
  expect(presenceInSimulator()).toMatchObject({ userStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls' });
  const caller = await customerPhone(world, '+16505550102');
  await watchRinging();
  await customer(caller, 'call', AGENT.number);
  await callerSees(caller, 'answered'); // by the voicemail system
  expect(await rang()).toBe(false);
  await customer(caller, 'hangup');
  await callerSees(caller, 'disposed');
  // The platform's call log of the agent: the call went to voicemail.
  const logged = await eventually(() =>
    world.harness.rcPlatform!.model.listCallLog(ALEX).find((r) => r.from.phoneNumber === '+16505550102'),
  );
  expect(logged.result).toBe('Voicemail');

  await choosePresence('Invisible', 'Invisible');
  expect(presenceInSimulator()).toMatchObject({ userStatus: 'Offline', dndStatus: 'TakeAllCalls' });
  await customer(caller, 'call', AGENT.number);
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await declineAndDiscard();
  await choosePresence('Available', 'Ready');
  expect(presenceInSimulator()).toMatchObject({ userStatus: 'Available', dndStatus: 'TakeAllCalls' });
  await customer(caller, 'dispose');
  await caller.close();
});

test('queue calls off: the Support Queue skips the agent; on again: it rings the agent', async () => {
  await openTab('settings');
  await phone.click('label[for="softphone-queue-calls"]');
  await phone.waitForSelector('#softphone-queue-calls:not(:checked)', { state: 'attached' });
  await phone.waitForFunction(() => !(document.querySelector('#softphone-queue-calls') as HTMLInputElement).disabled);
  expect(presenceInSimulator()).toMatchObject({ userStatus: 'Available', dndStatus: 'DoNotAcceptDepartmentCalls' });
  await openTab('phone');
  const caller = await customerPhone(world, '+16505550103');
  await watchRinging();
  await customer(caller, 'call', SUPPORT_QUEUE);
  // No member to ring: the queue overflows to its voicemail at once (ADR 0025), which answers the caller.
  const skipped = await callerSees(caller, 'answered');
  expect(skipped.failure).toBeNull();
  expect(await rang()).toBe(false);
  await customer(caller, 'hangup');
  await callerSees(caller, 'disposed');

  // Direct calls still ring while queue calls are off.
  await customer(caller, 'call', AGENT.number);
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await declineAndDiscard();

  await openTab('settings');
  await phone.click('label[for="softphone-queue-calls"]');
  await phone.waitForSelector('#softphone-queue-calls:checked', { state: 'attached' });
  await phone.waitForFunction(() => !(document.querySelector('#softphone-queue-calls') as HTMLInputElement).disabled);
  expect(presenceInSimulator()).toMatchObject({ dndStatus: 'TakeAllCalls' });
  await openTab('phone');
  await customer(caller, 'call', SUPPORT_QUEUE);
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await declineAndDiscard();
  await customer(caller, 'dispose');
  await caller.close();
});
