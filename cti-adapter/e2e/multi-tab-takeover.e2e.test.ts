/**
 * Issue 13, "Several tabs, one softphone" (ADR 0028): the take-over while a call rings, and what N tabs cost at the
 * platform, end to end in headless Chromium on the console stand-in and the RingCentral simulator. Each test opens its
 * own browser context (the agent's tabs of one browser), signs in in its first tab and closes the context at the end,
 * so no test depends on another's tabs.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';
import {
  AGENT,
  agentRegistrations,
  buildBundle,
  callTasks,
  customer,
  customerPhone,
  discardOpenLogs,
  recordId,
  signIn,
  simulatorControl,
  simulatorRequest,
  softphoneFrame,
  startSoftphoneWorld,
  waitForTask,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(180_000);

let world: SoftphoneWorld;
let context: BrowserContext | null = null;
const callers: Page[] = [];

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  // The world's own tab would be a second browser of the agent: each test opens its own.
  await world.console.close({ runBeforeUnload: true });
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

afterEach(async () => {
  await simulatorRequest(world, 'DELETE', '/faults').catch(() => undefined);
  for (const page of callers.splice(0)) await page.close().catch(() => undefined);
  await context?.close().catch(() => undefined);
  context = null;
});

interface Tab {
  readonly page: Page;
  readonly phone: Frame;
}

interface SimulatorState {
  activeCalls: number;
  subscriptions: { connected: number };
  /** The outbound proxies (`http/sip-proxies.ts`): which are down, live sockets on each. */
  sipProxies: { down: string[]; sockets: { primary: number; backup: number } };
}

async function simulatorState(): Promise<SimulatorState> {
  return (await (await fetch(`${simulatorControl(world)}/state`)).json()) as SimulatorState;
}

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `count` console tabs of one new browser context, signed in from the first; every tab ready, one registration. */
async function openTabs(count: number): Promise<Tab[]> {
  await waitFor('the previous tabs to unregister', () => agentRegistrations(world).length === 0);
  await waitFor('no live event subscription', async () => (await simulatorState()).subscriptions.connected === 0);
  context = await world.browser.newContext({ permissions: ['microphone'], ignoreHTTPSErrors: true });
  const tabs: Tab[] = [];
  for (let i = 0; i < count; i += 1) {
    const page = await context.newPage();
    await page.goto(world.harness.urls.console);
    if (i === 0) await signIn(context, page);
    const phone = await softphoneFrame(page);
    await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
    tabs.push({ page, phone });
  }
  await waitFor('one registration', () => agentRegistrations(world).length === 1);
  return tabs;
}

async function call(number: string): Promise<Page> {
  const caller = await customerPhone(world, number);
  callers.push(caller);
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

/** The owner tab goes away: closed by the agent (`pagehide` runs) or its renderer crashes (nothing runs). */
async function endTab(page: Page, how: 'closes' | 'crashes'): Promise<void> {
  if (how === 'closes') {
    await page.close({ runBeforeUnload: true });
    return;
  }
  const cdp = await page.context().newCDPSession(page);
  const crashed = page.waitForEvent('crash', { timeout: 10_000 });
  void cdp.send('Page.crash').catch(() => undefined); // never answered: the renderer is gone
  await crashed;
}

test.each(['closes', 'crashes'] as const)(
  'the owner tab %s while a call rings: the other tab takes over, still offers the call, answers it with audio; one Task',
  async (how) => {
    const [owner, follower] = await openTabs(2);
    const [before] = agentRegistrations(world);
    const ann = recordId(world, 'Contact', 'Ann Lee');
    const tasksBefore = callTasks(world).length;
    const caller = await call('+16505550101');
    await Promise.all([
      owner!.phone.waitForSelector('.softphone-incoming', { timeout: 20_000 }),
      follower!.phone.waitForSelector('.softphone-incoming', { timeout: 20_000 }),
    ]);

    await endTab(owner!.page, how);
    await waitFor(
      'the other tab to register',
      () =>
        agentRegistrations(world).length === 1 && agentRegistrations(world)[0]!.connectionId !== before!.connectionId,
    );
    // The platform does not fork the ringing call to the new registration: the new owner offers it from its presence.
    await follower!.phone.waitForSelector('.softphone-incoming', { timeout: 20_000 });
    await follower!.phone.click('.softphone-answer');
    await follower!.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
    await audioFlows(caller);
    expect((await simulatorState()).activeCalls).toBe(1);
    expect(await follower!.phone.locator('.softphone-incoming').count()).toBe(0);

    await follower!.phone.fill('.softphone-notes', `Answered after the owner ${how}`);
    await follower!.phone.click('.softphone-hangup');
    await follower!.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
    await follower!.phone.click('.softphone-log-save');
    const task = await waitForTask(world, (t) => t.Description === `Answered after the owner ${how}`);
    expect(task.WhoId).toBe(ann);
    await follower!.phone.waitForSelector('.softphone-log-form', { state: 'detached', timeout: 20_000 });
    expect(callTasks(world)).toHaveLength(tasksBefore + 1);
  },
);

test('5 tabs: 1 SIP registration and 1 event subscription at the simulator; every tab rings', async () => {
  const tabs = await openTabs(5);
  expect(agentRegistrations(world)).toHaveLength(1);
  expect((await simulatorState()).subscriptions.connected).toBe(1);
  const caller = await call('+16505550101');
  await Promise.all(tabs.map((tab) => tab.phone.waitForSelector('.softphone-incoming', { timeout: 20_000 })));
  await customer(caller, 'cancel');
  await Promise.all(
    tabs.map((tab) => tab.phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 })),
  );
  expect(agentRegistrations(world)).toHaveLength(1);
  expect((await simulatorState()).subscriptions.connected).toBe(1);
});

test('the primary SIP proxy goes down: the owner registers on the backup proxy; the next call rings in every tab', async () => {
  const [owner, follower] = await openTabs(2);
  const [before] = agentRegistrations(world);
  expect((await simulatorState()).sipProxies.sockets).toMatchObject({ primary: 1, backup: 0 });

  // The edge proxy of sip-provision's `outboundProxy` dies: the socket drops and new connections to it are refused.
  const outage = await simulatorRequest<{ dropped: number }>(world, 'POST', '/faults', {
    kind: 'sip-proxy-outage',
    proxy: 'primary',
  });
  expect(outage.dropped).toBe(1);
  await waitFor(
    'the owner to register again, through the backup proxy',
    async () =>
      agentRegistrations(world).length === 1 &&
      agentRegistrations(world)[0]!.connectionId !== before!.connectionId &&
      (await simulatorState()).sipProxies.sockets.backup === 1,
  );
  expect((await simulatorState()).sipProxies.sockets.primary).toBe(0);
  await Promise.all([owner, follower].map((tab) => tab!.phone.waitForSelector('.softphone[data-phase="ready"]')));

  const caller = await call('+16505550101');
  await Promise.all([
    owner!.phone.waitForSelector('.softphone-incoming', { timeout: 20_000 }),
    follower!.phone.waitForSelector('.softphone-incoming', { timeout: 20_000 }),
  ]);
  await follower!.phone.click('.softphone-answer');
  await follower!.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await audioFlows(caller);
  await follower!.phone.click('.softphone-hangup');
  await follower!.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await discardOpenLogs(follower!.phone);
  expect(agentRegistrations(world)).toHaveLength(1);
});
