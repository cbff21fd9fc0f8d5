import { abbreviate, otherParty, type CallLog } from './call-log-task-mapping';
import { systemLabel } from './apex-labels';
import { RemoteApiError } from './remote-api-error';

/**
 * The follow-up Task of a call log (`docs/contracts/softphone-remote-api.md`, `upsertCallLogs`, "Follow-up Task";
 * ADR 0033): the rules the package's `FollowUpRules` and `FollowUpWriter` hold, pinned by the same contract vectors
 * (`SoftphoneVectorsUpsert.json`, `upsert-follow-up-…`).
 * - `followUp` absent or `null`: no follow-up; any other non-object is refused (`logs[i].followUp`);
 * - `ownerId`: a User id (15 or 18 characters, prefix `005`) of an active Standard user (`searchUsers`' rule);
 * - `dueDate`: an ISO calendar date `YYYY-MM-DD` (1700-01-01 to 4000-12-31, the dates Salesforce stores);
 * - `subject`: at most 255 characters after trimming; blank or `null` = `Follow up: <caller or callee>`;
 * - the key: `<the call's log key>:follow-up`, so that a log with a follow-up has a `telephonySessionId` of at most
 *   {@link MAX_FOLLOW_UP_SESSION_ID} characters.
 * A refused follow-up never refuses its call: the call Task is written, the row fails alone with the reason.
 */
export interface FollowUp {
  /** 18-character id of the assignee (validated as a User id; whether the user is active is checked by the caller). */
  ownerId: string;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  /** Trimmed subject, `null` for the default. */
  subject: string | null;
}

/** The key suffix of a follow-up Task: `CALL_UNIQUE_ID__c` = `<log key>:follow-up`. */
export const FOLLOW_UP_KEY_SUFFIX = ':follow-up';

/**
 * Longest telephony session id of a log with a follow-up: `CALL_UNIQUE_ID__c` (Text 255) holds the agent's log key
 * (the id, `:` and an 18-character user id) plus `:follow-up`.
 */
export const MAX_FOLLOW_UP_SESSION_ID = 255 - 19 - FOLLOW_UP_KEY_SUFFIX.length;

/** Why an assignee is refused: not a User id, or not an active Standard user (Apex `Apex_Follow_up_owner_refused`). */
export function ownerRefused(): string {
  return systemLabel('Apex_Follow_up_owner_refused');
}

const MAX_SUBJECT = 255;
const USER_ID = /^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The message of a row whose call Task is written and whose follow-up is not. */
export function followUpFailureMessage(reason: string): string {
  return systemLabel('Apex_Follow_up_failed', reason);
}

/** The follow-up Task's key for a call's log key. */
export function followUpKey(logKey: string): string {
  return `${logKey}${FOLLOW_UP_KEY_SUFFIX}`;
}

/**
 * The `followUp` of a request log, checked without the org (the assignee's activity is the caller's check).
 * @param raw the request log
 * @param p the log's path, `logs[i]`
 * @param telephonySessionId the trimmed telephony session id
 * @returns `null` when the log carries no follow-up
 * @throws RemoteApiError INVALID_INPUT naming the field
 */
export function parseFollowUp(raw: Record<string, unknown>, p: string, telephonySessionId: string): FollowUp | null {
  const value = raw.followUp;
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new RemoteApiError('INVALID_INPUT', systemLabel('Apex_Follow_up_not_object'), `${p}.followUp`);
  const followUp = value as Record<string, unknown>;
  const ownerId = followUp.ownerId;
  if (typeof ownerId !== 'string' || !USER_ID.test(ownerId))
    throw new RemoteApiError('INVALID_INPUT', ownerRefused(), `${p}.followUp.ownerId`);
  const dueDate = followUp.dueDate;
  // FollowUpRules.dueDate: not text, then IsoTimes.dateOf (not YYYY-MM-DD, then no such day), then a year past 4000.
  if (typeof dueDate !== 'string')
    throw new RemoteApiError('INVALID_INPUT', systemLabel('Apex_Follow_up_due_date'), `${p}.followUp.dueDate`);
  if (!ISO_DATE.test(dueDate))
    throw new RemoteApiError('INVALID_INPUT', systemLabel('Apex_Expected_date'), `${p}.followUp.dueDate`);
  if (!isCalendarDate(dueDate))
    throw new RemoteApiError('INVALID_INPUT', systemLabel('Apex_Not_a_valid_date'), `${p}.followUp.dueDate`);
  const sent = followUp.subject;
  if (sent !== undefined && sent !== null && typeof sent !== 'string')
    throw new RemoteApiError('INVALID_INPUT', systemLabel('Apex_Follow_up_subject_text'), `${p}.followUp.subject`);
  const subject = typeof sent === 'string' ? sent.trim() : '';
  if (subject.length > MAX_SUBJECT)
    throw new RemoteApiError(
      'INVALID_INPUT',
      systemLabel('Apex_Follow_up_subject_length', MAX_SUBJECT),
      `${p}.followUp.subject`,
    );
  if (telephonySessionId.length > MAX_FOLLOW_UP_SESSION_ID)
    throw new RemoteApiError(
      'INVALID_INPUT',
      systemLabel('Apex_Follow_up_session_id', MAX_FOLLOW_UP_SESSION_ID),
      `${p}.telephonySessionId`,
    );
  return { ownerId, dueDate, subject: subject === '' ? null : subject };
}

/** Whether a text is `YYYY-MM-DD` naming a day that exists, from 1700 to 4000. */
function isCalendarDate(text: string): boolean {
  const parts = ISO_DATE.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (year < 1700 || year > 4000 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `Follow up: <the other party>` ({@link otherParty}), at most 255 characters (252 + `...`). */
export function defaultFollowUpSubject(log: CallLog): string {
  return abbreviate(`Follow up: ${otherParty(log)}`, MAX_SUBJECT);
}

/**
 * `Follow-up of the call "<call subject>" started <yyyy-MM-dd HH:mm> UTC.`: what the assignee reads of the call.
 * @param callSubject the call Task's subject after the merge
 * @param startTimeUtc the call's start, ISO UTC
 */
export function followUpDescription(callSubject: string, startTimeUtc: string): string {
  return `Follow-up of the call "${callSubject}" started ${startTimeUtc.slice(0, 10)} ${startTimeUtc.slice(11, 16)} UTC.`;
}

/**
 * The fields every applied revision writes on the follow-up Task (wire names).
 * @param call the call Task after the merge: its WhoId, WhatId and Subject
 */
export function followUpFields(
  log: CallLog,
  followUp: FollowUp,
  call: { WhoId: unknown; WhatId: unknown; Subject: unknown },
): Record<string, unknown> {
  return {
    OwnerId: followUp.ownerId,
    ActivityDate: followUp.dueDate,
    Subject: followUp.subject ?? defaultFollowUpSubject(log),
    Description: followUpDescription(typeof call.Subject === 'string' ? call.Subject : '', log.startTime),
    WhoId: call.WhoId ?? null,
    WhatId: call.WhatId ?? null,
    telephony_session_id__c: log.telephonySessionId,
  };
}

/** The fields only a new follow-up Task gets: the assignee's Status and Priority are theirs afterwards. */
export function newFollowUpFields(key: string): Record<string, unknown> {
  return {
    CALL_UNIQUE_ID__c: key,
    Status: 'Not Started',
    Priority: 'Normal',
    TaskSubtype: 'Task',
    RC_Logging_Type__c: 'follow-up',
  };
}
