import SoftphoneAdminSection from 'c/softphoneAdminSection';
// Custom Labels (ADR 0032): the text in the user's language.
import Agents_can_create_this_record_from_the_l from '@salesforce/label/c.Agents_can_create_this_record_from_the_l';
import Ask_for_a_note_after_sending_a_text_adde from '@salesforce/label/c.Ask_for_a_note_after_sending_a_text_adde';
import Company_of_new_Leads from '@salesforce/label/c.Company_of_new_Leads';
import Contact from '@salesforce/label/c.Contact';
import Delay_auto_call_logging_for_seconds_0_to from '@salesforce/label/c.Delay_auto_call_logging_for_seconds_0_to';
import Lead from '@salesforce/label/c.Lead';
import Log_calls_automatically_no_Save_needed from '@salesforce/label/c.Log_calls_automatically_no_Save_needed';
import Log_text_messages_automatically_one_Task from '@salesforce/label/c.Log_text_messages_automatically_one_Task';
import Log_when_answered from '@salesforce/label/c.Log_when_answered';
import Log_when_rings from '@salesforce/label/c.Log_when_rings';
import Record_created_for_an_unknown_caller from '@salesforce/label/c.Record_created_for_an_unknown_caller';
import Send_new_incoming_calls_to_voicemail_whi from '@salesforce/label/c.Send_new_incoming_calls_to_voicemail_whi';
import The_countdown_after_a_call_before_its_lo from '@salesforce/label/c.The_countdown_after_a_call_before_its_lo';
import With_automatic_logging_create_the_Task from '@salesforce/label/c.With_automatic_logging_create_the_Task';

const LABELS = {
  Agents_can_create_this_record_from_the_l,
  Ask_for_a_note_after_sending_a_text_adde,
  Company_of_new_Leads,
  Contact,
  Delay_auto_call_logging_for_seconds_0_to,
  Lead,
  Log_calls_automatically_no_Save_needed,
  Log_text_messages_automatically_one_Task,
  Log_when_answered,
  Log_when_rings,
  Record_created_for_an_unknown_caller,
  Send_new_incoming_calls_to_voicemail_whi,
  The_countdown_after_a_call_before_its_lo,
  With_automatic_logging_create_the_Task,
};
// /Custom Labels

/**
 * Logging: automatic logging of calls and of text messages (agent settings the admin can lock), "Delay auto call logging for" (RingCentral for
 * Salesforce's fix for "This record was modified by … during your edit session"), when an automatic log creates the
 * Task (ringing or answer), voicemail when busy, and the record created for an unknown caller.
 */
export default class SoftphoneAdminLogging extends SoftphoneAdminSection {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  get createOptions() {
    return [
      { label: LABELS.Log_when_rings, value: 'ringing' },
      { label: LABELS.Log_when_answered, value: 'answer' },
    ];
  }

  get createValue() {
    return this.rows.saveOnRinging && this.rows.saveOnRinging.value ? 'ringing' : 'answer';
  }

  get placeholderOptions() {
    return [
      { label: LABELS.Contact, value: 'Contact' },
      { label: LABELS.Lead, value: 'Lead' },
    ];
  }

  get isLeadPlaceholder() {
    return this.rows.placeholderObject && this.rows.placeholderObject.value === 'Lead';
  }

  handleCreate(event) {
    this.change('saveOnRinging', event.detail.value === 'ringing');
  }

  handleDelay(event) {
    const text = `${event.detail.value ?? ''}`.trim();
    const seconds = Number(text);
    this.change('autoLogDelaySeconds', text === '' || !Number.isFinite(seconds) ? null : Math.trunc(seconds));
  }
}
