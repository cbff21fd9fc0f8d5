import { createElement } from 'lwc';
import SoftphoneAdminLock from 'c/softphoneAdminLock';

function mount(row, scope) {
  const element = createElement('c-softphone-admin-lock', { is: SoftphoneAdminLock });
  element.row = row;
  element.scope = scope;
  const events = [];
  element.addEventListener('lockchange', (e) => events.push(e.detail));
  document.body.appendChild(element);
  return { element, events };
}

describe('c-softphone-admin-lock', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('at the org default: agents can change it (no entry) or locked', () => {
    const { element, events } = mount({ key: 'autoLog', lockState: 'inherit', locked: false }, 'org');
    const combo = element.shadowRoot.querySelector('lightning-combobox');
    expect(combo.options.map((o) => o.value)).toEqual(['unlocked', 'locked']);
    expect(combo.value).toBe('unlocked');
    expect(element.shadowRoot.querySelector('lightning-icon')).toBeNull();
    combo.dispatchEvent(new CustomEvent('change', { detail: { value: 'locked' } }));
    combo.dispatchEvent(new CustomEvent('change', { detail: { value: 'unlocked' } }));
    expect(events).toEqual([
      { key: 'autoLog', state: 'locked' },
      { key: 'autoLog', state: 'inherit' },
    ]);
  });

  it('at a profile or user level: follow the levels above, unlock or lock', () => {
    const { element } = mount({ key: 'autoLog', lockState: 'inherit', locked: true, lockedAbove: true }, 'user');
    const combo = element.shadowRoot.querySelector('lightning-combobox');
    expect(combo.options[0]).toEqual({ label: 'As the levels above (locked)', value: 'inherit' });
    expect(combo.value).toBe('inherit');
    expect(combo.label).toBe('Can agents change it?');
    expect(element.shadowRoot.querySelector('lightning-icon').iconName).toBe('utility:lock');
  });
});
