import type { CallSnapshot } from '../call/call-snapshot';
import type { EndReason } from '../call/call-state';
import { tryNormalizePhoneNumber } from '../phone-number/normalize-phone-number';
import type { Settings } from '../settings/settings';
import {
  MAX_NOTES_LENGTH,
  MAX_TELEPHONY_SESSION_ID_LENGTH,
  type CallLog,
  type CallLogFollowUp,
  type CallLogSource,
} from './call-log';
import type { CallLogForm, FollowUpForm } from './call-log-form';
import type { CallLogValidationError } from './call-log-validation-error';
import type { CallDraft } from './call-draft';
import type { ConflictReason } from '../matching/log-association';
import { dispositionApplies, type SalesEngagementLink } from '../sales-engagement/sales-engagement';

/**
 * Lengths of the Task fields the texts of a log go to: `Subject` (standard field, Salesforce Object Reference,
 * "Task"), and the package's `objects/Activity/fields` (`caller_name__c`, `callee_name__c`, `from_number__c`,
 * `to_number__c`, `caller_location__c`, `callee_location__c`; a test reads them from the metadata). Values the
 * softphone writes on its own (names from caller ID, numbers, the default subject) are cut to them on the client, so
 * a long caller-ID name never makes a log fail; a subject the agent typed is checked instead.
 * @public
 */
export const TASK_FIELD_LENGTHS = Object.freeze({
  Subject: 255,
  caller_name__c: 255,
  callee_name__c: 255,
  from_number__c: 255,
  to_number__c: 255,
  caller_location__c: 255,
  callee_location__c: 255,
});

/** Longest `Task.Subject`. @public */
export const MAX_SUBJECT_LENGTH = TASK_FIELD_LENGTHS.Subject;

/**
 * A text cut to at most `max` characters (UTF-16 code units, as Salesforce counts): when cut it ends with `…`, and
 * never between the two halves of a surrogate pair. `null` stays `null`.
 * @public
 */
export function truncateText<T extends string | null>(text: T, max: number): T {
  if (text === null || text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…` as T;
}

/** Input of {@link buildCallLog}. @public */
export interface BuildCallLogInput {
  readonly call: CallSnapshot;
  readonly form: CallLogForm;
  readonly settings: Pick<Settings, 'defaultRegion' | 'dispositionsMandatory' | 'dispositions' | 'logFields'> &
    Partial<Pick<Settings, 'hvsMode'>>;
  readonly source: CallLogSource;
  /** A call queue call every member missed: logged once for the queue (`CallLog.queueMissed`, ADR 0025). */
  readonly queueMissed?: boolean;
  /** The call's Sales Engagement work: in Sales Engagement mode the disposition applies only to such calls. */
  readonly salesEngagement?: SalesEngagementLink | null;
}

/** @public */
export type BuildCallLogResult =
  | { readonly ok: true; readonly log: CallLog }
  | { readonly ok: false; readonly errors: readonly CallLogValidationError[] };

/**
 * RingCentral call-log `result` for a call (values of the RingCentral call log API: `Accepted`,
 * `Call connected`, `Missed`, `Voicemail`, `Rejected`, `Busy`, `No Answer`, `Hang Up`, `Call Failed`).
 * Live calls report `In Progress`.
 * @public
 */
export function callResult(call: Pick<CallSnapshot, 'direction' | 'answeredAt' | 'endReason'>): string {
  const reason: EndReason | null = call.endReason;
  if (reason === null) return 'In Progress';
  if (call.answeredAt !== null && reason !== 'voicemail') {
    return call.direction === 'inbound' ? 'Accepted' : 'Call connected';
  }
  switch (reason) {
    case 'missed':
    case 'answered-elsewhere':
    case 'remote-hangup':
    case 'lost':
      return call.direction === 'inbound' ? 'Missed' : 'No Answer';
    case 'voicemail':
      return 'Voicemail';
    case 'declined':
      return 'Rejected';
    case 'busy':
      return 'Busy';
    case 'no-answer':
      return 'No Answer';
    case 'cancelled':
    case 'hangup':
      return 'Hang Up';
    case 'transferred':
      return 'Accepted';
    case 'failed':
      return 'Call Failed';
  }
}

/**
 * The default subject: `Inbound call from <name|number>` / `Outbound call to <name|number>` (contract Task
 * mapping), cut to {@link MAX_SUBJECT_LENGTH}. The name is the Who's, else the caller-ID name, else the number in
 * international display form.
 * @public
 */
export function defaultSubject(
  call: CallSnapshot,
  form: Pick<CallLogForm, 'whoName' | 'whatName'>,
  region = 'US',
): string {
  const number = tryNormalizePhoneNumber(call.remoteNumber, region)?.display ?? call.remoteNumber;
  const party = form.whoName ?? form.whatName ?? call.remoteName ?? number;
  const subject = call.direction === 'inbound' ? `Inbound call from ${party}` : `Outbound call to ${party}`;
  return truncateText(subject, MAX_SUBJECT_LENGTH);
}

/**
 * Longest `telephonySessionId` of a log with a follow-up: the follow-up Task's key is the log key plus `:follow-up`
 * (ADR 0033), in the same `CALL_UNIQUE_ID__c` (Text 255).
 * @public
 */
export const MAX_FOLLOW_UP_SESSION_ID_LENGTH = MAX_TELEPHONY_SESSION_ID_LENGTH - ':follow-up'.length;

/**
 * The follow-up Task's subject when the agent leaves it blank, as the server writes it (contract, `upsertCallLogs`,
 * "Follow-up Task"): `Follow up: <name|number>` — the caller's (inbound) or callee's (outbound) name the log sends,
 * else the number in E.164 — cut to {@link MAX_SUBJECT_LENGTH}.
 * @public
 */
export function defaultFollowUpSubject(
  call: CallSnapshot,
  form: Pick<CallLogForm, 'whoName' | 'whatName'>,
  region = 'US',
): string {
  const number = tryNormalizePhoneNumber(call.remoteNumber, region)?.e164 ?? call.remoteNumber;
  const party = form.whoName ?? form.whatName ?? call.remoteName ?? (number || 'unknown');
  return truncateText(`Follow up: ${party}`, MAX_SUBJECT_LENGTH);
}

/** `YYYY-MM-DD` naming a day that exists (the server's rule for `followUp.dueDate`). @public */
export function isCalendarDate(text: string): boolean {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (year < 1700 || year > 4000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The problems of a follow-up Task on the form (pure): assigned to a user (`005…`), a due date that is a calendar day,
 * a subject of at most {@link MAX_SUBJECT_LENGTH} characters. `field` is `followUp.<key>`; messages say they are about
 * the follow-up alone.
 * @public
 */
export function validateFollowUp(followUp: FollowUpForm): CallLogValidationError[] {
  const errors: CallLogValidationError[] = [];
  if (!followUp.ownerId) {
    errors.push({
      field: 'followUp.ownerId',
      code: 'REQUIRED',
      message: 'Choose who the follow-up task is assigned to.',
    });
  } else if (!/^005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/.test(followUp.ownerId)) {
    errors.push({
      field: 'followUp.ownerId',
      code: 'INVALID',
      message: 'The follow-up task must be assigned to a user.',
    });
  }
  if (!followUp.dueDate) {
    errors.push({ field: 'followUp.dueDate', code: 'REQUIRED', message: 'Choose the due date of the follow-up task.' });
  } else if (!isCalendarDate(followUp.dueDate)) {
    errors.push({
      field: 'followUp.dueDate',
      code: 'INVALID',
      message: 'The due date of the follow-up task must be a date.',
    });
  }
  if (followUp.subject !== null && followUp.subject.trim().length > MAX_SUBJECT_LENGTH) {
    errors.push({
      field: 'followUp.subject',
      code: 'TOO_LONG',
      message: `The subject of the follow-up task is limited to ${MAX_SUBJECT_LENGTH} characters.`,
    });
  }
  return errors;
}

/** The contract's `followUp` of a valid form's follow-up: a blank subject is `null` (the server's default). */
function followUpOf(followUp: FollowUpForm): CallLogFollowUp {
  return {
    subject: followUp.subject?.trim() || null,
    ownerId: followUp.ownerId as string,
    dueDate: followUp.dueDate as string,
  };
}

/** What the agent reads when a log has neither Who nor What and was not confirmed as such. @public */
export const NO_RECORD_MESSAGE =
  'Choose who the call was with (Name or Related To), or check "Log without a record" to save it on no record.';

/**
 * Validates the form against the settings (pure): notes ≤ 32000, subject ≤ 255, disposition present when
 * `dispositionsMandatory` and one of `dispositions` when given, a Who or a What unless the agent confirmed
 * `withoutRecord`, a Lead Who has no What, Who/What ids look like Salesforce ids, required admin log fields filled
 * and picklist values allowed.
 * @public
 */
export function validateCallLogForm(
  form: CallLogForm,
  settings: BuildCallLogInput['settings'],
): CallLogValidationError[] {
  const errors: CallLogValidationError[] = [];
  if (form.notes.length > MAX_NOTES_LENGTH) {
    errors.push({
      field: 'notes',
      code: 'TOO_LONG',
      message: `Notes are ${form.notes.length} characters long; the limit is ${MAX_NOTES_LENGTH}. Shorten them by ${form.notes.length - MAX_NOTES_LENGTH} characters.`,
    });
  }
  if (form.subject !== null && form.subject.trim().length > MAX_SUBJECT_LENGTH) {
    errors.push({
      field: 'subject',
      code: 'TOO_LONG',
      message: `Subject is limited to ${MAX_SUBJECT_LENGTH} characters.`,
    });
  }
  const disposition = form.disposition?.trim() || null;
  if (settings.dispositionsMandatory && !disposition) {
    errors.push({ field: 'disposition', code: 'REQUIRED', message: 'Choose a call disposition.' });
  } else if (disposition && settings.dispositions.length > 0 && !settings.dispositions.includes(disposition)) {
    errors.push({ field: 'disposition', code: 'INVALID', message: `"${disposition}" is not one of the dispositions.` });
  }
  if (!form.whoId && !form.whatId && !form.withoutRecord) {
    errors.push({ field: 'whoId', code: 'REQUIRED', message: NO_RECORD_MESSAGE });
  }
  if (form.whoId && !isSalesforceId(form.whoId)) {
    errors.push({ field: 'whoId', code: 'INVALID', message: 'Name must be a Contact or Lead.' });
  }
  if (form.whatId && !isSalesforceId(form.whatId)) {
    errors.push({ field: 'whatId', code: 'INVALID', message: 'Related To must be a record.' });
  }
  if (form.whoObjectType === 'Lead' && form.whatId) {
    errors.push({
      field: 'whatId',
      code: 'NOT_ALLOWED',
      message: 'A call logged on a Lead cannot be related to another record. Clear Related To or choose a Contact.',
    });
  }
  for (const definition of settings.logFields) {
    const value = form.fields[definition.apiName] ?? null;
    const field = `fields.${definition.apiName}`;
    if (definition.required && (value === null || value.trim() === '')) {
      errors.push({ field, code: 'REQUIRED', message: `${definition.label} is required.` });
    } else if (value && definition.type === 'picklist' && !(definition.picklistValues ?? []).includes(value)) {
      errors.push({ field, code: 'INVALID', message: `"${value}" is not a value of ${definition.label}.` });
    } else if (value && definition.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      errors.push({ field, code: 'INVALID', message: `${definition.label} must be a date (YYYY-MM-DD).` });
    }
  }
  if (form.followUp) errors.push(...validateFollowUp(form.followUp));
  return errors;
}

/**
 * Builds the contract's `CallLog` from a call and the agent's form (pure). Every log is validated
 * ({@link validateCallLogForm}), automatic ones too: a log that needs the agent (a mandatory disposition, a
 * required field, a record or the confirmation "Log without a record") is never completed automatically — the
 * caller puts it in the "unresolved" queue ({@link conflictForErrors}).
 * Numbers are sent in E.164 when they can be normalized; names, numbers and the default subject are cut to their
 * Task field lengths ({@link TASK_FIELD_LENGTHS}); fields not in `Settings.logFields` are dropped. A follow-up Task on
 * the form goes with the log (`CallLog.followUp`, ADR 0033) once it is complete ({@link validateFollowUp}); an
 * incomplete one makes the log one that needs the agent, so an automatic save never drops it.
 * @public
 */
export function buildCallLog(input: BuildCallLogInput): BuildCallLogResult {
  const { call, settings, source } = input;
  // In Sales Engagement mode a call not started from the work queue has no disposition (field hidden, not required).
  const applies = dispositionApplies({ hvsMode: !!settings.hvsMode }, input.salesEngagement);
  const form = applies ? input.form : { ...input.form, disposition: null };
  const errors = validateCallLogForm(form, applies ? settings : { ...settings, dispositionsMandatory: false });
  if (!call.telephonySessionId) {
    errors.push({
      field: 'telephonySessionId',
      code: 'REQUIRED',
      message: 'The call has no RingCentral session id yet; it can be logged once the platform reports it.',
    });
  } else if (call.telephonySessionId.length > MAX_TELEPHONY_SESSION_ID_LENGTH) {
    errors.push({ field: 'telephonySessionId', code: 'TOO_LONG', message: 'The call id is too long.' });
  } else if (form.followUp && call.telephonySessionId.length > MAX_FOLLOW_UP_SESSION_ID_LENGTH) {
    errors.push({
      field: 'followUp',
      code: 'NOT_ALLOWED',
      message:
        'This call cannot have a follow-up task: its RingCentral call id is too long. Remove the follow-up task.',
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  const region = settings.defaultRegion;
  const remote = tryNormalizePhoneNumber(call.remoteNumber, region)?.e164 ?? (call.remoteNumber || null);
  const local = call.localNumber ? (tryNormalizePhoneNumber(call.localNumber, region)?.e164 ?? call.localNumber) : null;
  const remoteName = form.whoName ?? form.whatName ?? call.remoteName;
  const inbound = call.direction === 'inbound';
  const allowed = new Set(settings.logFields.map((f) => f.apiName));
  const fields = Object.fromEntries(Object.entries(form.fields).filter(([key]) => allowed.has(key)));
  const subject = form.subject?.trim() || defaultSubject(call, form, region);
  const notes = form.notes.trim() === '' ? null : form.notes;

  const fromName = inbound ? remoteName : call.localName;
  const toName = inbound ? call.localName : remoteName;
  const log: CallLog = {
    telephonySessionId: call.telephonySessionId as string,
    callUuid: call.sessionId,
    source,
    direction: call.direction,
    fromNumber: truncateText(inbound ? remote : local, TASK_FIELD_LENGTHS.from_number__c),
    toNumber: truncateText(inbound ? local : remote, TASK_FIELD_LENGTHS.to_number__c),
    fromName: truncateText(fromName, TASK_FIELD_LENGTHS.caller_name__c),
    toName: truncateText(toName, TASK_FIELD_LENGTHS.callee_name__c),
    fromLocation: null,
    toLocation: null,
    startTime: new Date(call.startedAt).toISOString(),
    endTime: call.endedAt === null ? null : new Date(call.endedAt).toISOString(),
    durationSeconds: durationSeconds(call),
    result: callResult(call),
    subject,
    notes,
    disposition: form.disposition?.trim() || null,
    // The agent's Save clears on the Task what the agent emptied ("" clears, null keeps the stored value: contract,
    // `upsertCallLogs`, merge rules); a Lead Who forces What to none, clearing a What stored by an earlier save. An
    // automatic log never clears.
    whoId: form.whoId || (form.whoCleared ? clearedBy(source) : null),
    whatId:
      form.whoObjectType === 'Lead' ? clearedBy(source) : form.whatId || (form.whatCleared ? clearedBy(source) : null),
    recordingUrl: call.recordingUrl,
    recordingId: call.recordingId,
    fields: Object.keys(fields).length > 0 ? fields : null,
    ...(input.queueMissed ? { queueMissed: true } : {}),
    ...(form.followUp ? { followUp: followUpOf(form.followUp) } : {}),
  };
  return { ok: true, log };
}

/** What an emptied Who/What is sent as: `""` (clear) on the agent's Save, `null` (keep) on an automatic log. */
function clearedBy(source: CallLogSource): string | null {
  return source === 'agent' ? '' : null;
}

/**
 * `CallDurationInSeconds`: the RingCentral call log's definition of a call's duration — from its start (ringing, or
 * dialing) to its end — so the Task, History and the softphone say the same (docs/glossary.md, "Call duration").
 * 0 while the call goes on (a log saved on ringing or answer; the final log completes it).
 */
function durationSeconds(call: CallSnapshot): number {
  if (call.endedAt === null) return 0;
  return Math.max(0, Math.round((call.endedAt - call.startedAt) / 1000));
}

/** 15 or 18 alphanumeric characters (Salesforce record id shape). @public */
export function isSalesforceId(id: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id);
}

/**
 * Why automatic logging cannot complete a log that failed validation, as a {@link ConflictReason} of the
 * "unresolved" queue, or `null` when nothing the agent must decide is missing (e.g. the call has no session id yet).
 * No record: `lookup-failed` when the number could not be looked up, else `no-match`.
 * @public
 */
export function conflictForErrors(
  errors: readonly CallLogValidationError[],
  matchStatus: CallDraft['matchStatus'],
): ConflictReason | null {
  if (errors.some((e) => e.field === 'whoId' && e.code === 'REQUIRED')) {
    return matchStatus === 'failed' ? 'lookup-failed' : 'no-match';
  }
  if (errors.some((e) => e.field === 'disposition')) return 'disposition-required';
  if (errors.some((e) => e.field.startsWith('fields.'))) return 'fields-required';
  if (errors.some((e) => e.field !== 'telephonySessionId')) return 'fields-required';
  return null;
}
