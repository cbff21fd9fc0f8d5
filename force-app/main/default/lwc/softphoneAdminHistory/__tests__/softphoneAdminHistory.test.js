import { createElement } from 'lwc';
import SoftphoneAdminHistory from 'c/softphoneAdminHistory';

const ENTRIES = require('./data/entries.json');

describe('c-softphone-admin-history', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('lists who changed which level, when and what', () => {
    const element = createElement('c-softphone-admin-history', { is: SoftphoneAdminHistory });
    element.entries = [
      ...ENTRIES,
      {
        ...ENTRIES[0],
        id: 'a01000000000002AAA',
        scope: 'profile',
        scopeLabel: 'Support',
        summary: 'autoLog: true → false',
      },
    ];
    document.body.appendChild(element);
    const rows = [...element.shadowRoot.querySelectorAll('tr.softphone-audit-row')];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Ada Admin');
    expect(rows[0].textContent).toContain('Org default');
    expect(rows[0].querySelector('.softphone-audit-summary').textContent).toBe(ENTRIES[0].summary);
    expect(rows[1].textContent).toContain('Profile: Support');
    expect(rows[0].querySelector('lightning-formatted-date-time').value).toBe('2026-12-06T10:15:00.000Z');
  });

  it('says when there is no change yet', () => {
    const element = createElement('c-softphone-admin-history', { is: SoftphoneAdminHistory });
    document.body.appendChild(element);
    expect(element.shadowRoot.textContent).toContain('No change yet.');
  });
});
