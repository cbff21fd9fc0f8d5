import { CrmError } from '../crm/crm-error';
import type { CrmMatch } from '../crm/crm-record';
import { reasonOf, type NoticeCode, type NoticeParams, type NoticeReason } from '../engine/notices';
import { Turns } from '../engine/turns';
import type { PhoneNumber } from '../phone-number/phone-number';
import { PhoneNumberCache } from '../phone-number/phone-number-cache';
import { phoneNumberMetadata } from '../phone-number/phone-number-metadata';
import { systemClock, type Clock, type TimerHandle } from '../ports/clock';
import type { CrmGateway } from '../ports/crm-gateway';
import type { KeyValueStore } from '../ports/key-value-store';
import { MessageStoreError, type MessageStorePort, type SmsMessage, type SmsSender } from '../ports/message-store-port';
import type { SmsTemplateGateway, SmsTemplateList } from '../ports/sms-template-port';
import type { Settings } from '../settings/settings';
import { checkShape, nullable, object, record, string } from '../support/shape';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';
import {
  ConversationBook,
  NEW_CONVERSATION_PREFIX,
  type ConversationRecord,
  type SmsRecordContext,
} from './conversation-book';
import type {
  ConversationView,
  MatchState,
  MessagesNotice,
  MessagesState,
  NotePromptView,
  ThreadLogView,
  ThreadView,
} from './messages-state';
import { smsConsent, type SmsConsent } from './sms-consent';
import { SmsLogFlow } from './sms-log-flow';
import { SmsLogOutbox, type SmsLogGateway } from './sms-log-outbox';
import { MAX_SMS_NOTE, newSmsNoteId, smsNote, SmsNoteShelf } from './sms-notes';
import { composeSms, MAX_SMS_LENGTH } from './sms-text';
import { messagesText, MessagesTextError, messagesTextOf, type MessagesText } from './messages-text';

/** Events of {@link MessagingService}. @public */
export interface MessagingEventMap {
  state: MessagesState;
  /** A message RingCentral reported for the first time (inbound or outbound, from any device). */
  message: { readonly message: SmsMessage; readonly conversationId: string };
  /** The agent sent a message from this softphone. */
  sent: { readonly message: SmsMessage; readonly conversationId: string };
  /** The unread count changed (the tab's and the utility item's badge). */
  unread: number;
}

/** Options of {@link MessagingService}. @public */
export interface MessagingServiceOptions {
  readonly store: MessageStorePort;
  /** The page's CRM gateway: `matchNumbers` with `sms: true`, up to 10 numbers per round trip. */
  readonly crm: Pick<CrmGateway, 'matchNumbers'>;
  /** The agent's storage (drafts, chosen sender, record choices survive a reload). */
  readonly kv: KeyValueStore;
  /** The settings in force (default region for reading numbers, SMS logging). */
  readonly settings: () => Pick<
    Settings,
    'defaultRegion' | 'autoLogSms' | 'personAccountAssociation' | 'autoFillRelatedTo' | 'smsNotesPrompt' | 'dncSmsMode'
  >;
  /** The `upsertSmsLogs` endpoint: SMS logging through the durable outbox (none: no logging, e.g. in tests). */
  readonly logs?: SmsLogGateway;
  /** SMS templates stored in Salesforce (none: the compose box offers no templates, e.g. in tests). */
  readonly templates?: Pick<SmsTemplateGateway, 'list'>;
  /** Minutes to add to UTC for the agent's time zone at a time (default: the host's). */
  readonly utcOffsetMinutes?: (epochMs: number) => number;
  readonly clock?: Clock;
  /** Makes a note's id (default {@link newSmsNoteId}: `note-` and 32 hexadecimal digits from `crypto`). */
  readonly noteId?: () => string;
  /** Conversations per page (default 30). */
  readonly conversationsPerPage?: number;
  /** Messages per thread page (default 100). */
  readonly messagesPerPage?: number;
}

const STATE_KEY = 'softphone.sms.state';
const MATCH_BATCH = 10;
/** Longest wait between two attempts to read the store's changes after a failure. */
const MAX_SYNC_BACKOFF_MS = 60_000;

const storedShape = object({
  sender: nullable(string),
  drafts: record(string),
  choices: record(string),
});

/**
 * The application service of the Messages tab (host-independent, like the call engine, ADR 0001; lazy-loaded,
 * ADR 0019): conversations and threads read from the RingCentral message store and paged back on demand, inbound
 * messages in real time (the instant SMS event; delivery and read changes through the store's incremental sync),
 * unread counts and read marks, the compose box (segments, sender), matching of each conversation's number with the
 * package's one-round-trip `matchNumbers` (10 numbers per round trip, SMS consent facts included) and the consent
 * rules ({@link smsConsent}).
 *
 * Sending never sends twice: Send is refused while a send is in flight; a 429 keeps the draft and disables Send until
 * `Retry-After` passes; a failure that may have reached RingCentral (5xx, no answer) is checked against the store's
 * changes before the agent is told it was not sent. The draft stays until RingCentral took the message.
 *
 * Every event, command and answer is one turn: the state is rebuilt and published once at its end.
 * @public
 */
export class MessagingService {
  private readonly store: MessageStorePort;
  private readonly crm: Pick<CrmGateway, 'matchNumbers'>;
  private readonly kv: KeyValueStore;
  private readonly clock: Clock;
  private readonly book = new ConversationBook();
  private readonly phones = new PhoneNumberCache();
  private readonly events = new TypedEmitter<MessagingEventMap>();
  private readonly turns = new Turns(() => this.commit());
  private readonly subscriptions: Unsubscribe[] = [];
  private readonly conversationsPerPage: number;
  private readonly messagesPerPage: number;
  private status: MessagesState['status'] = 'starting';
  private problem: MessagesText | null = null;
  private conversationPages = 0;
  private moreConversations = false;
  private loadingConversations = false;
  /** End of the conversation list's paging window (ISO 8601), fixed at start. */
  private listUntil: string | null = null;
  private senders: readonly SmsSender[] = [];
  private sender: string | null = null;
  private drafts: Record<string, string> = {};
  private choices: Record<string, string> = {};
  private openId: string | null = null;
  private viewing = false;
  /** Who shows the Messages tab: this page's panel (`''`) and follower tabs by id (ADR 0028, fifth amendment). */
  private readonly viewers = new Set<string>();
  private notices: MessagesNotice[] = [];
  private noticeSeq = 0;
  private syncToken: string | null = null;
  private syncing: Promise<boolean> | null = null;
  private syncAgain = false;
  private syncFailures = 0;
  private syncTimer: TimerHandle | null = null;
  private readonly matchQueue = new Set<string>();
  private matchTimer: TimerHandle | null = null;
  private retryTimers = new Map<string, TimerHandle>();
  private lastUnread = -1;
  private started = false;
  private readonly logging: SmsLogFlow | null;
  /** Open note prompts by conversation id (setting `smsNotesPrompt`): the day the note goes to, the last error. */
  private readonly notePrompts = new Map<string, { day: string; error: MessagesText | null }>();
  private state: MessagesState;

  constructor(private readonly options: MessagingServiceOptions) {
    this.store = options.store;
    this.crm = options.crm;
    this.kv = options.kv;
    this.clock = options.clock ?? systemClock;
    this.conversationsPerPage = options.conversationsPerPage ?? 30;
    this.messagesPerPage = options.messagesPerPage ?? 100;
    this.logging = options.logs
      ? new SmsLogFlow({
          source: this,
          store: this.store,
          outbox: new SmsLogOutbox({ gateway: options.logs, store: this.kv, clock: this.clock }),
          notes: new SmsNoteShelf(this.kv),
          settings: options.settings,
          clock: this.clock,
          ...(options.utcOffsetMinutes ? { utcOffsetMinutes: options.utcOffsetMinutes } : {}),
          changed: () => this.turns.changed(),
        })
      : null;
    this.readStored();
    this.state = this.buildState();
  }

  // ---------------------------------------------------------------------------------------------- lifecycle

  /**
   * Reads the SMS senders, a sync token, the unread messages and the first page of conversations (in parallel), then
   * matches the conversations' numbers and follows the store's events. Never rejects: a failure becomes `problem`.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.subscriptions.push(
      this.store.on('message', (message) => this.turns.run(() => this.receive(message))),
      this.store.on('changed', () => void this.sync()),
      this.store.on('lost', () => void this.sync()),
      // Numbers read before the number formats arrived (ADR 0018) show again, formatted.
      phoneNumberMetadata.onFormatsLoaded(() => this.turns.run(() => this.turns.changed())),
    );
    // The number rules (a lazy chunk requested as the engine starts, ADR 0018): the conversations' numbers are matched
    // with them, so they load with the first page (at once when here; a failed load leaves the numbers as given).
    const rules = phoneNumberMetadata.ready ? null : phoneNumberMetadata.whenReady().catch(() => undefined);
    this.logging?.start();
    const until = this.isoNow(1000);
    this.listUntil = until;
    this.loadingConversations = true;
    this.turns.changed();
    const [senders, token, unread, first] = await Promise.allSettled([
      this.store.listSenders(),
      this.store.syncToken(),
      this.readUnread(until),
      this.store.listConversations({ page: 1, perPage: this.conversationsPerPage, until }),
    ]);
    if (rules) await rules;
    this.turns.run(() => {
      this.loadingConversations = false;
      if (senders.status === 'fulfilled') this.applySenders(senders.value);
      if (token.status === 'fulfilled') this.syncToken = token.value;
      if (unread.status === 'fulfilled') for (const message of unread.value) this.apply(message);
      if (first.status === 'fulfilled') {
        this.conversationPages = 1;
        this.moreConversations = first.value.more;
        for (const message of first.value.messages) this.apply(message);
        this.status = 'ready';
        this.problem = null;
      } else {
        this.status = 'unavailable';
        const reason = reasonOf(first.reason);
        this.problem = messagesText(
          'MESSAGES_UNREADABLE',
          `Your messages could not be read: ${reason.message}`,
          reason,
        );
      }
      this.turns.changed();
    });
    // A message that arrived between the token and the lists is read again by the first sync: nothing is lost.
    if (this.syncToken) void this.sync();
  }

  /** Stops listening and timers. */
  dispose(): void {
    for (const off of this.subscriptions.splice(0)) off();
    this.logging?.dispose();
    for (const timer of [this.syncTimer, this.matchTimer, ...this.retryTimers.values()]) {
      if (timer !== null) this.clock.clearTimeout(timer);
    }
    this.retryTimers.clear();
  }

  getState(): MessagesState {
    return this.state;
  }

  /** Calls `listener` with every new state (not the current one). */
  subscribe(listener: (state: MessagesState) => void): Unsubscribe {
    return this.events.on('state', listener);
  }

  on<K extends keyof MessagingEventMap>(type: K, listener: (event: MessagingEventMap[K]) => void): Unsubscribe {
    return this.events.on(type, listener);
  }

  // ---------------------------------------------------------------------------------------------- conversations

  /** Reads the next page of older conversations. */
  async loadMoreConversations(): Promise<void> {
    if (this.loadingConversations || !this.moreConversations || !this.listUntil) return;
    this.turns.run(() => {
      this.loadingConversations = true;
      this.turns.changed();
    });
    try {
      const page = await this.store.listConversations({
        page: this.conversationPages + 1,
        perPage: this.conversationsPerPage,
        until: this.listUntil,
      });
      this.turns.run(() => {
        this.conversationPages += 1;
        this.moreConversations = page.more;
        for (const message of page.messages) this.apply(message);
      });
    } catch (error) {
      const message = `Older conversations could not be read: ${errorText(error)}`;
      this.notify('warning', 'CONVERSATIONS_FAILED', message, reasonOf(error));
    } finally {
      this.turns.run(() => {
        this.loadingConversations = false;
        this.turns.changed();
      });
    }
  }

  /** Shows a conversation: reads its newest messages the first time and marks its unread messages read. */
  async open(conversationId: string): Promise<void> {
    const conversation = this.book.get(conversationId);
    if (!conversation) return;
    this.turns.run(() => {
      this.openId = conversation.id;
      this.turns.changed();
    });
    this.matchSoon(conversation);
    if (conversation.threadPages === 0 && !conversation.id.startsWith(NEW_CONVERSATION_PREFIX)) {
      await this.loadOlder();
    }
    await this.markOpenRead();
  }

  /**
   * Opens the conversation with a number (typed, or from a record's Send SMS): the existing one, or a new one that
   * becomes a RingCentral conversation with its first message. `context` is the record texted from: it is the
   * conversation's record (Who of its log) when the number matches it.
   * @returns the conversation's id
   * @throws Error when `number` is no phone number
   */
  async openNumber(number: string, context: SmsRecordContext | null = null): Promise<string> {
    const phone = this.phone(number);
    if (!phone) {
      const text = `${number.trim() || 'That'} is not a phone number that can receive text messages.`;
      throw new MessagesTextError(messagesText('NOT_A_PHONE_NUMBER', text, number.trim()));
    }
    const conversation = this.turns.run(() => {
      const found = this.book.ensureNumber(phone.e164);
      if (context) {
        found.context = context;
        found.chosenRecordId = context.recordId;
      }
      this.turns.changed();
      return found;
    });
    await this.open(conversation.id);
    return conversation.id;
  }

  /** Leaves the thread (back to the list). */
  close(): void {
    this.turns.run(() => {
      this.openId = null;
      this.turns.changed();
    });
  }

  /**
   * Whether the Messages tab is on screen: an open thread's new messages are marked read only while it is. `viewer`
   * names who shows it (default `''`: this page; a follower tab's id when several tabs show this service, ADR 0028):
   * the tab is on screen while any viewer shows it.
   */
  setViewing(viewing: boolean, viewer = ''): void {
    if (viewing) this.viewers.add(viewer);
    else this.viewers.delete(viewer);
    this.viewing = this.viewers.size > 0;
    if (viewing) void this.markOpenRead();
  }

  /** Reads the next page of older messages of the open thread. */
  async loadOlder(): Promise<void> {
    const conversation = this.openConversation();
    if (!conversation || conversation.loadingOlder || conversation.id.startsWith(NEW_CONVERSATION_PREFIX)) return;
    if (conversation.threadPages > 0 && !conversation.moreOlder) return;
    const until = conversation.threadUntil ?? this.isoNow(1000);
    this.turns.run(() => {
      conversation.threadUntil = until;
      conversation.loadingOlder = true;
      conversation.loadError = null;
      this.turns.changed();
    });
    try {
      const page = await this.store.listThread({
        conversationId: conversation.id,
        page: conversation.threadPages + 1,
        perPage: this.messagesPerPage,
        until,
      });
      this.turns.run(() => this.book.addThreadPage(conversation, page.messages, page.more));
    } catch (error) {
      const reason = reasonOf(error);
      conversation.loadError = messagesText(
        'THREAD_UNREADABLE',
        `Messages could not be read: ${reason.message}`,
        reason,
      );
    } finally {
      this.turns.run(() => {
        conversation.loadingOlder = false;
        this.turns.changed();
      });
    }
  }

  // ---------------------------------------------------------------------------------------------- compose and send

  /** Keeps the open thread's draft (stored at once: a reload keeps it). */
  setDraft(text: string): void {
    const conversation = this.openConversation();
    if (!conversation) return;
    this.turns.run(() => {
      if (text === '') delete this.drafts[conversation.number];
      else this.drafts = { ...this.drafts, [conversation.number]: text };
      conversation.sendError = null;
      this.writeStored();
      this.turns.changed();
    });
  }

  /** Chooses the number messages are sent from (one of the senders). */
  chooseSender(phoneNumber: string): void {
    if (!this.senders.some((s) => s.phoneNumber === phoneNumber)) return;
    this.turns.run(() => {
      this.sender = phoneNumber;
      this.writeStored();
      this.turns.changed();
    });
  }

  /** The agent says which of the matched records the open conversation is with (kept for the number). */
  chooseRecord(recordId: string): void {
    const conversation = this.openConversation();
    if (!conversation || !conversation.matches.some((m) => m.id === recordId)) return;
    this.turns.run(() => {
      conversation.chosenRecordId = recordId;
      this.choices = { ...this.choices, [conversation.number]: recordId };
      this.writeStored();
      this.turns.changed();
    });
    this.logging?.resolved(conversation.id);
  }

  /**
   * Logs the open conversation's newest day as the agent (one Task per conversation per day, appended later).
   * Resolves when the log is in the outbox; a failure to read the day's messages becomes a notice.
   */
  async logThread(): Promise<void> {
    const conversation = this.openConversation();
    if (!conversation?.last || !this.logging) return;
    try {
      await this.logging.log(conversation.id, this.logging.dayOf(conversation.last.createdAt));
    } catch (error) {
      const message = `The conversation could not be logged: ${errorText(error)}`;
      this.notify('error', 'SMS_LOG_FAILED', message, reasonOf(error));
    }
  }

  /** Opens an Unresolved entry's conversation (the agent chooses its record there; choosing logs it). */
  async openUnresolved(conversationId: string): Promise<void> {
    await this.open(conversationId);
  }

  /** Matches the open conversation's number again (after a failed match). */
  retryMatch(): void {
    const conversation = this.openConversation();
    if (!conversation) return;
    conversation.matchState = 'pending';
    this.matchSoon(conversation);
    this.turns.changed();
  }

  /**
   * Sends the open thread's draft from the chosen sender. Resolves when RingCentral took the message (the draft is
   * cleared) or when it did not (the draft is kept and `sendError` says why). Never rejects.
   */
  async send(): Promise<void> {
    const conversation = this.openConversation();
    // A second Send while one is in flight does nothing: the message goes once.
    if (!conversation || conversation.sending) return;
    const view = this.threadView(conversation);
    if (view.blockedReason !== null || !this.sender) {
      this.turns.run(() => {
        conversation.sendError =
          view.blockedReason ?? messagesText('SENDER_REQUIRED', 'Choose the number to send from.');
        this.turns.changed();
      });
      return;
    }
    const text = view.draft;
    const from = this.sender;
    const startedAt = this.clock.now();
    this.turns.run(() => {
      conversation.sending = true;
      conversation.sendError = null;
      this.turns.changed();
    });
    try {
      const message = await this.store.send({ from, to: conversation.number, text });
      this.turns.run(() => this.sent(conversation, message, text));
    } catch (error) {
      await this.sendFailed(conversation, text, startedAt, error);
    } finally {
      this.turns.run(() => {
        conversation.sending = false;
        this.turns.changed();
      });
    }
  }

  /**
   * Saves the open thread's note (its prompt shows after a send when `smsNotesPrompt` is on) into the SMS log of the
   * day of the message it follows: kept at once, logged like a message of the day (ADR 0019). An empty or too long
   * note, or one the browser cannot keep, leaves the prompt open with the reason (`notePrompt.error`); the agent's
   * text stays in the box. Never rejects.
   */
  saveNote(text: string): void {
    const conversation = this.openConversation();
    const prompt = conversation ? this.notePrompts.get(conversation.id) : undefined;
    if (!conversation || !prompt || !this.logging) return;
    this.turns.run(() => {
      try {
        const note = smsNote(text, this.isoNow(), (this.options.noteId ?? newSmsNoteId)());
        this.logging?.addNote(conversation.id, prompt.day, note);
        this.notePrompts.delete(conversation.id);
      } catch (error) {
        prompt.error = messagesTextOf(error);
      }
      this.turns.changed();
    });
  }

  /** Closes the open thread's note prompt without a note (Skip, Escape). */
  skipNote(): void {
    const conversation = this.openConversation();
    if (!conversation || !this.notePrompts.delete(conversation.id)) return;
    this.turns.changed();
  }

  dismissNotice(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
    this.turns.changed();
  }

  /**
   * The agent's SMS templates (org-wide and personal, active ones) whose name, category or body contain `search`,
   * filled for the open conversation's record (chosen, texted from, or the single match; none: the bodies stay as
   * typed and every placeholder is `missing`). One round trip to Salesforce (`listSmsTemplates`).
   * @param search text to look for (trimmed; at most 80 characters are sent)
   * @throws MessagesTextError `TEMPLATES_UNAVAILABLE` when templates are not available here, `TEMPLATES_UNREADABLE`
   * with its reason when Salesforce failed (nothing changes)
   */
  async listTemplates(search = ''): Promise<SmsTemplateList> {
    const gateway = this.options.templates;
    if (!gateway)
      throw new MessagesTextError(messagesText('TEMPLATES_UNAVAILABLE', 'SMS templates are not available here.'));
    const open = this.openConversation();
    const record = open ? this.recordOf(open) : null;
    const text = search.trim().slice(0, 80);
    try {
      return await gateway.list({ ...(text ? { search: text } : {}), recordId: record?.id ?? null });
    } catch (error) {
      const reason = reasonOf(error);
      const message = `Salesforce could not list your SMS templates (${reason.message}). Try again.`;
      throw new MessagesTextError(messagesText('TEMPLATES_UNREADABLE', message, reason));
    }
  }

  /** The conversation with this id or number (for the SMS log and the templates' placeholders). */
  conversation(idOrNumber: string): ConversationRecord | null {
    return this.book.get(idOrNumber) ?? this.book.byNumber(idOrNumber);
  }

  /** The record the conversation is with: chosen, texted from, or the single match (else `null`). */
  recordOf(conversation: ConversationRecord): CrmMatch | null {
    if (conversation.chosenRecordId) {
      const chosen = conversation.matches.find((m) => m.id === conversation.chosenRecordId);
      if (chosen) return chosen;
    }
    return conversation.matches.length === 1 ? (conversation.matches[0] ?? null) : null;
  }

  // ---------------------------------------------------------------------------------------------- internals

  private sent(conversation: ConversationRecord, message: SmsMessage, text: string): void {
    const { record } = this.apply(message);
    record.sendError = null;
    if (this.drafts[conversation.number] === text) {
      const { [conversation.number]: _sent, ...rest } = this.drafts;
      this.drafts = rest;
      this.writeStored();
    }
    if (this.openId === conversation.id || this.openId === `${NEW_CONVERSATION_PREFIX}${conversation.number}`) {
      this.openId = record.id;
    }
    // Setting smsNotesPrompt: the thread offers a note for the day's log (an open prompt stays as it is).
    if (this.logging && this.options.settings().smsNotesPrompt && !this.notePrompts.has(record.id)) {
      this.notePrompts.set(record.id, { day: this.logging.dayOf(message.createdAt), error: null });
    }
    this.events.emit('sent', { message, conversationId: record.id });
    this.turns.changed();
  }

  private async sendFailed(
    conversation: ConversationRecord,
    text: string,
    startedAt: number,
    error: unknown,
  ): Promise<void> {
    const failure = error instanceof MessageStoreError ? error : new MessageStoreError('NETWORK', errorText(error));
    if (failure.ambiguous) {
      // RingCentral may have taken the message: look for it among the store's changes before saying it was not sent.
      const found = await this.findSent(conversation.number, text, startedAt);
      if (found === 'error') {
        this.turns.run(() => {
          conversation.sendError = messagesText(
            'SEND_UNKNOWN',
            'RingCentral did not answer, and whether the message was sent is not known yet. Check the conversation before you send it again.',
          );
          this.turns.changed();
        });
        return;
      }
      if (found) {
        this.turns.run(() => this.sent(conversation, found, text));
        return;
      }
    }
    this.turns.run(() => {
      conversation.sendError = sendErrorText(failure);
      if (failure.code === 'RATE_LIMITED') {
        conversation.retryAt = this.clock.now() + (failure.retryAfterSeconds ?? 60) * 1000;
        this.scheduleRetryAt(conversation);
      }
      this.turns.changed();
    });
  }

  /** The outbound message with this text to this number created since `since`, after a sync; `'error'` if unknown. */
  private async findSent(number: string, text: string, since: number): Promise<SmsMessage | null | 'error'> {
    if (!(await this.sync())) return 'error';
    const conversation = this.book.byNumber(number);
    const candidates = conversation
      ? [...conversation.messages.values(), ...(conversation.last ? [conversation.last] : [])]
      : [];
    return (
      candidates.find(
        (m) => m.direction === 'Outbound' && m.text === text && Date.parse(m.createdAt) >= since - 60_000,
      ) ?? null
    );
  }

  private scheduleRetryAt(conversation: ConversationRecord): void {
    const previous = this.retryTimers.get(conversation.number);
    if (previous !== undefined) this.clock.clearTimeout(previous);
    const wait = Math.max(0, (conversation.retryAt ?? 0) - this.clock.now());
    this.retryTimers.set(
      conversation.number,
      this.clock.setTimeout(() => {
        this.retryTimers.delete(conversation.number);
        this.turns.run(() => {
          conversation.retryAt = null;
          if (conversation.sendError?.code === 'SEND_RATE_LIMITED') conversation.sendError = null;
          this.turns.changed();
        });
      }, wait),
    );
  }

  /** An inbound message as it arrives (instant event). */
  private receive(message: SmsMessage): void {
    const { record } = this.apply(message);
    if (this.openId === record.id && this.viewing) void this.markOpenRead();
  }

  /** Applies one reported message; tells listeners about new ones; queues the number for matching. */
  private apply(message: SmsMessage): { record: ConversationRecord; isNew: boolean } {
    const result = this.book.apply(message, (m) => this.otherParty(m));
    const { record, isNew } = result;
    if (record.matchState === 'pending' && record.matches.length === 0) this.matchSoon(record);
    if (record.chosenRecordId === null && this.choices[record.number]) {
      record.chosenRecordId = this.choices[record.number] ?? null;
    }
    if (isNew) this.events.emit('message', { message, conversationId: record.id });
    this.turns.changed();
    return result;
  }

  /**
   * Reads the store's changes since the last token, until none are left. One run at a time: a request during a run
   * makes one more run after it, so when the promise resolves, a run that started after the request has ended.
   * Resolves with whether that last run succeeded (a failure is retried later with backoff). Never rejects.
   */
  private sync(): Promise<boolean> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      let ok = false;
      do {
        this.syncAgain = false;
        ok = await this.runSync();
      } while (this.syncAgain);
      return ok;
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async runSync(): Promise<boolean> {
    if (this.syncTimer !== null) {
      this.clock.clearTimeout(this.syncTimer);
      this.syncTimer = null;
    }
    try {
      if (!this.syncToken) this.syncToken = await this.store.syncToken();
      for (let more = true; more;) {
        const changes = await this.store.changesSince(this.syncToken);
        this.syncToken = changes.token;
        more = changes.more && changes.messages.length > 0;
        this.turns.run(() => {
          for (const message of changes.messages) this.apply(message);
        });
      }
      this.syncFailures = 0;
      if (this.openId && this.viewing) void this.markOpenRead();
      return true;
    } catch (error) {
      this.syncFailures += 1;
      const retryAfter =
        error instanceof MessageStoreError && error.retryAfterSeconds ? error.retryAfterSeconds * 1000 : 0;
      const delay = Math.max(retryAfter, Math.min(MAX_SYNC_BACKOFF_MS, 1000 * 2 ** (this.syncFailures - 1)));
      this.syncTimer = this.clock.setTimeout(() => {
        this.syncTimer = null;
        void this.sync();
      }, delay);
      return false;
    }
  }

  private async markOpenRead(): Promise<void> {
    const conversation = this.openConversation();
    if (!conversation || !this.viewing || conversation.unreadIds.size === 0) return;
    const ids = [...conversation.unreadIds];
    try {
      const updated = await this.store.markRead(ids);
      this.turns.run(() => {
        for (const message of updated) this.apply(message);
      });
    } catch (error) {
      this.notify(
        'warning',
        'MARK_READ_FAILED',
        `Messages could not be marked read in RingCentral: ${errorText(error)}`,
        reasonOf(error),
      );
    }
  }

  private async readUnread(until: string): Promise<SmsMessage[]> {
    const page = await this.store.listUnread({ page: 1, perPage: 1000, until });
    return [...page.messages];
  }

  private applySenders(senders: readonly SmsSender[]): void {
    this.senders = senders;
    if (!this.sender || !senders.some((s) => s.phoneNumber === this.sender)) {
      this.sender = senders[0]?.phoneNumber ?? null;
    }
  }

  // ---------------------------------------------------------------------------------------------- matching

  private matchSoon(conversation: ConversationRecord): void {
    if (conversation.matchState === 'done' && conversation.matchError === null) return;
    this.matchQueue.add(conversation.number);
    if (this.matchTimer !== null) return;
    this.matchTimer = this.clock.setTimeout(() => {
      this.matchTimer = null;
      void this.matchQueued();
    }, 0);
  }

  /** Matches the queued numbers, 10 per `matchNumbers` round trip. */
  private async matchQueued(): Promise<void> {
    const numbers = [...this.matchQueue];
    this.matchQueue.clear();
    const region = this.options.settings().defaultRegion;
    const parts = numbers.map((n) => this.phones.of(n, region)).filter((p): p is PhoneNumber => p !== null);
    const unmatchable = numbers.filter((n) => !parts.some((p) => p.e164 === n));
    this.turns.run(() => {
      for (const number of unmatchable) this.setMatches(number, [], null);
    });
    for (let i = 0; i < parts.length; i += MATCH_BATCH) {
      const batch = parts.slice(i, i + MATCH_BATCH);
      try {
        const results = await this.crm.matchNumbers(
          batch.map(({ e164, countryCallingCode, nationalNumber }) => ({ e164, countryCallingCode, nationalNumber })),
          { sms: true },
        );
        this.turns.run(() => {
          batch.forEach((phone, index) =>
            this.setMatches(phone.e164, results[index]?.matches ?? [], null, results[index]?.doNotContact ?? null),
          );
        });
      } catch (error) {
        const reason = reasonOf(CrmError.from(error));
        this.turns.run(() => {
          for (const phone of batch) this.setMatches(phone.e164, [], reason);
        });
      }
    }
  }

  private setMatches(
    number: string,
    matches: readonly CrmMatch[],
    error: NoticeReason | null,
    doNotContact: ConversationRecord['doNotContact'] = null,
  ): void {
    for (const conversation of this.book.all()) {
      if (conversation.number !== number) continue;
      conversation.matches = matches;
      conversation.doNotContact = doNotContact;
      conversation.matchError = error;
      conversation.matchState = error ? 'failed' : 'done';
      const stored = this.choices[number];
      if (!conversation.chosenRecordId && stored && matches.some((m) => m.id === stored)) {
        conversation.chosenRecordId = stored;
      }
    }
    this.turns.changed();
  }

  // ---------------------------------------------------------------------------------------------- state

  private commit(): void {
    this.state = this.buildState();
    this.events.emit('state', this.state);
    if (this.state.unreadTotal !== this.lastUnread) {
      this.lastUnread = this.state.unreadTotal;
      this.events.emit('unread', this.state.unreadTotal);
    }
  }

  private buildState(): MessagesState {
    const conversations = this.book
      .all()
      .filter((c) => c.last !== null || c.id === this.openId)
      .map((c) => this.conversationView(c))
      .sort((a, b) => (b.lastAt ?? '\uffff').localeCompare(a.lastAt ?? '\uffff'));
    const open = this.openConversation();
    return Object.freeze({
      status: this.status,
      problem: this.problem,
      conversations,
      moreConversations: this.moreConversations,
      loadingConversations: this.loadingConversations,
      unreadTotal: this.book.all().reduce((sum, c) => sum + c.unreadIds.size, 0),
      senders: this.senders,
      sender: this.sender,
      thread: open ? this.threadView(open) : null,
      unresolved: (this.logging?.unresolvedLogs() ?? []).map((item) => {
        const conversation = this.book.get(item.conversationId);
        return { ...item, name: conversation ? this.conversationView(conversation).name : item.conversationId };
      }),
      autoLog: this.options.settings().autoLogSms,
      notices: this.notices,
    });
  }

  private conversationView(conversation: ConversationRecord): ConversationView {
    const phone = this.phones.of(conversation.number, this.options.settings().defaultRegion);
    const record = this.recordOf(conversation);
    const displayNumber = phone?.nationalDisplay ?? conversation.number;
    return {
      id: conversation.id,
      number: conversation.number,
      displayNumber,
      name: record?.name ?? conversation.context?.name ?? conversation.rcName ?? displayNumber,
      lastText: conversation.last?.text ?? '',
      lastAt: conversation.last?.createdAt ?? null,
      lastDirection: conversation.last?.direction ?? null,
      unread: conversation.unreadIds.size,
      matchState: matchStateOf(conversation),
    };
  }

  private threadView(conversation: ConversationRecord): ThreadView {
    const draft = this.drafts[conversation.number] ?? '';
    const composition = composeSms(draft);
    const consent = this.consentOf(conversation);
    const view: Omit<ThreadView, 'blockedReason' | 'log' | 'notePrompt'> = {
      ...this.conversationView(conversation),
      matches: conversation.matches,
      recordId: this.recordOf(conversation)?.id ?? conversation.chosenRecordId,
      messages: this.book.thread(conversation).map((m) => ({
        id: m.id,
        direction: m.direction,
        text: m.text,
        status: m.status,
        createdAt: m.createdAt,
        errorCode: m.errorCode,
        read: m.read,
      })),
      moreOlder: conversation.moreOlder && !conversation.id.startsWith(NEW_CONVERSATION_PREFIX),
      loadingOlder: conversation.loadingOlder,
      loadError: conversation.loadError,
      draft,
      composition,
      consent,
      sending: conversation.sending,
      sendError: conversation.sendError,
      retryAt: conversation.retryAt,
    };
    return {
      ...view,
      blockedReason: this.blockedReason(conversation, view),
      log: this.logView(conversation),
      notePrompt: this.notePromptView(conversation),
    };
  }

  private notePromptView(conversation: ConversationRecord): NotePromptView | null {
    const prompt = this.notePrompts.get(conversation.id);
    return prompt ? { day: prompt.day, error: prompt.error, maxLength: MAX_SMS_NOTE } : null;
  }

  private logView(conversation: ConversationRecord): ThreadLogView | null {
    if (!this.logging) return null;
    const day = conversation.last ? this.logging.dayOf(conversation.last.createdAt) : null;
    const entry = day ? this.logging.entry(conversation.id, day) : null;
    return {
      day,
      status: entry?.status ?? null,
      error: entry?.lastError ?? null,
      taskId: entry?.taskId ?? null,
      notesWaiting: day ? this.logging.waitingNotes(conversation.id, day) : 0,
    };
  }

  private blockedReason(
    conversation: ConversationRecord,
    view: Omit<ThreadView, 'blockedReason' | 'log' | 'notePrompt'>,
  ): MessagesText | null {
    if (view.sending) return messagesText('SENDING', 'Sending…');
    if (this.senders.length === 0)
      return messagesText('NO_SENDER_NUMBER', 'Your RingCentral extension has no number that may send text messages.');
    if (view.retryAt !== null && view.retryAt > this.clock.now())
      return messagesText('RATE_LIMITED_WAIT', 'RingCentral is limiting messages: wait a moment.');
    if (conversation.matchState === 'pending')
      return messagesText('CHECKING_NUMBER', 'Checking who this number belongs to…');
    if (conversation.matchState === 'failed') {
      const reason = conversation.matchError ?? reasonOf(new CrmError('NETWORK', 'Salesforce did not answer'));
      return messagesText('CONSENT_UNCHECKED', `Consent could not be checked (${reason.message}). Try again.`, reason);
    }
    if (!view.consent.allowed) return view.consent.reason;
    if (view.composition.problem === 'empty') return messagesText('TYPE_A_MESSAGE', 'Type a message.');
    if (view.composition.problem === 'too-long') {
      const { length } = view.composition;
      return messagesText(
        'TEXT_TOO_LONG',
        `A text message holds at most ${MAX_SMS_LENGTH} characters (this one has ${length}).`,
        MAX_SMS_LENGTH,
        length,
      );
    }
    return null;
  }

  private consentOf(conversation: ConversationRecord): SmsConsent {
    const { defaultRegion: region, dncSmsMode } = this.options.settings();
    return smsConsent(
      conversation.number,
      conversation.matches,
      conversation.chosenRecordId,
      (raw) => this.phones.of(raw, region)?.e164 ?? null,
      { mode: dncSmsMode, listed: conversation.doNotContact, confirmed: conversation.doNotCallConfirmed },
    );
  }

  /**
   * "Send anyway" to a do-not-call warning (ADR 0031, `dncSmsMode` `warn`): the open conversation's restriction is
   * confirmed for this conversation and the draft is sent. A block cannot be overridden.
   */
  async sendAnyway(): Promise<void> {
    const conversation = this.openConversation();
    if (!conversation || !this.consentOf(conversation).warn) return;
    this.turns.run(() => {
      conversation.doNotCallConfirmed = true;
      this.turns.changed();
    });
    await this.send();
  }

  private openConversation(): ConversationRecord | null {
    return this.openId ? this.book.get(this.openId) : null;
  }

  private otherParty(message: SmsMessage): string {
    const raw = message.direction === 'Inbound' ? message.from.phoneNumber : (message.to[0]?.phoneNumber ?? '');
    return this.phone(raw)?.e164 ?? raw;
  }

  private phone(number: string): PhoneNumber | null {
    return this.phones.of(number, this.options.settings().defaultRegion);
  }

  private isoNow(aheadMs = 0): string {
    return new Date(this.clock.now() + aheadMs).toISOString();
  }

  private notify<C extends NoticeCode>(
    level: MessagesNotice['level'],
    code: C,
    message: string,
    ...params: NoticeParams[C]
  ): void {
    this.notices = [...this.notices, { id: ++this.noticeSeq, level, code, params, message }].slice(-5);
    this.turns.changed();
  }

  private readStored(): void {
    try {
      const text = this.kv.get(STATE_KEY);
      if (!text) return;
      const read = checkShape(storedShape, JSON.parse(text));
      if (!read.ok) {
        this.kv.remove(STATE_KEY);
        return;
      }
      this.sender = read.value.sender;
      this.drafts = read.value.drafts;
      this.choices = read.value.choices;
    } catch {
      this.kv.remove(STATE_KEY);
    }
  }

  private writeStored(): void {
    try {
      this.kv.set(STATE_KEY, JSON.stringify({ sender: this.sender, drafts: this.drafts, choices: this.choices }));
    } catch (error) {
      this.notify(
        'warning',
        'SMS_STORAGE_FULL',
        `Browser storage is full: your SMS drafts are kept only while this page stays open (${errorText(error)}).`,
        reasonOf(error),
      );
    }
  }
}

function matchStateOf(conversation: ConversationRecord): MatchState {
  if (conversation.matchState === 'pending') return 'pending';
  if (conversation.matchState === 'failed') return 'failed';
  if (conversation.matches.length === 0) return 'none';
  return conversation.matches.length === 1 || conversation.chosenRecordId ? 'one' : 'several';
}

/** What the agent reads when a send failed (the draft is kept). @internal */
export function sendErrorText(error: MessageStoreError): MessagesText {
  switch (error.code) {
    case 'RATE_LIMITED': {
      const seconds = error.retryAfterSeconds ?? 60;
      return messagesText(
        'SEND_RATE_LIMITED',
        `RingCentral is limiting messages right now: you can send again in ${seconds} s. Your message is kept.`,
        seconds,
      );
    }
    case 'UNAVAILABLE':
    case 'NETWORK':
      return messagesText(
        'SEND_NOT_TAKEN',
        'RingCentral did not take the message (it is not in your history). Your message is kept: send it again.',
      );
    case 'AUTH':
      return messagesText('SEND_SIGNED_OUT', 'Your RingCentral sign-in has ended. Sign in again, then send.');
    case 'REFUSED':
      return refusalText(error);
  }
}

function refusalText(error: MessageStoreError): MessagesText {
  switch (error.platformCode) {
    case 'MSG-304':
      return messagesText(
        'SEND_TOO_LONG',
        `RingCentral refused the message: it is longer than ${MAX_SMS_LENGTH} characters.`,
        MAX_SMS_LENGTH,
      );
    case 'MSG-246':
      return messagesText(
        'SEND_SENDER_REFUSED',
        'RingCentral refused the message: the number you send from may not send text messages. Choose another.',
      );
    case 'CMN-101':
      return messagesText(
        'SEND_RECIPIENT_REFUSED',
        'RingCentral refused the message: the number cannot receive text messages.',
      );
    default:
      return messagesText('SEND_REFUSED', `RingCentral refused the message: ${error.message}`, error.message);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
