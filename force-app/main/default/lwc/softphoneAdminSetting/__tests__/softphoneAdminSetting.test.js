import { createElement } from 'lwc';
import SoftphoneAdminSetting from 'c/softphoneAdminSetting';

function mount(row, help) {
  const element = createElement('c-softphone-admin-setting', { is: SoftphoneAdminSetting });
  element.row = row;
  element.help = help;
  document.body.appendChild(element);
  return element;
}

describe('c-softphone-admin-setting', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows where an inherited value comes from, without a clear action', () => {
    const element = mount(
      { key: 'defaultRegion', sourceText: 'From the org default', here: false, clearable: true },
      'Help',
    );
    expect(element.shadowRoot.querySelector('.softphone-source').textContent).toBe('From the org default');
    expect(element.shadowRoot.querySelector('.softphone-clear')).toBeNull();
    expect(element.shadowRoot.textContent).toContain('Help');
  });

  it('offers "Use inherited value" for a value set here and raises settingclear (bubbling)', () => {
    const element = mount({ key: 'defaultRegion', sourceText: 'Set at this level', here: true, clearable: true });
    const heard = [];
    document.body.addEventListener('settingclear', (e) => heard.push(e.detail));
    element.shadowRoot.querySelector('.softphone-clear').click();
    expect(heard).toEqual([{ key: 'defaultRegion' }]);
  });

  it('shows the field error of the last save', () => {
    const element = mount({
      key: 'autoLogDelaySeconds',
      sourceText: '',
      here: true,
      clearable: false,
      error: 'Expected 0 to 600 seconds.',
    });
    expect(element.shadowRoot.querySelector('.softphone-field-error').textContent).toBe('Expected 0 to 600 seconds.');
    expect(element.shadowRoot.querySelector('.slds-has-error')).not.toBeNull();
    expect(element.shadowRoot.querySelector('.softphone-clear')).toBeNull();
  });
});
