import { createElement } from 'lwc';
import SoftphoneAdminScreenPop from 'c/softphoneAdminScreenPop';

const LEVEL = require('./data/level.json');

describe('c-softphone-admin-screen-pop', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows each screen-pop setting with its lock, and raises the choices and lock changes', () => {
    const element = createElement('c-softphone-admin-screen-pop', { is: SoftphoneAdminScreenPop });
    element.level = LEVEL;
    const events = [];
    element.addEventListener('settingchange', (e) => events.push(e.detail));
    element.addEventListener('lockchange', (e) => events.push(e.detail));
    document.body.appendChild(element);
    const groups = [...element.shadowRoot.querySelectorAll('lightning-radio-group')];
    expect(groups.map((g) => g.name)).toEqual(['inboundPop', 'outboundPop', 'multipleMatchPop', 'noMatchPop']);
    expect(groups[0].options.map((o) => o.value)).toEqual(['ringing', 'answer', 'off']);
    expect(groups[3].options.map((o) => o.value)).toEqual(['newContact', 'newLead', 'search', 'none']);
    const locks = element.shadowRoot.querySelectorAll('c-softphone-admin-lock');
    expect([...locks].map((l) => l.row.key)).toEqual(['inboundPop', 'outboundPop', 'multipleMatchPop', 'noMatchPop']);
    expect(locks[0].scope).toBe('org');
    groups[1].dispatchEvent(new CustomEvent('change', { detail: { value: 'off' } }));
    groups[2].dispatchEvent(new CustomEvent('change', { detail: { value: 'search' } }));
    locks[0].dispatchEvent(
      new CustomEvent('lockchange', { detail: { key: 'inboundPop', state: 'locked' }, bubbles: true }),
    );
    locks[3].dispatchEvent(
      new CustomEvent('lockchange', { detail: { key: 'noMatchPop', state: 'locked' }, bubbles: true }),
    );
    expect(events).toEqual([
      { key: 'outboundPop', value: 'off' },
      { key: 'multipleMatchPop', value: 'search' },
      { key: 'inboundPop', state: 'locked' },
      { key: 'noMatchPop', state: 'locked' },
    ]);
  });
});
