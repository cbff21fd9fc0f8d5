/**
 * Issue 13, "Several tabs, one softphone" (ADR 0028), the hidden owner: the tab that holds the phone (the SIP
 * registration, the event subscription) goes to the background behind another console tab of the same window and
 * stays there past Chromium's grace period before intensive wake-up throttling; its registration and subscription
 * must stay alive on their own (re-REGISTER, WebSocket heartbeat), and the next call must ring in the visible tab.
 *
 * How the tab is hidden for real: the world starts Chromium itself and attaches over CDP with `noDefaults`
 * (`browser: 'own-process'`), so the console tabs are tabs of one window with no focus emulation; opening a tab hides
 * the active one (`document.visibilityState === 'hidden'`, W3C Page Visibility). Chromium's grace period (5 minutes)
 * is shortened with `IntensiveWakeUpThrottling:grace_period_seconds`; the simulator grants short REGISTER expiries
 * and closes subscription sockets idle for a few seconds, so a refresh and a heartbeat must happen while hidden.
 */
import type { Frame, Page } from 'playwright-core';
import {
  AGENT,
  customer,
  discardOpenLogs,
  simulatorRequest,
  softphoneFrame,
  useSoftphoneWorld,
  waitFor,
} from './support/softphone-world';

/** Chromium's grace period before intensive wake-up throttling, shortened from 300 s (the flag below). */
const GRACE_PERIOD_S = 10;
/** How long the owner stays hidden: the grace period, then a 12 s window of intensive throttling. */
const HIDDEN_MS = 24_000;
/** The registrar's largest expiry: the web phone re-registers 3 s before it runs out, every 9 s. */
const REGISTER_EXPIRES_S = 12;
/** The gateway's idle timeout: the subscription's heartbeat (at half of it) must come every 8 s of silence. */
const WS_IDLE_TIMEOUT_S = 16;

jest.setTimeout(180_000);

const spec = useSoftphoneWorld({
  world: {
    browser: 'own-process',
    chromiumArgs: [`--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/${GRACE_PERIOD_S}`],
    rcPlatform: { sipMaxExpiresSeconds: REGISTER_EXPIRES_S, wsIdleTimeoutSeconds: WS_IDLE_TIMEOUT_S },
  },
});

interface Registration {
  kind: string;
  instanceId: string;
  connectionId: string;
  registeredAt: string;
  refreshedAt: string;
  registers: number;
}

interface SimulatorState {
  activeCalls: number;
  sipRegistrationList: Registration[];
  subscriptions: {
    sessions: number;
    connected: number;
    subscriptions: number;
    heartbeats: number;
    lastHeartbeatAt: string | null;
    idleTimeouts: number;
  };
}

const simulatorState = (): Promise<SimulatorState> => simulatorRequest<SimulatorState>(spec.world, 'GET', '/state');

/** The agent's live registrations (the customer phones' are `external`). */
async function agentRegistrations(): Promise<Registration[]> {
  return (await simulatorState()).sipRegistrationList.filter((r) => r.kind === 'extension');
}

/**
 * Starts a probe in `frame`: a chain of 100 ms `setTimeout`s (each scheduled from the previous one's callback: a
 * "chained" timer) recording when it wakes up, and the frame's visibility changes.
 */
async function startTimerProbe(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const probe = { wakeUps: [] as number[], visibility: [] as [string, number][] };
    (window as unknown as { timerProbe: typeof probe }).timerProbe = probe;
    const tick = (): void => {
      probe.wakeUps.push(Date.now());
      setTimeout(tick, 100);
    };
    setTimeout(tick, 100);
    document.addEventListener('visibilitychange', () => probe.visibility.push([document.visibilityState, Date.now()]));
  });
  await waitFor('the probe chain to run', async () => (await readProbe(frame)).wakeUps.length >= 10);
}

function readProbe(frame: Frame): Promise<{ wakeUps: number[]; visibility: [string, number][] }> {
  return frame.evaluate(
    () =>
      (window as unknown as { timerProbe: { wakeUps: number[]; visibility: [string, number][] } }).timerProbe,
  );
}

/** The customer hears the agent (the audio flows through the simulator). */
async function audioFlows(caller: Page): Promise<void> {
  await caller.waitForFunction(
    () => (window as unknown as { customerPhone: { energy(ms: number): number } }).customerPhone.energy(1500) > 0.001,
    undefined,
    { timeout: 15_000 },
  );
}

const visibilityOf = (page: Page): Promise<string> => page.evaluate(() => document.visibilityState);

test('the owner tab hidden past the throttling grace period keeps its registration and subscription; the call rings in the visible tab and is answered there with audio', async () => {
  const owner = spec.world.console;
  const ownerPhone = spec.phone;
  await waitFor('the owner to register', async () => (await agentRegistrations()).length === 1);
  await waitFor('the owner to subscribe', async () => (await simulatorState()).subscriptions.connected === 1);
  expect(await visibilityOf(owner)).toBe('visible');
  await startTimerProbe(ownerPhone);
  const [before] = await agentRegistrations();
  const heartbeatsBefore = (await simulatorState()).subscriptions.heartbeats;

  // A second console tab in the same window: it becomes the active tab and hides the owner.
  const followerPage = await spec.world.context.newPage();
  await waitFor('the owner tab to be hidden', async () => (await visibilityOf(owner)) === 'hidden');
  await followerPage.goto(spec.world.harness.urls.console);
  const follower = await softphoneFrame(followerPage);
  await follower.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  expect(await visibilityOf(followerPage)).toBe('visible');
  const hiddenAt = (await readProbe(ownerPhone)).visibility.find(([state]) => state === 'hidden')?.[1];
  if (hiddenAt === undefined) throw new Error('the owner frame saw no visibilitychange to hidden');

  // The scenario: the owner stays hidden, past the grace period.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, hiddenAt + HIDDEN_MS - Date.now())));

  const probe = await readProbe(ownerPhone);
  const now = Date.now();
  const windowStart = hiddenAt + (GRACE_PERIOD_S + 2) * 1000;
  const count = (from: number, to: number): number => probe.wakeUps.filter((t) => t >= from && t < to).length;
  const wakeUps = {
    visibleLastSecond: count(hiddenAt - 1000, hiddenAt),
    hiddenGracePeriod: count(hiddenAt, hiddenAt + GRACE_PERIOD_S * 1000),
    hiddenAfterGrace: count(windowStart, now),
    afterGraceWindowS: Math.round((now - windowStart) / 100) / 10,
  };
  console.log(`hidden owner, chained 100 ms timer wake-ups: ${JSON.stringify(wakeUps)}`);
  expect(probe.visibility.map(([state]) => state)).toEqual(['hidden']);
  expect(await visibilityOf(owner)).toBe('hidden');

  const state = await simulatorState();
  console.log(`simulator after hiding: ${JSON.stringify({ registrations: state.sipRegistrationList, subscriptions: state.subscriptions })}`);
  const [registration, ...others] = state.sipRegistrationList.filter((r) => r.kind === 'extension');
  expect(others).toHaveLength(0);
  // The same registration (same socket, same instance), refreshed while hidden, after the grace period.
  expect(registration).toMatchObject({
    instanceId: before!.instanceId,
    connectionId: before!.connectionId,
    registeredAt: before!.registeredAt,
  });
  expect(registration!.registers).toBeGreaterThanOrEqual(before!.registers + 2);
  expect(Date.parse(registration!.refreshedAt)).toBeGreaterThan(hiddenAt + GRACE_PERIOD_S * 1000);
  // The same subscription session, kept alive by heartbeats sent while hidden; never closed for idleness.
  expect(state.subscriptions).toMatchObject({ sessions: 1, connected: 1, subscriptions: 1, idleTimeouts: 0 });
  expect(state.subscriptions.heartbeats).toBeGreaterThan(heartbeatsBefore);
  expect(Date.parse(state.subscriptions.lastHeartbeatAt!)).toBeGreaterThan(hiddenAt + GRACE_PERIOD_S * 1000);

  // A customer calls: it rings in the visible tab, which answers it; the audio is in the hidden owner.
  const caller = await spec.caller('+16505550101');
  await customer(caller, 'call', AGENT.number);
  await follower.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  await follower.click('.softphone-answer');
  await follower.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await audioFlows(caller);
  expect((await simulatorState()).activeCalls).toBe(1);
  expect(await visibilityOf(owner)).toBe('hidden');
  await follower.click('.softphone-hangup');
  await follower.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await discardOpenLogs(follower);

  const after = await simulatorState();
  expect(after.sipRegistrationList.filter((r) => r.kind === 'extension')).toHaveLength(1);
  expect(after.subscriptions).toMatchObject({ connected: 1, subscriptions: 1 });
});
