import { createElement } from 'lwc';
import SoftphoneCallCard from 'c/softphoneCallCard';
import { getRecord, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import addCallNote from '@salesforce/apex/SoftphoneCallCardController.addCallNote';

const CALL_TASK = require('./data/callTask.json');
const SMS_TASK = require('./data/smsTask.json');

jest.mock('@salesforce/user/Id', () => ({ default: '0055g0000000001AAA' }), { virtual: true });
jest.mock('@salesforce/apex/SoftphoneCallCardController.addCallNote', () => ({ default: jest.fn() }), {
  virtual: true,
});

// Lets pending promises (Apex calls, renders) settle.
const flush = () => new Promise((resolve) => process.nextTick(resolve));

async function mount(record) {
  const element = createElement('c-softphone-call-card', { is: SoftphoneCallCard });
  element.recordId = record.id;
  const toasts = [];
  element.addEventListener('lightning__showtoast', (e) => toasts.push(e.detail));
  document.body.appendChild(element);
  getRecord.emit(record);
  await flush();
  return { element, toasts };
}

function text(element, selector) {
  const found = element.shadowRoot.querySelector(selector);
  return found ? found.textContent.trim() : null;
}

describe('c-softphone-call-card', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows the logged call: parties, times, talk time, disposition and the recording', async () => {
    const { element } = await mount(CALL_TASK);
    expect(getRecord.getLastConfig()).toMatchObject({ recordId: CALL_TASK.id });
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Inbound call');
    expect(text(element, '.softphone-from')).toBe('Ann Lee · +16505550101');
    expect(text(element, '.softphone-to')).toBe('Alex Agent · +16505550100');
    expect(text(element, '.softphone-talk-time')).toBe('2:05');
    expect(text(element, '.softphone-disposition')).toBe('Meaningful Connect');
    const link = element.shadowRoot.querySelector('.softphone-recording a');
    expect(link.href).toBe('https://media.ringcentral.example/recording/42');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(text(element, '.softphone-comments')).toBe('Asked about the renewal');
    expect(element.shadowRoot.textContent).toContain('Acme Corp');
  });

  it('says "Not recorded" without a recording, and never links anything but https', async () => {
    const record = JSON.parse(JSON.stringify(CALL_TASK));
    record.fields.Recording_Information__c.value = 'http://media.ringcentral.example/recording/42';
    const { element } = await mount(record);
    expect(text(element, '.softphone-recording')).toBe('Not recorded');
    expect(element.shadowRoot.querySelector('.softphone-recording a')).toBeNull();
  });

  it('lets the owner add a note, then refreshes the record for the page', async () => {
    addCallNote.mockResolvedValue({
      ok: true,
      taskId: CALL_TASK.id,
      description: 'Asked about the renewal\n\nSend the quote',
    });
    const { element, toasts } = await mount(CALL_TASK);
    const button = element.shadowRoot.querySelector('lightning-button.softphone-add-note');
    expect(button.disabled).toBe(true);
    element.shadowRoot
      .querySelector('lightning-textarea.softphone-note')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'Send the quote' } }));
    await flush();
    expect(button.disabled).toBe(false);
    button.click();
    await flush();
    expect(addCallNote).toHaveBeenCalledWith({ taskId: CALL_TASK.id, note: 'Send the quote' });
    expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: CALL_TASK.id }]);
    expect(toasts).toEqual([{ title: 'Note added', message: 'The note is in the call log.', variant: 'success' }]);
    expect(element.shadowRoot.querySelector('lightning-textarea.softphone-note').value).toBe('');
  });

  it('shows why a note was not added and keeps the text', async () => {
    addCallNote.mockResolvedValue({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'note', message: 'Shorten the note by 12 characters.' },
    });
    const { element } = await mount(CALL_TASK);
    element.shadowRoot
      .querySelector('lightning-textarea.softphone-note')
      .dispatchEvent(new CustomEvent('change', { detail: { value: 'Long note' } }));
    await flush();
    element.shadowRoot.querySelector('lightning-button.softphone-add-note').click();
    await flush();
    expect(text(element, '.softphone-note-error')).toBe('Shorten the note by 12 characters.');
    expect(element.shadowRoot.querySelector('lightning-textarea.softphone-note').value).toBe('Long note');
    expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
  });

  it('shows the conversation of an SMS log, and no note box to someone who does not own it', async () => {
    const { element } = await mount(SMS_TASK);
    expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Text messages');
    const lines = [...element.shadowRoot.querySelectorAll('.softphone-conversation li')].map((li) => li.textContent);
    expect(lines).toEqual(['10:15 Ann Lee: Can you call me back?', '10:16 Alex Agent: Sure, in five minutes.']);
    expect(element.shadowRoot.querySelector('.softphone-talk-time')).toBeNull();
    expect(element.shadowRoot.querySelector('lightning-textarea.softphone-note')).toBeNull();
  });

  it('says when the Task is not a logged call, and shows a load error', async () => {
    const plain = JSON.parse(JSON.stringify(SMS_TASK));
    plain.fields.RC_Logging_Type__c.value = null;
    const { element } = await mount(plain);
    expect(text(element, '.softphone-not-a-call')).toBe('This task is not a logged call.');
    document.body.removeChild(element);
    const failing = createElement('c-softphone-call-card', { is: SoftphoneCallCard });
    failing.recordId = CALL_TASK.id;
    document.body.appendChild(failing);
    getRecord.error({ message: 'No access' });
    await flush();
    expect(failing.shadowRoot.querySelector('.softphone-card-error')).not.toBeNull();
  });
});
