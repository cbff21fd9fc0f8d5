/**
 * The rounds of `npm run bench`: cold start, click-to-dial → INVITE and ring → screen pop of the product (current or
 * baseline), and their floors — the floor page's cold start and `WebPhone.call()`, and a bare `matchNumbers` + bare
 * `screenPop` from the adapter frame. Each sample records its value and the phases between its milestones.
 */
import type { Frame } from 'playwright-core';
import { parsePhoneNumberWithError } from 'libphonenumber-js/min';
import type { BenchOptions } from '../bench-options';
import { wants } from '../bench-options';
import { addPhases, phasesFrom, round } from '../bench-report';
import { bareMatchAndPop, markEpoch, probe, readStartTimeline, remotingRequestAfter } from '../bench-probes';
import {
  CALLEE,
  CALLER,
  clearConsoleLog,
  discardLogs,
  loadConsole,
  record,
  recordFloor,
  sleep,
  waitFor,
  waitForMark,
  type Collected,
  type LatencySamples,
  type Milestones,
} from '../bench-session';
import { AGENT, control, type AdapterMode, type BenchWorld } from '../bench-world';

export const START_MILESTONES = [
  ['document received', 'documentReceived'],
  ['bundle downloaded', 'bundleLoaded'],
  ['bundle running', 'bundleRunning'],
  ['RingCentral session restored', 'sessionRestored'],
  ['sip-provision sent', 'provisionSent'],
  ['sip-provision answered', 'provisioned'],
  ['registered', 'registered'],
  ['initialization complete', 'initializationComplete'],
] as const;

export async function coldStart(world: BenchWorld, mode: AdapterMode, r: number, into: LatencySamples): Promise<Frame> {
  const frame = await loadConsole(world, mode);
  const t = await probe(frame, readStartTimeline, undefined);
  if (t.initializationComplete === null) throw new Error(`${world.label} ${mode}: no initialization-complete mark`);
  const phases = phasesFrom([['navigation', 0], ...START_MILESTONES.map(([label, key]) => [label, t[key]] as const)]);
  if (t.settingsSent !== null && t.settingsReceived !== null)
    phases['settings round trip (parallel)'] = round(t.settingsReceived - t.settingsSent, 2)!;
  // The UI mounts once the start is over (ADR 0018): off the path measured, so not one of its milestones (negative
  // for a build that mounted it before the start was over).
  if (t.mounted !== null)
    phases['(off the path) initialization complete → UI mounted'] = round(t.mounted - t.initializationComplete, 2)!;
  if (mode === 'floor') recordFloor(into, r, round(t.initializationComplete)!, phases);
  else record(into, world, r, round(t.initializationComplete)!, phases);
  return frame;
}

// ------------------------------------------------------------------------------------------------ ring → pop

interface PopEntry {
  methodName: string;
  args: Record<string, unknown>;
  receivedAt: number;
}

async function consoleScreenPopAfter(world: BenchWorld, since: number): Promise<PopEntry> {
  const handle = await world.console.waitForFunction(
    (s) =>
      (window as unknown as { harnessConsole: { openCtiLog: PopEntry[] } }).harnessConsole.openCtiLog.find(
        (e) => e.methodName === 'screenPop' && e.receivedAt >= s,
      ) ?? null,
    since,
    { timeout: 20_000, polling: 5 },
  );
  return (await handle.jsonValue()) as PopEntry;
}

/**
 * The lookup's round trip split at the org stand-in (same clock: epoch ms of this machine): request sent → the
 * remote action starts, the action itself, the action ends → the answer is in the frame. Empty without a
 * `matchNumbers` call after `before` or without the frame's resource timing.
 */
function serverSplit(
  world: BenchWorld,
  before: number,
  sent: number | null,
  received: number | null,
): Record<string, number> {
  const call = world.remoteCalls.slice(before).find((c) => c.method.endsWith('matchNumbers'));
  if (!call || sent === null || received === null) return {};
  return {
    '(lookup) sent → server action started': round(call.startedAt - sent, 2)!,
    '(lookup) server action': round(call.endedAt - call.startedAt, 2)!,
    '(lookup) server action ended → answered': round(received - call.endedAt, 2)!,
  };
}

/**
 * How long the bench keeps away from the browser after the lookup reached the org stand-in (ms): the answer and the
 * pop come within a few ms of it; a pop later than this is still waited for (by polling, then).
 */
const QUIET_AFTER_LOOKUP_MS = 250;

let lastPopArgs: Record<string, unknown> | null = null;

/** One inbound call from a PSTN caller (the simulator's far end): ring → pop received by the console; round trips counted. */

export async function productRingToPop(world: BenchWorld, frame: Frame, r: number, c: Collected): Promise<Milestones> {
  await frame.evaluate(() => performance.clearResourceTimings());
  await clearConsoleLog(world);
  const before = world.remoteCalls.length;
  // The caller is the simulator's far end (a PSTN caller, as most inbound calls are), not a customer phone page: a
  // caller's browser work on this machine would share its two cores with the window measured. The bench waits for
  // the lookup where the browser cannot feel it (the org stand-in, in this process), then reads the marks: no probe
  // runs in the frame or the console while the call rings, as none runs in the floor's window.
  await control(world, '/calls/inbound', { from: CALLER, to: AGENT.number });
  await waitFor('the lookup', () => (world.remoteCalls.length > before ? true : null), 5_000).catch(() => undefined);
  await sleep(QUIET_AFTER_LOOKUP_MS);
  const card = await frame.waitForSelector('.softphone-incoming', { timeout: 20_000 });
  const callId = (await card.getAttribute('data-call-id')) ?? '';
  await waitForMark(frame, `softphone:screen-pop:${callId}`, 20_000);
  const ring = await probe(frame, markEpoch, `softphone:ringing:${callId}`);
  const popSent = await probe(frame, markEpoch, `softphone:screen-pop:${callId}`);
  if (ring === null) throw new Error('no ringing mark');
  const request = await probe(frame, remotingRequestAfter, ring);
  const pop = await consoleScreenPopAfter(world, ring);
  lastPopArgs = pop.args;
  const inviteSent = world.invitesSent.get(callId) ?? null;
  const milestones: Milestones = [
    [`softphone:ringing:${callId}`, ring],
    ['matchNumbers sent', request?.sent],
    ['matchNumbers answered', request?.received],
    [`softphone:screen-pop:${callId}`, popSent],
    ['console received screenPop', pop.receivedAt],
  ];
  const phases = phasesFrom([
    ['ringing', ring],
    ['matchNumbers sent', request?.sent],
    ['matchNumbers answered', request?.received],
    ['screenPop sent', popSent],
    ['console received screenPop', pop.receivedAt],
  ]);
  Object.assign(phases, serverSplit(world, before, request?.sent ?? null, request?.received ?? null));
  if (inviteSent !== null) phases['(before) INVITE sent → ringing'] = round(ring - inviteSent, 2)!;
  record(c.ring, world, r, round(pop.receivedAt - ring, 2)!, phases);
  await frame.click('.softphone-decline');
  await frame.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  await discardLogs(frame);
  await sleep(100);
  if (world.label === 'current') {
    const calls = world.remoteCalls.slice(before);
    c.roundTrips.push({ round: r, value: calls.length });
    for (const call of calls) c.roundTripActions[call.method] = (c.roundTripActions[call.method] ?? 0) + 1;
    if (calls.length > 1)
      c.roundTripsBeyondOne.push({ round: r, actions: calls.map((call) => `${call.method} ${call.request}`) });
  }
  return milestones;
}

const callerParts = (() => {
  const p = parsePhoneNumberWithError(CALLER);
  return { e164: p.number, countryCallingCode: p.countryCallingCode, nationalNumber: p.nationalNumber };
})();

/** The floor of ring → pop: bare matchNumbers + bare screenPop from the adapter frame (product idle). */
export async function floorRingToPop(world: BenchWorld, frame: Frame, r: number, c: Collected): Promise<Milestones> {
  if (!lastPopArgs) return [];
  await clearConsoleLog(world);
  await frame.evaluate(() => performance.clearResourceTimings());
  const before = world.remoteCalls.length;
  const t = await probe(frame, bareMatchAndPop, { numbers: [callerParts], pop: lastPopArgs });
  const pop = await consoleScreenPopAfter(world, t.start);
  const phases = phasesFrom([
    ['start', t.start],
    ['matchNumbers sent', t.sent],
    ['matchNumbers answered', t.received],
    ['callback ran', t.matched],
    ['screenPop sent', t.popSent],
    ['console received screenPop', pop.receivedAt],
  ]);
  Object.assign(phases, serverSplit(world, before, t.sent, t.received));
  recordFloor(c.ring, r, round(pop.receivedAt - t.start, 2)!, phases);
  await world.console.waitForFunction(() => document.readyState === 'complete');
  await sleep(100);
  return [
    ['bench:floor-ring-start', t.start],
    ['matchNumbers sent', t.sent],
    ['matchNumbers answered', t.received],
    ['callback ran', t.matched],
    ['screenPop sent', t.popSent],
    ['console received screenPop', pop.receivedAt],
  ];
}

// ------------------------------------------------------------------------------------------------ click-to-dial

/** One click-to-dial from the console's phone field: the frame's click-to-dial event → the simulator's INVITE. */
export async function productDial(world: BenchWorld, frame: Frame, r: number, c: Collected): Promise<Milestones> {
  await frame.evaluate(() => performance.clearMarks('softphone:click-to-dial'));
  const invites = world.invitesReceived.size;
  await world.console.click('[data-click-to-dial="enabled"]');
  // As for the ring: no probe in the browser until the INVITE reached the simulator (in this process).
  await waitFor('the INVITE', () => (world.invitesReceived.size > invites ? true : null), 5_000).catch(() => undefined);
  const active = await frame.waitForSelector('.softphone-active', { timeout: 20_000 });
  const callId = (await active.getAttribute('data-call-id')) ?? '';
  const click = await probe(frame, markEpoch, 'softphone:click-to-dial');
  const dialing = await probe(frame, markEpoch, `softphone:dialing:${callId}`);
  const invite = await waitFor('the INVITE', () => world.invitesReceived.get(callId), 5_000);
  if (click === null) throw new Error('no click-to-dial mark');
  const phases = phasesFrom([
    ['click-to-dial event', click],
    ['dialing', dialing],
    ['INVITE received', invite],
  ]);
  record(c.dial, world, r, round(invite - click, 2)!, phases);
  await frame.click('.softphone-hangup');
  await frame.waitForSelector('.softphone-active', { state: 'detached', timeout: 20_000 });
  await discardLogs(frame);
  await sleep(200);
  return [
    ['softphone:click-to-dial', click],
    [`softphone:dialing:${callId}`, dialing],
    ['INVITE received', invite],
  ];
}

async function floorDial(
  world: BenchWorld,
  frame: Frame,
  r: number,
  c: Collected,
  libraryMedia: boolean,
): Promise<void> {
  const placed = await frame.evaluate(
    ([to, library]) =>
      (
        window as unknown as {
          benchFloor: {
            call(to: string, o: { libraryMedia: boolean }): Promise<{ startedAt: number; callId: string }>;
          };
        }
      ).benchFloor.call(to, { libraryMedia: library }),
    [CALLEE, libraryMedia] as const,
  );
  const invite = await waitFor('the floor INVITE', () => world.invitesReceived.get(placed.callId), 5_000);
  const ms = round(invite - placed.startedAt, 2)!;
  if (libraryMedia)
    addPhases(c.dial.floorPhases, r, { "(not the floor) call() with the library's own media session → INVITE": ms });
  else recordFloor(c.dial, r, ms, { 'call() → INVITE received': ms });
  await sleep(50);
  await frame.evaluate(
    (id) => (window as unknown as { benchFloor: { end(id: string): Promise<void> } }).benchFloor.end(id),
    placed.callId,
  );
  await sleep(200);
}

// ------------------------------------------------------------------------------------------------ rounds

/**
 * The first dial of a round comes this long after the start (ms), and once the softphone's pre-gathered offer is
 * ready (`softphone:offer-ready`), as the floor's calls wait for `prepare()`: the same for the current build and a
 * baseline without the mark, and after the start's idle work (idle callbacks come at their 1–2 s timeout in the
 * harness), so neither side dials into the other's post-start work.
 */
const FIRST_DIAL_AFTER_MS = 3000;

export async function productRound(world: BenchWorld, r: number, options: BenchOptions, c: Collected): Promise<void> {
  const frame = await coldStart(world, 'product', r, c.coldStart);
  if (wants(options, 'clickToDialToInvite')) {
    await Promise.all([
      waitForMark(frame, 'softphone:offer-ready', FIRST_DIAL_AFTER_MS).catch(() => undefined),
      sleep(FIRST_DIAL_AFTER_MS),
    ]);
    for (let k = 0; k < options.perRound; k += 1) await productDial(world, frame, r, c);
  }
  if (wants(options, 'ringToScreenPop') || wants(options, 'roundTripsPerInboundCall'))
    for (let k = 0; k < options.perRound; k += 1) {
      await productRingToPop(world, frame, r, c);
      if (world.label === 'current') await floorRingToPop(world, frame, r, c);
    }
}

export async function floorRound(world: BenchWorld, r: number, options: BenchOptions, c: Collected): Promise<void> {
  const frame = await coldStart(world, 'floor', r, c.coldStart);
  if (wants(options, 'clickToDialToInvite')) {
    await frame.evaluate(() =>
      (window as unknown as { benchFloor: { prepare(): Promise<void> } }).benchFloor.prepare(),
    );
    for (let k = 0; k < options.perRound; k += 1) await floorDial(world, frame, r, c, false);
    await floorDial(world, frame, r, c, true);
  }
}
