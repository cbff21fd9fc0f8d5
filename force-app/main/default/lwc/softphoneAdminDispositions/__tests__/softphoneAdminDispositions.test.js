import { createElement } from 'lwc';
import SoftphoneAdminDispositions from 'c/softphoneAdminDispositions';

const LEVEL = require('./data/level.json');

function mount(level = LEVEL) {
  const element = createElement('c-softphone-admin-dispositions', { is: SoftphoneAdminDispositions });
  element.level = level;
  const events = [];
  element.addEventListener('settingchange', (e) => events.push(e.detail));
  document.body.appendChild(element);
  return { element, events };
}

describe('c-softphone-admin-dispositions', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('edits a typed list, one disposition per line', () => {
    const { element, events } = mount();
    const list = element.shadowRoot.querySelector('lightning-textarea.softphone-dispositions');
    expect(list.value.split('\n')).toEqual(LEVEL.rows.dispositions.value);
    list.dispatchEvent(new CustomEvent('change', { detail: { value: ' Interested \n\nNot interested\n' } }));
    expect(events).toEqual([{ key: 'dispositions', value: ['Interested', 'Not interested'] }]);
  });

  it('switches to the values of a Task picklist and shows them', () => {
    const { element, events } = mount();
    element.shadowRoot
      .querySelector('lightning-radio-group')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'picklist' } }));
    expect(events).toEqual([{ key: 'dispositionField', value: 'Call_Outcome__c' }]);
    const level = JSON.parse(JSON.stringify(LEVEL));
    level.rows.dispositionField.value = 'Call_Outcome__c';
    document.body.removeChild(element);
    const picked = mount(level);
    expect(picked.element.shadowRoot.querySelector('lightning-combobox').value).toBe('Call_Outcome__c');
    expect(picked.element.shadowRoot.textContent).toContain(
      'Agents choose from: Interested, Not interested, Call back later',
    );
    picked.element.shadowRoot
      .querySelector('lightning-radio-group')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'list' } }));
    expect(picked.events).toEqual([{ key: 'dispositionField', value: '' }]);
  });

  it('offers the Sales Engagement field only in Sales Engagement mode', () => {
    const level = JSON.parse(JSON.stringify(LEVEL));
    level.rows.hvsMode.value = true;
    const { element } = mount(level);
    const combo = [...element.shadowRoot.querySelectorAll('lightning-combobox')].pop();
    expect(combo.options[0]).toEqual({ label: 'Only the package field (hvs_disposition__c)', value: '' });
    expect(combo.options.map((o) => o.value)).toContain('key__c');
    document.body.removeChild(element);
    expect(mount().element.shadowRoot.querySelectorAll('lightning-combobox')).toHaveLength(0);
  });
});
