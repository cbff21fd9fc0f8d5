import type { CrmGateway } from '../core/ports/crm-gateway';
import type { RemotingCrmGateway } from '../salesforce/remoting-crm-gateway';
import type { AttributeSource } from '../salesforce/remote-action-names';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { Settings } from '../core/settings/settings';
import type { Unsubscribe } from '../core/support/typed-emitter';
import type { RingCentralApi } from '../ringcentral/rest/ringcentral-api';
import type { RingCentralSubscriptionEventMap } from '../ringcentral/subscriptions/ringcentral-subscription';
import type { MessagesAccess, MessagesController, SmsRecordContext } from '../ui/messages-controller';
import type { MessagesFeature, MessagesFeatureDependencies } from './messages/messages-entry';
import { whenIdle } from '../core/support/when-idle';
import { messagesLoadError } from './messages-gate';
import { ReasonError } from '../core/engine/notices';

type MessageEvents = Pick<RingCentralSubscriptionEventMap, 'messages' | 'state'>;

/** The signed-in RingCentral session the Messages feature runs over. @public */
export interface MessagesSession {
  readonly api: RingCentralApi;
  readonly events: {
    on<K extends keyof MessageEvents>(type: K, listener: (event: MessageEvents[K]) => void): Unsubscribe;
  };
}

/** Options of {@link MessagesLoader}. @public */
export interface MessagesLoaderOptions {
  readonly crm: Pick<CrmGateway, 'matchNumbers'> & Pick<RemotingCrmGateway, 'invoke'>;
  readonly kv: KeyValueStore;
  readonly settings: () => Settings;
  readonly onUnread: (count: number) => void;
  /** The page's `#softphone-config` element, read by the chunk (the SMS templates' remote action names). */
  readonly pageConfig?: AttributeSource | null;
  /** Loads the feature's chunk (default: the one dynamic `import()` of `./messages/messages-entry`). */
  readonly importEntry?: () => Promise<MessagesEntry>;
}

/** What the Messages chunk exports (`./messages/messages-entry`). @public */
export interface MessagesEntry {
  startMessagesFeature(deps: MessagesFeatureDependencies): MessagesFeature;
}

/** Most events kept for the chunk while it loads; older ones are dropped and the chunk syncs instead. */
const MAX_BUFFERED = 500;

/**
 * The loader of the Messages tab (ADR 0019; a lazy chunk of its own behind `messagesGate`, ADR 0026): the ONE
 * dynamic `import()` of the Messages chunk. From the
 * moment RingCentral is signed in it keeps the subscription's message-store events (an inbound SMS before the chunk
 * ran is not lost) and loads the chunk when the page is idle after the start, or at once when the agent opens the tab
 * or sends an SMS from a record. The chunk then receives the kept events, followed by the live ones. Sign-out stops
 * the feature; signing in again starts a new one.
 * @public
 */
export class MessagesLoader {
  private session: MessagesSession | null = null;
  private buffer: { type: keyof MessageEvents; event: unknown }[] = [];
  private dropped = false;
  private readonly live = new Map<keyof MessageEvents, Set<(event: never) => void>>();
  private offSession: Unsubscribe[] = [];
  private feature: Promise<MessagesFeature> | null = null;
  private running: MessagesFeature | null = null;
  private readonly showListeners = new Set<() => void>();
  /** Messages tabs opened before the session's subscription existed: they get the feature once it does. */
  private waiting: (() => void)[] = [];

  constructor(private readonly options: MessagesLoaderOptions) {}

  /** The signed-in session (`null` at sign-out). Keeps its message events until the chunk takes them. */
  attach(session: MessagesSession | null): void {
    for (const off of this.offSession.splice(0)) off();
    this.running?.dispose();
    this.running = null;
    this.feature = null;
    this.buffer = [];
    this.dropped = false;
    this.session = session;
    if (!session) return;
    const keep =
      <K extends keyof MessageEvents>(type: K) =>
      (event: MessageEvents[K]): void => {
        const listeners = this.live.get(type);
        if (this.running && listeners) {
          for (const listener of [...listeners]) (listener as (e: MessageEvents[K]) => void)(event);
          return;
        }
        this.buffer.push({ type, event });
        if (this.buffer.length > MAX_BUFFERED) {
          this.buffer.shift();
          this.dropped = true;
        }
      };
    this.offSession.push(session.events.on('messages', keep('messages')), session.events.on('state', keep('state')));
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** The running feature: loads the chunk once per sign-in (rejects when signed out or the chunk cannot load). */
  load(): Promise<MessagesFeature> {
    const session = this.session;
    if (!session)
      return Promise.reject(
        new ReasonError('SMS_SIGN_IN_NEEDED', 'Sign in to RingCentral to read your text messages.'),
      );
    if (!this.feature) {
      const importEntry = this.options.importEntry ?? (() => import('./messages/messages-entry'));
      this.feature = importEntry().then(
        (entry) => {
          if (this.session !== session)
            throw new ReasonError('SIGNED_OUT_WHILE_LOADING', 'Signed out while the messages were loading.');
          const feature = entry.startMessagesFeature({
            api: session.api,
            events: { on: (type, listener) => this.listen(type, listener as (event: never) => void) },
            crm: this.options.crm,
            kv: this.options.kv,
            settings: this.options.settings,
            onUnread: this.options.onUnread,
            pageConfig: this.options.pageConfig ?? null,
          });
          this.running = feature;
          this.replay();
          return feature;
        },
        (error: unknown) => {
          this.feature = null;
          throw messagesLoadError(error);
        },
      );
    }
    return this.feature;
  }

  /**
   * Opens the thread with `number` from outside the Messages tab (a record's "Send SMS", Open CTI): loads the feature,
   * opens (or starts) the conversation with the record as its context, and asks the app to show the Messages tab.
   * Resolves with the conversation's id; rejects with an `Error` to show (signed out, chunk not loaded, not a phone
   * number).
   */
  async openThread(number: string, context: SmsRecordContext | null = null): Promise<string> {
    const feature = await this.load();
    const conversationId = await feature.service.openNumber(number, context);
    for (const listener of [...this.showListeners]) listener();
    return conversationId;
  }

  /**
   * What the softphone UI gets: the feature's controller on first use — waiting, when RingCentral is not signed in yet
   * (the subscription starts once the web phone's start settled, ADR 0018), until it is — and the requests to show
   * the tab.
   */
  access(): MessagesAccess {
    const signedIn = (): Promise<void> =>
      this.session ? Promise.resolve() : new Promise<void>((resolve) => this.waiting.push(resolve));
    return {
      load: () =>
        signedIn()
          .then(() => this.load())
          .then((feature): MessagesController => feature.service),
      onShow: (listener) => {
        this.showListeners.add(listener);
        return () => this.showListeners.delete(listener);
      },
    };
  }

  /** Loads the chunk when the page is idle (after the start), so the badge shows without a click. Never rejects. */
  prefetch(): void {
    void whenIdle().then(() => this.load().catch(() => undefined));
  }

  private listen(type: keyof MessageEvents, listener: (event: never) => void): Unsubscribe {
    let set = this.live.get(type);
    if (!set) {
      set = new Set();
      this.live.set(type, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Hands the kept events to the chunk's listeners, in order; a dropped one becomes a `lost` state (it syncs). */
  private replay(): void {
    const kept = this.buffer;
    this.buffer = [];
    const deliver = (type: keyof MessageEvents, event: unknown): void => {
      for (const listener of [...(this.live.get(type) ?? [])]) (listener as (e: unknown) => void)(event);
    };
    if (this.dropped) deliver('state', { state: 'recovered', lostEvents: true });
    for (const { type, event } of kept) deliver(type, event);
  }
}
