import { createElement } from 'lwc';
import SmsCompose from '../smsCompose';
import { get, typeInto } from '../../__tests__/support/softphone-fixtures';
import { recordMessagesEvents } from '../../__tests__/support/messages-fixtures';
import { composeSms } from '../../../../core/messaging/sms-text';

const SENDERS = [
  { phoneNumber: '+16505550100', usageType: 'DirectNumber', primary: true },
  { phoneNumber: '+16505550101', usageType: 'MainCompanyNumber', primary: false },
];

function mount(draft: string, props: Record<string, unknown> = {}): HTMLElement {
  const element = createElement('softphone-sms-compose', { is: SmsCompose });
  Object.assign(element, {
    draft,
    composition: composeSms(draft),
    senders: SENDERS,
    sender: '+16505550100',
    blockedReason: draft.trim() ? null : 'Type a message.',
    ...props,
  });
  document.body.appendChild(element);
  return element;
}

describe('softphone-sms-compose', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('counts characters and segments, and names what makes a text Unicode', () => {
    expect(get(mount('a'.repeat(161)), '.softphone-sms-counter').textContent).toBe('161/1000 · 2 segments · GSM-7');
    document.body.replaceChildren();
    const element = mount('Thanks 😀');
    expect(get(element, '.softphone-sms-counter').textContent).toBe('9/1000 · 1 segment · Unicode');
    expect(get(element, '.softphone-sms-unicode').textContent).toContain('😀');
  });

  it('raises draftchange as the agent types and sendsms on Send or Ctrl+Enter', () => {
    const element = mount('Hello');
    const events = recordMessagesEvents(element);
    typeInto(get<HTMLTextAreaElement>(element, 'textarea'), 'Hello there');
    get<HTMLButtonElement>(element, '.softphone-sms-send').click();
    get(element, 'textarea').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
    expect(events).toEqual([
      { type: 'draftchange', detail: { text: 'Hello there' } },
      { type: 'sendsms', detail: {} },
      { type: 'sendsms', detail: {} },
    ]);
  });

  it('disables Send with the reason (too long, consent) and keeps the text', () => {
    const long = 'x'.repeat(1001);
    const element = mount(long, {
      blockedReason: 'A text message holds at most 1000 characters (this one has 1001).',
    });
    const events = recordMessagesEvents(element);
    expect(get<HTMLButtonElement>(element, '.softphone-sms-send').disabled).toBe(true);
    expect(get(element, '.softphone-sms-counter').className).toContain('slds-text-color_error');
    expect(get(element, '.softphone-sms-blocked').textContent).toContain('at most 1000 characters');
    expect(get<HTMLTextAreaElement>(element, 'textarea').value).toBe(long);
    get(element, 'textarea').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
    expect(events).toEqual([]);
  });

  it('does not repeat "Type a message." under an empty box', () => {
    const element = mount('');
    expect(get<HTMLButtonElement>(element, '.softphone-sms-send').disabled).toBe(true);
    expect(element.querySelector('.softphone-sms-blocked')).toBeNull();
  });

  it('shows why a send failed under the box with the draft kept', () => {
    const element = mount('Hello', {
      sendError: 'RingCentral is limiting messages right now: you can send again in 30 s.',
    });
    expect(get(element, '.softphone-sms-error').textContent).toContain('send again in 30 s');
    expect(get<HTMLTextAreaElement>(element, 'textarea').value).toBe('Hello');
  });

  it('lets the agent choose the number to send from among several', () => {
    const element = mount('Hello');
    const events = recordMessagesEvents(element);
    const select = get<HTMLSelectElement>(element, '.softphone-sms-sender');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      '+16505550100 (Direct number)',
      '+16505550101 (Company number)',
    ]);
    select.value = '+16505550101';
    select.dispatchEvent(new Event('change'));
    expect(events).toEqual([{ type: 'senderchange', detail: { phoneNumber: '+16505550101' } }]);
  });

  it('inserts text at the cursor (templates) and raises the whole new draft', () => {
    const element = mount('Hello  see you');
    const events = recordMessagesEvents(element);
    const box = get<HTMLTextAreaElement>(element, 'textarea');
    box.setSelectionRange(6, 6);
    (element as unknown as { insertText(text: string): void }).insertText('Ann,');
    expect(events).toEqual([{ type: 'draftchange', detail: { text: 'Hello Ann, see you' } }]);
    expect(box.selectionStart).toBe(10);
  });

  it('offers Templates when asked and raises opentemplates', () => {
    expect(mount('Hi').querySelector('.softphone-sms-templates-open')).toBeNull();
    document.body.replaceChildren();
    const element = mount('Hi', { offerTemplates: true });
    const events = recordMessagesEvents(element);
    get<HTMLButtonElement>(element, '.softphone-sms-templates-open').click();
    expect(events).toEqual([{ type: 'opentemplates', detail: {} }]);
  });

  it('warns about unfilled placeholders while they are still in the text', async () => {
    const element = mount('Hi {FirstName}, {Company} renewal', { missingPlaceholders: ['FirstName', 'Company'] });
    expect(get(element, '.softphone-sms-placeholders').textContent?.trim()).toBe(
      '{FirstName}, {Company} have no value for this conversation: replace them before sending.',
    );
    Object.assign(element, { draft: 'Hi Ann, {Company} renewal' });
    await Promise.resolve();
    expect(get(element, '.softphone-sms-placeholders').textContent?.trim()).toBe(
      '{Company} has no value for this conversation: replace it before sending.',
    );
    Object.assign(element, { draft: 'Hi Ann, Acme renewal' });
    await Promise.resolve();
    expect(element.querySelector('.softphone-sms-placeholders')).toBeNull();
  });
});
