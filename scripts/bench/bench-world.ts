/**
 * One benchmarked "world": a harness (RingCentral platform simulator + console stand-in + org stand-in) started from
 * a repository root — the current worktree, or the baseline's own worktree with `--baseline` — and a browser context
 * whose console frames the adapter page and is signed in to RingCentral.
 *
 * Observation points (no product code involved):
 * - the simulator's SIP log: when it receives an INVITE (`← wsN INVITE <Call-ID>`), sends one (`→ wsN INVITE`), and
 *   answers a REGISTER with 200 (a web phone is registered);
 * - the org stand-in's remote API, wrapped at run time: every remote action with its server-side start and end;
 * - the console's Open CTI log (`harnessConsole.openCtiLog`: method, args, received and answered times).
 * The console's call center definition is pointed at the bench's floor page when a figure needs the floor.
 * Times are epoch ms with sub-millisecond precision (`performance.timeOrigin + performance.now()`, in Node and in the
 * browser alike).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { customerPhone, signIn } from '../../cti-adapter/e2e/support/softphone-world';

export { agentRegistrations } from '../../cti-adapter/e2e/support/softphone-world';

/** Epoch ms, sub-millisecond. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** The part of the harness handle (`cti-adapter/harness/start-harness.ts`) the bench uses, structurally. */
export interface HarnessLike {
  urls: {
    console: string;
    consoleOrigin: string;
    adapterOrigin: string;
    adapterFrame: string;
    customerPhone: string | null;
    rcControl: string | null;
    rcServer: string | null;
  };
  org: {
    api: {
      readonly roundTrips: Readonly<Record<string, number>>;
      invoke(method: string, request: unknown, userId?: string): unknown;
    };
    store: { all(type: string): Record<string, unknown>[] };
  };
  rcPlatform: {
    certificate: { spkiSha256Base64: string };
    model: unknown;
    credentials: { pkceClient: { clientId: string } };
  } | null;
  stop(): Promise<void>;
}

/** One remote action as the org stand-in served it. */
export interface RemoteCall {
  readonly method: string;
  readonly startedAt: number;
  readonly endedAt: number;
  /** Number of logs for `upsertCallLogs`, else 1. */
  readonly items: number;
  /** The request as JSON, cut to 200 characters: what a call that took more than one round trip asked. */
  readonly request: string;
}

export type AdapterMode = 'product' | 'floor';

function requestSummary(request: unknown): string {
  try {
    return (JSON.stringify(request) ?? String(request)).slice(0, 200);
  } catch {
    return String(request).slice(0, 200);
  }
}

export interface BenchWorld {
  readonly label: 'current' | 'baseline';
  readonly root: string;
  readonly harness: HarnessLike;
  readonly context: BrowserContext;
  readonly console: Page;
  /** Call-ID → when the simulator received the INVITE (agent's outbound calls). */
  readonly invitesReceived: Map<string, number>;
  /** Call-ID → when the simulator sent the INVITE (calls to the agent's web phones). */
  readonly invitesSent: Map<string, number>;
  /** Remote actions served (append-only). */
  readonly remoteCalls: RemoteCall[];
  /** SIP connection id → when the simulator first answered a REGISTER on it with 200. */
  readonly registeredConnections: ReadonlyMap<string, number>;
  /** Resolves at the next REGISTER answered with 200 on a connection that had none before. */
  nextRegistration(): Promise<number>;
  /** Which page the console's utility bar loads on the next console navigation. */
  mode: AdapterMode;
  /** Floor page path (current world only). */
  readonly floorUrl: string | null;
  caller: Page | null;
  callee: Page | null;
  frame(): Promise<Frame>;
  /** Closes the browser context (the harness keeps running). */
  stop(): Promise<void>;
}

/** The agent of the sample world (`docs/sample-world.md`). */
export { AGENT } from '../../cti-adapter/e2e/support/softphone-world';

interface StartOptions {
  label: 'current' | 'baseline';
  root: string;
  /** Visualforce pages and static resources served before the package's (the floor page). */
  extraPagesDirs?: string[];
  extraStaticResourcesDirs?: string[];
  /** Name of the floor page among `extraPagesDirs`. */
  floorPage?: string;
  /** Open the two customer phones (default true; the heap figure places its calls through the control API). */
  customerPhones?: boolean;
}

/** Starts the harness of `root` (its own `startHarness`) with ephemeral ports and wraps its observation points. */
export async function startHarnessOf(
  options: StartOptions,
): Promise<{ harness: HarnessLike; sipLog: SipLog; remoteCalls: RemoteCall[] }> {
  const module = (await import(pathToFileURL(join(options.root, 'cti-adapter/harness/start-harness.ts')).href)) as {
    startHarness?: (o: unknown) => Promise<HarnessLike>;
    default?: { startHarness: (o: unknown) => Promise<HarnessLike> };
  };
  const startHarness = module.startHarness ?? module.default?.startHarness;
  if (!startHarness) throw new Error(`${options.root}: cti-adapter/harness/start-harness.ts exports no startHarness`);
  const sipLog = new SipLog();
  const harness = await startHarness({
    consolePort: 0,
    adapterPort: 0,
    // The org's Site too: another harness on the machine (a test, another worktree's bench) may hold its default port.
    sitePort: 0,
    rcPlatform: { httpsPort: 0, controlPort: 0, log: (line: string) => sipLog.line(line) },
    ...(options.extraPagesDirs ? { extraPagesDirs: options.extraPagesDirs } : {}),
    ...(options.extraStaticResourcesDirs ? { extraStaticResourcesDirs: options.extraStaticResourcesDirs } : {}),
  });
  const remoteCalls: RemoteCall[] = [];
  const api = harness.org.api;
  const invoke = api.invoke.bind(api);
  api.invoke = (method: string, request: unknown, userId?: string): unknown => {
    const startedAt = epochNow();
    try {
      return invoke(method, request, userId);
    } finally {
      const logs = (request as { logs?: unknown[] } | null)?.logs;
      const items = Array.isArray(logs) ? logs.length : 1;
      remoteCalls.push({ method, startedAt, endedAt: epochNow(), items, request: requestSummary(request) });
    }
  };
  return { harness, sipLog, remoteCalls };
}

/** Reads the simulator's SIP log lines. */
export class SipLog {
  readonly invitesReceived = new Map<string, number>();
  readonly invitesSent = new Map<string, number>();
  /** Connection → when the simulator first answered a REGISTER on it with 200. */
  readonly registeredConnections = new Map<string, number>();
  private readonly registerCallIds = new Set<string>();
  private waiters: ((at: number) => void)[] = [];

  line(text: string): void {
    const at = epochNow();
    const m = /^([←→]) (\S+) (\S+) ?(\S*)/.exec(text);
    if (!m) return;
    const [, direction, connection, what, callId] = m as unknown as [string, string, string, string, string];
    if (direction === '←' && what === 'INVITE' && callId && !this.invitesReceived.has(callId))
      this.invitesReceived.set(callId, at);
    if (direction === '→' && what === 'INVITE' && callId && !this.invitesSent.has(callId))
      this.invitesSent.set(callId, at);
    if (direction === '←' && what === 'REGISTER' && callId) this.registerCallIds.add(callId);
    if (direction === '→' && what === '200' && this.registerCallIds.has(callId)) {
      if (this.registeredConnections.has(connection)) return;
      this.registeredConnections.set(connection, at);
      for (const resolve of this.waiters.splice(0)) resolve(at);
    }
  }

  nextRegistration(): Promise<number> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * Starts a world: the harness, a browser context (microphone allowed, the simulator's certificate accepted), the
 * console, the sign-in through the PKCE popup, and the two customer phones the bench uses (Ann Lee, +16505550101,
 * who calls the agent; Initech's +16505550107, whom the agent dials).
 */
export async function openWorld(
  browser: Browser,
  started: { harness: HarnessLike; sipLog: SipLog; remoteCalls: RemoteCall[] },
  options: StartOptions,
): Promise<BenchWorld> {
  const { harness, sipLog, remoteCalls } = started;
  const context = await browser.newContext({ permissions: ['microphone'], ignoreHTTPSErrors: true });
  // The console frames `adapterPath` of its call center definition (read at every console page load); in floor mode
  // the bench points it at the floor page (same origin, same utility-bar query parameters added by the console).
  const callCenter = (harness as unknown as { console?: { options?: { callCenter?: { adapterPath?: string } } } })
    .console?.options?.callCenter;
  if (!callCenter || typeof callCenter.adapterPath !== 'string')
    throw new Error(`${options.label}: the console stand-in has no call center adapterPath to point at the floor page`);
  const productPath = callCenter.adapterPath;
  const floorPath = options.floorPage ? floorPagePath(harness, options.floorPage) : null;
  let mode: AdapterMode = 'product';
  const world: BenchWorld = {
    label: options.label,
    root: options.root,
    harness,
    context,
    console: await context.newPage(),
    invitesReceived: sipLog.invitesReceived,
    invitesSent: sipLog.invitesSent,
    registeredConnections: sipLog.registeredConnections,
    remoteCalls,
    nextRegistration: () => sipLog.nextRegistration(),
    get mode(): AdapterMode {
      return mode;
    },
    set mode(next: AdapterMode) {
      if (next === mode) return;
      if (next === 'floor' && !floorPath) throw new Error(`${options.label}: no floor page in this world`);
      callCenter.adapterPath = next === 'floor' ? floorPath! : productPath;
      mode = next;
    },
    floorUrl: floorPath,
    caller: null,
    callee: null,
    frame: () => adapterFrame(world.console),
    stop: async () => {
      await context.close().catch(() => undefined);
    },
  };
  await world.console.goto(harness.urls.console);
  await signIn(context, world.console);
  if (options.customerPhones !== false) {
    // Typed (no cast). Given the agent's context, `customerPhone` opens each phone in a window of its own: a tab over
    // the console would leave the console about one frame a second (ADR 0018, "the agent's tab in front").
    const asE2eWorld = { harness, callerContext: context };
    world.caller = await customerPhone(asE2eWorld, '+16505550101');
    world.callee = await customerPhone(asE2eWorld, '+16505550107');
  }
  return world;
}

/** The utility bar's frame of the console (adapter or floor page), once its document is there. */
export async function adapterFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#hc-softphone-frame', { timeout: 20_000 });
  for (let i = 0; i < 200; i += 1) {
    const frame = await handle.contentFrame();
    if (frame && frame.url() !== 'about:blank' && frame.url() !== '') return frame;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the utility bar frame did not load');
}

/** The floor page's path on the adapter origin, with the RingCentral server and client id it registers with. */
function floorPagePath(harness: HarnessLike, page: string): string {
  const query = new URLSearchParams();
  if (harness.urls.rcServer) query.set('rcServer', harness.urls.rcServer);
  const clientId = harness.rcPlatform?.credentials.pkceClient.clientId;
  if (clientId) query.set('rcClientId', clientId);
  return `/apex/${page}?${query.toString()}`;
}

/** Number of remote round trips served so far, all actions. */
export function remoteTotal(world: BenchWorld): number {
  return Object.values(world.harness.org.api.roundTrips).reduce((a, b) => a + b, 0);
}

/** `POST` to the simulator's control API. */
export async function control<T>(world: BenchWorld, path: string, body: unknown): Promise<T> {
  const base = world.harness.urls.rcControl;
  if (!base) throw new Error('no simulator control API');
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The part of the simulator's `GET /state` the bench reads. */
export interface SimulatorState {
  activeCalls: number;
  subscriptions: { connected: number; subscriptions: number };
  /** The outbound proxies (`http/sip-proxies.ts`): which are down, live sockets on each. */
  sipProxies: { down: string[]; sockets: { primary: number; backup: number } };
}

/** The simulator's `GET /state`. */
export async function simulatorState(world: BenchWorld): Promise<SimulatorState> {
  const base = world.harness.urls.rcControl;
  if (!base) throw new Error('no simulator control API');
  return (await (await fetch(`${base}/state`)).json()) as SimulatorState;
}

/** `DELETE /faults` at the simulator: it answers normally again. */
export async function clearFaults(world: BenchWorld): Promise<void> {
  const base = world.harness.urls.rcControl;
  if (!base) throw new Error('no simulator control API');
  const res = await fetch(`${base}/faults`, { method: 'DELETE' });
  if (!res.ok) throw new Error(`control DELETE /faults: ${res.status} ${await res.text()}`);
}
