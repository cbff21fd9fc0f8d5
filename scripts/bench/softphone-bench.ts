/**
 * The softphone benchmark (run by `scripts/bench/run.mjs`). Measurement points:
 * - browser: performance marks of the bundle (`cti-adapter/src/app/marks.ts`) in the softphone frame, converted to
 *   epoch ms with `performance.timeOrigin` where they are compared with the simulator;
 * - simulator: the time its SIP server logs a received INVITE (`← wsN INVITE <Call-ID>`);
 * - org stand-in: its per-endpoint round-trip counter (`SoftphoneRemoteApi.roundTrips`).
 * Prints figures only; nothing here asserts a time.
 */
import type { Frame } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  REPO_ROOT,
  AGENT,
  customer,
  customerPhone,
  recordId,
  softphoneFrame,
  startSoftphoneWorld,
} from '../../cti-adapter/e2e/support/softphone-world';

const INBOUND_CALLS = Number(process.env.BENCH_INBOUND_CALLS ?? 20);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 5);
const DIALS = Number(process.env.BENCH_DIALS ?? 10);

const TARGETS = {
  coldStartMs: 800,
  ringToScreenPopP95Ms: 30,
  roundTripsPerInboundCall: 1,
  clickToDialToInviteP95Ms: 50,
  bundleGzipBytes: 120 * 1024,
};

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[index]!);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function progress(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** Epoch ms of a mark in the frame, or null. */
async function markEpoch(frame: Frame, name: string): Promise<number | null> {
  return frame.evaluate((n) => {
    const entry = performance.getEntriesByName(n, 'mark')[0];
    return entry ? performance.timeOrigin + entry.startTime : null;
  }, name);
}

/** ms since the frame's navigation start of a mark, waiting for it. */
async function markSinceNavigation(frame: Frame, name: string, timeoutMs = 30_000): Promise<number> {
  await frame.waitForFunction((n) => performance.getEntriesByName(n, 'mark').length > 0, name, { timeout: timeoutMs });
  return frame.evaluate((n) => performance.getEntriesByName(n, 'mark')[0]!.startTime, name);
}

async function discardLogs(frame: Frame): Promise<void> {
  while (await frame.$('.softphone-log-discard')) {
    await frame.click('.softphone-log-discard');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main(): Promise<void> {
  progress('building the bundle');
  const build = (await import(pathToFileURL(join(REPO_ROOT, 'scripts/build/build-softphone.mjs')).href)) as {
    buildSoftphone(): Promise<{ bytes: number; gzipBytes: number; packages: unknown[] }>;
  };
  const bundle = await build.buildSoftphone();

  const invites = new Map<string, number>();
  const world = await startSoftphoneWorld({
    simulatorLog: (line) => {
      const m = /← \S+ INVITE (\S+)/.exec(line);
      if (m && !invites.has(m[1]!)) invites.set(m[1]!, Date.now());
    },
  });
  try {
    // Cold start: reload the console; the frame loads the adapter page again and restores the stored login.
    const coldStarts: number[] = [];
    for (let i = 0; i < COLD_STARTS; i += 1) {
      await world.console.reload();
      const frame = await softphoneFrame(world.console);
      coldStarts.push(round(await markSinceNavigation(frame, 'softphone:initialization-complete')));
      progress(`cold start ${i + 1}/${COLD_STARTS}: ${coldStarts.at(-1)} ms`);
    }
    let frame = await softphoneFrame(world.console);
    await frame.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });

    // Ring → screen pop over INBOUND_CALLS inbound calls from a caller stored in another format (Ann Lee).
    const caller = await customerPhone(world, '+16505550101');
    const ringToPop: number[] = [];
    const roundTrips: number[] = [];
    const total = (): number => Object.values(world.harness.org.api.roundTrips).reduce((a, b) => a + b, 0);
    for (let i = 0; i < INBOUND_CALLS; i += 1) {
      const before = total();
      await customer(caller, 'call', AGENT.number);
      const card = await frame.waitForSelector('.softphone-incoming', { timeout: 20_000 });
      const callId = await card.getAttribute('data-call-id');
      const ring = await markEpoch(frame, `softphone:ringing:${callId}`);
      await frame.waitForFunction(
        (n) => performance.getEntriesByName(n, 'mark').length > 0,
        `softphone:screen-pop:${callId}`,
        {
          timeout: 20_000,
        },
      );
      const pop = await markEpoch(frame, `softphone:screen-pop:${callId}`);
      if (ring !== null && pop !== null) ringToPop.push(round(pop - ring));
      roundTrips.push(total() - before);
      await frame.click('.softphone-decline');
      await frame.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
      await discardLogs(frame);
    }
    await caller.close();
    progress(`ring → pop: ${ringToPop.join(', ')}`);

    // Click-to-dial → INVITE received by the simulator, from the Initech Account page.
    const callee = await customerPhone(world, '+16505550107');
    const initech = recordId(world, 'Account', 'Initech');
    await world.console.goto(new URL(`/lightning/r/Account/${initech}/view`, world.harness.urls.consoleOrigin).href);
    frame = await softphoneFrame(world.console);
    await frame.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
    const dialToInvite: number[] = [];
    for (let i = 0; i < DIALS; i += 1) {
      await frame.evaluate(() => performance.clearMarks('softphone:click-to-dial'));
      await world.console.click('[data-click-to-dial="enabled"]');
      const active = await frame.waitForSelector('.softphone-active', { timeout: 20_000 });
      const callId = await active.getAttribute('data-call-id');
      const click = await markEpoch(frame, 'softphone:click-to-dial');
      for (let w = 0; w < 100 && callId && !invites.has(callId); w += 1) await new Promise((r) => setTimeout(r, 20));
      const invite = callId ? invites.get(callId) : undefined;
      if (click !== null && invite !== undefined) dialToInvite.push(round(invite - click));
      await frame.click('.softphone-hangup');
      await frame.waitForSelector('.softphone-active', { state: 'detached', timeout: 20_000 });
      await discardLogs(frame);
      await new Promise((r) => setTimeout(r, 200));
    }
    await callee.close();
    progress(`click-to-dial → INVITE: ${dialToInvite.join(', ')}`);

    const coldStartMs = percentile(coldStarts, 50);
    const ring = { p50: percentile(ringToPop, 50), p95: percentile(ringToPop, 95), samples: ringToPop.length };
    const dial = { p50: percentile(dialToInvite, 50), p95: percentile(dialToInvite, 95), samples: dialToInvite.length };
    const roundTripsPerInboundCall = roundTrips.length
      ? roundTrips.reduce((a, b) => a + b, 0) / roundTrips.length
      : NaN;
    const report = {
      coldStartMs,
      coldStartSamplesMs: coldStarts,
      ringToScreenPopMs: ring,
      roundTripsPerInboundCall,
      roundTripsPerInboundCallSamples: roundTrips,
      clickToDialToInviteMs: dial,
      bundle: { bytes: bundle.bytes, gzipBytes: bundle.gzipBytes },
      targets: TARGETS,
      meets: {
        coldStart: coldStartMs <= TARGETS.coldStartMs,
        ringToScreenPop: ring.p95 <= TARGETS.ringToScreenPopP95Ms,
        roundTrips: roundTrips.every((n) => n === 1),
        clickToDialToInvite: dial.p95 <= TARGETS.clickToDialToInviteP95Ms,
        bundle: bundle.gzipBytes <= TARGETS.bundleGzipBytes,
      },
      notes: {
        coldStart:
          'adapter frame navigation start → softphone:initialization-complete (after SIP REGISTER 200 and settings), median of reloads with a stored RingCentral login',
        ringToScreenPop:
          'softphone:ringing → softphone:screen-pop marks in the frame (one matchNumbers round trip in between)',
        clickToDialToInvite:
          'softphone:click-to-dial mark in the frame (onClickToDial listener) → simulator SIP server receives the INVITE (epoch ms, same machine)',
      },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await world.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
