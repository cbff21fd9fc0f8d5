/**
 * "A panel that fits a 360 × 560 utility item" (issue "The agent's day"), in headless Chromium through the whole
 * harness: one surface at a time on the Phone tab with the count of calls to log and Save in view, the toast after
 * Save whose link pops the Task, History → Log showing the form, the status badge following the calls, one
 * vocabulary. Saves the panel (the utility item's frame, 360 × 560) in each state under `docs/screenshots/`:
 * `softphone-idle.png`, `softphone-ringing.png`, `softphone-on-call.png`, `softphone-wrap-up.png` (a log form with
 * another call waiting), `softphone-history.png`, `softphone-settings.png`.
 */
import type { Frame, Page } from 'playwright-core';
import {
  AGENT,
  buildBundle,
  customer,
  customerPhone,
  recordId,
  screenshotPanel,
  softphoneFrame,
  startSoftphoneWorld,
  waitForTask,
  type SoftphoneWorld,
  waitForRecordPage,
} from './support/softphone-world';

jest.setTimeout(180_000);

let world: SoftphoneWorld;
let phone: Frame;

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  phone = await softphoneFrame(world.console);
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

function screenshot(name: string): Promise<void> {
  return screenshotPanel(world.console, name);
}

async function status(): Promise<string> {
  return ((await phone.textContent('.softphone-status')) ?? '').trim();
}

async function ring(caller: Page): Promise<void> {
  await customer(caller, 'call', AGENT.number);
  await phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
}

/** Whether the element is entirely inside the panel's viewport (what the agent sees without scrolling the page). */
async function inView(selector: string): Promise<boolean> {
  return phone.$eval(selector, (element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  });
}

test('the panel at 360 × 560: one surface at a time, the calls to log counted, Save in view, a toast to the Task', async () => {
  const size = await world.console.$eval('#hc-softphone-frame', (f) => {
    const box = f.getBoundingClientRect();
    return { width: Math.round(box.width), height: Math.round(box.height) };
  });
  // The utility item is 360 × 560; its own header takes the top of it, the softphone's frame the rest.
  expect(size.width).toBe(360);
  expect(size.height).toBeGreaterThan(500);
  expect(size.height).toBeLessThanOrEqual(560);

  // Idle: the dialer, keys of one height, no wrapped labels.
  await phone.waitForSelector('[data-component="softphone-dialer"] .softphone-key', { timeout: 20_000 });
  expect(await status()).toBe('Ready');
  const keyHeights = await phone.$$eval('.softphone-key', (keys) => [
    ...new Set(keys.map((k) => Math.round(k.getBoundingClientRect().height))),
  ]);
  expect(keyHeights).toHaveLength(1);
  const wrapped = await phone.$$eval('.softphone button, .softphone [role="tab"]', (elements) =>
    elements
      .filter((e) => {
        const box = e.getBoundingClientRect();
        const line = parseFloat(getComputedStyle(e).lineHeight) || 20;
        return (
          box.height > 0 && e.textContent!.trim() !== '' && e.getClientRects().length === 1 && box.height > 3 * line
        );
      })
      .map((e) => e.textContent!.trim()),
  );
  expect(wrapped).toEqual([]);
  await screenshot('softphone-idle');

  // Ringing: the badge follows.
  const ann = await customerPhone(world, '+16505550101');
  await ring(ann);
  expect(await status()).toBe('Ringing');
  await screenshot('softphone-ringing');

  // On call: only the live call (one Notes box), icon controls.
  await phone.click('.softphone-answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await phone.waitForFunction(() => document.querySelector('.softphone-status')?.textContent?.trim() === 'On call');
  await phone.fill('.softphone-notes', 'Asked about the renewal');
  expect(await phone.$$eval('textarea.softphone-notes', (areas) => areas.length)).toBe(1);
  expect(await phone.$('[data-component="softphone-dialer"]')).toBeNull();
  expect(await phone.$eval('.softphone-hangup svg use', (use) => use.getAttribute('xlink:href'))).toMatch(
    /symbols\.svg#end_call$/,
  );
  await screenshot('softphone-on-call');
  await phone.click('.softphone-hangup');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await ann.close();

  // A second call, declined: two calls to log, one form on screen, Save and Don't log in view.
  const dan = await customerPhone(world, '+16505550103');
  await ring(dan);
  expect(await phone.$('.softphone-log-form')).toBeNull();
  expect(await phone.textContent('.softphone-log-count')).toBe('1 call to log');
  await phone.click('.softphone-decline');
  await phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  await phone.waitForFunction(
    () => document.querySelector('.softphone-log-count')?.textContent?.trim() === '2 calls to log',
    undefined,
    { timeout: 20_000 },
  );
  expect(await phone.$$eval('.softphone-log-form', (forms) => forms.length)).toBe(1);
  expect(await phone.$('[data-component="softphone-dialer"]')).toBeNull();
  expect(await phone.textContent('.softphone-log-form h2')).toContain('Dan Ortiz');
  expect(await phone.textContent('.softphone-log-form')).toContain('Declined');
  expect(await phone.textContent('.softphone-log-form')).not.toContain('declined ·');
  // The form is taller than the panel: Save and Don't log stay pinned in view.
  await phone.fill('.softphone-log-form .softphone-notes', 'Line one\n'.repeat(20));
  expect(await inView('.softphone-log-save')).toBe(true);
  expect(await inView('.softphone-log-discard')).toBe(true);
  await phone.fill('.softphone-log-form .softphone-notes', 'Declined: in a meeting, call back at 3');
  await screenshot('softphone-wrap-up');

  // Save: a toast whose link pops the Task in the console (Open CTI screenPop).
  const daniel = recordId(world, 'Lead', 'Dan Ortiz');
  await phone.click('.softphone-log-save');
  await phone.waitForSelector('.softphone-toast', { timeout: 20_000 });
  expect(await phone.textContent('.softphone-toast')).toContain('Call logged to Salesforce.');
  const task = await waitForTask(world, (t) => t.WhoId === daniel);
  await phone.click('.softphone-toast-link');
  await waitForRecordPage(world.console, 'Task', String(task.Id));
  phone = await softphoneFrame(world.console);
  // The call that is left to log shows next, counted.
  await phone.waitForFunction(
    () => document.querySelector('.softphone-log-count')?.textContent?.trim() === '1 call to log',
    undefined,
    { timeout: 20_000 },
  );
  expect(await phone.textContent('.softphone-log-form h2')).toContain('Ann Lee');
  await phone.click('.softphone-log-save');
  await phone.waitForSelector('.softphone-log-count', { state: 'detached', timeout: 20_000 });
  await phone.waitForSelector('[data-component="softphone-dialer"]', { timeout: 20_000 });
  dan.close().catch(() => undefined);
});

test('History: one vocabulary, and Log shows the form on the Phone tab', async () => {
  // A call the agent does not log: it stays "not logged" in the history.
  const erin = await customerPhone(world, '+16505550107');
  await ring(erin);
  await phone.click('.softphone-decline');
  await phone.waitForSelector('.softphone-log-discard', { timeout: 20_000 });
  await phone.click('.softphone-log-discard');
  await erin.close();

  await phone.click('#softphone-tab-history');
  await phone.waitForFunction(() => document.querySelectorAll('.softphone-history-row').length >= 3, undefined, {
    timeout: 30_000,
  });
  const text = (await phone.textContent('.softphone-history')) ?? '';
  expect(text).not.toMatch(/Accepted|hangup|Call connected/);
  expect(text).toMatch(/Answered/);
  expect(text).toMatch(/Declined|Missed/);
  // Names from the log: a logged call by the record its Task is logged to, not by the caller-ID name; a call not
  // logged by its caller-ID name, labelled as such.
  const rows = await phone.$$eval('.softphone-history-row', (items) =>
    items.map((row) => ({
      name: row.querySelector('.softphone-history-name')?.textContent?.trim() ?? '',
      callerId: row.querySelector('.softphone-history-caller-id') !== null,
      logged: row.querySelector('.slds-badge')?.textContent?.trim() === 'Logged',
    })),
  );
  expect(rows).toEqual(
    expect.arrayContaining([
      { name: 'Ann Lee', callerId: false, logged: true },
      { name: 'Dan Ortiz', callerId: false, logged: true },
      { name: 'INITECH', callerId: true, logged: false },
    ]),
  );
  expect(text).not.toMatch(/LEE ANN|ORTIZ DAN/);
  await screenshot('softphone-history');

  await phone.click('.softphone-history-log');
  await phone.waitForSelector('#softphone-tab-phone[aria-selected="true"]', { timeout: 20_000 });
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  expect(await phone.textContent('.softphone-log-count')).toBe('1 call to log');
  await phone.click('.softphone-log-discard');

  await phone.click('#softphone-tab-settings');
  await phone.waitForSelector(
    '[data-component="softphone-settings-panel"] input, [data-component="softphone-settings-panel"] select',
    {
      timeout: 20_000,
    },
  );
  await screenshot('softphone-settings');
  await phone.click('#softphone-tab-phone');
});
