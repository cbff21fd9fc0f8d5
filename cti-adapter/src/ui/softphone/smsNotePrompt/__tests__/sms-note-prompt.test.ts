import { createElement } from 'lwc';
import SmsNotePrompt from '../smsNotePrompt';
import { flush, get, typeInto } from '../../__tests__/support/softphone-fixtures';
import { recordMessagesEvents } from '../../__tests__/support/messages-fixtures';

function mount(props: Record<string, unknown> = {}): HTMLElement {
  const element = createElement('softphone-sms-note-prompt', { is: SmsNotePrompt });
  Object.assign(element, { conversationId: 'c1', error: null, maxLength: 1000, ...props });
  document.body.appendChild(element);
  return element;
}

describe('softphone-sms-note-prompt', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('saves the note as typed; Save stays disabled while the note is empty', async () => {
    const element = mount();
    const events = recordMessagesEvents(element);
    const save = get<HTMLButtonElement>(element, '.softphone-sms-note-save');
    expect(save.disabled).toBe(true);
    typeInto(get<HTMLTextAreaElement>(element, '.softphone-sms-note'), '   ');
    await flush();
    expect(save.disabled).toBe(true);
    typeInto(get<HTMLTextAreaElement>(element, '.softphone-sms-note'), '<b>Call back</b> Monday');
    await flush();
    expect(save.disabled).toBe(false);
    save.click();
    expect(events).toEqual([{ type: 'savenote', detail: { text: '<b>Call back</b> Monday' } }]);
    // Markup typed is never rendered as markup.
    expect(element.querySelector('b')).toBeNull();
  });

  it('Skip and Escape close it without a note; it never takes the focus', async () => {
    const element = mount();
    const events = recordMessagesEvents(element);
    expect(document.activeElement).not.toBe(get(element, '.softphone-sms-note'));
    get<HTMLButtonElement>(element, '.softphone-sms-note-skip').click();
    get(element, '.softphone-sms-note').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flush();
    expect(events.map((e) => e.type)).toEqual(['skipnote', 'skipnote']);
  });

  it('a note over the limit shows its count and why, keeps the text and cannot be saved', async () => {
    const element = mount({ maxLength: 10 });
    const events = recordMessagesEvents(element);
    const box = get<HTMLTextAreaElement>(element, '.softphone-sms-note');
    typeInto(box, 'x'.repeat(11));
    await flush();
    expect(get(element, '.softphone-sms-note-count').textContent).toBe('11 / 10');
    expect(get(element, '.softphone-sms-note-error').textContent).toBe(
      'A note holds at most 10 characters (this one has 11). Shorten it to save it.',
    );
    expect(get<HTMLButtonElement>(element, '.softphone-sms-note-save').disabled).toBe(true);
    expect(box.value).toBe('x'.repeat(11));
    get<HTMLButtonElement>(element, '.softphone-sms-note-save').click();
    expect(events).toEqual([]);
  });

  it('shows the feature’s error; the text is cleared when the thread changes', async () => {
    const element = mount({
      error: 'Your note could not be kept in this browser (full). It is still in the box: try again.',
    });
    expect(get(element, '.softphone-sms-note-error').textContent).toContain('could not be kept');
    typeInto(get<HTMLTextAreaElement>(element, '.softphone-sms-note'), 'for c1');
    await flush();
    Object.assign(element, { conversationId: 'c2', error: null });
    await flush();
    expect(get<HTMLTextAreaElement>(element, '.softphone-sms-note').value).toBe('');
    expect(element.querySelector('.softphone-sms-note-error')).toBeNull();
  });
});
