/**
 * Issue 16, Sales Engagement (cadences), in headless Chromium through the whole harness (simulator, console stand-in
 * with its work queue, org stand-in, the real bundle): the seed's rules (`004_7d3109e70c064dca.txt`, "When does the
 * Cadence move to the next step") — the step completes only when the call is logged as a Task AND a disposition is
 * chosen AND saved (Open CTI `hvs.completeWork` with `{disposition, taskId, wasConnected}`); a mandatory disposition
 * refuses the save with "Mandatory fields are required"; a new call while a Sales Engagement call's log is open says
 * "Manually save the call and disposition"; the disposition field is shown only for calls started from the work queue.
 */
import { callTasks, screenshotSoftphone, useSoftphoneWorld, waitForTask } from './support/softphone-world';

jest.setTimeout(180_000);

const simulatorLog: string[] = [];

interface HarnessShell {
  setPanelVisible(visible: boolean): void;
  hvsCompletions: { workId: string; attributes: Record<string, unknown> }[];
  openCtiLog: { methodName: string }[];
}

const spec = useSoftphoneWorld({ simulatorLog: (line) => simulatorLog.push(line) });

function insertContact(firstName: string, lastName: string, phoneNumber: string): string {
  const { store } = spec.world.harness.org as unknown as {
    store: { insert(type: string, fields: Record<string, unknown>): { Id: string } };
  };
  return store.insert('Contact', { FirstName: firstName, LastName: lastName, Phone: phoneNumber }).Id;
}

/** Org-level settings saved as the admin; the console is then opened on `path` so the softphone starts with them. */
async function orgSettingsThenOpen(settings: Record<string, unknown>, path: string): Promise<void> {
  const { org } = spec.world.harness;
  const answer = org.api.invoke('saveSoftphoneSettings', { scope: 'org', settings, clear: [] }, org.users.admin.Id);
  expect(answer).toMatchObject({ ok: true });
  await spec.world.console.goto(new URL(path, spec.world.harness.urls.consoleOrigin).href);
  await spec.openPhone();
}

/** Opens the work queue once the adapter listens for work starts (the Sales Engagement chunk is loaded). */
async function openWorkQueue(): Promise<void> {
  await orgSettingsThenOpen(
    { hvsMode: true, hvsDispositionField: 'hvs_disposition__c', dispositionsMandatory: true, autoLog: false },
    '/lightning/page/work-queue',
  );
  await spec.world.console.waitForFunction(() =>
    (window as unknown as { harnessConsole: HarnessShell }).harnessConsole.openCtiLog.some(
      (l) => l.methodName === 'hvs.onWorkStart',
    ),
  );
  // The utility panel overlays the page's left column, as in Lightning: minimized first; the call opens it.
  await spec.world.console.evaluate(() =>
    (window as unknown as { harnessConsole: HarnessShell }).harnessConsole.setPanelVisible(false),
  );
}

/** The simulated far end of `e164` (no customer phone) answers; resolves with the call's telephony session id. */
async function farEndAnswers(e164: string): Promise<string> {
  let tsid: string | undefined;
  const pattern = new RegExp(`call (\\S+): \\${e164} rings as a simulated far end`);
  for (let i = 0; i < 100 && !tsid; i += 1) {
    tsid = simulatorLog.map((line) => pattern.exec(line)?.[1]).find(Boolean);
    if (!tsid) await new Promise((r) => setTimeout(r, 100));
  }
  expect(tsid).toBeDefined();
  const res = await fetch(`${spec.world.harness.rcPlatform!.urls.control}/calls/${String(tsid)}/answer`, {
    method: 'POST',
  });
  expect(res.status).toBe(200);
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  return String(tsid);
}

function completions(): Promise<HarnessShell['hvsCompletions']> {
  return spec.world.console.evaluate(
    () => (window as unknown as { harnessConsole: HarnessShell }).harnessConsole.hvsCompletions,
  );
}

async function callFromWorkQueue(name: string): Promise<string> {
  const row = `tr[data-work-status]:has-text("${name}")`;
  const workId = (await spec.world.console.getAttribute(row, 'data-work-id')) ?? '';
  await spec.world.console.click(`${row} [data-work-call]:not([disabled])`);
  await spec.phone.waitForSelector('.softphone-active', { timeout: 20_000 });
  return workId;
}

test('a cadence step completes only with a disposition: a mandatory one refuses the save, then the Task completes the work', async () => {
  insertContact('Wanda', 'Cadence', '+1 650 555 0181');
  await openWorkQueue();
  const workId = await callFromWorkQueue('Wanda Cadence');
  expect(workId).toMatch(/^0Zx\w{15}$/);
  await farEndAnswers('+16505550181');
  await spec.phone.click('.softphone-hangup');
  await spec.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  expect(await spec.phone.textContent('.softphone-disposition label')).toContain('Sales Engagement disposition');
  const options = await spec.phone.$$eval('.softphone-log-disposition option', (list) =>
    list.map((o) => (o as HTMLOptionElement).value).filter(Boolean),
  );
  expect(options).toEqual(['Call Back Later', 'Left Voicemail', 'Meaningful Connect', 'Not Interested', 'Unqualified']);

  // No disposition: the save is refused with the seed's toast; no Task, the work stays where it is.
  const tasksBefore = callTasks(spec.world).length;
  await spec.phone.click('.softphone-log-save');
  await spec.phone.waitForSelector('.softphone-notice:has-text("Mandatory fields are required")', { timeout: 10_000 });
  await screenshotSoftphone(spec.world, 'sales-engagement-mandatory-disposition');
  expect(callTasks(spec.world)).toHaveLength(tasksBefore);
  expect(await completions()).toEqual([]);
  expect(await spec.world.console.getAttribute(`tr[data-work-id="${workId}"]`, 'data-work-status')).toBe('started');

  // With a disposition: the Task is saved with it and the work item completes with the Task's id.
  await spec.phone.selectOption('.softphone-log-disposition', 'Meaningful Connect');
  await spec.phone.click('.softphone-log-save');
  const task = await waitForTask(spec.world, (t) => t.to_number__c === '+16505550181');
  expect(task).toMatchObject({ CallDisposition: 'Meaningful Connect', hvs_disposition__c: 'Meaningful Connect' });
  await spec.world.console.waitForSelector(`tr[data-work-id="${workId}"][data-work-status="completed"]`, {
    timeout: 10_000,
  });
  expect(await completions()).toEqual([
    {
      workId,
      attributes: { disposition: 'Meaningful Connect', taskId: task.Id, wasConnected: true },
      at: expect.any(Number) as number,
    },
  ]);
  expect(
    await spec.world.console.textContent(`tr[data-work-id="${workId}"] [data-testid="work-completion"]`),
  ).toContain(String(task.Id));
});

test('a new call while a Sales Engagement log is open: "Manually save the call and disposition"; no disposition on other calls', async () => {
  insertContact('Otto', 'Stepper', '+1 650 555 0182');
  const other = insertContact('Nora', 'Plain', '+1 650 555 0183');
  await openWorkQueue();
  await callFromWorkQueue('Otto Stepper');
  await farEndAnswers('+16505550182');
  await spec.phone.click('.softphone-hangup');
  await spec.phone.waitForSelector('.softphone-log-form .softphone-disposition', { timeout: 20_000 });

  // A click-to-dial call (not from the work queue) while that log is open.
  await spec.world.console.goto(
    new URL(`/lightning/r/Contact/${other}/view`, spec.world.harness.urls.consoleOrigin).href,
  );
  await spec.openPhone();
  await spec.world.console.evaluate(() =>
    (window as unknown as { harnessConsole: HarnessShell }).harnessConsole.setPanelVisible(false),
  );
  await spec.world.console.click('[data-click-to-dial="enabled"][title*="0183"]');
  await spec.phone.waitForSelector('.softphone-notice:has-text("Manually save the call and disposition")', {
    timeout: 20_000,
  });
  await screenshotSoftphone(spec.world, 'sales-engagement-manual-save');
  await farEndAnswers('+16505550183');
  await spec.phone.click('.softphone-hangup');
  await spec.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  // The click-to-dial call's log has no disposition field in Sales Engagement mode.
  expect(await spec.phone.textContent('.softphone-log-form')).toContain('Nora Plain');
  expect(await spec.phone.$('.softphone-log-form .softphone-disposition')).toBeNull();
  await spec.phone.click('.softphone-log-discard');
  // The Sales Engagement call's log waits in the queue for the agent: never saved automatically, no work completed.
  await spec.phone.waitForSelector('.softphone-log-form .softphone-disposition', { timeout: 10_000 });
  expect(callTasks(spec.world).some((t) => t.to_number__c === '+16505550182')).toBe(false);
  expect(await completions()).toEqual([]);
  await spec.phone.click('.softphone-log-discard');
});
