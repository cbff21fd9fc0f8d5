import { createElement } from 'lwc';
import SavedToast from '../savedToast';
import { get, recordEvents } from '../../__tests__/support/softphone-fixtures';

const HOSTILE_TEXT = '<img src=x onerror=alert(1)>';

function mount(message: string): HTMLElement {
  const element = createElement('softphone-saved-toast', { is: SavedToast });
  Object.assign(element, { toast: { message, taskId: '00T000000000001AAA' } });
  document.body.appendChild(element);
  return element;
}

describe('softphone-saved-toast', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('says the call was logged and links to the Task; the link does not navigate', () => {
    const element = mount('Call logged to Salesforce.');
    expect(get(element, '.slds-notify_toast').getAttribute('role')).toBe('status');
    expect(get(element, 'h2').textContent).toContain('Call logged to Salesforce.');
    const raised = recordEvents(element);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    get(element, '.softphone-toast-link').dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(raised).toEqual([{ type: 'opentask', detail: { taskId: '00T000000000001AAA' } }]);
  });

  it('raises `closetoast` for the close button', () => {
    const element = mount('Call logged to Salesforce.');
    const raised = recordEvents(element);
    get<HTMLButtonElement>(element, '.softphone-toast-close').click();
    expect(raised).toEqual([{ type: 'closetoast', detail: {} }]);
  });

  it('shows the message as text', () => {
    const element = mount(HOSTILE_TEXT);
    expect(element.querySelector('img')).toBeNull();
    expect(get(element, 'h2').textContent).toContain(HOSTILE_TEXT);
  });
});
