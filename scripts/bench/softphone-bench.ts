/**
 * `npm run bench` (run by `scripts/bench/run.mjs`): measures each figure of the softphone next to the floor it cannot
 * beat on this machine, in the same run, and prints ONE JSON object (`bench-report.ts`: figures, floors, ratios,
 * targets met or not). Progress and a text summary go to stderr. Nothing here asserts a time.
 *
 * A run: build (product, libraries alone, floor page) → start the harness (and, with `--baseline <ref>`, the
 * baseline's own harness next to it) → headless Chromium, one context per harness, signed in → rounds (cold start,
 * click-to-dial → INVITE, ring → screen pop: product, baseline and floor alternating) → INVITE during startup →
 * heap over N calls → Unresolved and History with N entries → backlog of N logs → report.
 * Figures and their floors: README "npm run bench".
 */
import { chromium, type Browser, type Frame } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, cpus } from 'node:os';
import { parsePhoneNumberWithError } from 'libphonenumber-js/min';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../cti-adapter/test-support/chromium';
import { customer } from '../../cti-adapter/e2e/support/softphone-world';
import { headCommit, prepareBaseline, type Baseline } from './bench-baseline';
import {
  BENCH_DIR,
  FLOOR_PAGE,
  FLOOR_PAGES_DIR,
  FLOOR_RESOURCES_DIR,
  REPO_ROOT,
  buildForBench,
  type BenchBuilds,
} from './bench-build';
import { parseBenchArgs, wants, type BenchOptions } from './bench-options';
import {
  addPhases,
  assembleReport,
  heapFigure,
  latencyFigure,
  phasesFrom,
  ratioOf,
  reportProblems,
  round,
  slope,
  summarize,
  textSummary,
  UPSERT_BATCH_SIZE,
  type BenchFigures,
  type HeapCheckpoint,
  type LatencyFigure,
  type Sample,
  type TracedPhase,
} from './bench-report';
import {
  agentTurn,
  bareHistoryData,
  bareMatchAndPop,
  bareUpserts,
  clickTabAndTimeList,
  lastCallLogUrl,
  markEpoch,
  probe,
  readStartTimeline,
  remotingRequestAfter,
  removeStorageKeys,
  storageCounts,
  timeHtmlRender,
  writeStorage,
} from './bench-probes';
import type { CallLog } from '../../cti-adapter/src/core/call-log/call-log';
import { findMark, summarizeWindow, type TraceEvent } from './bench-trace';
import { backlogLogs, backlogSeed, seedCallHistory, unresolvedCallsSeed } from './bench-seed';
import {
  AGENT,
  control,
  openWorld,
  remoteTotal,
  startHarnessOf,
  type AdapterMode,
  type BenchWorld,
} from './bench-world';

const CALLER = '+16505550101'; // Ann Lee, stored in another format in the org (one match → pop)
const CALLEE = '+16505550107'; // Initech's main number, on the Initech Account page
const PHONE_TAB = '[data-tab="phone"]';

function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, read: () => T | null | undefined, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function waitForMark(frame: Frame, name: string, timeoutMs = 30_000): Promise<void> {
  await frame.waitForFunction((n) => performance.getEntriesByName(n, 'mark').length > 0, name, {
    timeout: timeoutMs,
    polling: 5,
  });
}

async function discardLogs(frame: Frame): Promise<void> {
  for (let i = 0; i < 20 && (await frame.$('.softphone-log-discard')); i += 1) {
    await frame.click('.softphone-log-discard').catch(() => undefined);
    await sleep(50);
  }
}

/** The Initech Account page of the world's console (click-to-dial field, and where cold starts load). */
function accountUrl(world: BenchWorld): string {
  const initech = world.harness.org.store.all('Account').find((r) => r.Name === 'Initech');
  if (!initech) throw new Error('no Initech Account in the sample data');
  return new URL(`/lightning/r/Account/${String(initech.Id)}/view`, world.harness.urls.consoleOrigin).href;
}

/** Loads the console with the product (or the floor page) in its utility bar and waits until it is ready. */
async function loadConsole(world: BenchWorld, mode: AdapterMode, url = accountUrl(world)): Promise<Frame> {
  world.mode = mode;
  await world.console.goto(url);
  const frame = await world.frame();
  if (mode === 'product') {
    await waitForMark(frame, 'softphone:initialization-complete');
    await frame.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  } else {
    await waitForMark(frame, 'floor:initialization-complete');
  }
  return frame;
}

// ------------------------------------------------------------------------------------------------ samples

/** Steps that failed (a sample lost, the run goes on): reported in `run.failures`. */
const failures: string[] = [];

/**
 * Runs one step; a failure is logged, recorded and followed by a console reload in product mode (the next step starts
 * from a ready softphone), so a 10-minute run does not die on one lost sample.
 */
async function attempt(label: string, world: BenchWorld, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    const message = `${world.label} ${label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    failures.push(message);
    progress(`FAILED ${message}`);
    await discardAndReload(world).catch((e: unknown) => progress(`recovery failed: ${String(e)}`));
  }
}

async function discardAndReload(world: BenchWorld): Promise<void> {
  const base = world.harness.urls.rcControl;
  const live = base
    ? ((
        (await (await fetch(`${base}/calls`)).json()) as { records?: { telephonySessionId?: string; state?: string }[] }
      ).records ?? [])
    : [];
  for (const call of live.filter((x) => x.telephonySessionId && x.state !== 'Ended'))
    await control(world, `/calls/${call.telephonySessionId}/hangup`, {}).catch(() => undefined);
  const frame = await loadConsole(world, 'product');
  await discardLogs(frame);
}

interface LatencySamples {
  product: Sample[];
  floor: Sample[];
  productPhases: Record<string, Sample[]>;
  floorPhases: Record<string, Sample[]>;
  baseline: Sample[];
}

const newLatency = (): LatencySamples => ({ product: [], floor: [], productPhases: {}, floorPhases: {}, baseline: [] });

interface Collected {
  coldStart: LatencySamples;
  ring: LatencySamples;
  dial: LatencySamples;
  startup: LatencySamples;
  history: LatencySamples;
  unresolved: LatencySamples;
  roundTrips: Sample[];
  roundTripActions: Record<string, number>;
}

function newCollected(): Collected {
  return {
    coldStart: newLatency(),
    ring: newLatency(),
    dial: newLatency(),
    startup: newLatency(),
    history: newLatency(),
    unresolved: newLatency(),
    roundTrips: [],
    roundTripActions: {},
  };
}

/** Records a product sample for the current world, or a baseline sample. */
function record(
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

function recordFloor(into: LatencySamples, roundIndex: number, value: number, phases?: Record<string, number>): void {
  into.floor.push({ round: roundIndex, value });
  if (phases) addPhases(into.floorPhases, roundIndex, phases);
}

// ------------------------------------------------------------------------------------------------ cold start

const START_MILESTONES = [
  ['document received', 'documentReceived'],
  ['bundle downloaded', 'bundleLoaded'],
  ['bundle running', 'bundleRunning'],
  ['UI mounted', 'mounted'],
  ['RingCentral session restored', 'sessionRestored'],
  ['sip-provision sent', 'provisionSent'],
  ['sip-provision answered', 'provisioned'],
  ['registered', 'registered'],
  ['initialization complete', 'initializationComplete'],
] as const;

async function coldStart(world: BenchWorld, mode: AdapterMode, r: number, into: LatencySamples): Promise<Frame> {
  const frame = await loadConsole(world, mode);
  const t = await probe(frame, readStartTimeline, undefined);
  if (t.initializationComplete === null) throw new Error(`${world.label} ${mode}: no initialization-complete mark`);
  const phases = phasesFrom([['navigation', 0], ...START_MILESTONES.map(([label, key]) => [label, t[key]] as const)]);
  if (t.settingsSent !== null && t.settingsReceived !== null)
    phases['settings round trip (parallel)'] = round(t.settingsReceived - t.settingsSent, 2)!;
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

async function clearConsoleLog(world: BenchWorld): Promise<void> {
  await world.console.evaluate(() => {
    (window as unknown as { harnessConsole: { openCtiLog: unknown[] } }).harnessConsole.openCtiLog.length = 0;
  });
}

let lastPopArgs: Record<string, unknown> | null = null;

/** One inbound call from the caller's customer phone: ring → pop received by the console; round trips counted. */
/** Milestones of one sample: name and epoch ms (`null`/`undefined` when not observed). */
type Milestones = [string, number | null | undefined][];

async function productRingToPop(world: BenchWorld, frame: Frame, r: number, c: Collected): Promise<Milestones> {
  await frame.evaluate(() => performance.clearResourceTimings());
  await clearConsoleLog(world);
  const before = world.remoteCalls.length;
  await customer(world.caller!, 'call', AGENT.number);
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
  }
  return milestones;
}

const callerParts = (() => {
  const p = parsePhoneNumberWithError(CALLER);
  return { e164: p.number, countryCallingCode: p.countryCallingCode, nationalNumber: p.nationalNumber };
})();

/** The floor of ring → pop: bare matchNumbers + bare screenPop from the adapter frame (product idle). */
async function floorRingToPop(world: BenchWorld, frame: Frame, r: number, c: Collected): Promise<Milestones> {
  if (!lastPopArgs) return [];
  await clearConsoleLog(world);
  await frame.evaluate(() => performance.clearResourceTimings());
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

async function productDial(world: BenchWorld, frame: Frame, r: number, c: Collected): Promise<void> {
  await frame.evaluate(() => performance.clearMarks('softphone:click-to-dial'));
  await world.console.click('[data-click-to-dial="enabled"]');
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

async function productRound(world: BenchWorld, r: number, options: BenchOptions, c: Collected): Promise<void> {
  const frame = await coldStart(world, 'product', r, c.coldStart);
  if (wants(options, 'clickToDialToInvite'))
    for (let k = 0; k < options.perRound; k += 1) await productDial(world, frame, r, c);
  if (wants(options, 'ringToScreenPop') || wants(options, 'roundTripsPerInboundCall'))
    for (let k = 0; k < options.perRound; k += 1) {
      await productRingToPop(world, frame, r, c);
      if (world.label === 'current') await floorRingToPop(world, frame, r, c);
    }
}

async function floorRound(world: BenchWorld, r: number, options: BenchOptions, c: Collected): Promise<void> {
  const frame = await coldStart(world, 'floor', r, c.coldStart);
  if (wants(options, 'clickToDialToInvite')) {
    await frame.evaluate(() =>
      (window as unknown as { benchFloor: { prepare(): Promise<void> } }).benchFloor.prepare(),
    );
    for (let k = 0; k < options.perRound; k += 1) await floorDial(world, frame, r, c, false);
    await floorDial(world, frame, r, c, true);
  }
}

// ------------------------------------------------------------------------------------------------ INVITE at startup

/**
 * Reloads the console and, the moment the simulator answers the new page's REGISTER with 200, places an inbound call
 * (control API, simulated caller): INVITE sent by the simulator → ringing (product) or the web phone's `inboundCall`
 * (floor page).
 */
async function startupInvite(world: BenchWorld, mode: AdapterMode, r: number, c: Collected): Promise<void> {
  world.mode = mode;
  const registered = world.nextRegistration();
  const navigation = world.console.goto(accountUrl(world));
  const registeredAt = await registered;
  const placed = await control<{ telephonySessionId: string }>(world, '/calls/inbound', {
    from: CALLER,
    to: AGENT.number,
  });
  await navigation;
  const inviteSent = [...world.invitesSent.entries()].find(([, at]) => at >= registeredAt);
  if (!inviteSent) throw new Error('the simulator sent no INVITE');
  const [callId, sentAt] = inviteSent;
  const frame = await world.frame();
  const markName = mode === 'product' ? `softphone:ringing:${callId}` : `floor:inbound:${callId}`;
  await waitForMark(frame, markName, 20_000);
  const ringing = (await probe(frame, markEpoch, markName))!;
  const navigationStart = await frame.evaluate(() => performance.timeOrigin);
  const phases = phasesFrom([
    ['navigation', navigationStart],
    ['REGISTER answered', registeredAt],
    ['INVITE sent', sentAt],
    [mode === 'product' ? 'ringing' : 'inboundCall event', ringing],
  ]);
  if (mode === 'floor') recordFloor(c.startup, r, round(ringing - sentAt, 2)!, phases);
  else record(c.startup, world, r, round(ringing - sentAt, 2)!, phases);
  await control(world, `/calls/${placed.telephonySessionId}/hangup`, {}).catch(() => undefined);
  if (mode === 'product') {
    await frame.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
    await waitForMark(
      frame,
      mode === 'product' ? 'softphone:initialization-complete' : 'floor:initialization-complete',
    );
    await discardLogs(frame);
  }
  await sleep(300);
}

// ------------------------------------------------------------------------------------------------ heap

async function measureHeap(
  world: BenchWorld,
  calls: number,
): Promise<{ growth: number | null; checkpoints: HeapCheckpoint[] }> {
  const frame = await loadConsole(world, 'product');
  // The heap browser keys processes by origin: the frame has a renderer of its own, so the heap and DOM counters
  // below are the softphone's alone (not the console's, which shares the process otherwise).
  const cdp = await world.context.newCDPSession(frame);
  const checkpoints: HeapCheckpoint[] = [];
  const measure = async (done: number): Promise<void> => {
    await clearConsoleLog(world);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
    const stored = await probe(frame, storageCounts, undefined);
    checkpoints.push({
      calls: done,
      usedHeapBytes: heap.usedSize,
      domNodes: dom.nodes,
      jsEventListeners: dom.jsEventListeners,
      storedDrafts: stored.drafts,
      storedOutboxEntries: stored.outbox,
      storageBytes: stored.bytes,
    });
  };
  const warmup = Math.min(20, Math.max(2, Math.floor(calls / 10)));
  const every = Math.max(1, Math.floor(calls / 10));
  for (let i = 0; i < warmup + calls; i += 1) {
    if (i === warmup || (i > warmup && (i - warmup) % every === 0)) await measure(i - warmup);
    await heapCall(world, frame, i);
    if (i % 50 === 49) progress(`${world.label} heap: ${i + 1 - warmup}/${calls} calls`);
  }
  await measure(calls);
  await cdp.detach().catch(() => undefined);
  const s = slope(checkpoints.map((p) => ({ x: p.calls, y: p.usedHeapBytes })));
  return { growth: s === null ? null : round(s, 0), checkpoints };
}

/** One call of the heap figure: answered, hung up and logged (even calls), or declined and discarded (odd). */
async function heapCall(world: BenchWorld, frame: Frame, i: number): Promise<void> {
  await clearConsoleLog(world);
  const placed = await control<{ telephonySessionId: string }>(world, '/calls/inbound', {
    from: CALLER,
    to: AGENT.number,
  });
  await probe(frame, agentTurn, { kind: i % 2 === 0 ? 'answer-log' : 'decline-discard', timeoutMs: 20_000 });
  await control(world, `/calls/${placed.telephonySessionId}/hangup`, {}).catch(() => undefined);
}

// ------------------------------------------------------------------------------------------------ lists

const LIST_HOST = '.slds-tabs_default';

interface ListSpec {
  tab: string;
  rows: string;
  list: string;
  /** Text the list shows while it loads. */
  busy: string | null;
  /** The floor's data part (History: the same requests, bare), ms; `null` when the list needs no data. */
  floorData: ((frame: Frame) => Promise<number | null>) | null;
}

/**
 * `reps` times: Phone tab, then the list's tab clicked → rows painted; for the current world, then the floor: its data
 * part (if any) and the same rows' HTML set into the page → painted. Returns the rows shown.
 */
async function timeList(
  world: BenchWorld,
  frame: Frame,
  spec: ListSpec,
  reps: number,
  into: LatencySamples,
): Promise<number> {
  let rows = 0;
  for (let r = 0; r < reps; r += 1) {
    await frame.click(PHONE_TAB);
    await sleep(300);
    await frame.evaluate(() => performance.clearResourceTimings());
    const { tab, rows: rowSelector, list, busy } = spec;
    const t = await probe(frame, clickTabAndTimeList, {
      tab,
      rows: rowSelector,
      list,
      busy,
      settleMs: 500,
      timeoutMs: 30_000,
    });
    rows = t.rows;
    record(into, world, r, round(t.painted, 2)!, {
      'click → rows in the DOM': round(t.dom, 2)!,
      'rows in the DOM → painted': round(t.painted - t.dom, 2)!,
    });
    if (world.label !== 'current') continue;
    const data = spec.floorData ? await spec.floorData(frame) : 0;
    await frame.click(PHONE_TAB);
    await sleep(300);
    const render = await probe(frame, timeHtmlRender, { html: t.html, host: LIST_HOST });
    if (data === null) continue;
    const phases: Record<string, number> = { 'same HTML set → painted': round(render, 2)! };
    if (spec.floorData) phases['data (bare requests)'] = round(data, 2)!;
    recordFloor(into, r, round(data + render, 2)!, phases);
  }
  return rows;
}

async function unresolvedRender(world: BenchWorld, entries: number, reps: number, c: Collected): Promise<number> {
  let frame = await loadConsole(world, 'product');
  const seed = unresolvedCallsSeed(entries, Date.now());
  await probe(frame, writeStorage, { entries: seed.entries, remove: false });
  frame = await loadConsole(world, 'product');
  try {
    return await timeList(
      world,
      frame,
      {
        tab: '[data-tab="unresolved"]',
        rows: '.softphone-unresolved li',
        list: '.softphone-unresolved',
        busy: null,
        floorData: null,
      },
      reps,
      c.unresolved,
    );
  } finally {
    await probe(frame, removeStorageKeys, ['bench-unresolved-']);
    await loadConsole(world, 'product');
  }
}

async function historyRender(world: BenchWorld, reps: number, c: Collected): Promise<number> {
  const frame = await loadConsole(world, 'product');
  return timeList(
    world,
    frame,
    {
      tab: '[data-tab="history"]',
      rows: '.softphone-history-row',
      list: '.softphone-history',
      busy: 'Loading…',
      floorData: async (f) => {
        const url = await probe(f, lastCallLogUrl, undefined);
        return url ? probe(f, bareHistoryData, { url }) : null;
      },
    },
    reps,
    c.history,
  );
}

// ------------------------------------------------------------------------------------------------ backlog

interface BacklogResult {
  roundTrips: number;
  sendMs: number;
  failed: number;
  logs: CallLog[];
}

/** Seeds `n` unsent logs, reloads, and waits until the outbox sent them all; server-side times of the upserts. */
async function backlogSend(world: BenchWorld, n: number): Promise<BacklogResult> {
  let frame = await loadConsole(world, 'product');
  const logs = backlogLogs(n, `bench-backlog-${world.label}-${Date.now()}-`, Date.now());
  const seed = backlogSeed(logs, Date.now());
  await probe(frame, writeStorage, { entries: seed.entries, remove: false });
  const from = world.remoteCalls.length;
  world.mode = 'product';
  await world.console.goto(accountUrl(world));
  const sent = (): number =>
    world.remoteCalls
      .slice(from)
      .filter((call) => call.method === 'upsertCallLogs')
      .reduce((a, b) => a + b.items, 0);
  await waitFor('the backlog to be sent', () => (sent() >= n ? true : null), 120_000);
  const upserts = world.remoteCalls.slice(from).filter((call) => call.method === 'upsertCallLogs');
  frame = await world.frame();
  await frame.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  const ids = new Set(seed.ids);
  const tasks = world.harness.org.store.all('Task').filter((t) => ids.has(String(t.CALL_UNIQUE_ID__c)));
  await probe(frame, removeStorageKeys, ['bench-backlog-']);
  return {
    roundTrips: upserts.length,
    sendMs: round(upserts.at(-1)!.endedAt - upserts[0]!.startedAt, 2)!,
    failed: n - tasks.length,
    logs,
  };
}

/**
 * The floor: the same logs in ⌈n/200⌉ bare upserts sent back to back from the adapter frame (server-side times). The
 * same ids, so the org stand-in searches as many Tasks per log as it did for the softphone's (it scans them all to
 * find a log's Task; new ids would scan 1,000 more each).
 */
async function backlogFloor(world: BenchWorld, logs: readonly CallLog[]): Promise<number> {
  const frame = await loadConsole(world, 'product');
  const batches: unknown[][] = [];
  for (let i = 0; i < logs.length; i += UPSERT_BATCH_SIZE) batches.push(logs.slice(i, i + UPSERT_BATCH_SIZE));
  const from = world.remoteCalls.length;
  await probe(frame, bareUpserts, { batches });
  const upserts = world.remoteCalls.slice(from).filter((call) => call.method === 'upsertCallLogs');
  return round(upserts.at(-1)!.endedAt - upserts[0]!.startedAt, 2)!;
}

// ------------------------------------------------------------------------------------------------ traces

const TRACE_CATEGORIES = ['devtools.timeline', 'blink.user_timing', 'toplevel', 'v8', 'disabled-by-default-v8.gc'];

/** Runs `sample` under a Chromium trace (written to `dir/name.json`) and returns the trace's events. */
async function traced<T>(
  browser: Browser,
  world: BenchWorld,
  dir: string,
  name: string,
  sample: () => Promise<T>,
): Promise<{ result: T; events: TraceEvent[] }> {
  await browser.startTracing(world.console, { categories: TRACE_CATEGORIES });
  let outcome: { ok: true; result: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, result: await sample() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  const buffer = await browser.stopTracing();
  writeFileSync(join(dir, `${name}.json`), buffer);
  if (!outcome.ok) throw outcome.error;
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  return { result: outcome.result, events };
}

/**
 * The main thread of the frame, phase by phase: milestones are epoch ms (or ms since navigation), the first one a
 * mark found in the trace, which anchors the others on the trace clock.
 */
function tracePhases(events: readonly TraceEvent[], anchorMark: string, milestones: Milestones): TracedPhase[] {
  const seen = milestones.filter((m): m is [string, number] => typeof m[1] === 'number');
  const anchor = seen.find(([name]) => name === anchorMark);
  const mark = findMark(events, anchorMark);
  if (!anchor || !mark) return [];
  const ts = (value: number): number => mark.ts + (value - anchor[1]) * 1000;
  const out: TracedPhase[] = [];
  if (seen.length > 1)
    out.push({ phase: 'whole', ...summarizeWindow(events, mark, ts(seen[0]![1]), ts(seen.at(-1)![1])) });
  for (let i = 1; i < seen.length; i += 1) {
    const label = (n: string): string => n.replace(/^softphone:|^bench:/, '').replace(/:[^:]*$/, '');
    out.push({
      phase: `${label(seen[i - 1]![0])} → ${label(seen[i]![0])}`,
      ...summarizeWindow(events, mark, ts(seen[i - 1]![1]), ts(seen[i]![1])),
    });
  }
  return out;
}

/** Traced samples (not counted in the figures): a cold start of each page, then ring → pop of the product and floor. */
async function traceSamples(
  browser: Browser,
  world: BenchWorld,
  dir: string,
): Promise<Record<string, TracedPhase[][]>> {
  mkdirSync(dir, { recursive: true });
  const scratch: Collected = newCollected();
  const out: Record<string, TracedPhase[][]> = {
    coldStart: [],
    coldStartFloor: [],
    ringToScreenPop: [],
    ringToScreenPopFloor: [],
  };
  for (let i = 0; i < 2; i += 1) {
    for (const mode of ['product', 'floor'] as const) {
      const { result: frame, events } = await traced(browser, world, dir, `cold-start-${mode}-${i + 1}`, () =>
        loadConsole(world, mode),
      );
      const t = await probe(frame, readStartTimeline, undefined);
      const anchor = mode === 'product' ? 'softphone:initialization-complete' : 'floor:initialization-complete';
      const milestones: Milestones = [
        ['navigation', 0],
        ...START_MILESTONES.map(([label, key]) => [label, t[key]] as [string, number | null]),
      ];
      milestones[milestones.length - 1] = [anchor, t.initializationComplete];
      out[mode === 'product' ? 'coldStart' : 'coldStartFloor']!.push(tracePhases(events, anchor, milestones));
    }
  }
  const frame = await loadConsole(world, 'product');
  for (let i = 0; i < 3; i += 1) {
    const product = await traced(browser, world, dir, `ring-to-pop-product-${i + 1}`, () =>
      productRingToPop(world, frame, 0, scratch),
    );
    out.ringToScreenPop!.push(tracePhases(product.events, product.result[0]![0], product.result));
    const floor = await traced(browser, world, dir, `ring-to-pop-floor-${i + 1}`, () =>
      floorRingToPop(world, frame, 0, scratch),
    );
    out.ringToScreenPopFloor!.push(tracePhases(floor.events, 'bench:floor-ring-start', floor.result));
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ main

function latency(
  s: LatencySamples,
  definition: string,
  floorDefinition: string,
  withBaseline: boolean,
): LatencyFigure | null {
  if (s.product.length === 0 && s.baseline.length === 0) return null;
  return latencyFigure({
    definition,
    floorDefinition,
    product: s.product,
    floor: s.floor,
    breakdown: { product: s.productPhases, floor: s.floorPhases },
    baseline: withBaseline ? s.baseline : null,
  });
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const startedAt = new Date();
  const loadStart = loadavg().map((n) => round(n, 2)!);
  progress('building the bundle, the libraries alone and the floor page (the softphone build, same settings)');
  const builds: BenchBuilds = await buildForBench({ reuseProduct: !options.build });
  let baseline: Baseline | null = null;
  const cleanups: (() => Promise<void>)[] = [];
  let browser: Browser | null = null;
  const c: Collected = newCollected();
  let traces: Record<string, TracedPhase[][]> | null = null;
  const heap: Partial<Record<'current' | 'baseline', { growth: number | null; checkpoints: HeapCheckpoint[] }>> = {};
  const backlog: Partial<Record<'current' | 'baseline', BacklogResult>> = {};
  let backlogFloorMs: number | null = null;
  const listRows = { unresolved: 0, history: 0 };
  try {
    if (options.baseline) {
      baseline = prepareBaseline(REPO_ROOT, options.baseline, progress);
      const b = baseline;
      cleanups.push(async () => b.remove());
    }
    progress('starting the harness');
    const currentHarness = await startHarnessOf({
      label: 'current',
      root: REPO_ROOT,
      extraPagesDirs: [FLOOR_PAGES_DIR],
      extraStaticResourcesDirs: [FLOOR_RESOURCES_DIR],
      floorPage: FLOOR_PAGE,
    });
    cleanups.unshift(() => currentHarness.harness.stop());
    const baselineHarness = baseline ? await startHarnessOf({ label: 'baseline', root: baseline.root }) : null;
    if (baselineHarness) cleanups.unshift(() => baselineHarness.harness.stop());
    for (const h of [currentHarness, baselineHarness]) {
      if (h && wants(options, 'historyRender') && h.harness.rcPlatform)
        seedCallHistory(h.harness.rcPlatform.model, options.entries, AGENT.number);
    }
    const spki = [currentHarness, baselineHarness]
      .map((h) => h?.harness.rcPlatform?.certificate.spkiSha256Base64)
      .filter(Boolean);
    const browserArgs = [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki.join(',')}`];
    browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: browserArgs });
    progress('signing in');
    const current = await openWorld(browser, currentHarness, {
      label: 'current',
      root: REPO_ROOT,
      floorPage: FLOOR_PAGE,
    });
    const base =
      baselineHarness && baseline
        ? await openWorld(browser, baselineHarness, { label: 'baseline', root: baseline.root })
        : null;
    const worlds = base ? [current, base] : [current];

    const roundsWanted = ['coldStart', 'ringToScreenPop', 'clickToDialToInvite', 'roundTripsPerInboundCall'].some((f) =>
      wants(options, f as never),
    );
    if (roundsWanted) {
      for (let r = 0; r < options.rounds; r += 1) {
        const steps: (() => Promise<void>)[] = [
          () => attempt(`round ${r + 1}`, current, () => productRound(current, r, options, c)),
          ...(base ? [() => attempt(`round ${r + 1}`, base, () => productRound(base, r, options, c))] : []),
          () => attempt(`floor round ${r + 1}`, current, () => floorRound(current, r, options, c)),
        ];
        for (const step of r % 2 === 0 ? steps : steps.reverse()) await step();
        const last = (s: LatencySamples): string =>
          `${s.product.at(-1)?.value ?? '–'} (floor ${s.floor.at(-1)?.value ?? '–'}${base ? `, baseline ${s.baseline.at(-1)?.value ?? '–'}` : ''})`;
        progress(
          `round ${r + 1}/${options.rounds}: cold start ${last(c.coldStart)}, ring → pop ${last(c.ring)}, dial → INVITE ${last(c.dial)}`,
        );
      }
    }
    if (options.trace) {
      progress(`tracing cold starts and ring → pop (not counted in the figures) into ${options.trace}`);
      traces = await traceSamples(browser, current, options.trace);
    }
    if (wants(options, 'startupInviteToRinging')) {
      for (let r = 0; r < options.startupSamples; r += 1) {
        const steps: (() => Promise<void>)[] = [
          () => attempt('INVITE at startup', current, () => startupInvite(current, 'product', r, c)),
          ...(base ? [() => attempt('INVITE at startup', base, () => startupInvite(base, 'product', r, c))] : []),
          () => attempt('floor INVITE at startup', current, () => startupInvite(current, 'floor', r, c)),
        ];
        for (const step of r % 2 === 0 ? steps : steps.reverse()) await step();
        progress(
          `INVITE during startup ${r + 1}/${options.startupSamples}: ${c.startup.product.at(-1)?.value} ms (floor ${c.startup.floor.at(-1)?.value})`,
        );
      }
    }
    if (wants(options, 'unresolvedRender')) {
      for (const w of worlds)
        await attempt('Unresolved', w, async () => {
          listRows.unresolved = Math.max(listRows.unresolved, await unresolvedRender(w, options.entries, 3, c));
        });
      progress(`Unresolved: ${summarize(c.unresolved.product).p50} ms (floor ${summarize(c.unresolved.floor).p50})`);
    }
    if (wants(options, 'historyRender')) {
      for (const w of worlds)
        await attempt('History', w, async () => {
          listRows.history = Math.max(listRows.history, await historyRender(w, 3, c));
        });
      progress(`History: ${summarize(c.history.product).p50} ms (floor ${summarize(c.history.floor).p50})`);
    }
    if (wants(options, 'logBacklog')) {
      for (const w of worlds)
        await attempt('backlog', w, async () => {
          backlog[w.label] = await backlogSend(w, options.entries);
        });
      if (backlog.current) {
        const logs = backlog.current.logs;
        await attempt('backlog floor', current, async () => {
          backlogFloorMs = await backlogFloor(current, logs);
        });
      }
      progress(
        `backlog: ${backlog.current?.roundTrips} round trips, ${backlog.current?.sendMs} ms (floor ${backlogFloorMs})`,
      );
    }
    progress(`remote round trips served in the run: ${remoteTotal(current)}`);
    current.mode = 'product';
    await browser.close();
    browser = null;
    if (wants(options, 'heap')) {
      // A browser of its own with a process per origin (ports count): the adapter frame's renderer holds the
      // softphone only, not the console (same site, so storage and the login are as in the other browser).
      browser = await chromium.launch({
        executablePath: CHROMIUM_EXECUTABLE,
        headless: true,
        args: [...browserArgs, '--enable-features=OriginKeyedProcessesByDefault'],
      });
      const heapWorlds = [
        await openWorld(browser, currentHarness, { label: 'current', root: REPO_ROOT, customerPhones: false }),
        ...(baselineHarness && baseline
          ? [
              await openWorld(browser, baselineHarness, {
                label: 'baseline',
                root: baseline.root,
                customerPhones: false,
              }),
            ]
          : []),
      ];
      for (const w of heapWorlds) {
        progress(`${w.label} heap: ${options.heapCalls} calls`);
        await attempt('heap', w, async () => {
          heap[w.label] = await measureHeap(w, options.heapCalls);
        });
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }

  const withBaseline = baseline !== null;
  const figures: BenchFigures = {
    coldStart: latency(
      c.coldStart,
      'adapter frame navigation start → initialization complete (notifyInitializationComplete answered by the console), console reloaded on an Account page with a stored RingCentral login',
      'a bare page in the same frame (same origin, Open CTI and remoting libraries) loading only the RingCentral SDK and web phone: sip-provision + REGISTER with the stored login, getSoftphoneSettings and getCallCenterSettings in parallel, then notifyInitializationComplete',
      withBaseline,
    ),
    ringToScreenPop: latency(
      c.ring,
      'softphone:ringing mark (INVITE turned into a ringing call) → the console receives the Open CTI screenPop (one matchNumbers round trip in between); caller +16505550101 from a customer phone',
      'from the same frame, product idle: one bare matchNumbers remoting round trip, then one bare screenPop with the same arguments → the console receives it',
      withBaseline,
    ),
    clickToDialToInvite: latency(
      c.dial,
      'softphone:click-to-dial mark (the onClickToDial event reached the frame) → the simulator receives the INVITE',
      "the floor page's web phone: WebPhone.call(number) with the call's offer prepared beforehand (as the softphone does) → the simulator receives the INVITE; the breakdown also shows call() with the library's own media session (microphone + peer connection + ICE gathering inside the call)",
      withBaseline,
    ),
    startupInviteToRinging: latency(
      c.startup,
      'INVITE sent by the simulator the moment the reloading page registered → softphone:ringing mark',
      "the same on the floor page: INVITE sent → the web phone's inboundCall event",
      withBaseline,
    ),
    historyRender: latency(
      c.history,
      `History tab clicked → its rows painted (RingCentral call-log GET + getCallLogStatus + render; ${options.entries} calls in the call log, ${listRows.history} rows shown)`,
      "the same call-log GET and one bare getCallLogStatus from the frame, then the same rows' HTML set into the page → painted",
      withBaseline,
    ),
    unresolvedRender: latency(
      c.unresolved,
      `Unresolved tab clicked → its rows painted (${options.entries} unresolved calls stored, ${listRows.unresolved} rows shown)`,
      "the same rows' HTML set into the page → painted",
      withBaseline,
    ),
    roundTripsPerInboundCall:
      c.roundTrips.length === 0
        ? null
        : {
            unit: 'round trips',
            definition:
              'remote actions served by the org stand-in from the ring to the call declined and its log discarded',
            perCall: summarize(c.roundTrips),
            samples: c.roundTrips,
            byAction: c.roundTripActions,
          },
    logBacklog: backlog.current
      ? {
          definition: `${options.entries} unsent logs in the outbox at a reload → upsertCallLogs round trips until all are saved; time from the first upsert reaching the server to the last one answered`,
          floorDefinition: `the same N logs again in ⌈N/${UPSERT_BATCH_SIZE}⌉ bare upsertCallLogs sent back to back from the adapter frame (same server-side end points)`,
          logs: options.entries,
          roundTrips: backlog.current.roundTrips,
          expectedRoundTrips: Math.ceil(options.entries / UPSERT_BATCH_SIZE),
          sendMs: summarize([backlog.current.sendMs]),
          floorMs: summarize(backlogFloorMs === null ? [] : [backlogFloorMs]),
          ratioToFloor: ratioOf(
            [{ round: 0, value: backlog.current.sendMs }],
            backlogFloorMs === null ? [] : [{ round: 0, value: backlogFloorMs }],
          ),
          baseline: backlog.baseline
            ? {
                roundTrips: backlog.baseline.roundTrips,
                sendMs: summarize([backlog.baseline.sendMs]),
                ratio: ratioOf(
                  [{ round: 0, value: backlog.current.sendMs }],
                  [{ round: 0, value: backlog.baseline.sendMs }],
                ),
              }
            : null,
        }
      : null,
    heap: heap.current
      ? heapFigure({
          definition:
            'JS heap used by the softphone frame after two forced GCs (Chrome DevTools Protocol; a browser with origin-keyed processes, so the frame has a renderer of its own), least-squares slope over checkpoints every tenth of the calls after a warm-up; calls (control API, simulated caller) alternate answered + hung up + logged and declined + discarded; checkpoints also count the frame renderer’s DOM nodes and JS event listeners and the drafts / outbox entries kept in localStorage',
          calls: options.heapCalls,
          checkpoints: heap.current.checkpoints,
          baseline: heap.baseline ? { growthBytesPerCall: heap.baseline.growth, calls: options.heapCalls } : null,
        })
      : null,
    bundle: wants(options, 'bundle')
      ? {
          unit: 'bytes',
          definition: 'the adapter page’s bundle (SoftphoneBundle, loaded before the first paint), gzip level 9',
          floorDefinition:
            'the same build (same plugins, shims, minifier) of an entry importing only the third-party bindings our modules import (LWC engine incl. what compiled templates use, web phone, SDK, libphonenumber with its metadata, …)',
          firstPaintBytes: builds.product.bytes,
          firstPaintGzipBytes: builds.product.gzipBytes,
          librariesGzipBytes: builds.libraries.gzipBytes,
          ownGzipBytes: builds.product.gzipBytes - builds.libraries.gzipBytes,
          ownShare: round((builds.product.gzipBytes - builds.libraries.gzipBytes) / builds.product.gzipBytes, 3)!,
          ratioToFloor: round(builds.product.gzipBytes / builds.libraries.gzipBytes, 2)!,
          libraries: builds.libraries.imports,
          baseline: baseline
            ? {
                firstPaintGzipBytes: baseline.bundle.gzipBytes,
                ratio: round(builds.product.gzipBytes / baseline.bundle.gzipBytes, 3)!,
              }
            : null,
        }
      : null,
  };
  const skipped = (Object.keys(figures) as (keyof BenchFigures)[]).filter((k) => figures[k] === null);
  const report = assembleReport(
    {
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      rounds: options.rounds,
      cpus: cpus().length,
      loadAverage: { start: loadStart, end: loadavg().map((n) => round(n, 2)!) },
      node: process.version,
      browser: 'chromium (headless, /usr/bin/chromium)',
      commit: headCommit(REPO_ROOT),
      baseline: baseline ? { ref: baseline.ref, commit: baseline.commit } : null,
      skipped,
      failures,
    },
    figures,
    traces,
  );
  const problems = reportProblems(report);
  for (const line of textSummary(report)) progress(line);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  process.stdout.write(json);
  if (options.out) writeFileSync(options.out, json);
  if (problems.length > 0) {
    progress(`the report is incomplete: ${problems.join('; ')}`);
    process.exitCode = 1;
  }
  void BENCH_DIR;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
