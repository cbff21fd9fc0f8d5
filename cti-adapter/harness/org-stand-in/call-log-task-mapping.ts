import type { SObject } from './org-store';

/**
 * How a `CallLog` of the remote API becomes Task fields, and the merge rules for a Task that already exists for the
 * call (`docs/contracts/softphone-remote-api.md`, `upsertCallLogs`):
 * - agent-editable fields (Subject, Description, CallDisposition, `hvs_disposition__c`, the HVS disposition field,
 *   WhoId, WhatId, custom log fields): `source:"agent"` writes them as sent (`null` leaves the stored value, `""`
 *   clears it); `auto`/`sync` only fill blanks;
 * - call facts never shrink: duration and end time only grow, a present recording link replaces the stored one,
 *   everything else only fills blanks;
 * - `CallDisposition` = disposition (blank when the agent chose none: the call result is not a disposition);
 * - the log key (`CALL_UNIQUE_ID__c`) is the agent's: `<telephonySessionId>:<18-character user id>`; a Task of an
 *   earlier version (key = the telephony session id alone) counts only for its owner ({@link agentLogKey});
 * - a call queue call every member missed is one Task under a key the members share ({@link queueMissedLogKey}); a
 *   member who does not own it writes nothing and is answered `alreadyLogged`.
 */
export interface CallLog {
  /** Trimmed telephony session id (`telephonySessionId`, or its old name `callUniqueId`). */
  telephonySessionId: string;
  /** The client's revision of the log, `null` when none was sent. */
  revision: number | null;
  callUuid: string | null;
  source: 'agent' | 'auto' | 'sync';
  direction: 'inbound' | 'outbound' | 'internal';
  fromNumber: string | null;
  toNumber: string | null;
  fromName: string | null;
  toName: string | null;
  fromLocation: string | null;
  toLocation: string | null;
  startTime: string;
  endTime: string | null;
  durationSeconds: number | null;
  result: string | null;
  /** Agent-editable texts: `null` = not sent, `""` = clear. */
  subject: string | null;
  notes: string | null;
  disposition: string | null;
  whoId: string | null;
  whatId: string | null;
  recordingUrl: string | null;
  fields: Record<string, unknown> | null;
  /** A call queue call every member missed: logged once for the queue under {@link queueMissedLogKey}. */
  queueMissed: boolean;
}

const CALL_TYPES = { inbound: 'Inbound', outbound: 'Outbound', internal: 'Internal' } as const;

/** The subject of a call log without one, at most 255 characters (Apex `String.abbreviate(255)`: 252 + `...`). */
export function defaultSubject(log: CallLog): string {
  const subject =
    log.direction === 'inbound'
      ? `Inbound call from ${otherParty(log)}`
      : `${log.direction === 'outbound' ? 'Outbound' : 'Internal'} call to ${otherParty(log)}`;
  return abbreviate(subject, 255);
}

/**
 * The other party of a call as a subject names it (`CallLogDraft.otherParty`): the caller of an inbound call, the
 * callee of an outbound or internal call; the name, else the number, else `unknown`, trimmed.
 */
export function otherParty(log: CallLog): string {
  const inbound = log.direction === 'inbound';
  const name = (inbound ? log.fromName : log.toName)?.trim();
  const number = (inbound ? log.fromNumber : log.toNumber)?.trim();
  return name || number || 'unknown';
}

/** Apex `String.abbreviate(max)`: a longer text is cut to `max - 3` characters and `...`. */
export function abbreviate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

function editable(log: CallLog, hvsField: string | null): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    Subject: log.subject,
    Description: log.notes,
    CallDisposition: log.disposition,
    hvs_disposition__c: log.disposition,
    WhoId: log.whoId,
    WhatId: log.whatId,
  };
  if (hvsField) fields[hvsField] = log.disposition;
  return { ...fields, ...(log.fields ?? {}) };
}

function facts(log: CallLog): Record<string, unknown> {
  return {
    CallType: CALL_TYPES[log.direction],
    CallObject: log.telephonySessionId,
    telephony_session_id__c: log.telephonySessionId,
    CALL_UUID__c: log.callUuid,
    from_number__c: log.fromNumber,
    to_number__c: log.toNumber,
    caller_name__c: log.fromName,
    callee_name__c: log.toName,
    caller_location__c: log.fromLocation,
    callee_location__c: log.toLocation,
    call_start_time__c: log.startTime,
    ActivityDate: log.startTime.slice(0, 10),
    call_end_time__c: log.endTime,
    CallDurationInSeconds: log.durationSeconds,
    Recording_Information__c: log.recordingUrl,
  };
}

export function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/**
 * The contract's log key of an agent's Task of a call: `<telephonySessionId>:<the agent's 18-character user id>`
 * (18 characters keep keys of two agents distinct under the case-insensitive unique field).
 */
export function agentLogKey(telephonySessionId: string, userId: string): string {
  return `${telephonySessionId}:${userId}`;
}

/**
 * The contract's shared log key of a call queue call every member missed (RingCentral's call log of the session has no
 * accepted leg): `<telephonySessionId>:queue-missed`, one Task for the queue whoever logs it first (ADR 0025).
 */
export function queueMissedLogKey(telephonySessionId: string): string {
  return `${telephonySessionId}:queue-missed`;
}

/** A log whose revision is older than the Task's stored one is not applied (a log or Task without one never is). */
export function isOlderRevision(log: CallLog, existing: SObject): boolean {
  const stored = existing.log_revision__c;
  return log.revision !== null && typeof stored === 'number' && log.revision < stored;
}

/**
 * Fields of a new Task.
 * @param key the agent's log key ({@link agentLogKey})
 * @param hvsField the HVS disposition field in HVS mode, else null
 */
export function newTaskFields(log: CallLog, key: string, hvsField: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...facts(log), ...editable(log, hvsField) })) out[k] = isBlank(v) ? null : v;
  if (isBlank(out.Subject)) out.Subject = defaultSubject(log);
  return {
    ...out,
    CALL_UNIQUE_ID__c: key,
    log_revision__c: log.revision,
    Status: 'Completed',
    TaskSubtype: 'Call',
    Priority: 'Normal',
    RC_Logging_Type__c: 'call',
  };
}

/** The changes to an existing Task for a log of the same call. */
export function mergeLog(existing: SObject, log: CallLog, hvsField: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(editable(log, hvsField))) {
    if (log.source === 'agent') {
      if (v === null || v === undefined) continue;
      out[k] = v === '' ? null : v;
    } else if (isBlank(existing[k]) && !isBlank(v)) {
      out[k] = v;
    }
  }
  const after = (k: string): unknown => (k in out ? out[k] : existing[k]);
  // A call Task always has a Subject: one cleared by the agent ("") gets the default too, as a new Task's does.
  if (isBlank(after('Subject'))) out.Subject = defaultSubject(log);
  for (const [k, v] of Object.entries(facts(log))) {
    if (isBlank(v)) continue;
    const old = existing[k];
    if (isBlank(old)) out[k] = v;
    else if (k === 'call_end_time__c' && Date.parse(String(v)) > Date.parse(String(old))) out[k] = v;
    else if (k === 'CallDurationInSeconds' && (v as number) > (old as number)) out[k] = v;
    else if (k === 'Recording_Information__c') out[k] = v;
  }
  if (log.revision !== null) out.log_revision__c = log.revision;
  return out;
}

/**
 * Every Task field a call log writes (the contract's Task mapping), read off {@link newTaskFields} so that the list
 * cannot drift from the mapping. Such a field cannot be a log customization field (`TaskFieldRules` in the package
 * keeps the same list as `TaskFieldCatalog.CALL_LOG_FIELDS`, which a harness test compares with this one).
 */
export const CALL_LOG_TASK_FIELDS: readonly string[] = Object.keys(
  newTaskFields(
    {
      telephonySessionId: 's-0',
      revision: 1,
      callUuid: null,
      source: 'agent',
      direction: 'inbound',
      fromNumber: null,
      toNumber: null,
      fromName: null,
      toName: null,
      fromLocation: null,
      toLocation: null,
      startTime: '2026-01-01T00:00:00.000Z',
      endTime: null,
      durationSeconds: null,
      result: null,
      subject: null,
      notes: null,
      disposition: null,
      whoId: null,
      whatId: null,
      recordingUrl: null,
      fields: null,
      queueMissed: false,
    },
    agentLogKey('s-0', '005000000000000AAA'),
    null,
  ),
);
