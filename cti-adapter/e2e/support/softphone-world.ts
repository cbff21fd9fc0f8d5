import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Frame,
  type Page,
} from 'playwright-core';
import { bundleStampStatus } from '../../../scripts/build/bundle-stamp.mjs';
import type { RcPlatformOptions } from '../../harness/rc-platform/config';
import { startHarness, type HarnessHandle } from '../../harness/start-harness';
import { CHROMIUM_ARGS, launchChromiumProcess, type ChromiumProcess } from '../../test-support/chromium';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Agent login of the sample world (`docs/sample-world.md`). */
export const AGENT = {
  email: 'alex@example.test',
  password: 'Softphone!101',
  extension: '101',
  number: '+16505550100',
};

/**
 * Makes sure the static resource the adapter page loads is built from the current sources: runs `npm run build`
 * unless the stamp of the last successful build (`scripts/build/bundle-stamp.mjs`: a digest of the sources, build
 * scripts and installed packages it was built from, and of the files it wrote) says the bundle on disk is that
 * build's. So `npm test`'s build step (or the e2e project's global setup) builds once and the specs reuse it; a spec
 * run alone after an edit still builds. @throws when the build fails (over the first-paint budget included)
 */
export function buildBundle(): void {
  if (bundleIsCurrent()) return;
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build/build-softphone.mjs')], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
}

/** Whether the bundle on disk was built by a successful `npm run build` of the current sources (its stamp). */
export function bundleIsCurrent(): boolean {
  return bundleStampStatus(REPO_ROOT, {
    outputDir: join(REPO_ROOT, 'force-app/main/default/staticresources/SoftphoneBundle'),
    callbackOutput: join(REPO_ROOT, 'force-app/main/default/staticresources/RingCentralOAuthCallback.js'),
  }).current;
}

export interface SoftphoneWorld {
  harness: HarnessHandle;
  browser: Browser;
  /** The agent's browser context (the console tabs and the sign-in popup). */
  context: BrowserContext;
  /**
   * Where the customer phones open ({@link customerPhone}): a browser context of their own (another window), as a
   * customer calls from another person's browser. A page opened in the agent's context is a tab of the agent's window
   * in front of the console: with `browser: 'own-process'` the console is then hidden; with Playwright's launch it still
   * says `visible` (focus emulation) but Chromium gives the background tab about one frame a second, and the idle
   * callbacks of the softphone's start run only at their timeout (`docs/adr/0018-first-paint-and-the-critical-path.md`,
   * amendment "the agent's tab in front").
   */
  callerContext: BrowserContext;
  console: Page;
  /** With `browser: 'own-process'`: the Chromium process the world started (its DevTools endpoint). */
  process?: ChromiumProcess;
  stop(): Promise<void>;
}

/** Options of {@link startSoftphoneWorld}. */
export interface SoftphoneWorldOptions {
  simulatorLog?: (line: string) => void;
  /** Simulator options on top of the world's (ephemeral ports, the log), e.g. short REGISTER expiries. */
  rcPlatform?: Omit<RcPlatformOptions, 'httpsPort' | 'controlPort' | 'log'>;
  /**
   * `playwright` (default): `chromium.launch` and a new browser context, as every spec. `own-process`: the world
   * starts Chromium itself and attaches over CDP with `noDefaults` ({@link launchChromiumProcess}), the agent's tabs
   * in the default context: no focus emulation and none of Playwright's anti-throttling flags, so a tab opened after
   * the console hides it as in a desktop browser (the hidden-tab specs).
   */
  browser?: 'playwright' | 'own-process';
  /** More Chromium flags (e.g. `--enable-features=…`). */
  chromiumArgs?: readonly string[];
}

/**
 * Chromium flags from the shared launcher (`cti-adapter/test-support/chromium.ts`) plus trust for the simulator's
 * self-signed certificate: its SPKI pin when known, otherwise every certificate.
 */
export function chromiumArgs(spki: string | null): string[] {
  return [
    ...CHROMIUM_ARGS,
    ...(spki ? [`--ignore-certificate-errors-spki-list=${spki}`] : ['--ignore-certificate-errors']),
  ];
}

/**
 * Starts the harness (simulator + console + org stand-in + Visualforce renderer) as `npm start` does — same-site
 * origins (`localhost`), the call center's blank `rcSettings` filled by the harness with the simulator's server
 * URL, PKCE client id and redirect URI — launches Chromium, opens the console and signs the softphone in through
 * the PKCE popup. All ports are ephemeral.
 */
export async function startSoftphoneWorld(options: SoftphoneWorldOptions = {}): Promise<SoftphoneWorld> {
  const harness = await startHarness({
    consolePort: 0,
    adapterPort: 0,
    sitePort: 0,
    rcPlatform: {
      ...options.rcPlatform,
      httpsPort: 0,
      controlPort: 0,
      ...(options.simulatorLog ? { log: options.simulatorLog } : {}),
    },
  });
  const rc = harness.rcPlatform;
  if (!rc) throw new Error('the simulator did not start');
  const args = [...chromiumArgs(rc.certificate.spkiSha256Base64), ...(options.chromiumArgs ?? [])];
  let process: ChromiumProcess | undefined;
  let browser: Browser;
  try {
    if (options.browser === 'own-process') {
      process = await launchChromiumProcess(args);
      browser = process.browser;
    } else {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args });
    }
  } catch (error) {
    await harness.stop().catch(() => undefined);
    throw error;
  }
  const closeBrowser = async (): Promise<void> => {
    await (process ? process.close() : browser.close()).catch(() => undefined);
  };
  try {
    const context =
      process?.context ?? (await browser.newContext({ permissions: ['microphone'], ignoreHTTPSErrors: true }));
    const callerContext = await browser.newContext(CALLER_CONTEXT_OPTIONS);
    // The process opened one blank tab: it becomes the console (another tab would hide it).
    const consolePage = context.pages()[0] ?? (await context.newPage());
    await consolePage.goto(harness.urls.console);
    await signIn(context, consolePage);
    return {
      harness,
      browser,
      context,
      callerContext,
      console: consolePage,
      ...(process ? { process } : {}),
      stop: async () => {
        await closeBrowser();
        await harness.stop();
      },
    };
  } catch (error) {
    await closeBrowser();
    await harness.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * Minimizes the console's utility panel and scrolls the page to the top, so that the page under the panel can be
 * seen whole and clicked: as in Lightning, the open softphone panel overlays the page's left column (the console
 * stand-in's `harnessConsole.setPanelVisible(false)`, what Open CTI `setSoftphonePanelVisibility` does). A ringing
 * call or a click-to-dial opens it again.
 */
export async function hideSoftphonePanel(page: Page): Promise<void> {
  await page.evaluate(() => {
    (
      window as unknown as { harnessConsole: { setPanelVisible(visible: boolean): void } }
    ).harnessConsole.setPanelVisible(false);
    window.scrollTo(0, 0);
  });
}

/** The softphone frame inside the console's utility bar, once its UI has mounted. */
export async function softphoneFrame(page: Page): Promise<Frame> {
  const frame = await adapterFrame(page);
  await frame.waitForSelector('softphone-app .softphone', { timeout: 20_000 });
  return frame;
}

/** The adapter page's frame in the console's utility bar, whether or not its UI has mounted. */
export async function adapterFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#hc-softphone-frame');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no softphone frame');
  return frame;
}

/**
 * Waits until `page` (a console tab) shows the record page of `recordId` (`/lightning/r/<objectType>/<id>/view`): the
 * screen pop happened. It waits for the URL, not for a document load (the console's navigations are same-document,
 * as Lightning's). On a timeout the error says where the console is, what the softphone shows and the console's last
 * Open CTI requests, so a failure in CI tells whether the pop was never asked for or went elsewhere.
 */
export async function waitForRecordPage(
  page: Page,
  objectType: string,
  recordId: string,
  timeout = 20_000,
): Promise<void> {
  try {
    await waitForConsoleUrl(page, new RegExp(`/lightning/r/${objectType}/${recordId}/view`), timeout);
  } catch (error) {
    const softphone = await softphoneFrame(page)
      .then((frame) => frame.evaluate(() => document.querySelector('.softphone')?.textContent?.replace(/\s+/g, ' ')))
      .catch((e: unknown) => `unreadable (${String(e)})`);
    const openCti = await page
      .evaluate(() =>
        (
          window as unknown as { harnessConsole: { openCtiLog: { methodName: string; args: unknown }[] } }
        ).harnessConsole.openCtiLog
          .slice(-6)
          .map((entry) => `${entry.methodName} ${JSON.stringify(entry.args)}`),
      )
      .catch((e: unknown) => [`unreadable (${String(e)})`]);
    throw new Error(
      [
        `${(error as Error).message}`,
        `console at ${page.url()}`,
        `softphone shows: ${String(softphone).slice(0, 600)}`,
        `last Open CTI requests: ${openCti.join(' | ')}`,
      ].join('\n'),
    );
  }
}

/** The package's OAuth redirect page (Visualforce `RingCentralOAuthCallback`), on the adapter origin. */
export const OAUTH_CALLBACK_PATH = '/apex/RingCentralOAuthCallback';

/**
 * Signs in through the PKCE popup when the softphone shows the logged-out state; waits for "Ready". The popup must
 * come back through the package's own callback page on the softphone's origin (never a harness-only page): its
 * navigations are checked. Returns them (empty when the softphone was already signed in).
 */
export async function signIn(context: BrowserContext, page: Page): Promise<string[]> {
  const frame = await softphoneFrame(page);
  await frame.waitForSelector('.softphone-status', { timeout: 20_000 });
  const login = await frame.waitForSelector('.softphone-login, .softphone[data-phase="ready"]', { timeout: 20_000 });
  const visited: string[] = [];
  if ((await login.getAttribute('class'))?.includes('softphone-login')) {
    const popupPromise = context.waitForEvent('page', { timeout: 15_000 });
    await frame.click('.softphone-login');
    const popup = await popupPromise.catch(async (error: unknown) => {
      const text = (await frame.textContent('body'))?.replace(/\s+/g, ' ').slice(0, 400);
      throw new Error(`no sign-in popup (${String(error)}); softphone shows: ${text}`);
    });
    popup.on('framenavigated', (f) => {
      if (f === popup.mainFrame()) visited.push(f.url());
    });
    await popup.waitForSelector('input[name="username"]');
    await popup.fill('input[name="username"]', AGENT.email);
    await popup.fill('input[name="password"]', AGENT.password);
    await popup.click('button[value="login"]');
    await popup.waitForEvent('close', { timeout: 20_000 }).catch(() => undefined);
    const callback = visited.find((url) => new URL(url).pathname === OAUTH_CALLBACK_PATH);
    if (
      !callback ||
      new URL(callback).origin !== new URL(frame.url()).origin ||
      !new URL(callback).searchParams.get('code')
    ) {
      throw new Error(
        `the sign-in did not come back through ${OAUTH_CALLBACK_PATH} on the softphone's origin: ${visited.join(' → ')}`,
      );
    }
  }
  await frame.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  return visited;
}

/** Options of a customer's browser context: the microphone allowed, the simulator's self-signed certificate accepted. */
const CALLER_CONTEXT_OPTIONS: BrowserContextOptions = { permissions: ['microphone'], ignoreHTTPSErrors: true };

/**
 * Opens the customer phone page for `number` and waits until it is registered with the simulator.
 *
 * The page never covers the agent's console: when `world.callerContext` already holds a page that is not a customer
 * phone (the agent's console, as when a caller passes the agent's own context), the customer phone opens in a new
 * context of the same browser — another window — closed with the page. A new page of a context is a tab in front of
 * that context's window; Playwright's focus emulation keeps the tab behind saying `visible`, but Chromium gives it
 * about one frame a second, so every rendering change of the softphone waits up to a second for its frame and the
 * page's idle callbacks run at their timeout. @throws when the harness runs without the simulator
 */
export async function customerPhone(
  world: {
    readonly harness: { readonly urls: { readonly customerPhone: string | null } };
    readonly callerContext: BrowserContext;
  },
  number: string,
): Promise<Page> {
  const url = world.harness.urls.customerPhone;
  if (!url) throw new Error('no customer phone');
  const page = await newPageBesideTheAgent(world.callerContext, url);
  await page.goto(`${url}?number=${encodeURIComponent(number)}`);
  await page.waitForFunction(
    () =>
      (window as unknown as { customerPhone?: { state: { status: string } } }).customerPhone?.state.status ===
      'registered',
    undefined,
    { timeout: 20_000 },
  );
  return page;
}

/**
 * A new page of `context`, or, when `context` holds a page that is not a customer phone (`customerPhoneUrl`'s), of a
 * new context of the same browser, closed when the page closes (see {@link customerPhone}).
 */
async function newPageBesideTheAgent(context: BrowserContext, customerPhoneUrl: string): Promise<Page> {
  const isCustomerPhone = (page: Page): boolean => page.url().startsWith(customerPhoneUrl);
  const browser = context.browser();
  if (!browser || context.pages().every(isCustomerPhone)) return context.newPage();
  const own = await browser.newContext(CALLER_CONTEXT_OPTIONS);
  const page = await own.newPage();
  page.once('close', () => void own.close().catch(() => undefined));
  return page;
}

/** Calls `customerPhone.<method>(...args)` in the customer page. */
export function customer<T = unknown>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([m, a]) =>
      (window as unknown as { customerPhone: Record<string, (...x: unknown[]) => unknown> }).customerPhone[
        m as string
      ]!(...(a as unknown[])),
    [method, args] as const,
  ) as Promise<T>;
}

/** Tasks of the org stand-in whose `CALL_UNIQUE_ID__c` is set. */
export function callTasks(world: SoftphoneWorld): Record<string, unknown>[] {
  const org = world.harness.org as unknown as { store: { all(type: string): Record<string, unknown>[] } };
  return org.store.all('Task').filter((t) => t.CALL_UNIQUE_ID__c);
}

/** Id of a sample record by object and name (`Name`, or `FirstName LastName`). */
export function recordId(world: SoftphoneWorld, objectType: string, name: string): string {
  const org = world.harness.org as unknown as { store: { all(type: string): Record<string, unknown>[] } };
  const record = org.store
    .all(objectType)
    .find((r) => r.Name === name || `${String(r.FirstName ?? '')} ${String(r.LastName ?? '')}`.trim() === name);
  if (!record) throw new Error(`no ${objectType} named ${name}`);
  return String(record.Id);
}

/** A customer phone for `number` calls the agent; resolves once the softphone shows this call's incoming card. */
export async function ringAgent(world: SoftphoneWorld, phone: Frame, number: string): Promise<Page> {
  const caller = await customerPhone(world, number);
  // A card already shown (another call still ringing) must not pass for this call's: wait for a new call id.
  const shown = await phone.$$eval('.softphone-incoming', (cards) => cards.map((c) => c.getAttribute('data-call-id')));
  await customer(caller, 'call', AGENT.number);
  await phone.waitForFunction(
    (ids) =>
      [...document.querySelectorAll('.softphone-incoming')].some((c) => !ids.includes(c.getAttribute('data-call-id'))),
    shown,
    { timeout: 20_000 },
  );
  return caller;
}

/** The first call Task that `predicate` accepts, waiting up to 10 s for it to be saved. */
export async function waitForTask(
  world: SoftphoneWorld,
  predicate: (t: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i += 1) {
    const task = callTasks(world).find(predicate);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no matching Task was saved');
}

/** Saves the softphone panel (the utility item's frame in `page`) as `docs/screenshots/<name>.png`. */
export async function screenshotPanel(page: Page, name: string): Promise<void> {
  mkdirSync(join(REPO_ROOT, 'docs/screenshots'), { recursive: true });
  const frame = await page.$('#hc-softphone-frame');
  if (!frame) throw new Error('no softphone frame');
  await frame.screenshot({ path: join(REPO_ROOT, `docs/screenshots/${name}.png`) });
}

/** Saves the softphone panel (the utility bar frame, 360 × 560) as `docs/screenshots/<name>.png`. */
export async function screenshotSoftphone(world: SoftphoneWorld, name: string): Promise<void> {
  await screenshotPanel(world.console, name);
}

/** One SIP registration at the simulator (`rc-platform/sip`'s registrar). */
export interface SimulatorRegistration {
  readonly kind: string;
  readonly instanceId: string;
  readonly connectionId: string;
}

/**
 * The agent's live SIP registrations at the simulator (the customer phones' are not counted): one per web phone that
 * holds the agent's line, whichever tab or browser it runs in.
 */
export function agentRegistrations(world: { harness: { rcPlatform?: unknown } }): SimulatorRegistration[] {
  const platform = world.harness.rcPlatform as { sip?: { wss?: { registrations(): SimulatorRegistration[] } } } | null;
  const wss = platform?.sip?.wss;
  if (!wss) throw new Error('the simulator runs without SIP');
  return wss.registrations().filter((r) => r.kind === 'extension');
}

/** The simulator's control API (plain HTTP on loopback). */
export function simulatorControl(world: SoftphoneWorld): string {
  const url = world.harness.urls.rcControl;
  if (!url) throw new Error('no simulator control API');
  return url;
}

/**
 * One request to the simulator's control API (JSON in and out); rejects with the method, path, status and body when
 * the simulator refuses it.
 */
export async function simulatorRequest<T = Record<string, unknown>>(
  world: SoftphoneWorld,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${simulatorControl(world)}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Polls `check` every 200 ms until it holds; rejects naming `what` after `timeoutMs`. */
/**
 * What a spec's {@link useSoftphoneWorld} gives it. `world` and `phone` are set by the spec's `beforeAll` (reading them
 * earlier throws); `phone` is replaced by {@link SoftphoneSpec.openPhone} after the console reloads or navigates.
 */
export interface SoftphoneSpec {
  readonly world: SoftphoneWorld;
  /** The softphone frame in the console's utility bar. */
  readonly phone: Frame;
  /**
   * Finds the softphone frame again (after a reload or a navigation of the console) and, unless `ready: false` (a
   * test that expects the signed-out softphone), waits until it is ready.
   */
  openPhone(options?: { ready?: boolean }): Promise<Frame>;
  /** A customer phone for `number` calls the agent ({@link ringAgent}); the page is closed after the test. */
  ring(number: string): Promise<Page>;
  /** A customer phone page for `number`, registered; closed after the test. */
  caller(number: string): Promise<Page>;
}

/**
 * The opening lines every e2e spec shares: `beforeAll` builds the bundle, starts the world (harness, Chromium, signed-in
 * console) and waits for the softphone to be ready; `afterEach` closes the customer phones the test opened (through
 * {@link SoftphoneSpec.ring} or {@link SoftphoneSpec.caller}) and waits for their calls to leave the softphone, so no
 * call of one test rings into the next (and, with `discardLogsAfterEach`, discards the log forms left open); `afterAll`
 * stops the world. Call it once at the top level of a spec.
 */
export function useSoftphoneWorld(
  options: {
    simulatorLog?: (line: string) => void;
    /** `beforeAll`'s time limit, ms (default 900 000: the bundle build and the start are slow on a loaded machine). */
    startTimeoutMs?: number;
    /** After each test, discard the log forms it left open ({@link discardOpenLogs}). */
    discardLogsAfterEach?: boolean;
    /** How the world starts (simulator options, the browser): {@link SoftphoneWorldOptions}. */
    world?: Omit<SoftphoneWorldOptions, 'simulatorLog'>;
  } = {},
): SoftphoneSpec {
  let world: SoftphoneWorld | undefined;
  let phone: Frame | undefined;
  const callers: Page[] = [];
  const started = (): SoftphoneWorld => {
    if (!world) throw new Error('the softphone world is not started (use it inside a test or a hook)');
    return world;
  };
  const spec: SoftphoneSpec = {
    get world() {
      return started();
    },
    get phone() {
      if (!phone) throw new Error('the softphone frame is not open (use it inside a test or a hook)');
      return phone;
    },
    async openPhone({ ready = true } = {}) {
      phone = await softphoneFrame(started().console);
      if (ready) await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
      return phone;
    },
    async ring(number) {
      const page = await ringAgent(started(), spec.phone, number);
      callers.push(page);
      return page;
    },
    async caller(number) {
      const page = await customerPhone(started(), number);
      callers.push(page);
      return page;
    },
  };
  beforeAll(async () => {
    buildBundle();
    world = await startSoftphoneWorld({
      ...options.world,
      ...(options.simulatorLog ? { simulatorLog: options.simulatorLog } : {}),
    });
    await spec.openPhone();
  }, options.startTimeoutMs ?? 900_000);
  afterEach(async () => {
    const closed = callers.splice(0);
    for (const page of closed) await page.close().catch(() => undefined);
    if (!phone) return;
    // A closed customer phone hangs up: let its call leave before the next test (or the log forms it opens after).
    if (closed.length > 0) {
      await phone
        .waitForSelector('.softphone-incoming, .softphone-active', { state: 'detached', timeout: 20_000 })
        .catch(() => undefined);
    }
    if (options.discardLogsAfterEach) await discardOpenLogs(phone);
  });
  afterAll(async () => {
    await world?.stop();
  });
  return spec;
}

/**
 * Discards the log forms a test left open (a form may leave by itself meanwhile: auto-log, or saved); waits for each
 * discarded form to leave before looking for the next.
 */
export async function discardOpenLogs(phone: Frame): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    const discard = await phone.$('.softphone-log-discard:visible');
    if (!discard) return;
    await discard.click({ timeout: 5_000 }).catch(() => undefined);
    await discard.waitForElementState('hidden', { timeout: 5_000 }).catch(() => undefined);
  }
}

/** The live event subscriptions at the simulator (its control API's `GET /state`). */
export async function liveSubscriptions(world: SoftphoneWorld): Promise<number> {
  const state = await simulatorRequest<{ subscriptions: { connected: number } }>(world, 'GET', '/state');
  return state.subscriptions.connected;
}

/** Polls `check` every 200 ms until it holds; throws `timed out waiting for <what>` after `timeoutMs`. */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The simulator's extension id of the sample agent Alex Agent (extension 101). */
export const AGENT_EXTENSION_ID = '62264101';

/**
 * Makes the calling device "RingCentral app / desk phone" (ADR 0029) whatever it was — chosen in Settings, the web
 * phone unregistered, the softphone ready — shows the Phone tab and puts the agent's simulated desk phone online.
 */
export async function useDeskPhone(world: SoftphoneWorld, phone: Frame): Promise<void> {
  await phone.click('#softphone-tab-settings');
  const device = await phone.waitForSelector('#softphone-settings-device');
  if ((await device.inputValue()) !== 'otherDevice')
    await phone.selectOption('#softphone-settings-device', 'otherDevice');
  await waitUntil('the web phone to unregister', async () => {
    const state = await simulatorRequest<{ sipRegistrations: number }>(world, 'GET', '/state');
    return state.sipRegistrations === 0;
  });
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  await phone.click('#softphone-tab-phone');
  await simulatorRequest(world, 'PUT', `/desk-phones/${AGENT_EXTENSION_ID}`, { online: true });
}

/**
 * Makes the calling device "Browser (web phone)" whatever it was — chosen in Settings, the web phone registered at the
 * simulator, the softphone ready — and shows the Phone tab.
 */
export async function useBrowserPhone(world: SoftphoneWorld, phone: Frame): Promise<void> {
  await phone.click('#softphone-tab-settings');
  const device = await phone.waitForSelector('#softphone-settings-device');
  if ((await device.inputValue()) !== 'browser') await phone.selectOption('#softphone-settings-device', 'browser');
  await waitUntil('the web phone to register', async () => {
    const state = await simulatorRequest<{ sipRegistrations: number }>(world, 'GET', '/state');
    return state.sipRegistrations > 0;
  });
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  await phone.click('#softphone-tab-phone');
}

/** An inbound call from `from` to the agent's extension (the desk phone rings); resolves with its telephony session id. */
export async function ringDeskPhone(world: SoftphoneWorld, from: string): Promise<string> {
  const placed = await simulatorRequest<{ telephonySessionId: string }>(world, 'POST', '/calls/inbound', {
    from,
    toExtensionId: AGENT_EXTENSION_ID,
  });
  return placed.telephonySessionId;
}

/** The agent's party status at the simulator (`Proceeding`, `Answered`, `Hold`, `Disconnected` …). */
export function partyStatus(
  world: SoftphoneWorld,
  telephonySessionId: string,
  extensionId = AGENT_EXTENSION_ID,
): string | undefined {
  return world.harness
    .rcPlatform!.model.getSession(telephonySessionId)
    ?.parties.find((p) => p.extensionId === extensionId)?.status.code;
}

/**
 * Waits until the console page's URL matches `url`. A screen pop navigates inside the console app (History API, no
 * page load), so this polls `location.href` instead of waiting for a navigation event (`waitForURL`), and a URL the
 * console already shows passes at once.
 */
export async function waitForConsoleUrl(page: Page, url: RegExp, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction((source) => new RegExp(source).test(location.href), url.source, { timeout: timeoutMs });
}

/** {@link waitUntil} under the name the specs converted to {@link useSoftphoneWorld} use. */
export const waitFor = waitUntil;

/**
 * Saves the org default of the softphone settings as an admin does on the admin page (the same service,
 * `saveSoftphoneSettings`, as the sample admin); `locks` maps keys to `locked`, `unlocked` or `inherit`. Settings and
 * locks reach a softphone when it starts (reload the console).
 */
export function saveOrgDefault(
  world: SoftphoneWorld,
  settings: Record<string, unknown>,
  locks: Record<string, string>,
): void {
  const org = world.harness.org;
  const answer = org.api.invoke(
    'saveSoftphoneSettings',
    { scope: 'org', scopeId: null, settings, locks, clear: null },
    org.users.admin.Id,
  ) as { ok: boolean };
  if (!answer.ok) throw new Error(`saveSoftphoneSettings refused: ${JSON.stringify(answer)}`);
}
