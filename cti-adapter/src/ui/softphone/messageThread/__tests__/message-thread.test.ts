import { createElement } from 'lwc';
import MessageThread from '../messageThread';
import { flush, get } from '../../__tests__/support/softphone-fixtures';
import { HOSTILE_TEXT, recordMessagesEvents, threadMessages } from '../../__tests__/support/messages-fixtures';
import type { ThreadMessage } from '../../../../core/messaging/messages-state';

function mount(messages: readonly ThreadMessage[], props: Record<string, unknown> = {}): HTMLElement {
  const element = createElement('softphone-message-thread', { is: MessageThread });
  Object.assign(element, { conversationId: 'conv-1', ...props, messages });
  document.body.appendChild(element);
  return element;
}

const bubbles = (element: HTMLElement): HTMLElement[] => [...element.querySelectorAll<HTMLElement>('li[data-id]')];

describe('softphone-message-thread', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('renders the newest 40 of a 10,000-message thread, oldest first', () => {
    const element = mount(threadMessages(10_000));
    const rendered = bubbles(element);
    expect(rendered).toHaveLength(40);
    expect(rendered[0]?.dataset.id).toBe('m9960');
    expect(rendered[39]?.dataset.id).toBe('m9999');
    expect(get(element, '.softphone-thread-messages').dataset.window).toBe('9960-10000');
  });

  it('renders older loaded messages from "Older messages" and never more than 120 at once', async () => {
    const element = mount(threadMessages(500));
    const events = recordMessagesEvents(element);
    for (let i = 0; i < 4; i++) {
      get<HTMLButtonElement>(element, '.softphone-thread-older').click();
      await flush();
    }
    const rendered = bubbles(element);
    expect(rendered).toHaveLength(120);
    expect(rendered[0]?.dataset.id).toBe('m300');
    expect(rendered[119]?.dataset.id).toBe('m419');
    expect(events).toEqual([]);
  });

  it('asks for an older page once the oldest loaded message is rendered and RingCentral has more', async () => {
    const element = mount(threadMessages(30), { moreOlder: true });
    const events = recordMessagesEvents(element);
    get<HTMLButtonElement>(element, '.softphone-thread-older').click();
    await flush();
    expect(events).toEqual([{ type: 'loadolder', detail: {} }]);
    // Scrolling to the top does the same.
    get(element, '.softphone-thread-messages').dispatchEvent(new Event('scroll'));
    expect(events).toHaveLength(2);
  });

  it('keeps the same messages rendered when an older page arrives and follows new ones at the bottom', async () => {
    const all = threadMessages(200);
    const element = mount(all.slice(100));
    expect(bubbles(element)[0]?.dataset.id).toBe('m160');
    Object.assign(element, { messages: all });
    await flush();
    expect(bubbles(element)[0]?.dataset.id).toBe('m160');
    const newer = [...all, ...threadMessages(201).slice(200)];
    Object.assign(element, { messages: newer });
    await flush();
    expect(bubbles(element).at(-1)?.dataset.id).toBe('m200');
  });

  it('starts again at the newest messages for another conversation', async () => {
    const element = mount(threadMessages(300));
    get<HTMLButtonElement>(element, '.softphone-thread-older').click();
    await flush();
    expect(bubbles(element)).toHaveLength(80);
    Object.assign(element, { conversationId: 'conv-2', messages: threadMessages(300, (i) => `Other ${i}`) });
    await flush();
    expect(bubbles(element)).toHaveLength(40);
  });

  it('renders a hostile body as text', () => {
    const element = mount(threadMessages(1, () => HOSTILE_TEXT));
    const bubble = get(element, '.softphone-bubble-text');
    expect(bubble.textContent).toContain(HOSTILE_TEXT);
    expect(element.querySelector('img, script, b')).toBeNull();
  });

  it('shows the delivery status of outbound messages and why one failed', () => {
    const base = threadMessages(2)[1] as ThreadMessage;
    const element = mount([
      { ...base, id: 'q', status: 'Queued' },
      { ...base, id: 's', status: 'Sent' },
      { ...base, id: 'd', status: 'Delivered' },
      { ...base, id: 'f', status: 'DeliveryFailed', errorCode: 'SMS-RC-413' },
    ]);
    const meta = (id: string) => get(element, `li[data-id="${id}"]`).textContent ?? '';
    expect(meta('q')).toContain('Queued');
    expect(meta('s')).toContain('Sent');
    expect(meta('d')).toContain('Delivered');
    expect(get(element, 'li[data-id="f"] [role="alert"]').textContent).toContain('Not delivered (SMS-RC-413)');
  });

  it('says when the thread could not be read', () => {
    const element = mount([], { loadError: 'Messages could not be read: RingCentral is unavailable' });
    expect(get(element, '[role="alert"]').textContent).toContain('RingCentral is unavailable');
  });
});
