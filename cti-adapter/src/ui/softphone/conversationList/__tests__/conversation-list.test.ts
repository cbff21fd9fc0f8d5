import { createElement } from 'lwc';
import ConversationList from '../conversationList';
import { get, typeInto } from '../../__tests__/support/softphone-fixtures';
import { conversationView, HOSTILE_TEXT, recordMessagesEvents } from '../../__tests__/support/messages-fixtures';
import type { ConversationView } from '../../../../core/messaging/messages-state';

function mount(conversations: readonly ConversationView[], props: Record<string, unknown> = {}): HTMLElement {
  const element = createElement('softphone-conversation-list', { is: ConversationList });
  Object.assign(element, { conversations, ...props });
  document.body.appendChild(element);
  return element;
}

describe('softphone-conversation-list', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows each conversation with its name, number, last message, time and unread count', () => {
    const element = mount([
      conversationView(),
      conversationView({
        id: 'conv-2',
        name: '(650) 555-0199',
        displayNumber: '(650) 555-0199',
        lastText: 'See you',
        lastDirection: 'Outbound',
        unread: 0,
      }),
    ]);
    const rows = [...element.querySelectorAll<HTMLElement>('.softphone-conversation')];
    expect(rows).toHaveLength(2);
    expect(get(rows[0] as HTMLElement, '.softphone-conversation-name').textContent).toBe('Ann Lee');
    expect(rows[0]?.textContent).toContain('(650) 555-0123');
    expect(get(rows[0] as HTMLElement, '.softphone-conversation-preview').textContent).toBe('Can you call me back?');
    expect(get(rows[0] as HTMLElement, '.softphone-conversation-unread').textContent).toBe('1');
    expect(get(rows[0] as HTMLElement, '.softphone-conversation-time').textContent).not.toBe('');
    expect(get(rows[1] as HTMLElement, '.softphone-conversation-preview').textContent).toBe('You: See you');
    expect(rows[1]?.querySelector('.softphone-conversation-unread')).toBeNull();
  });

  it('raises openconversation, loadmoreconversations and newconversation', () => {
    const element = mount([conversationView()], { more: true });
    const events = recordMessagesEvents(element);
    get<HTMLButtonElement>(element, '.softphone-conversation-open').click();
    get<HTMLButtonElement>(element, '.softphone-conversations-more').click();
    typeInto(get<HTMLInputElement>(element, '.softphone-sms-new-number'), ' 650 555 0199 ');
    return Promise.resolve().then(() => {
      get<HTMLButtonElement>(element, '.softphone-sms-new').click();
      expect(events).toEqual([
        { type: 'openconversation', detail: { conversationId: 'conv-1' } },
        { type: 'loadmoreconversations', detail: {} },
        { type: 'newconversation', detail: { number: '650 555 0199' } },
      ]);
    });
  });

  it('shows why a typed number could not be opened, and an empty list', () => {
    const element = mount([], { numberError: 'abc is not a phone number that can receive text messages.' });
    expect(get(element, '[role="alert"]').textContent).toContain('abc is not a phone number');
    expect(element.textContent).toContain('No text messages yet.');
  });

  it('renders a hostile last message as text', () => {
    const element = mount([conversationView({ lastText: HOSTILE_TEXT, name: HOSTILE_TEXT })]);
    expect(get(element, '.softphone-conversation-preview').textContent).toBe(HOSTILE_TEXT);
    expect(element.querySelector('img, script, b')).toBeNull();
  });
});
