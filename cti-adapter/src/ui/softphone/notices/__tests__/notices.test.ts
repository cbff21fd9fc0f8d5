import { createElement } from 'lwc';
import Notices from '../notices';
import type { NoticeView } from '../notices';
import { recordEvents } from '../../__tests__/support/softphone-fixtures';

function mount(notices: readonly NoticeView[]): HTMLElement {
  const element = createElement('softphone-notices', { is: Notices });
  Object.assign(element, { notices });
  document.body.appendChild(element);
  return element;
}

describe('softphone-notices', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows each notice as an SLDS alert themed by its level, in order', () => {
    const element = mount([
      { id: 1, level: 'error', message: 'The call could not be logged.' },
      { id: 2, level: 'warning', message: 'The microphone is not connected.' },
      { id: 3, level: 'info', message: 'Reconnected.' },
    ]);
    const alerts = [...element.querySelectorAll<HTMLElement>('.softphone-notice')];
    expect(alerts.map((a) => a.querySelector('span')?.textContent)).toEqual([
      'The call could not be logged.',
      'The microphone is not connected.',
      'Reconnected.',
    ]);
    expect(alerts.map((a) => a.getAttribute('role'))).toEqual(['alert', 'alert', 'alert']);
    expect(alerts[0]!.classList.contains('slds-alert_error')).toBe(true);
    expect(alerts[1]!.classList.contains('slds-alert_warning')).toBe(true);
    expect(
      alerts[2]!.classList.contains('slds-alert_error') || alerts[2]!.classList.contains('slds-alert_warning'),
    ).toBe(false);
  });

  it('raises dismiss with the id of the notice whose Dismiss button was clicked', () => {
    const element = mount([
      { id: 7, level: 'error', message: 'first' },
      { id: 9, level: 'warning', message: 'second' },
    ]);
    const raised = recordEvents(element);
    element.querySelectorAll<HTMLButtonElement>('.softphone-notice button')[1]!.click();
    expect(raised).toEqual([{ type: 'dismiss', detail: { id: 9 } }]);
  });

  it('renders markup in a message as text, creating no element', () => {
    const element = mount([{ id: 1, level: 'error', message: '<img src=x onerror="globalThis.injected=true">' }]);
    expect(element.querySelector('.softphone-notice img')).toBeNull();
    expect(element.querySelector('.softphone-notice span')?.textContent).toBe(
      '<img src=x onerror="globalThis.injected=true">',
    );
  });

  it('shows nothing without notices', () => {
    const element = mount([]);
    expect(element.querySelector('.softphone-notice')).toBeNull();
  });
});
