import type { CallSnapshot } from '../call/call-snapshot';
import type { CallDirection, CallState, EndReason, RecordingState } from '../call/call-state';
import type { CrmMatch } from '../crm/crm-record';
import type { ConflictReason } from '../matching/log-association';
import type { CallDraft } from './call-draft';
import type { CallLog, CallLogDirection, CallLogSource } from './call-log';
import type { CallLogForm } from './call-log-form';
import type { OutboxEntry, OutboxStatus } from './call-log-outbox';
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
  type ShapeOf,
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

/** The values of a string union, checked by the compiler to list every member once. */
function members<T extends string>() {
  return <const A extends readonly T[]>(...values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : never)) =>
    values;
}

const text = nullable(string);
const count = number;

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
const followUpLog = absentAs(nullable(object({ subject: text, ownerId: string, dueDate: string })), null);

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

const callLog = object({
  telephonySessionId: nonEmpty,
  callUuid: text,
  source: oneOf(...members<CallLogSource>()('agent', 'auto', 'sync')),
  direction: oneOf(...members<CallLogDirection>()('inbound', 'outbound', 'internal')),
  fromNumber: text,
  toNumber: text,
  fromName: text,
  toName: text,
  fromLocation: text,
  toLocation: text,
  startTime: string,
  endTime: text,
  durationSeconds: count,
  result: string,
  subject: text,
  notes: text,
  disposition: text,
  whoId: text,
  whatId: text,
  recordingUrl: text,
  recordingId: text,
  fields: nullable(record(text)),
  // Added after version 1 was released (ADR 0025): logs stored before it have none (the agent's own log).
  queueMissed: absentAs(boolean, false),
  followUp: followUpLog,
}) satisfies Shape<CallLog>;

const storedOutboxEntry = object({
  telephonySessionId: nonEmpty,
  log: callLog,
  revision: count,
  savedRevision: nullable(count),
  status: oneOf(...members<OutboxStatus>()('pending', 'sending', 'sent', 'failed')),
  attempts: count,
  nextAttemptAt: count,
  // `taskId` (ADR 0033) and `gaveUpAfter` (ADR 0032) added after version 1 was released: an entry stored before
  // `taskId` reads as a log nothing of which was saved; `gaveUpAfter`, see storedLastError.
  lastError: nullable(
    storedLastError({
      code: string,
      message: string,
      field: text,
      reference: absentAs(text, null),
      taskId: absentAs(text, null),
    }),
  ),
  taskId: text,
  updatedAt: count,
}) satisfies Shape<OutboxEntry>;

/**
 * The `lastError` of a stored outbox entry (calls and SMS logs) with `gaveUpAfter`, added after version 1 was
 * released (ADR 0032, "The softphone's last English texts"): before it, the outbox wrote the count into the message
 * as the English suffix ` (gave up after N attempts)`. An entry without `gaveUpAfter` is read with the suffix taken
 * out of its message into `gaveUpAfter` (else `null`), so an old failed log reads as a new one, in the agent's
 * language. No version bump: the field is additive, and a page of the previous release reads the new entries (it
 * ignores the field; its message is then the server's alone).
 * @public
 */
export function storedLastError<S extends Record<string, Shape<unknown>> & { readonly message: Shape<string> }>(
  shapes: S,
): Shape<{ [K in keyof S]: ShapeOf<S[K]> } & { gaveUpAfter: number | null }> {
  const shape = object({ ...shapes, gaveUpAfter: absentAs(nullable(count), undefined) });
  return (value, path) => {
    const { gaveUpAfter, ...checked } = shape(value, path) as { [K in keyof S]: ShapeOf<S[K]> } & {
      gaveUpAfter: number | null | undefined;
    };
    if (gaveUpAfter !== undefined) return { ...checked, gaveUpAfter } as never;
    const message = checked.message as string;
    const legacy = LEGACY_GAVE_UP.exec(message);
    return (
      legacy
        ? { ...checked, message: message.slice(0, legacy.index), gaveUpAfter: Number(legacy[1]) }
        : { ...checked, gaveUpAfter: null }
    ) as never;
  };
}

/** The English suffix the outbox wrote into a failure's message before `gaveUpAfter` existed. */
const LEGACY_GAVE_UP = / \(gave up after (\d+) attempts\)$/;

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function renamed(value: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  if (!(from in value) || to in value) return value;
  const { [from]: moved, ...rest } = value;
  return { ...rest, [to]: moved };
}
