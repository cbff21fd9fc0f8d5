import { createElement } from 'lwc';
import DesktopNotifications from '../desktopNotifications';
import { flush, get } from '../../__tests__/support/softphone-fixtures';

type Permission = 'default' | 'granted' | 'denied';

function withNotification(permission: Permission, answer: Permission = permission): jest.Mock {
  const requestPermission = jest.fn(async () => {
    fake.permission = answer;
    return answer;
  });
  const fake = { permission, requestPermission };
  (globalThis as { Notification?: unknown }).Notification = fake;
  return requestPermission;
}

function mount(): HTMLElement {
  const element = createElement('softphone-desktop-notifications', { is: DesktopNotifications });
  document.body.appendChild(element);
  return element;
}

describe('softphone-desktop-notifications', () => {
  afterEach(() => {
    document.body.replaceChildren();
    delete (globalThis as { Notification?: unknown }).Notification;
  });

  it('says notifications are on when the browser allows them', () => {
    withNotification('granted');
    const element = mount();
    expect(get(element, '.softphone-desktop-notifications-status').textContent).toContain('On:');
    expect(element.querySelector('.softphone-desktop-notifications-allow')).toBeNull();
  });

  it('asks the browser on "Allow" when the page may ask, and shows the answer', async () => {
    const request = withNotification('default', 'granted');
    const element = mount();
    get<HTMLButtonElement>(element, '.softphone-desktop-notifications-allow').click();
    await flush();
    await flush();
    expect(request).toHaveBeenCalledTimes(1);
    expect(get(element, '.softphone-desktop-notifications').dataset.permission).toBe('granted');
  });

  it('explains where to allow them when the frame may not ask (denied)', () => {
    withNotification('denied');
    const element = mount();
    expect(get(element, '.softphone-desktop-notifications-status').textContent).toContain(
      'allow notifications for this Salesforce site in your browser',
    );
    expect(element.querySelector('.softphone-desktop-notifications-allow')).toBeNull();
  });

  it('says so in a browser without the Notification API', () => {
    const element = mount();
    expect(get(element, '.softphone-desktop-notifications-status').textContent).toBe(
      'This browser cannot show desktop notifications.',
    );
  });
});
