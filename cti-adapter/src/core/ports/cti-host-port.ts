import type { Unsubscribe } from '../support/typed-emitter';

/**
 * The host the softphone lives in (the Salesforce console through Open CTI today; Service Cloud Voice could be a
 * second implementation). Implemented by `src/opencti/open-cti-host.ts`. Methods reject with the host's error
 * (`OpenCtiError` for Open CTI) — the core treats host failures as non-fatal and reports them.
 * @public
 */
export interface CtiHostPort {
  /** Shows a record / search / new-record form in the console. */
  screenPop(pop: ScreenPop): Promise<void>;
  enableClickToDial(): Promise<void>;
  disableClickToDial(): Promise<void>;
  /** Registers the click-to-dial listener (fires when the agent clicks a phone field). */
  onClickToDial(listener: (event: ClickToDialEvent) => void): Promise<Unsubscribe>;
  /** Registers a listener for the record the agent is looking at. */
  onNavigationChange(listener: (context: NavigationContext) => void): Promise<Unsubscribe>;
  /** The record currently on screen (or `recordId: null`). */
  getAppViewInfo(): Promise<NavigationContext>;
  /**
   * Shows what the softphone is doing where the host shows it (Open CTI: the utility item's icon and label), with the
   * number of unread text messages (a badge; 0 = none) and whether it listens for calls ({@link Listening}, ADR 0034).
   * The core calls it only when one of them changes.
   */
  showActivity(activity: SoftphoneActivity, unreadMessages: number, listening: Listening): Promise<void>;
  setPanelVisibility(visible: boolean): Promise<void>;
  /** Tells the host the softphone is ready (stops the switch to the standby URL). Call once. */
  notifyInitializationComplete(): Promise<void>;
  /** Refreshes the record view (after a Task was saved). */
  refreshView(): Promise<void>;
}

/**
 * What the softphone is doing, in host-neutral words (the host picks icon and wording):
 * `offline` (the web phone is unavailable), `starting`, `ready` (idle), `ringing` (a call alerts), `dialing`
 * (an outbound call is not answered yet), `on-call` (talking), `on-hold` (only held calls).
 * @public
 */
export type SoftphoneActivity = 'offline' | 'starting' | 'ready' | 'ringing' | 'dialing' | 'on-call' | 'on-hold';

/**
 * Why the softphone would not learn of a call now (host-neutral):
 * `starting` (the web phone registers, or the call events subscribe, for the first time), `signed-out`,
 * `microphone-blocked` (the browser or the page refuses the microphone), `no-microphone`, `too-many-phones`
 * (RingCentral allows 5 web phones per user), `registration-failed` (RingCentral refused it), `registration-lost` (the
 * web phone's connection dropped; it reconnects), `subscription-lost` (calling device `otherDevice`: the telephony-session
 * event subscription dropped or was refused; it reconnects by itself when it can).
 * @public
 */
export type NotListeningReason =
  | 'starting'
  | 'signed-out'
  | 'microphone-blocked'
  | 'no-microphone'
  | 'too-many-phones'
  | 'registration-failed'
  | 'registration-lost'
  | 'subscription-lost';

/**
 * Whether the softphone is listening for the agent's calls: with the web phone, when it is registered (the sign-in
 * renewing meanwhile does not stop it ringing); with calling device `otherDevice` (ADR 0029), when the telephony-session
 * subscription is up — the calls are only known from its events. `via` says where the calls ring.
 * @public
 */
export type Listening =
  | { readonly listening: true; readonly via: 'browser' | 'other' }
  | { readonly listening: false; readonly reason: NotListeningReason };

/**
 * A screen pop, host-independent. Open CTI maps: `record` → `SOBJECT {recordId}`, `search` → `SEARCH
 * {searchString}` (≥ 3 chars), `newRecord` → `NEW_RECORD_MODAL {entityName, defaultFieldValues}`, `url` → `URL`.
 * @public
 */
export type ScreenPop =
  | { readonly kind: 'record'; readonly recordId: string }
  | { readonly kind: 'search'; readonly searchString: string }
  | {
      readonly kind: 'newRecord';
      readonly entityName: string;
      readonly defaultFieldValues: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'url'; readonly url: string };

/**
 * The record the agent is on (Open CTI `getAppViewInfo` / `onNavigationChange` payload, normalized).
 * @public
 */
export interface NavigationContext {
  readonly url: string | null;
  readonly recordId: string | null;
  readonly recordName: string | null;
  readonly objectType: string | null;
  /** For a Contact: its Account; for a person account: the Account itself. */
  readonly accountId: string | null;
  /** For a person account: its PersonContactId when the host provides it. */
  readonly contactId: string | null;
  readonly personAccount: boolean;
}

/**
 * A click on a phone field (Open CTI `onClickToDial` payload, normalized). `number` is the raw stored value.
 * @public
 */
export interface ClickToDialEvent extends NavigationContext {
  readonly number: string;
}
