import {
  MessageStoreError,
  type MessageStoreEventMap,
  type MessageStorePort,
  type SmsMessage,
  type SmsPage,
  type SmsSender,
  type SmsStatus,
} from '../../core/ports/message-store-port';
import { TypedEmitter, type Unsubscribe } from '../../core/support/typed-emitter';
import { RingCentralApiError } from '../rest/ringcentral-api-error';
import type { QueryValue, RingCentralApi } from '../rest/ringcentral-api';
import type { RingCentralSubscriptionEventMap } from '../subscriptions/ringcentral-subscription';
import type { RcMessage } from '../subscriptions/ringcentral-event-types';

const EXTENSION = '/restapi/v1.0/account/~/extension/~';
const STORE_PATH = `${EXTENSION}/message-store`;
const SYNC_PATH = `${EXTENSION}/message-sync`;
const SMS_PATH = `${EXTENSION}/sms`;
const PHONE_NUMBER_PATH = `${EXTENSION}/phone-number`;
/** RingCentral's most records per page of a message-store list. */
const MAX_PER_PAGE = 1000;
const STATUSES: readonly SmsStatus[] = ['Queued', 'Sent', 'Delivered', 'DeliveryFailed', 'SendingFailed', 'Received'];

/** The events {@link RingCentralMessageStore} follows: the page's one subscription (or a buffer of it). @public */
export interface MessageEventSource {
  on(type: 'messages', listener: (event: RingCentralSubscriptionEventMap['messages']) => void): Unsubscribe;
  on(type: 'state', listener: (event: RingCentralSubscriptionEventMap['state']) => void): Unsubscribe;
}

/** @public */
export interface RingCentralMessageStoreOptions {
  readonly api: RingCentralApi;
  /** Message-store notifications and the connection state (the page's `RingCentralSubscription`); none in tests. */
  readonly events?: MessageEventSource | null;
  /**
   * How far back the history goes (ISO 8601): the `dateFrom` of every list. Default 2000-01-01: RingCentral's
   * message-store lists default to the last 24 hours, and the products agents compare with stop at 7 days / 250
   * messages; the softphone pages back to whatever the store keeps.
   */
  readonly historyStart?: string;
  readonly onListenerError?: (error: unknown) => void;
}

/**
 * {@link MessageStorePort} over RingCentral REST: conversations are `GET …/message-store?messageType=SMS&
 * distinctConversations=true` (the newest message of each conversation), a thread `…&conversationId=…`, both newest
 * first with `page`/`perPage` over a fixed `dateTo` (so new messages never shift the pages being read) and `dateFrom`
 * at {@link RingCentralMessageStoreOptions.historyStart}; sending is `POST …/sms`; read marks `PUT …/message-store/{id}`
 * `{readStatus: "Read"}`; changes `GET …/message-sync` (`ISync` with the token of a one-record `FSync`). Inbound SMS
 * come from the subscription's instant SMS event; the store's change notices (delivery status, read marks elsewhere)
 * and a recovery that lost events are passed on as `changed` / `lost` for the caller to sync.
 * Errors: {@link MessageStoreError} (429 → `RATE_LIMITED` with `Retry-After`, 5xx → `UNAVAILABLE`, no answer →
 * `NETWORK`, 401 → `AUTH`, other 4xx → `REFUSED` with the platform's message).
 * @public
 */
export class RingCentralMessageStore implements MessageStorePort {
  private readonly emitter: TypedEmitter<MessageStoreEventMap>;
  private readonly historyStart: string;
  private readonly unsubscribes: Unsubscribe[] = [];

  constructor(private readonly options: RingCentralMessageStoreOptions) {
    this.emitter = new TypedEmitter(options.onListenerError);
    this.historyStart = options.historyStart ?? '2000-01-01T00:00:00.000Z';
    const events = options.events;
    if (events) {
      this.unsubscribes.push(
        events.on('messages', (event) => {
          if (event.kind === 'instant') {
            const message = toSmsMessage(event.message);
            if (message && message.direction === 'Inbound') this.emitter.emit('message', message);
            return;
          }
          const sms = event.changes.filter((c) => c.type === 'SMS');
          if (sms.length === 0) return;
          this.emitter.emit('changed', {
            newMessageIds: sms.flatMap((c) => (c.newMessageIds ?? []).map(String)),
          });
        }),
        events.on('state', (state) => {
          if (state.state === 'recovered' && state.lostEvents) this.emitter.emit('lost', {});
        }),
      );
    }
  }

  on<K extends keyof MessageStoreEventMap>(type: K, listener: (event: MessageStoreEventMap[K]) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  /** Stops following the subscription. */
  dispose(): void {
    for (const off of this.unsubscribes.splice(0)) off();
  }

  listConversations(request: { page: number; perPage: number; until: string }): Promise<SmsPage> {
    return this.list({ distinctConversations: true }, request);
  }

  listThread(request: {
    conversationId: string;
    page: number;
    perPage: number;
    until: string;
    since?: string;
  }): Promise<SmsPage> {
    return this.list({ conversationId: request.conversationId }, request);
  }

  listUnread(request: { page: number; perPage: number; until: string }): Promise<SmsPage> {
    return this.list({ readStatus: 'Unread', direction: 'Inbound' }, request);
  }

  async send(request: { from: string; to: string; text: string }): Promise<SmsMessage> {
    const body = await this.call(() =>
      this.options.api.post<RcMessage>(SMS_PATH, {
        from: { phoneNumber: request.from },
        to: [{ phoneNumber: request.to }],
        text: request.text,
      }),
    );
    const message = toSmsMessage(body);
    if (!message) throw new MessageStoreError('UNAVAILABLE', 'RingCentral answered the send without a message.');
    return message;
  }

  async markRead(messageIds: readonly string[]): Promise<SmsMessage[]> {
    const updated: SmsMessage[] = [];
    for (const id of messageIds) {
      const body = await this.call(() =>
        this.options.api.put<RcMessage>(`${STORE_PATH}/${encodeURIComponent(id)}`, { readStatus: 'Read' }),
      );
      const message = toSmsMessage(body);
      if (message) updated.push(message);
    }
    return updated;
  }

  async syncToken(): Promise<string> {
    const body = await this.call(() =>
      this.options.api.get<SyncBody>(SYNC_PATH, { syncType: 'FSync', messageType: 'SMS', recordCount: 1 }),
    );
    const token = body.syncInfo?.syncToken;
    if (!token) throw new MessageStoreError('UNAVAILABLE', 'RingCentral answered the message sync without a token.');
    return token;
  }

  async changesSince(token: string): Promise<{ messages: SmsMessage[]; token: string; more: boolean }> {
    const recordCount = 250;
    const body = await this.call(() =>
      this.options.api.get<SyncBody>(SYNC_PATH, { syncType: 'ISync', syncToken: token, recordCount }),
    );
    const records = body.records ?? [];
    const messages = records
      .filter((r) => (r.type ?? 'SMS') === 'SMS')
      .map(toSmsMessage)
      .filter((m): m is SmsMessage => m !== null);
    return { messages, token: body.syncInfo?.syncToken ?? token, more: records.length >= recordCount };
  }

  async listSenders(): Promise<SmsSender[]> {
    const body = await this.call(() =>
      this.options.api.get<{
        records?: { phoneNumber?: string; usageType?: string; primary?: boolean; features?: string[] }[];
      }>(PHONE_NUMBER_PATH, { perPage: 100 }),
    );
    return (body.records ?? [])
      .filter((r) => r.phoneNumber && r.features?.includes('SmsSender'))
      .map((r) => ({
        phoneNumber: r.phoneNumber as string,
        usageType: r.usageType ?? 'DirectNumber',
        primary: r.primary === true,
      }))
      .sort((a, b) => Number(b.primary) - Number(a.primary));
  }

  private async list(
    filter: Record<string, QueryValue>,
    request: { page: number; perPage: number; until: string; since?: string },
  ): Promise<SmsPage> {
    const perPage = Math.max(1, Math.min(MAX_PER_PAGE, Math.floor(request.perPage)));
    const page = Math.max(1, Math.floor(request.page));
    const body = await this.call(() =>
      this.options.api.get<ListBody>(STORE_PATH, {
        messageType: 'SMS',
        ...filter,
        dateFrom: request.since ?? this.historyStart,
        dateTo: request.until,
        page,
        perPage,
      }),
    );
    const messages = (body.records ?? []).map(toSmsMessage).filter((m): m is SmsMessage => m !== null);
    const totalPages = body.paging?.totalPages;
    const more =
      body.navigation?.nextPage !== undefined ||
      (typeof totalPages === 'number' ? page < totalPages : (body.records ?? []).length >= perPage);
    return { messages, more };
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toMessageStoreError(error);
    }
  }
}

interface ListBody {
  readonly records?: readonly RcMessage[];
  readonly paging?: { readonly page?: number; readonly totalPages?: number };
  readonly navigation?: { readonly nextPage?: { readonly uri: string } };
}

interface SyncBody {
  readonly records?: readonly RcMessage[];
  readonly syncInfo?: { readonly syncToken?: string; readonly olderRecordsExist?: boolean };
}

/**
 * A RingCentral message record as the core's {@link SmsMessage}; `null` for a record without an id or conversation
 * (not an SMS the softphone can show). Numbers are kept as RingCentral gives them (E.164). @internal
 */
export function toSmsMessage(record: RcMessage | null | undefined): SmsMessage | null {
  if (!record || record.id === undefined || record.id === null) return null;
  const conversationId = record.conversationId ?? record.conversation?.id;
  if (conversationId === undefined || conversationId === null) return null;
  const status = (STATUSES as readonly string[]).includes(record.messageStatus ?? '')
    ? (record.messageStatus as SmsStatus)
    : record.direction === 'Inbound'
      ? 'Received'
      : 'Queued';
  const createdAt = record.creationTime ?? new Date(0).toISOString();
  return {
    id: String(record.id),
    conversationId: String(conversationId),
    direction: record.direction === 'Inbound' ? 'Inbound' : 'Outbound',
    from: { phoneNumber: record.from?.phoneNumber ?? '', name: record.from?.name ?? null },
    to: (record.to ?? []).map((t) => ({ phoneNumber: t.phoneNumber ?? '', name: t.name ?? null })),
    text: typeof record.subject === 'string' ? record.subject : '',
    status,
    read: record.readStatus !== 'Unread',
    createdAt,
    updatedAt: record.lastModifiedTime ?? createdAt,
    errorCode: record.deliveryErrorCode ?? null,
    deleted: record.availability !== undefined && record.availability !== 'Alive',
  };
}

/** What the RingCentral layer threw, in the port's words. @internal */
export function toMessageStoreError(error: unknown): MessageStoreError {
  if (error instanceof MessageStoreError) return error;
  if (!(error instanceof RingCentralApiError)) {
    return new MessageStoreError('NETWORK', error instanceof Error ? error.message : String(error));
  }
  const { status, errorCode, message, retryAfterSeconds } = error;
  if (status === null) return new MessageStoreError('NETWORK', 'RingCentral could not be reached.', errorCode);
  if (status === 429) {
    return new MessageStoreError(
      'RATE_LIMITED',
      'RingCentral is limiting requests right now.',
      errorCode,
      retryAfterSeconds ?? 60,
    );
  }
  if (status >= 500) return new MessageStoreError('UNAVAILABLE', 'RingCentral is unavailable right now.', errorCode);
  if (status === 401)
    return new MessageStoreError('AUTH', 'The RingCentral sign-in has ended. Sign in again.', errorCode);
  return new MessageStoreError('REFUSED', message, errorCode);
}
