import {
  MessageStoreError,
  type MessageStoreEventMap,
  type MessageStorePort,
  type SmsMessage,
  type SmsPage,
  type SmsSender,
} from '../../ports/message-store-port';
import { TypedEmitter, type Unsubscribe } from '../../support/typed-emitter';

/**
 * In-memory {@link MessageStorePort} with the platform's rules the core relies on: newest-first lists paged over a
 * fixed `until`, `distinctConversations`, one conversation id per pair of numbers, a change log for `changesSince`
 * (every add or update, oldest first), read marks. `inbound()` plays a customer's SMS (instant event + change notice,
 * unless `silent`); `failSend()` makes the next sends fail; `holdSends()` keeps them in flight until `release()`.
 */
export class FakeMessageStore implements MessageStorePort {
  readonly agentNumber = '+16505550100';
  readonly requests: { method: string; request: unknown }[] = [];
  private readonly emitter = new TypedEmitter<MessageStoreEventMap>();
  private readonly messages = new Map<string, SmsMessage>();
  private readonly changes: string[] = [];
  private seq = 1000;
  private sendFailures: MessageStoreError[] = [];
  /** A send that fails after RingCentral took the message (5xx lost answer). */
  private acceptThenFail: MessageStoreError | null = null;
  private held: (() => void)[] | null = null;
  senders: SmsSender[] = [{ phoneNumber: '+16505550100', usageType: 'DirectNumber', primary: true }];
  syncFailures = 0;

  constructor(private readonly now: () => number) {}

  on<K extends keyof MessageStoreEventMap>(type: K, listener: (event: MessageStoreEventMap[K]) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  /** A customer's SMS to the agent, `ageMs` ago. */
  inbound(from: string, text: string, options: { ageMs?: number; silent?: boolean; read?: boolean } = {}): SmsMessage {
    const message = this.add({
      direction: 'Inbound',
      other: from,
      text,
      ageMs: options.ageMs ?? 0,
      read: options.read ?? false,
    });
    if (!options.silent) {
      this.emitter.emit('message', message);
      this.emitter.emit('changed', { newMessageIds: [message.id] });
    }
    return message;
  }

  /** An SMS the agent sent earlier (another device), `ageMs` ago. */
  outbound(to: string, text: string, ageMs = 0): SmsMessage {
    return this.add({ direction: 'Outbound', other: to, text, ageMs, read: true });
  }

  /** Changes a message's delivery status (a carrier receipt) and notifies. */
  setStatus(id: string, status: SmsMessage['status'], errorCode: string | null = null): void {
    this.update(id, { status, errorCode });
    this.emitter.emit('changed', { newMessageIds: [] });
  }

  emitLost(): void {
    this.emitter.emit('lost', {});
  }

  failSend(error: MessageStoreError): void {
    this.sendFailures.push(error);
  }

  /** The next send reaches RingCentral (the message exists) but its answer is lost with `error`. */
  acceptThenLoseAnswer(error: MessageStoreError): void {
    this.acceptThenFail = error;
  }

  holdSends(): void {
    this.held = [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const resume of held) resume();
  }

  count(method: string): number {
    return this.requests.filter((r) => r.method === method).length;
  }

  all(): SmsMessage[] {
    return [...this.messages.values()];
  }

  conversationIdFor(number: string): string {
    return `c${number.replace(/\D/g, '')}`;
  }

  async listConversations(request: { page: number; perPage: number; until: string }): Promise<SmsPage> {
    this.requests.push({ method: 'listConversations', request });
    const seen = new Set<string>();
    const latest = this.sorted(request.until).filter((m) => !seen.has(m.conversationId) && seen.add(m.conversationId));
    return this.page(latest, request);
  }

  async listThread(request: {
    conversationId: string;
    page: number;
    perPage: number;
    until: string;
    since?: string;
  }): Promise<SmsPage> {
    this.requests.push({ method: 'listThread', request });
    return this.page(
      this.sorted(request.until).filter(
        (m) => m.conversationId === request.conversationId && (!request.since || m.createdAt >= request.since),
      ),
      request,
    );
  }

  async listUnread(request: { page: number; perPage: number; until: string }): Promise<SmsPage> {
    this.requests.push({ method: 'listUnread', request });
    return this.page(
      this.sorted(request.until).filter((m) => m.direction === 'Inbound' && !m.read),
      request,
    );
  }

  async send(request: { from: string; to: string; text: string }): Promise<SmsMessage> {
    this.requests.push({ method: 'send', request });
    if (this.held) await new Promise<void>((resolve) => this.held?.push(resolve));
    const failure = this.sendFailures.shift();
    if (failure) throw failure;
    const message = this.add({
      direction: 'Outbound',
      other: request.to,
      text: request.text,
      ageMs: 0,
      read: true,
      status: 'Queued',
    });
    if (this.acceptThenFail) {
      const lost = this.acceptThenFail;
      this.acceptThenFail = null;
      throw lost;
    }
    return message;
  }

  async markRead(ids: readonly string[]): Promise<SmsMessage[]> {
    this.requests.push({ method: 'markRead', request: ids });
    return ids.map((id) => this.update(id, { read: true })).filter((m): m is SmsMessage => m !== null);
  }

  async syncToken(): Promise<string> {
    this.requests.push({ method: 'syncToken', request: null });
    return String(this.changes.length);
  }

  async changesSince(token: string): Promise<{ messages: SmsMessage[]; token: string; more: boolean }> {
    this.requests.push({ method: 'changesSince', request: token });
    if (this.syncFailures > 0) {
      this.syncFailures -= 1;
      throw new MessageStoreError('UNAVAILABLE', 'sync down');
    }
    const ids = this.changes.slice(Number(token));
    const unique = [...new Set(ids)];
    return {
      messages: unique.map((id) => this.messages.get(id)).filter((m): m is SmsMessage => m !== undefined),
      token: String(this.changes.length),
      more: false,
    };
  }

  async listSenders(): Promise<SmsSender[]> {
    this.requests.push({ method: 'listSenders', request: null });
    return this.senders;
  }

  private add(input: {
    direction: 'Inbound' | 'Outbound';
    other: string;
    text: string;
    ageMs: number;
    read: boolean;
    status?: SmsMessage['status'];
  }): SmsMessage {
    const at = new Date(this.now() - input.ageMs).toISOString();
    const agent = { phoneNumber: this.agentNumber, name: 'Alex Agent' };
    const other = { phoneNumber: input.other, name: null };
    const message: SmsMessage = {
      id: String(++this.seq),
      conversationId: this.conversationIdFor(input.other),
      direction: input.direction,
      from: input.direction === 'Inbound' ? other : agent,
      to: [input.direction === 'Inbound' ? agent : other],
      text: input.text,
      status: input.status ?? (input.direction === 'Inbound' ? 'Received' : 'Delivered'),
      read: input.read,
      createdAt: at,
      updatedAt: at,
      errorCode: null,
      deleted: false,
    };
    this.messages.set(message.id, message);
    this.changes.push(message.id);
    return message;
  }

  private update(id: string, patch: Partial<SmsMessage>): SmsMessage | null {
    const message = this.messages.get(id);
    if (!message) return null;
    const updated = {
      ...message,
      ...patch,
      updatedAt: new Date(Math.max(this.now(), Date.parse(message.updatedAt) + 1)).toISOString(),
    };
    this.messages.set(id, updated);
    this.changes.push(id);
    return updated;
  }

  private sorted(until: string): SmsMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.createdAt <= until && !m.deleted)
      .sort((a, b) => (a.createdAt === b.createdAt ? Number(b.id) - Number(a.id) : a.createdAt < b.createdAt ? 1 : -1));
  }

  private page(all: SmsMessage[], request: { page: number; perPage: number }): SmsPage {
    const start = (request.page - 1) * request.perPage;
    return { messages: all.slice(start, start + request.perPage), more: start + request.perPage < all.length };
  }
}
