/** History and Unresolved with N entries → rendered (`npm run bench`), and their floors. */
import type { Frame } from 'playwright-core';
import { round } from '../bench-report';
import {
  bareHistoryData,
  brokeredAccessToken,
  clickTabAndTimeList,
  lastCallLogUrl,
  probe,
  removeStorageKeys,
  timeHtmlRender,
  writeStorage,
} from '../bench-probes';
import { unresolvedCallsSeed } from '../bench-seed';
import { agentOf, sealedSignIn } from '../bench-sign-in';
import {
  loadConsole,
  PHONE_TAB,
  record,
  recordFloor,
  sleep,
  type Collected,
  type LatencySamples,
} from '../bench-session';
import type { BenchWorld } from '../bench-world';

const LIST_HOST = '.slds-tabs_default';

export interface ListSpec {
  tab: string;
  rows: string;
  list: string;
  /** Text the list shows while it loads. */
  busy: string | null;
  /** The floor's data part (History: the same requests, bare), ms; `null` when the list needs no data. */
  floorData: ((frame: Frame) => Promise<number | null>) | null;
  /**
   * Brings the softphone to where `tab` can be clicked and returns the frame to time in (default: the Phone tab shown,
   * the same frame). The SMS thread reloads the console so each open is a first one.
   */
  prepare?: (frame: Frame) => Promise<Frame>;
  /**
   * The floor lays the HTML out in the list's own box (same place and size, scrolled as the product left it): for a
   * list that scrolls on its own (the SMS thread), whose product lays out and paints only that box. Default: the HTML
   * is appended to the page as it comes (History and Unresolved grow with the page).
   */
  floorInBox?: boolean;
}

/**
 * `reps` times: Phone tab, then the list's tab clicked → rows painted; for the current world, then the floor: its data
 * part (if any) and the same rows' HTML set into the page → painted. Returns the rows shown.
 */
export async function timeList(
  world: BenchWorld,
  start: Frame,
  spec: ListSpec,
  reps: number,
  into: LatencySamples,
): Promise<number> {
  let rows = 0;
  let frame = start;
  for (let r = 0; r < reps; r += 1) {
    if (spec.prepare) frame = await spec.prepare(frame);
    else {
      await frame.click(PHONE_TAB);
      await sleep(300);
    }
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
    const box = spec.floorInBox ? t.box : null;
    if (spec.floorInBox && !box) throw new Error(`the list ${list} was not found after it was shown`);
    const render = await probe(frame, timeHtmlRender, { html: t.html, host: LIST_HOST, box });
    if (data === null) continue;
    const phases: Record<string, number> = { 'same HTML set → painted': round(render, 2)! };
    if (spec.floorData) phases['data (bare requests)'] = round(data, 2)!;
    recordFloor(into, r, round(data + render, 2)!, phases);
  }
  return rows;
}

export async function unresolvedRender(
  world: BenchWorld,
  entries: number,
  reps: number,
  c: Collected,
): Promise<number> {
  let frame = await loadConsole(world, 'product');
  const seed = unresolvedCallsSeed(entries, Date.now(), await agentOf(frame));
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

export async function historyRender(world: BenchWorld, reps: number, c: Collected): Promise<number> {
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
        const signIn = await sealedSignIn(f);
        const token = signIn ? await probe(f, brokeredAccessToken, signIn) : null;
        return url && token ? probe(f, bareHistoryData, { url, token }) : null;
      },
    },
    reps,
    c.history,
  );
}
