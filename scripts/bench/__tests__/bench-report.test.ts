/**
 * Self-test of the bench machinery (`npm test`, jest project `checks`): statistics, same-run ratios, target
 * evaluation, the report's shape, trace summaries, seed data (read back by the softphone's own classes) and the
 * command line — without running the bench (no browser, no timing).
 */
import { parseBenchArgs, wants, DEFAULT_OPTIONS } from '../bench-options';
import {
  assembleReport,
  evaluateTargets,
  FIGURE_NAMES,
  heapFigure,
  latencyFigure,
  librariesEntrySource,
  percentile,
  phasesFrom,
  addPhases,
  ratioOf,
  reportProblems,
  slope,
  summarize,
  textSummary,
  TARGETS,
  type BenchFigures,
  type BenchReport,
  type HeapCheckpoint,
  type Sample,
  type TabCount,
} from '../bench-report';
import { newTabsCollected, TAB_COUNTS, TAB_FIGURES, tabsFigures, type TabsCollected } from '../figures/tabs-figures';
import { findMark, scriptClass, summarizeWindow, type TraceEvent } from '../bench-trace';
import { backlogLogs, backlogSeed, smsBacklogLogs, smsBacklogSeed, unresolvedCallsSeed } from '../bench-seed';
import type { SmsLog } from '../../../cti-adapter/src/core/messaging/sms-log';
import { SmsLogOutbox } from '../../../cti-adapter/src/core/messaging/sms-log-outbox';
import { LocalStorageStore, STORAGE_NAMESPACE } from '../../../cti-adapter/src/app/local-storage-store';
import type { CallLog } from '../../../cti-adapter/src/core/call-log/call-log';
import { CallDraftStore } from '../../../cti-adapter/src/core/call-log/call-draft-store';
import { CallLogOutbox } from '../../../cti-adapter/src/core/call-log/call-log-outbox';
import { conflictQueue } from '../../../cti-adapter/src/core/call-log/conflict-queue';
import type { CrmGateway } from '../../../cti-adapter/src/core/ports/crm-gateway';
import { MapStorage } from '../../../cti-adapter/test-support/map-storage';

const samples = (values: number[], perRound = 1): Sample[] =>
  values.map((value, i) => ({ round: Math.floor(i / perRound), value }));

const RUN: BenchReport['run'] = {
  startedAt: '2026-12-01T00:00:00.000Z',
  durationSeconds: 1,
  rounds: 2,
  cpus: 2,
  loadAverage: { start: [1, 1, 1], end: [1, 1, 1] },
  node: 'v20',
  browser: 'chromium',
  commit: 'abc',
  baseline: null,
  skipped: [],
  failures: [],
};

function figures(overrides: Partial<BenchFigures> = {}): BenchFigures {
  const latency = (product: number[], floor: number[]) =>
    latencyFigure({ definition: 'd', floorDefinition: 'f', product: samples(product), floor: samples(floor) });
  return {
    coldStart: latency([300, 320], [250, 260]),
    ringToScreenPop: latency([20, 30], [16, 20]),
    clickToDialToInvite: latency([10, 12], [9, 10]),
    startupInviteToRinging: latency([5, 6], [1, 2]),
    historyRender: latency([100, 110], [50, 60]),
    unresolvedRender: latency([100, 110], [50, 60]),
    roundTripsPerInboundCall: {
      unit: 'round trips',
      definition: 'd',
      perCall: summarize([1, 1, 1]),
      samples: samples([1, 1, 1]),
      byAction: { matchNumbers: 3 },
      beyondOne: [],
    },
    logBacklog: {
      definition: 'd',
      floorDefinition: 'f',
      logs: 1000,
      roundTrips: 5,
      expectedRoundTrips: 5,
      sendMs: summarize([900]),
      floorMs: summarize([800]),
      ratioToFloor: ratioOf(samples([900]), samples([800])),
      baseline: null,
    },
    smsInboundShown: latency([40, 50], [5, 6]),
    smsThreadOpen: latency([80, 90], [30, 35]),
    smsLogBacklog: {
      definition: 'd',
      floorDefinition: 'f',
      logs: 500,
      roundTrips: 3,
      expectedRoundTrips: 3,
      sendMs: summarize([400]),
      floorMs: summarize([350]),
      ratioToFloor: ratioOf(samples([400]), samples([350])),
      baseline: null,
    },
    heap: heapFigure({
      definition: 'd',
      calls: 500,
      checkpoints: [checkpoint(0, 1000), checkpoint(500, 1_025_000)],
      baselineCheckpoints: null,
    }),
    bundle: {
      unit: 'bytes',
      definition: 'd',
      floorDefinition: 'f',
      firstPaintBytes: 400_000,
      firstPaintGzipBytes: 100_000,
      totalGzipBytes: 112_000,
      lazyChunks: [{ file: 'callLogForm.js', gzipBytes: 12_000 }],
      librariesGzipBytes: 80_000,
      ownGzipBytes: 20_000,
      ownShare: 0.2,
      ratioToFloor: 1.25,
      libraries: [],
      baseline: null,
    },
    ...tabsFigures(tabsCollected()),
    ...overrides,
  };
}

/** The tab figures' samples of a sound run: one registration and subscription, silent followers, take-overs ≤ 3 s. */
function tabsCollected(): TabsCollected {
  const c = newTabsCollected();
  c.counts = TAB_COUNTS.map((tabs) => tabCount(tabs));
  c.takeOver.close = { registered: samples([900, 1100]), ringing: samples([1000, 1300]), phases: {} };
  c.takeOver.crash = {
    registered: samples([1200, 1400]),
    ringing: samples([1300, 1500]),
    phases: { 'owner tab crashed → sip-provision sent': samples([300, 320]) },
  };
  c.reRegistration.overBackupProxy.samples = samples([1300, 1500]);
  c.reRegistration.afterSocketDrop.samples = samples([1100, 1250]);
  c.answer.product = samples([320, 340]);
  c.answer.floor = samples([300, 310]);
  return c;
}

function tabCount(tabs: number, overrides: Partial<TabCount> = {}): TabCount {
  const follower = tabs > 1 ? 0 : null;
  return {
    tabs,
    registrations: 1,
    subscriptions: 1,
    followerRingCentralRequests: follower,
    followerRingCentralSockets: follower,
    followerRemoteActions: follower,
    ownerRingCentralRequests: 12,
    ...overrides,
  };
}

describe('statistics', () => {
  test('nearest-rank percentiles, NaN and empty input', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4], 25)).toBe(1);
    expect(percentile([], 50)).toBeNull();
    expect(percentile([NaN, 2], 50)).toBe(2);
  });

  test('summary of samples is rounded to 0.1 and counts only finite values', () => {
    expect(summarize(samples([10.04, 20.06, NaN]))).toEqual({
      n: 2,
      p50: 10,
      p95: 20.1,
      p25: 10,
      p75: 20.1,
      min: 10,
      max: 20.1,
    });
    expect(summarize([]).p50).toBeNull();
  });

  test('least-squares slope (heap growth per call)', () => {
    expect(
      slope([
        { x: 0, y: 1000 },
        { x: 10, y: 21_000 },
        { x: 20, y: 41_000 },
      ]),
    ).toBe(2000);
    expect(slope([{ x: 0, y: 1 }])).toBeNull();
    expect(
      slope([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeNull();
  });
});

describe('ratios measured in the same run', () => {
  test('p50 and p95 ratios, and the per-round ratios with their quartiles', () => {
    const product = samples([20, 22, 40, 44, 30, 33], 2);
    const floor = samples([10, 10, 20, 20, 10, 10], 2);
    const ratio = ratioOf(product, floor);
    expect(ratio.p50).toBe(round2(30 / 10));
    expect(ratio.p95).toBe(round2(44 / 20));
    // per round: 20/10 (median of 20,22 is 20 by nearest rank), 40/20, 30/10
    expect(ratio.paired).toEqual({ rounds: 3, median: 2, p25: 2, p75: 3 });
  });

  test('a round with samples on one side only is not paired; no floor gives no ratio', () => {
    const ratio = ratioOf(samples([20, 30], 1), [{ round: 0, value: 10 }]);
    expect(ratio.paired?.rounds).toBe(1);
    expect(ratioOf(samples([1]), []).p50).toBeNull();
    expect(ratioOf(samples([1]), []).paired).toBeNull();
  });

  test('phases between the milestones that were observed', () => {
    expect(
      phasesFrom([
        ['ring', 100],
        ['sent', 102.5],
        ['missing', null],
        ['answered', 110],
      ]),
    ).toEqual({ 'ring → sent': 2.5, 'sent → answered': 7.5 });
    const into: Record<string, Sample[]> = {};
    addPhases(into, 3, { a: 1 });
    addPhases(into, 4, { a: 2 });
    expect(into).toEqual({
      a: [
        { round: 3, value: 1 },
        { round: 4, value: 2 },
      ],
    });
  });

  test('a latency figure carries product, floor, ratio, breakdown and the baseline comparison', () => {
    const figure = latencyFigure({
      definition: 'd',
      floorDefinition: 'f',
      product: samples([30, 30]),
      floor: samples([20, 20]),
      breakdown: { product: { 'a → b': samples([3, 4]) }, floor: {} },
      baseline: samples([60, 60]),
    });
    expect(figure.ratioToFloor.p50).toBe(1.5);
    expect(figure.breakdown.product['a → b']?.p50).toBe(3);
    expect(figure.baseline?.ratio.p50).toBe(0.5);
    expect(figure.baseline?.ratio.paired?.median).toBe(0.5);
  });
});

describe('targets', () => {
  test('every target is evaluated, and met when the figures are within it', () => {
    const results = evaluateTargets(figures());
    expect(results.map((t) => t.id)).toEqual(TARGETS.map((t) => t.id));
    expect(results.filter((t) => t.met !== true)).toEqual([]);
  });

  test('a figure over its target is reported missed, with its value and limit', () => {
    const results = evaluateTargets(
      figures({
        ringToScreenPop: latencyFigure({
          definition: 'd',
          floorDefinition: 'f',
          product: samples([40, 40]),
          floor: samples([20, 20]),
        }),
        heap: heapFigure({
          definition: 'd',
          calls: 500,
          checkpoints: [
            checkpoint(0, 0),
            { ...checkpoint(500, 10_000_000), storedDrafts: 251, jsEventListeners: 1060 },
          ],
          baselineCheckpoints: null,
        }),
      }),
    );
    const byId = new Map(results.map((t) => [t.id, t]));
    expect(byId.get('ringToScreenPop.p50')).toMatchObject({ value: 2, limit: 1.3, met: false });
    expect(byId.get('heap.growthBytesPerCall')).toMatchObject({ value: 20_000, met: false });
    expect(byId.get('heap.storedDraftsPerCall')).toMatchObject({ value: 0.5, met: false });
    expect(byId.get('heap.jsEventListenersPerCall')).toMatchObject({ value: 2, met: false });
    expect(byId.get('heap.storedOutboxEntriesPerCall')).toMatchObject({ value: 0, met: true });
    expect(evaluateTargetsHeapBaseline()).toEqual({ calls: 500, growthBytesPerCall: 10_000 });
    expect(byId.get('coldStart.p50')?.met).toBe(true);
  });

  test('the backlog target is ⌈N/200⌉ round trips, exactly', () => {
    const backlog = figures().logBacklog!;
    const over = evaluateTargets(figures({ logBacklog: { ...backlog, roundTrips: 1000 } }));
    expect(over.find((t) => t.id === 'logBacklog.roundTrips')).toMatchObject({ value: 1000, limit: 5, met: false });
    const under = evaluateTargets(
      figures({ logBacklog: { ...backlog, logs: 201, expectedRoundTrips: 2, roundTrips: 2 } }),
    );
    expect(under.find((t) => t.id === 'logBacklog.roundTrips')?.met).toBe(true);
  });

  test("the SMS log target is ⌈N/200⌉ round trips for a day's 500 messages, exactly", () => {
    const sms = figures().smsLogBacklog!;
    expect(evaluateTargets(figures()).find((t) => t.id === 'smsLogBacklog.roundTrips')).toMatchObject({
      value: 3,
      limit: 3,
      met: true,
    });
    const over = evaluateTargets(figures({ smsLogBacklog: { ...sms, roundTrips: 500 } }));
    expect(over.find((t) => t.id === 'smsLogBacklog.roundTrips')).toMatchObject({ value: 500, limit: 3, met: false });
    const missing = evaluateTargets(figures({ smsLogBacklog: null }));
    expect(missing.find((t) => t.id === 'smsLogBacklog.roundTrips')?.met).toBeNull();
  });

  test('two round trips on one inbound call miss the one-round-trip target', () => {
    const rt = figures().roundTripsPerInboundCall!;
    const results = evaluateTargets(figures({ roundTripsPerInboundCall: { ...rt, perCall: summarize([1, 2, 1]) } }));
    expect(results.find((t) => t.id === 'roundTripsPerInboundCall.max')?.met).toBe(false);
  });

  test('a figure not measured is "not measured", never met', () => {
    const results = evaluateTargets(figures({ heap: null, bundle: null }));
    expect(results.find((t) => t.id === 'heap.growthBytesPerCall')?.met).toBeNull();
    expect(results.find((t) => t.id === 'bundle.ownShare')?.met).toBeNull();
  });
});

describe('several tabs (issue 13)', () => {
  const byId = (f: BenchFigures) => new Map(evaluateTargets(f).map((t) => [t.id, t]));

  test('1 registration and 1 subscription at 1, 3 and 5 tabs and silent followers meet their targets', () => {
    const results = byId(figures());
    for (const id of [
      'tabsAtSimulator.registrations.max',
      'tabsAtSimulator.registrations.min',
      'tabsAtSimulator.subscriptions.max',
      'tabsAtSimulator.subscriptions.min',
    ])
      expect(results.get(id)).toMatchObject({ value: 1, limit: 1, comparison: '==', met: true });
    for (const id of [
      'tabsAtSimulator.followerRingCentralRequests',
      'tabsAtSimulator.followerRingCentralSockets',
      'tabsAtSimulator.followerRemoteActions',
    ])
      expect(results.get(id)).toMatchObject({ value: 0, limit: 0, met: true });
  });

  test('a second registration with 5 tabs, no subscription, or a follower that calls RingCentral misses', () => {
    const c = tabsCollected();
    c.counts = [
      tabCount(1),
      tabCount(3, { subscriptions: 0, followerRingCentralRequests: 4 }),
      tabCount(5, { registrations: 2, followerRemoteActions: 1 }),
    ];
    const results = byId(figures(tabsFigures(c)));
    expect(results.get('tabsAtSimulator.registrations.max')).toMatchObject({ value: 2, met: false });
    expect(results.get('tabsAtSimulator.registrations.min')).toMatchObject({ value: 1, met: true });
    expect(results.get('tabsAtSimulator.subscriptions.min')).toMatchObject({ value: 0, met: false });
    expect(results.get('tabsAtSimulator.followerRingCentralRequests')).toMatchObject({ value: 4, met: false });
    expect(results.get('tabsAtSimulator.followerRemoteActions')).toMatchObject({ value: 1, met: false });
    expect(results.get('tabsAtSimulator.followerRingCentralSockets')?.met).toBe(true);
  });

  test('with one tab only there is no follower: the follower targets are not measured', () => {
    const c = tabsCollected();
    c.counts = [tabCount(1)];
    const results = byId(figures(tabsFigures(c)));
    expect(results.get('tabsAtSimulator.followerRingCentralRequests')?.met).toBeNull();
    expect(results.get('tabsAtSimulator.registrations.max')?.met).toBe(true);
  });

  test('take-overs and re-registrations are held to 3 s at p95, each kind on its own', () => {
    expect(byId(figures()).get('takeOver.crash.ringing.p95')).toMatchObject({
      value: 1500,
      limit: 3000,
      kind: 'absolute',
      met: true,
    });
    const c = tabsCollected();
    c.takeOver.crash.registered = samples([1000, 3200]);
    c.reRegistration.overBackupProxy.samples = samples([2500, 10_400]);
    const results = byId(figures(tabsFigures(c)));
    expect(results.get('takeOver.crash.registered.p95')).toMatchObject({ value: 3200, met: false });
    expect(results.get('takeOver.close.registered.p95')?.met).toBe(true);
    expect(results.get('reRegistration.overBackupProxy.p95')).toMatchObject({ value: 10_400, met: false });
    expect(results.get('reRegistration.afterSocketDrop.p95')?.met).toBe(true);
  });

  test('nothing collected gives no tab figure; a take-over kind without a sample is a problem, not a pass', () => {
    expect(tabsFigures(newTabsCollected())).toEqual({
      tabsAtSimulator: null,
      takeOver: null,
      reRegistration: null,
      followerAnswerToMedia: null,
    });
    expect(Object.keys(tabsFigures(newTabsCollected())).sort()).toEqual([...TAB_FIGURES].sort());
    const c = tabsCollected();
    c.takeOver.crash = { registered: [], ringing: [], phases: {} };
    c.reRegistration.afterSocketDrop.samples = [];
    const report = assembleReport(RUN, figures(tabsFigures(c)));
    expect(reportProblems(report)).toEqual([
      'takeOver: no crash sample',
      'reRegistration: no sample after a socket drop',
    ]);
    expect(report.targets.find((t) => t.id === 'takeOver.crash.registered.p95')?.met).toBeNull();
  });

  test("the follower's Answer → media is a latency next to the owner tab's own Answer, with its breakdown", () => {
    const c = tabsCollected();
    c.answer.productPhases = { 'Answer clicked in the follower → first audio packet at the customer': samples([320]) };
    const figure = tabsFigures(c).followerAnswerToMedia!;
    expect(figure).toMatchObject({
      unit: 'ms',
      product: { n: 2, p50: 320 },
      floor: { n: 2, p50: 300 },
      baseline: null,
    });
    expect(figure.ratioToFloor.p50).toBe(1.07);
    expect(Object.keys(figure.breakdown.product)).toEqual([
      'Answer clicked in the follower → first audio packet at the customer',
    ]);
  });

  test('the breakdown of a take-over is summarised per phase, and the text summary has a line per figure', () => {
    const report = assembleReport(RUN, figures());
    expect(report.figures.takeOver?.crash.breakdown['owner tab crashed → sip-provision sent']).toMatchObject({
      n: 2,
      p50: 300,
    });
    const text = textSummary(report);
    expect(text).toContain(
      '5 tabs: 1 SIP registration(s), 1 event subscription(s) at the simulator; the most any follower sent: 0 RingCentral requests, 0 RingCentral sockets, 0 remote actions (owner: 12 RingCentral requests)',
    );
    expect(text.some((l) => l.startsWith('owner tab crashed (3 tabs) → a follower registered: p50 1200 ms'))).toBe(
      true,
    );
    expect(
      text.some((l) => l.startsWith('re-registration: primary proxy down → registered over the backup p50 1300 ms')),
    ).toBe(true);
  });
});

describe('report shape', () => {
  test('a complete report has every figure, targets counted, and no problem', () => {
    const report = assembleReport(RUN, figures());
    expect(report.schema).toBe('softphone-bench/2');
    expect(Object.keys(report.figures).sort()).toEqual([...FIGURE_NAMES].sort());
    expect(report.targetsMet).toEqual({ met: TARGETS.length, missed: 0, notMeasured: 0 });
    expect(reportProblems(report)).toEqual([]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(textSummary(report).some((l) => l.startsWith('ring → screen pop: p50 20 ms'))).toBe(true);
  });

  test('a figure missing without being listed as skipped, or a latency without a floor, is a problem', () => {
    const noHeap = assembleReport(RUN, figures({ heap: null }));
    expect(reportProblems(noHeap)).toEqual(['heap: not measured and not listed as skipped']);
    expect(reportProblems(assembleReport({ ...RUN, skipped: ['heap'] }, figures({ heap: null })))).toEqual([]);
    const noFloor = latencyFigure({ definition: 'd', floorDefinition: 'f', product: samples([1]), floor: [] });
    expect(reportProblems(assembleReport(RUN, figures({ coldStart: noFloor })))).toEqual([
      'coldStart: no floor sample',
      'coldStart: no ratio to the floor',
    ]);
  });
});

describe('libraries-alone entry', () => {
  test('re-imports each collected binding and keeps it alive', () => {
    const source = librariesEntrySource([
      { specifier: 'lwc', imports: ['LightningElement', 'registerTemplate'] },
      { specifier: 'ringcentral-web-phone', imports: ['default'] },
      { specifier: 'some-ns', imports: ['*'] },
      { specifier: 'polyfill', imports: [] },
    ]);
    expect(source).toContain('import { LightningElement as l0, registerTemplate as l1 } from "lwc";');
    expect(source).toContain('import l2 from "ringcentral-web-phone";');
    expect(source).toContain('import * as l3 from "some-ns";');
    expect(source).toContain('import "polyfill";');
    expect(source).toContain('globalThis.__softphoneBenchLibraries = [l0, l1, l2, l3];');
  });
});

describe('trace summary', () => {
  const T = { pid: 1, tid: 1 };
  const task = (ts: number, dur: number, tdur: number, src = 'x/y/url_loader.cc'): TraceEvent => ({
    name: 'ThreadControllerImpl::RunTask',
    ph: 'X',
    ts,
    dur,
    tdur,
    ...T,
    args: { src_file: src },
  });
  const events: TraceEvent[] = [
    { name: 'softphone:ringing:c1', cat: 'blink.user_timing', ph: 'I', ts: 1000, ...T },
    task(1000, 2000, 2000),
    {
      name: 'FunctionCall',
      ph: 'X',
      ts: 1100,
      dur: 1500,
      ...T,
      args: { data: { url: 'http://localhost:1/resource/1/SoftphoneBundle' } },
    },
    task(3500, 1000, 200),
    task(5000, 1000, 1000),
    { name: 'Layout', ph: 'X', ts: 5100, dur: 800, ...T },
    task(6000, 4000, 4000),
    {
      name: 'FunctionCall',
      ph: 'X',
      ts: 6000,
      dur: 3000,
      ...T,
      args: { data: { url: 'http://localhost:2/console/open-cti-host.js' } },
    },
    { name: 'MinorGC', ph: 'X', ts: 6500, dur: 500, ...T },
    { name: 'ThreadControllerImpl::RunTask', ph: 'X', ts: 2000, dur: 9000, pid: 2, tid: 2 },
  ];

  test('main-thread time of the window by origin, CPU time, rendering and GC', () => {
    const mark = findMark(events, 'softphone:ringing:c1');
    expect(mark).toEqual({ pid: 1, tid: 1, ts: 1000 });
    const summary = summarizeWindow(events, mark!, 1000, 8000);
    expect(summary).toEqual({
      windowMs: 7,
      busyMs: 6,
      cpuMs: 5.2,
      byOrigin: { 'softphone bundle': 2, 'console stand-in': 2, 'other (url_loader)': 1, 'style, layout, paint': 1 },
      renderingMs: 0.8,
      gcMs: 0.5,
    });
  });

  test('script classes', () => {
    expect(scriptClass('http://localhost:9/resource/123/SoftphoneBundle')).toBe('softphone bundle');
    expect(scriptClass('http://localhost:9/resource/BenchFloorBundle')).toBe('floor page bundle');
    expect(scriptClass('http://localhost:9/console/console-app.js')).toBe('console stand-in');
    expect(scriptClass('http://localhost:9/support/api/62.0/lightning/opencti_min.js')).toBe('Open CTI library');
    expect(scriptClass('http://localhost:9/jslibrary/visualforce-remoting.js')).toBe('remoting library');
    expect(scriptClass('http://localhost:9/x/y.js')).toBe('script /x/y.js');
  });
});

describe('seed data', () => {
  // The org and user of the seeded softphone; the app keys an agent's storage by them (src/app/main.ts).
  const AGENT = { orgId: '00Dxx0000001gEREAY', userId: '005xx000001X8UzAAK' };
  const OTHER = { orgId: AGENT.orgId, userId: '005xx000001X9ZzAAK' };
  const storageOf = (entries: [string, string][]): MapStorage => {
    const storage = new MapStorage();
    for (const [k, v] of entries) storage.setItem(k, v);
    return storage;
  };
  /** The store the app gives the engine of `agent` after a reload (the page's `localStorage` holds `entries`). */
  const storeOf = (entries: [string, string][], agent = AGENT): LocalStorageStore =>
    LocalStorageStore.forUser(agent.orgId, agent.userId, { storage: storageOf(entries) });
  /** Every seeded key is the agent's own: read as it is, never through the adoption of pre-upgrade keys. */
  const expectAgentKeys = (entries: [string, string][]): void => {
    const namespace = `${STORAGE_NAMESPACE}${AGENT.orgId}:${AGENT.userId}:`;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter(([key]) => !key.startsWith(namespace))).toEqual([]);
  };

  test("unresolved calls are ended, unlogged drafts the agent's softphone reads back into its Unresolved queue", () => {
    const seed = unresolvedCallsSeed(3, Date.UTC(2026, 11, 1), AGENT);
    expectAgentKeys(seed.entries);
    const { drafts } = new CallDraftStore(storeOf(seed.entries)).list();
    expect(drafts.map((d) => d.call.callId).sort()).toEqual([...seed.ids].sort());
    expect(conflictQueue(drafts).map((e) => e.reason)).toEqual(['no-match', 'no-match', 'no-match']);
    expect(new CallDraftStore(storeOf(seed.entries, OTHER)).list().drafts).toEqual([]);
  });

  test('a backlog is N pending outbox entries of the agent, due now, that the outbox sends in ⌈N/200⌉ batches', async () => {
    const now = Date.UTC(2026, 11, 1);
    const logs = backlogLogs(401, 'b-', now);
    const seed = backlogSeed(logs, now, AGENT);
    expectAgentKeys(seed.entries);
    const batches: number[] = [];
    const gateway = {
      upsertCallLogs: (sent: readonly CallLog[]) => {
        batches.push(sent.length);
        return Promise.resolve(
          sent.map((l) => ({
            telephonySessionId: l.telephonySessionId,
            ok: true as const,
            taskId: `T${l.telephonySessionId}`,
            created: true,
            superseded: false,
          })),
        );
      },
    } as unknown as CrmGateway;
    const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };
    const outbox = new CallLogOutbox({ gateway, store: storeOf(seed.entries), clock });
    expect(outbox.list().filter((e) => e.status === 'pending')).toHaveLength(401);
    await outbox.flush();
    expect(batches).toEqual([200, 200, 1]);
    // Another agent of the same browser neither reads nor sends them.
    expect(new CallLogOutbox({ gateway, store: storeOf(seed.entries, OTHER), clock }).list()).toEqual([]);
  });

  test("a day's SMS logs are N pending SMS outbox entries in the agent's namespace, sent in ⌈N/200⌉ batches", async () => {
    const now = Date.UTC(2026, 11, 1, 12);
    const logs = smsBacklogLogs(500, 'c-', now);
    expect(new Set(logs.map((l) => `${l.conversationId}:${l.day}`)).size).toBe(500);
    const seed = smsBacklogSeed(logs, now, { orgId: '00D000000000001', userId: '005000000000001' });
    expect(seed.entries.every(([k]) => k.startsWith('rcsf:00D000000000001:005000000000001:softphone.smsOutbox.'))).toBe(
      true,
    );
    const storage = new MapStorage();
    for (const [k, v] of seed.entries) storage.setItem(k, v);
    const batches: number[] = [];
    const gateway = {
      upsertSmsLogs: (sent: readonly SmsLog[]) => {
        batches.push(sent.length);
        return Promise.resolve(sent.map(() => ({ ok: true as const, taskId: 'T' })));
      },
    };
    const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => undefined };
    const store = LocalStorageStore.forUser('00D000000000001', '005000000000001', { storage });
    const outbox = new SmsLogOutbox({ gateway, store, clock });
    expect(outbox.list().filter((e) => e.status === 'pending')).toHaveLength(500);
    await outbox.flush();
    expect(batches).toEqual([200, 200, 100]);
  });
});

describe('command line', () => {
  test('defaults, --baseline, --quick, --only, --out', () => {
    expect(parseBenchArgs([])).toEqual(DEFAULT_OPTIONS);
    const o = parseBenchArgs([
      '--baseline',
      'main',
      '--quick',
      '--rounds=4',
      '--only',
      'heap,bundle',
      '--out',
      'r.json',
    ]);
    expect(o).toMatchObject({ baseline: 'main', rounds: 4, heapCalls: 60, out: 'r.json' });
    expect(wants(o, 'heap')).toBe(true);
    expect(wants(o, 'coldStart')).toBe(false);
    expect(wants(parseBenchArgs([]), 'coldStart')).toBe(true);
    const sms = parseBenchArgs(['--only', 'smsInboundShown,smsThreadOpen,smsLogBacklog']);
    expect(['smsInboundShown', 'smsThreadOpen', 'smsLogBacklog'].every((f) => wants(sms, f as never))).toBe(true);
    expect(wants(sms, 'logBacklog')).toBe(false);
    const tabs = parseBenchArgs(['--quick', '--only', TAB_FIGURES.join(',')]);
    expect(TAB_FIGURES.every((f) => wants(tabs, f))).toBe(true);
    expect(tabs.rounds).toBe(3);
  });

  test('unknown options and malformed values are refused with the usage', () => {
    expect(() => parseBenchArgs(['--rounds', '0'])).toThrow('--rounds needs a whole number');
    expect(() => parseBenchArgs(['--baseline'])).toThrow('--baseline needs a git ref');
    expect(() => parseBenchArgs(['--only', 'speed'])).toThrow('unknown: speed');
    expect(() => parseBenchArgs(['--fast'])).toThrow('Usage: npm run bench');
  });
});

/** The baseline's heap slope, measured alongside (current and baseline figures come from their own checkpoints). */
function evaluateTargetsHeapBaseline(): { calls: number; growthBytesPerCall: number | null } {
  const figure = heapFigure({
    definition: 'd',
    calls: 500,
    checkpoints: [checkpoint(0, 0)],
    baselineCheckpoints: [checkpoint(0, 0), checkpoint(500, 5_000_000)],
  });
  return { calls: figure.baseline!.calls, growthBytesPerCall: figure.baseline!.growthBytesPerCall };
}

function checkpoint(calls: number, usedHeapBytes: number): HeapCheckpoint {
  return {
    calls,
    usedHeapBytes,
    domNodes: 500,
    attachedElements: 300,
    jsEventListeners: 60,
    storedDrafts: 1,
    storedOutboxEntries: 1,
    storageBytes: 5000,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
