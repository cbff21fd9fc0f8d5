/**
 * Issue 13, "Several tabs, one softphone" (ADR 0028), end to end in headless Chromium: two console tabs of one
 * browser context (one agent, one browser) on the console stand-in and the RingCentral simulator. One tab holds the
 * phone (one SIP registration at the simulator); both tabs ring; the agent answers in the other tab (the audio flows,
 * one call); the log is saved from that tab once; the owner tab closes and the other tab takes over: it registers
 * and the next call rings and is answered there; nothing is logged twice.
 */
import type { Frame, Page } from 'playwright-core';
import {
  AGENT,
  agentRegistrations,
  callTasks,
  customer,
  recordId,
  simulatorControl,
  softphoneFrame,
  useSoftphoneWorld,
  waitFor,
  waitForConsoleUrl,
  waitForTask,
} from './support/softphone-world';

jest.setTimeout(180_000);

const spec = useSoftphoneWorld();
let secondPage: Page;
let second: Frame;

async function simulatorState(): Promise<{ activeCalls: number }> {
  return (await (await fetch(`${simulatorControl(spec.world)}/state`)).json()) as { activeCalls: number };
}

async function call(number: string): Promise<Page> {
  const caller = await spec.caller(number);
  await customer(caller, 'call', AGENT.number);
  return caller;
}

/** The customer hears the agent (the audio flows through the simulator). */
async function audioFlows(caller: Page): Promise<void> {
  await caller.waitForFunction(
    () => (window as unknown as { customerPhone: { energy(ms: number): number } }).customerPhone.energy(1500) > 0.001,
    undefined,
    { timeout: 15_000 },
  );
}

test('a second tab follows: one registration at the simulator, both tabs ready', async () => {
  await waitFor('the first tab to register', async () => agentRegistrations(spec.world).length === 1);
  secondPage = await spec.world.context.newPage();
  await secondPage.goto(spec.world.harness.urls.console);
  second = await softphoneFrame(secondPage);
  await second.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  expect(await second.locator('.softphone-login').count()).toBe(0);
  // Give a wrongly registering second tab the time to do it, then count.
  await second.waitForTimeout(2_000);
  expect(agentRegistrations(spec.world)).toHaveLength(1);
});

test('both tabs ring; answering in the follower connects one call with audio, the pop is in the tab the agent looks at; the log is saved once', async () => {
  const ann = recordId(spec.world, 'Contact', 'Ann Lee');
  // The agent works in the second tab (a click in its softphone counts as looking at it).
  await second.click('.softphone-status');
  const caller = await call('+16505550101');
  await Promise.all([
    spec.phone.waitForSelector('.softphone-incoming', { timeout: 20_000 }),
    second.waitForSelector('.softphone-incoming', { timeout: 20_000 }),
  ]);
  // One screen pop, in the tab the agent looks at.
  await waitForConsoleUrl(secondPage, new RegExp(`/lightning/r/Contact/${ann}/view`));
  expect(spec.world.console.url()).not.toContain(ann);

  await second.click('.softphone-answer');
  await Promise.all([
    second.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 }),
    spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 }),
  ]);
  expect(await spec.phone.locator('.softphone-incoming').count()).toBe(0);
  expect(await second.locator('.softphone-incoming').count()).toBe(0);
  await audioFlows(caller);
  expect((await simulatorState()).activeCalls).toBe(1);

  await second.fill('.softphone-notes', 'Typed in the second tab');
  await second.click('.softphone-hangup');
  await second.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  // The notes typed in the follower are the owner's draft.
  await spec.phone.waitForFunction(
    () =>
      (document.querySelector('.softphone-notes') as HTMLTextAreaElement | null)?.value === 'Typed in the second tab',
    undefined,
    { timeout: 10_000 },
  );
  await second.click('.softphone-log-save');
  const task = await waitForTask(spec.world, (t) => t.WhoId === ann);
  expect(task.Description).toBe('Typed in the second tab');
  await second.waitForSelector('.softphone-log-form', { state: 'detached', timeout: 20_000 });
  await spec.phone.waitForSelector('.softphone-log-form', { state: 'detached', timeout: 20_000 });
  expect(callTasks(spec.world)).toHaveLength(1);
});

test('the owner tab closes: the other tab takes over, registers, and the next call rings and is answered there; nothing logged twice', async () => {
  const [before] = agentRegistrations(spec.world);
  await spec.world.console.close({ runBeforeUnload: true });
  // The closed tab unregistered at pagehide; the second tab registers on its own socket.
  await waitFor(
    'the second tab to register',
    async () =>
      agentRegistrations(spec.world).length === 1 &&
      agentRegistrations(spec.world)[0]!.connectionId !== before!.connectionId,
    10_000,
  );
  await second.waitForSelector('.softphone[data-phase="ready"]', { timeout: 10_000 });
  const caller = await call('+16505550101');
  await second.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await second.click('.softphone-answer');
  await second.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await audioFlows(caller);
  await second.click('.softphone-hangup');
  await second.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await second.click('.softphone-log-save');
  await waitFor('the second Task', async () => callTasks(spec.world).length === 2);
  await second.waitForTimeout(1_000);
  const tasks = callTasks(spec.world);
  expect(tasks).toHaveLength(2);
  expect(new Set(tasks.map((t) => t.CALL_UNIQUE_ID__c)).size).toBe(2);
  expect(agentRegistrations(spec.world)).toHaveLength(1);
});
