import { createHash } from 'node:crypto';
import type { Direction, MessageType, StoredMessage } from './types';

/** Input of {@link MessageStore.add}. */
export interface NewMessage {
  owner: string;
  type: MessageType;
  direction: Direction;
  from: StoredMessage['from'];
  to: StoredMessage['to'];
  subject: string;
  messageStatus: StoredMessage['messageStatus'];
  readStatus?: StoredMessage['readStatus'];
  attachment?: StoredMessage['attachment'];
}

/** Filters of {@link MessageStore.list} (REST `GET …/message-store` query). */
export interface MessageFilter {
  type?: MessageType[];
  direction?: Direction[];
  readStatus?: StoredMessage['readStatus'][];
  availability?: StoredMessage['availability'][];
  conversationId?: string;
  phoneNumber?: string;
  /** Milliseconds since epoch, inclusive. */
  dateFrom?: number;
  dateTo?: number;
  /** Only the newest message of each conversation (REST `distinctConversations=true`). */
  distinctConversations?: boolean;
}

/**
 * All mailboxes (extension message stores and customer-phone inboxes), with a global change sequence used by
 * message sync (`FSync` returns the current sequence as the token; `ISync` returns records changed after it).
 */
export class MessageStore {
  private readonly messages = new Map<string, StoredMessage>();
  private nextId = 1_000_001;
  private sequence = 0;

  constructor(private readonly now: () => number) {}

  /** Stable conversation id for two numbers (order-independent), as a numeric string. */
  static conversationIdFor(a: string, b: string): string {
    const key = [a.replace(/\D/g, ''), b.replace(/\D/g, '')].sort().join(':');
    const hex = createHash('sha256').update(key).digest('hex').slice(0, 13);
    return String(parseInt(hex, 16));
  }

  add(input: NewMessage): StoredMessage {
    const time = this.now();
    const other = input.direction === 'Inbound' ? input.from.phoneNumber : (input.to[0]?.phoneNumber ?? '');
    const self = input.direction === 'Inbound' ? (input.to[0]?.phoneNumber ?? '') : input.from.phoneNumber;
    const message: StoredMessage = {
      id: String(this.nextId++),
      owner: input.owner,
      type: input.type,
      direction: input.direction,
      from: input.from,
      to: input.to,
      subject: input.subject,
      messageStatus: input.messageStatus,
      readStatus: input.readStatus ?? (input.direction === 'Inbound' ? 'Unread' : 'Read'),
      availability: 'Alive',
      creationTime: time,
      lastModifiedTime: time,
      conversationId: MessageStore.conversationIdFor(self, other),
      syncSequence: ++this.sequence,
      ...(input.attachment ? { attachment: input.attachment } : {}),
    };
    this.messages.set(message.id, message);
    return message;
  }

  get(owner: string, id: string): StoredMessage | undefined {
    const message = this.messages.get(id);
    return message && message.owner === owner ? message : undefined;
  }

  /** Applies a change and bumps the sync sequence. Returns the updated message or undefined when not found. */
  update(
    owner: string,
    id: string,
    patch: Partial<Pick<StoredMessage, 'readStatus' | 'messageStatus' | 'availability' | 'deliveryErrorCode'>>,
  ): StoredMessage | undefined {
    const message = this.get(owner, id);
    if (!message) return undefined;
    Object.assign(message, patch, { lastModifiedTime: this.now(), syncSequence: ++this.sequence });
    return message;
  }

  /**
   * Newest first (creation time, then id). Deleted messages are excluded unless `availability` asks for them. With
   * `distinctConversations` only the newest message of each conversation is kept (after the other filters), as the
   * platform answers `GET …/message-store?distinctConversations=true`.
   */
  list(owner: string, filter: MessageFilter = {}): StoredMessage[] {
    const availability = filter.availability ?? ['Alive'];
    const digits = filter.phoneNumber?.replace(/\D/g, '');
    const sorted = [...this.messages.values()]
      .filter((m) => m.owner === owner)
      .filter((m) => availability.includes(m.availability))
      .filter((m) => !filter.type?.length || filter.type.includes(m.type))
      .filter((m) => !filter.direction?.length || filter.direction.includes(m.direction))
      .filter((m) => !filter.readStatus?.length || filter.readStatus.includes(m.readStatus))
      .filter((m) => !filter.conversationId || m.conversationId === filter.conversationId)
      .filter((m) => filter.dateFrom === undefined || m.creationTime >= filter.dateFrom)
      .filter((m) => filter.dateTo === undefined || m.creationTime <= filter.dateTo)
      .filter(
        (m) =>
          !digits ||
          m.from.phoneNumber.replace(/\D/g, '') === digits ||
          m.to.some((t) => t.phoneNumber.replace(/\D/g, '') === digits),
      )
      .sort((a, b) => b.creationTime - a.creationTime || Number(b.id) - Number(a.id));
    if (!filter.distinctConversations) return sorted;
    const seen = new Set<string>();
    return sorted.filter((m) => {
      if (seen.has(m.conversationId)) return false;
      seen.add(m.conversationId);
      return true;
    });
  }

  /** Messages of one owner changed after `sequence` (any availability), oldest change first. */
  changedSince(owner: string, sequence: number): StoredMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.owner === owner && m.syncSequence > sequence)
      .sort((a, b) => a.syncSequence - b.syncSequence);
  }

  /** The current global change sequence (a sync token carries it). */
  currentSequence(): number {
    return this.sequence;
  }

  all(): StoredMessage[] {
    return [...this.messages.values()];
  }

  clear(): void {
    this.messages.clear();
    this.sequence = 0;
    this.nextId = 1_000_001;
  }
}
