/**
 * `npm run bench -- --trace <dir>`: extra samples (not counted in the figures) under a Chromium trace — cold starts
 * of the product and the floor page, ring → pop of both — and, phase by phase, where the frame's main-thread time
 * went (`bench-trace.ts`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { TracedPhase } from '../bench-report';
import { probe, readStartTimeline } from '../bench-probes';
import { loadConsole, newCollected, type Collected, type Milestones } from '../bench-session';
import { findMark, summarizeWindow, type TraceEvent } from '../bench-trace';
import type { BenchWorld } from '../bench-world';
import { floorRingToPop, productDial, productRingToPop, START_MILESTONES } from './rounds';

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'blink.user_timing',
  'toplevel',
  'v8',
  'disabled-by-default-v8.gc',
  // V8's samples inside the trace: which functions ran in a window, on the trace's clock.
  'disabled-by-default-v8.cpu_profiler',
];

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

/**
 * Runs `sample` under V8's sampling profiler of the console's renderer (the frame shares it: same site), written to
 * `dir/name.cpuprofile` (Chrome DevTools' Performance panel and `node --cpu-prof` tools read it).
 */
async function profiled<T>(world: BenchWorld, dir: string, name: string, sample: () => Promise<T>): Promise<T> {
  const cdp = await world.context.newCDPSession(world.console);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  try {
    return await sample();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}

/**
 * Traced samples (not counted in the figures): a cold start of each page, ring → pop of the product and floor, and
 * click-to-dial of the product (traced, and once more under V8's profiler: `click-to-dial-product.cpuprofile`); the
 * first ring and the first click-to-dial of a freshly loaded console under V8's profiler
 * (`ring-to-pop-product-first.cpuprofile`, `click-to-dial-product-first.cpuprofile`: first-time costs).
 */
export async function traceSamples(
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
    clickToDialToInvite: [],
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
  // The first ring of a fresh console under V8's profiler (the first call after a start pays first-time costs).
  const profiledFrame = await loadConsole(world, 'product');
  await profiled(world, dir, 'ring-to-pop-product-first', () => productRingToPop(world, profiledFrame, 0, scratch));
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
  // A fresh console: the pops navigated it to a record page whose phone field the utility panel covers.
  const dialFrame = await loadConsole(world, 'product');
  await profiled(world, dir, 'click-to-dial-product-first', () => productDial(world, dialFrame, 0, scratch));
  for (let i = 0; i < 3; i += 1) {
    const dial = await traced(browser, world, dir, `click-to-dial-product-${i + 1}`, () =>
      productDial(world, dialFrame, 0, scratch),
    );
    out.clickToDialToInvite!.push(tracePhases(dial.events, dial.result[0]![0], dial.result));
  }
  await profiled(world, dir, 'click-to-dial-product', async () => {
    for (let i = 0; i < 5; i += 1) await productDial(world, dialFrame, 0, scratch);
  });
  return out;
}
