import { LightningElement, api, setFeatureFlag } from 'lwc';
import type { CallView, SoftphoneState } from '../../../core/engine/softphone-state';
import {
  isPresenceMode,
  PRESENCE_MODES,
  presenceModeOf,
  type PresenceMode,
} from '../../../core/presence/presence-mode';
import type { SoftphoneController } from '../../softphone-controller';
import { IDLE } from '../../softphone-events';
import type {
  CommandFeedback,
  LogQueueView,
  RecordSearch,
  SoftphoneEventName,
  SoftphoneEvents,
} from '../../softphone-events';
import { errorText, notListeningText } from '../../view-format';
import type { NoticeView } from '../notices/notices';
import { whenIdle } from '../../../core/support/when-idle';
import { softphoneActivity } from '../../../core/engine/softphone-activity';
import { listeningOf } from '../../../core/engine/listening';
import { awaitsSalesEngagementStep } from '../../../core/sales-engagement/sales-engagement';
import { loadedSurfaces, loadSurface, prefetchSurfaces } from '../../lazy-surfaces';
import type { LazySurface, SurfaceConstructor } from '../../lazy-surfaces';
import { formatLabel, labels } from '../../labels';
import type { LabelName } from '../../labels.generated';
import { formatInteger } from '../../locale';

// LWC re-renders, in the same flush, a component its parent has just removed ("detached rehydration", on by default
// for backwards compatibility). That render subscribes the removed component again to the long-lived objects it reads
// (the settings object of every state), so each removed log form, incoming card or active call — its DOM and its
// listeners — stayed reachable for the whole session. The engine's fixed behaviour renders connected components only.
setFeatureFlag('DISABLE_DETACHED_REHYDRATION', true);

type Tab = 'phone' | 'messages' | 'history' | 'unresolved' | 'settings';

/**
 * The tabs with their SLDS utility icon: five equal columns, an icon over a short label, so all fit in 360 px. The
 * tabs but Phone show their panel through the lazy `tabPanels` surface: each names the lazy surface its panel holds
 * and what its panel says until both are loaded.
 */
const TABS: readonly { id: Tab; label: LabelName; icon: string; surface?: LazySurface; loading?: LabelName }[] = [
  { id: 'phone', label: 'Phone', icon: 'call' },
  { id: 'messages', label: 'Messages', icon: 'sms', surface: 'messagesPanel', loading: 'Loading_the_messages' },
  { id: 'history', label: 'History', icon: 'clock', surface: 'callHistory', loading: 'Loading_the_call_history' },
  {
    id: 'unresolved',
    label: 'Unresolved',
    icon: 'warning',
    surface: 'unresolvedCalls',
    loading: 'Loading_the_unresolved_calls',
  },
  { id: 'settings', label: 'Settings', icon: 'settings', surface: 'settingsPanel', loading: 'Loading_the_settings' },
];

/** Shortest Related To term that is searched (one letter would match half the org). */
const MIN_SEARCH_TERM = 2;

/** Which child shows a call: the incoming card while it rings, the active call while live, then its log form. */
type CallSurface = 'incoming' | 'active' | 'log';

function surfaceOf(view: CallView): CallSurface | null {
  switch (view.call.state) {
    case 'ringing':
      return 'incoming';
    case 'dialing':
    case 'connected':
    case 'held':
      return 'active';
    case 'ended':
      // Saved automatically without its disposition, a Sales Engagement call's log stays for the cadence step.
      return view.taskId && !awaitsSalesEngagementStep(view) ? null : 'log';
  }
}

/** How long the "call logged" confirmation stays (SLDS: a toast with a link stays long enough to reach the link). */
const TOAST_MS = 10_000;

/** The confirmation shown after a log was saved: a link to its Task (Open CTI `screenPop` on click). */
interface Toast {
  readonly id: number;
  readonly message: string;
  readonly taskId: string;
}

/** The words of each presence mode. */
const PRESENCE_LABELS: Readonly<Record<PresenceMode, LabelName>> = {
  Available: 'Available',
  Busy: 'Busy',
  DoNotDisturb: 'Do_Not_Disturb',
  Invisible: 'Invisible',
};

/** The status badge: what the softphone is doing, in the agent's words (SLDS badge theme by urgency). */
const STATUS: Readonly<Record<string, { label: LabelName; theme: string }>> = {
  'signed-out': { label: 'Signed_out', theme: 'slds-theme_error' },
  offline: { label: 'Offline', theme: 'slds-theme_error' },
  'not-listening': { label: 'Not_listening', theme: 'slds-theme_error' },
  reconnecting: { label: 'Reconnecting', theme: 'slds-theme_warning' },
  starting: { label: 'Starting', theme: '' },
  ringing: { label: 'Ringing', theme: 'slds-theme_warning' },
  dialing: { label: 'Calling', theme: 'slds-badge_inverse' },
  'on-call': { label: 'On_call', theme: 'slds-badge_inverse' },
  'on-hold': { label: 'On_hold', theme: 'slds-badge_inverse' },
  busy: { label: 'Busy', theme: 'slds-theme_error' },
  dnd: { label: 'Do_Not_Disturb', theme: 'slds-theme_error' },
  invisible: { label: 'Invisible', theme: 'slds-theme_warning' },
  ready: { label: 'Ready', theme: 'slds-theme_success' },
};

/** Events the app applies at once (the controller answers nothing). */
type UpdateEvent = 'formchange' | 'cancelautolog' | 'discard' | 'preferenceschange' | 'dismiss' | 'dialprompt';
/** Events the app turns into a controller command that answers; its pending state and failure go back down. */
type CommandEvent = Exclude<
  SoftphoneEventName,
  UpdateEvent | 'recordsearch' | 'open' | 'digit' | 'opensettings' | 'logqueue' | 'opentask' | 'closetoast'
>;

type Forward<K extends SoftphoneEventName, R> = (controller: SoftphoneController, detail: SoftphoneEvents[K]) => R;

/** Event → controller command, with the same arguments (the one place a child's event meets the controller). */
const COMMANDS: { readonly [K in CommandEvent]: Forward<K, Promise<unknown>> } = {
  answer: (c, d) => c.answer(d.callId),
  decline: (c, d) => c.decline(d.callId),
  tovoicemail: (c, d) => c.toVoicemail(d.callId),
  ignore: (c, d) => c.ignore(d.callId),
  holdandanswer: (c, d) => c.holdAndAnswer(d.callId),
  switchto: (c, d) => c.switchTo(d.callId),
  chooserecord: (c, d) => c.chooseRecord(d.callId, d.recordId),
  mute: (c, d) => c.mute(d.callId, d.muted),
  hold: (c, d) => c.hold(d.callId, d.held),
  recording: (c, d) => c.setRecording(d.callId, d.on),
  hangup: (c, d) => c.hangup(d.callId),
  dtmf: (c, d) => c.sendDtmf(d.callId, d.digits),
  transfer: (c, d) => c.transfer(d.callId, d.target),
  warmtransfer: (c, d) => c.warmTransfer(d.callId, d.target),
  completetransfer: (c, d) => c.completeWarmTransfer(d.callId),
  createplaceholder: (c, d) => c.createPlaceholder(d.callId, d.name),
  save: (c, d) => c.saveLog(d.callId),
  lookupagain: (c, d) => c.lookUpAgain(d.callId),
  dial: (c, d) => c.dial(d.number),
  refresh: (c) => c.refreshHistory(),
  logpastcall: (c, d) => c.logPastCall(d.recordId),
  login: (c) => c.login(),
  logout: (c) => c.logout(),
  testsound: (c, d) => c.playTestSound(d.sound),
  queuecalls: (c, d) => c.setQueueCalls(d.on),
};

const UPDATES: { readonly [K in UpdateEvent]: Forward<K, void> } = {
  formchange: (c, d) => c.updateForm(d.callId, d.patch),
  cancelautolog: (c, d) => c.cancelAutoLog(d.callId),
  discard: (c, d) => c.discard(d.callId),
  preferenceschange: (c, d) => c.setPreferences(d.patch),
  dismiss: (c, d) => c.dismissNotice(d.id),
  dialprompt: (c, d) => c.answerDialPrompt(d.id, d.proceed),
};

/**
 * Root of the softphone UI (`<softphone-app>`). Renders the engine's {@link SoftphoneState}: status and presence
 * header, notices, the "web phone unavailable" help, and four tabs — Phone, History, Unresolved, Settings. The
 * Phone tab shows one surface at a time, sized for a 360 × 560 utility item: the incoming call card, else the live
 * call, else the log form of one call to log (the log queue bar above it counts them: "2 calls to log", Next,
 * Dialer), else the dialer. Saving a log shows a toast linking to the Task. Light DOM (`renderMode = 'light'`): the page's global
 * SLDS style sheet (`<apex:slds/>`) styles the markup; a shadow root would hide it from the components.
 *
 * Data down, events up (ADR 0004): this is the only component that talks to the {@link SoftphoneController}.
 * Children get the state as `@api` properties and raise the events of `SoftphoneEvents`; the app forwards each to
 * the controller (`COMMANDS`, `UPDATES`). What a command answers comes back down as data:
 * - `feedback` ({@link CommandFeedback}: commands in flight and the last failure) is kept per surface — the
 *   incoming card, the active call and the log form of each call (`incoming:<callId>`, `active:<callId>`,
 *   `log:<callId>`), the dialer, the history, and the app itself (presence, sign-in/out) — and dropped when the
 *   surface goes away (the call moves on or ends, the dialer is replaced, …);
 * - a log form's record search (the Related To typeahead, the caller-ID name search) is a query: its results come down per call as `recordSearch` ({@link RecordSearch}),
 *   the latest term winning.
 *
 * The first paint holds only what ringing, answering and the screen pop show (header, notices, tab bar, incoming card,
 * active call), and so does this template (ADR 0018, first paint: the root template holds only the first paint's
 * surfaces): the Phone tab with no call ringing or live (`phoneIdle`: the log form or the dialer), the log queue bar
 * (`logQueue`), the panels of the other tabs (`tabPanels`: Messages, History, Unresolved, Settings), the "call logged"
 * toast (`savedToast`), the calls on hold, call waiting and the dial prompt are lazy surfaces (`lazy-surfaces.ts`), each component of those panels too: loaded when the screen needs
 * one ("Loading…" meanwhile; a failed load says so under the header) and all prefetched once the softphone has
 * started. This component keeps the state, the tab, the command feedback and the searches, and passes them down.
 * The dialer waits for the start (the header says "Starting…" until then).
 */
export default class App extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  /** The engine adapter; set once by the composition root before the element is attached. */
  @api controller: SoftphoneController | null = null;
  state: SoftphoneState | null = null;
  tab: Tab = 'phone';
  /** Call whose log form the agent opened (Unresolved, History → Log, Next), else the newest ended call's. */
  focusedCallId: string | null = null;
  /**
   * Whether the Phone tab shows the log form of the calls to log (the default) or the dialer the agent asked for
   * ("Dialer" on the log queue bar). A call that ends, or a log opened from History or Unresolved, shows the form again.
   */
  logQueueOpen = true;
  /** The "call logged" confirmation, else `null`. */
  toast: Toast | null = null;
  private toastTimer: ReturnType<typeof setTimeout> | null = null;
  private toastSeq = 0;
  /** The ended calls to log at the last state: a new one opens the log queue again. */
  private knownLogIds = new Set<string>();
  now = Date.now();
  /** Command feedback by surface (see above); a surface with nothing in flight and no failure has no entry. */
  feedback: Readonly<Record<string, CommandFeedback>> = {};
  /** Related To search of each log form, by call id. */
  searches: Readonly<Record<string, RecordSearch>> = {};
  /** The lazy surfaces loaded so far (ADR 0018); one the screen needs and lacks shows "Loading…". */
  surfaces: Readonly<Partial<Record<LazySurface, SurfaceConstructor>>> = {};
  /** Why a lazy surface could not be loaded (shown under the header), else `null`. */
  surfaceError: string | null = null;
  private readonly searchSeq = new Map<string, number>();
  private unsubscribe: (() => void) | null = null;
  private offShowMessages: (() => void) | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private prefetchScheduled = false;
  private connected = false;

  override connectedCallback(): void {
    this.connected = true;
    this.surfaces = loadedSurfaces();
    if (!this.controller) return;
    this.state = this.controller.state;
    this.knownLogIds = new Set(this.logCalls.map((c) => c.call.callId));
    this.unsubscribe = this.controller.subscribe((state) => {
      this.state = state;
      this.noticeNewLogs();
      this.updateTicker();
      this.prune();
      this.loadSurfaces();
    });
    this.updateTicker();
    this.loadSurfaces();
    // A thread opened from outside the softphone (a record's Send SMS) brings the Messages tab forward.
    this.offShowMessages = this.controller.messages?.onShow(() => this.selectTab('messages')) ?? null;
  }

  override disconnectedCallback(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.offShowMessages?.();
    this.offShowMessages = null;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.dismissToast();
  }

  /**
   * A call that just ended shows its log form, even after "Dialer" — or, with the setting `closeCallViewOnHangUp`,
   * the dialer (the call waits in the log queue). A past call opened for logging always shows its form.
   */
  private noticeNewLogs(): void {
    const ids = new Set<string>();
    for (const c of this.logCalls) {
      if (!this.knownLogIds.has(c.call.callId))
        this.logQueueOpen = c.fromHistory || !this.state?.settings.closeCallViewOnHangUp;
      ids.add(c.call.callId);
    }
    this.knownLogIds = ids;
  }

  /**
   * Loads the lazy surfaces the screen needs now and, once the softphone has started (phase no longer `starting`),
   * prefetches all of them when the page is idle.
   */
  private loadSurfaces(): void {
    for (const name of this.neededSurfaces()) {
      if (this.surfaces[name]) continue;
      loadSurface(name).then(
        () => this.showLoadedSurfaces(),
        (error: unknown) => {
          if (this.connected) this.surfaceError = errorText(error);
        },
      );
    }
    if (this.prefetchScheduled || !this.state || this.state.phase === 'starting') return;
    this.prefetchScheduled = true;
    void whenIdle()
      .then(() => prefetchSurfaces())
      .then(() => this.showLoadedSurfaces());
  }

  private showLoadedSurfaces(): void {
    if (!this.connected) return;
    const loaded = loadedSurfaces();
    if (Object.keys(loaded).length !== Object.keys(this.surfaces).length) this.surfaces = loaded;
    if (this.surfaceError && this.neededSurfaces().every((name) => loaded[name])) this.surfaceError = null;
  }

  /** The lazy surfaces on screen now (the dialer only once the softphone has started). */
  private neededSurfaces(): LazySurface[] {
    const needed: LazySurface[] = [];
    if (this.isPhoneTab && this.logQueue) needed.push('logQueue');
    if (this.toast) needed.push('savedToast');
    if (this.isPhoneTab && this.ringingCall && this.callWaiting) needed.push('callWaiting');
    if (this.isPhoneTab && this.liveCall && this.otherLiveCalls.length > 0) needed.push('heldCalls');
    if (this.isPhoneTab && this.showLogForm) needed.push('phoneIdle', 'callLogForm');
    if (this.isPhoneTab && this.showDialer && this.phase !== 'starting') needed.push('phoneIdle', 'dialer');
    const surface = TABS.find((t) => t.id === this.tab)?.surface;
    if (surface) needed.push('tabPanels', surface);
    if (this.showHelp) needed.push('unavailable');
    if (this.state?.dialPrompt) needed.push('dialPrompt');
    return needed;
  }

  get callWaitingLoading(): boolean {
    return !this.surfaces.callWaiting;
  }

  get heldCallsLoading(): boolean {
    return !this.surfaces.heldCalls;
  }

  /**
   * What the Phone tab says while `phoneIdle` (the log form or the dialer) is not loaded, else `null`; nothing for the
   * dialer while the softphone starts. Once it is loaded, it says the same while the form's or the dialer's own chunk loads.
   */
  get phoneIdleLoading(): string | null {
    if (this.surfaces.phoneIdle) return null;
    if (this.showLogForm) return labels.Loading_the_call_log;
    return this.phase === 'starting' ? null : labels.Loading_the_dialer;
  }

  /** The call whose log form `phoneIdle` shows, else `null` (it shows the dialer). */
  get idleLogCall(): CallView | null {
    return this.showLogForm ? this.logCall : null;
  }

  /**
   * The selected tab when it is not Phone (its panel is the `tabPanels` surface's), else `null`; `loading` is what its
   * panel says until `tabPanels` is loaded (`null` once it is: `tabPanels` shows the panel and its own "Loading…").
   */
  get otherTab(): { panelId: string; tabId: string; className: string; loading: string | null } | null {
    const loading = TABS.find((t) => t.id === this.tab)?.loading;
    if (!loading) return null;
    return {
      panelId: `softphone-panel-${this.tab}`,
      tabId: `softphone-tab-${this.tab}`,
      // The Messages panel scrolls inside itself; the others scroll as a whole under the tab bar.
      className: `slds-tabs_default__content slds-p-top_none${this.tab === 'messages' ? '' : ' softphone-tabpanel'}`,
      loading: this.surfaces.tabPanels ? null : labels[loading],
    };
  }

  /** How the Messages tab reaches its feature (`null`: not available on this page). */
  get messagesAccess(): SoftphoneController['messages'] | null {
    return this.controller?.messages ?? null;
  }

  private updateTicker(): void {
    const needsClock = (this.state?.calls ?? []).some((c) => c.call.state !== 'ended' || c.autoLogAt !== null);
    this.now = Date.now();
    if (needsClock && !this.ticker) {
      this.ticker = setInterval(() => {
        this.now = Date.now();
      }, 1000);
    } else if (!needsClock && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  get ready(): boolean {
    return this.state?.phase === 'ready';
  }

  get phase(): string {
    return this.state?.phase ?? 'starting';
  }

  /** Whether the softphone is getting its RingCentral connection back (sign-in renewal or network retry). */
  private get reconnecting(): boolean {
    const telephony = this.state?.telephony;
    return (
      (telephony?.state === 'registered' && telephony.reconnecting !== undefined) ||
      (telephony?.state === 'unavailable' && telephony.reason === 'network')
    );
  }

  /** The agent's presence mode, `null` until the presence is known. */
  get presenceMode(): PresenceMode | null {
    const presence = this.state?.presence;
    return presence ? presenceModeOf(presence) : null;
  }

  /**
   * What the status badge says: sign-in and connection first (signed out, offline, reconnecting, starting), then the
   * most urgent call (ringing, calling, on call, on hold — {@link softphoneActivity}), then not listening (the app /
   * desk phone's call events lost, ADR 0034), then the agent's presence mode (Do Not Disturb, Invisible, Busy — also busy when RingCentral says so, e.g. a call on another device), else
   * ready.
   */
  get status(): string {
    const telephony = this.state?.telephony;
    if (this.reconnecting) return 'reconnecting';
    if (telephony?.state === 'unavailable') return telephony.reason === 'logged-out' ? 'signed-out' : 'offline';
    const activity = softphoneActivity(this.state?.phase ?? 'starting', this.calls);
    if (activity !== 'ready') return activity;
    if (this.listening.state === 'off') return 'not-listening';
    const mode = this.presenceMode;
    if (mode === 'DoNotDisturb') return 'dnd';
    if (mode === 'Invisible') return 'invisible';
    if (mode === 'Busy' || this.state?.presence?.presenceStatus === 'Busy') return 'busy';
    return 'ready';
  }

  /**
   * The header's listening line (ADR 0034): `on` (green) — calls ring here, show here while another tab holds the
   * phone (a follower tab, ADR 0028), or are followed on the agent's app / desk phone; `off` (red) with the reason; `starting` (grey) until the first registration or subscription settles.
   */
  get listening(): { state: 'on' | 'off' | 'starting'; text: string } {
    const l = listeningOf(this.state?.telephony ?? { state: 'starting' });
    if (l.listening)
      return {
        state: 'on',
        text:
          l.via === 'other'
            ? labels.Listening_other_device
            : this.state?.phoneInOtherTab
              ? labels.Listening_other_tab
              : labels.Listening_here,
      };
    if (l.reason === 'starting') return { state: 'starting', text: labels.Connecting };
    return { state: 'off', text: formatLabel(labels.Not_listening_because, notListeningText(l.reason)) };
  }

  get statusLabel(): string {
    return labels[(STATUS[this.status] ?? STATUS.starting!).label];
  }

  get statusClass(): string {
    return `slds-badge ${(STATUS[this.status] ?? STATUS.starting!).theme} softphone-status`;
  }

  /** Whether the help for an unavailable phone or a reconnecting sign-in shows (its own lazy surface, ADR 0034). */
  get showHelp(): boolean {
    const telephony = this.state?.telephony;
    return telephony?.state === 'unavailable' || (telephony?.state === 'registered' && !!telephony.reconnecting);
  }

  get showLogin(): boolean {
    const telephony = this.state?.telephony;
    return telephony?.state === 'unavailable' && telephony.reason === 'logged-out';
  }

  /** Presence as RingCentral has it; `Offline` while the softphone is not connected (nothing reaches this agent). */
  get presenceOptions(): readonly { value: string; label: string; selected: boolean }[] {
    const options = PRESENCE_MODES.map((p) => ({
      value: p.mode,
      label: labels[PRESENCE_LABELS[p.mode]],
      selected: this.ready && p.mode === this.presenceMode,
    }));
    return this.ready ? options : [{ value: 'Offline', label: labels.Offline, selected: true }, ...options];
  }

  get presenceDisabled(): boolean {
    return !this.ready || !this.state?.presence;
  }

  /**
   * The tab bar: an icon over the label; a count on the icon — unread text messages on Messages, calls still to log
   * on Unresolved — with its words for screen readers.
   */
  get tabs(): readonly {
    id: Tab;
    label: string;
    icon: string;
    selected: boolean;
    className: string;
    tabIndex: string;
    panelId: string;
    tabId: string;
    badge: string | null;
    badgeLabel: string | null;
  }[] {
    return TABS.map((t) => {
      const selected = t.id === this.tab;
      const count = t.id === 'unresolved' ? (this.state?.conflicts.length ?? 0) : 0;
      const unread = t.id === 'messages' ? (this.state?.unreadMessages ?? 0) : 0;
      const shown = count + unread;
      return {
        id: t.id,
        label: labels[t.label],
        icon: t.icon,
        badge: shown > 0 ? (shown > 99 ? '99+' : String(shown)) : null,
        badgeLabel:
          unread > 0
            ? formatLabel(labels.Badge_unread, formatInteger(unread))
            : count > 0
              ? formatLabel(labels.Badge_to_log, formatInteger(count))
              : null,
        selected,
        className: `slds-tabs_default__item softphone-tab${selected ? ' slds-is-active' : ''}`,
        tabIndex: selected ? '0' : '-1',
        panelId: `softphone-panel-${t.id}`,
        tabId: `softphone-tab-${t.id}`,
      };
    });
  }

  get isPhoneTab(): boolean {
    return this.tab === 'phone';
  }

  private get calls(): readonly CallView[] {
    return this.state?.calls ?? [];
  }

  get ringingCall(): CallView | null {
    // A call the agent ignored (call waiting's "Ignore") rings on for the platform without a card.
    return this.calls.find((c) => surfaceOf(c) === 'incoming' && !c.ignored) ?? null;
  }

  /** A call rings while the agent is on another one (connected or held): the card is the call-waiting one. */
  get callWaiting(): boolean {
    return this.calls.some((c) => c.call.state === 'connected' || c.call.state === 'held');
  }

  get liveCall(): CallView | null {
    const live = this.calls.filter((c) => surfaceOf(c) === 'active');
    const active = live.find((c) => c.call.callId === this.state?.activeCallId);
    return active ?? live[0] ?? null;
  }

  /** Ended calls not logged yet, newest first: the log queue. */
  private get logCalls(): readonly CallView[] {
    return this.calls.filter((c) => surfaceOf(c) === 'log');
  }

  /** Live calls besides the one shown in full (held during call waiting), oldest first. */
  get otherLiveCalls(): readonly CallView[] {
    const shown = this.liveCall?.call.callId;
    return this.calls.filter((c) => surfaceOf(c) === 'active' && c.call.callId !== shown).reverse();
  }

  /** The call whose log form the Phone tab shows (one at a time): the focused one, else the newest. */
  get logCall(): CallView | null {
    const ended = this.logCalls;
    return ended.find((c) => c.call.callId === this.focusedCallId) ?? ended[0] ?? null;
  }

  /** The log form is on screen: no call rings or is live, calls wait to be logged, and the agent did not pick Dialer. */
  get showLogForm(): boolean {
    return !this.ringingCall && !this.liveCall && this.logQueueOpen && this.logCall !== null;
  }

  /**
   * The log queue bar above the Phone tab's one surface: how many calls wait to be logged ("2 calls to log"), and
   * the way between them and the dialer — Next (another call's form), Dialer (the form stays in the queue), Log.
   */
  get logQueue(): LogQueueView | null {
    const count = this.logCalls.length;
    if (count === 0) return null;
    const idle = !this.ringingCall && !this.liveCall;
    return {
      label: count === 1 ? labels.One_call_to_log : formatLabel(labels.Calls_to_log, formatInteger(count)),
      showNext: idle && this.showLogForm && count > 1,
      showDialer: idle && this.showLogForm,
      showLog: idle && !this.showLogForm,
    };
  }

  get incomingFeedback(): CommandFeedback {
    return this.feedbackOf('incoming', this.ringingCall);
  }

  get liveFeedback(): CommandFeedback {
    return this.feedbackOf('active', this.liveCall);
  }

  /** Failure of the app's own commands (presence, sign-in, sign-out) or of loading a surface, shown under the header. */
  get error(): string | null {
    return this.feedback.app?.error ?? this.surfaceError;
  }

  private feedbackOf(surface: CallSurface, view: CallView | null): CommandFeedback {
    return (view && this.feedback[`${surface}:${view.call.callId}`]) ?? IDLE;
  }

  /** The dialer is on screen when nothing else is: no call ringing or live, no log form shown. */
  get showDialer(): boolean {
    return !this.ringingCall && !this.liveCall && !this.showLogForm;
  }

  get notices(): readonly NoticeView[] {
    return this.state?.notices ?? [];
  }

  handleTab(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.tab as Tab | undefined;
    if (id) this.selectTab(id);
  }

  handleTabKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((t) => t.id === this.tab);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (!next) return;
    this.selectTab(next.id);
    Promise.resolve().then(() => (this.querySelector(`#softphone-tab-${next.id}`) as HTMLElement | null)?.focus());
  }

  handlePresence(event: Event): void {
    const value = (event.currentTarget as HTMLSelectElement).value;
    if (isPresenceMode(value)) this.run('app', null, (c) => c.setPresence(value));
  }

  handleOpenConflict(event: CustomEvent<SoftphoneEvents['open']>): void {
    this.openLog(event.detail.callId);
  }

  /**
   * Log queue bar: `next` — the next call's form (newest first, around); `dialer` — the dialer instead of the form (the
   * calls stay in the queue); `log` — back to the form.
   */
  handleLogQueue(event: CustomEvent<SoftphoneEvents['logqueue']>): void {
    const { action } = event.detail;
    if (action === 'next') {
      const ended = this.logCalls;
      const index = ended.findIndex((c) => c.call.callId === this.logCall?.call.callId);
      const next = ended[(index + 1) % ended.length];
      if (next) this.focusedCallId = next.call.callId;
    } else {
      this.logQueueOpen = action === 'log';
    }
    this.prune();
    this.loadSurfaces();
  }

  /** Dialer: RingOut has no number to ring first — the Settings tab, where it is set. */
  handleOpenSettings(): void {
    this.selectTab('settings');
  }

  /** Toast link: the saved Task in the console (Open CTI `screenPop`). */
  handleOpenTask(event: CustomEvent<SoftphoneEvents['opentask']>): void {
    const { taskId } = event.detail;
    this.run('app', null, (c) => c.openRecord(taskId));
  }

  handleDismissToast(): void {
    this.dismissToast();
  }

  /** Shows the log form of `callId` on the Phone tab. */
  private openLog(callId: string): void {
    this.focusedCallId = callId;
    this.logQueueOpen = true;
    this.selectTab('phone');
  }

  private showToast(message: string, taskId: string): void {
    this.dismissToast();
    this.toast = { id: ++this.toastSeq, message, taskId };
    this.toastTimer = setTimeout(() => this.dismissToast(), TOAST_MS);
    this.loadSurfaces();
  }

  private dismissToast(): void {
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = null;
    this.toast = null;
  }

  // Child events → controller, each with the surface whose feedback it drives.

  handleIncomingCall(event: CustomEvent<{ callId: string }>): void {
    this.forward(`incoming:${event.detail.callId}`, event);
  }

  handleActiveCall(event: CustomEvent<{ callId: string }>): void {
    this.forward(`active:${event.detail.callId}`, event);
  }

  handleHeldCall(event: CustomEvent<{ callId: string }>): void {
    this.forward(`active:${event.detail.callId}`, event);
  }

  handleLogForm(event: CustomEvent<{ callId: string }>): void {
    this.forward(`log:${event.detail.callId}`, event);
  }

  handleDialer(event: CustomEvent): void {
    this.forward('dialer', event);
  }

  handleHistory(event: CustomEvent): void {
    this.forward('history', event);
  }

  handleSettings(event: CustomEvent): void {
    this.forward('settings', event);
  }

  handleAppCommand(event: CustomEvent): void {
    this.forward('app', event);
  }

  /** A log form's record search (Related To, the caller-ID name): searches its latest term (from two characters) and passes the results down. */
  handleRecordSearch(event: CustomEvent<SoftphoneEvents['recordsearch']>): void {
    const { callId, objectTypes } = event.detail;
    const term = event.detail.term.trim();
    const seq = (this.searchSeq.get(callId) ?? 0) + 1;
    this.searchSeq.set(callId, seq);
    const controller = this.controller;
    if (!controller || term.length < MIN_SEARCH_TERM) {
      this.setSearch(callId, null);
      return;
    }
    const records = () => this.searches[callId]?.records ?? [];
    this.setSearch(callId, { term, records: records(), searching: true, error: null });
    const latest = () => this.searchSeq.get(callId) === seq;
    attempt(() => controller.searchRecords(term, objectTypes)).then(
      (found) => {
        if (latest()) this.setSearch(callId, { term, records: found, searching: false, error: null });
      },
      (error: unknown) => {
        if (latest()) this.setSearch(callId, { term, records: records(), searching: false, error: errorText(error) });
      },
    );
  }

  private selectTab(id: Tab): void {
    const opened = id !== this.tab;
    this.tab = id;
    this.prune();
    this.loadSurfaces();
    if (opened && id === 'history') this.run('history', 'refresh', (c) => c.refreshHistory());
    if (opened && id === 'settings') void this.controller?.refreshAudioDevices();
  }

  /** Applies a child's event through the controller; a command's pending state and failure go to `scope`. */
  private forward(scope: string, event: CustomEvent): void {
    const name = event.type as SoftphoneEventName;
    const detail: unknown = event.detail;
    if (Object.hasOwn(UPDATES, name)) {
      const update = UPDATES[name as UpdateEvent] as Forward<UpdateEvent, void>;
      if (this.controller) update(this.controller, detail as never);
    } else if (Object.hasOwn(COMMANDS, name)) {
      const command = COMMANDS[name as CommandEvent] as Forward<CommandEvent, Promise<unknown>>;
      this.run(
        scope,
        name as CommandEvent,
        (c) => command(c, detail as never),
        (answer) => this.answered(name, answer),
      );
    }
  }

  /**
   * What the app itself does with a command's answer: Save → the "call logged" toast linking to the Task; History →
   * Log → the Phone tab with that call's form.
   */
  private answered(name: SoftphoneEventName, answer: unknown): void {
    if (!this.connected) return;
    if (name === 'save') {
      const taskId = (answer as { taskId?: unknown } | undefined)?.taskId;
      if (typeof taskId === 'string' && taskId) this.showToast(labels.Call_logged_to_Salesforce, taskId);
    } else if (name === 'logpastcall' && typeof answer === 'string') {
      this.openLog(answer);
    }
  }

  /**
   * Runs a command of `scope`: marks `name` pending and clears the scope's error, then records the failure, if any,
   * unless the surface went away meanwhile (`name` null: the app's own command, nothing to mark).
   */
  private run(
    scope: string,
    name: SoftphoneEventName | null,
    action: (c: SoftphoneController) => Promise<unknown>,
    onAnswer?: (answer: unknown) => void,
  ): void {
    const controller = this.controller;
    if (!controller) return;
    const current = this.feedback[scope] ?? IDLE;
    this.setFeedback(scope, { pending: name ? [...current.pending, name] : current.pending, error: null });
    attempt(() => action(controller)).then(
      (answer) => {
        this.settle(scope, name, null);
        onAnswer?.(answer);
      },
      (error: unknown) => this.settle(scope, name, errorText(error)),
    );
  }

  private settle(scope: string, name: SoftphoneEventName | null, error: string | null): void {
    if (!this.liveScopes().has(scope)) return;
    const current = this.feedback[scope] ?? IDLE;
    const index = name ? current.pending.indexOf(name) : -1;
    const pending = index < 0 ? current.pending : current.pending.filter((_, i) => i !== index);
    this.setFeedback(scope, { pending, error: error ?? current.error });
  }

  private setFeedback(scope: string, next: CommandFeedback): void {
    const { [scope]: _previous, ...others } = this.feedback;
    this.feedback = next.pending.length === 0 && next.error === null ? others : { ...others, [scope]: next };
  }

  private setSearch(callId: string, next: RecordSearch | null): void {
    const { [callId]: _previous, ...others } = this.searches;
    this.searches = next ? { ...others, [callId]: next } : others;
  }

  /** The surfaces on screen or waiting for their call: the header, the history, the dialer and each call's surface. */
  private liveScopes(): Set<string> {
    const live = new Set(['app', 'history', 'settings']);
    if (this.isPhoneTab && this.showDialer) live.add('dialer');
    for (const view of this.calls) {
      const surface = surfaceOf(view);
      // A log form waiting in the queue keeps its feedback (a Save in flight) and its search.
      if (surface) live.add(`${surface}:${view.call.callId}`);
    }
    return live;
  }

  /** Drops the feedback and searches of surfaces that went away (a later answer for them is ignored). */
  private prune(): void {
    const live = this.liveScopes();
    const feedback = Object.entries(this.feedback).filter(([scope]) => live.has(scope));
    if (feedback.length !== Object.keys(this.feedback).length) this.feedback = Object.fromEntries(feedback);
    const searches = Object.entries(this.searches).filter(([callId]) => live.has(`log:${callId}`));
    if (searches.length !== Object.keys(this.searches).length) this.searches = Object.fromEntries(searches);
    for (const callId of this.searchSeq.keys()) if (!live.has(`log:${callId}`)) this.searchSeq.delete(callId);
  }
}

/** `action()` as a promise, a synchronous throw included (the command still starts synchronously). */
function attempt<T>(action: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(action()));
}
