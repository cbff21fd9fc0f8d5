import { createElement } from 'lwc';
import Typeahead, { type TypeaheadEvents, type TypeaheadOption } from '../typeahead';
import { flush, get, typeInto } from '../../__tests__/support/softphone-fixtures';

const OPTIONS: readonly TypeaheadOption[] = [
  {
    id: '006000000000001AAA',
    name: 'Initech — Renewal',
    label: 'Initech — Renewal',
    detail: 'Opportunity · Initech',
    objectType: 'Opportunity',
  },
  { id: '005000000000001AAA', name: 'Alex Agent', label: 'Alex Agent (you)', detail: '', objectType: null },
];

interface Raised {
  type: keyof TypeaheadEvents;
  detail: unknown;
  bubbles: boolean;
}

function mount(props: Partial<Record<string, unknown>> = {}): { element: HTMLElement; events: Raised[] } {
  const element = createElement('softphone-typeahead', { is: Typeahead });
  Object.assign(element, {
    inputId: 'search-1',
    label: 'Related To',
    placeholder: 'Search records…',
    removeTitle: 'Remove Related To',
    removeText: 'Remove',
    listLabel: 'Suggestions',
    ...props,
  });
  const events: Raised[] = [];
  for (const type of ['termchange', 'optionpick', 'choiceremove'] as const) {
    element.addEventListener(type, (event) => {
      const { detail, bubbles, composed } = event as CustomEvent<unknown>;
      events.push({ type, detail, bubbles: bubbles || composed });
    });
  }
  document.body.appendChild(element);
  return { element, events };
}

describe('softphone-typeahead', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('labels its search field, shows the term passed down, and no pill or list without a choice or options', () => {
    const { element } = mount({ term: 'Ini' });
    const input = get<HTMLInputElement>(element, 'input[type="search"]');
    expect(input.id).toBe('search-1');
    expect(input.value).toBe('Ini');
    expect(input.placeholder).toBe('Search records…');
    expect(input.autocomplete).toBe('off');
    expect(get(element, 'label[for="search-1"]').textContent?.trim()).toBe('Related To');
    expect(element.querySelector('abbr.slds-required')).toBeNull();
    expect(element.querySelector('.slds-pill')).toBeNull();
    expect(element.querySelector('[role="listbox"]')).toBeNull();
  });

  it('marks a required field and adds the parent’s classes to the SLDS ones', async () => {
    const { element } = mount({
      required: true,
      selected: 'Sam Supervisor',
      options: OPTIONS,
      inputClass: 'my-input',
      pillClass: 'my-pill',
      removeClass: 'my-remove',
      listClass: 'my-list',
      optionClass: 'my-option',
    });
    await flush();
    expect(get(element, 'label abbr.slds-required')).toBeTruthy();
    expect(get(element, 'input').className).toBe('slds-input my-input');
    expect(get(element, '.my-pill').classList.contains('slds-pill')).toBe(true);
    expect(get(element, '.my-remove').classList.contains('slds-pill__remove')).toBe(true);
    expect(get(element, '.my-list').getAttribute('role')).toBe('listbox');
    expect(element.querySelectorAll('.my-option.slds-listbox__option')).toHaveLength(2);
  });

  it('lists the options passed down with their labels and details, and raises the one picked', async () => {
    const { element, events } = mount({ options: OPTIONS });
    await flush();
    expect(get(element, '[role="listbox"]').getAttribute('aria-label')).toBe('Suggestions');
    const picks = [...element.querySelectorAll<HTMLButtonElement>('[role="option"]')];
    expect(picks.map((p) => [...p.querySelectorAll('span')].map((s) => s.textContent))).toEqual([
      ['Initech — Renewal', 'Opportunity · Initech'],
      ['Alex Agent (you)', ''],
    ]);
    picks[0]?.click();
    picks[1]?.click();
    expect(events).toEqual([
      {
        type: 'optionpick',
        detail: { id: '006000000000001AAA', name: 'Initech — Renewal', objectType: 'Opportunity' },
        bubbles: false,
      },
      {
        type: 'optionpick',
        detail: { id: '005000000000001AAA', name: 'Alex Agent', objectType: null },
        bubbles: false,
      },
    ]);
  });

  it('raises every term typed (an emptied field too), and keeps the native input event inside', () => {
    const { element, events } = mount();
    const outside: Event[] = [];
    document.body.addEventListener('input', (e) => outside.push(e));
    const input = get<HTMLInputElement>(element, 'input');
    typeInto(input, 'I');
    typeInto(input, '');
    expect(events).toEqual([
      { type: 'termchange', detail: { term: 'I' }, bubbles: false },
      { type: 'termchange', detail: { term: '' }, bubbles: false },
    ]);
    expect(outside).toEqual([]);
  });

  it('shows the choice as a pill whose remove button raises choiceremove; the parent decides what is chosen', async () => {
    const { element, events } = mount({ selected: 'Acme Corp (Account)' });
    expect(get(element, '.slds-pill__label').textContent).toBe('Acme Corp (Account)');
    const remove = get<HTMLButtonElement>(element, '.slds-pill__remove');
    expect(remove.title).toBe('Remove Related To');
    expect(get(remove, '.slds-assistive-text').textContent).toBe('Remove');
    remove.click();
    expect(events).toEqual([{ type: 'choiceremove', detail: {}, bubbles: false }]);
    // Nothing changes until the parent passes the new choice down.
    expect(element.querySelector('.slds-pill')).not.toBeNull();
    Object.assign(element, { selected: null });
    await flush();
    expect(element.querySelector('.slds-pill')).toBeNull();
  });
});
