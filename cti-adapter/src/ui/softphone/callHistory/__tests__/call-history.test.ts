import { createElement } from 'lwc';
import CallHistory from '../callHistory';
import { feedback, get, historyRecord, recordEvents } from '../../__tests__/support/softphone-fixtures';
import type { RaisedEvent } from '../../__tests__/support/softphone-fixtures';
import type { CommandFeedback } from '../../../softphone-events';
import type { HistoryItem } from '../../../../core/engine/softphone-state';

const ITEMS: readonly HistoryItem[] = [
  {
    record: historyRecord({ id: 'rec-1' }),
    logged: {
      taskId: '00T000000000001AAA',
      subject: 'Inbound call from LEE ANN',
      whoId: '003000000000001AAA',
      whoName: 'Ann Lee',
      whatId: '001000000000001AAA',
      whatName: 'Acme Corp',
    },
  },
  {
    record: historyRecord({
      id: 'rec-2',
      telephonySessionId: 's-2',
      direction: 'Outbound',
      result: 'Call connected',
      duration: 30,
      from: { phoneNumber: '+16505550100', name: 'Alex Agent' },
      to: { phoneNumber: '+16505550199' },
    }),
    logged: null,
  },
];

function mount(
  items: readonly HistoryItem[],
  state: CommandFeedback = feedback(),
): { element: HTMLElement; events: RaisedEvent[] } {
  const element = createElement('softphone-call-history', { is: CallHistory });
  Object.assign(element, { items, feedback: state });
  const events = recordEvents(element);
  document.body.appendChild(element);
  return { element, events };
}

describe('softphone-call-history', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('raises refresh from the Refresh button and says Loading… while a refresh is in flight', () => {
    const { element, events } = mount([], feedback({ pending: ['refresh'] }));
    expect(element.textContent).toContain('Loading…');
    expect(element.textContent).not.toContain('No calls.');
    get<HTMLButtonElement>(element, 'button').click();
    expect(events).toEqual([{ type: 'refresh', detail: {} }]);
  });

  it('shows the other party of each call and whether it is logged', () => {
    const { element } = mount(ITEMS);
    const rows = [...element.querySelectorAll<HTMLElement>('.softphone-history-row')];
    expect(rows.map((r) => r.dataset.id)).toEqual(['rec-1', 'rec-2']);
    expect(get(rows[0] as HTMLElement, '.softphone-history-name').textContent).toBe('Ann Lee');
    expect(rows[0]?.textContent).not.toContain('LEE ANN');
    expect(rows[0]?.querySelector('.softphone-history-caller-id')).toBeNull();
    expect(rows[0]?.textContent).toContain('Inbound · Answered · 1:35');
    expect(get(rows[0] as HTMLElement, '.slds-badge').textContent).toBe('Logged');
    expect(rows[0]?.querySelector('.softphone-history-log')).toBeNull();
    expect(rows[1]?.textContent).toContain('+16505550199');
    expect(rows[1]?.querySelector('.slds-badge')).toBeNull();
    expect(get(rows[1] as HTMLElement, '.softphone-history-log').getAttribute('aria-label')).toBe(
      'Log call with +16505550199',
    );
  });

  it('names a call not logged by its caller-ID name, labelled as caller ID, and escapes a hostile name', () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const { element } = mount([
      { record: historyRecord({ id: 'rec-3', from: { phoneNumber: '+16505550101', name: hostile } }), logged: null },
    ]);
    const row = get(element, '.softphone-history-row');
    expect(get(row, '.softphone-history-name').textContent).toBe(hostile);
    expect(row.querySelector('img')).toBeNull();
    expect(get(row, '.softphone-history-caller-id').textContent).toContain('Caller ID');
    expect(get(row, '.softphone-history-log').getAttribute('aria-label')).toBe(`Log call with ${hostile}`);
  });

  it('names a logged call by its What when it has no Who, and by its number when no record name is readable', () => {
    const logged = { taskId: '00T000000000002AAA', subject: null, whoId: null, whoName: null, whatId: null };
    const { element } = mount([
      {
        record: historyRecord({ id: 'rec-4' }),
        logged: { ...logged, whatId: '006000000000001AAA', whatName: 'Acme renewal 2027' },
      },
      {
        record: historyRecord({ id: 'rec-5', from: { phoneNumber: '+16505550101', name: 'LEE ANN' } }),
        logged: { ...logged, whoId: '003000000000001AAA', whatName: null },
      },
    ]);
    const names = [...element.querySelectorAll('.softphone-history-name')].map((n) => n.textContent);
    expect(names).toEqual(['Acme renewal 2027', '+16505550101']);
    expect(element.querySelector('.softphone-history-caller-id')).toBeNull();
  });

  it('"Log" raises logpastcall for that past call', () => {
    const { element, events } = mount(ITEMS);
    get<HTMLButtonElement>(element, '.softphone-history-log').click();
    expect(events).toEqual([{ type: 'logpastcall', detail: { recordId: 'rec-2' } }]);
  });

  it('shows why logging a past call failed', () => {
    const { element } = mount(ITEMS, feedback({ error: 'This call is no longer in the call log.' }));
    expect(get(element, '[role="alert"]').textContent).toBe('This call is no longer in the call log.');
  });

  it('says "No calls." once loaded with nothing, and shows a refresh failure', () => {
    const { element } = mount([], feedback({ error: 'RingCentral is unreachable.' }));
    expect(element.textContent).toContain('No calls.');
    expect(get(element, '[role="alert"]').textContent).toBe('RingCentral is unreachable.');
  });
});
