import { createElement } from 'lwc';
import SoftphoneAdminLogging from 'c/softphoneAdminLogging';

const LEVEL = require('./data/level.json');

function mount(level = LEVEL) {
  const element = createElement('c-softphone-admin-logging', { is: SoftphoneAdminLogging });
  element.level = level;
  const events = [];
  element.addEventListener('settingchange', (e) => events.push(e.detail));
  document.body.appendChild(element);
  return { element, events };
}

describe('c-softphone-admin-logging', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows automatic logging with its lock and "Delay auto call logging for"', () => {
    const { element } = mount();
    const autoLog = element.shadowRoot.querySelector('lightning-input[data-key="autoLog"]');
    expect(autoLog.checked).toBe(true);
    expect(element.shadowRoot.querySelector('c-softphone-admin-lock').row.locked).toBe(true);
    const delay = element.shadowRoot.querySelector('lightning-input.softphone-delay');
    expect(delay.label).toBe('Delay auto call logging for (seconds, 0 to 600)');
    expect(delay.value).toBe(10);
    expect(element.shadowRoot.querySelector('lightning-input[data-key="placeholderCompany"]')).toBeNull();
  });

  it('raises whole seconds, blank as no value, when the Task is created, and shows the Lead company for Leads', async () => {
    const level = JSON.parse(JSON.stringify(LEVEL));
    level.rows.placeholderObject.value = 'Lead';
    const { element, events } = mount(level);
    const delay = element.shadowRoot.querySelector('lightning-input.softphone-delay');
    delay.dispatchEvent(new CustomEvent('change', { detail: { value: '-5' } }));
    delay.dispatchEvent(new CustomEvent('change', { detail: { value: '30.7' } }));
    delay.dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
    const groups = element.shadowRoot.querySelectorAll('lightning-radio-group');
    groups[0].dispatchEvent(new CustomEvent('change', { detail: { value: 'ringing' } }));
    expect(element.shadowRoot.querySelector('lightning-input[data-key="placeholderCompany"]')).not.toBeNull();
    expect(events).toEqual([
      { key: 'autoLogDelaySeconds', value: -5 },
      { key: 'autoLogDelaySeconds', value: 30 },
      { key: 'autoLogDelaySeconds', value: null },
      { key: 'saveOnRinging', value: true },
    ]);
  });

  it('shows the note prompt after sending a text with its own lock and raises its change', () => {
    const { element, events } = mount();
    const toggle = element.shadowRoot.querySelector('lightning-input[data-key="smsNotesPrompt"]');
    expect(toggle.label).toBe("Ask for a note after sending a text (added to the conversation's Task of the day)");
    expect(toggle.checked).toBe(false);
    const locks = [...element.shadowRoot.querySelectorAll('c-softphone-admin-lock')].map((lock) => lock.row.key);
    expect(locks).toContain('smsNotesPrompt');
    toggle.checked = true;
    toggle.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
    expect(events).toEqual([{ key: 'smsNotesPrompt', value: true }]);
  });
});
