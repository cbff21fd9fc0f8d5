import type { SmsMessage } from '../ports/message-store-port';

/**
 * The contract's `SmsLog` (`docs/contracts/softphone-remote-api.md`, `upsertSmsLogs`): the messages of one SMS
 * conversation on one day, logged as the agent's one Task of that conversation and day. The server keys the Task by
 * the conversation, the day and the running user (`Task.CALL_UNIQUE_ID__c` = `sms:<conversationId>:<day>:<user id>`,
 * ADR 0019), so two agents never share a Task and a second tab or a retry updates the same one. It appends the
 * messages it has not logged yet, in order, and never removes one.
 * @public
 */
export interface SmsLog {
  /** RingCentral `conversationId` (≤ 100 characters). */
  readonly conversationId: string;
  /** The agent's local day of the messages, `yyyy-MM-dd`. */
  readonly day: string;
  /** The agent pressed Log (`agent`), or the softphone logged by itself (`auto`, the setting `autoLogSms`). */
  readonly source: 'agent' | 'auto';
  /** The other party (E.164). */
  readonly contactNumber: string;
  /** The agent's number in the conversation (E.164), when known. */
  readonly agentNumber: string | null;
  readonly contactName: string | null;
  /** Contact (`003…`, a person account's PersonContactId) or Lead (`00Q…`). */
  readonly whoId: string | null;
  /** Account / Opportunity / Case; `null` when the Who is a Lead. */
  readonly whatId: string | null;
  /** The day's messages the softphone knows, oldest first (1–500). */
  readonly messages: readonly SmsLogMessage[];
}

/**
 * One message of an {@link SmsLog}, or the agent's note saved after sending (`note`, setting `smsNotesPrompt`: an id
 * of the softphone's own, `note-` and 32 hexadecimal digits, made once; the server appends and deduplicates it by id
 * like a message).
 * @public
 */
export interface SmsLogMessage {
  readonly id: string;
  readonly direction: 'inbound' | 'outbound' | 'note';
  /** ISO 8601 UTC (a note: when the agent saved it). */
  readonly at: string;
  /** The text as sent or typed (≤ 1000 characters; shown as text in the Task). */
  readonly text: string;
}

/** Most messages in one log (a conversation's day); a busier day is logged in more requests (server appends). */
export const MAX_SMS_LOG_MESSAGES = 500;

/** The outbox key of a conversation's day: `<conversationId>:<day>`. @public */
export function smsLogKey(log: Pick<SmsLog, 'conversationId' | 'day'>): string {
  return `${log.conversationId}:${log.day}`;
}

/**
 * The agent's local day of a time (`yyyy-MM-dd`): the day the agent sees the message on, which is the day of its
 * Task (`ActivityDate`).
 * @param offsetMinutes minutes to add to UTC for the agent's time zone at that time (`-new Date(t).getTimezoneOffset()`)
 * @public
 */
export function localDay(iso: string, offsetMinutes: number): string {
  return new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * The order of a transcript (the server's `SmsMessageOrder`): earlier first; at the same time, numeric ids as numbers,
 * other ids (notes) as text.
 * @public
 */
export function compareLogMessages(a: SmsLogMessage, b: SmsLogMessage): number {
  const byTime = Date.parse(a.at) - Date.parse(b.at);
  if (byTime !== 0) return byTime;
  if (/^\d+$/.test(a.id) && /^\d+$/.test(b.id) && a.id.length !== b.id.length) return a.id.length - b.id.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The messages and notes of a day once each (by id: the first one given wins), in transcript order
 * ({@link compareLogMessages}).
 * @public
 */
export function mergeLogMessages(...lists: readonly (readonly SmsLogMessage[])[]): SmsLogMessage[] {
  const byId = new Map<string, SmsLogMessage>();
  for (const list of lists) for (const message of list) if (!byId.has(message.id)) byId.set(message.id, message);
  return [...byId.values()].sort(compareLogMessages);
}

/** A message as the log carries it. @public */
export function toLogMessage(message: SmsMessage): SmsLogMessage {
  return {
    id: message.id,
    direction: message.direction === 'Inbound' ? 'inbound' : 'outbound',
    at: message.createdAt,
    text: message.text,
  };
}
