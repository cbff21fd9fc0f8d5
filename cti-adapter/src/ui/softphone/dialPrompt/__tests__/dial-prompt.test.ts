import { createElement } from 'lwc';
import DialPrompt from '../dialPrompt';
import { flush, get, recordEvents } from '../../__tests__/support/softphone-fixtures';
import type { RaisedEvent } from '../../__tests__/support/softphone-fixtures';
import type { DialPrompt as Prompt } from '../../../../core/ports/dial-guard-port';
import { loadSurface } from '../../../lazy-surfaces';
import { doNotCallText } from '../../../../core/do-not-call/do-not-call-text';
import { installLabels } from '../../../labels';
import { ENGLISH_LABELS } from '../../../labels.generated';

function prompt(overrides: Partial<Prompt> = {}): Prompt {
  return {
    id: 3,
    number: '+16505550101',
    action: 'warn',
    recordName: 'Ann Lee',
    reason: doNotCallText('RECORD_MARKED', 'Ann Lee (Contact) is marked Do Not Call.', 'Ann Lee', 'Contact'),
    ...overrides,
  };
}

function mount(shown: Prompt): { element: HTMLElement; events: RaisedEvent[] } {
  const element = createElement('softphone-dial-prompt', { is: DialPrompt });
  Object.assign(element, { prompt: shown });
  const events = recordEvents(element);
  document.body.appendChild(element);
  return { element, events };
}

describe('softphone-dial-prompt (lazy surface dialPrompt, ADR 0031)', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('is the lazy surface the app loads for a prompt', async () => {
    await expect(loadSurface('dialPrompt')).resolves.toBe(DialPrompt);
  });

  it('warn: says who is restricted and asks "Call anyway" or "Cancel", each raising its answer', () => {
    const { element, events } = mount(prompt());
    const box = get(element, '.softphone-dial-prompt');
    expect(box.getAttribute('role')).toBe('alertdialog');
    expect(box.classList.contains('softphone-dial-prompt_warn')).toBe(true);
    expect(get(element, '#softphone-dial-prompt-title').textContent).toBe('Do not call');
    expect(get(element, '.softphone-dial-prompt-reason').textContent).toBe('Ann Lee (Contact) is marked Do Not Call.');
    expect(element.querySelector('.softphone-dial-ok')).toBeNull();
    get<HTMLButtonElement>(element, '.softphone-call-anyway').click();
    get<HTMLButtonElement>(element, '.softphone-dial-cancel').click();
    expect(events).toEqual([
      { type: 'dialprompt', detail: { id: 3, proceed: true } },
      { type: 'dialprompt', detail: { id: 3, proceed: false } },
    ]);
  });

  it('block: says the call was not placed and why; "OK" only closes it', () => {
    const { element, events } = mount(
      prompt({
        id: 4,
        action: 'block',
        recordName: null,
        reason: doNotCallText(
          'NUMBER_LISTED_BECAUSE',
          '+1 650-555-0101 is on the Do Not Contact list: asked by phone.',
          '+1 650-555-0101',
          'asked by phone.',
        ),
      }),
    );
    expect(get(element, '.softphone-dial-prompt').classList.contains('softphone-dial-prompt_block')).toBe(true);
    expect(get(element, '#softphone-dial-prompt-title').textContent).toBe('Call not placed: do not call');
    expect(get(element, '.softphone-dial-prompt-reason').textContent).toContain('Do Not Contact list: asked by phone.');
    expect(element.querySelector('.softphone-call-anyway')).toBeNull();
    get<HTMLButtonElement>(element, '.softphone-dial-ok').click();
    expect(events).toEqual([{ type: 'dialprompt', detail: { id: 4, proceed: false } }]);
  });

  it('shows a hostile reason as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const { element } = mount(prompt({ reason: doNotCallText('RECORD_MARKED', hostile, hostile, 'Contact') }));
    await flush();
    expect(element.querySelector('img')).toBeNull();
    expect(get(element, '.softphone-dial-prompt-reason').textContent).toBe(
      `${hostile} (Contact) is marked Do Not Call.`,
    );
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('words the restriction by its Dnc_<CODE> label in the agent’s language, the object by its label (ADR 0032)', () => {
    installLabels({
      ...ENGLISH_LABELS,
      Dnc_RECORD_MARKED: '« Ne pas appeler » est coché pour {0} ({1}).',
      Dnc_PERSON_ACCOUNT_MARKED: '« Ne pas appeler » est coché pour {0} (compte personnel).',
      Dnc_NUMBER_LISTED: '{0} figure sur la liste Ne pas contacter.',
    });
    try {
      const reasonOf = (shown: Prompt) => get(mount(shown).element, '.softphone-dial-prompt-reason').textContent;
      const english = 'Dan Ortiz (Lead) is marked Do Not Call.';
      expect(reasonOf(prompt({ reason: doNotCallText('RECORD_MARKED', english, 'Dan Ortiz', 'Piste') }))).toBe(
        '« Ne pas appeler » est coché pour Dan Ortiz (Piste).',
      );
      expect(reasonOf(prompt({ reason: doNotCallText('PERSON_ACCOUNT_MARKED', 'Erin Park …', 'Erin Park') }))).toBe(
        '« Ne pas appeler » est coché pour Erin Park (compte personnel).',
      );
      expect(reasonOf(prompt({ reason: doNotCallText('NUMBER_LISTED', '+1 … list.', '+1 650-555-0199') }))).toBe(
        '+1 650-555-0199 figure sur la liste Ne pas contacter.',
      );
    } finally {
      installLabels(ENGLISH_LABELS);
    }
  });
});
