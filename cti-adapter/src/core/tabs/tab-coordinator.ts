import { systemClock, type Clock } from '../ports/clock';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';
import type { TabAttention, TabAttentionPort, TabChannelPort, TabLockPort } from './tab-ports';
import {
  readTabMessage,
  TAB_PROTOCOL_VERSION,
  type TabHostEvent,
  type TabHostMethod,
  type TabMessage,
} from './tab-protocol';
import { TabError, TabRequests } from './tab-requests';
import { nextTabRole, type TabRole, type TabRoleEvent } from './tab-role';

/** A message as posted: the version and the sender are added by the coordinator. */
type Outgoing = TabMessage extends infer M ? (M extends TabMessage ? Omit<M, 'v' | 'from'> : never) : never;

/** What the owner tab serves to its followers ({@link TabCoordinator.serve}). @public */
export interface TabOwnerSource {
  /** The current state snapshot (plain, structured-cloneable data). */
  snapshot(): unknown;
  /** Calls `listener` after every change of the snapshot. */
  subscribe(listener: () => void): Unsubscribe;
  /**
   * Carries out a follower's command (`name` is checked by the caller of `serve`, not here); resolves with a
   * structured-cloneable value or rejects with an `Error` whose message the follower shows. `from`: the follower's
   * tab id.
   */
  execute(name: string, args: readonly unknown[], from: string): Promise<unknown>;
  /** Follower `tab` said goodbye (its tab closed): what it asked for itself (e.g. viewing Messages) ends. */
  followerGone?(tab: string): void;
  /** A click-to-dial or navigation in a follower's tab. */
  hostEvent(event: TabHostEvent, payload: Record<string, unknown>): void;
  /**
   * Finishes a sign-in whose popup a follower opened with this tab's offer ({@link TabCoordinator.offerSignIn}): the
   * authorization response's `code` and `state`. Resolves once signed in; rejects with the message the follower
   * shows. Absent: such sign-ins are refused.
   */
  signIn?(code: string, state: string): Promise<void>;
}

/** What a follower carries out for the owner in its own tab ({@link TabCoordinator.follow}). @public */
export interface TabFollowerSink {
  /** A new state of the owner (newest first: an older snapshot never follows a newer one). */
  state(state: unknown): void;
  /** A host method in this tab (a screen pop where the agent looks). */
  hostCall(method: TabHostMethod, args: readonly unknown[]): Promise<unknown>;
  /** A new Messages state of the owner ({@link TabCoordinator.publishMessages}; newest first). */
  messages?(state: unknown): void;
}

/** @public */
export interface TabCoordinatorEventMap {
  /** The role changed (the first election, a promotion, a new owner's id, closed). */
  role: TabRole;
}

/** @public */
export interface TabCoordinatorOptions {
  readonly lock: TabLockPort;
  readonly channel: TabChannelPort;
  readonly attention: TabAttentionPort;
  /** This tab's id (default: random). */
  readonly tabId?: string;
  readonly clock?: Clock;
  /** How long a command waits for the owner's answer (default 30 s: a log's save waits for Salesforce). */
  readonly requestTimeoutMs?: number;
  /** How long a host call (a screen pop in a follower's tab) waits for the follower (default 3 s). */
  readonly hostCallTimeoutMs?: number;
}

/**
 * One tab's part in "several tabs, one softphone" (ADR 0028): the election of the owner over a held Web Lock, and
 * the messages over the `BroadcastChannel`.
 * - **Election**: {@link TabCoordinator.start} takes the lock when free (owner) or becomes a follower and waits in
 *   the lock's line; the browser grants the lock to the next tab when the owner's tab closes or crashes (role
 *   `owner` with `promoted: true`).
 * - **Owner** ({@link TabCoordinator.serve}): announces itself, posts a state snapshot after every change and to every
 *   follower that says hello, carries out followers' commands and answers each, keeps the followers' attention (which
 *   tab the agent looks at: {@link TabCoordinator.activeTab}) and asks a follower to carry out a host method
 *   ({@link TabCoordinator.callHost}).
 * - **Follower** ({@link TabCoordinator.follow}): mirrors the newest snapshot of the current owner, sends commands
 *   ({@link TabCoordinator.command}), host events and its attention; a command to an owner that went away rejects
 *   with a message the agent can act on.
 * Never throws on bad input: unknown or malformed messages are ignored.
 * @public
 */
export class TabCoordinator {
  readonly tabId: string;
  private readonly events = new TypedEmitter<TabCoordinatorEventMap>();
  private readonly clock: Clock;
  private readonly requests: TabRequests;
  private currentRole: TabRole = { name: 'electing' };
  private readonly attention = new Map<string, TabAttention>();
  private owner: { source: TabOwnerSource; seq: number; stop: Unsubscribe } | null = null;
  private follower: { sink: TabFollowerSink; seq: number; messagesSeq: number } | null = null;
  /** The owner's last Messages state and its sequence number (owner only). */
  private messages: { state: unknown; seq: number } | null = null;
  /** The owner's sign-in offer: this tab's own (owner), or the current owner's as last received (follower). */
  private offer: string | null = null;
  private readonly stops: Unsubscribe[] = [];

  constructor(private readonly options: TabCoordinatorOptions) {
    this.tabId = options.tabId ?? `tab-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
    this.clock = options.clock ?? systemClock;
    this.requests = new TabRequests(this.clock, options.requestTimeoutMs ?? 30_000);
  }

  get role(): TabRole {
    return this.currentRole;
  }

  on<K extends keyof TabCoordinatorEventMap>(
    type: K,
    listener: (event: TabCoordinatorEventMap[K]) => void,
  ): Unsubscribe {
    return this.events.on(type, listener);
  }

  /**
   * Elects: resolves with `owner` when this tab took the lock, else with `follower` (and keeps waiting in the lock's
   * line: the promotion is a later `role` event). `tried`: the answer of a `hold(false)` the page already made (the
   * first paint elects before this code is loaded).
   */
  async start(tried?: boolean): Promise<TabRole> {
    this.stops.push(this.options.channel.onMessage((data) => this.receive(data)));
    this.stops.push(this.options.attention.onChange((attention) => this.attentionChanged(attention)));
    const held = tried ?? (await this.options.lock.hold(false));
    if (this.currentRole.name === 'closed') return this.currentRole;
    if (held) {
      this.transition({ type: 'lock-held' });
      return this.currentRole;
    }
    this.transition({ type: 'lock-busy' });
    this.post({ kind: 'hello' });
    this.post({ kind: 'attention', ...this.options.attention.current() });
    void this.options.lock.hold(true).then((granted) => {
      if (granted && this.currentRole.name === 'follower') {
        this.requests.abandon(null, 'TAB_OWNER_GONE');
        this.follower = null;
        this.offer = null;
        this.transition({ type: 'lock-held' });
      }
    });
    return this.currentRole;
  }

  // ---- owner ----

  /** Serves `source` to the followers (owner only): announces this tab and posts the state after every change. */
  serve(source: TabOwnerSource): void {
    if (this.currentRole.name !== 'owner') throw new Error('Only the owner tab serves the softphone to other tabs.');
    this.owner?.stop();
    const served = { source, seq: 0, stop: () => undefined as void };
    this.owner = served;
    served.stop = source.subscribe(() => this.postState());
    this.post({ kind: 'owner' });
    this.postState();
  }

  /**
   * Tells the followers where a RingCentral sign-in can start (owner only): the authorize page's URL, prepared with its
   * PKCE challenge (the verifier stays in this tab), or `null` when there is nothing to sign in. Repeated to every
   * follower that says hello.
   */
  offerSignIn(url: string | null): void {
    if (this.currentRole.name !== 'owner' || url === this.offer) return;
    this.offer = url;
    this.post({ kind: 'sign-in-offer', url });
  }

  /**
   * Posts the owner's Messages state to the followers (owner only; ADR 0028, fifth amendment): after every change of
   * the Messages feature, once a follower asked for it. Repeated to every follower that says hello.
   */
  publishMessages(state: unknown): void {
    if (this.currentRole.name !== 'owner') return;
    this.messages = { state, seq: (this.messages?.seq ?? 0) + 1 };
    this.post({ kind: 'messages', seq: this.messages.seq, state });
  }

  /**
   * The tab the agent looks at: a visible tab before a hidden one, then the one focused last; this tab when it ties.
   */
  activeTab(): string {
    let best = this.tabId;
    let bestAttention = this.options.attention.current();
    for (const [tab, attention] of this.attention) {
      const better =
        attention.visible !== bestAttention.visible ? attention.visible : attention.focusedAt > bestAttention.focusedAt;
      if (better) {
        best = tab;
        bestAttention = attention;
      }
    }
    return best;
  }

  /** The follower tabs the owner knows of (they said hello or reported their attention). */
  followers(): readonly string[] {
    return [...this.attention.keys()];
  }

  /**
   * Asks follower `tab` to carry out a host method in its tab; rejects with the host's error, or with a
   * `TabUnreachableError` when the follower does not answer in time or went away.
   */
  callHost(tab: string, method: TabHostMethod, args: readonly unknown[]): Promise<unknown> {
    return this.requests.start(
      tab,
      (id) => this.post({ kind: 'host-call', to: tab, id, method, args }),
      'TAB_SILENT',
      this.options.hostCallTimeoutMs ?? 3_000,
    );
  }

  // ---- follower ----

  /** Mirrors the owner into `sink` (follower only; the newest snapshot at once when one arrived before). */
  follow(sink: TabFollowerSink): void {
    this.follower = { sink, seq: 0, messagesSeq: 0 };
    this.post({ kind: 'hello' });
  }

  /** Sends a command to the owner; resolves with its answer. Rejects when there is no owner or it went away. */
  command(name: string, args: readonly unknown[]): Promise<unknown> {
    const role = this.currentRole;
    if (role.name !== 'follower' || !role.ownerId) {
      return Promise.reject(new TabError('TAB_OWNER_STARTING'));
    }
    const to = role.ownerId;
    return this.requests.start(to, (id) => this.post({ kind: 'command', to, id, name, args }), 'TAB_OWNER_SILENT');
  }

  /** The current owner's sign-in offer (follower), `null` when it made none or signs in already. */
  get signInOffer(): string | null {
    return this.currentRole.name === 'follower' && this.currentRole.ownerId ? this.offer : null;
  }

  /**
   * Hands the authorization response of a popup opened with {@link signInOffer} to the owner, which exchanges the
   * code; resolves once signed in. Rejects when there is no owner or it went away.
   */
  signIn(code: string, state: string): Promise<void> {
    const role = this.currentRole;
    if (role.name !== 'follower' || !role.ownerId) {
      return Promise.reject(new TabError('TAB_OWNER_STARTING'));
    }
    const to = role.ownerId;
    return this.requests
      .start(to, (id) => this.post({ kind: 'sign-in', to, id, code, state }), 'TAB_OWNER_SILENT')
      .then(() => undefined);
  }

  /** A click-to-dial or a navigation in this (follower) tab, for the owner's engine. */
  sendHostEvent(event: TabHostEvent, payload: object): void {
    this.post({ kind: 'host-event', event, payload });
  }

  /** The tab is going (`pagehide`): tells the others, stops listening; the lock goes with the tab. */
  close(): void {
    if (this.currentRole.name === 'closed') return;
    this.post({ kind: 'bye' });
    this.owner?.stop();
    this.owner = null;
    this.follower = null;
    for (const stop of this.stops.splice(0)) stop();
    this.requests.abandon(null, 'TAB_OWNER_GONE');
    this.transition({ type: 'closed' });
    this.options.lock.release();
    this.options.channel.close();
  }

  // ---- messages ----

  private receive(data: unknown): void {
    const message = readTabMessage(data);
    if (!message || message.from === this.tabId || this.currentRole.name === 'closed') return;
    switch (message.kind) {
      case 'hello':
        if (this.owner) {
          this.postState();
          if (this.offer !== null) this.post({ kind: 'sign-in-offer', url: this.offer });
          if (this.messages) this.publishMessages(this.messages.state);
        }
        break;
      case 'owner':
        this.ownerAnnounced(message.from);
        break;
      case 'state':
        this.stateReceived(message.from, message.seq, message.state);
        break;
      case 'messages':
        this.messagesReceived(message.from, message.seq, message.state);
        break;
      case 'command':
        if (message.to === this.tabId) void this.execute(message.from, message.id, message.name, message.args);
        break;
      case 'host-call':
        if (message.to === this.tabId) void this.hostCall(message.from, message.id, message.method, message.args);
        break;
      case 'result':
        if (message.to === this.tabId)
          this.requests.settle(message.from, message.id, message.ok, message.value, message.error, message.reason);
        break;
      case 'host-event':
        if (this.owner) this.owner.source.hostEvent(message.event, message.payload as Record<string, unknown>);
        break;
      case 'sign-in-offer':
        if (this.currentRole.name === 'follower' && this.currentRole.ownerId === message.from) this.offer = message.url;
        break;
      case 'sign-in':
        if (message.to === this.tabId) void this.signInFor(message.from, message.id, message.code, message.state);
        break;
      case 'attention':
        if (this.currentRole.name === 'owner')
          this.attention.set(message.from, { visible: message.visible, focusedAt: message.focusedAt });
        break;
      case 'bye':
        if (this.currentRole.name === 'follower' && this.currentRole.ownerId === message.from) this.offer = null;
        this.attention.delete(message.from);
        this.requests.abandon(message.from, 'TAB_OWNER_GONE');
        this.owner?.source.followerGone?.(message.from);
        this.transition({ type: 'owner-gone', ownerId: message.from });
        break;
    }
  }

  private ownerAnnounced(ownerId: string): void {
    const role = this.currentRole;
    if (role.name !== 'follower' || role.ownerId === ownerId) return;
    // Commands sent to the previous owner will not be answered: the agent is told to try again.
    if (role.ownerId) this.requests.abandon(role.ownerId, 'TAB_OWNER_GONE');
    if (this.follower) {
      this.follower.seq = 0;
      this.follower.messagesSeq = 0;
    }
    // The previous owner's offer: its verifier left with it.
    this.offer = null;
    this.transition({ type: 'owner-announced', ownerId });
    this.post({ kind: 'attention', ...this.options.attention.current() });
  }

  private stateReceived(from: string, seq: number, state: unknown): void {
    if (this.currentRole.name !== 'follower') return;
    // A follower that started after the owner's announcement learns the owner from its first snapshot.
    if (this.currentRole.ownerId !== from) this.ownerAnnounced(from);
    const follower = this.follower;
    if (!follower || seq <= follower.seq) return;
    follower.seq = seq;
    follower.sink.state(state);
  }

  private messagesReceived(from: string, seq: number, state: unknown): void {
    const role = this.currentRole;
    // Only the current owner's: a follower learns a new owner from its announcement or its first `state`.
    if (role.name !== 'follower' || role.ownerId !== from) return;
    const follower = this.follower;
    if (!follower || seq <= follower.messagesSeq) return;
    follower.messagesSeq = seq;
    follower.sink.messages?.(state);
  }

  private async execute(from: string, id: number, name: string, args: readonly unknown[]): Promise<void> {
    const owner = this.owner;
    if (!owner) {
      this.refuse(from, id, new TabError('TAB_NOT_OWNER'));
      return;
    }
    try {
      const value = await owner.source.execute(name, args, from);
      this.post({ kind: 'result', to: from, id, ok: true, value });
    } catch (error) {
      this.refuse(from, id, error);
    }
  }

  private async signInFor(from: string, id: number, code: string, state: string): Promise<void> {
    const owner = this.owner;
    try {
      if (!owner) throw new TabError('TAB_NOT_OWNER');
      if (!owner.source.signIn) throw new TabError('TAB_NO_SIGN_IN');
      await owner.source.signIn(code, state);
      this.post({ kind: 'result', to: from, id, ok: true });
    } catch (error) {
      this.refuse(from, id, error);
    }
  }

  /**
   * Answers request `id` of tab `from` with a failure: its message, and its reason code when it has one (a tabs' own
   * failure, or any refusal the UI words by code — `ReasonError`, ADR 0032), so the other tab words it in its agent's
   * language rather than showing this tab's English message.
   */
  private refuse(from: string, id: number, error: unknown): void {
    const reason = (error as { reasonCode?: unknown } | null)?.reasonCode;
    this.post({
      kind: 'result',
      to: from,
      id,
      ok: false,
      error: messageOf(error),
      ...(typeof reason === 'string' ? { reason } : {}),
    });
  }

  private async hostCall(from: string, id: number, method: TabHostMethod, args: readonly unknown[]): Promise<void> {
    const follower = this.follower;
    if (!follower) {
      this.refuse(from, id, new TabError('TAB_NOT_FOLLOWER'));
      return;
    }
    try {
      const value = await follower.sink.hostCall(method, args);
      this.post({ kind: 'result', to: from, id, ok: true, value });
    } catch (error) {
      this.refuse(from, id, error);
    }
  }

  private attentionChanged(attention: TabAttention): void {
    if (this.currentRole.name === 'follower') this.post({ kind: 'attention', ...attention });
  }

  private postState(): void {
    const owner = this.owner;
    if (!owner) return;
    owner.seq += 1;
    this.post({ kind: 'state', seq: owner.seq, state: owner.source.snapshot() });
  }

  private post(message: Outgoing): void {
    try {
      this.options.channel.post({ ...message, v: TAB_PROTOCOL_VERSION, from: this.tabId });
    } catch (error) {
      // A value that cannot be cloned is a defect of the sender; the other tabs keep their last state.
      console.warn('The softphone could not tell its other tabs', error);
    }
  }

  private transition(event: TabRoleEvent): void {
    const next = nextTabRole(this.currentRole, event);
    if (next === this.currentRole) return;
    this.currentRole = next;
    this.events.emit('role', next);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
