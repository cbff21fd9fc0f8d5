import { createElement } from 'lwc';
import SoftphoneAdminLogFields from 'c/softphoneAdminLogFields';

const LEVEL = require('./data/level.json');

function mount(level = LEVEL) {
  const element = createElement('c-softphone-admin-log-fields', { is: SoftphoneAdminLogFields });
  element.level = level;
  const events = [];
  element.addEventListener('settingchange', (e) => events.push(e.detail));
  document.body.appendChild(element);
  return { element, events };
}

describe('c-softphone-admin-log-fields', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('offers the Task fields of the catalog with their types, Available to Selected', () => {
    const { element } = mount();
    const listbox = element.shadowRoot.querySelector('lightning-dual-listbox');
    expect(listbox.options).toContainEqual({ label: 'Call Summary · Text Area', value: 'Call_Summary__c' });
    expect(listbox.options).toContainEqual({ label: 'Call Outcome · Picklist', value: 'Call_Outcome__c' });
    expect(listbox.value).toEqual([]);
    expect(element.shadowRoot.querySelector('lightning-checkbox-group')).toBeNull();
    expect(element.shadowRoot.querySelector('.softphone-form-preview').textContent).toBe(
      'Subject · Notes · Disposition · Name · Related To',
    );
  });

  it('raises the selected fields in order, keeping the required flags, and the required ones', () => {
    const level = JSON.parse(JSON.stringify(LEVEL));
    level.rows.logFields.value = [{ apiName: 'key__c', label: 'key', type: 'string', required: true }];
    const { element, events } = mount(level);
    expect(element.shadowRoot.querySelector('lightning-checkbox-group').value).toEqual(['key__c']);
    expect(element.shadowRoot.querySelector('.softphone-form-preview').textContent).toContain('key (required)');
    element.shadowRoot
      .querySelector('lightning-dual-listbox')
      .dispatchEvent(new CustomEvent('change', { detail: { value: ['Call_Summary__c', 'key__c'] } }));
    element.shadowRoot
      .querySelector('lightning-checkbox-group')
      .dispatchEvent(new CustomEvent('change', { detail: { value: [] } }));
    expect(events[0].value.map((f) => [f.apiName, f.type, f.required])).toEqual([
      ['Call_Summary__c', 'textarea', false],
      ['key__c', 'string', true],
    ]);
    expect(events[1]).toEqual({
      key: 'logFields',
      value: [{ apiName: 'key__c', label: 'key', type: 'string', required: false }],
    });
  });
});
