/**
 * `npm run bench` (run by `scripts/bench/run.mjs`): measures each figure of the softphone next to the floor it cannot
 * beat on this machine, in the same run, and prints ONE JSON object (`bench-report.ts`: figures, floors, ratios,
 * targets met or not). Progress and a text summary go to stderr. Nothing here asserts a time.
 *
 * A run: build (product, libraries alone, floor page) → start the harness (and, with `--baseline <ref>`, the
 * baseline's own harness next to it) → headless Chromium, one context per harness, signed in → rounds (cold start,
 * click-to-dial → INVITE, ring → screen pop: product, baseline and floor alternating; `figures/rounds.ts`) → traced
 * samples with `--trace` → INVITE during startup → Unresolved and History with N entries → backlog of N logs →
 * several tabs of one agent (counts at the simulator, take-overs, proxy outages, a follower's Answer) → heap over N
 * calls in a browser of its own → report. Each figure's code is in `figures/`; what they share in
 * `bench-session.ts`. Figures and their floors: README "npm run bench".
 */
import { chromium, type Browser } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../../cti-adapter/test-support/chromium';
import { headCommit, prepareBaseline, type Baseline } from './bench-baseline';
import {
  FLOOR_PAGE,
  FLOOR_PAGES_DIR,
  FLOOR_RESOURCES_DIR,
  REPO_ROOT,
  buildForBench,
  type BenchBuilds,
} from './bench-build';
import { parseBenchArgs, wants } from './bench-options';
import {
  assembleReport,
  heapFigure,
  latencyFigure,
  ratioOf,
  reportProblems,
  round,
  summarize,
  textSummary,
  UPSERT_BATCH_SIZE,
  type BacklogFigure,
  type BenchFigures,
  type HeapCheckpoint,
  type LatencyFigure,
  type TracedPhase,
} from './bench-report';
import { seedCallHistory, seedSmsThread } from './bench-seed';
import { attempt, failures, newCollected, progress, type Collected, type LatencySamples } from './bench-session';
import { AGENT, openWorld, remoteTotal, startHarnessOf } from './bench-world';
import { backlogFloor, backlogSend, SMS_LOGS, type BacklogResult } from './figures/backlog';
import { measureHeap } from './figures/heap';
import { historyRender, unresolvedRender } from './figures/lists';
import { floorRound, productRound } from './figures/rounds';
import { smsInboundFloor, smsInboundProduct, smsThreadOpen, THREAD_CUSTOMER } from './figures/sms';
import { startupInvite } from './figures/startup-invite';
import { measureTabs } from './figures/tabs';
import { newTabsCollected, TAB_FIGURES, tabsFigures } from './figures/tabs-figures';
import { traceSamples } from './figures/traces';

/** Tab clicks per list (History, Unresolved), each followed by its floor. */
const LIST_REPS = 5;

/** Rounds of inbound SMS → shown (product and floor alternating) and SMS timed in each, per side. */
const SMS_ROUNDS = 4;
const SMS_PER_ROUND = 5;
/** Messages in the seeded SMS thread (issue 12: a thread of 10,000 messages opens fast). */
const SMS_THREAD_MESSAGES = 10_000;

/** SMS logs of the SMS backlog figure: a day's 500 messages (issue 12), one conversation each. */
const SMS_LOG_ENTRIES = 500;

type Backlogs = Partial<Record<'current' | 'baseline', BacklogResult>>;

function backlogFigure(
  backlog: Backlogs,
  floorMs: number | null,
  logs: number,
  definition: string,
  floorDefinition: string,
): BacklogFigure | null {
  const current = backlog.current;
  if (!current) return null;
  const one = (value: number) => [{ round: 0, value }];
  return {
    definition,
    floorDefinition,
    logs,
    roundTrips: current.roundTrips,
    expectedRoundTrips: Math.ceil(logs / UPSERT_BATCH_SIZE),
    sendMs: summarize([current.sendMs]),
    floorMs: summarize(floorMs === null ? [] : [floorMs]),
    ratioToFloor: ratioOf(one(current.sendMs), floorMs === null ? [] : one(floorMs)),
    baseline: backlog.baseline
      ? {
          roundTrips: backlog.baseline.roundTrips,
          sendMs: summarize([backlog.baseline.sendMs]),
          ratio: ratioOf(one(current.sendMs), one(backlog.baseline.sendMs)),
        }
      : null,
  };
}

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
  const backlog: Backlogs = {};
  let backlogFloorMs: number | null = null;
  const smsBacklog: Backlogs = {};
  let smsBacklogFloorMs: number | null = null;
  const listRows = { unresolved: 0, history: 0, smsThread: 0 };
  const smsThreads: Partial<Record<'current' | 'baseline', string>> = {};
  const tabs = newTabsCollected();
  try {
    if (options.baseline) {
      baseline = await prepareBaseline(REPO_ROOT, options.baseline, progress);
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
    for (const [label, h] of [
      ['current', currentHarness],
      ['baseline', baselineHarness],
    ] as const) {
      if (h && wants(options, 'historyRender') && h.harness.rcPlatform)
        seedCallHistory(h.harness.rcPlatform.model, options.entries, AGENT.number);
      if (h && wants(options, 'smsThreadOpen') && h.harness.rcPlatform)
        smsThreads[label] = seedSmsThread(
          h.harness.rcPlatform.model,
          SMS_THREAD_MESSAGES,
          AGENT.number,
          THREAD_CUSTOMER,
        );
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
      progress(`tracing cold starts, ring → pop and click-to-dial (not counted in the figures) into ${options.trace}`);
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
          listRows.unresolved = Math.max(listRows.unresolved, await unresolvedRender(w, options.entries, LIST_REPS, c));
        });
      progress(`Unresolved: ${summarize(c.unresolved.product).p50} ms (floor ${summarize(c.unresolved.floor).p50})`);
    }
    if (wants(options, 'historyRender')) {
      for (const w of worlds)
        await attempt('History', w, async () => {
          listRows.history = Math.max(listRows.history, await historyRender(w, LIST_REPS, c));
        });
      progress(`History: ${summarize(c.history.product).p50} ms (floor ${summarize(c.history.floor).p50})`);
    }
    if (wants(options, 'smsInboundShown')) {
      for (let r = 0; r < SMS_ROUNDS; r += 1) {
        const steps: (() => Promise<void>)[] = [
          ...worlds.map(
            (w) => () => attempt(`inbound SMS round ${r + 1}`, w, () => smsInboundProduct(w, r, SMS_PER_ROUND, c)),
          ),
          () =>
            attempt(`inbound SMS floor round ${r + 1}`, current, () => smsInboundFloor(current, r, SMS_PER_ROUND, c)),
        ];
        for (const step of r % 2 === 0 ? steps : steps.reverse()) await step();
      }
      progress(
        `inbound SMS → shown: ${summarize(c.smsInbound.product).p50} ms (floor ${summarize(c.smsInbound.floor).p50})`,
      );
    }
    if (wants(options, 'smsThreadOpen')) {
      for (const w of worlds) {
        const conversationId = smsThreads[w.label];
        if (!conversationId) continue;
        await attempt('SMS thread', w, async () => {
          listRows.smsThread = Math.max(
            listRows.smsThread,
            await smsThreadOpen(w, conversationId, LIST_REPS, c.smsThread),
          );
        });
      }
      progress(
        `SMS thread of ${SMS_THREAD_MESSAGES}: ${summarize(c.smsThread.product).p50} ms (floor ${summarize(c.smsThread.floor).p50})`,
      );
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
    if (wants(options, 'smsLogBacklog')) {
      for (const w of worlds)
        await attempt('SMS log backlog', w, async () => {
          smsBacklog[w.label] = await backlogSend(w, SMS_LOG_ENTRIES, SMS_LOGS);
        });
      if (smsBacklog.current) {
        const logs = smsBacklog.current.logs;
        await attempt('SMS log backlog floor', current, async () => {
          smsBacklogFloorMs = await backlogFloor(current, logs, SMS_LOGS);
        });
      }
      progress(
        `SMS log backlog: ${smsBacklog.current?.roundTrips} round trips, ${smsBacklog.current?.sendMs} ms (floor ${smsBacklogFloorMs})`,
      );
    }
    if (TAB_FIGURES.some((f) => wants(options, f))) {
      progress('several tabs of one agent (current code only)');
      const b = browser;
      await attempt('tabs', current, () => measureTabs(b, current, options, tabs));
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
      'adapter frame navigation start → initialization complete (notifyInitializationComplete answered by the console), console reloaded on an Account page with a stored RingCentral sign-in',
      'a bare page in the same frame (same origin, Open CTI and remoting libraries) loading only the RingCentral SDK and web phone: one bare refreshRingCentralToken for the access token of the stored sign-in, then sip-provision + REGISTER, getSoftphoneSettings and getCallCenterSettings in parallel, then notifyInitializationComplete',
      withBaseline,
    ),
    ringToScreenPop: latency(
      c.ring,
      "softphone:ringing mark (INVITE turned into a ringing call) → the console receives the Open CTI screenPop (one matchNumbers round trip in between); caller +16505550101 as a PSTN caller (the simulator's far end, control API); the bench touches neither page until the lookup reached the org stand-in, 250 ms before it reads the marks",
      'from the same frame, product idle: one bare matchNumbers remoting round trip, then one bare screenPop with the same arguments → the console receives it',
      withBaseline,
    ),
    clickToDialToInvite: latency(
      c.dial,
      'softphone:click-to-dial mark (the onClickToDial event reached the frame) → the simulator receives the INVITE; the first dial after a cold start comes 3 s after it and once the softphone:offer-ready mark is set (its outbound offer pre-gathered), as the floor waits for prepare(); the bench touches neither page until the INVITE reached the simulator',
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
            beyondOne: c.roundTripsBeyondOne,
          },
    logBacklog: backlogFigure(
      backlog,
      backlogFloorMs,
      options.entries,
      `${options.entries} unsent logs in the outbox at a reload → upsertCallLogs round trips until all are saved; time from the first upsert reaching the server to the last one answered`,
      `the same N logs again in ⌈N/${UPSERT_BATCH_SIZE}⌉ bare upsertCallLogs sent back to back from the adapter frame (same server-side end points)`,
    ),
    smsInboundShown: latency(
      c.smsInbound,
      `the simulator delivers an SMS from a customer (+16505550101) to the agent → its text is in the softphone's DOM (the Messages tab's conversation list shown; a MutationObserver in the frame); ${SMS_ROUNDS} rounds of ${SMS_PER_ROUND} SMS after one warm-up each`,
      'the same SMS event through a bare RingCentral WebSocket subscription (wstoken, WebSocket, the instant-SMS event filter) opened by the floor page in the same frame, its text written into a <div> on arrival → in the DOM',
      withBaseline,
    ),
    smsThreadOpen: latency(
      c.smsThread,
      `a conversation of ${SMS_THREAD_MESSAGES} messages in the agent's message store: console reloaded, Messages tab shown, the conversation clicked → its thread's visible window painted (${listRows.smsThread} messages rendered)`,
      "the same window's HTML (static markup, no engine or component) laid out in the thread's box: same place and size, scrolling on its own, scrolled to the newest message as the thread is → painted",
      withBaseline,
    ),
    smsLogBacklog: backlogFigure(
      smsBacklog,
      smsBacklogFloorMs,
      SMS_LOG_ENTRIES,
      `a day's ${SMS_LOG_ENTRIES} SMS messages, one conversation each, as ${SMS_LOG_ENTRIES} unsent SMS logs in the SMS outbox at a reload (written by SmsLogOutbox under the agent's rcsf:<orgId>:<userId>: namespace) → upsertSmsLogs round trips until all are saved; time from the first upsert reaching the server to the last one answered`,
      `the same N SMS logs again in ⌈N/${UPSERT_BATCH_SIZE}⌉ bare upsertSmsLogs sent back to back from the adapter frame (same server-side end points)`,
    ),
    heap: heap.current
      ? heapFigure({
          definition:
            'JS heap used by the softphone frame after two forced GCs (Chrome DevTools Protocol; a browser with origin-keyed processes, so the frame has a renderer of its own), least-squares slope over checkpoints every tenth of the calls after a warm-up; calls (control API, simulated caller) alternate answered + hung up + logged and declined + discarded; checkpoints also count the frame renderer’s DOM nodes and JS event listeners and the drafts / outbox entries kept in localStorage',
          calls: options.heapCalls,
          checkpoints: heap.current.checkpoints,
          baselineCheckpoints: heap.baseline?.checkpoints ?? null,
        })
      : null,
    bundle: wants(options, 'bundle')
      ? {
          unit: 'bytes',
          definition:
            'the first-paint chunk of the adapter page’s bundle (SoftphoneBundle/softphone.js and what it imports statically, and the UI chunk softphone-ui.js with its static imports, which the first render needs), gzip level 9; the lazy chunks and the total are listed',
          floorDefinition:
            'the same build (same plugins, shims, minifier) of an entry importing only the third-party bindings the first-paint chunk’s modules import (LWC engine incl. what compiled templates use, web phone, SDK, libphonenumber with its metadata, …)',
          firstPaintBytes: builds.product.bytes,
          firstPaintGzipBytes: builds.product.gzipBytes,
          totalGzipBytes: builds.product.totalGzipBytes,
          lazyChunks: builds.product.lazyChunks,
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
    ...tabsFigures(tabs),
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
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
