/**
 * SMS figures of `npm run bench` (issue 12) and their floors:
 * - inbound SMS → shown: the simulator delivers an SMS from a customer to the agent → its text is in the Messages
 *   tab's DOM (the conversation list); floor: the floor page's own WebSocket subscription to the same instant-SMS
 *   event, the text written into a `<div>` on arrival (`openBareSmsSocket`);
 * - a 10,000-message thread opened → its visible window rendered; floor: the same window's HTML laid out in the
 *   thread's box (same place and size, scrolling on its own, scrolled to the newest message) → painted.
 */
import type { Frame } from 'playwright-core';
import { round } from '../bench-report';
import { brokeredAccessToken, openBareSmsSocket, probe, textShownAt, watchText } from '../bench-probes';
import { sealedSignIn } from '../bench-sign-in';
import { CALLER, loadConsole, record, recordFloor, sleep, type Collected, type LatencySamples } from '../bench-session';
import { AGENT, epochNow, type BenchWorld } from '../bench-world';
import { timeList } from './lists';

export const MESSAGES_TAB = '#softphone-tab-messages';

/** The customer of the seeded 10,000-message thread (no record in the sample data: the thread shows the number). */
export const THREAD_CUSTOMER = '+14155559876';

interface SmsModel {
  receiveSmsFromCustomer(input: { fromNumber: string; toNumber: string; text: string }): unknown;
}

function modelOf(world: BenchWorld): SmsModel {
  const model = world.harness.rcPlatform?.model;
  if (!model) throw new Error('no RingCentral simulator in this harness');
  return model as SmsModel;
}

/** One SMS from the caller's number to the agent; ms from the simulator delivering it to its text in the frame's DOM. */
async function inboundOnce(world: BenchWorld, frame: Frame, marker: string): Promise<number> {
  await probe(frame, watchText, { marker });
  const sent = epochNow();
  modelOf(world).receiveSmsFromCustomer({ fromNumber: CALLER, toNumber: AGENT.number, text: marker });
  const shown = await probe(frame, textShownAt, { timeoutMs: 20_000 });
  if (shown === null) throw new Error(`the SMS "${marker}" was not shown within 20 s`);
  return round(shown - sent, 2)!;
}

async function samplesInto(
  world: BenchWorld,
  frame: Frame,
  r: number,
  n: number,
  put: (value: number) => void,
): Promise<void> {
  await inboundOnce(world, frame, `bench-sms-warm-up-${world.label}-${r}-${Date.now()}`); // not counted
  for (let i = 0; i < n; i += 1) {
    await sleep(300);
    put(await inboundOnce(world, frame, `bench-sms-${world.label}-${r}-${i}-${Date.now()}`));
  }
}

/** Round `r` of the product: the Messages tab shown, `n` inbound SMS timed to their text in the conversation list. */
export async function smsInboundProduct(world: BenchWorld, r: number, n: number, c: Collected): Promise<void> {
  const frame = await loadConsole(world, 'product');
  await frame.click(MESSAGES_TAB);
  await frame.waitForSelector('.softphone-conversation-list', { timeout: 30_000 });
  await samplesInto(world, frame, r, n, (value) => record(c.smsInbound, world, r, value));
}

/** Round `r` of the floor: the floor page's bare subscription, `n` inbound SMS timed to their text in its `<div>`. */
export async function smsInboundFloor(world: BenchWorld, r: number, n: number, c: Collected): Promise<void> {
  const frame = await loadConsole(world, 'floor');
  const server = world.harness.urls.rcServer;
  const signIn = await sealedSignIn(frame);
  const token = signIn ? await probe(frame, brokeredAccessToken, signIn) : null;
  if (!server || !token) throw new Error('the floor page has no RingCentral server or access token');
  await probe(frame, openBareSmsSocket, { server, token });
  await samplesInto(world, frame, r, n, (value) => recordFloor(c.smsInbound, r, value));
}

/**
 * `reps` times: console reloaded, Messages tab shown, the seeded thread of `conversationId` opened → its visible
 * window painted; then (current world) the same window's HTML laid out in the thread's box → painted. Returns the rows shown.
 */
export async function smsThreadOpen(
  world: BenchWorld,
  conversationId: string,
  reps: number,
  into: LatencySamples,
): Promise<number> {
  const open = `.softphone-conversation-open[data-id="${conversationId}"]`;
  const frame = await loadConsole(world, 'product');
  return timeList(
    world,
    frame,
    {
      tab: open,
      rows: '.softphone-thread-messages .slds-chat-list > li',
      list: '.softphone-thread-messages',
      busy: 'Loading messages…',
      floorData: null,
      floorInBox: true,
      prepare: async () => {
        const fresh = await loadConsole(world, 'product');
        await fresh.click(MESSAGES_TAB);
        await fresh.waitForSelector(open, { timeout: 30_000 });
        await sleep(300);
        return fresh;
      },
    },
    reps,
    into,
  );
}
