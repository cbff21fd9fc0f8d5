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
import {
  customer,
  discardOpenLogs,
  recordId,
  screenshotSoftphone,
  useSoftphoneWorld,
  waitForConsoleUrl,
  waitForTask,
} from './support/softphone-world';

jest.setTimeout(150_000);

const UNKNOWN = '+16505550199';
const SHARED = '+16505550102';
/** A Salesforce record Id (15 or 18 characters, key prefix first): what the agent must never read. */
const RECORD_ID = /\b[0-9a-zA-Z]{3}[0-9a-zA-Z]{12}(?:[0-9a-zA-Z]{3})?\b/;

const spec = useSoftphoneWorld({ discardLogsAfterEach: true });

/** The console's home page (a known place: a pop moves away from it, no pop leaves it). */
async function goHome(): Promise<void> {
  await shell('navigate', '/lightning/page/home');
  await spec.world.console.waitForFunction(() => location.pathname === '/lightning/page/home');
}

/** Calls the console stand-in's shell (`window.harnessConsole`): navigate, show or minimize the utility panel. */
async function shell(method: 'navigate' | 'setPanelVisible', arg: string | boolean): Promise<void> {
  await spec.world.console.evaluate(
    ([m, a]) =>
      (window as unknown as { harnessConsole: Record<string, (x: unknown) => void> }).harnessConsole[m as string]!(a),
    [method, arg] as const,
  );
}

/** Waits until the console shows `url` (a screen pop navigates inside the console app: no page load). */
function poppedTo(url: RegExp): Promise<void> {
  return waitForConsoleUrl(spec.world.console, url);
}

function consolePath(): string {
  const url = new URL(spec.world.console.url());
  return `${url.pathname}${url.search}`;
}

/**
 * Waits until the incoming card says no record matches. A pop is sent before the card shows the lookup's answer (the
 * softphone publishes it once the console has handled the pop), so by then any pop has reached the console.
 */
async function noMatchShown(): Promise<void> {
  await spec.phone.waitForSelector('.softphone-incoming .softphone-no-match', { timeout: 10_000 });
}

async function declineCall(): Promise<void> {
  await spec.phone.click('.softphone-decline');
  await spec.phone.waitForSelector('.softphone-incoming', { state: 'detached', timeout: 20_000 });
  await discardOpenLogs(spec.phone);
}

async function openSettings(): Promise<void> {
  await spec.phone.click('#softphone-tab-settings');
  await spec.phone.waitForSelector('#softphone-settings-no-match-pop', { timeout: 10_000 });
}

async function openPhoneTab(): Promise<void> {
  await spec.phone.click('#softphone-tab-phone');
  await spec.phone.waitForSelector('#softphone-panel-phone');
}

/** Saves the org default as the admin would on the admin page (same service: `saveSoftphoneSettings`). */
function saveOrgDefault(settings: Record<string, unknown>, locks: Record<string, string>): void {
  const org = spec.world.harness.org;
  const answer = org.api.invoke(
    'saveSoftphoneSettings',
    { scope: 'org', scopeId: null, settings, locks, clear: null },
    org.users.admin.Id,
  ) as { ok: boolean };
  expect(answer.ok).toBe(true);
}

/** Reloads the console (settings and locks reach a softphone when it starts). */
async function restartSoftphone(): Promise<void> {
  await spec.world.console.reload();
  await spec.openPhone();
}

test("an unknown caller pops the New Contact form (the admin's default); the agent's placeholder replaces it", async () => {
  await goHome();
  const caller = await spec.ring(UNKNOWN);
  await poppedTo(/\/lightning\/o\/Contact\/new\?/);
  expect(await spec.world.console.inputValue('[data-testid="new-record-form"] input[name="Phone"]')).toBe(UNKNOWN);

  await spec.phone.click('.softphone-answer');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await spec.phone.click('.softphone-hangup');
  await spec.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  await spec.phone.fill('.softphone-placeholder-name', 'Paula Placeholder');
  await spec.phone.click('.softphone-placeholder-create');
  const paula = await waitForRecord('Contact', 'Paula Placeholder');
  // The placeholder is popped in place of the form: no second New Contact form stays open for the same caller.
  await poppedTo(new RegExp(`/lightning/r/Contact/${paula}/view`));
  expect(await spec.world.console.$('[data-testid="new-record-form"]')).toBeNull();
  await spec.phone.click('.softphone-log-save');
  const task = await waitForTask(spec.world, (t) => t.WhoId === paula);
  expect(task.from_number__c).toBe(UNKNOWN);
  await customer(caller, 'hangup').catch(() => undefined);
  // The caller is unknown again for the next tests (the org forgets the placeholder and the Task on it).
  const org = spec.world.harness.org as unknown as { store: { delete(id: string): unknown } };
  org.store.delete(String(task.Id));
  org.store.delete(paula);
});

test("the agent's own choice on the Settings tab: the search page, then nothing, for an unknown caller", async () => {
  await openSettings();
  expect(await spec.phone.isDisabled('#softphone-settings-no-match-pop')).toBe(false);
  expect(await spec.phone.$('#softphone-settings-no-match-pop-lock')).toBeNull();
  await spec.phone.selectOption('#softphone-settings-no-match-pop', 'search');
  if (await spec.phone.$('.softphone-toast-close')) await spec.phone.click('.softphone-toast-close');
  await spec.phone.$eval('#softphone-settings-no-match-pop', (e) => e.scrollIntoView({ block: 'center' }));
  await screenshotSoftphone(spec.world, 'softphone-settings-screen-pop');
  await openPhoneTab();

  await goHome();
  await spec.ring(UNKNOWN);
  await poppedTo(/\/lightning\/search\?term=6505550199$/);
  await spec.world.console.waitForSelector('[data-testid="search-results"][data-search-term="6505550199"]');
  await declineCall();

  await openSettings();
  await spec.phone.selectOption('#softphone-settings-no-match-pop', 'none');
  await openPhoneTab();
  await goHome();
  await spec.ring(UNKNOWN);
  await noMatchShown();
  // Nothing pops: the console stays on the home page while the call rings, and after it (a pop is decided when the
  // lookup answers, never after the call ended).
  expect(consolePath()).toBe('/lightning/page/home');
  await spec.phone.click('.softphone-decline');
  await spec.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  expect(consolePath()).toBe('/lightning/page/home');
  expect(await spec.world.console.$('[data-testid="new-record-form"]')).toBeNull();
  await discardOpenLogs(spec.phone);
});

test("several matches: the agent's choice pops the search page, then the record the agent picks", async () => {
  await openSettings();
  await spec.phone.selectOption('#softphone-settings-multiple-match-pop', 'search');
  await openPhoneTab();
  await goHome();
  const carla = recordId(spec.world, 'Contact', 'Carla Stone');
  await spec.ring(SHARED);
  await poppedTo(/\/lightning\/search\?term=6505550102$/);
  const results = await spec.world.console.waitForSelector('[data-testid="search-results"]');
  expect(await results.textContent()).toContain('Carla Stone');
  expect(await results.textContent()).toContain('Bob Stone');

  await spec.phone.waitForSelector('.softphone-match-chooser');
  await spec.phone.click(`label[for="match-${carla}"]`);
  await poppedTo(new RegExp(`/lightning/r/Contact/${carla}/view`));
  await declineCall();
});

test("a setting the admin locked is read-only with the reason and wins over the agent's earlier choice", async () => {
  // The agent chooses "Don't pop" for unknown callers and the search page for several matches; the admin then sets a
  // new Lead for unknown callers and locks it.
  await openSettings();
  await spec.phone.selectOption('#softphone-settings-no-match-pop', 'none');
  await spec.phone.selectOption('#softphone-settings-multiple-match-pop', 'search');
  await openPhoneTab();
  saveOrgDefault({ noMatchPop: 'newLead' }, { noMatchPop: 'locked' });
  await restartSoftphone();
  await openSettings();
  const select = '#softphone-settings-no-match-pop';
  expect(await spec.phone.inputValue(select)).toBe('newLead');
  expect(await spec.phone.isDisabled(select)).toBe(true);
  expect((await spec.phone.textContent('#softphone-settings-no-match-pop-lock'))?.trim()).toBe('Set by your admin');
  expect(await spec.phone.getAttribute(select, 'aria-describedby')).toBe('softphone-settings-no-match-pop-lock');
  // Still the agent's to choose: several matches.
  expect(await spec.phone.isDisabled('#softphone-settings-multiple-match-pop')).toBe(false);
  expect(await spec.phone.inputValue('#softphone-settings-multiple-match-pop')).toBe('search');
  await spec.phone.$eval(select, (e) => e.scrollIntoView({ block: 'center' }));
  await screenshotSoftphone(spec.world, 'softphone-settings-screen-pop-locked');
  // Changed anyway (developer tools): the softphone puts the admin's value back and keeps it.
  await spec.phone.$eval(select, (e) => {
    const s = e as HTMLSelectElement;
    s.disabled = false;
    s.value = 'none';
    s.dispatchEvent(new Event('change', { bubbles: true }));
  });
  expect(await spec.phone.inputValue(select)).toBe('newLead');
  await openPhoneTab();

  await goHome();
  await spec.ring(UNKNOWN);
  await poppedTo(/\/lightning\/o\/Lead\/new\?/);
  expect(await spec.world.console.inputValue('[data-testid="new-record-form"] input[name="Phone"]')).toBe(UNKNOWN);
  expect(await spec.world.console.inputValue('[data-testid="new-record-form"] input[name="Company"]')).toBe('Unknown');
  await declineCall();
  saveOrgDefault({}, { noMatchPop: 'inherit' });
  await restartSoftphone();
});

test('Related To after click-to-dial from a Contact shows the Account name, never an Id; the Task is on it', async () => {
  const ann = recordId(spec.world, 'Contact', 'Ann Lee');
  const acme = recordId(spec.world, 'Account', 'Acme Corp');
  const callee = await spec.caller('+16505550101');
  await spec.world.console.goto(
    new URL(`/lightning/r/Contact/${ann}/view`, spec.world.harness.urls.consoleOrigin).href,
  );
  await spec.openPhone();
  // The utility panel overlays the page's left column, as in Lightning: minimized first; click-to-dial opens it.
  await shell('setPanelVisible', false);
  await spec.world.console.click('[data-click-to-dial="enabled"]');
  await spec.phone.waitForSelector('.softphone-active', { timeout: 20_000 });
  await callee.waitForFunction(
    () => (window as unknown as { customerPhone: { lastCall: unknown } }).customerPhone.lastCall !== null,
  );
  await customer(callee, 'answer');
  await spec.phone.waitForSelector('.softphone-active[data-state="connected"]', { timeout: 20_000 });
  await spec.phone.click('.softphone-hangup');
  const form = await spec.phone.waitForSelector('.softphone-log-form', { timeout: 20_000 });
  const related = await spec.phone.waitForSelector('.softphone-log-what-name .slds-pill__label', { timeout: 10_000 });
  expect((await related.textContent())?.trim()).toBe('Acme Corp (Account)');
  expect(await form.innerText()).not.toMatch(RECORD_ID);
  await spec.phone.click('.softphone-log-save');
  const task = await waitForTask(spec.world, (t) => t.WhoId === ann && t.CallType === 'Outbound');
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
  return spec.phone.evaluate(() => {
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
  const size = await spec.world.console.$eval('#hc-softphone-frame', (f) => f.getBoundingClientRect().width);
  expect(Math.round(size)).toBe(360);
  await openSettings();
  const top = await tabBoxes();
  expectTabsInView(top);
  // Scrolled to the end of the Settings tab: the tab bar stays where it was, above the content.
  await spec.phone.$eval('.softphone-tabpanel', (panel) => panel.scrollTo(0, panel.scrollHeight));
  await spec.phone.$eval('.softphone-logout', (button) => button.scrollIntoView());
  const scrolled = await tabBoxes();
  expect(scrolled.scrolled).toBeGreaterThan(0);
  expectTabsInView(scrolled);
  expect(scrolled.tabs.map((t) => [t.left, t.top, t.bottom])).toEqual(top.tabs.map((t) => [t.left, t.top, t.bottom]));
  await screenshotSoftphone(spec.world, 'softphone-settings-scrolled');
  await openPhoneTab();
});

async function waitForRecord(objectType: string, name: string): Promise<string> {
  for (let i = 0; i < 100; i += 1) {
    try {
      return recordId(spec.world, objectType, name);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return recordId(spec.world, objectType, name);
}
