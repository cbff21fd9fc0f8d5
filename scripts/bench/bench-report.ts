/**
 * The pure half of `npm run bench`: statistics over samples, ratios measured in the same run (product / floor,
 * current / baseline), the JSON report's shape and the evaluation of the targets. No browser, no clock, no I/O:
 * `scripts/bench/__tests__/bench-report.test.ts` checks it (`npm test`, jest project `checks`), so a broken bench
 * is noticed without running the bench.
 *
 * Samples carry the round they were taken in: a ratio is computed per round (median of the numerator's samples in
 * that round over the median of the denominator's), because the two sides of one round ran within seconds of each
 * other on the same loaded machine, while two rounds can be 50 % apart.
 */
import { BUDGET_GZIP_BYTES } from '../build/bundle-budget.mjs';
import type { TraceWindowSummary } from './bench-trace';

/** One measurement (ms, bytes, count) taken in round `round` (0-based). */
export interface Sample {
  readonly round: number;
  readonly value: number;
}

/** Distribution of a set of samples; every field is `null` when there is none. */
export interface Summary {
  readonly n: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p25: number | null;
  readonly p75: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/** `numerator / denominator` for one figure. */
export interface RatioSummary {
  /** p50 of the numerator over p50 of the denominator. */
  readonly p50: number | null;
  /** p95 of the numerator over p95 of the denominator. */
  readonly p95: number | null;
  /** Per-round ratios (rounds with samples on both sides): their median and quartiles, the spread to read. */
  readonly paired: {
    readonly rounds: number;
    readonly median: number;
    readonly p25: number;
    readonly p75: number;
  } | null;
}

/** Nearest-rank percentile (`p` in 0–100) of `values`, or `null` when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const sorted = [...finite].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Rounds to `digits` decimals (`null` stays `null`). */
export function round(value: number | null, digits = 1): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Summary of sample values (or plain numbers), rounded to 0.1. */
export function summarize(samples: readonly (Sample | number)[]): Summary {
  const values = samples.map((s) => (typeof s === 'number' ? s : s.value)).filter((v) => Number.isFinite(v));
  const at = (p: number): number | null => round(percentile(values, p));
  return {
    n: values.length,
    p50: at(50),
    p95: at(95),
    p25: at(25),
    p75: at(75),
    min: at(0),
    max: at(100),
  };
}

function divide(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b <= 0) return null;
  return round(a / b, 2);
}

/** Median value of each round. */
function medianPerRound(samples: readonly Sample[]): Map<number, number> {
  const byRound = new Map<number, number[]>();
  for (const s of samples) {
    if (!Number.isFinite(s.value)) continue;
    const list = byRound.get(s.round) ?? [];
    list.push(s.value);
    byRound.set(s.round, list);
  }
  const out = new Map<number, number>();
  for (const [r, list] of byRound) out.set(r, percentile(list, 50)!);
  return out;
}

/** `numerator / denominator`: ratio of the p50s and p95s, and the per-round ratios' median and quartiles. */
export function ratioOf(numerator: readonly Sample[], denominator: readonly Sample[]): RatioSummary {
  const top = summarize(numerator);
  const bottom = summarize(denominator);
  const a = medianPerRound(numerator);
  const b = medianPerRound(denominator);
  const perRound: number[] = [];
  for (const [r, value] of a) {
    const under = b.get(r);
    if (under !== undefined && under > 0) perRound.push(value / under);
  }
  return {
    p50: divide(top.p50, bottom.p50),
    p95: divide(top.p95, bottom.p95),
    paired:
      perRound.length === 0
        ? null
        : {
            rounds: perRound.length,
            median: round(percentile(perRound, 50), 2)!,
            p25: round(percentile(perRound, 25), 2)!,
            p75: round(percentile(perRound, 75), 2)!,
          },
  };
}

/** Least-squares slope of `y` over `x` (e.g. heap bytes over call count), or `null` with fewer than 2 points. */
export function slope(points: readonly { readonly x: number; readonly y: number }[]): number | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? null : num / den;
}

// ------------------------------------------------------------------------------------------------ report shape

/** A latency of the product next to its floor measured in the same run (and, with `--baseline`, the baseline's). */
export interface LatencyFigure {
  readonly unit: 'ms';
  /** What is timed, from which event to which. */
  readonly definition: string;
  /** What the floor is (the same end points with nothing of ours in between). */
  readonly floorDefinition: string;
  readonly product: Summary;
  readonly floor: Summary;
  /** product / floor. */
  readonly ratioToFloor: RatioSummary;
  /** Where the product's time goes (phases in ms, medians over the samples), and the floor's. */
  readonly breakdown: { readonly product: Record<string, Summary>; readonly floor: Record<string, Summary> };
  readonly samples: { readonly product: readonly Sample[]; readonly floor: readonly Sample[] };
  readonly baseline: BaselineComparison | null;
}

/** Current next to the baseline, measured alternately in the same run. */
export interface BaselineComparison {
  readonly baseline: Summary;
  /** current / baseline. */
  readonly ratio: RatioSummary;
  readonly samples: readonly Sample[];
}

export interface BundleFigure {
  readonly unit: 'bytes';
  readonly definition: string;
  readonly floorDefinition: string;
  /** What the adapter page loads before its first paint (the entry and what it imports statically, the UI chunk and its). */
  readonly firstPaintBytes: number;
  readonly firstPaintGzipBytes: number;
  /** Every chunk of the static resource (each file gzipped on its own, as it is sent). */
  readonly totalGzipBytes: number;
  /** The chunks the softphone imports later (`import()`), prefetched after its start. */
  readonly lazyChunks: readonly { readonly file: string; readonly gzipBytes: number }[];
  /** The same build of the third-party code the first-paint chunk's modules import, alone. */
  readonly librariesGzipBytes: number;
  readonly ownGzipBytes: number;
  /** ownGzipBytes / firstPaintGzipBytes. */
  readonly ownShare: number;
  /** firstPaintGzipBytes / librariesGzipBytes. */
  readonly ratioToFloor: number;
  readonly libraries: readonly { readonly specifier: string; readonly imports: readonly string[] }[];
  readonly baseline: { readonly firstPaintGzipBytes: number; readonly ratio: number } | null;
}

export interface HeapFigure {
  readonly unit: 'bytes';
  readonly definition: string;
  readonly calls: number;
  /** Least-squares slope of the JS heap after GC over the call count (after the warm-up). */
  readonly growthBytesPerCall: number | null;
  /** Least-squares slopes per call of the other counters (what accumulates). */
  readonly perCall: {
    readonly domNodes: number | null;
    /** Elements attached to the frame's document: DOM nodes growing while these stay flat are detached and retained. */
    readonly attachedElements: number | null;
    readonly jsEventListeners: number | null;
    readonly storedDrafts: number | null;
    readonly storedOutboxEntries: number | null;
    readonly storageBytes: number | null;
  };
  readonly checkpoints: readonly HeapCheckpoint[];
  /** The baseline's slopes over as many calls. */
  readonly baseline: ({ readonly calls: number } & Pick<HeapFigure, 'growthBytesPerCall' | 'perCall'>) | null;
}

/** Slopes per call of the heap and of each counter over the checkpoints (least squares). */
export function heapSlopes(checkpoints: readonly HeapCheckpoint[]): Pick<HeapFigure, 'growthBytesPerCall' | 'perCall'> {
  const per = (key: keyof HeapCheckpoint, digits: number): number | null =>
    round(slope(checkpoints.map((p) => ({ x: p.calls, y: p[key] }))), digits);
  return {
    growthBytesPerCall: per('usedHeapBytes', 0),
    perCall: {
      domNodes: per('domNodes', 2),
      attachedElements: per('attachedElements', 2),
      jsEventListeners: per('jsEventListeners', 2),
      storedDrafts: per('storedDrafts', 3),
      storedOutboxEntries: per('storedOutboxEntries', 3),
      storageBytes: per('storageBytes', 0),
    },
  };
}

/** The heap figure from its checkpoints (and the baseline's, measured in the same run). */
export function heapFigure(input: {
  definition: string;
  calls: number;
  checkpoints: readonly HeapCheckpoint[];
  baselineCheckpoints: readonly HeapCheckpoint[] | null;
}): HeapFigure {
  return {
    unit: 'bytes',
    definition: input.definition,
    calls: input.calls,
    ...heapSlopes(input.checkpoints),
    checkpoints: input.checkpoints,
    baseline: input.baselineCheckpoints ? { calls: input.calls, ...heapSlopes(input.baselineCheckpoints) } : null,
  };
}

/** Most a counter may grow per call and still "not accumulate" (1 in 100 calls: noise, a late GC). */
export const NOT_ACCUMULATING_PER_CALL = 0.01;

export interface HeapCheckpoint {
  readonly calls: number;
  readonly usedHeapBytes: number;
  readonly domNodes: number;
  readonly attachedElements: number;
  readonly jsEventListeners: number;
  readonly storedDrafts: number;
  readonly storedOutboxEntries: number;
  readonly storageBytes: number;
}

export interface RoundTripFigure {
  readonly unit: 'round trips';
  readonly definition: string;
  readonly perCall: Summary;
  readonly samples: readonly Sample[];
  /** Remote actions made during the calls, by name (all calls together). */
  readonly byAction: Readonly<Record<string, number>>;
  /** The calls that took more than one round trip: each action with its request (JSON, cut to 200 characters). */
  readonly beyondOne: readonly { readonly round: number; readonly actions: readonly string[] }[];
}

export interface BacklogFigure {
  readonly definition: string;
  readonly floorDefinition: string;
  readonly logs: number;
  readonly roundTrips: number;
  /** ⌈logs / 200⌉ (the contract's batch size). */
  readonly expectedRoundTrips: number;
  readonly sendMs: Summary;
  readonly floorMs: Summary;
  readonly ratioToFloor: RatioSummary;
  readonly baseline: { readonly roundTrips: number; readonly sendMs: Summary; readonly ratio: RatioSummary } | null;
}

/** Agent's footprint at the simulator with N console tabs of one browser open and settled (issue 13). */
export interface TabCount {
  readonly tabs: number;
  /** The agent's live SIP registrations at the simulator (the customer phones' are not counted). */
  readonly registrations: number;
  /** Live event-subscription WebSockets at the simulator (the customer phones open none). */
  readonly subscriptions: number;
  /** The most requests any follower tab sent to the RingCentral server (REST and OAuth), `null` with no follower. */
  readonly followerRingCentralRequests: number | null;
  /** The most WebSockets any follower tab opened to the RingCentral server (SIP or subscription). */
  readonly followerRingCentralSockets: number | null;
  /** The most Salesforce remote actions (`/apexremote`) any follower tab sent. */
  readonly followerRemoteActions: number | null;
  /** The owner tab's own requests to the RingCentral server, for contrast. */
  readonly ownerRingCentralRequests: number;
}

export interface TabsAtSimulatorFigure {
  readonly unit: 'count';
  readonly definition: string;
  readonly byTabs: readonly TabCount[];
}

/** One way the owner tab goes away: its samples (ms from the kill). */
export interface TakeOverSeries {
  /** Kill → the simulator answers the new owner's REGISTER with 200. */
  readonly registered: Summary;
  /** Kill → an inbound call placed the moment the new owner registered is shown ringing in every remaining tab. */
  readonly ringing: Summary;
  readonly breakdown: Record<string, Summary>;
  readonly samples: { readonly registered: readonly Sample[]; readonly ringing: readonly Sample[] };
}

export interface TakeOverFigure {
  readonly unit: 'ms';
  readonly definition: string;
  /** Tabs open before each kill (the owner and its followers). */
  readonly tabs: number;
  /** The owner tab closed (`pagehide` runs: its web phone unregisters). */
  readonly close: TakeOverSeries;
  /** The owner tab's renderer crashed (nothing of it runs). */
  readonly crash: TakeOverSeries;
}

/** SIP re-registration after the owner's SIP WebSocket dropped (issue 13, ADR 0028's second amendment). */
export interface ReRegistrationFigure {
  readonly unit: 'ms';
  readonly definition: string;
  /** Primary proxy outage (socket dropped, new connections refused) → registered through the backup proxy. */
  readonly overBackupProxy: Summary;
  /** The socket dropped with the primary proxy up (the backup's outage) → registered again through the primary. */
  readonly afterSocketDrop: Summary;
  readonly breakdown: {
    readonly overBackupProxy: Record<string, Summary>;
    readonly afterSocketDrop: Record<string, Summary>;
  };
  readonly samples: { readonly overBackupProxy: readonly Sample[]; readonly afterSocketDrop: readonly Sample[] };
}

/** Summaries of a set of per-sample phases. */
export function phaseSummaries(record: Record<string, readonly Sample[]> | undefined): Record<string, Summary> {
  return Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, summarize(v)]));
}

/** A take-over series from its samples and phases. */
export function takeOverSeries(input: {
  registered: readonly Sample[];
  ringing: readonly Sample[];
  phases: Record<string, readonly Sample[]>;
}): TakeOverSeries {
  return {
    registered: summarize(input.registered),
    ringing: summarize(input.ringing),
    breakdown: phaseSummaries(input.phases),
    samples: { registered: input.registered, ringing: input.ringing },
  };
}

/** Most follower requests over the tab counts measured (`null` when no count had a follower). */
function followerMost(figure: TabsAtSimulatorFigure | null, key: keyof TabCount): number | null {
  const values = (figure?.byTabs ?? []).map((c) => c[key]).filter((v): v is number => typeof v === 'number');
  return figure && figure.byTabs.some((c) => c.tabs > 1) && values.length > 0 ? Math.max(...values) : null;
}

function countExtreme(figure: TabsAtSimulatorFigure | null, key: 'registrations' | 'subscriptions', most: boolean) {
  if (!figure || figure.byTabs.length === 0) return null;
  const values = figure.byTabs.map((c) => c[key]);
  return most ? Math.max(...values) : Math.min(...values);
}

export interface BenchFigures {
  readonly coldStart: LatencyFigure | null;
  readonly ringToScreenPop: LatencyFigure | null;
  readonly clickToDialToInvite: LatencyFigure | null;
  readonly startupInviteToRinging: LatencyFigure | null;
  readonly historyRender: LatencyFigure | null;
  readonly unresolvedRender: LatencyFigure | null;
  readonly roundTripsPerInboundCall: RoundTripFigure | null;
  readonly logBacklog: BacklogFigure | null;
  readonly smsInboundShown: LatencyFigure | null;
  readonly smsThreadOpen: LatencyFigure | null;
  readonly smsLogBacklog: BacklogFigure | null;
  readonly heap: HeapFigure | null;
  readonly bundle: BundleFigure | null;
  readonly tabsAtSimulator: TabsAtSimulatorFigure | null;
  readonly takeOver: TakeOverFigure | null;
  readonly reRegistration: ReRegistrationFigure | null;
  readonly followerAnswerToMedia: LatencyFigure | null;
}

export const FIGURE_NAMES = [
  'coldStart',
  'ringToScreenPop',
  'clickToDialToInvite',
  'startupInviteToRinging',
  'historyRender',
  'unresolvedRender',
  'roundTripsPerInboundCall',
  'logBacklog',
  'smsInboundShown',
  'smsThreadOpen',
  'smsLogBacklog',
  'heap',
  'bundle',
  'tabsAtSimulator',
  'takeOver',
  'reRegistration',
  'followerAnswerToMedia',
] as const satisfies readonly (keyof BenchFigures)[];

export interface TargetResult {
  readonly id: string;
  readonly description: string;
  /** `ratio`: against the floor measured in the same run; `absolute`: a fixed budget. */
  readonly kind: 'ratio' | 'absolute' | 'count';
  readonly value: number | null;
  readonly limit: number;
  readonly comparison: '<=' | '==';
  /** `null` when the figure was not measured in this run. */
  readonly met: boolean | null;
}

/** One phase of a traced sample: where the frame's main-thread time went. */
export type TracedPhase = { readonly phase: string } & TraceWindowSummary;

export interface BenchReport {
  readonly schema: 'softphone-bench/2';
  readonly run: {
    readonly startedAt: string;
    readonly durationSeconds: number;
    readonly rounds: number;
    readonly cpus: number;
    readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
    readonly node: string;
    readonly browser: string;
    readonly commit: string;
    readonly baseline: { readonly ref: string; readonly commit: string } | null;
    readonly skipped: readonly string[];
    /** Steps that failed during the run (their samples are missing). */
    readonly failures: readonly string[];
  };
  readonly figures: BenchFigures;
  readonly targets: readonly TargetResult[];
  readonly targetsMet: { readonly met: number; readonly missed: number; readonly notMeasured: number };
  /**
   * With `--trace <dir>`: traced samples (not counted in the figures), per figure a list of samples, each a list of
   * phases with the frame's main-thread time by origin (`bench-trace.ts`).
   */
  readonly traces: Readonly<Record<string, readonly (readonly TracedPhase[])[]>> | null;
}

// ------------------------------------------------------------------------------------------------ targets

/** Contract batch size of `upsertCallLogs` (docs/contracts/softphone-remote-api.md). */
export const UPSERT_BATCH_SIZE = 200;

interface TargetSpec {
  readonly id: string;
  readonly description: string;
  readonly kind: TargetResult['kind'];
  readonly limit: number;
  readonly comparison: '<=' | '==';
  readonly read: (f: BenchFigures) => number | null;
}

/** Issue 13: a follower becomes owner and registers within 3 s; re-registration after a WebSocket drop ≤ 3 s. */
export const TAKE_OVER_LIMIT_MS = 3000;

/** Issue 13's targets for several tabs: N tabs cost one registration and one subscription, followers no request. */
const TAB_TARGETS: readonly TargetSpec[] = [
  ...(['registrations', 'subscriptions'] as const).flatMap((key) =>
    ([true, false] as const).map((most): TargetSpec => ({
      id: `tabsAtSimulator.${key}.${most ? 'max' : 'min'}`,
      description: `exactly 1 ${key === 'registrations' ? 'SIP registration' : 'event subscription'} at the simulator with 1, 3 and 5 tabs (the ${most ? 'most' : 'fewest'})`,
      kind: 'count',
      limit: 1,
      comparison: '==',
      read: (f) => countExtreme(f.tabsAtSimulator, key, most),
    })),
  ),
  {
    id: 'tabsAtSimulator.followerRingCentralRequests',
    description: 'a follower tab sends no request to RingCentral (the most any follower sent)',
    kind: 'count',
    limit: 0,
    comparison: '==',
    read: (f) => followerMost(f.tabsAtSimulator, 'followerRingCentralRequests'),
  },
  {
    id: 'tabsAtSimulator.followerRingCentralSockets',
    description: 'a follower tab opens no WebSocket to RingCentral (the most any follower opened)',
    kind: 'count',
    limit: 0,
    comparison: '==',
    read: (f) => followerMost(f.tabsAtSimulator, 'followerRingCentralSockets'),
  },
  {
    id: 'tabsAtSimulator.followerRemoteActions',
    description: 'a follower tab makes no Salesforce remote action (the most any follower made)',
    kind: 'count',
    limit: 0,
    comparison: '==',
    read: (f) => followerMost(f.tabsAtSimulator, 'followerRemoteActions'),
  },
  ...(['close', 'crash'] as const).flatMap((how) =>
    (['registered', 'ringing'] as const).map((what): TargetSpec => ({
      id: `takeOver.${how}.${what}.p95`,
      description: `owner tab ${how === 'close' ? 'closed' : 'crashed'} → ${what === 'registered' ? 'a follower registered' : 'the next call rings in the other tabs'} p95 ≤ ${TAKE_OVER_LIMIT_MS / 1000} s`,
      kind: 'absolute',
      limit: TAKE_OVER_LIMIT_MS,
      comparison: '<=',
      read: (f) => f.takeOver?.[how][what].p95 ?? null,
    })),
  ),
  {
    id: 'reRegistration.overBackupProxy.p95',
    description: `primary SIP proxy down → registered through the backup proxy p95 ≤ ${TAKE_OVER_LIMIT_MS / 1000} s`,
    kind: 'absolute',
    limit: TAKE_OVER_LIMIT_MS,
    comparison: '<=',
    read: (f) => f.reRegistration?.overBackupProxy.p95 ?? null,
  },
  {
    id: 'reRegistration.afterSocketDrop.p95',
    description: `SIP WebSocket dropped → registered again p95 ≤ ${TAKE_OVER_LIMIT_MS / 1000} s`,
    kind: 'absolute',
    limit: TAKE_OVER_LIMIT_MS,
    comparison: '<=',
    read: (f) => f.reRegistration?.afterSocketDrop.p95 ?? null,
  },
];

/**
 * Targets of issue 17 (ratios to the floor measured in the same run), the product's fixed budgets
 * (cold start 0.8 s from the adapter's design; 120 KB gzip, the build's budget) and issue 13's (several tabs).
 */
export const TARGETS: readonly TargetSpec[] = [
  {
    id: 'ringToScreenPop.p50',
    description: 'ring → screen pop p50 ≤ 1.3 × floor',
    kind: 'ratio',
    limit: 1.3,
    comparison: '<=',
    read: (f) => f.ringToScreenPop?.ratioToFloor.p50 ?? null,
  },
  {
    id: 'ringToScreenPop.p95',
    description: 'ring → screen pop p95 ≤ 1.5 × floor',
    kind: 'ratio',
    limit: 1.5,
    comparison: '<=',
    read: (f) => f.ringToScreenPop?.ratioToFloor.p95 ?? null,
  },
  {
    id: 'coldStart.p50',
    description: 'cold start p50 ≤ 1.2 × floor',
    kind: 'ratio',
    limit: 1.2,
    comparison: '<=',
    read: (f) => f.coldStart?.ratioToFloor.p50 ?? null,
  },
  {
    id: 'clickToDialToInvite.p50',
    description: 'click-to-dial → INVITE p50 ≤ 1.2 × floor',
    kind: 'ratio',
    limit: 1.2,
    comparison: '<=',
    read: (f) => f.clickToDialToInvite?.ratioToFloor.p50 ?? null,
  },
  {
    id: 'bundle.firstPaintGzipBytes',
    description: 'first-paint chunk ≤ 100 KB gzip',
    kind: 'absolute',
    limit: 100 * 1024,
    comparison: '<=',
    read: (f) => f.bundle?.firstPaintGzipBytes ?? null,
  },
  {
    id: 'bundle.ownShare',
    description: 'our own code ≤ 25 % of the first-paint chunk (gzip)',
    kind: 'ratio',
    limit: 0.25,
    comparison: '<=',
    read: (f) => f.bundle?.ownShare ?? null,
  },
  {
    id: 'heap.growthBytesPerCall',
    description: 'JS heap growth after GC ≤ 10 KB per call',
    kind: 'absolute',
    limit: 10 * 1024,
    comparison: '<=',
    read: (f) => f.heap?.growthBytesPerCall ?? null,
  },
  {
    id: 'heap.jsEventListenersPerCall',
    description: 'event listeners do not accumulate (≤ 0.01 per call)',
    kind: 'count',
    limit: NOT_ACCUMULATING_PER_CALL,
    comparison: '<=',
    read: (f) => f.heap?.perCall.jsEventListeners ?? null,
  },
  {
    id: 'heap.storedDraftsPerCall',
    description: 'call drafts do not accumulate (≤ 0.01 per call)',
    kind: 'count',
    limit: NOT_ACCUMULATING_PER_CALL,
    comparison: '<=',
    read: (f) => f.heap?.perCall.storedDrafts ?? null,
  },
  {
    id: 'heap.storedOutboxEntriesPerCall',
    description: 'outbox entries do not accumulate (≤ 0.01 per call)',
    kind: 'count',
    limit: NOT_ACCUMULATING_PER_CALL,
    comparison: '<=',
    read: (f) => f.heap?.perCall.storedOutboxEntries ?? null,
  },
  {
    id: 'roundTripsPerInboundCall.max',
    description: 'exactly 1 remote round trip per inbound call (the most any call took)',
    kind: 'count',
    limit: 1,
    comparison: '==',
    read: (f) => f.roundTripsPerInboundCall?.perCall.max ?? null,
  },
  {
    id: 'roundTripsPerInboundCall.min',
    description: 'exactly 1 remote round trip per inbound call (the fewest any call took)',
    kind: 'count',
    limit: 1,
    comparison: '==',
    read: (f) => f.roundTripsPerInboundCall?.perCall.min ?? null,
  },
  {
    id: 'logBacklog.roundTrips',
    description: `a backlog of N unsent logs is sent in ⌈N/${UPSERT_BATCH_SIZE}⌉ round trips`,
    kind: 'count',
    limit: NaN,
    comparison: '==',
    read: (f) => f.logBacklog?.roundTrips ?? null,
  },
  {
    id: 'smsLogBacklog.roundTrips',
    description: `a day's N SMS logs are sent in ⌈N/${UPSERT_BATCH_SIZE}⌉ round trips`,
    kind: 'count',
    limit: NaN,
    comparison: '==',
    read: (f) => f.smsLogBacklog?.roundTrips ?? null,
  },
  {
    id: 'coldStart.absolute',
    description: 'cold start p50 ≤ 800 ms (absolute, this machine)',
    kind: 'absolute',
    limit: 800,
    comparison: '<=',
    read: (f) => f.coldStart?.product.p50 ?? null,
  },
  {
    id: 'bundle.budget',
    description: `first-paint chunk ≤ ${BUDGET_GZIP_BYTES / 1024} KB gzip (the build budget, BUDGET_GZIP_BYTES)`,
    kind: 'absolute',
    limit: BUDGET_GZIP_BYTES,
    comparison: '<=',
    read: (f) => f.bundle?.firstPaintGzipBytes ?? null,
  },
  ...TAB_TARGETS,
];

/** Evaluates {@link TARGETS} on the figures (a figure not measured gives `met: null`). */
export function evaluateTargets(figures: BenchFigures): TargetResult[] {
  return TARGETS.map((t) => {
    const limit =
      t.id === 'logBacklog.roundTrips'
        ? (figures.logBacklog?.expectedRoundTrips ?? NaN)
        : t.id === 'smsLogBacklog.roundTrips'
          ? (figures.smsLogBacklog?.expectedRoundTrips ?? NaN)
          : t.limit;
    const value = t.read(figures);
    const met =
      value === null || !Number.isFinite(limit) ? null : t.comparison === '<=' ? value <= limit : value === limit;
    return {
      id: t.id,
      description: t.description,
      kind: t.kind,
      value,
      limit,
      comparison: t.comparison,
      met,
    };
  });
}

/** The report: figures, targets evaluated and counted. */
export function assembleReport(
  run: BenchReport['run'],
  figures: BenchFigures,
  traces: BenchReport['traces'] = null,
): BenchReport {
  const targets = evaluateTargets(figures);
  return {
    schema: 'softphone-bench/2',
    run,
    figures,
    targets,
    targetsMet: {
      met: targets.filter((t) => t.met === true).length,
      missed: targets.filter((t) => t.met === false).length,
      notMeasured: targets.filter((t) => t.met === null).length,
    },
    traces,
  };
}

/** Builds a {@link LatencyFigure} from the raw samples (and the baseline's, when measured). */
export function latencyFigure(input: {
  definition: string;
  floorDefinition: string;
  product: readonly Sample[];
  floor: readonly Sample[];
  breakdown?: { product: Record<string, readonly Sample[]>; floor: Record<string, readonly Sample[]> };
  baseline?: readonly Sample[] | null;
}): LatencyFigure {
  return {
    unit: 'ms',
    definition: input.definition,
    floorDefinition: input.floorDefinition,
    product: summarize(input.product),
    floor: summarize(input.floor),
    ratioToFloor: ratioOf(input.product, input.floor),
    breakdown: { product: phaseSummaries(input.breakdown?.product), floor: phaseSummaries(input.breakdown?.floor) },
    samples: { product: input.product, floor: input.floor },
    baseline: input.baseline
      ? { baseline: summarize(input.baseline), ratio: ratioOf(input.product, input.baseline), samples: input.baseline }
      : null,
  };
}

/**
 * Problems with a report's shape (empty when sound): every figure present (or listed as skipped), every latency
 * with product, floor and ratio, every target evaluated. The bench refuses to print a report that has any.
 */
export function reportProblems(report: BenchReport): string[] {
  const problems: string[] = [];
  const skipped = new Set(report.run.skipped);
  for (const name of FIGURE_NAMES) {
    const figure = report.figures[name];
    if (figure === null) {
      if (!skipped.has(name)) problems.push(`${name}: not measured and not listed as skipped`);
      continue;
    }
    if ('byTabs' in figure) {
      if (figure.byTabs.length === 0) problems.push(`${name}: no tab count`);
    } else if ('close' in figure) {
      for (const how of ['close', 'crash'] as const)
        if (figure[how].registered.n === 0) problems.push(`${name}: no ${how} sample`);
    } else if ('overBackupProxy' in figure) {
      if (figure.overBackupProxy.n === 0) problems.push(`${name}: no sample over the backup proxy`);
      if (figure.afterSocketDrop.n === 0) problems.push(`${name}: no sample after a socket drop`);
    } else if ('breakdown' in figure) {
      if (figure.product.n === 0) problems.push(`${name}: no product sample`);
      if (figure.floor.n === 0) problems.push(`${name}: no floor sample`);
      if (figure.ratioToFloor.p50 === null) problems.push(`${name}: no ratio to the floor`);
    } else if ('floorMs' in figure && figure.floorMs.n === 0) problems.push(`${name}: no floor sample`);
  }
  if (report.targets.length !== TARGETS.length) problems.push('targets: not every target was evaluated');
  return problems;
}

/** One line per figure for the terminal (stderr): product, floor, ratio (and current/baseline). */
export function textSummary(report: BenchReport): string[] {
  const lines: string[] = [];
  const f = report.figures;
  const fmt = (n: number | null, unit = ''): string => (n === null ? '–' : `${n}${unit}`);
  const latency = (name: string, figure: LatencyFigure | null): void => {
    if (!figure) return;
    const base = figure.baseline
      ? `; current/baseline p50 ${fmt(figure.baseline.ratio.p50)} (rounds ${fmt(figure.baseline.ratio.paired?.p25 ?? null)}–${fmt(figure.baseline.ratio.paired?.p75 ?? null)})`
      : '';
    lines.push(
      `${name}: p50 ${fmt(figure.product.p50, ' ms')} / p95 ${fmt(figure.product.p95, ' ms')}; floor ${fmt(figure.floor.p50, ' ms')} / ${fmt(figure.floor.p95, ' ms')}; ratio ${fmt(figure.ratioToFloor.p50)} / ${fmt(figure.ratioToFloor.p95)} (rounds ${fmt(figure.ratioToFloor.paired?.p25 ?? null)}–${fmt(figure.ratioToFloor.paired?.p75 ?? null)})${base}`,
    );
  };
  latency('cold start', f.coldStart);
  latency('ring → screen pop', f.ringToScreenPop);
  latency('click-to-dial → INVITE', f.clickToDialToInvite);
  latency('INVITE during startup → ringing', f.startupInviteToRinging);
  latency('History (1,000) → rendered', f.historyRender);
  latency('Unresolved (1,000) → rendered', f.unresolvedRender);
  if (f.roundTripsPerInboundCall)
    lines.push(
      `round trips per inbound call: ${fmt(f.roundTripsPerInboundCall.perCall.min)}–${fmt(f.roundTripsPerInboundCall.perCall.max)}`,
    );
  const backlog = (name: string, figure: BacklogFigure | null): void => {
    if (!figure) return;
    lines.push(
      `${name} of ${figure.logs} logs: ${figure.roundTrips} round trips (target ${figure.expectedRoundTrips}), ${fmt(figure.sendMs.p50, ' ms')} vs floor ${fmt(figure.floorMs.p50, ' ms')}`,
    );
  };
  backlog('backlog', f.logBacklog);
  latency('inbound SMS → shown', f.smsInboundShown);
  latency('SMS thread of 10,000 opened → rendered', f.smsThreadOpen);
  backlog('SMS log backlog', f.smsLogBacklog);
  if (f.heap) {
    const counters = (h: Pick<HeapFigure, 'growthBytesPerCall' | 'perCall'>): string =>
      `${fmt(h.growthBytesPerCall, ' B')}/call; per call: DOM nodes ${fmt(h.perCall.domNodes)} (attached elements ${fmt(h.perCall.attachedElements)}), listeners ${fmt(h.perCall.jsEventListeners)}, drafts ${fmt(h.perCall.storedDrafts)}, outbox entries ${fmt(h.perCall.storedOutboxEntries)}`;
    lines.push(`heap growth after GC over ${f.heap.calls} calls: ${counters(f.heap)}`);
    if (f.heap.baseline) lines.push(`  baseline: ${counters(f.heap.baseline)}`);
  }
  if (f.bundle)
    lines.push(
      `bundle: first paint ${f.bundle.firstPaintGzipBytes} B gzip (all ${f.bundle.lazyChunks.length + 1} chunks ${f.bundle.totalGzipBytes} B); libraries alone ${f.bundle.librariesGzipBytes} B; own code ${f.bundle.ownGzipBytes} B (${round(f.bundle.ownShare * 100)} %)`,
    );
  if (f.tabsAtSimulator)
    for (const c of f.tabsAtSimulator.byTabs)
      lines.push(
        `${c.tabs} tab${c.tabs === 1 ? '' : 's'}: ${c.registrations} SIP registration(s), ${c.subscriptions} event subscription(s) at the simulator; the most any follower sent: ${fmt(c.followerRingCentralRequests)} RingCentral requests, ${fmt(c.followerRingCentralSockets)} RingCentral sockets, ${fmt(c.followerRemoteActions)} remote actions (owner: ${c.ownerRingCentralRequests} RingCentral requests)`,
      );
  if (f.takeOver)
    for (const how of ['close', 'crash'] as const) {
      const series = f.takeOver[how];
      lines.push(
        `owner tab ${how === 'close' ? 'closed' : 'crashed'} (${f.takeOver.tabs} tabs) → a follower registered: p50 ${fmt(series.registered.p50, ' ms')} / p95 ${fmt(series.registered.p95, ' ms')}; → the next call rings in the other tabs: p50 ${fmt(series.ringing.p50, ' ms')} / p95 ${fmt(series.ringing.p95, ' ms')} (n ${series.registered.n})`,
      );
    }
  if (f.reRegistration)
    lines.push(
      `re-registration: primary proxy down → registered over the backup p50 ${fmt(f.reRegistration.overBackupProxy.p50, ' ms')} / p95 ${fmt(f.reRegistration.overBackupProxy.p95, ' ms')}; socket dropped → registered again p50 ${fmt(f.reRegistration.afterSocketDrop.p50, ' ms')} / p95 ${fmt(f.reRegistration.afterSocketDrop.p95, ' ms')}`,
    );
  latency("follower's Answer → media (floor: the owner tab's Answer)", f.followerAnswerToMedia);
  for (const t of report.targets) {
    const mark = t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED';
    lines.push(`target ${t.description}: ${fmt(t.value)} → ${mark}`);
  }
  return lines;
}

/** A third-party package our code imports, with the bindings it takes (`default`, `*`, names). */
export interface LibraryImport {
  readonly specifier: string;
  readonly imports: readonly string[];
}

/**
 * Source of the "libraries alone" entry: each collected import made again and kept alive (assigned to a global), so
 * the build keeps what our code keeps of each package and nothing of ours. A package imported for its side effects
 * only is imported bare.
 */
export function librariesEntrySource(imports: readonly LibraryImport[]): string {
  const lines = ['// Generated by npm run bench: the third-party imports of the softphone bundle, alone.'];
  const kept: string[] = [];
  let n = 0;
  for (const { specifier, imports: bindings } of imports) {
    const from = JSON.stringify(specifier);
    if (bindings.length === 0) {
      lines.push(`import ${from};`);
      continue;
    }
    const named: string[] = [];
    for (const binding of bindings) {
      const local = `l${n++}`;
      kept.push(local);
      if (binding === '*') lines.push(`import * as ${local} from ${from};`);
      else if (binding === 'default') lines.push(`import ${local} from ${from};`);
      else named.push(`${/^[A-Za-z_$][\w$]*$/.test(binding) ? binding : JSON.stringify(binding)} as ${local}`);
    }
    if (named.length > 0) lines.push(`import { ${named.join(', ')} } from ${from};`);
  }
  lines.push(`globalThis.__softphoneBenchLibraries = [${kept.join(', ')}];`, '');
  return lines.join('\n');
}

/**
 * Durations between consecutive milestones that were observed (a `null` milestone is skipped):
 * `[['ring', 0], ['request sent', 3], ['answer', 9]]` → `{'ring → request sent': 3, 'request sent → answer': 6}`.
 */
export function phasesFrom(
  milestones: readonly (readonly [string, number | null | undefined])[],
): Record<string, number> {
  const seen = milestones.filter(
    (m): m is readonly [string, number] => typeof m[1] === 'number' && Number.isFinite(m[1]),
  );
  const out: Record<string, number> = {};
  for (let i = 1; i < seen.length; i += 1)
    out[`${seen[i - 1]![0]} → ${seen[i]![0]}`] = round(seen[i]![1] - seen[i - 1]![1], 2)!;
  return out;
}

/** Appends one sample per phase to `into` (phase name → samples). */
export function addPhases(into: Record<string, Sample[]>, round: number, phases: Record<string, number>): void {
  for (const [name, value] of Object.entries(phases)) (into[name] ??= []).push({ round, value });
}
