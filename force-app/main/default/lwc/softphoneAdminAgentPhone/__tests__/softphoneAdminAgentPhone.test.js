import { createElement } from 'lwc';
import SoftphoneAdminAgentPhone from 'c/softphoneAdminAgentPhone';

const LEVEL = require('./data/level.json');

describe('c-softphone-admin-agent-phone', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows the calling device, the ringer and closing the call view on hang up, each with its lock, and raises changes', () => {
    const element = createElement('c-softphone-admin-agent-phone', { is: SoftphoneAdminAgentPhone });
    element.level = LEVEL;
    const events = [];
    element.addEventListener('settingchange', (e) => events.push(e.detail));
    document.body.appendChild(element);
    const devices = element.shadowRoot.querySelector('lightning-radio-group');
    expect(devices.value).toBe('browser');
    // The three calling devices the softphone's Settings tab offers, in its order (ADR 0029).
    expect(devices.options.map((o) => o.value)).toEqual(['browser', 'ringout', 'otherDevice']);
    expect([...element.shadowRoot.querySelectorAll('c-softphone-admin-lock')].map((l) => l.row.key)).toEqual([
      'callingDevice',
      'ringerEnabled',
      'closeCallViewOnHangUp',
    ]);
    devices.dispatchEvent(new CustomEvent('change', { detail: { value: 'otherDevice' } }));
    element.shadowRoot
      .querySelector('lightning-input[data-key="ringerEnabled"]')
      .dispatchEvent(new CustomEvent('change', { detail: { checked: false } }));
    const closeView = element.shadowRoot.querySelector('lightning-input[data-key="closeCallViewOnHangUp"]');
    expect(closeView.checked).toBe(false);
    closeView.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
    expect(events).toEqual([
      { key: 'callingDevice', value: 'otherDevice' },
      { key: 'ringerEnabled', value: false },
      { key: 'closeCallViewOnHangUp', value: true },
    ]);
  });
});
