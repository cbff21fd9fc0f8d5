import type { CallLog, CallLogDirection, CallLogSource } from './call-log';
import type { OutboxEntry, OutboxStatus } from './call-log-outbox';
import {
  count,
  followUpLog,
  isRecord,
  members,
  readStored,
  renamed,
  STORED_SHAPE_VERSION,
  text,
  type StoredRead,
} from './stored-shapes';
import {
  absentAs,
  boolean,
  nonEmpty,
  nullable,
  object,
  oneOf,
  record,
  string,
  type Shape,
  type ShapeOf,
} from '../support/shape';

/*
 * The stored shapes of the outbox (ADR 0010): its entries and the call log they carry. Apart from the drafts' shapes
 * (`stored-shapes.ts`), which the first paint needs to restore the drafts at start; the outbox's are read only by the
 * outbox, which is in the call-log chunk (ADR 0018, amendment "the call-log machinery is a lazy chunk").
 */

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

/** The text an outbox entry is stored as (current version). @public */
export function storedOutboxEntryText(entry: OutboxEntry): string {
  return JSON.stringify({ v: STORED_SHAPE_VERSION, ...entry });
}

/** Reads a stored outbox entry; version 0 named the telephony session id `callUniqueId`. @public */
export function readStoredOutboxEntry(stored: string): StoredRead<OutboxEntry> {
  return readStored(stored, storedOutboxEntry, (value) => {
    const log = isRecord(value.log) ? renamed(value.log, 'callUniqueId', 'telephonySessionId') : value.log;
    return { ...renamed(value, 'callUniqueId', 'telephonySessionId'), log };
  });
}
