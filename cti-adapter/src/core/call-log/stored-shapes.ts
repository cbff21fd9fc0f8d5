import * as v from 'valibot';
import type { CallSnapshot } from '../call/call-snapshot';
import type { CallDirection, CallState, EndReason, RecordingState } from '../call/call-state';
import type { CrmMatch } from '../crm/crm-record';
import type { ConflictReason } from '../matching/log-association';
import type { CallDraft } from './call-draft';
import type { CallLog, CallLogDirection, CallLogSource } from './call-log';
import type { CallLogForm } from './call-log-form';
import type { OutboxEntry, OutboxStatus } from './call-log-outbox';

/**
 * Version of the stored shapes of call drafts and outbox entries, written as `v` in every stored value (ADR 0010).
 * Version 0 (no `v`) is the shape before the log key changed: a draft as today, an outbox entry keyed by
 * `callUniqueId`. A value with a higher version was written by a newer softphone (another tab after an upgrade) and
 * is left alone.
 * @public
 */
export const STORED_SHAPE_VERSION = 1;

/**
 * Outcome of reading one stored value: the value (migrated to the current version), `bad` (not JSON, or not the
 * shape: dropped with a notice) or `newer` (a later version: left in storage, not used).
 * @public
 */
export type StoredRead<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'bad'; readonly reason: string }
  | { readonly kind: 'newer' };

/** A stored value that could not be read and was removed: its key and why. @public */
export interface DroppedStoredValue {
  readonly key: string;
  readonly reason: string;
}

/** The values of a string union, checked by the compiler to list every member once. */
function members<T extends string>() {
  return <const A extends readonly T[]>(...values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never)) =>
    values;
}

const text = v.nullable(v.string());
const count = v.number();

const callSnapshot = v.object({
  callId: v.pipe(v.string(), v.minLength(1)),
  telephonySessionId: text,
  sessionId: text,
  partyId: text,
  direction: v.picklist(members<CallDirection>()('inbound', 'outbound')),
  state: v.picklist(members<CallState>()('ringing', 'dialing', 'connected', 'held', 'ended')),
  remoteNumber: v.string(),
  remoteName: text,
  localNumber: text,
  localName: text,
  muted: v.boolean(),
  recording: v.picklist(members<RecordingState>()('off', 'starting', 'on', 'stopping')),
  recordingUrl: text,
  recordingId: text,
  startedAt: count,
  answeredAt: v.nullable(count),
  endedAt: v.nullable(count),
  endReason: v.nullable(
    v.picklist(
      members<EndReason>()(
        'hangup',
        'remote-hangup',
        'missed',
        'declined',
        'voicemail',
        'answered-elsewhere',
        'transferred',
        'cancelled',
        'busy',
        'no-answer',
        'failed',
        'lost',
      ),
    ),
  ),
  transferTarget: text,
}) satisfies v.GenericSchema<unknown, CallSnapshot>;

const crmMatch = v.object({
  id: v.string(),
  objectType: v.string(),
  name: v.string(),
  isPersonAccount: v.boolean(),
  personContactId: text,
  phoneField: v.string(),
  phone: v.string(),
  accountId: text,
  accountName: text,
  title: text,
  company: text,
  lastModifiedDate: v.string(),
  related: v.array(v.object({ id: v.string(), objectType: v.string(), name: v.string() })),
}) satisfies v.GenericSchema<unknown, CrmMatch>;

const logForm = v.object({
  subject: text,
  notes: v.string(),
  disposition: text,
  whoId: text,
  whoName: text,
  whoObjectType: text,
  whatId: text,
  whatName: text,
  whatObjectType: text,
  fields: v.record(v.string(), text),
}) satisfies v.GenericSchema<unknown, CallLogForm>;

const storedDraft = v.object({
  call: callSnapshot,
  matchStatus: v.picklist(['pending', 'done', 'failed', 'skipped'] as const satisfies CallDraft['matchStatus'][]),
  matches: v.array(crmMatch),
  chosenRecordId: text,
  form: logForm,
  formEdited: v.boolean(),
  autoLogAt: v.nullable(count),
  conflict: v.nullable(v.picklist(members<ConflictReason>()('no-match', 'multiple-matches', 'multiple-associations'))),
  taskId: text,
  fromHistory: v.boolean(),
  clickContextRecordId: text,
  popped: v.boolean(),
}) satisfies v.GenericSchema<unknown, CallDraft>;

const callLog = v.object({
  telephonySessionId: v.pipe(v.string(), v.minLength(1)),
  callUuid: text,
  source: v.picklist(members<CallLogSource>()('agent', 'auto', 'sync')),
  direction: v.picklist(members<CallLogDirection>()('inbound', 'outbound', 'internal')),
  fromNumber: text,
  toNumber: text,
  fromName: text,
  toName: text,
  fromLocation: text,
  toLocation: text,
  startTime: v.string(),
  endTime: text,
  durationSeconds: count,
  result: v.string(),
  subject: text,
  notes: text,
  disposition: text,
  whoId: text,
  whatId: text,
  recordingUrl: text,
  recordingId: text,
  fields: v.nullable(v.record(v.string(), text)),
}) satisfies v.GenericSchema<unknown, CallLog>;

const storedOutboxEntry = v.object({
  telephonySessionId: v.pipe(v.string(), v.minLength(1)),
  log: callLog,
  revision: count,
  savedRevision: v.nullable(count),
  status: v.picklist(members<OutboxStatus>()('pending', 'sending', 'sent', 'failed')),
  attempts: count,
  nextAttemptAt: count,
  lastError: v.nullable(v.object({ code: v.string(), message: v.string(), field: text })),
  taskId: text,
  updatedAt: count,
}) satisfies v.GenericSchema<unknown, OutboxEntry>;

/** The text a draft is stored as (current version). @public */
export function storedDraftText(draft: CallDraft): string {
  return JSON.stringify({ v: STORED_SHAPE_VERSION, ...draft });
}

/** The text an outbox entry is stored as (current version). @public */
export function storedOutboxEntryText(entry: OutboxEntry): string {
  return JSON.stringify({ v: STORED_SHAPE_VERSION, ...entry });
}

/** Reads a stored draft (version 0 had the same shape). @public */
export function readStoredDraft(stored: string): StoredRead<CallDraft> {
  return readStored(stored, storedDraft, (value) => value);
}

/** Reads a stored outbox entry; version 0 named the telephony session id `callUniqueId`. @public */
export function readStoredOutboxEntry(stored: string): StoredRead<OutboxEntry> {
  return readStored(stored, storedOutboxEntry, (value) => {
    const log = isRecord(value.log) ? renamed(value.log, 'callUniqueId', 'telephonySessionId') : value.log;
    return { ...renamed(value, 'callUniqueId', 'telephonySessionId'), log };
  });
}

function readStored<T>(
  stored: string,
  schema: v.GenericSchema<unknown, T>,
  fromVersion0: (value: Record<string, unknown>) => unknown,
): StoredRead<T> {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return { kind: 'bad', reason: 'not JSON' };
  }
  if (!isRecord(value)) return { kind: 'bad', reason: 'not an object' };
  const version = value.v ?? 0;
  if (typeof version === 'number' && version > STORED_SHAPE_VERSION) return { kind: 'newer' };
  const current = version === 0 ? fromVersion0(value) : version === STORED_SHAPE_VERSION ? value : null;
  const parsed = v.safeParse(schema, current);
  if (parsed.success) return { kind: 'ok', value: parsed.output };
  const issue = parsed.issues[0];
  const path = v.getDotPath(issue);
  return { kind: 'bad', reason: path ? `${path}: ${issue.message}` : issue.message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function renamed(value: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  if (!(from in value) || to in value) return value;
  const { [from]: moved, ...rest } = value;
  return { ...rest, [to]: moved };
}
