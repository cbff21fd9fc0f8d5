/**
 * Several tabs, one softphone (issue 13, ADR 0028) in `npm run bench`: console tabs of one browser context — the
 * agent's tabs of one browser — opened on the console stand-in, and what they cost and how fast they recover:
 * - `tabsAtSimulator`: the agent's SIP registrations and live event subscriptions at the simulator with 1, 3 and 5
 *   tabs open and settled, and the requests each follower tab sent to RingCentral and to Salesforce (Playwright's
 *   request and WebSocket events of its page, from its first navigation);
 * - `takeOver`: the owner tab closed (`page.close()`: `pagehide` runs) or its renderer crashed (CDP `Page.crash`) →
 *   the simulator answers a follower's REGISTER with 200, and → an inbound call placed that moment is shown ringing in
 *   every remaining tab;
 * - `reRegistration`: the primary SIP proxy's outage (simulator fault `sip-proxy-outage`) → the owner registered
 *   through the backup proxy; the backup's outage (a dropped socket, the primary up) → registered again;
 * - `followerAnswerToMedia`: Answer clicked in a follower → the first audio packet of the agent at the customer's
 *   phone (its peer connection's `getStats`); floor: the same with Answer clicked in the owner tab, which carries the
 *   media either way (ADR 0028, option (a)).
 * The world's own console (another browser of the same agent) is parked on a blank page meanwhile and reloaded after.
 */
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { customer, signIn, softphoneFrame, waitUntil } from '../../../cti-adapter/e2e/support/softphone-world';
import type { BenchOptions } from '../bench-options';
import { wants } from '../bench-options';
import { phasesFrom, round, type Sample, type TabCount } from '../bench-report';
import {
  clickNow,
  firstRtpAt,
  markEpochSince,
  openCtiCallsBetween,
  probe,
  resourceSince,
  selectorShownAt,
  watchFirstRtp,
  watchSelector,
} from '../bench-probes';
import {
  attemptWith,
  CALLER,
  discardLogs,
  hangUpLiveCalls,
  loadConsole,
  progress,
  record,
  recordFloor,
  sleep,
  waitForMark,
  type LatencySamples,
  type Milestones,
} from '../bench-session';
import {
  agentRegistrations,
  AGENT,
  clearFaults,
  control,
  epochNow,
  simulatorState,
  type BenchWorld,
} from '../bench-world';
import {
  newTabsCollected,
  POOL,
  SETTLE_MS,
  TAB_COUNTS,
  type KillKind,
  type TabsCollected,
  type TakeOverSamples,
} from './tabs-figures';

const READY = '.softphone[data-phase="ready"]';
const INCOMING = '.softphone-incoming';
const SIP_PROVISION = '/client-info/sip-provision';

interface Traffic {
  ringCentral: number;
  ringCentralSockets: number;
  remoteActions: number;
}

interface Tab {
  readonly page: Page;
  readonly frame: Frame;
  /** Requests of this tab's page (all its frames) since its first navigation. */
  readonly traffic: Traffic;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The agent's tabs: one browser context of console pages, the first signed in. */
class AgentTabs {
  tabs: Tab[] = [];

  private constructor(
    private readonly world: BenchWorld,
    private readonly context: BrowserContext,
  ) {}

  /** Parks the world's console (its softphone unregisters) and opens a new browser context for the agent's tabs. */
  static async open(browser: Browser, world: BenchWorld): Promise<AgentTabs> {
    await world.console.goto('about:blank');
    await waitUntil(
      "the world console's softphone to unregister and close its subscription",
      async () => agentRegistrations(world).length === 0 && (await simulatorState(world)).subscriptions.connected === 0,
      30_000,
    );
    const context = await browser.newContext({ permissions: ['microphone'], ignoreHTTPSErrors: true });
    return new AgentTabs(world, context);
  }

  /** Opens one more console tab (the first one signs in, or finds the sign-in stored) and waits until it is ready. */
  private async add(): Promise<Tab> {
    const page = await this.context.newPage();
    const traffic: Traffic = { ringCentral: 0, ringCentralSockets: 0, remoteActions: 0 };
    const rc = new URL(this.world.harness.urls.rcServer ?? 'https://rc.invalid');
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === rc.origin) traffic.ringCentral += 1;
      else if (url.pathname.includes('/apexremote')) traffic.remoteActions += 1;
    });
    page.on('websocket', (socket) => {
      if (new URL(socket.url()).host === rc.host) traffic.ringCentralSockets += 1;
    });
    await page.goto(this.world.harness.urls.console);
    if (this.tabs.length === 0) await signIn(this.context, page);
    const frame = await softphoneFrame(page);
    await frame.waitForSelector(READY, { timeout: 30_000 });
    const tab = { page, frame, traffic };
    this.tabs.push(tab);
    return tab;
  }

  /** `n` living tabs, each ready, and one SIP registration of the agent (followers over `n` are closed, newest first). */
  async ready(n: number): Promise<void> {
    this.tabs = this.tabs.filter((t) => !t.page.isClosed());
    while (this.tabs.length > n) {
      const owner = await this.owner().catch(() => null);
      const newest = [...this.tabs].reverse().find((t) => t !== owner)!;
      this.tabs = this.tabs.filter((t) => t !== newest);
      await newest.page.close({ runBeforeUnload: false });
    }
    while (this.tabs.length < n) await this.add();
    for (const tab of this.tabs) await tab.frame.waitForSelector(READY, { timeout: 30_000 });
    await waitUntil('one SIP registration of the agent', () => agentRegistrations(this.world).length === 1, 30_000);
  }

  /** The tab holding the phone: the one whose softphone registered (an owner never demotes; dead tabs are dropped). */
  async owner(): Promise<Tab> {
    for (const tab of this.tabs)
      if ((await probe(tab.frame, markEpochSince, { name: 'softphone:registered', sinceEpoch: 0 })) !== null)
        return tab;
    throw new Error('no tab holds the phone');
  }

  /** The first living tab whose softphone registered at or after `sinceEpoch` (the new owner after a take-over). */
  async ownerSince(sinceEpoch: number): Promise<Tab> {
    const until = Date.now() + 20_000;
    for (;;) {
      for (const tab of this.tabs)
        if ((await probe(tab.frame, markEpochSince, { name: 'softphone:registered', sinceEpoch })) !== null) return tab;
      if (Date.now() > until) throw new Error('no tab registered after the take-over');
      await sleep(20);
    }
  }

  /**
   * Closes (`pagehide` runs, no `beforeunload` prompt) or crashes (CDP `Page.crash`: the renderer dies, nothing runs)
   * `tab`. Returns the epoch ms the kill was sent and a promise of its completion.
   */
  async kill(tab: Tab, how: KillKind): Promise<{ at: number; gone: Promise<void> }> {
    this.tabs = this.tabs.filter((t) => t !== tab);
    if (how === 'close') {
      const at = epochNow();
      return { at, gone: tab.page.close({ runBeforeUnload: false }) };
    }
    const cdp = await this.context.newCDPSession(tab.page);
    const crashed = tab.page.waitForEvent('crash', { timeout: 10_000 });
    const at = epochNow();
    void cdp.send('Page.crash').catch(() => undefined); // never answered: the renderer is gone
    const gone = crashed.then(() => tab.page.close().catch(() => undefined));
    return { at, gone };
  }

  /**
   * After a failed step: the faults lifted, every call hung up, dead or hung tabs closed, the survivors' log forms
   * discarded.
   */
  async recover(): Promise<void> {
    await clearFaults(this.world).catch(() => undefined);
    await hangUpLiveCalls(this.world);
    const alive: Tab[] = [];
    for (const tab of this.tabs) {
      const answers = await within(
        tab.frame.evaluate(() => true),
        5_000,
        'the tab',
      ).catch(() => false);
      if (answers) alive.push(tab);
      else await tab.page.close().catch(() => undefined); // crashed or hung: the next step opens a fresh tab
    }
    this.tabs = alive;
    for (const tab of this.tabs) await discardLogs(tab.frame).catch(() => undefined);
  }

  /** Closes the context and reloads the world's console (its softphone registers again). */
  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await waitUntil('the tabs to unregister', () => agentRegistrations(this.world).length === 0, 30_000).catch(
      () => undefined,
    );
    const frame = await loadConsole(this.world, 'product');
    await discardLogs(frame);
  }
}

/** Milestones sorted by time (one observed out of the expected order still gives positive phases). */
function inTimeOrder(milestones: Milestones): Milestones {
  return [...milestones].sort((a, b) => (a[1] ?? Infinity) - (b[1] ?? Infinity));
}

/**
 * Watches the simulator's model for the agent's party of a call turning `Answered` (the platform's view of the
 * answer, after the web phone's 200 OK); `at()` gives its epoch ms once seen.
 */
function watchPlatformAnswer(world: BenchWorld): { at(): number | undefined; stop(): void } {
  interface Telephony {
    extensionId: string;
    body: { parties: { extensionId?: string; direction: string; status: { code: string } }[] };
  }
  const model = world.harness.rcPlatform?.model as {
    events?: { on(topic: 'telephony', listener: (event: Telephony) => void): () => void };
  } | null;
  let answeredAt: number | undefined;
  const stop =
    model?.events?.on('telephony', (event) => {
      const answered = event.body.parties.some(
        (p) => p.extensionId === event.extensionId && p.direction === 'Inbound' && p.status.code === 'Answered',
      );
      if (answered && answeredAt === undefined) answeredAt = epochNow();
    }) ?? (() => undefined);
  return { at: () => answeredAt, stop };
}

const most = (values: number[]): number | null => (values.length === 0 ? null : Math.max(...values));

/** Opens the tabs up to 1, 3 and 5, lets each count settle, and reads the simulator and each tab's requests. */
async function countTabs(world: BenchWorld, tabs: AgentTabs, into: TabCount[]): Promise<void> {
  for (const n of TAB_COUNTS) {
    await tabs.ready(n);
    await sleep(SETTLE_MS);
    const owner = await tabs.owner();
    const followers = tabs.tabs.filter((t) => t !== owner).map((t) => t.traffic);
    const state = await simulatorState(world);
    into.push({
      tabs: n,
      registrations: agentRegistrations(world).length,
      subscriptions: state.subscriptions.connected,
      followerRingCentralRequests: most(followers.map((t) => t.ringCentral)),
      followerRingCentralSockets: most(followers.map((t) => t.ringCentralSockets)),
      followerRemoteActions: most(followers.map((t) => t.remoteActions)),
      ownerRingCentralRequests: owner.traffic.ringCentral,
    });
    progress(`${n} tab(s): ${JSON.stringify(into.at(-1))}`);
  }
}

/**
 * One take-over: the owner of {@link POOL} tabs closed or crashed → the simulator answers a follower's REGISTER with
 * 200 → an inbound call placed that moment (control API, simulated caller) → shown ringing in every remaining tab.
 */
async function takeOverOnce(world: BenchWorld, tabs: AgentTabs, how: KillKind, r: number, into: TakeOverSamples) {
  await tabs.ready(POOL);
  const owner = await tabs.owner();
  const [before] = agentRegistrations(world);
  const key = `take-over-${how}-${r}-${Date.now()}`;
  for (const tab of tabs.tabs) {
    if (tab === owner) continue;
    await tab.frame.evaluate(() => performance.clearResourceTimings()); // room for the new owner's requests
    await probe(tab.frame, watchSelector, { selector: INCOMING, key });
  }
  const registration = world.nextRegistration();
  const killed = await tabs.kill(owner, how);
  const registeredAt = await within(registration, 20_000, 'a follower to register');
  const placed = await control<{ telephonySessionId: string }>(world, '/calls/inbound', {
    from: CALLER,
    to: AGENT.number,
  });
  await within(killed.gone, 20_000, `the owner tab to ${how === 'close' ? 'close' : 'crash'}`);
  const taken = agentRegistrations(world).find((x) => x.connectionId !== before?.connectionId);
  if (!taken || world.registeredConnections.get(taken.connectionId) !== registeredAt)
    throw new Error('the registration after the kill is not the agent’s');
  const invite = [...world.invitesSent.entries()].find(([, at]) => at >= registeredAt);
  if (!invite) throw new Error('the simulator sent no INVITE to the new owner');
  const [callId, inviteAt] = invite;
  const newOwner = await tabs.ownerSince(killed.at);
  await waitForMark(newOwner.frame, `softphone:ringing:${callId}`, 20_000);
  const ringingAt = await probe(newOwner.frame, markEpochSince, {
    name: `softphone:ringing:${callId}`,
    sinceEpoch: killed.at,
  });
  const shown: number[] = [];
  for (const tab of tabs.tabs) {
    const at = await probe(tab.frame, selectorShownAt, { key, timeoutMs: 20_000 });
    if (at === null) throw new Error('the call did not ring in every remaining tab');
    shown.push(at);
  }
  const session = await probe(newOwner.frame, markEpochSince, { name: 'softphone:rc-session', sinceEpoch: killed.at });
  const provision = await probe(newOwner.frame, resourceSince, { pattern: SIP_PROVISION, sinceEpoch: killed.at });
  // What the new owner asked of Salesforce until it registered: remote actions (server-side times at the org
  // stand-in) and Open CTI calls (its console's log).
  const remote = world.remoteCalls
    .filter((call) => call.startedAt >= killed.at && call.startedAt <= registeredAt)
    .flatMap((call): Milestones => [
      [`${call.method} received (org stand-in)`, call.startedAt],
      [`${call.method} answered`, call.endedAt],
    ]);
  const openCti = (
    await probe(newOwner.page, openCtiCallsBetween, { sinceEpoch: killed.at, untilEpoch: registeredAt })
  ).flatMap((call): Milestones => [
    [`Open CTI ${call.methodName} received (console)`, call.receivedAt],
    [`Open CTI ${call.methodName} answered`, call.answeredAt],
  ]);
  const shownEverywhere = Math.max(...shown);
  const phases = phasesFrom(
    inTimeOrder([
      [`owner tab ${how === 'close' ? 'closed' : 'crashed'}`, killed.at],
      ...remote,
      ...openCti,
      ['new owner: RingCentral session restored', session],
      ['sip-provision sent', provision?.sent],
      ['sip-provision answered', provision?.received],
      ['REGISTER answered (simulator)', registeredAt],
      ['INVITE sent (simulator)', inviteAt],
      ['ringing in the new owner', ringingAt],
      ['shown in every tab', shownEverywhere],
    ]),
  );
  into.registered.push({ round: r, value: round(registeredAt - killed.at, 2)! });
  into.ringing.push({ round: r, value: round(shownEverywhere - killed.at, 2)! });
  for (const [name, value] of Object.entries(phases)) (into.phases[name] ??= []).push({ round: r, value });
  await control(world, `/calls/${placed.telephonySessionId}/hangup`, {}).catch(() => undefined);
  for (const tab of tabs.tabs) await tab.frame.waitForSelector(INCOMING, { state: 'detached', timeout: 20_000 });
  await discardLogs(newOwner.frame);
}

/**
 * One outage of `proxy`: the simulator drops the owner's SIP socket through it and refuses new connections to it →
 * the owner's web phone registers again through the other proxy (the simulator answers its REGISTER with 200).
 */
async function outageOnce(
  world: BenchWorld,
  tabs: AgentTabs,
  proxy: 'primary' | 'backup',
  r: number,
  into: { samples: Sample[]; phases: Record<string, Sample[]> },
): Promise<void> {
  const owner = await tabs.owner();
  const other = proxy === 'primary' ? 'backup' : 'primary';
  const sockets = (await simulatorState(world)).sipProxies.sockets;
  if (sockets[proxy] !== 1 || sockets[other] !== 0)
    throw new Error(`the owner's socket is not on the ${proxy} proxy alone: ${JSON.stringify(sockets)}`);
  await owner.frame.evaluate(() => performance.clearResourceTimings()); // room for the reconnect's requests
  const [before] = agentRegistrations(world);
  const registration = world.nextRegistration();
  const at = epochNow();
  const outage = await control<{ dropped: number }>(world, '/faults', { kind: 'sip-proxy-outage', proxy });
  if (outage.dropped !== 1) throw new Error(`the ${proxy} proxy outage dropped ${outage.dropped} sockets, not 1`);
  const registeredAt = await within(registration, 20_000, `the owner to register through the ${other} proxy`);
  const taken = agentRegistrations(world).find((x) => x.connectionId !== before?.connectionId);
  if (!taken || world.registeredConnections.get(taken.connectionId) !== registeredAt)
    throw new Error('the registration after the outage is not the agent’s');
  await waitUntil(`the owner's socket on the ${other} proxy`, async () => {
    const now = (await simulatorState(world)).sipProxies.sockets;
    return now[other] === 1 && now[proxy] === 0;
  });
  await clearFaults(world);
  const provision = await probe(owner.frame, resourceSince, { pattern: SIP_PROVISION, sinceEpoch: at });
  const registeredMark = await probe(owner.frame, markEpochSince, { name: 'softphone:registered', sinceEpoch: at });
  const phases = phasesFrom([
    [`${proxy} proxy outage`, at],
    ['sip-provision sent', provision?.sent],
    ['sip-provision answered', provision?.received],
    [`REGISTER through the ${other} proxy answered (simulator)`, registeredAt],
    ['softphone registered', registeredMark],
  ]);
  into.samples.push({ round: r, value: round(registeredAt - at, 2)! });
  for (const [name, value] of Object.entries(phases)) (into.phases[name] ??= []).push({ round: r, value });
  await waitUntil('every tab ready', async () => {
    for (const tab of tabs.tabs) if (!(await tab.frame.$(READY))) return false;
    return true;
  });
}

/** After a failed outage step: an owner left on the backup proxy is moved back to the primary (the backup's outage). */
async function backOnPrimary(world: BenchWorld): Promise<void> {
  const sockets = (await simulatorState(world)).sipProxies.sockets;
  if (sockets.backup === 0) return;
  await control(world, '/faults', { kind: 'sip-proxy-outage', proxy: 'backup' });
  try {
    await waitUntil('the owner back on the primary proxy', async () => {
      const now = (await simulatorState(world)).sipProxies.sockets;
      return now.primary === 1 && now.backup === 0 && agentRegistrations(world).length === 1;
    });
  } finally {
    await clearFaults(world);
  }
}

/**
 * One call from the customer phone answered in `who`'s tab (a follower, or the owner for the floor): Answer clicked →
 * the first audio packet of the agent at the customer; the customer hangs up and the log is discarded.
 */
async function answerOnce(
  world: BenchWorld,
  tabs: AgentTabs,
  who: 'follower' | 'owner',
  r: number,
  into: LatencySamples,
): Promise<void> {
  const caller = world.caller;
  if (!caller) throw new Error('no customer phone in this world');
  await tabs.ready(POOL);
  const owner = await tabs.owner();
  const answering = who === 'owner' ? owner : tabs.tabs.find((t) => t !== owner)!;
  await customer(caller, 'call', AGENT.number);
  // A lost sample says whose side failed: the customer phone's call never reached the simulator (its own socket, e.g.
  // after the proxy outages), or the agent's tabs did not show it ringing.
  await waitUntil(
    "the customer phone's call at the simulator",
    async () => (await simulatorState(world)).activeCalls > 0,
    10_000,
  );
  await answering.frame.waitForSelector(INCOMING, { timeout: 20_000 });
  await owner.frame.waitForSelector(INCOMING, { timeout: 20_000 });
  await probe(caller, watchFirstRtp, undefined);
  const platform = watchPlatformAnswer(world);
  let clickedAt: number;
  let audioAt: number | null;
  try {
    clickedAt = await probe(answering.frame, clickNow, '.softphone-answer');
    audioAt = await probe(caller, firstRtpAt, { timeoutMs: 20_000 });
  } finally {
    platform.stop();
  }
  if (audioAt === null) throw new Error('no audio reached the customer within 20 s of the Answer');
  const phases = phasesFrom(
    inTimeOrder([
      [`Answer clicked in the ${who}`, clickedAt],
      ["the agent's party Answered (simulator)", platform.at()],
      ['first audio packet at the customer', audioAt],
    ]),
  );
  const value = round(audioAt - clickedAt, 2)!;
  if (who === 'follower') record(into, world, r, value, phases);
  else recordFloor(into, r, value, phases);
  await customer(caller, 'hangup');
  // The log form of the ended call (unless an automatic log already saved it), discarded.
  await owner.frame.waitForSelector('.softphone-log-form', { timeout: 10_000 }).catch(() => undefined);
  await discardLogs(owner.frame);
  await waitUntil('the call to end at the simulator', async () => (await simulatorState(world)).activeCalls === 0);
  for (const tab of tabs.tabs)
    await tab.frame.waitForSelector('.softphone-log-form', { state: 'detached', timeout: 20_000 });
}

/** Measures the tab figures `options` asks for into `c`; each lost sample is listed in `run.failures`. */
export async function measureTabs(
  browser: Browser,
  world: BenchWorld,
  options: BenchOptions,
  c: TabsCollected,
): Promise<void> {
  const tabs = await AgentTabs.open(browser, world);
  const step = (label: string, run: () => Promise<void>) => attemptWith(`tabs ${label}`, run, () => tabs.recover());
  try {
    if (wants(options, 'tabsAtSimulator')) await step('1, 3, 5 tabs', () => countTabs(world, tabs, c.counts));
    if (wants(options, 'takeOver'))
      for (let r = 0; r < options.rounds; r += 1) {
        const kinds: KillKind[] = r % 2 === 0 ? ['close', 'crash'] : ['crash', 'close'];
        for (const how of kinds)
          await step(`take-over (${how}) ${r + 1}`, () => takeOverOnce(world, tabs, how, r, c.takeOver[how]));
        const last = (how: KillKind) =>
          `${c.takeOver[how].registered.at(-1)?.value ?? '–'} / ${c.takeOver[how].ringing.at(-1)?.value ?? '–'}`;
        progress(
          `take-over ${r + 1}/${options.rounds}: closed → registered / ringing ${last('close')} ms; crashed ${last('crash')} ms`,
        );
      }
    if (wants(options, 'reRegistration'))
      for (let r = 0; r < options.rounds; r += 1) {
        const ready = await step(`ready for outage ${r + 1}`, async () => {
          await tabs.ready(POOL);
          await backOnPrimary(world);
        });
        // The backup's outage starts from the backup: only after the primary's outage moved the owner there.
        if (
          ready &&
          (await step(`primary proxy outage ${r + 1}`, () =>
            outageOnce(world, tabs, 'primary', r, c.reRegistration.overBackupProxy),
          ))
        )
          await step(`backup proxy outage ${r + 1}`, () =>
            outageOnce(world, tabs, 'backup', r, c.reRegistration.afterSocketDrop),
          );
        progress(
          `re-registration ${r + 1}/${options.rounds}: over the backup ${c.reRegistration.overBackupProxy.samples.at(-1)?.value ?? '–'} ms, after a drop ${c.reRegistration.afterSocketDrop.samples.at(-1)?.value ?? '–'} ms`,
        );
      }
    if (wants(options, 'followerAnswerToMedia')) {
      // Not counted: the owner tab's first answered call also opens its microphone and warms what later calls reuse.
      const warmUp = newTabsCollected().answer;
      await step('Answer warm-up', () => answerOnce(world, tabs, 'owner', 0, warmUp));
      for (let r = 0; r < options.rounds; r += 1) {
        const order: ('follower' | 'owner')[] = r % 2 === 0 ? ['follower', 'owner'] : ['owner', 'follower'];
        for (const who of order) await step(`${who} Answer ${r + 1}`, () => answerOnce(world, tabs, who, r, c.answer));
        progress(
          `Answer → audio ${r + 1}/${options.rounds}: follower ${c.answer.product.at(-1)?.value ?? '–'} ms (owner ${c.answer.floor.at(-1)?.value ?? '–'})`,
        );
      }
    }
  } finally {
    await tabs.close();
  }
}
