/**
 * Issue 13, "Several tabs, one softphone" (ADR 0028), the hidden owner: the tab that holds the phone (the SIP
 * registration, the event subscription) goes to the background behind other tabs of the same window and stays there
 * past Chromium's grace period before intensive wake-up throttling; its registration and subscription must stay alive
 * on their own (re-REGISTER, WebSocket heartbeat), and the next call must ring in the visible tab, be answered there
 * and carry audio; the simulator still has one registration and one subscription.
 *
 * How the tab is hidden for real: the world starts Chromium itself and attaches over CDP with `noDefaults`
 * (`browser: 'own-process'`), so the console tabs are tabs of one window with no focus emulation; opening a tab hides
 * the active one (`document.visibilityState === 'hidden'`, W3C Page Visibility). Chromium's grace period (5 minutes)
 * is shortened with `IntensiveWakeUpThrottling:grace_period_seconds`; the simulator grants short REGISTER expiries
 * and closes subscription sockets idle for a few seconds, so refreshes and heartbeats must happen while hidden.
 *
 * Which throttling applies is measured with two timer probes in the owner's softphone frame (a chain of timers, and
 * timers armed from events as the keep-alives are) and logged: hidden, the owner's timers are throttled to 1-second
 * wake-ups from the first second (asserted). Intensive (1-minute) throttling was not observed on the owner page in
 * this setting (see ADR 0028, "Hidden owner tab", for the measurements and what is not covered).
 */
import type { Frame, Page } from 'playwright-core';
import type { WsGatewayStats } from '../harness/rc-platform/subscriptions/ws-gateway';
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
/** How long the owner stays hidden: the grace period, then 14 s past it (covering at least one refresh of each). */
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
  subscriptions: WsGatewayStats;
}

const simulatorState = (): Promise<SimulatorState> => simulatorRequest<SimulatorState>(spec.world, 'GET', '/state');

/** The agent's live registrations (the customer phones' are `external`). */
async function agentRegistrations(): Promise<Registration[]> {
  return (await simulatorState()).sipRegistrationList.filter((r) => r.kind === 'extension');
}

interface Probe {
  /** Wake-ups of a chain of 100 ms `setTimeout`s, each scheduled from the previous one's callback ("chained"). */
  chained: number[];
  /** Wake-ups of 100 ms `setTimeout`s each armed from a message event (never from a timer callback). */
  armedFromEvent: number[];
  /** The frame's `visibilitychange`s: state and time (epoch ms). */
  visibility: [string, number][];
}

/**
 * Starts two timer probes in `frame` and records its visibility changes ({@link Probe}). The second probe schedules
 * its timers the way the keep-alives do: the web phone arms its re-REGISTER timer when the REGISTER answer arrives (a
 * WebSocket message event), the subscription its heartbeat timer on each frame; here a `MessageChannel` message.
 */
async function startTimerProbes(frame: Frame | Page): Promise<void> {
  await frame.evaluate(() => {
    const probe: Probe = { chained: [], armedFromEvent: [], visibility: [] };
    (window as unknown as { timerProbe: Probe }).timerProbe = probe;
    const tick = (): void => {
      probe.chained.push(Date.now());
      setTimeout(tick, 100);
    };
    setTimeout(tick, 100);
    const channel = new MessageChannel();
    channel.port1.onmessage = () =>
      setTimeout(() => {
        probe.armedFromEvent.push(Date.now());
        channel.port2.postMessage('next');
      }, 100);
    channel.port2.postMessage('next');
    document.addEventListener('visibilitychange', () => probe.visibility.push([document.visibilityState, Date.now()]));
  });
  await waitFor('the probes to run', async () => {
    const probe = await readProbe(frame);
    return probe.chained.length >= 10 && probe.armedFromEvent.length >= 10;
  });
}

function readProbe(frame: Frame | Page): Promise<Probe> {
  return frame.evaluate(() => (window as unknown as { timerProbe: Probe }).timerProbe);
}

/** When the probed frame became hidden (its first `visibilitychange` to hidden), epoch ms. */
async function hiddenAt(frame: Frame | Page): Promise<number> {
  const at = (await readProbe(frame)).visibility.find(([state]) => state === 'hidden')?.[1];
  if (at === undefined) throw new Error('the frame saw no visibilitychange to hidden');
  return at;
}

/** Wake-ups per probe: in the second before hiding, during the grace period, and after it (from 2 s past it). */
interface WakeUps {
  visibleLastSecond: number;
  hiddenGracePeriod: number;
  hiddenAfterGrace: number;
}

async function wakeUps(
  frame: Frame | Page,
  hidden: number,
): Promise<{ chained: WakeUps; armedFromEvent: WakeUps; afterGraceWindowS: number; visibility: string[] }> {
  const probe = await readProbe(frame);
  const now = Date.now();
  const afterGrace = hidden + (GRACE_PERIOD_S + 2) * 1000;
  const count = (ticks: number[], from: number, to: number): number => ticks.filter((t) => t >= from && t < to).length;
  const of = (ticks: number[]): WakeUps => ({
    visibleLastSecond: count(ticks, hidden - 1000, hidden),
    hiddenGracePeriod: count(ticks, hidden, hidden + GRACE_PERIOD_S * 1000),
    hiddenAfterGrace: count(ticks, afterGrace, now),
  });
  return {
    chained: of(probe.chained),
    armedFromEvent: of(probe.armedFromEvent),
    afterGraceWindowS: Math.round((now - afterGrace) / 100) / 10,
    visibility: probe.visibility.map(([state]) => state),
  };
}

const visibilityOf = (page: Page): Promise<string> => page.evaluate(() => document.visibilityState);

/** The customer hears the agent (the audio flows through the simulator). */
async function audioFlows(caller: Page): Promise<void> {
  await caller.waitForFunction(
    () => (window as unknown as { customerPhone: { energy(ms: number): number } }).customerPhone.energy(1500) > 0.001,
    undefined,
    { timeout: 15_000 },
  );
}

test('owner hidden past the throttling threshold still rings: its timers throttled, its registration and subscription refreshed while hidden; the call rings in the visible tab and is answered there with audio', async () => {
  const owner = spec.world.console;
  const ownerPhone = spec.phone;
  await waitFor('the owner to register', async () => (await agentRegistrations()).length === 1);
  await waitFor('the owner to subscribe', async () => (await simulatorState()).subscriptions.connected === 1);
  expect(await visibilityOf(owner)).toBe('visible');
  await startTimerProbes(ownerPhone);
  const [before] = await agentRegistrations();
  const heartbeatsBefore = (await simulatorState()).subscriptions.heartbeats;

  // A second console tab in the same window: it becomes the active tab (a follower) and hides the owner.
  const followerPage = await spec.world.context.newPage();
  await waitFor('the owner tab to be hidden', async () => (await visibilityOf(owner)) === 'hidden');
  await followerPage.goto(spec.world.harness.urls.console);
  const follower = await softphoneFrame(followerPage);
  await follower.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  expect(await visibilityOf(followerPage)).toBe('visible');
  const ownerHiddenAt = await hiddenAt(ownerPhone);

  // The scenario: the owner stays hidden, past the grace period.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, ownerHiddenAt + HIDDEN_MS - Date.now())));

  const ownerWakeUps = await wakeUps(ownerPhone, ownerHiddenAt);
  console.log(`timer wake-ups, hidden owner's softphone frame: ${JSON.stringify(ownerWakeUps)}`);
  // Never visible in between; throttled from the moment it is hidden (at most 2 wake-ups a second instead of 10).
  expect(ownerWakeUps.visibility).toEqual(['hidden']);
  expect(ownerWakeUps.chained.hiddenGracePeriod).toBeLessThanOrEqual(2 * GRACE_PERIOD_S);

  // The registration and the subscription lived through it: the same registration (same socket and instance),
  // refreshed at least twice, the last time after the grace period; the same subscription session, its heartbeats
  // arriving after the grace period, never closed for idleness.
  const state = await simulatorState();
  console.log(
    `simulator after hiding: ${JSON.stringify({ registrations: state.sipRegistrationList, subscriptions: state.subscriptions })}`,
  );
  const agent = state.sipRegistrationList.filter((r) => r.kind === 'extension');
  expect(agent).toHaveLength(1);
  const [registration] = agent;
  expect(registration).toMatchObject({
    instanceId: before!.instanceId,
    connectionId: before!.connectionId,
    registeredAt: before!.registeredAt,
  });
  expect(registration!.registers).toBeGreaterThanOrEqual(before!.registers + 2);
  expect(Date.parse(registration!.refreshedAt)).toBeGreaterThan(ownerHiddenAt + GRACE_PERIOD_S * 1000);
  expect(state.subscriptions).toMatchObject({ sessions: 1, connected: 1, subscriptions: 1, idleTimeouts: 0 });
  expect(state.subscriptions.heartbeats).toBeGreaterThan(heartbeatsBefore);
  expect(Date.parse(state.subscriptions.lastHeartbeatAt!)).toBeGreaterThan(ownerHiddenAt + GRACE_PERIOD_S * 1000);

  // A customer calls: it rings in the visible follower, which answers it; the customer hears the agent (the media is
  // in the hidden owner). Still one registration and one subscription.
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
