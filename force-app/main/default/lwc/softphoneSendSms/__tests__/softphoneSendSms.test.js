import { createElement } from 'lwc';
import SoftphoneSendSms from 'c/softphoneSendSms';
import { getRecord } from 'lightning/uiRecordApi';
import { publish } from 'lightning/messageService';

const CONTACT = require('./data/contactAllowed.json');

jest.mock('@salesforce/messageChannel/SMS_Open_Thread__c', () => ({ default: { channel: 'SMS_Open_Thread__c' } }), {
  virtual: true,
});

const flush = () => new Promise((resolve) => process.nextTick(resolve));

function contact(fields) {
  const record = JSON.parse(JSON.stringify(CONTACT));
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) {
      delete record.fields[name];
    } else {
      record.fields[name] = { value, displayValue: null };
    }
  }
  return record;
}

async function mount(record, objectApiName = 'Contact') {
  const element = createElement('c-softphone-send-sms', { is: SoftphoneSendSms });
  element.recordId = record.id;
  element.objectApiName = objectApiName;
  document.body.appendChild(element);
  getRecord.emit(record);
  await flush();
  return element;
}

function button(element) {
  return element.shadowRoot.querySelector('.softphone-send-sms-button');
}

function text(element, selector) {
  const found = element.shadowRoot.querySelector(selector);
  return found ? found.textContent.trim() : null;
}

async function click(element) {
  button(element).click();
  await flush();
}

describe('c-softphone-send-sms', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('reads the contact with its SMS fields as optional fields', async () => {
    await mount(CONTACT);
    const config = getRecord.getLastConfig();
    expect(config.recordId).toBe(CONTACT.id);
    expect(config.optionalFields).toEqual(
      expect.arrayContaining([
        'Contact.Name',
        'Contact.MobilePhone',
        'Contact.Phone',
        expect.objectContaining({ fieldApiName: 'SMS_Number__c' }),
        expect.objectContaining({ fieldApiName: 'SendSMS__c' }),
      ]),
    );
  });

  it('publishes the chosen number with the record context on the SMS Open Thread channel', async () => {
    const element = await mount(CONTACT);
    expect(button(element).disabled).toBe(false);
    const combobox = element.shadowRoot.querySelector('.softphone-send-sms-number');
    expect(combobox.options.map((o) => o.value)).toEqual(['(650) 555-0111', '(650) 555-0101']);
    expect(combobox.value).toBe('(650) 555-0111');
    combobox.dispatchEvent(new CustomEvent('change', { detail: { value: '(650) 555-0101' } }));
    await flush();
    await click(element);
    expect(publish).toHaveBeenCalledTimes(1);
    const [, channel, message] = publish.mock.calls[0];
    expect(channel).toEqual({ channel: 'SMS_Open_Thread__c' });
    expect(message).toEqual({
      number: '(650) 555-0101',
      recordId: CONTACT.id,
      recordName: 'Ann Lee',
      objectType: 'Contact',
      source: 'sendSmsButton',
    });
    expect(text(element, '.softphone-send-sms-sent')).toContain('(650) 555-0101');
  });

  it("texts a contact's SMS Number only, when it is set", async () => {
    const element = await mount(contact({ SMS_Number__c: '+1 650 555 0199' }));
    expect(element.shadowRoot.querySelector('.softphone-send-sms-number')).toBeNull();
    expect(text(element, '.softphone-send-sms-to')).toBe('To SMS number · +1 650 555 0199');
    await click(element);
    expect(publish.mock.calls[0][2].number).toBe('+1 650 555 0199');
  });

  it('blocks a contact whose Send SMS is unchecked and says why', async () => {
    const element = await mount(contact({ SendSMS__c: false, SMS_Number__c: '+16505550199' }));
    expect(button(element).disabled).toBe(true);
    expect(text(element, '.softphone-send-sms-blocked')).toBe(
      'SMS is blocked: Ann Lee has not agreed to receive text messages (Send SMS is unchecked on the contact).',
    );
    await click(element);
    expect(publish).not.toHaveBeenCalled();
  });

  it('blocks a contact whose Send SMS the user cannot read (consent unknown)', async () => {
    const element = await mount(contact({ SendSMS__c: undefined }));
    expect(button(element).disabled).toBe(true);
    expect(text(element, '.softphone-send-sms-blocked')).toContain('you cannot see whether Ann Lee agreed');
  });

  it('says so when the record has no number to text', async () => {
    const element = await mount(contact({ MobilePhone: null, Phone: '  ' }));
    expect(button(element).disabled).toBe(true);
    expect(text(element, '.softphone-send-sms-blocked')).toBe('Ann Lee has no phone number to text.');
  });

  it('texts a lead (no consent fields) on its one number', async () => {
    const lead = {
      apiName: 'Lead',
      id: '00Q5g00000ABCDEAA1',
      fields: {
        Name: { value: 'Bo <b>Reyes</b>', displayValue: null },
        MobilePhone: { value: null, displayValue: null },
        Phone: { value: '+16505550122', displayValue: null },
      },
    };
    const element = await mount(lead, 'Lead');
    expect(getRecord.getLastConfig().optionalFields).toEqual(['Lead.Name', 'Lead.MobilePhone', 'Lead.Phone']);
    expect(text(element, '.softphone-send-sms-to')).toBe('To Phone · +16505550122');
    await click(element);
    expect(publish.mock.calls[0][2]).toEqual({
      number: '+16505550122',
      recordId: lead.id,
      recordName: 'Bo <b>Reyes</b>',
      objectType: 'Lead',
      source: 'sendSmsButton',
    });
    expect(element.shadowRoot.querySelector('b')).toBeNull();
  });

  it('shows the error when the record cannot be read, and cannot send', async () => {
    const element = createElement('c-softphone-send-sms', { is: SoftphoneSendSms });
    element.recordId = CONTACT.id;
    element.objectApiName = 'Contact';
    document.body.appendChild(element);
    getRecord.error({ message: 'You do not have access to this record.' });
    await flush();
    expect(text(element, '.softphone-send-sms-error')).toBe('You do not have access to this record.');
    expect(button(element).disabled).toBe(true);
  });
});
