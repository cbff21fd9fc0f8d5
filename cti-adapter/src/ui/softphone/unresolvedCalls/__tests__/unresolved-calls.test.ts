import { createElement } from 'lwc';
import UnresolvedCalls from '../unresolvedCalls';
import { get } from '../../__tests__/support/softphone-fixtures';
import type { ConflictView } from '../../../../core/engine/softphone-state';

function mount(conflicts: readonly ConflictView[]): HTMLElement {
  const element = createElement('softphone-unresolved-calls', { is: UnresolvedCalls });
  Object.assign(element, { conflicts });
  document.body.appendChild(element);
  return element;
}

describe('softphone-unresolved-calls', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('says there is nothing to resolve', () => {
    expect(mount([]).textContent).toContain('Nothing to resolve.');
  });

  it('explains each conflict reason in words and fires `open` with the call id', () => {
    const element = mount([
      { callId: 'call-1', reason: 'no-match', displayName: 'WIRELESS CALLER', startedAt: 0 },
      { callId: 'call-2', reason: 'multiple-matches', displayName: 'STONE LOGISTICS', startedAt: 0 },
      { callId: 'call-3', reason: 'multiple-associations', displayName: 'Peter Gibbons', startedAt: 0 },
    ]);
    const rows = [...element.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(rows[0]).toContain('No matching record');
    expect(rows[1]).toContain('Several records match: choose one');
    expect(rows[2]).toContain('Several records could be Related To: choose one');
    expect(rows.join(' ')).not.toContain('multiple-');

    const opened: string[] = [];
    element.addEventListener('open', (event: Event) =>
      opened.push((event as CustomEvent<{ callId: string }>).detail.callId),
    );
    get<HTMLButtonElement>(element, 'button[data-call-id="call-3"]').click();
    expect(opened).toEqual(['call-3']);
  });
});
