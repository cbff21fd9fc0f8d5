/**
 * What every figure of `npm run bench` shares: the sample world's numbers, waiting helpers, loading the console with
 * the product or the floor page, the samples collected so far (product, floor, baseline; per round) and the
 * failure-tolerant step runner.
 */
import type { Frame } from 'playwright-core';
import { addPhases, type Sample } from './bench-report';
import { control, type AdapterMode, type BenchWorld } from './bench-world';

export const CALLER = '+16505550101'; // Ann Lee, stored in another format in the org (one match → pop)
export const CALLEE = '+16505550107'; // Initech's main number, on the Initech Account page
export const PHONE_TAB = '[data-tab="phone"]';

export function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, read: () => T | null | undefined, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export async function waitForMark(frame: Frame, name: string, timeoutMs = 30_000): Promise<void> {
  await frame.waitForFunction((n) => performance.getEntriesByName(n, 'mark').length > 0, name, {
    timeout: timeoutMs,
    polling: 5,
  });
}

export async function discardLogs(frame: Frame): Promise<void> {
  for (let i = 0; i < 20 && (await frame.$('.softphone-log-discard')); i += 1) {
    await frame.click('.softphone-log-discard').catch(() => undefined);
    await sleep(50);
  }
}

/** The Initech Account page of the world's console (click-to-dial field, and where cold starts load). */
export function accountUrl(world: BenchWorld): string {
  const initech = world.harness.org.store.all('Account').find((r) => r.Name === 'Initech');
  if (!initech) throw new Error('no Initech Account in the sample data');
  return new URL(`/lightning/r/Account/${String(initech.Id)}/view`, world.harness.urls.consoleOrigin).href;
}

/**
 * How long after the page's REGISTER the bench keeps away from the browser (ms): initialization completes within a few
 * ms of it. Playwright's first look into a new document installs its injected script there (about 300 KB, 25–30 ms
 * of the main thread the console and the frame share) and its polls run every 5 ms: during the start they would sit
 * inside the window measured, at a different point for the product and the floor.
 */
const QUIET_AFTER_REGISTER_MS = 300;
/** The longest wait for that REGISTER before looking anyway (a start that does not register still ends). */
const REGISTER_WAIT_MS = 10_000;

/**
 * Loads the console with the product (or the floor page) in its utility bar and waits until it is ready: first where
 * the browser cannot feel it (the simulator's REGISTER, in this process), then for the marks.
 */
export async function loadConsole(world: BenchWorld, mode: AdapterMode, url = accountUrl(world)): Promise<Frame> {
  world.mode = mode;
  const registered = world.nextRegistration();
  await world.console.goto(url, { waitUntil: 'commit' });
  await Promise.race([registered, sleep(REGISTER_WAIT_MS)]);
  await sleep(QUIET_AFTER_REGISTER_MS);
  await world.console.waitForLoadState('load');
  const frame = await world.frame();
  if (mode === 'product') {
    await waitForMark(frame, 'softphone:initialization-complete');
    await frame.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  } else {
    await waitForMark(frame, 'floor:initialization-complete');
  }
  return frame;
}

/** Steps that failed (a sample lost, the run goes on): reported in `run.failures`. */
export const failures: string[] = [];

/**
 * Runs one step; a failure is logged, recorded and followed by a console reload in product mode (the next step starts
 * from a ready softphone), so a 10-minute run does not die on one lost sample.
 */
export async function attempt(label: string, world: BenchWorld, step: () => Promise<void>): Promise<void> {
  await attemptWith(`${world.label} ${label}`, step, () => discardAndReload(world));
}

/**
 * Runs one step; a failure is logged and recorded in {@link failures}, then `recover` runs (its own failure is logged
 * too): the run goes on. Returns whether the step succeeded.
 */
export async function attemptWith(
  label: string,
  step: () => Promise<void>,
  recover: () => Promise<void>,
): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (error) {
    const message = `${label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    failures.push(message);
    progress(`FAILED ${message}`);
    await recover().catch((e: unknown) => progress(`recovery failed: ${String(e)}`));
    return false;
  }
}

async function discardAndReload(world: BenchWorld): Promise<void> {
  await hangUpLiveCalls(world);
  const frame = await loadConsole(world, 'product');
  await discardLogs(frame);
}

/** Hangs up every call the simulator still carries (control API). */
export async function hangUpLiveCalls(world: BenchWorld): Promise<void> {
  const base = world.harness.urls.rcControl;
  const live = base
    ? ((
        (await (await fetch(`${base}/calls`)).json()) as { records?: { telephonySessionId?: string; state?: string }[] }
      ).records ?? [])
    : [];
  for (const call of live.filter((x) => x.telephonySessionId && x.state !== 'Ended'))
    await control(world, `/calls/${call.telephonySessionId}/hangup`, {}).catch(() => undefined);
}

export interface LatencySamples {
  product: Sample[];
  floor: Sample[];
  productPhases: Record<string, Sample[]>;
  floorPhases: Record<string, Sample[]>;
  baseline: Sample[];
}

export const newLatency = (): LatencySamples => ({
  product: [],
  floor: [],
  productPhases: {},
  floorPhases: {},
  baseline: [],
});

export interface Collected {
  coldStart: LatencySamples;
  ring: LatencySamples;
  dial: LatencySamples;
  startup: LatencySamples;
  history: LatencySamples;
  unresolved: LatencySamples;
  smsInbound: LatencySamples;
  smsThread: LatencySamples;
  roundTrips: Sample[];
  roundTripActions: Record<string, number>;
  /** The calls that took more than one round trip: each action and its request (cut), to tell why. */
  roundTripsBeyondOne: { round: number; actions: string[] }[];
}

export function newCollected(): Collected {
  return {
    coldStart: newLatency(),
    ring: newLatency(),
    dial: newLatency(),
    startup: newLatency(),
    history: newLatency(),
    unresolved: newLatency(),
    smsInbound: newLatency(),
    smsThread: newLatency(),
    roundTrips: [],
    roundTripActions: {},
    roundTripsBeyondOne: [],
  };
}

/** Records a product sample for the current world, or a baseline sample. */
export function record(
  into: LatencySamples,
  world: BenchWorld,
  roundIndex: number,
  value: number,
  phases?: Record<string, number>,
): void {
  if (world.label === 'baseline') {
    into.baseline.push({ round: roundIndex, value });
    return;
  }
  into.product.push({ round: roundIndex, value });
  if (phases) addPhases(into.productPhases, roundIndex, phases);
}

export function recordFloor(
  into: LatencySamples,
  roundIndex: number,
  value: number,
  phases?: Record<string, number>,
): void {
  into.floor.push({ round: roundIndex, value });
  if (phases) addPhases(into.floorPhases, roundIndex, phases);
}

/** Milestones of one sample: name and epoch ms (`null`/`undefined` when not observed). */
export type Milestones = [string, number | null | undefined][];

/** Empties the console's Open CTI log (it grows with every Open CTI call). */
export async function clearConsoleLog(world: BenchWorld): Promise<void> {
  await world.console.evaluate(() => {
    (window as unknown as { harnessConsole: { openCtiLog: unknown[] } }).harnessConsole.openCtiLog.length = 0;
  });
}
