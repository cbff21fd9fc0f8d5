import { createElement } from 'lwc';
import Notices from '../notices';
import type { NoticeView } from '../notices';
import { recordEvents } from '../../__tests__/support/softphone-fixtures';
import { installLabels } from '../../../labels';
import { ENGLISH_LABELS } from '../../../labels.generated';
import { installLocale, userLocale } from '../../../locale';

function mount(notices: readonly NoticeView[]): HTMLElement {
  const element = createElement('softphone-notices', { is: Notices });
  Object.assign(element, { notices });
  document.body.appendChild(element);
  return element;
}

describe('softphone-notices', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows each notice as an SLDS alert themed by its level, in order', () => {
    const element = mount([
      { id: 1, level: 'error', code: 'TEST_A', message: 'The call could not be logged.' },
      { id: 2, level: 'warning', code: 'TEST_B', message: 'The microphone is not connected.' },
      { id: 3, level: 'info', code: 'TEST_C', message: 'Reconnected.' },
    ]);
    const alerts = [...element.querySelectorAll<HTMLElement>('.softphone-notice')];
    expect(alerts.map((a) => a.querySelector('span')?.textContent)).toEqual([
      'The call could not be logged.',
      'The microphone is not connected.',
      'Reconnected.',
    ]);
    expect(alerts.map((a) => a.getAttribute('role'))).toEqual(['alert', 'alert', 'alert']);
    expect(alerts[0]!.classList.contains('slds-alert_error')).toBe(true);
    expect(alerts[1]!.classList.contains('slds-alert_warning')).toBe(true);
    expect(
      alerts[2]!.classList.contains('slds-alert_error') || alerts[2]!.classList.contains('slds-alert_warning'),
    ).toBe(false);
  });

  it('raises dismiss with the id of the notice whose Dismiss button was clicked', () => {
    const element = mount([
      { id: 7, level: 'error', code: 'TEST_A', message: 'first' },
      { id: 9, level: 'warning', code: 'TEST_B', message: 'second' },
    ]);
    const raised = recordEvents(element);
    element.querySelectorAll<HTMLButtonElement>('.softphone-notice button')[1]!.click();
    expect(raised).toEqual([{ type: 'dismiss', detail: { id: 9 } }]);
  });

  it('renders markup in a message as text, creating no element', () => {
    const element = mount([
      { id: 1, level: 'error', code: 'TEST_A', message: '<img src=x onerror="globalThis.injected=true">' },
    ]);
    expect(element.querySelector('.softphone-notice img')).toBeNull();
    expect(element.querySelector('.softphone-notice span')?.textContent).toBe(
      '<img src=x onerror="globalThis.injected=true">',
    );
  });

  it('shows nothing without notices', () => {
    const element = mount([]);
    expect(element.querySelector('.softphone-notice')).toBeNull();
  });

  describe('by code (ADR 0032, notices by code)', () => {
    const texts = (element: HTMLElement): (string | null | undefined)[] =>
      [...element.querySelectorAll('.softphone-notice > span')].map((span) => span.textContent);
    const tooShort = { code: 'TOO_SHORT', message: 'not a phone number (TOO_SHORT)', params: [] } as const;

    afterEach(() => {
      installLabels(ENGLISH_LABELS);
      installLocale(userLocale({ language: 'en_US', locale: 'en_US', timeZone: 'UTC' }));
    });

    it("shows the code's label with its parameters, a reason by the reason's label", () => {
      const element = mount([
        { id: 1, level: 'error', code: 'DIAL_FAILED', params: ['12', tooShort], message: 'Could not call 12: …' },
      ]);
      expect(texts(element)).toEqual([
        formatted(ENGLISH_LABELS.Notice_DIAL_FAILED, '12', ENGLISH_LABELS.Reason_TOO_SHORT),
      ]);
      expect(texts(element)[0]).not.toContain('TOO_SHORT');
    });

    it('answers in the language of the installed labels, with numbers in the user locale', () => {
      installLabels({
        Notice_DIAL_FAILED: 'Impossible d’appeler {0} : {1}',
        Reason_TOO_SHORT: 'le numéro est trop court',
        Notice_STORED_STATE_DROPPED: '{0} brouillons illisibles supprimés.',
        Notice_STORED_STATE_DROPPED_one: 'Un brouillon illisible supprimé.',
      });
      installLocale(userLocale({ language: 'fr', locale: 'fr_FR', timeZone: 'Europe/Paris' }));
      const element = mount([
        { id: 1, level: 'error', code: 'DIAL_FAILED', params: ['12', tooShort], message: 'Could not call 12: …' },
        { id: 2, level: 'warning', code: 'STORED_STATE_DROPPED', params: [1], message: 'One saved call draft …' },
        { id: 3, level: 'warning', code: 'STORED_STATE_DROPPED', params: [1200], message: '1200 saved call drafts …' },
      ]);
      expect(texts(element)).toEqual([
        'Impossible d’appeler 12 : le numéro est trop court',
        'Un brouillon illisible supprimé.',
        `${new Intl.NumberFormat('fr-FR').format(1200)} brouillons illisibles supprimés.`,
      ]);
    });

    it('falls back to the English message for a code, or a reason, the page has no label for', () => {
      const reason = { code: null, message: 'Extension 101 is busy', params: [] } as const;
      const element = mount([
        { id: 1, level: 'warning', code: 'FROM_A_NEWER_BRANCH', params: ['x'], message: 'Something new happened.' },
        { id: 2, level: 'error', code: 'DIAL_FAILED', params: ['101', reason], message: 'Could not call 101: busy' },
      ]);
      expect(texts(element)).toEqual([
        'Something new happened.',
        formatted(ENGLISH_LABELS.Notice_DIAL_FAILED, '101', 'Extension 101 is busy'),
      ]);
    });

    it("names locked settings by the Settings tab's labels, as a list of the user's language", () => {
      const locked = (settings: string[]) =>
        ({
          id: 1,
          level: 'warning',
          code: 'SETTING_LOCKED',
          params: [{ settings }],
          message: `${settings.join(', ')}: set by your admin.`,
        }) as NoticeView;
      expect(texts(mount([locked(['autoLog', 'callingDevice', 'noMatchPop'])]))).toEqual([
        formatted(
          ENGLISH_LABELS.Notice_SETTING_LOCKED,
          `${ENGLISH_LABELS.Log_calls_automatically}, ${ENGLISH_LABELS.Calling_device}, and ${ENGLISH_LABELS.Pop_no_match}`,
        ),
      ]);
      document.body.replaceChildren();
      installLabels({
        Notice_SETTING_LOCKED: '{0} : réglé par votre admin.',
        Log_calls_automatically: 'Consigner les appels automatiquement',
        Calling_device: "Appareil d'appel",
      });
      installLocale(userLocale({ language: 'fr', locale: 'fr_FR', timeZone: 'Europe/Paris' }));
      expect(texts(mount([locked(['autoLog', 'callingDevice'])]))).toEqual([
        "Consigner les appels automatiquement et Appareil d'appel : réglé par votre admin.",
      ]);
      document.body.replaceChildren();
      // A key this build has no label for (a newer engine) is shown as the key, never dropped.
      expect(texts(mount([locked(['autoLog', 'fromANewerEngine'])]))).toEqual([
        'Consigner les appels automatiquement et fromANewerEngine : réglé par votre admin.',
      ]);
    });

    it('fills the reference of a logged server failure into its reason', () => {
      const internal = {
        code: 'INTERNAL',
        message: 'Something went wrong (ref SP-0042).',
        params: ['SP-0042'],
      } as const;
      const element = mount([{ id: 1, level: 'warning', code: 'SETTINGS_FAILED', params: [internal], message: '…' }]);
      expect(texts(element)[0]).toContain('SP-0042');
      expect(texts(element)[0]).toContain(ENGLISH_LABELS.Notice_SETTINGS_FAILED.replace('{0}', '').trim());
    });
  });
});

function formatted(template: string, ...args: string[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
}
