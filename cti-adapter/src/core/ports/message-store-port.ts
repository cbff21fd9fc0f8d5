import type { Unsubscribe } from '../support/typed-emitter';

/**
 * The agent's RingCentral message store as the Messages tab needs it: SMS conversations and threads paged backwards
 * without a date cap, sending, read status, and the changes that arrive while the softphone runs. Implemented by the
 * RingCentral layer (`src/ringcentral/messages/`) over `GET …/message-store` (`distinctConversations`, `conversationId`,
 * paging), `POST …/sms`, `PUT …/message-store/{id}`, `GET …/message-sync` and the message-store event filters of the
 * page's one WebSocket subscription (RingCentral API Reference, "Message Store" and "SMS"). Every method rejects with
 * a {@link MessageStoreError}.
 * @public
 */
export interface MessageStorePort {
  /**
   * The newest message of each SMS conversation, newest first, among the messages created up to `until` (ISO 8601):
   * page `page` (1-based) of `perPage`. `more` tells whether an older page exists.
   */
  listConversations(request: {
    readonly page: number;
    readonly perPage: number;
    readonly until: string;
  }): Promise<SmsPage>;
  /**
   * The messages of one conversation created in `[since, until]` (ISO 8601; `since` omitted = from the start of the
   * history), newest first, page `page` of `perPage`.
   */
  listThread(request: {
    readonly conversationId: string;
    readonly page: number;
    readonly perPage: number;
    readonly until: string;
    readonly since?: string;
  }): Promise<SmsPage>;
  /** Unread inbound SMS created up to `until`, newest first, page `page` of `perPage` (the unread counts at start). */
  listUnread(request: { readonly page: number; readonly perPage: number; readonly until: string }): Promise<SmsPage>;
  /** Sends one SMS (`from`: one of {@link MessageStorePort.listSenders}; `to`: E.164; 1–1000 characters). */
  send(request: { readonly from: string; readonly to: string; readonly text: string }): Promise<SmsMessage>;
  /** Marks messages read (`readStatus: Read`); resolves with those the platform updated. */
  markRead(messageIds: readonly string[]): Promise<SmsMessage[]>;
  /** A token for {@link MessageStorePort.changesSince} covering everything up to now (full sync of one record). */
  syncToken(): Promise<string>;
  /** Messages created or changed (status, read, deleted) after `token`, oldest change first, and the next token. */
  changesSince(
    token: string,
  ): Promise<{ readonly messages: readonly SmsMessage[]; readonly token: string; readonly more: boolean }>;
  /** The extension's numbers that may send SMS (`features` contains `SmsSender`), the primary one first. */
  listSenders(): Promise<SmsSender[]>;
  /**
   * `message`: an inbound SMS as it arrives (instant message event); `changed`: the store changed (a status, a read
   * mark, a new message) — read the changes with {@link MessageStorePort.changesSince}; `lost`: events may have been
   * missed (the subscription recovered without its buffer, or was down) — sync as well.
   */
  on<K extends keyof MessageStoreEventMap>(type: K, listener: (event: MessageStoreEventMap[K]) => void): Unsubscribe;
}

/** Events of {@link MessageStorePort}. @public */
export interface MessageStoreEventMap {
  message: SmsMessage;
  changed: { readonly newMessageIds: readonly string[] };
  lost: Record<string, never>;
}

/**
 * An SMS as the softphone keeps it (RingCentral `GetMessageInfoResponse` of `type: SMS`). Times ISO 8601 UTC.
 * @public
 */
export interface SmsMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly direction: 'Inbound' | 'Outbound';
  readonly from: SmsParty;
  readonly to: readonly SmsParty[];
  /** The message text as sent (plain text; never markup). */
  readonly text: string;
  readonly status: SmsStatus;
  readonly read: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Why an outbound message failed (`deliveryErrorCode`, e.g. `SMS-RC-413`), else `null`. */
  readonly errorCode: string | null;
  /** The message was deleted in RingCentral (`availability` other than `Alive`). */
  readonly deleted: boolean;
}

/** One end of an SMS: a number (E.164) and the name RingCentral knows for it. @public */
export interface SmsParty {
  readonly phoneNumber: string;
  readonly name: string | null;
}

/**
 * RingCentral's `messageStatus` of an SMS: outbound `Queued` → `Sent` → `Delivered`, or `DeliveryFailed` (the carrier
 * refused it) / `SendingFailed` (it never left RingCentral); inbound `Received`.
 * @public
 */
export type SmsStatus = 'Queued' | 'Sent' | 'Delivered' | 'DeliveryFailed' | 'SendingFailed' | 'Received';

/** One page of messages, newest first. @public */
export interface SmsPage {
  readonly messages: readonly SmsMessage[];
  /** An older page exists. */
  readonly more: boolean;
}

/** A number of the extension that may send SMS. @public */
export interface SmsSender {
  /** E.164. */
  readonly phoneNumber: string;
  /** `DirectNumber`, `MainCompanyNumber`, … (RingCentral `usageType`). */
  readonly usageType: string;
  readonly primary: boolean;
}

/**
 * Why a message-store request failed, in words the core acts on:
 * - `RATE_LIMITED`: 429; nothing was done; retry after `retryAfterSeconds`;
 * - `UNAVAILABLE`: 5xx; for a send, RingCentral may or may not have taken the message (`ambiguous`);
 * - `NETWORK`: no answer; for a send, ambiguous as well;
 * - `REFUSED`: 4xx other than 429 (a bad number, a sender that may not send SMS, text too long): nothing was done,
 *   retrying the same request cannot help;
 * - `AUTH`: the RingCentral login is gone.
 * @public
 */
export class MessageStoreError extends Error {
  override readonly name = 'MessageStoreError';

  constructor(
    readonly code: 'RATE_LIMITED' | 'UNAVAILABLE' | 'NETWORK' | 'REFUSED' | 'AUTH',
    message: string,
    /** The platform's error code (`MSG-246`, `CMN-301`, …) when it sent one. */
    readonly platformCode: string | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  /** A send that failed this way may have reached RingCentral: check the store before sending again. */
  get ambiguous(): boolean {
    return this.code === 'UNAVAILABLE' || this.code === 'NETWORK';
  }

  /** Worth retrying later. */
  get transient(): boolean {
    return this.code === 'RATE_LIMITED' || this.code === 'UNAVAILABLE' || this.code === 'NETWORK';
  }
}
