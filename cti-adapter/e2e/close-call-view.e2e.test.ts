/**
 * Issue 15, Arcadium's "Close Wizard on Hang Up" (seed `003_50ccaf370a5819aa.txt`) as the user-level setting
 * `closeCallViewOnHangUp`, end to end in headless Chromium through the whole harness:
 * - the agent turns it on in the Settings tab: after hanging up, the Phone tab shows the dialer, the call waits on the
 *   "1 call to log" bar, and Log opens its form, which saves exactly one Task;
 * - the admin turns it on and locks it, with automatic logging: the Settings tab shows it read-only, the call view
 *   closes on hang up and the auto-log countdown still saves the one Task.
 * Each test sets the settings it needs. Saves `docs/screenshots/softphone-close-call-view.png` (360 × 560).
 */
import {
  callTasks,
  recordId,
  screenshotSoftphone,
  useSoftphoneWorld,
  waitForTask,
  waitUntil,
  saveOrgDefault,
} from './support/softphone-world';

jest.setTimeout(150_000);

const spec = useSoftphoneWorld({ discardLogsAfterEach: true });
const ANN = '+16505550101';
const TOGGLE = '#softphone-close-call-view';
const DIALER = '[data-component="softphone-dialer"]';

/** Ann calls, the agent answers and hangs up from the softphone; resolves when the call has left the call view. */
async function answerAndHangUp(): Promise<void> {
  await spec.ring(ANN);
  await spec.phone.click('.softphone-incoming .softphone-answer');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await spec.phone.click('.softphone-hangup');
  await spec.phone.waitForSelector('.softphone-active', { state: 'detached', timeout: 20_000 });
}

/** The Phone tab shows the dialer, not the log form, and the call waits on the log queue bar. */
async function expectDialerWithCallToLog(): Promise<void> {
  await spec.phone.waitForSelector(DIALER, { timeout: 20_000 });
  expect(await spec.phone.$('.softphone-log-form')).toBeNull();
  expect(await spec.phone.textContent('.softphone-log-count')).toBe('1 call to log');
  expect(await spec.phone.isVisible('.softphone-show-log')).toBe(true);
}

test('the agent turns it on: hanging up shows the dialer, the call waits to be logged and Log saves it once', async () => {
  const ann = recordId(spec.world, 'Contact', 'Ann Lee');
  await spec.phone.click('#softphone-tab-settings');
  const toggle = await spec.phone.waitForSelector(TOGGLE);
  expect(await toggle.isDisabled()).toBe(false);
  if (!(await toggle.isChecked())) await spec.phone.click(`label[for="${TOGGLE.slice(1)}"]`);
  await waitUntil('the choice to apply', () => toggle.isChecked());
  await spec.phone.click('#softphone-tab-phone');

  const before = new Set(callTasks(spec.world).map((t) => t.Id));
  await answerAndHangUp();
  await expectDialerWithCallToLog();
  await screenshotSoftphone(spec.world, 'softphone-close-call-view');
  expect(callTasks(spec.world).filter((t) => !before.has(t.Id))).toHaveLength(0);

  await spec.phone.click('.softphone-show-log');
  await spec.phone.waitForSelector('.softphone-log-form', { timeout: 10_000 });
  expect(await spec.phone.$(DIALER)).toBeNull();
  await spec.phone.click('.softphone-log-save');
  const task = await waitForTask(spec.world, (t) => !before.has(t.Id));
  expect(task).toMatchObject({ WhoId: ann, CallType: 'Inbound' });
  await spec.phone.waitForSelector('.softphone-log-count', { state: 'detached', timeout: 10_000 });
  expect(callTasks(spec.world).filter((t) => !before.has(t.Id))).toHaveLength(1);
});

test('locked on by the admin with automatic logging: read-only, the view closes on hang up, the countdown logs once', async () => {
  const ann = recordId(spec.world, 'Contact', 'Ann Lee');
  saveOrgDefault(
    spec.world,
    { closeCallViewOnHangUp: true, autoLog: true, autoLogDelaySeconds: 2 },
    { closeCallViewOnHangUp: 'locked', autoLog: 'locked' },
  );
  try {
    // The softphone reads its settings once per start: the agent reloads the console.
    await spec.world.console.reload();
    await spec.openPhone();
    await spec.phone.click('#softphone-tab-settings');
    const toggle = await spec.phone.waitForSelector(TOGGLE);
    expect(await toggle.isChecked()).toBe(true);
    expect(await toggle.isDisabled()).toBe(true);
    expect((await spec.phone.textContent(`${TOGGLE}-lock`))?.trim()).toBe('Set by your admin');
    await spec.phone.click('#softphone-tab-phone');

    const before = new Set(callTasks(spec.world).map((t) => t.Id));
    await answerAndHangUp();
    await expectDialerWithCallToLog();
    // The countdown was not cancelled by closing the view: it saves the call's one Task, and the bar goes.
    await waitUntil('the automatic log', () => callTasks(spec.world).some((t) => !before.has(t.Id)));
    const task = await waitForTask(spec.world, (t) => !before.has(t.Id));
    expect(task).toMatchObject({ WhoId: ann, CallType: 'Inbound' });
    await spec.phone.waitForSelector('.softphone-log-count', { state: 'detached', timeout: 10_000 });
    expect(await spec.phone.$(DIALER)).not.toBeNull();
    expect(callTasks(spec.world).filter((t) => !before.has(t.Id))).toHaveLength(1);
  } finally {
    saveOrgDefault(
      spec.world,
      { closeCallViewOnHangUp: false, autoLog: false },
      { closeCallViewOnHangUp: 'inherit', autoLog: 'inherit' },
    );
  }
});
