/**
 * The agent's day, screen pop part (issue 10), in headless Chromium through the whole harness, asserting on what the
 * console stand-in shows (it implements Open CTI `screenPop`: a record page, the search page, the new-record form):
 * an unknown caller pops the New Contact form (the admin's default), which the placeholder the agent creates from the
 * softphone replaces; the agent's own choice on the Settings tab (the search page, nothing) changes what pops; several
 * matches pop the search page, then the record the agent picks; a setting the admin locked is read-only and wins over
 * the agent's earlier choice. Related To after click-to-dial from a Contact shows the Account's name, never an Id, and
 * the Task's What is that Account. The tab bar at 360 × 560 keeps every tab in view above scrolled content. Saves
 * `docs/screenshots/softphone-settings-screen-pop.png`, `docs/screenshots/softphone-settings-screen-pop-locked.png`
 * and `docs/screenshots/softphone-settings-scrolled.png`.
 */
import type { Frame, Page } from 'playwright-core';
import {
  buildBundle,
  customer,
  customerPhone,
  recordId,
  ringAgent,
  screenshotSoftphone,
  softphoneFrame,
  startSoftphoneWorld,
  waitForTask,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(150_000);

const UNKNOWN = '+16505550199';
const SHARED = '+16505550102';
/** A Salesforce record Id (15 or 18 characters, key prefix first): what the agent must never read. */
const RECORD_ID = /\b[0-9a-zA-Z]{3}[0-9a-zA-Z]{12}(?:[0-9a-zA-Z]{3})?\b/;

let world: SoftphoneWorld;
let phone: Frame;
const callers: Page[] = [];

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
  phone = await softphoneFrame(world.console);
}, 300_000);

afterAll(async () => {
  await world?.stop();
});

afterEach(async () => {
  for (const page of callers.splice(0)) await page.close().catch(() => undefined);
  await discardOpenLogs();
});

/** Discards the log forms a test left open (a form may leave by itself meanwhile: auto-log, or saved). */
async function discardOpenLogs(): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    const discard = await phone.$('.softphone-log-discard:visible');
    if (!discard) return;
    await discard.click({ timeout: 5_000 }).catch(() => undefined);
    await phone.waitForTimeout(100);
  }
}

async function ring(number: string): Promise<Page> {
  const caller = await ringAgent(world, phone, number);
  callers.push(caller);
  return caller;
}

/** The console's home page (a known place: a pop moves away from it, no pop leaves it). */
async function goHome(): Promise<void> {
  await shell('navigate', '/lightning/page/home');
  await world.console.waitForFunction(() => location.pathname === '/lightning/page/home');
}

/** Calls the console stand-in's shell (`window.harnessConsole`): navigate, show or minimize the utility panel. */
async function shell(method: 'navigate' | 'setPanelVisible', arg: string | boolean): Promise<void> {
  await world.console.evaluate(
    ([m, a]) =>
      (window as unknown as { harnessConsole: Record<string, (x: unknown) => void> }).harnessConsole[m as string]!(a),
    [method, arg] as const,
  );
}

/** Waits until the console shows `url` (a screen pop navigates inside the console app: no page load). */
async function poppedTo(url: RegExp): Promise<void> {
  await world.console.waitForFunction((source) => new RegExp(source).test(location.href), url.source, {
    timeout: 10_000,
  });
}

function consolePath(): string {
  const url = new URL(world.console.url());
  return `${url.pathname}${url.search}`;
}

/**
 * Waits until the incoming card says no record matches. A pop is sent before the card shows the lookup's answer (the
 * softphone publishes it once the console has handled the pop), so by then any pop has reached the console.
 */
async function noMatchShown(): Promise<void> {
  await phone.waitForSelector('.softphone-incoming .softphone-no-match', { timeout: 10_000 });
}

async function declineCall(): Promise<void> {
  await phone.click('.softphone-decline');
  await phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  await discardOpenLogs();
}

async function openSettings(): Promise<void> {
  await phone.click('#softphone-tab-settings');
  await phone.waitForSelector('#softphone-settings-no-match-pop', { timeout: 10_000 });
}

async function openPhoneTab(): Promise<void> {
  await phone.click('#softphone-tab-phone');
  await phone.waitForSelector('#softphone-panel-phone');
}

/** Saves the org default as the admin would on the admin page (same service: `saveSoftphoneSettings`). */
function saveOrgDefault(settings: Record<string, unknown>, locks: Record<string, string>): void {
  const org = world.harness.org;
  const answer = org.api.invoke(
    'saveSoftphoneSettings',
    { scope: 'org', scopeId: null, settings, locks, clear: null },
    org.users.admin.Id,
  ) as { ok: boolean };
  expect(answer.ok).toBe(true);
}

/** Reloads the console (settings and locks reach a softphone when it starts). */
async function restartSoftphone(): Promise<void> {
  await world.console.reload();
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
}

test("an unknown caller pops the New Contact form (the admin's default); the agent's placeholder replaces it", async () => {
  await goHome();
  const caller = await ring(UNKNOWN);
  await poppedTo(/\/lightning\/o\/Contact\/new\?/);
  expect(await world.console.inputValue('[data-testid="new-record-form"] input[name="Phone"]')).toBe(UNKNOWN);

  await phone.click('.softphone-answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await phone.click('.softphone-hangup');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await phone.fill('.softphone-placeholder-name', 'Paula Placeholder');
  await phone.click('.softphone-placeholder-create');
  const paula = await waitForRecord('Contact', 'Paula Placeholder');
  // The placeholder is popped in place of the form: no second New Contact form stays open for the same caller.
  await poppedTo(new RegExp(`/lightning/r/Contact/${paula}/view`));
  expect(await world.console.$('[data-testid="new-record-form"]')).toBeNull();
  await phone.click('.softphone-log-save');
  const task = await waitForTask(world, (t) => t.WhoId === paula);
  expect(task.from_number__c).toBe(UNKNOWN);
  await customer(caller, 'hangup').catch(() => undefined);
  // The caller is unknown again for the next tests (the org forgets the placeholder and the Task on it).
  const org = world.harness.org as unknown as { store: { delete(id: string): unknown } };
  org.store.delete(String(task.Id));
  org.store.delete(paula);
});

test("the agent's own choice on the Settings tab: the search page, then nothing, for an unknown caller", async () => {
  await openSettings();
  expect(await phone.isDisabled('#softphone-settings-no-match-pop')).toBe(false);
  expect(await phone.$('#softphone-settings-no-match-pop-lock')).toBeNull();
  await phone.selectOption('#softphone-settings-no-match-pop', 'search');
  if (await phone.$('.softphone-toast-close')) await phone.click('.softphone-toast-close');
  await phone.$eval('#softphone-settings-no-match-pop', (e) => e.scrollIntoView({ block: 'center' }));
  await screenshotSoftphone(world, 'softphone-settings-screen-pop');
  await openPhoneTab();

  await goHome();
  await ring(UNKNOWN);
  await poppedTo(/\/lightning\/search\?term=6505550199$/);
  await world.console.waitForSelector('[data-testid="search-results"][data-search-term="6505550199"]');
  await declineCall();

  await openSettings();
  await phone.selectOption('#softphone-settings-no-match-pop', 'none');
  await openPhoneTab();
  await goHome();
  await ring(UNKNOWN);
  await noMatchShown();
  // Nothing pops: the console stays on the home page while the call rings, and after it (a pop is decided when the
  // lookup answers, never after the call ended).
  expect(consolePath()).toBe('/lightning/page/home');
  await phone.click('.softphone-decline');
  await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  expect(consolePath()).toBe('/lightning/page/home');
  expect(await world.console.$('[data-testid="new-record-form"]')).toBeNull();
  await discardOpenLogs();
});

test("several matches: the agent's choice pops the search page, then the record the agent picks", async () => {
  await openSettings();
  await phone.selectOption('#softphone-settings-multiple-match-pop', 'search');
  await openPhoneTab();
  await goHome();
  const carla = recordId(world, 'Contact', 'Carla Stone');
  await ring(SHARED);
  await poppedTo(/\/lightning\/search\?term=6505550102$/);
  const results = await world.console.waitForSelector('[data-testid="search-results"]');
  expect(await results.textContent()).toContain('Carla Stone');
  expect(await results.textContent()).toContain('Bob Stone');

  await phone.waitForSelector('.softphone-match-chooser');
  await phone.click(`label[for="match-${carla}"]`);
  await poppedTo(new RegExp(`/lightning/r/Contact/${carla}/view`));
  await declineCall();
});

test("a setting the admin locked is read-only with the reason and wins over the agent's earlier choice", async () => {
  // The agent chose "Don't pop" above; the admin now sets a new Lead for unknown callers and locks it.
  saveOrgDefault({ noMatchPop: 'newLead' }, { noMatchPop: 'locked' });
  await restartSoftphone();
  await openSettings();
  const select = '#softphone-settings-no-match-pop';
  expect(await phone.inputValue(select)).toBe('newLead');
  expect(await phone.isDisabled(select)).toBe(true);
  expect((await phone.textContent('#softphone-settings-no-match-pop-lock'))?.trim()).toBe('Set by your admin');
  expect(await phone.getAttribute(select, 'aria-describedby')).toBe('softphone-settings-no-match-pop-lock');
  // Still the agent's to choose: several matches.
  expect(await phone.isDisabled('#softphone-settings-multiple-match-pop')).toBe(false);
  expect(await phone.inputValue('#softphone-settings-multiple-match-pop')).toBe('search');
  await phone.$eval(select, (e) => e.scrollIntoView({ block: 'center' }));
  await screenshotSoftphone(world, 'softphone-settings-screen-pop-locked');
  // Changed anyway (developer tools): the softphone puts the admin's value back and keeps it.
  await phone.$eval(select, (e) => {
    const s = e as HTMLSelectElement;
    s.disabled = false;
    s.value = 'none';
    s.dispatchEvent(new Event('change', { bubbles: true }));
  });
  expect(await phone.inputValue(select)).toBe('newLead');
  await openPhoneTab();

  await goHome();
  await ring(UNKNOWN);
  await poppedTo(/\/lightning\/o\/Lead\/new\?/);
  expect(await world.console.inputValue('[data-testid="new-record-form"] input[name="Phone"]')).toBe(UNKNOWN);
  expect(await world.console.inputValue('[data-testid="new-record-form"] input[name="Company"]')).toBe('Unknown');
  await declineCall();
  saveOrgDefault({}, { noMatchPop: 'inherit' });
  await restartSoftphone();
});

test('Related To after click-to-dial from a Contact shows the Account name, never an Id; the Task is on it', async () => {
  const ann = recordId(world, 'Contact', 'Ann Lee');
  const acme = recordId(world, 'Account', 'Acme Corp');
  const callee = await customerPhone(world, '+16505550101');
  callers.push(callee);
  await world.console.goto(new URL(`/lightning/r/Contact/${ann}/view`, world.harness.urls.consoleOrigin).href);
  phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  // The utility panel overlays the page's left column, as in Lightning: minimized first; click-to-dial opens it.
  await shell('setPanelVisible', false);
  await world.console.click('[data-click-to-dial="enabled"]');
  await phone.waitForSelector('.softphone-active', { timeout: 20_000 });
  await callee.waitForFunction(
    () => (window as unknown as { customerPhone: { lastCall: unknown } }).customerPhone.lastCall !== null,
  );
  await customer(callee, 'answer');
  await phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await phone.click('.softphone-hangup');
  const form = await phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  const related = await phone.waitForSelector('.softphone-log-what-name .slds-pill__label', { timeout: 10_000 });
  expect((await related.textContent())?.trim()).toBe('Acme Corp (Account)');
  expect(await form.innerText()).not.toMatch(RECORD_ID);
  await phone.click('.softphone-log-save');
  const task = await waitForTask(world, (t) => t.WhoId === ann && t.CallType === 'Outbound');
  expect(task.WhatId).toBe(acme);
});

interface Box {
  id: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  truncated: boolean;
  hit: boolean;
}

/** The tabs' boxes in the panel, whether a label is cut short, and whether the tab is what shows at its centre. */
function tabBoxes(): Promise<{ tabs: Box[]; width: number; navBottom: number; panelTop: number; scrolled: number }> {
  return phone.evaluate(() => {
    const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].map((tab) => {
      const box = tab.getBoundingClientRect();
      const label = tab.querySelector<HTMLElement>('.softphone-tab-label');
      const hitAt = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return {
        id: tab.id,
        left: box.left,
        right: box.right,
        top: box.top,
        bottom: box.bottom,
        truncated: !label || label.scrollWidth > label.clientWidth,
        hit: !!hitAt && tab.contains(hitAt),
      };
    });
    const panel = document.querySelector<HTMLElement>('.softphone-tabpanel')!;
    return {
      tabs,
      width: document.documentElement.clientWidth,
      navBottom: document.querySelector('.slds-tabs_default__nav')!.getBoundingClientRect().bottom,
      panelTop: panel.getBoundingClientRect().top,
      scrolled: panel.scrollTop,
    };
  });
}

function expectTabsInView(layout: Awaited<ReturnType<typeof tabBoxes>>): void {
  expect(layout.tabs.map((t) => t.id)).toEqual([
    'softphone-tab-phone',
    'softphone-tab-messages',
    'softphone-tab-history',
    'softphone-tab-unresolved',
    'softphone-tab-settings',
  ]);
  for (const [i, tab] of layout.tabs.entries()) {
    expect({
      id: tab.id,
      inPanel: tab.left >= 0 && tab.right <= layout.width,
      hit: tab.hit,
      cut: tab.truncated,
    }).toEqual({ id: tab.id, inPanel: true, hit: true, cut: false });
    const next = layout.tabs[i + 1];
    if (next) expect(tab.right).toBeLessThanOrEqual(next.left + 0.5);
    expect(tab.bottom - tab.top).toBeGreaterThanOrEqual(32);
  }
  expect(layout.panelTop).toBeGreaterThanOrEqual(layout.navBottom - 0.5);
}

test('the tab bar at 360 × 560: five tabs in the panel, and above the scrolled Settings', async () => {
  const size = await world.console.$eval('#hc-softphone-frame', (f) => f.getBoundingClientRect().width);
  expect(Math.round(size)).toBe(360);
  await openSettings();
  const top = await tabBoxes();
  expectTabsInView(top);
  // Scrolled to the end of the Settings tab: the tab bar stays where it was, above the content.
  await phone.$eval('.softphone-tabpanel', (panel) => panel.scrollTo(0, panel.scrollHeight));
  await phone.$eval('.softphone-logout', (button) => button.scrollIntoView());
  const scrolled = await tabBoxes();
  expect(scrolled.scrolled).toBeGreaterThan(0);
  expectTabsInView(scrolled);
  expect(scrolled.tabs.map((t) => [t.left, t.top, t.bottom])).toEqual(top.tabs.map((t) => [t.left, t.top, t.bottom]));
  await screenshotSoftphone(world, 'softphone-settings-scrolled');
  await openPhoneTab();
});

async function waitForRecord(objectType: string, name: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    try {
      return recordId(world, objectType, name);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return recordId(world, objectType, name);
}
