import { createElement } from 'lwc';
import App from '../app';
import { fakeController, flush, get, softphoneState } from '../../__tests__/support/softphone-fixtures';
import { fakeMessagesAccess, fakeMessagesController } from '../../__tests__/support/messages-fixtures';
import type { SoftphoneState } from '../../../../core/engine/softphone-state';
import type { MessagesAccess } from '../../../messages-controller';
import { loadLazySurfaces, selectedTabs, tab } from './app-harness';

function mountWith(state: SoftphoneState, messages?: MessagesAccess): HTMLElement {
  const controller = fakeController(state);
  if (messages) Object.assign(controller, { messages });
  const element = createElement('softphone-app', { is: App });
  Object.assign(element, { controller });
  document.body.appendChild(element);
  return element;
}

describe('softphone-app Messages tab (ADR 0019)', () => {
  beforeAll(loadLazySurfaces);
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows the unread count as a badge on the tab', async () => {
    const element = mountWith(softphoneState({ unreadMessages: 3 }));
    expect(get(tab(element, 'messages'), '.softphone-tab-badge').textContent).toBe('3 3 unread');
    expect(tab(element, 'phone').querySelector('.softphone-tab-badge')).toBeNull();
    document.body.replaceChildren();
    const many = mountWith(softphoneState({ unreadMessages: 250 }));
    expect(get(tab(many, 'messages'), '.softphone-tab-badge').firstChild?.textContent).toBe('99+');
    await flush();
  });

  it('opens the Messages tab with the conversations of the feature', async () => {
    const messages = fakeMessagesController();
    const element = mountWith(softphoneState({ unreadMessages: 1 }), fakeMessagesAccess(messages));
    tab(element, 'messages').click();
    await flush();
    expect(selectedTabs(element)).toEqual(['messages']);
    expect(element.querySelectorAll('.softphone-conversation')).toHaveLength(1);
    expect(messages.setViewing).toHaveBeenLastCalledWith(true);
    tab(element, 'phone').click();
    await flush();
    expect(messages.setViewing).toHaveBeenLastCalledWith(false);
  });

  it('comes forward when a thread is opened from outside the softphone', async () => {
    const access = fakeMessagesAccess(fakeMessagesController());
    const element = mountWith(softphoneState(), access);
    expect(selectedTabs(element)).toEqual(['phone']);
    access.show();
    await flush();
    expect(selectedTabs(element)).toEqual(['messages']);
  });

  it('says text messages are not available where the page has no Messages feature', async () => {
    const element = mountWith(softphoneState());
    tab(element, 'messages').click();
    await flush();
    expect(get(element, '[data-component="softphone-messages-panel"] [role="alert"]').textContent).toBe(
      'Text messages are not available here.',
    );
  });
});
