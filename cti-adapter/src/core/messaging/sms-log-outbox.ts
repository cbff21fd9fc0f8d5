import {
  keepAgentEdits,
  LogOutbox,
  type LogEntry,
  type LogOutboxOptions,
  type LogUpsertResult,
} from '../call-log/log-outbox';
import { storedLastError } from '../call-log/stored-outbox-shapes';
import type { StoredRead } from '../call-log/stored-shapes';
import { array, checkShape, nonEmpty, nullable, number, object, oneOf, string } from '../support/shape';
import { smsLogKey, type SmsLog } from './sms-log';

/** One SMS log (a conversation's day) waiting for or done with `upsertSmsLogs`. @public */
export type SmsOutboxEntry = LogEntry<SmsLog, 'key'>;

/** The endpoint the SMS outbox sends through (`upsertSmsLogs`, contract). @public */
export interface SmsLogGateway {
  upsertSmsLogs(logs: readonly (SmsLog & { readonly revision: number })[]): Promise<readonly LogUpsertResult[]>;
}

/** Options of {@link SmsLogOutbox}. @public */
export interface SmsLogOutboxOptions extends Omit<LogOutboxOptions, 'keyPrefix'> {
  readonly gateway: SmsLogGateway;
}

/** 2: a log's entries may be the agent's notes (`direction` `note`); a version 1 entry reads as version 2. */
const STORED_VERSION = 2;

const smsLogShape = object({
  conversationId: nonEmpty,
  day: nonEmpty,
  source: oneOf('agent', 'auto'),
  contactNumber: string,
  agentNumber: nullable(string),
  contactName: nullable(string),
  whoId: nullable(string),
  whatId: nullable(string),
  messages: array(object({ id: nonEmpty, direction: oneOf('inbound', 'outbound', 'note'), at: string, text: string })),
});

const entryShape = object({
  key: nonEmpty,
  log: smsLogShape,
  revision: number,
  savedRevision: nullable(number),
  status: oneOf('pending', 'sending', 'sent', 'failed'),
  attempts: number,
  nextAttemptAt: number,
  lastError: nullable(storedLastError({ code: string, message: string, field: nullable(string) })),
  taskId: nullable(string),
  updatedAt: number,
});

/**
 * The durable outbox of SMS logs: the same {@link LogOutbox} as call logs (storage first, revisions, batches of at
 * most 200 logs, backoff, one request in flight per log), keyed by conversation and day, stored as
 * `softphone.smsOutbox.<conversationId>:<day>`. Each log carries the day's messages read from the message store (the
 * server appends those it has not logged, so a log that knew fewer never removes one); an automatic log keeps the
 * Who/What the agent chose.
 * @public
 */
export class SmsLogOutbox extends LogOutbox<SmsLog, 'key'> {
  constructor(options: SmsLogOutboxOptions) {
    const { gateway, ...rest } = options;
    super(
      { ...rest, keyPrefix: 'softphone.smsOutbox.' },
      {
        keyField: 'key',
        keyOf: smsLogKey,
        send: (logs) => gateway.upsertSmsLogs(logs),
        // Each log carries the day's messages as the store has them; the server appends what it has not logged.
        merge: (previous, next) => keepAgentEdits(previous, next, ['whoId', 'whatId']),
        read: readStoredSmsEntry,
        write: (entry) => JSON.stringify({ v: STORED_VERSION, ...entry }),
      },
    );
  }
}

/** Reads a stored SMS outbox entry (versions 1 and 2; a newer one is left for the page that wrote it). @public */
export function readStoredSmsEntry(stored: string): StoredRead<SmsOutboxEntry> {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return { kind: 'bad', reason: 'not JSON' };
  }
  const version = (value as { v?: unknown } | null)?.v;
  if (typeof version === 'number' && version > STORED_VERSION) return { kind: 'newer' };
  const checked = checkShape(entryShape, value);
  return checked.ok ? { kind: 'ok', value: checked.value as SmsOutboxEntry } : { kind: 'bad', reason: checked.reason };
}
