import { RemoteApiError } from './remote-api-error';

/**
 * The package's SMS log rules (`SmsLogValidator`, `SmsTranscript`, `SmsDayTask` in Apex) as the org stand-in applies
 * them, in wire names (docs/contracts/softphone-remote-api.md `upsertSmsLogs`, pinned by `SoftphoneVectorsSmsLog.json`):
 * one Task per conversation per agent per day, keyed `sms:<conversationId>:<day>:<user id>`, the transcript appended
 * once per message in the order of its time, a log older than the stored revision not applied.
 */

export interface SmsLogMessage {
  id: string;
  /** `note`: the agent's note saved after sending (an id of the softphone's own), appended like a message. */
  direction: 'inbound' | 'outbound' | 'note';
  at: string;
  text: string;
}

export interface SmsLog {
  conversationId: string;
  day: string;
  revision: number | null;
  source: 'agent' | 'auto';
  contactNumber: string;
  agentNumber: string | null;
  contactName: string | null;
  whoId: string | null;
  whatId: string | null;
  messages: SmsLogMessage[];
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;
const CONVERSATION_ID = /^[A-Za-z0-9._-]+$/;
const MESSAGE_ID = /^[A-Za-z0-9._-]{1,40}$/;
const MAX_DESCRIPTION = 32000;
/** Longest text of one message (`SmsTranscript.MAX_TEXT`). */
const MAX_TEXT = 1000;
/** The label of each direction in a transcript line (`SmsTranscript.LABELS`). */
const LABELS: Readonly<Record<SmsLogMessage['direction'], string>> = {
  inbound: 'Received',
  outbound: 'Sent',
  note: 'Note',
};

function invalid(field: string, message: string): RemoteApiError {
  return new RemoteApiError('INVALID_INPUT', message, field);
}

/** `System.Label.<name>` for the running user, filled as Apex `LabelFormat.format` fills it (`ApexLabels`). */
export type ApexLabelText = (name: string, ...values: readonly (string | number)[]) => string;

/**
 * Checks one log of a request (`logs[i]`), as `SmsLogValidator.validate`; `say` gives `SmsLogValidator`'s messages in
 * the running user's language.
 */
export function validateSmsLog(
  raw: unknown,
  i: number,
  isId: (v: unknown, prefixes: string[]) => boolean,
  say: ApexLabelText,
): SmsLog {
  const p = `logs[${i}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(p, say('Apex_Required'));
  const log = raw as Record<string, unknown>;
  const text = (k: string, max: number, required: boolean): string | null => {
    const v = log[k];
    if (v === undefined || v === null || v === '') {
      if (required) throw invalid(`${p}.${k}`, say('Apex_Required'));
      return null;
    }
    if (typeof v !== 'string' || v.trim().length > max) throw invalid(`${p}.${k}`, say('Apex_At_most_characters', max));
    return v.trim();
  };
  const conversationId = text('conversationId', 100, true) as string;
  if (!CONVERSATION_ID.test(conversationId)) throw invalid(`${p}.conversationId`, say('Apex_Sms_log_conversation_id'));
  if (typeof log.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(log.day) || Number.isNaN(Date.parse(log.day)))
    throw invalid(`${p}.day`, say('Apex_Expected_date'));
  const revision = log.revision;
  if (revision !== undefined && revision !== null && (typeof revision !== 'number' || revision < 0 || revision >= 1e18))
    throw invalid(`${p}.revision`, say('Apex_Sms_log_revision'));
  if (log.source !== 'agent' && log.source !== 'auto')
    throw invalid(`${p}.source`, say('Apex_Expected_one_of', 'agent, auto'));
  // SoftphoneInput.optionalId / optionalIdExcept: not an id at all, else an id of a kind not accepted here.
  const whoId = text('whoId', 18, false);
  if (whoId !== null && !isId(whoId, [])) throw invalid(`${p}.whoId`, say('Apex_Not_a_record_id'));
  if (whoId !== null && !isId(whoId, ['003', '00Q'])) throw invalid(`${p}.whoId`, say('Apex_Record_kind_not_accepted'));
  const whatId = text('whatId', 18, false);
  if (whatId !== null && !isId(whatId, [])) throw invalid(`${p}.whatId`, say('Apex_Not_a_record_id'));
  if (whatId !== null && /^(003|00Q|005)/.test(whatId))
    throw invalid(`${p}.whatId`, say('Apex_Record_kind_not_accepted'));
  const messages = log.messages;
  // SoftphoneInput.listSize(messages, MAX_MESSAGES).
  if (!Array.isArray(messages) || messages.length === 0) throw invalid(`${p}.messages`, say('Apex_At_least_one_item'));
  if (messages.length > 500)
    throw new RemoteApiError('LIMIT_EXCEEDED', say('Apex_At_most_items', 500), `${p}.messages`);
  return {
    conversationId,
    day: log.day,
    revision: typeof revision === 'number' ? revision : null,
    source: log.source,
    contactNumber: text('contactNumber', 40, true) as string,
    agentNumber: text('agentNumber', 40, false),
    contactName: text('contactName', 255, false),
    whoId,
    whatId,
    messages: messages.map((m: unknown, j) => validateMessage(m, `${p}.messages[${j}]`, say)),
  };
}

function validateMessage(raw: unknown, p: string, say: ApexLabelText): SmsLogMessage {
  if (typeof raw !== 'object' || raw === null) throw invalid(p, say('Apex_Required'));
  const m = raw as Record<string, unknown>;
  if (typeof m.id !== 'string' || !MESSAGE_ID.test(m.id)) throw invalid(`${p}.id`, say('Apex_Sms_log_message_id'));
  if (typeof m.direction !== 'string' || !Object.hasOwn(LABELS, m.direction))
    throw invalid(`${p}.direction`, say('Apex_Expected_one_of', Object.keys(LABELS).sort().join(', ')));
  if (typeof m.at !== 'string' || m.at === '') throw invalid(`${p}.at`, say('Apex_Required'));
  if (!ISO_TIME.test(m.at)) throw invalid(`${p}.at`, say('Apex_Expected_iso_time'));
  if (typeof m.text !== 'string' || m.text.length > MAX_TEXT)
    throw invalid(`${p}.text`, say('Apex_Sms_log_text_too_long', MAX_TEXT));
  return { id: m.id, direction: m.direction as SmsLogMessage['direction'], at: m.at, text: m.text };
}

/** The agent's key of a conversation's day. */
export function smsLogKey(log: Pick<SmsLog, 'conversationId' | 'day'>, userId: string): string {
  return `sms:${log.conversationId}:${log.day}:${userId}`;
}

/** Whether every log of the day in this request is older than the stored revision. */
export function isSupersededSmsLog(log: SmsLog, stored: Record<string, unknown>): boolean {
  const storedRevision = stored.log_revision__c;
  return log.revision !== null && typeof storedRevision === 'number' && log.revision < storedRevision;
}

/** One transcript line: `HH:mm Received|Sent|Note: text` in the agent's time zone, line breaks indented. */
export function transcriptLine(message: SmsLogMessage, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(message.at));
  const text = message.text.replace(/\r\n/g, '\n').replace(/\n/g, '\n    ');
  return `${time} ${LABELS[message.direction]}: ${text}`;
}

/**
 * The fields to write for a day (wire names): the stored Task's values (`stored`, or `null` for a new Task) with the
 * log's messages appended once, the facts filled or extended, Who/What as the source allows.
 */
export function smsDayTaskFields(
  stored: Record<string, unknown> | null,
  log: SmsLog,
  key: string,
  timeZone: string,
): Record<string, unknown> {
  const storedIds = typeof stored?.sms_message_ids__c === 'string' ? stored.sms_message_ids__c : '';
  const ids = storedIds ? storedIds.split(' ') : [];
  const known = new Set(ids);
  const fresh = [...new Map(log.messages.filter((m) => !known.has(m.id)).map((m) => [m.id, m])).values()].sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) ||
      (/^\d+$/.test(a.id) && /^\d+$/.test(b.id) && a.id.length !== b.id.length
        ? a.id.length - b.id.length
        : a.id < b.id
          ? -1
          : a.id > b.id
            ? 1
            : 0),
  );
  let transcript = typeof stored?.Description === 'string' ? stored.Description : '';
  let dropped = 0;
  for (const message of fresh) {
    const line = transcriptLine(message, timeZone);
    const next = transcript.trim() === '' ? line : `${transcript}\n${line}`;
    if (next.length <= MAX_DESCRIPTION - 80) transcript = next;
    else dropped += 1;
    ids.push(message.id);
  }
  if (dropped > 0)
    transcript += `\n… ${dropped} more message(s) of this day are in RingCentral (a Task holds 32,000 characters).`;
  const times = log.messages.map((m) => Date.parse(m.at));
  const startStored = typeof stored?.call_start_time__c === 'string' ? Date.parse(stored.call_start_time__c) : null;
  const endStored = typeof stored?.call_end_time__c === 'string' ? Date.parse(stored.call_end_time__c) : null;
  const blank = (k: string): boolean =>
    stored === null || stored[k] === null || stored[k] === undefined || stored[k] === '';
  const fields: Record<string, unknown> = {
    CALL_UNIQUE_ID__c: key,
    RC_Logging_Type__c: 'sms',
    ActivityDate: log.day,
    Description: transcript,
    sms_message_ids__c: ids.join(' '),
    call_start_time__c: new Date(Math.min(...times, startStored ?? Infinity)).toISOString(),
    call_end_time__c: new Date(Math.max(...times, endStored ?? -Infinity)).toISOString(),
  };
  if (stored === null) Object.assign(fields, { TaskSubtype: 'Task', Status: 'Completed', Priority: 'Normal' });
  const fill = (k: string, v: string | null): void => {
    if (v !== null && blank(k)) fields[k] = v;
  };
  fill('Subject', `SMS with ${log.contactName || log.contactNumber}`.slice(0, 255));
  fill('from_number__c', log.contactNumber);
  fill('to_number__c', log.agentNumber);
  fill('caller_name__c', log.contactName);
  if (log.source === 'agent') {
    if (log.whoId !== null) fields.WhoId = log.whoId;
    if (log.whatId !== null) fields.WhatId = log.whatId;
  } else {
    fill('WhoId', log.whoId);
    fill('WhatId', log.whatId);
  }
  if (log.revision !== null) fields.log_revision__c = log.revision;
  return fields;
}
