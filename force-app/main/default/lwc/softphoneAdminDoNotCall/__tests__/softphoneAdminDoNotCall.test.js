import { createElement } from 'lwc';
import SoftphoneAdminDoNotCall from 'c/softphoneAdminDoNotCall';

const LEVEL = require('./data/level.json');

describe('c-softphone-admin-do-not-call', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows the modes for calls and for text messages, without locks, and raises changes', () => {
    const element = createElement('c-softphone-admin-do-not-call', { is: SoftphoneAdminDoNotCall });
    element.level = LEVEL;
    const events = [];
    element.addEventListener('settingchange', (e) => events.push(e.detail));
    document.body.appendChild(element);
    const groups = [...element.shadowRoot.querySelectorAll('lightning-radio-group')];
    expect(groups.map((g) => [g.name, g.value])).toEqual([
      ['dncCallMode', 'block'],
      ['dncSmsMode', 'off'],
    ]);
    expect(groups.map((g) => g.options.map((o) => o.value))).toEqual([
      ['off', 'warn', 'block'],
      ['off', 'warn', 'block'],
    ]);
    expect(element.shadowRoot.querySelectorAll('c-softphone-admin-lock')).toHaveLength(0);
    groups[1].dispatchEvent(new CustomEvent('change', { detail: { value: 'warn' } }));
    groups[0].dispatchEvent(new CustomEvent('change', { detail: { value: 'off' } }));
    expect(events).toEqual([
      { key: 'dncSmsMode', value: 'warn' },
      { key: 'dncCallMode', value: 'off' },
    ]);
  });
});
