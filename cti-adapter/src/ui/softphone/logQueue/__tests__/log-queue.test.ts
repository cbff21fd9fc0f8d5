import { createElement } from 'lwc';
import LogQueue from '../logQueue';
import { flush, get, recordEvents } from '../../__tests__/support/softphone-fixtures';
import type { LogQueueView } from '../../../softphone-events';

function mount(queue: LogQueueView): HTMLElement {
  const element = createElement('softphone-log-queue', { is: LogQueue });
  Object.assign(element, { queue });
  document.body.appendChild(element);
  return element;
}

describe('softphone-log-queue', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('says how many calls wait and offers only the buttons the app asks for', async () => {
    const element = mount({ label: '2 calls to log', showNext: true, showDialer: true, showLog: false });
    expect(get(element, '.softphone-log-queue').getAttribute('role')).toBe('status');
    expect(get(element, '.softphone-log-count').textContent).toBe('2 calls to log');
    expect([...element.querySelectorAll('button')].map((b) => b.textContent?.trim())).toEqual(['Next', 'Dialer']);
    Object.assign(element, { queue: { label: '1 call to log', showNext: false, showDialer: false, showLog: false } });
    await flush();
    expect(element.querySelectorAll('button')).toHaveLength(0);
  });

  it('raises `logqueue` with the button pressed, on its host only', () => {
    const element = mount({ label: '2 calls to log', showNext: true, showDialer: true, showLog: false });
    const raised = recordEvents(element);
    get<HTMLButtonElement>(element, '.softphone-log-next').click();
    get<HTMLButtonElement>(element, '.softphone-show-dialer').click();
    expect(raised).toEqual([
      { type: 'logqueue', detail: { action: 'next' } },
      { type: 'logqueue', detail: { action: 'dialer' } },
    ]);
  });

  it('raises `logqueue` `log` for Log', () => {
    const element = mount({ label: '1 call to log', showNext: false, showDialer: false, showLog: true });
    const raised = recordEvents(element);
    get<HTMLButtonElement>(element, '.softphone-show-log').click();
    expect(raised).toEqual([{ type: 'logqueue', detail: { action: 'log' } }]);
  });
});
