import { createElement } from 'lwc';
import SoftphoneAdminMatching from 'c/softphoneAdminMatching';

const LEVEL = require('./data/level.json');

function mount(level = LEVEL) {
  const element = createElement('c-softphone-admin-matching', { is: SoftphoneAdminMatching });
  element.level = level;
  const events = [];
  for (const type of ['settingchange', 'settingclear', 'lockchange']) {
    element.addEventListener(type, (e) => events.push({ type, detail: e.detail }));
  }
  document.body.appendChild(element);
  return { element, events };
}

describe('c-softphone-admin-matching', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('lists the matchable objects and the searched ones in priority order', () => {
    const level = JSON.parse(JSON.stringify(LEVEL));
    level.rows.objectPriority.value = ['Account', 'Contact', 'Lead'];
    level.catalog.matchObjects.push({ apiName: 'Site__c', label: 'Site', custom: true });
    const { element } = mount(level);
    const listbox = element.shadowRoot.querySelector('lightning-dual-listbox');
    expect(listbox.options.map((o) => o.label)).toEqual(['Contact', 'Lead', 'Account', 'Site (custom)']);
    expect(listbox.value).toEqual(['Account', 'Contact', 'Lead']);
    expect(element.shadowRoot.querySelector('lightning-radio-group').value).toBe('name');
  });

  it('raises the searched objects as both the match list and the priority, and upper-cases the region', () => {
    const { element, events } = mount();
    element.shadowRoot
      .querySelector('lightning-dual-listbox')
      .dispatchEvent(new CustomEvent('change', { detail: { value: ['Lead', 'Contact'] } }));
    element.shadowRoot
      .querySelector('lightning-input.softphone-region')
      .dispatchEvent(new CustomEvent('change', { detail: { value: ' gb ' } }));
    const toggle = element.shadowRoot.querySelector('lightning-input[data-key="autoFillRelatedTo"]');
    toggle.dispatchEvent(new CustomEvent('change', { detail: { checked: false } }));
    expect(events).toEqual([
      { type: 'settingchange', detail: { key: 'matchObjects', value: ['Lead', 'Contact'] } },
      { type: 'settingchange', detail: { key: 'objectPriority', value: ['Lead', 'Contact'] } },
      { type: 'settingchange', detail: { key: 'defaultRegion', value: 'GB' } },
      { type: 'settingchange', detail: { key: 'autoFillRelatedTo', value: false } },
    ]);
  });

  it("re-raises a row's request to use the inherited value", () => {
    const { element, events } = mount();
    element.shadowRoot
      .querySelector('c-softphone-admin-setting')
      .dispatchEvent(new CustomEvent('settingclear', { detail: { key: 'matchObjects' }, bubbles: true }));
    expect(events).toEqual([{ type: 'settingclear', detail: { key: 'matchObjects' } }]);
  });
});
