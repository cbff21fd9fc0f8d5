/**
 * Issue 10, "Calls that can be missed", end to end in headless Chromium through the whole harness: a minimized
 * utility panel opens when a call rings; call waiting (a second INVITE during a call: the call-waiting card, hold and
 * answer, the call in progress kept in view; Ignore silences the call-waiting tone and logs the call as missed); a
 * call that arrived while the softphone was closed is offered at the next start and logged once. Saves
 * `docs/screenshots/softphone-ringing.png`, `docs/screenshots/softphone-call-waiting.png` and
 * `docs/screenshots/softphone-call-held.png` (the panel, 360 × 560).
 */
import type { Frame, Page } from 'playwright-core';
import {
  AGENT,
  buildBundle,
  callTasks,
  customer,
  customerPhone,
  screenshotSoftphone,
  simulatorControl,
  softphoneFrame,
  startSoftphoneWorld,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(150_000);

let world: SoftphoneWorld;
let phone: Frame;
const callers: Page[] = [];

/**
 * Recorded in every frame from the start: the oscillators of the Web Audio tones (the ringtone is 440 + 480 Hz, the
 * call-waiting tone 440 Hz alone) and when each was told to stop, so a test can read which tone plays now.
 */
function recordTones(): void {
  const w = window as unknown as { __tones: { osc: OscillatorNode; ctx: BaseAudioContext; stopAt: number | null }[] };
  w.__tones = [];
  const create = BaseAudioContext.prototype.createOscillator;
  BaseAudioContext.prototype.createOscillator = function (this: BaseAudioContext) {
    const osc = create.call(this);
    const entry = { osc, ctx: this, stopAt: null as number | null };
    w.__tones.push(entry);
    const stop = osc.stop.bind(osc);
    osc.stop = (when?: number) => {
      entry.stopAt = when ?? 0; // the last stop() wins (Web Audio API, AudioScheduledSourceNode.stop)
      stop(when);
    };
    return osc;
  };
}

/** The tone the softphone plays now: `ring`, `waiting` (the call-waiting beep) or `null`. */
async function toneNow(): Promise<'ring' | 'waiting' | null> {
  return phone.evaluate(() => {
    const tones = (
      window as unknown as { __tones?: { osc: OscillatorNode; ctx: BaseAudioContext; stopAt: number | null }[] }
    ).__tones;
    const playing = (tones ?? [])
      .filter((t) => t.stopAt === null || t.stopAt > t.ctx.currentTime)
      .map((t) => t.osc.frequency.value);
    if (playing.includes(480)) return 'ring';
    return playing.includes(440) ? 'waiting' : null;
  });
}

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  await world.context.addInitScript(recordTones);
  await world.console.reload();
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

afterEach(async () => {
  for (const page of callers.splice(0)) await page.close().catch(() => undefined);
});

async function callAgentFrom(number: string): Promise<Page> {
  const caller = await customerPhone(world, number);
  callers.push(caller);
  await customer(caller, 'call', AGENT.number);
  return caller;
}

/** Drops the log forms left by a scenario ("Don't log"). */
async function discardOpenLogs(): Promise<void> {
  for (let i = 0; i < 20 && (await phone.$('.softphone-log-discard')); i += 1) {
    await phone.click('.softphone-log-discard');
    await phone.waitForTimeout(100);
  }
}

const control = (): string => simulatorControl(world);

async function simulatorState(): Promise<{ sipRegistrations: number; callLogRecords: number; activeCalls: number }> {
  return (await (await fetch(`${control()}/state`)).json()) as {
    sipRegistrations: number;
    callLogRecords: number;
    activeCalls: number;
  };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The selectors whose element is not wholly inside the softphone frame's viewport (the utility panel). */
async function outOfView(selectors: readonly string[]): Promise<string[]> {
  return phone.evaluate(
    (list) =>
      list.filter((selector) => {
        const box = document.querySelector(selector)?.getBoundingClientRect();
        return !box || box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth;
      }),
    selectors,
  );
}

const panelHidden = (): Promise<boolean> =>
  world.console.$eval('#hc-softphone-panel', (panel) => (panel as HTMLElement).hidden);

test('a minimized utility panel opens when a call rings (Open CTI setSoftphonePanelVisibility)', async () => {
  await world.console.click('#hc-panel-minimize');
  expect(await panelHidden()).toBe(true);
  expect(await world.console.$eval('#hc-softphone-panel', (p) => getComputedStyle(p).visibility)).toBe('hidden');

  const caller = await callAgentFrom('+16505550101');
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await world.console.waitForFunction(
    () => !(document.getElementById('hc-softphone-panel') as HTMLElement).hidden,
    undefined,
    { timeout: 10_000 },
  );
  expect(await world.console.$eval('#hc-softphone-panel', (p) => getComputedStyle(p).visibility)).toBe('visible');
  expect(await phone.isVisible('.softphone-answer')).toBe(true);
  await phone.waitForSelector('.softphone-incoming .softphone-match', { timeout: 10_000 });
  await screenshotSoftphone(world, 'softphone-ringing');

  await customer(caller, 'hangup');
  await phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  await discardOpenLogs();
});

test('call waiting: a second call during a call gets the call-waiting card; hold and answer', async () => {
  const first = await callAgentFrom('+16505550101');
  await phone.waitForSelector('.softphone-incoming .softphone-answer', { timeout: 20_000 });
  await phone.click('.softphone-answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });

  // The platform sends the second INVITE to the web phone that is on a call (RingCentral's call waiting).
  const second = await callAgentFrom('+16505550103');
  const card = await phone.waitForSelector('.softphone-incoming[data-waiting="true"]', { timeout: 20_000 });
  expect(await card.$eval('.softphone-incoming-title', (e) => e.textContent)).toBe('Call waiting');
  await phone.waitForSelector('.softphone-incoming .softphone-match', { timeout: 10_000 });
  expect(await card.$eval('.softphone-caller-name', (e) => e.textContent)).toContain('Dan Ortiz');
  expect(await phone.$$eval('.softphone-incoming footer button', (b) => b.map((x) => x.textContent?.trim()))).toEqual([
    'Hold and answer',
    'To voicemail',
    'Ignore',
  ]);
  expect(await phone.isVisible('.softphone-active[data-state="connected"]')).toBe(true);
  // The compact card leaves the call in progress its main controls in view in the 360 × 560 utility panel.
  expect(
    await outOfView([
      '.softphone-active .softphone-mute',
      '.softphone-active .softphone-hold',
      '.softphone-active .softphone-hangup',
    ]),
  ).toEqual([]);
  await screenshotSoftphone(world, 'softphone-call-waiting');

  await phone.click('.softphone-hold-answer');
  await phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await waitFor(
    'the second caller to hear the agent',
    async () => (await customer<number>(second, 'energy', 1000)) > 0.001,
  );
  expect(await phone.textContent('.softphone-active .softphone-caller-name')).toContain('Dan Ortiz');
  expect(await phone.textContent('.softphone-held-calls')).toContain('Ann Lee');
  await screenshotSoftphone(world, 'softphone-call-held');

  // Back to the first caller: the second is held first, then the first resumed.
  await phone.click('.softphone-held-calls .softphone-resume');
  await phone.waitForFunction(
    () => document.querySelector('.softphone-active .softphone-caller-name')?.textContent?.includes('Ann Lee'),
    undefined,
    { timeout: 20_000 },
  );
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  expect(await phone.textContent('.softphone-held-calls')).toContain('Dan Ortiz');
  await waitFor(
    'the first caller to hear the agent again',
    async () => (await customer<number>(first, 'energy', 1000)) > 0.001,
  );

  await customer(second, 'hangup');
  await customer(first, 'hangup');
  await waitFor('both calls to end', async () => (await simulatorState()).activeCalls === 0);
  await discardOpenLogs();
});

test('call waiting: Ignore stops the tone and the card; the call rings on until the caller hangs up and is logged as missed', async () => {
  await discardOpenLogs();
  const first = await callAgentFrom('+16505550101');
  await phone.waitForSelector('.softphone-incoming .softphone-answer', { timeout: 20_000 });
  await phone.click('.softphone-answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await waitFor('the ring to stop', async () => (await toneNow()) === null);

  const second = await callAgentFrom('+16505550103');
  const card = await phone.waitForSelector('.softphone-incoming[data-waiting="true"]', { timeout: 20_000 });
  const ignoredCallId = (await card.getAttribute('data-call-id')) ?? '';
  await waitFor('the call-waiting tone', async () => (await toneNow()) === 'waiting');
  let telephonySessionId = '';
  await waitFor('the second call at the platform', async () => {
    const { records } = (await (await fetch(`${control()}/calls`)).json()) as {
      records: { telephonySessionId: string; state: string; parties: { from: { phoneNumber?: string } }[] }[];
    };
    telephonySessionId =
      records.find((r) => r.state !== 'Ended' && r.parties[0]?.from.phoneNumber === '+16505550103')
        ?.telephonySessionId ?? '';
    return telephonySessionId !== '';
  });

  await phone.click('.softphone-ignore');
  await phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 10_000 });
  await waitFor('the call-waiting tone to stop', async () => (await toneNow()) === null);
  expect(await phone.getAttribute('.softphone', 'data-status')).toBe('on-call');
  // Nothing was sent: RingCentral still rings the agent for the caller (until voicemail or the caller hangs up).
  const callState = async (): Promise<string | undefined> => {
    const { records } = (await (await fetch(`${control()}/calls`)).json()) as {
      records: { telephonySessionId: string; state: string }[];
    };
    return records.find((r) => r.telephonySessionId === telephonySessionId)?.state;
  };
  await phone.waitForTimeout(1_500);
  expect(await callState()).not.toBe('Ended');
  expect(await toneNow()).toBeNull();

  await customer(second, 'hangup'); // the caller gives up
  await waitFor('the ignored call to end', async () => (await callState()) === 'Ended');
  await customer(first, 'hangup');
  await waitFor('both calls to end', async () => (await simulatorState()).activeCalls === 0);

  // Logged like any missed call: its log form waits in the queue.
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  for (let i = 0; i < 5 && !(await phone.$(`.softphone-log-form[data-call-id="${ignoredCallId}"]`)); i += 1) {
    await phone.click('.softphone-log-next');
  }
  const form = await phone.waitForSelector(`.softphone-log-form[data-call-id="${ignoredCallId}"]`, { timeout: 10_000 });
  expect(await form.textContent()).toContain('Missed');
  await phone.click('.softphone-log-save');
  await waitFor('the Task', async () => callTasks(world).some((t) => t.telephony_session_id__c === telephonySessionId));
  expect(callTasks(world).filter((t) => t.telephony_session_id__c === telephonySessionId)).toHaveLength(1);
  await discardOpenLogs();
});

test('a call that arrived while the softphone was closed is offered at the next start and logged once', async () => {
  await discardOpenLogs();
  for (const page of callers.splice(0)) await page.close();
  const consoleUrl = world.console.url();
  await world.console.goto('about:blank'); // the agent closes Salesforce
  await waitFor('the web phone to unregister', async () => (await simulatorState()).sipRegistrations === 0);

  // A customer calls the agent, whose web phone is not registered: the platform takes the call to voicemail.
  const before = (await simulatorState()).callLogRecords;
  const caller = await customerPhone(world, '+16505550103');
  await customer(caller, 'call', AGENT.number);
  let telephonySessionId = '';
  await waitFor('the call to reach the platform', async () => {
    const { records } = (await (await fetch(`${control()}/calls`)).json()) as {
      records: { telephonySessionId: string; state: string; parties: { from: { phoneNumber?: string } }[] }[];
    };
    const call = records.find((r) => r.state !== 'Ended' && r.parties[0]?.from.phoneNumber === '+16505550103');
    telephonySessionId = call?.telephonySessionId ?? '';
    return telephonySessionId !== '';
  });
  await customer(caller, 'hangup');
  await caller.close();
  await waitFor('the call log record', async () => (await simulatorState()).callLogRecords > before);

  await world.console.goto(consoleUrl); // the next morning: the softphone starts with the stored sign-in
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  const form = await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  expect(await phone.textContent('.softphone-notice')).toContain('arrived while the softphone was closed');
  await phone.waitForSelector('.softphone-log-who-name, .softphone-log-who', { timeout: 10_000 });
  expect(await form.textContent()).toContain('Dan Ortiz');
  await phone.click('.softphone-log-save');

  const agentId = world.harness.org.users.agent.Id;
  await waitFor('the Task', async () => callTasks(world).some((t) => t.telephony_session_id__c === telephonySessionId));
  const tasks = callTasks(world).filter((t) => t.telephony_session_id__c === telephonySessionId);
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({ CALL_UNIQUE_ID__c: `${telephonySessionId}:${agentId}`, CallType: 'Inbound' });

  // Started again: the call is not offered a second time, and still one Task.
  const restartedAt = Date.now();
  await world.console.reload();
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  // The offer has run once the agent's away marker (ADR 0021) carries this start's time.
  await phone.waitForFunction(
    (since) => {
      const key = Object.keys(localStorage).find((k) => k.endsWith('softphone.awayMarker'));
      const marker = key ? (JSON.parse(localStorage.getItem(key) ?? '{}') as { activeAt?: number }) : {};
      return (marker.activeAt ?? 0) >= since;
    },
    restartedAt,
    { timeout: 20_000 },
  );
  expect(await phone.$('.softphone-log-form')).toBeNull();
  expect(callTasks(world).filter((t) => t.telephony_session_id__c === telephonySessionId)).toHaveLength(1);
});
