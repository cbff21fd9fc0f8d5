/**
 * The pure half of the tab figures of `npm run bench` (`tabs.ts` measures): what is collected, the sizes of the runs
 * and the figures built from the samples. No browser, no clock: `__tests__/bench-report.test.ts` checks it.
 */
import {
  latencyFigure,
  phaseSummaries,
  summarize,
  takeOverSeries,
  type BenchFigures,
  type LatencyFigure,
  type ReRegistrationFigure,
  type Sample,
  type TabCount,
  type TabsAtSimulatorFigure,
  type TakeOverFigure,
} from '../bench-report';
import type { LatencySamples } from '../bench-session';

/** The tab figures, as named in the JSON and by `--only` (measured by `tabs.ts`). */
export const TAB_FIGURES = ['tabsAtSimulator', 'takeOver', 'reRegistration', 'followerAnswerToMedia'] as const;

/** Tab counts of `tabsAtSimulator` (issue 13: must stay 1 for 1, 3, 5 tabs). */
export const TAB_COUNTS = [1, 3, 5] as const;
/** Tabs open before each take-over, each Answer and each proxy outage: the owner and two followers. */
export const POOL = 3;
/**
 * How long the tabs are left alone before the count: a follower that wrongly started its own web phone would have
 * registered within its cold start (well under a second here).
 */
export const SETTLE_MS = 3_000;
/** How the owner tab goes away in a take-over. */
export type KillKind = 'close' | 'crash';

export interface TakeOverSamples {
  registered: Sample[];
  ringing: Sample[];
  phases: Record<string, Sample[]>;
}

/** What the tab figures collected. */
export interface TabsCollected {
  counts: TabCount[];
  takeOver: Record<KillKind, TakeOverSamples>;
  reRegistration: Record<
    'overBackupProxy' | 'afterSocketDrop',
    { samples: Sample[]; phases: Record<string, Sample[]> }
  >;
  answer: LatencySamples;
}

export function newTabsCollected(): TabsCollected {
  const takeOver = (): TakeOverSamples => ({ registered: [], ringing: [], phases: {} });
  return {
    counts: [],
    takeOver: { close: takeOver(), crash: takeOver() },
    reRegistration: { overBackupProxy: { samples: [], phases: {} }, afterSocketDrop: { samples: [], phases: {} } },
    answer: { product: [], floor: [], productPhases: {}, floorPhases: {}, baseline: [] },
  };
}

/** The tab figures from what was collected (`null` for a figure not measured). */
export function tabsFigures(c: TabsCollected): Pick<BenchFigures, (typeof TAB_FIGURES)[number]> {
  const tabsAtSimulator: TabsAtSimulatorFigure | null =
    c.counts.length === 0
      ? null
      : {
          unit: 'count',
          definition: `console tabs of one browser context (one agent, one browser) opened one after the other up to ${TAB_COUNTS.join(', ')}, each ready, then left alone ${SETTLE_MS / 1000} s: the agent's live SIP registrations at the simulator (customer phones not counted) and its live event-subscription WebSockets; per follower tab, the requests its page (all frames) sent since its first navigation to the RingCentral server (REST and OAuth), the WebSockets it opened to it and its Salesforce remote actions (/apexremote) — the most any follower made`,
          byTabs: c.counts,
        };
  const takeOverMeasured = c.takeOver.close.registered.length + c.takeOver.crash.registered.length > 0;
  const takeOver: TakeOverFigure | null = !takeOverMeasured
    ? null
    : {
        unit: 'ms',
        definition: `${POOL} tabs ready (the owner and two followers); the owner tab closed (page.close: pagehide runs, its web phone unregisters) or its renderer crashed (CDP Page.crash: nothing of it runs) → registered: the simulator answers a follower's REGISTER with 200 (it was granted the Web Lock, started its engine and RingCentral connection); → ringing: an inbound call placed through the control API the moment that REGISTER was answered is shown ringing (its incoming card in the DOM, a MutationObserver) in every remaining tab`,
        tabs: POOL,
        close: takeOverSeries(c.takeOver.close),
        crash: takeOverSeries(c.takeOver.crash),
      };
  const rr = c.reRegistration;
  const reRegistration: ReRegistrationFigure | null =
    rr.overBackupProxy.samples.length + rr.afterSocketDrop.samples.length === 0
      ? null
      : {
          unit: 'ms',
          definition:
            "the owner tab registered through sip-provision's outboundProxy (the simulator's primary proxy); overBackupProxy: POST /faults {kind:'sip-proxy-outage', proxy:'primary'} (the socket dropped without a close handshake, new connections refused) → the simulator answers the REGISTER that came through outboundProxyBackup with 200; afterSocketDrop: then the backup proxy's outage with the primary up again (a dropped socket) → registered again through the primary",
          overBackupProxy: summarize(rr.overBackupProxy.samples),
          afterSocketDrop: summarize(rr.afterSocketDrop.samples),
          breakdown: {
            overBackupProxy: phaseSummaries(rr.overBackupProxy.phases),
            afterSocketDrop: phaseSummaries(rr.afterSocketDrop.phases),
          },
          samples: { overBackupProxy: rr.overBackupProxy.samples, afterSocketDrop: rr.afterSocketDrop.samples },
        };
  const a = c.answer;
  const followerAnswerToMedia: LatencyFigure | null =
    a.product.length === 0
      ? null
      : latencyFigure({
          definition: `${POOL} tabs, after one call answered in the owner tab (not counted: its microphone opens); a call from a customer phone ringing in every tab; Answer clicked in a follower (the command goes to the owner tab, which answers and carries the audio, ADR 0028) → the first audio RTP packet of the agent received by the customer's peer connection (getStats inbound-rtp packetsReceived > 0, polled every 5 ms)`,
          floorDefinition:
            "the same with Answer clicked in the owner tab itself (the web phone's own answer: getUserMedia, SDP answer, ICE and DTLS), in the same round",
          product: a.product,
          floor: a.floor,
          breakdown: { product: a.productPhases, floor: a.floorPhases },
          baseline: null,
        });
  return { tabsAtSimulator, takeOver, reRegistration, followerAnswerToMedia };
}
