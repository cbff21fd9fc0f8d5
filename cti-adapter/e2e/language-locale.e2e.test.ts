/**
 * Issue 16, language and locale, end to end in headless Chromium through the whole harness: the sample agent's
 * Salesforce language, locale and time zone are set in the org stand-in (the console's `/harness/user-locale`, as the
 * user does in their personal settings); the adapter page renders `$Label` in that language (the package's French
 * translation) and passes locale and time zone; the softphone shows French text, a French incoming call, and times in
 * the `fr-FR` format of Europe/Paris, and a notice the engine raises (a failed click-to-dial) by its code's French
 * label. A right-to-left language (Hebrew, no translation: the master values) mirrors the
 * layout without overflowing the 360 px panel. Saves `docs/screenshots/softphone-french-incoming-call.png`,
 * `docs/screenshots/softphone-french-settings.png`, `docs/screenshots/softphone-french-do-not-call.png` (a Lead with Do
 * Not Call: « Piste », its object's French label from `matchNumbers`) and `docs/screenshots/softphone-right-to-left.png`
 * (360 × 560); the
 * package's admin page (Lightning web components, `@salesforce/label`) for an admin whose language is French:
 * `docs/screenshots/admin-page-french.png`.
 */
import type { Frame, Page } from 'playwright-core';
import { join } from 'node:path';
import {
  REPO_ROOT,
  buildBundle,
  customer,
  hideSoftphonePanel,
  ringAgent,
  screenshotSoftphone,
  softphoneFrame,
  startSoftphoneWorld,
  type SoftphoneWorld,
} from './support/softphone-world';

jest.setTimeout(150_000);

/** A sample caller with one matching Contact (docs/sample-world.md). */
const CALLER = '+16505550101';

let world: SoftphoneWorld;

beforeAll(async () => {
  buildBundle();
  world = await startSoftphoneWorld();
}, 600_000);

afterAll(async () => {
  await world?.stop();
});

/** Sets the agent's language, locale and time zone, reloads the console and waits for the softphone to be ready. */
async function useLocale(
  language: string,
  locale: string,
  timeZone: string,
  retURL = '/lightning/page/home',
): Promise<Frame> {
  const query = new URLSearchParams({ language, locale, timeZone, retURL });
  await world.console.goto(`${new URL(world.harness.urls.console).origin}/harness/user-locale?${query}`);
  const phone = await softphoneFrame(world.console);
  await phone.waitForSelector('.softphone[data-phase="ready"]', { timeout: 30_000 });
  return phone;
}

/** What the test writes in the org stand-in's records (a test's own record, removed at its end). */
interface OrgRecords {
  insert(type: string, fields: Record<string, unknown>): Record<string, unknown>;
  delete(id: string): unknown;
}

const text = async (phone: Frame, selector: string): Promise<string> =>
  ((await phone.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();

async function hangUpCaller(caller: Page): Promise<void> {
  await customer(caller, 'hangup').catch(() => undefined);
  await caller.close();
}

describe('the softphone in the agent’s language and locale', () => {
  it('speaks French with the fr_FR locale and the Europe/Paris time zone, and shows a French incoming call', async () => {
    const phone = await useLocale('fr', 'fr_FR', 'Europe/Paris');
    expect(await phone.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'fr',
      'ltr',
    ]);
    expect(await text(phone, '.softphone-status')).toBe('Prêt');
    expect(await text(phone, 'label[for="softphone-presence"]')).toBe('Présence');
    expect(await phone.$$eval('.softphone-tab-label', (labels) => labels.map((l) => l.textContent?.trim()))).toEqual([
      'Appels',
      'Messages',
      'Historique',
      'À traiter',
      'Réglages',
    ]);
    // Five tabs share the 360 px panel: no French tab label is cut off (an ellipsis: wider than its box).
    expect(
      await phone.$$eval('.softphone-tab-label', (labels) =>
        labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent?.trim()),
      ),
    ).toEqual([]);
    expect(await phone.$$eval('#softphone-presence option', (options) => options.map((o) => o.textContent))).toEqual([
      'Disponible',
      'Occupé',
      'Ne pas déranger',
      'Invisible',
    ]);

    const rangStart = Date.now();
    const caller = await ringAgent(world, phone, CALLER);
    try {
      await phone.waitForSelector('.softphone-match, .softphone-no-match');
      expect(await text(phone, '.softphone-incoming-title')).toBe('Appel entrant');
      expect(await text(phone, '.softphone-answer')).toBe('Répondre');
      expect(await text(phone, '.softphone-decline')).toBe('Refuser');
      expect(await text(phone, '.softphone-voicemail')).toBe('Vers la messagerie');
      await screenshotSoftphone(world, 'softphone-french-incoming-call');
      await phone.click('.softphone-decline');
      await phone.waitForSelector('.softphone-incoming', { state: 'detached' });
    } finally {
      await hangUpCaller(caller);
    }
    // The declined call's log form, in French; not logged (nothing is left for the next test).
    const discard = await phone.waitForSelector('.softphone-log-discard');
    expect((await discard.textContent())?.trim()).toBe('Ne pas consigner');
    await discard.click();
    await phone.waitForSelector('.softphone-log-discard', { state: 'detached' });

    // The call in History: French words, the fr-FR date and 24-hour time of Europe/Paris (Intl, not the browser's).
    await phone.click('#softphone-tab-history');
    const row = await phone.waitForFunction(
      () =>
        [...document.querySelectorAll('.softphone-history-row')]
          .map((r) => (r.textContent ?? '').replace(/\s+/g, ' '))
          .find((t) => t.includes('Entrant')) ?? false,
      undefined,
      { timeout: 20_000 },
    );
    const detail = String(await row.jsonValue());
    expect(detail).toMatch(/Entrant · (Refusé|Manqué|Messagerie vocale) · \d+:\d{2} · /);
    expect(detail).toContain('Consigner');
    // The call's start in fr-FR and Europe/Paris (`6 déc., 2:06`), whatever the browser's own zone: one of the minutes
    // between the ring and now.
    const paris = new Intl.DateTimeFormat('fr-FR', {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'Europe/Paris',
    });
    const minutes: string[] = [];
    for (let at = rangStart - 60_000; at <= Date.now() + 60_000; at += 60_000) minutes.push(paris.format(at));
    expect(minutes.some((when) => detail.includes(when))).toBe(true);

    // The Settings tab (a lazy surface whose text is built in code): French control labels and choices.
    await phone.click('#softphone-tab-settings');
    await phone.waitForSelector('#softphone-settings-device');
    expect(await text(phone, 'label[for="softphone-settings-device"]')).toBe("Appareil d'appel");
    expect(
      await phone.$$eval('#softphone-settings-device option', (options) => options.map((o) => o.textContent)),
    ).toEqual([
      'Navigateur (téléphone web)',
      "RingOut (mon téléphone sonne d'abord)",
      'Application RingCentral / téléphone de bureau',
    ]);
    expect(
      await phone.$$eval('#softphone-settings-multiple-match-pop option', (options) =>
        options.map((o) => o.textContent),
      ),
    ).toEqual(['Ouvrir la page de recherche', 'Ouvrir le premier résultat', 'Ne rien ouvrir : je choisis ici']);
    expect(await text(phone, 'label[for="softphone-auto-log"]')).toBe('Consigner les appels automatiquement');
    await screenshotSoftphone(world, 'softphone-french-settings');
    await phone.click('#softphone-tab-phone');
  });

  it('shows a notice the engine raises in French: click-to-dial of a stored phone value that is no number', async () => {
    // A Contact whose Phone holds a value no phone number reads as (Salesforce stores a Phone field's text as typed).
    const store = (world.harness.org as unknown as { store: OrgRecords }).store;
    const contact = store.insert('Contact', { FirstName: 'Zoé', LastName: 'Numéro', Phone: '+1 650' });
    const id = String(contact.Id);
    try {
      // One navigation: the console opens the Contact once the language is set (a second load would detach the frame).
      const phone = await useLocale('fr', 'fr_FR', 'Europe/Paris', `/lightning/r/Contact/${id}/view`);
      await hideSoftphonePanel(world.console); // the utility panel overlays the page's left column, as in Lightning
      await world.console.click(
        `[data-testid="record-page"][data-record-id="${id}"] [data-phone-field="Phone"] [data-click-to-dial="enabled"]`,
      );
      // The engine's DIAL_FAILED notice with the number and the reason's code (TOO_SHORT): the page's French labels.
      const notice = await phone.waitForSelector('.softphone-notice:has-text("+1 650")');
      expect(await text(phone, '.softphone-notice:has-text("+1 650") > span')).toBe(
        "Impossible d'appeler le +1 650 : le numéro est trop court",
      );
      await notice.$eval('.slds-notify__close', (button) => (button as HTMLButtonElement).click());
      await phone.waitForSelector('.softphone-notice:has-text("+1 650")', { state: 'detached' });
    } finally {
      store.delete(id);
    }
  });

  it('names records by their object label in French (matchNumbers objectLabel) and says why do-not-call stops a call in French', async () => {
    // ADR 0032, seventh amendment: a Lead is a « Piste » for a French agent, in the dial prompt's do-not-call sentence
    // (`Dnc_RECORD_MARKED`) and on the incoming call's card.
    const { org } = world.harness;
    const save = (settings: Record<string, unknown>) =>
      org.api.invoke('saveSoftphoneSettings', { scope: 'org', settings, clear: [] }, org.users.admin.Id);
    expect(save({ dncCallMode: 'block' })).toMatchObject({ ok: true });
    const store = (world.harness.org as unknown as { store: OrgRecords }).store;
    const lead = store.insert('Lead', {
      FirstName: 'Dana',
      LastName: 'Piste',
      Company: 'Piste SA',
      Phone: '+16505550172',
      DoNotCall: true,
    });
    const id = String(lead.Id);
    try {
      const phone = await useLocale('fr', 'fr_FR', 'Europe/Paris', `/lightning/r/Lead/${id}/view`);
      await hideSoftphonePanel(world.console);
      await world.console.click(
        `[data-testid="record-page"][data-record-id="${id}"] [data-phone-field="Phone"] [data-click-to-dial="enabled"]`,
      );
      await phone.waitForSelector('.softphone-dial-prompt_block', { timeout: 20_000 });
      expect(await text(phone, '.softphone-dial-prompt-reason')).toBe(
        '« Ne pas appeler » est coché pour Dana Piste (Piste).',
      );
      expect(await text(phone, '.softphone-dial-prompt')).not.toMatch(/is marked|Do Not Call|\(Lead\)/);
      await screenshotSoftphone(world, 'softphone-french-do-not-call');
      await phone.click('.softphone-dial-ok');
      await phone.waitForSelector('.softphone-dial-prompt', { state: 'detached', timeout: 10_000 });

      // Dan Ortiz, the sample Lead (docs/sample-world.md), calls: his card names his object in French.
      const caller = await ringAgent(world, phone, '+16505550103');
      try {
        await phone.waitForSelector('.softphone-match');
        expect(await text(phone, '.softphone-match')).toContain('Piste');
        expect(await text(phone, '.softphone-match')).not.toContain('Lead');
        await phone.click('.softphone-decline');
        await phone.waitForSelector('.softphone-incoming', { state: 'detached' });
      } finally {
        await hangUpCaller(caller);
      }
      const discard = await phone.waitForSelector('.softphone-log-discard');
      await discard.click();
      await phone.waitForSelector('.softphone-log-discard', { state: 'detached' });
    } finally {
      expect(save({ dncCallMode: 'off' })).toMatchObject({ ok: true });
      store.delete(id);
    }
  });

  it('shows the package admin page (Lightning web components) in the admin’s language', async () => {
    // A second browser context, signed in as the sample admin, whose language becomes French (the agent's stays).
    const context = await world.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const admin = await context.newPage();
    const origin = world.harness.urls.consoleOrigin;
    const locale = (language: string, locale: string): string =>
      `${origin}/harness/user-locale?${new URLSearchParams({ language, locale, timeZone: 'Europe/Paris', retURL: '/lightning/n/Softphone_Admin' })}`;
    try {
      await admin.goto(`${origin}/harness/login-as?user=admin&retURL=${encodeURIComponent('/lightning/page/home')}`);
      await admin.goto(locale('fr', 'fr_FR'));
      await admin.waitForSelector('c-softphone-admin c-softphone-admin-matching');
      expect((await admin.textContent('c-softphone-admin .slds-page-header__title'))?.trim()).toBe(
        'Paramètres du softphone',
      );
      expect((await admin.textContent('c-softphone-admin .softphone-scope-title'))?.trim()).toBe(
        "Valeur par défaut de l'organisation",
      );
      const sections = await admin.$$eval('c-softphone-admin lightning-vertical-navigation-item', (items) =>
        items.map((i) => (i as unknown as { label: string }).label),
      );
      expect(sections).toEqual([
        'Correspondance',
        'Ouverture de fiche',
        'Consignation',
        'Issues',
        'Personnalisation du journal',
        "Téléphone de l'agent",
        'Ne pas appeler',
        'Historique des modifications',
      ]);
      await hideSoftphonePanel(admin); // the utility panel overlays the page's left column, as in Lightning
      await admin.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/admin-page-french.png') });
    } finally {
      await admin.goto(locale('en_US', 'en_US')).catch(() => undefined);
      await context.close();
    }
  });

  it('mirrors the layout for a right-to-left language and keeps it inside the 360 px panel', async () => {
    const phone = await useLocale('iw', 'iw_IL', 'Asia/Jerusalem');
    expect(await phone.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'he',
      'rtl',
    ]);
    // No Hebrew translation in the package: Salesforce renders the master values.
    expect(await text(phone, '.softphone-status')).toBe('Ready');
    const layout = await phone.evaluate(() => {
      const root = document.querySelector('.softphone') as HTMLElement;
      const tabs = [...document.querySelectorAll('.softphone-tab')].map((t) => t.getBoundingClientRect());
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        rootDirection: getComputedStyle(root).direction,
        // In a right-to-left page the first tab (Phone) is the rightmost.
        firstTabIsRightmost: tabs.length > 1 && tabs[0]!.left > tabs[tabs.length - 1]!.left,
        tabsInside: tabs.every((t) => t.left >= 0 && t.right <= document.documentElement.clientWidth + 0.5),
      };
    });
    expect(layout).toEqual({ overflow: 0, rootDirection: 'rtl', firstTabIsRightmost: true, tabsInside: true });
    await screenshotSoftphone(world, 'softphone-right-to-left');
    await useLocale('en_US', 'en_US', 'America/Los_Angeles');
  });
});
