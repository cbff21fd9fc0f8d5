import type { NoticeReason } from '../engine/notices';
import type { MessagesText } from './messages-text';
import type { CrmMatch } from '../crm/crm-record';
import type { SmsMessage } from '../ports/message-store-port';

/** Where a conversation opened from a record came from (Send SMS on a record page). @public */
export interface SmsRecordContext {
  readonly recordId: string;
  readonly objectType: string | null;
  readonly name: string | null;
}

/**
 * One SMS conversation as the softphone keeps it: its number, newest message, the messages of its thread loaded so
 * far, its unread inbound messages, the records its number matched, and what the agent is doing in it (draft, send).
 * @public
 */
export interface ConversationRecord {
  /** RingCentral `conversationId`, or `new:<E.164>` until the first message of a new conversation is sent. */
  id: string;
  /** The other party (E.164). */
  readonly number: string;
  /** RingCentral's name for the other party, when it knows one. */
  rcName: string | null;
  last: SmsMessage | null;
  /** The thread's messages loaded so far, by id. */
  readonly messages: Map<string, SmsMessage>;
  threadPages: number;
  moreOlder: boolean;
  loadingOlder: boolean;
  loadError: MessagesText | null;
  /** End of the thread's paging window (ISO 8601): pages are read over `[start, until]`. */
  threadUntil: string | null;
  readonly unreadIds: Set<string>;
  matchState: 'pending' | 'done' | 'failed';
  matches: readonly CrmMatch[];
  /** The number's entry on the do-not-contact list (ADR 0031), from the same `matchNumbers` answer. */
  doNotContact: { readonly reason: string | null } | null;
  /** The agent chose "Send anyway" to a do-not-call warning for this conversation. */
  doNotCallConfirmed: boolean;
  matchError: NoticeReason | null;
  chosenRecordId: string | null;
  context: SmsRecordContext | null;
  sending: boolean;
  sendError: MessagesText | null;
  retryAt: number | null;
}

/** The prefix of a conversation that has no RingCentral id yet. @public */
export const NEW_CONVERSATION_PREFIX = 'new:';

/**
 * The conversations of the Messages tab, one record each, and the rules that merge what RingCentral reports into
 * them: a message is kept once (by id) in its newest version (`updatedAt`), a conversation's newest message is the
 * latest created, an inbound message is unread until RingCentral says it was read, a deleted message leaves the
 * thread. A message of a number the agent opened as a new conversation adopts that record (its draft, choice and
 * record context move to the RingCentral id).
 * @public
 */
export class ConversationBook {
  private readonly byId = new Map<string, ConversationRecord>();

  all(): ConversationRecord[] {
    return [...this.byId.values()];
  }

  get(id: string): ConversationRecord | null {
    return this.byId.get(id) ?? null;
  }

  byNumber(number: string): ConversationRecord | null {
    let found: ConversationRecord | null = null;
    for (const record of this.byId.values()) {
      if (record.number !== number) continue;
      // A RingCentral conversation wins over a new one of the same number.
      if (!found || found.id.startsWith(NEW_CONVERSATION_PREFIX)) found = record;
    }
    return found;
  }

  /** The conversation of a number, created (as a new conversation) when there is none. */
  ensureNumber(number: string): ConversationRecord {
    return this.byNumber(number) ?? this.add(`${NEW_CONVERSATION_PREFIX}${number}`, number);
  }

  /**
   * Applies one message as RingCentral reported it. Returns the conversation it belongs to and whether the message
   * was new to the book (not a newer version of a known one).
   * @param otherParty reads the other party's number from the message (E.164)
   */
  apply(message: SmsMessage, otherParty: (m: SmsMessage) => string): { record: ConversationRecord; isNew: boolean } {
    let record = this.byId.get(message.conversationId) ?? null;
    if (!record) {
      const number = otherParty(message);
      const fresh = this.byId.get(`${NEW_CONVERSATION_PREFIX}${number}`);
      if (fresh) {
        this.byId.delete(fresh.id);
        fresh.id = message.conversationId;
        this.byId.set(fresh.id, fresh);
        record = fresh;
      } else {
        record = this.add(message.conversationId, number);
      }
    }
    const name = message.direction === 'Inbound' ? message.from.name : (message.to[0]?.name ?? null);
    if (name && !record.rcName) record.rcName = name;
    const known = record.messages.get(message.id) ?? (record.last?.id === message.id ? record.last : undefined);
    const isNew = known === undefined;
    if (known && known.updatedAt > message.updatedAt) return { record, isNew };
    if (message.deleted) {
      record.messages.delete(message.id);
      record.unreadIds.delete(message.id);
      if (record.last?.id === message.id) record.last = newestOf(record.messages);
      return { record, isNew };
    }
    if (record.threadPages > 0 || known) record.messages.set(message.id, message);
    if (!record.last || record.last.id === message.id || isLater(message, record.last)) record.last = message;
    if (message.direction === 'Inbound' && !message.read) record.unreadIds.add(message.id);
    else record.unreadIds.delete(message.id);
    return { record, isNew };
  }

  /** Adds a page of the thread (older messages) to a conversation. */
  addThreadPage(record: ConversationRecord, messages: readonly SmsMessage[], more: boolean): void {
    for (const message of messages) {
      const known = record.messages.get(message.id);
      if (message.deleted || (known && known.updatedAt > message.updatedAt)) continue;
      record.messages.set(message.id, message);
      if (message.direction === 'Inbound' && !message.read) record.unreadIds.add(message.id);
    }
    record.threadPages += 1;
    record.moreOlder = more;
    if (!record.last || (messages[0] && isLater(messages[0], record.last))) record.last = messages[0] ?? record.last;
  }

  /** The thread's messages, oldest first (creation time, then id). */
  thread(record: ConversationRecord): SmsMessage[] {
    return [...record.messages.values()].sort(compareMessages);
  }

  private add(id: string, number: string): ConversationRecord {
    const record: ConversationRecord = {
      id,
      number,
      rcName: null,
      last: null,
      messages: new Map(),
      threadPages: 0,
      moreOlder: !id.startsWith(NEW_CONVERSATION_PREFIX),
      loadingOlder: false,
      loadError: null,
      threadUntil: null,
      unreadIds: new Set(),
      matchState: 'pending',
      doNotContact: null,
      doNotCallConfirmed: false,
      matches: [],
      matchError: null,
      chosenRecordId: null,
      context: null,
      sending: false,
      sendError: null,
      retryAt: null,
    };
    this.byId.set(id, record);
    return record;
  }
}

/** Oldest first: creation time, then id (numeric ids as numbers, as RingCentral assigns them in order). @public */
export function compareMessages(a: SmsMessage, b: SmsMessage): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  const na = Number(a.id);
  const nb = Number(b.id);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isLater(a: SmsMessage, b: SmsMessage): boolean {
  return compareMessages(a, b) > 0;
}

function newestOf(messages: Map<string, SmsMessage>): SmsMessage | null {
  let newest: SmsMessage | null = null;
  for (const message of messages.values()) if (!newest || isLater(message, newest)) newest = message;
  return newest;
}
