import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import userId from '@salesforce/user/Id';
import addCallNote from '@salesforce/apex/SoftphoneCallCardController.addCallNote';
import SUBJECT from '@salesforce/schema/Task.Subject';
import DESCRIPTION from '@salesforce/schema/Task.Description';
import OWNER_ID from '@salesforce/schema/Task.OwnerId';
import CALL_TYPE from '@salesforce/schema/Task.CallType';
import CALL_DURATION from '@salesforce/schema/Task.CallDurationInSeconds';
import CALL_DISPOSITION from '@salesforce/schema/Task.CallDisposition';
import TASK_SUBTYPE from '@salesforce/schema/Task.TaskSubtype';
import WHO_NAME from '@salesforce/schema/Task.Who.Name';
import WHAT_NAME from '@salesforce/schema/Task.What.Name';
import CALL_UNIQUE_ID from '@salesforce/schema/Task.CALL_UNIQUE_ID__c';
import FROM_NUMBER from '@salesforce/schema/Task.from_number__c';
import TO_NUMBER from '@salesforce/schema/Task.to_number__c';
import CALLER_NAME from '@salesforce/schema/Task.caller_name__c';
import CALLEE_NAME from '@salesforce/schema/Task.callee_name__c';
import START_TIME from '@salesforce/schema/Task.call_start_time__c';
import END_TIME from '@salesforce/schema/Task.call_end_time__c';
import RECORDING from '@salesforce/schema/Task.Recording_Information__c';
import LOGGING_TYPE from '@salesforce/schema/Task.RC_Logging_Type__c';
import { formatLabel } from 'c/labelFormat';
// Custom Labels (ADR 0032): the text in the user's language.
import Add_a_note from '@salesforce/label/c.Add_a_note';
import Add_note from '@salesforce/label/c.Add_note';
import Added_after_the_notes_already_saved from '@salesforce/label/c.Added_after_the_notes_already_saved';
import Adding from '@salesforce/label/c.Adding';
import Call_not_loaded from '@salesforce/label/c.Call_not_loaded';
import Call_noun from '@salesforce/label/c.Call_noun';
import Call_of_type from '@salesforce/label/c.Call_of_type';
import Conversation from '@salesforce/label/c.Conversation';
import Disposition from '@salesforce/label/c.Disposition';
import Ended from '@salesforce/label/c.Ended';
import From from '@salesforce/label/c.From';
import Inbound_call from '@salesforce/label/c.Inbound_call';
import Internal_call from '@salesforce/label/c.Internal_call';
import Loading_the_call from '@salesforce/label/c.Loading_the_call';
import Name from '@salesforce/label/c.Name';
import No_notes_yet from '@salesforce/label/c.No_notes_yet';
import Not_recorded from '@salesforce/label/c.Not_recorded';
import Note_added from '@salesforce/label/c.Note_added';
import Note_in_call_log from '@salesforce/label/c.Note_in_call_log';
import Notes from '@salesforce/label/c.Notes';
import Outbound_call from '@salesforce/label/c.Outbound_call';
import Play_recording from '@salesforce/label/c.Play_recording';
import Recording from '@salesforce/label/c.Recording';
import Related_To from '@salesforce/label/c.Related_To';
import Started from '@salesforce/label/c.Started';
import Talk_time from '@salesforce/label/c.Talk_time';
import Text_messages from '@salesforce/label/c.Text_messages';
import This_task_is_not_a_logged_call from '@salesforce/label/c.This_task_is_not_a_logged_call';
import To from '@salesforce/label/c.To';

const LABELS = {
  Add_a_note,
  Add_note,
  Added_after_the_notes_already_saved,
  Adding,
  Call_not_loaded,
  Call_noun,
  Call_of_type,
  Conversation,
  Disposition,
  Ended,
  From,
  Inbound_call,
  Internal_call,
  Loading_the_call,
  Name,
  No_notes_yet,
  Not_recorded,
  Note_added,
  Note_in_call_log,
  Notes,
  Outbound_call,
  Play_recording,
  Recording,
  Related_To,
  Started,
  Talk_time,
  Text_messages,
  This_task_is_not_a_logged_call,
  To,
};
// /Custom Labels

/** Fields every user who can open a Task can read. */
const FIELDS = [SUBJECT, DESCRIPTION, OWNER_ID, CALL_TYPE, CALL_DURATION, CALL_DISPOSITION, TASK_SUBTYPE];
/** The package's call-log fields and the names of Who/What: shown when the user may read them. */
const OPTIONAL_FIELDS = [
  WHO_NAME,
  WHAT_NAME,
  CALL_UNIQUE_ID,
  FROM_NUMBER,
  TO_NUMBER,
  CALLER_NAME,
  CALLEE_NAME,
  START_TIME,
  END_TIME,
  RECORDING,
  LOGGING_TYPE,
];

/**
 * The call card of a Task record page: a call the softphone logged — direction, the parties' names and numbers, start
 * and end, talk time, disposition, the recording ("Play recording" or "Not recorded"), the conversation of an SMS log
 * — and, for the Task's owner, "Add a note". A note is appended on the server to the comments as stored at that
 * moment (SoftphoneCallCardController.addCallNote), so a change the softphone or a background update wrote in
 * between is kept and the owner never sees "This record was modified by … during your edit session"; the record is
 * then refreshed for every component of the page (notifyRecordUpdateAvailable).
 */
export default class SoftphoneCallCard extends LightningElement {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  @api recordId;
  note = '';
  adding = false;
  noteError;

  @wire(getRecord, { recordId: '$recordId', fields: FIELDS, optionalFields: OPTIONAL_FIELDS })
  task;

  get loaded() {
    return Boolean(this.task && this.task.data);
  }

  get loadError() {
    const error = this.task && this.task.error;
    if (!error) {
      return null;
    }
    return (error.body && error.body.message) || LABELS.Call_not_loaded;
  }

  value(field) {
    return this.loaded ? getFieldValue(this.task.data, field) : null;
  }

  get isCallLog() {
    return Boolean(this.value(CALL_UNIQUE_ID)) || this.value(TASK_SUBTYPE) === 'Call' || this.isSms;
  }

  get isSms() {
    return `${this.value(LOGGING_TYPE) || ''}`.toLowerCase() === 'sms';
  }

  get isCall() {
    return !this.isSms;
  }

  get title() {
    const type = this.value(CALL_TYPE);
    if (this.isSms) {
      return LABELS.Text_messages;
    }
    if (!type) {
      return LABELS.Call_noun;
    }
    const known = { Inbound: LABELS.Inbound_call, Outbound: LABELS.Outbound_call, Internal: LABELS.Internal_call };
    return known[type] || formatLabel(LABELS.Call_of_type, type);
  }

  get iconName() {
    return this.isSms ? 'standard:sms' : 'standard:call';
  }

  get fromParty() {
    return party(this.value(CALLER_NAME), this.value(FROM_NUMBER));
  }

  get toParty() {
    return party(this.value(CALLEE_NAME), this.value(TO_NUMBER));
  }

  get whoName() {
    return this.value(WHO_NAME);
  }

  get whatName() {
    return this.value(WHAT_NAME);
  }

  get startTime() {
    return this.value(START_TIME);
  }

  get endTime() {
    return this.value(END_TIME);
  }

  get talkTime() {
    const seconds = this.value(CALL_DURATION);
    if (seconds === null || seconds === undefined) {
      return '—';
    }
    const whole = Math.max(0, Math.round(Number(seconds)));
    const minutes = Math.floor(whole / 60);
    const rest = `${whole % 60}`.padStart(2, '0');
    return minutes >= 60
      ? `${Math.floor(minutes / 60)}:${`${minutes % 60}`.padStart(2, '0')}:${rest}`
      : `${minutes}:${rest}`;
  }

  get disposition() {
    return this.value(CALL_DISPOSITION) || '—';
  }

  get recordingUrl() {
    const url = this.value(RECORDING);
    return typeof url === 'string' && /^https:\/\//i.test(url) ? url : null;
  }

  get comments() {
    return this.value(DESCRIPTION) || '';
  }

  get hasComments() {
    return this.comments.trim().length > 0;
  }

  /** The lines of an SMS log's conversation (stored in the comments, one message per line). */
  get conversation() {
    return this.comments
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .map((text, index) => ({ key: `${index}`, text }));
  }

  get isOwner() {
    return this.loaded && this.value(OWNER_ID) === userId;
  }

  get addDisabled() {
    return this.adding || this.note.trim().length === 0;
  }

  get addLabel() {
    return this.adding ? LABELS.Adding : LABELS.Add_note;
  }

  handleNote(event) {
    this.note = event.detail.value || '';
    this.noteError = undefined;
  }

  async handleAdd() {
    if (this.addDisabled) {
      return;
    }
    this.adding = true;
    this.noteError = undefined;
    try {
      const result = await addCallNote({ taskId: this.recordId, note: this.note });
      if (result.ok) {
        this.note = '';
        await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
        this.dispatchEvent(
          new ShowToastEvent({ title: LABELS.Note_added, message: LABELS.Note_in_call_log, variant: 'success' }),
        );
      } else {
        this.noteError = result.error ? result.error.message : 'The note was not added.';
      }
    } catch (error) {
      this.noteError = (error && error.body && error.body.message) || 'The note was not added.';
    } finally {
      this.adding = false;
    }
  }
}

function party(name, number) {
  if (name && number) {
    return `${name} · ${number}`;
  }
  return name || number || 'Unknown';
}
