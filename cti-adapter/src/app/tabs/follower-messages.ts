/**
 * The Messages tab of a follower tab (ADR 0028, fifth amendment), a lazy chunk loaded when the agent first opens the
 * Messages tab in a tab that does not hold the phone: the owner tab's Messages feature, mirrored — its state as the
 * owner publishes it, the agent's commands sent to it over the channel. No RingCentral or Salesforce call is made
 * from here: the owner reads and sends (one REST session, one subscription), marks read (once) and logs (its outbox).
 */
import { reasonOf, ReasonError } from '../../core/engine/notices';
import type { MessagesNotice, MessagesState, ThreadView } from '../../core/messaging/messages-state';
import { systemClock, type Clock } from '../../core/ports/clock';
import type { SmsTemplateList } from '../../core/ports/sms-template-port';
import type { TabCoordinator } from '../../core/tabs/tab-coordinator';
import { TabUnreachableError } from '../../core/tabs/tab-requests';
import type { MessagesController, SmsRecordContext } from '../../ui/messages-controller';
import { MESSAGES_PREFIX, MESSAGES_RETRIED, type MessagesCommand } from './messages-commands';

/** @public */
export interface FollowerMessagesOptions {
  readonly coordinator: Pick<TabCoordinator, 'command' | 'on' | 'role'>;
  /** The owner's Messages state that arrived before this chunk loaded, else `null`. */
  readonly latest?: unknown;
  /** How long a request whose owner went away waits for the next owner before it fails (default 15 s). */
  readonly takeOverWaitMs?: number;
  /** How long `load` waits for the owner's first state after the owner answered (default 10 s). */
  readonly firstStateWaitMs?: number;
  readonly clock?: Clock;
}

/** The owner answered `load` but published no state. */
const NO_STATE = 'The tab that holds the phone did not send its messages. Try again.';

/** The state shown before the owner's first one (never on screen: `load` waits for the owner's). */
const STARTING: MessagesState = Object.freeze({
  status: 'starting',
  problem: null,
  conversations: [],
  moreConversations: false,
  loadingConversations: true,
  unreadTotal: 0,
  senders: [],
  sender: null,
  thread: null,
  unresolved: [],
  autoLog: false,
  notices: [],
});

function isMessagesState(value: unknown): value is MessagesState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === 'string' && Array.isArray(v.conversations) && Array.isArray(v.notices);
}

/**
 * A follower's {@link MessagesController}: the owner tab's `MessagingService` over the channel.
 * - **State**: the owner's newest `MessagesState` (older snapshots are dropped by the coordinator), with two things
 *   of this tab on top: the draft the agent is typing here until the owner has applied it (no keystroke is lost to
 *   an echo), and the notices of requests that failed because the owner tab went away.
 * - **Commands** go to the owner (`messages.<command>`, answered with their value or the error to show). When the
 *   owner tab closes or crashes before answering, a command that does the same twice is sent again to the next owner
 *   once it took over ({@link MESSAGES_RETRIED}); a send, a log or a note is not (it may have been done) — the agent
 *   is told to check the conversation. After a take-over this tab asks the new owner for its state again and says
 *   whether it shows the Messages tab.
 * - Like the owner's service, the commands never reject except `openNumber` and `listTemplates`.
 * @public
 */
export class FollowerMessages implements MessagesController {
  private readonly clock: Clock;
  private base: MessagesState | null = null;
  private state: MessagesState = STARTING;
  private readonly listeners = new Set<(state: MessagesState) => void>();
  private readonly firstState = new Set<() => void>();
  /** The draft typed here that the owner has not applied yet (as many `setDraft` as are in flight). */
  private typing: { conversationId: string; text: string; pending: number } | null = null;
  private readonly localNotices: MessagesNotice[] = [];
  private localNoticeSeq = 0;
  private viewing = false;
  private loaded = false;
  private stopped = false;
  private owner: string | null;
  private readonly offRole: () => void;

  constructor(private readonly options: FollowerMessagesOptions) {
    this.clock = options.clock ?? systemClock;
    const role = options.coordinator.role;
    this.owner = role.name === 'follower' ? role.ownerId : null;
    this.offRole = options.coordinator.on('role', (next) => {
      if (next.name !== 'follower' || !next.ownerId || next.ownerId === this.owner) return;
      this.owner = next.ownerId;
      // A new owner (take-over): its Messages feature is a new one; ask it for its state, and say what this tab shows.
      if (this.loaded) {
        void this.request('load', []).catch(() => undefined);
        if (this.viewing) void this.request('setViewing', [true]).catch(() => undefined);
      }
    });
    if (options.latest !== undefined && options.latest !== null) this.receive(options.latest);
  }

  /** A Messages state of the owner (newest first; the coordinator drops older ones). */
  receive(state: unknown): void {
    if (this.stopped || !isMessagesState(state)) return;
    this.base = state;
    for (const wake of [...this.firstState]) wake();
    this.publish();
  }

  /** Asks the owner for its Messages feature and resolves once its state is here; rejects with the error to show. */
  async load(): Promise<MessagesController> {
    await this.request('load', []);
    // The owner publishes its state before it answers (one channel, ordered per sender): this waits only in tests.
    if (!this.base) await this.nextState();
    this.loaded = true;
    return this;
  }

  /** This tab took the phone over (or closed): nothing more is sent from here. */
  stop(): void {
    this.stopped = true;
    this.offRole();
    this.listeners.clear();
  }

  getState(): MessagesState {
    return this.state;
  }

  subscribe(listener: (state: MessagesState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  loadMoreConversations(): Promise<void> {
    return this.settled('loadMoreConversations', []);
  }

  open(conversationId: string): Promise<void> {
    return this.settled('open', [conversationId]);
  }

  async openNumber(number: string, context: SmsRecordContext | null = null): Promise<string> {
    const id = await this.request('openNumber', [number, context]);
    return typeof id === 'string' ? id : '';
  }

  close(): void {
    void this.settled('close', []);
  }

  setViewing(viewing: boolean): void {
    this.viewing = viewing;
    this.request('setViewing', [viewing]).catch((error: unknown) =>
      console.warn('The Messages tab could not tell the tab that holds the phone', error),
    );
  }

  loadOlder(): Promise<void> {
    return this.settled('loadOlder', []);
  }

  setDraft(text: string): void {
    const conversationId = this.state.thread?.id;
    if (!conversationId) return;
    const typing =
      this.typing?.conversationId === conversationId
        ? { ...this.typing, text, pending: this.typing.pending + 1 }
        : { conversationId, text, pending: 1 };
    this.typing = typing;
    this.publish();
    void this.settled('setDraft', [text]).finally(() => {
      const current = this.typing;
      if (!current || current.conversationId !== conversationId) return;
      this.typing = current.pending > 1 ? { ...current, pending: current.pending - 1 } : null;
      this.publish();
    });
  }

  chooseSender(phoneNumber: string): void {
    void this.settled('chooseSender', [phoneNumber]);
  }

  chooseRecord(recordId: string): void {
    void this.settled('chooseRecord', [recordId]);
  }

  logThread(): Promise<void> {
    return this.settled('logThread', []);
  }

  retryMatch(): void {
    void this.settled('retryMatch', []);
  }

  send(): Promise<void> {
    return this.settled('send', []);
  }

  sendAnyway(): Promise<void> {
    return this.settled('sendAnyway', []);
  }

  saveNote(text: string): void {
    void this.settled('saveNote', [text]);
  }

  skipNote(): void {
    void this.settled('skipNote', []);
  }

  dismissNotice(id: number): void {
    const local = this.localNotices.findIndex((n) => n.id === id);
    if (local >= 0) {
      this.localNotices.splice(local, 1);
      this.publish();
      return;
    }
    void this.settled('dismissNotice', [id]);
  }

  async listTemplates(search: string): Promise<SmsTemplateList> {
    return (await this.request('listTemplates', [search])) as SmsTemplateList;
  }

  // ---------------------------------------------------------------------------------------------- internals

  /** A command that never rejects: a failure is a notice of this tab. */
  private async settled(command: MessagesCommand, args: readonly unknown[]): Promise<void> {
    try {
      await this.request(command, args);
    } catch (error) {
      if (this.stopped) return;
      this.localNotices.push({
        id: -++this.localNoticeSeq,
        level: 'error',
        code: 'SMS_TAB_REQUEST_FAILED',
        params: [reasonOf(error)],
        message: `Not done in the tab that holds the phone: ${error instanceof Error ? error.message : String(error)}`,
      });
      this.publish();
    }
  }

  /**
   * Sends `command` to the owner; when the owner went away or did not answer and the command may be done twice, sends
   * it once more to the next owner (after its take-over). Rejects with the error to show.
   */
  private async request(command: MessagesCommand, args: readonly unknown[]): Promise<unknown> {
    if (this.stopped) throw new ReasonError('TAB_NOW_OWNER', 'This tab holds the phone now.');
    const owner = this.owner;
    try {
      return await this.options.coordinator.command(MESSAGES_PREFIX + command, args);
    } catch (error) {
      if (!(error instanceof TabUnreachableError) || !MESSAGES_RETRIED.has(command)) throw error;
      const next = await this.nextOwner(owner);
      if (!next || this.stopped) throw error;
      return await this.options.coordinator.command(MESSAGES_PREFIX + command, args);
    }
  }

  /** Resolves with the owner that follows `previous` (at once when there is one), `null` when none came in time. */
  private nextOwner(previous: string | null): Promise<string | null> {
    const now = this.options.coordinator.role;
    if (now.name === 'follower' && now.ownerId && now.ownerId !== previous) return Promise.resolve(now.ownerId);
    return new Promise((resolve) => {
      const done = (owner: string | null): void => {
        off();
        this.clock.clearTimeout(timer);
        resolve(owner);
      };
      const off = this.options.coordinator.on('role', (role) => {
        if (role.name === 'follower' && role.ownerId && role.ownerId !== previous) done(role.ownerId);
        else if (role.name !== 'follower') done(null); // this tab took over, or closed
      });
      const timer = this.clock.setTimeout(() => done(null), this.options.takeOverWaitMs ?? 15_000);
    });
  }

  private nextState(): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        this.firstState.delete(wake);
        this.clock.clearTimeout(timer);
        resolve();
      };
      this.firstState.add(wake);
      const timer = this.clock.setTimeout(() => {
        this.firstState.delete(wake);
        reject(new ReasonError('TAB_SENT_NO_MESSAGES', NO_STATE));
      }, this.options.firstStateWaitMs ?? 10_000);
    });
  }

  private publish(): void {
    const base = this.base ?? STARTING;
    const typing = this.typing;
    const thread: ThreadView | null =
      base.thread && typing && typing.conversationId === base.thread.id
        ? { ...base.thread, draft: typing.text }
        : base.thread;
    this.state =
      thread === base.thread && this.localNotices.length === 0
        ? base
        : Object.freeze({ ...base, thread, notices: [...base.notices, ...this.localNotices] });
    for (const listener of [...this.listeners]) listener(this.state);
  }
}
