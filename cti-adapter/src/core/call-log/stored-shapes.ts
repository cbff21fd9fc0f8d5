import type { CallSnapshot } from '../call/call-snapshot';
import type { CallDirection, CallState, EndReason, RecordingState } from '../call/call-state';
import type { CrmMatch } from '../crm/crm-record';
import type { ConflictReason } from '../matching/log-association';
import type { CallDraft } from './call-draft';
import type { CallLogForm } from './call-log-form';
import {
  absentAs,
  array,
  boolean,
  checkShape,
  nonEmpty,
  nullable,
  number,
  object,
  oneOf,
  record,
  string,
  type Shape,
} from '../support/shape';

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

/** The values of a string union, checked by the compiler to list every member once. @internal */
export function members<T extends string>() {
  return <const A extends readonly T[]>(...values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never)) =>
    values;
}

/** A nullable text and a count, as every stored shape writes them. @internal */
export const text = nullable(string);
/** @internal */
export const count = number;

const callSnapshot = object({
  callId: nonEmpty,
  telephonySessionId: text,
  sessionId: text,
  partyId: text,
  direction: oneOf(...members<CallDirection>()('inbound', 'outbound')),
  state: oneOf(...members<CallState>()('ringing', 'dialing', 'connected', 'held', 'ended')),
  remoteNumber: string,
  remoteName: text,
  localNumber: text,
  localName: text,
  // Added after version 1 was released: drafts stored before it have none (a direct call).
  queueName: absentAs(text, null),
  muted: boolean,
  recording: oneOf(...members<RecordingState>()('off', 'starting', 'on', 'stopping')),
  recordingUrl: text,
  recordingId: text,
  startedAt: count,
  answeredAt: nullable(count),
  endedAt: nullable(count),
  endReason: nullable(
    oneOf(
      ...members<EndReason>()(
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
}) satisfies Shape<CallSnapshot>;

const crmMatch = object({
  id: string,
  objectType: string,
  // Added after version 1 was released (ADR 0032, seventh amendment): matches stored before it have none.
  objectLabel: absentAs(text, undefined),
  name: string,
  isPersonAccount: boolean,
  personContactId: text,
  phoneField: string,
  phone: string,
  accountId: text,
  accountName: text,
  title: text,
  company: text,
  lastModifiedDate: string,
  related: array(object({ id: string, objectType: string, objectLabel: absentAs(text, undefined), name: string })),
}) satisfies Shape<CrmMatch>;

// Added after version 1 was released (ADR 0033): forms and logs stored before it have no follow-up Task.
const followUpForm = absentAs(nullable(object({ subject: text, ownerId: text, ownerName: text, dueDate: text })), null);
/** The follow-up Task of a stored log (ADR 0033). @internal */
export const followUpLog = absentAs(nullable(object({ subject: text, ownerId: string, dueDate: string })), null);

const logForm = object({
  subject: text,
  notes: string,
  disposition: text,
  whoId: text,
  whoName: text,
  whoObjectType: text,
  whatId: text,
  whatName: text,
  whatObjectType: text,
  fields: record(text),
  withoutRecord: absentAs(boolean, false),
  followUp: followUpForm,
  // Added after version 1 was released: forms stored before them cleared nothing (kept absent, as new forms do).
  whoCleared: absentAs(boolean, undefined),
  whatCleared: absentAs(boolean, undefined),
}) satisfies Shape<CallLogForm>;

const storedDraft = object({
  call: callSnapshot,
  matchStatus: oneOf(...members<CallDraft['matchStatus']>()('pending', 'retrying', 'done', 'failed', 'skipped')),
  matches: array(crmMatch),
  chosenRecordId: text,
  form: logForm,
  formEdited: boolean,
  autoLogAt: nullable(count),
  conflict: nullable(
    oneOf(
      ...members<ConflictReason>()(
        'no-match',
        'multiple-matches',
        'multiple-associations',
        'lookup-failed',
        'disposition-required',
        'fields-required',
      ),
    ),
  ),
  taskId: text,
  fromHistory: boolean,
  clickContextRecordId: text,
  popped: boolean,
  // Added after version 1 was released: drafts stored before them have neither.
  ignored: absentAs(boolean, false),
  pendingExtension: absentAs(text, null),
  // Added after version 1 was released (ADR 0025): drafts stored before it wait for no queue outcome.
  queueOutcome: absentAs(
    nullable(oneOf(...members<NonNullable<CallDraft['queueOutcome']>>()('waiting', 'missed-by-all'))),
    null,
  ),
  salesEngagement: absentAs(nullable(object({ workId: nonEmpty, completed: boolean })), null),
}) satisfies Shape<CallDraft>;

/** The text a draft is stored as (current version). @public */
export function storedDraftText(draft: CallDraft): string {
  return JSON.stringify({ v: STORED_SHAPE_VERSION, ...draft });
}

/** Reads a stored draft (version 0 had the same shape). @public */
export function readStoredDraft(stored: string): StoredRead<CallDraft> {
  return readStored(stored, storedDraft, (value) => value);
}

/** Reads one stored value of `shape`, migrating version 0 with `fromVersion0`. @internal */
export function readStored<T>(
  stored: string,
  shape: Shape<T>,
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
  const checked = checkShape(shape, current);
  return checked.ok ? { kind: 'ok', value: checked.value } : { kind: 'bad', reason: checked.reason };
}

/** @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @internal */
export function renamed(value: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  if (!(from in value) || to in value) return value;
  const { [from]: moved, ...rest } = value;
  return { ...rest, [to]: moved };
}
