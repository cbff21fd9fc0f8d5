import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { publish, MessageContext } from 'lightning/messageService';
import SMS_OPEN_THREAD from '@salesforce/messageChannel/SMS_Open_Thread__c';
import CONTACT_SMS_NUMBER from '@salesforce/schema/Contact.SMS_Number__c';
import CONTACT_SEND_SMS from '@salesforce/schema/Contact.SendSMS__c';
import { formatLabel } from 'c/labelFormat';
// Custom Labels (ADR 0032): the text in the user's language.
import Blocked from '@salesforce/label/c.Blocked';
import Conversation_opens_in_softphone from '@salesforce/label/c.Conversation_opens_in_softphone';
import Mobile from '@salesforce/label/c.Mobile';
import No_phone_to_text from '@salesforce/label/c.No_phone_to_text';
import Number_phone from '@salesforce/label/c.Number_phone';
import Number_to_text from '@salesforce/label/c.Number_to_text';
import Record_not_read from '@salesforce/label/c.Record_not_read';
import SMS_blocked_no_access from '@salesforce/label/c.SMS_blocked_no_access';
import SMS_blocked_no_consent from '@salesforce/label/c.SMS_blocked_no_consent';
import SMS_number from '@salesforce/label/c.SMS_number';
import Send_SMS from '@salesforce/label/c.Send_SMS';
import This_contact from '@salesforce/label/c.This_contact';
import This_record from '@salesforce/label/c.This_record';
import To_number from '@salesforce/label/c.To_number';

const LABELS = {
  Blocked,
  Conversation_opens_in_softphone,
  Mobile,
  No_phone_to_text,
  Number_phone,
  Number_to_text,
  Record_not_read,
  SMS_blocked_no_access,
  SMS_blocked_no_consent,
  SMS_number,
  Send_SMS,
  This_contact,
  This_record,
  To_number,
};
// /Custom Labels

/** Standard fields read on each object (optional: a field the user cannot read is left out, as LDS does). */
const STANDARD_FIELDS = {
  Contact: ['Name', 'MobilePhone', 'Phone'],
  Lead: ['Name', 'MobilePhone', 'Phone'],
  Account: ['Name', 'PersonMobilePhone', 'Phone'],
};

/** Labels of the numbers a record offers, in the order they are preferred. */
const NUMBER_LABELS = {
  SMS: LABELS.SMS_number,
  MobilePhone: LABELS.Mobile,
  PersonMobilePhone: LABELS.Mobile,
  Phone: LABELS.Number_phone,
};

/** `SMS_Number__c` as the org names it (the schema import carries the package's namespace). */
const SMS_NUMBER_FIELD = CONTACT_SMS_NUMBER.fieldApiName;
const SEND_SMS_FIELD = CONTACT_SEND_SMS.fieldApiName;

/**
 * "Send SMS" on a record page (Contact, Lead, Account): publishes `{number, recordId, recordName, objectType, source}`
 * on the Lightning Message Channel `SMS_Open_Thread__c`; the RingCentral softphone subscribes to it through Open CTI
 * (`sforce.opencti.subscribe`, Open CTI Developer Guide, "Lightning Message Service Methods for Lightning Experience")
 * and opens the conversation with that number in its Messages tab.
 *
 * Which number (the package's SMS consent, the same rule the softphone applies again when it matches the number):
 * a Contact with an SMS Number (`SMS_Number__c`) is texted there only; otherwise the mobile number, else the phone —
 * the agent picks when the record has both. A Contact whose Send SMS (`SendSMS__c`) is unchecked is never texted: the
 * button is disabled and the component says why. A Contact whose Send SMS the user cannot read is blocked too
 * (consent unknown). The message carries no consent: the softphone decides again from the record it matches.
 */
export default class SoftphoneSendSms extends LightningElement {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  @api recordId;
  @api objectApiName;

  chosenNumber;
  sentTo;

  @wire(MessageContext)
  messageContext;

  @wire(getRecord, { recordId: '$recordId', optionalFields: '$optionalFields' })
  record;

  get optionalFields() {
    const object = this.objectApiName;
    if (!object) {
      return undefined;
    }
    const fields = (STANDARD_FIELDS[object] || ['Name', 'Phone']).map((f) => `${object}.${f}`);
    return object === 'Contact' ? [...fields, CONTACT_SMS_NUMBER, CONTACT_SEND_SMS] : fields;
  }

  get loaded() {
    return Boolean(this.record && this.record.data);
  }

  get loadError() {
    const error = this.record && this.record.error;
    if (!error) {
      return null;
    }
    const body = Array.isArray(error.body) ? error.body[0] : error.body;
    return (body && body.message) || LABELS.Record_not_read;
  }

  field(name) {
    if (!this.loaded || !(name in this.record.data.fields)) {
      return undefined;
    }
    return getFieldValue(this.record.data, `${this.objectApiName}.${name}`);
  }

  get recordName() {
    const name = this.field('Name');
    return typeof name === 'string' && name.trim() ? name.trim() : '';
  }

  get isContact() {
    return this.objectApiName === 'Contact';
  }

  /** The numbers the agent may text, best first: `[{value, label}]`. */
  get numbers() {
    if (!this.loaded) {
      return [];
    }
    const smsNumber = this.isContact ? text(this.field(SMS_NUMBER_FIELD)) : '';
    if (smsNumber) {
      return [{ value: smsNumber, label: `${NUMBER_LABELS.SMS} · ${smsNumber}` }];
    }
    const seen = new Set();
    const out = [];
    for (const name of STANDARD_FIELDS[this.objectApiName] || ['Phone']) {
      const value = NUMBER_LABELS[name] ? text(this.field(name)) : '';
      if (value && !seen.has(value)) {
        seen.add(value);
        out.push({ value, label: `${NUMBER_LABELS[name]} · ${value}` });
      }
    }
    return out;
  }

  /** Why SMS cannot be sent from this record, or null. */
  get blockedReason() {
    if (!this.loaded) {
      return null;
    }
    const who = this.recordName || LABELS.This_contact;
    if (this.isContact) {
      const consent = this.field(SEND_SMS_FIELD);
      if (consent === undefined) {
        return formatLabel(LABELS.SMS_blocked_no_access, who);
      }
      if (consent !== true) {
        return formatLabel(LABELS.SMS_blocked_no_consent, who);
      }
    }
    if (this.numbers.length === 0) {
      return formatLabel(LABELS.No_phone_to_text, this.recordName || LABELS.This_record);
    }
    return null;
  }

  get selectedNumber() {
    const numbers = this.numbers;
    const chosen = numbers.find((n) => n.value === this.chosenNumber);
    return (chosen || numbers[0] || { value: '' }).value;
  }

  get hasChoice() {
    return !this.blockedReason && this.numbers.length > 1;
  }

  get toText() {
    return formatLabel(LABELS.To_number, this.singleNumberLabel);
  }

  get sentText() {
    return formatLabel(LABELS.Conversation_opens_in_softphone, this.sentTo);
  }

  get singleNumberLabel() {
    return !this.blockedReason && this.numbers.length === 1 ? this.numbers[0].label : null;
  }

  get sendDisabled() {
    return !this.loaded || Boolean(this.blockedReason);
  }

  handleNumber(event) {
    this.chosenNumber = event.detail.value;
    this.sentTo = undefined;
  }

  handleSend() {
    if (this.sendDisabled) {
      return;
    }
    const number = this.selectedNumber;
    publish(this.messageContext, SMS_OPEN_THREAD, {
      number,
      recordId: this.recordId,
      recordName: this.recordName,
      objectType: this.objectApiName,
      source: 'sendSmsButton',
    });
    this.sentTo = number;
  }
}

function text(value) {
  return typeof value === 'string' ? value.trim() : '';
}
