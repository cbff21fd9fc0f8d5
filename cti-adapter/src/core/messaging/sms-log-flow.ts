import type { CrmMatch } from '../crm/crm-record';
import { associationForMatch } from '../matching/log-association';
import type { Clock, TimerHandle } from '../ports/clock';
import type { MessageStorePort, SmsMessage } from '../ports/message-store-port';
import type { Settings } from '../settings/settings';
import type { Unsubscribe } from '../support/typed-emitter';
import type { ConversationRecord } from './conversation-book';
import { NEW_CONVERSATION_PREFIX } from './conversation-book';
import {
  localDay,
  MAX_SMS_LOG_MESSAGES,
  mergeLogMessages,
  smsLogKey,
  toLogMessage,
  type SmsLog,
  type SmsLogMessage,
} from './sms-log';
import type { SmsNoteShelf } from './sms-notes';
import type { SmsLogOutbox, SmsOutboxEntry } from './sms-log-outbox';
import { messagesText, MessagesTextError } from './messages-text';
import { reasonOf, ReasonError } from '../engine/notices';

/** What the SMS log flow reads from the messaging service. @public */
export interface SmsLogSource {
  conversation(idOrNumber: string): ConversationRecord | null;
  recordOf(conversation: ConversationRecord): CrmMatch | null;
  on(
    type: 'message',
    listener: (event: { readonly message: SmsMessage; readonly conversationId: string }) => void,
  ): Unsubscribe;
}

/** A conversation's day the softphone could not log by itself: no record or several matched its number. @public */
export interface UnresolvedSmsLog {
  readonly conversationId: string;
  readonly day: string;
  readonly reason: 'no-match' | 'multiple-matches';
}

/** Options of {@link SmsLogFlow}. @public */
export interface SmsLogFlowOptions {
  readonly source: SmsLogSource;
  readonly store: Pick<MessageStorePort, 'listThread'>;
  readonly outbox: SmsLogOutbox;
  /** Notes saved before their day's log is in the outbox (automatic logging off, or the day in Unresolved). */
  readonly notes: SmsNoteShelf;
  readonly settings: () => Pick<Settings, 'autoLogSms' | 'personAccountAssociation' | 'autoFillRelatedTo'>;
  readonly clock: Clock;
  /** Minutes to add to UTC for the agent's time zone at a time (default: the host's, `-getTimezoneOffset()`). */
  readonly utcOffsetMinutes?: (epochMs: number) => number;
  /** Wait before an automatic log is sent, so a burst of messages goes in one request (default 3000 ms). */
  readonly autoLogDelayMs?: number;
  /** Something about the logs changed (publish the state). */
  readonly changed: () => void;
}

/**
 * SMS logging (issue 12, ADR 0019): one Task per conversation per agent per day, through the same durable outbox as
 * call logs ({@link SmsLogOutbox}). A log carries every message of the conversation on that day, read again from
 * the message store before it is sent (so the Task holds the day, not only what this page saw); the server appends
 * the messages it has not logged yet.
 *
 * With the setting `autoLogSms`, every new message of a conversation whose record is known (one match, or the record
 * the agent chose or texted from) logs its day after a short wait; a conversation with no match or several goes to the
 * Unresolved list until the agent chooses ({@link SmsLogFlow.log} then logs it). Without the setting, the agent logs
 * a conversation's day with Log.
 *
 * The agent's notes after sending ({@link SmsLogFlow.addNote}, setting `smsNotesPrompt`) go into the same log: a
 * note is a log entry with an id of its own, kept in the outbox entry of its day (or on the {@link SmsNoteShelf} until
 * the day has one) and carried by every later log of the day, so the server appends it once, in time order.
 * @public
 */
export class SmsLogFlow {
  private readonly pending = new Set<string>();
  private readonly unresolved = new Map<string, UnresolvedSmsLog>();
  private timer: TimerHandle | null = null;
  private readonly offsets: (epochMs: number) => number;
  private readonly subscriptions: Unsubscribe[] = [];

  constructor(private readonly options: SmsLogFlowOptions) {
    this.offsets = options.utcOffsetMinutes ?? ((at) => -new Date(at).getTimezoneOffset());
  }

  start(): void {
    this.subscriptions.push(
      this.options.source.on('message', ({ message, conversationId }) => this.onMessage(message, conversationId)),
      this.options.outbox.on('changed', () => this.options.changed()),
    );
    void this.options.outbox.flush();
  }

  dispose(): void {
    for (const off of this.subscriptions.splice(0)) off();
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.options.outbox.dispose();
  }

  /** The day of a message for the agent. */
  dayOf(iso: string): string {
    return localDay(iso, this.offsets(Date.parse(iso)));
  }

  /** Conversations' days waiting for the agent to choose their record, newest day first. */
  unresolvedLogs(): UnresolvedSmsLog[] {
    return [...this.unresolved.values()].sort((a, b) => b.day.localeCompare(a.day));
  }

  /** The notes of a conversation's day that wait for its log (the agent presses Log, or chooses the record). */
  waitingNotes(conversationId: string, day: string): number {
    return this.options.notes.waiting(smsLogKey({ conversationId, day })).length;
  }

  /**
   * Adds the agent's note to a conversation's day: kept at once (the day's outbox entry or the note shelf, so a reload
   * keeps it), then logged like a new message of the day — at once in the next log when the day is logged already or
   * automatic logging is on, else when the agent logs the day.
   * @throws MessagesTextError with the text to show when the note is empty, too long or cannot be kept (nothing is stored)
   */
  addNote(conversationId: string, day: string, note: SmsLogMessage): void {
    const key = smsLogKey({ conversationId, day });
    try {
      this.options.notes.keep(key, note);
    } catch (error) {
      const reason = reasonOf(error);
      throw new MessagesTextError(
        messagesText(
          'NOTE_NOT_KEPT',
          `Your note could not be kept in this browser (${reason.message}). It is still in the box: try again.`,
          reason,
        ),
      );
    }
    if (this.options.settings().autoLogSms || this.options.outbox.get(key)) this.schedule(key);
    this.options.changed();
  }

  /** The outbox entry of a conversation's day, when it was logged or is being logged. */
  entry(conversationId: string, day: string): SmsOutboxEntry | null {
    return this.options.outbox.get(smsLogKey({ conversationId, day }));
  }

  /**
   * Logs a conversation's day as the agent (Log, or after choosing the record of an unresolved one), with the
   * record the conversation is with (none when nothing matched). Resolves when the log is stored and sent (or
   * waiting for a retry); rejects only when the day's messages cannot be read.
   */
  async log(conversationId: string, day: string): Promise<void> {
    const conversation = this.options.source.conversation(conversationId);
    if (!conversation) throw new ReasonError('CONVERSATION_GONE', 'That conversation is no longer in the list.');
    this.unresolved.delete(smsLogKey({ conversationId, day }));
    await this.enqueue(conversation, day, 'agent');
    void this.options.outbox.flush();
    this.options.changed();
  }

  /** The record of a conversation was decided (the agent chose): its unresolved days are logged. */
  resolved(conversationId: string): void {
    for (const item of [...this.unresolved.values()]) {
      if (item.conversationId === conversationId) void this.log(conversationId, item.day).catch(() => undefined);
    }
  }

  private onMessage(message: SmsMessage, conversationId: string): void {
    if (message.deleted || conversationId.startsWith(NEW_CONVERSATION_PREFIX)) return;
    const day = this.dayOf(message.createdAt);
    const key = smsLogKey({ conversationId, day });
    // A day already logged gets its new messages appended, whatever the setting.
    if (!this.options.settings().autoLogSms && !this.options.outbox.get(key)) return;
    this.schedule(key);
  }

  private schedule(key: string): void {
    this.pending.add(key);
    if (this.timer !== null) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      void this.logPending();
    }, this.options.autoLogDelayMs ?? 3000);
  }

  private async logPending(): Promise<void> {
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) {
      const cut = key.lastIndexOf(':');
      const conversationId = key.slice(0, cut);
      const day = key.slice(cut + 1);
      const conversation = this.options.source.conversation(conversationId);
      if (!conversation) continue;
      if (conversation.matchState === 'pending') {
        // Logged once the number is matched (the next message or the agent's choice brings it back).
        this.pending.add(key);
        continue;
      }
      const record = this.options.source.recordOf(conversation);
      if (!record && !this.options.outbox.get(key)) {
        this.unresolved.set(key, {
          conversationId,
          day,
          reason: conversation.matches.length === 0 ? 'no-match' : 'multiple-matches',
        });
        continue;
      }
      await this.enqueue(conversation, day, 'auto').catch(() => this.pending.add(key));
    }
    if (this.pending.size > 0 && this.timer === null) {
      // Numbers still being matched (or days whose messages could not be read): try again shortly.
      this.timer = this.options.clock.setTimeout(() => {
        this.timer = null;
        void this.logPending();
      }, 1000);
    }
    await this.options.outbox.flush();
    this.options.changed();
  }

  /**
   * Reads the day's messages from the store (all pages, oldest first) and stores the log in the outbox (the caller
   * flushes, so the logs of one burst go in one request). A day over {@link MAX_SMS_LOG_MESSAGES} messages goes in
   * parts, each sent before the next (the server appends).
   */
  private async enqueue(conversation: ConversationRecord, day: string, source: SmsLog['source']): Promise<void> {
    const key = smsLogKey({ conversationId: conversation.id, day });
    // The day's notes: those the outbox entry carries and those waiting on the shelf (each once, by id).
    const notes = mergeLogMessages(
      (this.options.outbox.get(key)?.log.messages ?? []).filter((m) => m.direction === 'note'),
      this.options.notes.waiting(key),
    );
    const messages = mergeLogMessages(await this.dayMessages(conversation, day), notes);
    if (messages.length === notes.length) return;
    const record = this.options.source.recordOf(conversation);
    const association = record ? associationForMatch(record, this.options.settings()) : null;
    const agentNumber = conversation.last
      ? conversation.last.direction === 'Inbound'
        ? (conversation.last.to[0]?.phoneNumber ?? null)
        : conversation.last.from.phoneNumber
      : null;
    for (let start = 0; start < messages.length; start += MAX_SMS_LOG_MESSAGES) {
      this.options.outbox.enqueue({
        conversationId: conversation.id,
        day,
        source,
        contactNumber: conversation.number,
        agentNumber,
        contactName: record?.name ?? conversation.context?.name ?? conversation.rcName,
        whoId: association?.whoId ?? null,
        whatId: association?.whatId ?? null,
        messages: messages.slice(start, start + MAX_SMS_LOG_MESSAGES),
      });
      if (messages.length > MAX_SMS_LOG_MESSAGES) await this.options.outbox.flush();
    }
    // The outbox entry holds them now (stored first): the shelf lets them go.
    this.options.notes.taken(
      key,
      notes.map((n) => n.id),
    );
  }

  private async dayMessages(conversation: ConversationRecord, day: string): Promise<SmsLogMessage[]> {
    const midnight = Date.parse(`${day}T00:00:00.000Z`);
    const since = new Date(midnight - this.offsets(midnight) * 60_000);
    const until = new Date(since.getTime() + 86_400_000 - 1);
    const found: SmsMessage[] = [];
    for (let page = 1, more = true; more; page += 1) {
      const result = await this.options.store.listThread({
        conversationId: conversation.id,
        page,
        perPage: 1000,
        since: since.toISOString(),
        until: until.toISOString(),
      });
      found.push(...result.messages);
      more = result.more;
    }
    return mergeLogMessages(found.filter((m) => !m.deleted && this.dayOf(m.createdAt) === day).map(toLogMessage));
  }
}
