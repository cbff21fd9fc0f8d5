import { CallDraftStore } from '../call-log/call-draft-store';
import type { CallDraft } from '../call-log/call-draft';
import type { CallLogForm } from '../call-log/call-log-form';
import type { OutboxEntry } from '../call-log/call-log-outbox';
import { LogStorage } from '../call-log/log-storage';
import { CrmError, type CrmErrorCode } from '../crm/crm-error';
import type { CrmMatch, SearchRecord } from '../crm/crm-record';
import { PhoneNumberCache } from '../phone-number/phone-number-cache';
import { phoneNumberMetadata, type PhoneNumberMetadata } from '../phone-number/phone-number-metadata';
import type { CallHistoryPort, CallHistoryRecord } from '../ports/call-history-port';
import { systemClock, type Clock } from '../ports/clock';
import { withTimeout } from '../support/with-timeout';
import type { CrmGateway, SearchRecordsRequest } from '../ports/crm-gateway';
import type { CtiHostPort } from '../ports/cti-host-port';
import type { KeyValueStore } from '../ports/key-value-store';
import type { AudioDevicesPort } from '../ports/audio-devices-port';
import type { PresencePort } from '../ports/presence-port';
import type { PresenceMode } from '../presence/presence-mode';
import {
  TELEPHONY_EVENT_TYPES,
  type TelephonyEventMap,
  type TelephonyPort,
  type TelephonyStatus,
} from '../ports/telephony-port';
import type { LocalPreferences } from '../settings/local-preferences';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings';
import { changedSettingKeys } from '../settings/settings-change';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';
import { whenIdle } from '../support/when-idle';
import { buildSoftphoneState, phaseOf } from './build-softphone-state';
import { CallBook, type DialContext } from './call-book';
import { AgentProfile, type PreferencesPatch } from './flows/agent-profile';
import { AwayCallsFlow, type AwayCallsOptions } from './flows/away-calls-flow';
import { LazyAudioDeviceFlow, type AudioDeviceFlowLoader } from './flows/lazy-audio-device-flow';
import { CallFlow } from './flows/call-flow';
import { DialFlow, dialString } from './flows/dial-flow';
import type { DialGuard } from '../ports/dial-guard-port';
import { messageOf, reasonOf, type EngineContext, type SoftphoneEngineEventMap } from './flows/engine-context';
import type { HostCallNoticeCode, NoticeCode, NoticeParams } from './notices';
import { HistoryFlow } from './flows/history-flow';
import { QueueOutcomeFlow, type QueueOutcomeOptions } from './flows/queue-outcome-flow';
import { HostFlow } from './flows/host-flow';
import type { CallLogging } from './flows/call-logging';
import { LazyLogFlow, type CallLoggingLoader } from './flows/lazy-log-flow';
import type { SaveLogResult } from './flows/log-flow';
import { MatchFlow } from './flows/match-flow';
import type { EngineNotice, HistoryItem, SoftphoneState } from './softphone-state';
import { Turns } from './turns';

export type { SoftphoneEngineEventMap } from './flows/engine-context';
export type { SaveLogResult } from './flows/log-flow';
export type { CallLoggingLoader } from './flows/lazy-log-flow';

/** Options of {@link SoftphoneEngine}: the ports plus optional collaborators (defaults built from them). @public */
export interface SoftphoneEngineOptions {
  readonly telephony: TelephonyPort;
  readonly host: CtiHostPort;
  readonly crm: CrmGateway;
  readonly store: KeyValueStore;
  readonly presence?: PresencePort;
  readonly history?: CallHistoryPort;
  /** The browser's audio devices (Settings tab pickers, fallback when one goes away); absent = none to choose. */
  readonly audioDevices?: AudioDevicesPort;
  readonly clock?: Clock;
  /** Settings to use until `getSoftphoneSettings` answers (default {@link DEFAULT_SETTINGS}). */
  readonly settings?: Settings;
  readonly drafts?: CallDraftStore;
  /** How many notices the state keeps (default 5). */
  readonly maxNotices?: number;
  /** Unlogged drafts older than this are dropped at start (ms, default 7 days — the call history window). */
  readonly draftRetentionMs?: number;
  /**
   * How long a turn may keep its state unpublished while a message more urgent than rendering is answered (ms,
   * default 100): a ringing call's lookup (its answer carries the screen pop), the pop and the initialization notice
   * (answered by the console, which shares this page's main thread when both are on one site). The answer then finds
   * the main thread free; the state is persisted, published and rendered after it ({@link Turns.hold}). 0 publishes
   * at once.
   */
  readonly publishHoldMs?: number;
  /** Calls that arrived while the softphone was closed ({@link AwayCallsFlow}): heartbeat and overlap. */
  readonly awayCalls?: AwayCallsOptions;
  /** Queue calls this agent did not take ({@link QueueOutcomeFlow}): when to look for their outcome. */
  readonly queueOutcome?: QueueOutcomeOptions;
  /**
   * Loads the call-log machinery — the outbox, how a log is built, automatic logging and Save (default: the dynamic
   * `import()` of its lazy chunk `call-logging.js`, ADR 0018) — when the page is idle after the start or when a log
   * needs it first ({@link LazyLogFlow}); a failed load is retried like a temporary outage.
   */
  readonly loadCallLogging?: CallLoggingLoader;
  /** First retry of a failed load of the call-log chunk (ms, default 2000; doubles up to 5 min). */
  readonly callLoggingRetryMs?: number;
  /**
   * Loads the audio-device flow (default: the dynamic `import()` of its lazy chunk, ADR 0018) on its first need: the
   * Settings tab, a device plugged in or removed, a test sound, or when idle after the start if the agent chose a
   * device ({@link LazyAudioDeviceFlow}).
   */
  readonly loadAudioDeviceFlow?: AudioDeviceFlowLoader;
  /**
   * The phone-number metadata (default: the page's one, {@link phoneNumberMetadata}), two lazy chunks (ADR 0018): its
   * number rules are requested first thing at the start (a lookup and a dial wait for them, a failed load is told and
   * retried at the next need); its number formats once the start is over and again at each call while they have not
   * arrived. Each arrival shows the numbers again, normalized then formatted.
   */
  readonly phoneMetadata?: PhoneNumberMetadata;
}

/**
 * The application service of the softphone, a facade over the {@link CallBook} (one record per call) and its
 * flows: turns telephony events into call state, screen pops and call logs, and agent commands into telephony
 * controls. Host-independent (ADR 0001): it speaks only to ports.
 *
 * Inbound: `ringing` → one `matchNumbers` ({@link MatchFlow}) → screen pop at ringing or answer → the agent chooses
 * when several match. Outbound: `dial()` / click-to-dial ({@link DialFlow}) → `dialing` → one `matchNumbers` →
 * Who/What from the clicked record. End → the log form → `saveLog()` → outbox ({@link LogFlow}).
 *
 * Every telephony event, command and server answer is one turn ({@link Turns}): the state is rebuilt and published
 * once per turn as an immutable {@link SoftphoneState} ({@link SoftphoneEngine.subscribe}). Failures of the host or
 * the CRM never break a call: they become notices.
 * @public
 */
export class SoftphoneEngine {
  private readonly ctx: EngineContext;
  private readonly book: CallBook;
  private readonly turns: Turns;
  private readonly events = new TypedEmitter<SoftphoneEngineEventMap>();
  private readonly profile: AgentProfile;
  private readonly audio: LazyAudioDeviceFlow;
  private readonly matching: MatchFlow;
  private readonly dialing: DialFlow;
  private readonly logging: LazyLogFlow;
  private readonly history: HistoryFlow;
  private readonly calls: CallFlow;
  private readonly host: HostFlow;
  private readonly away: AwayCallsFlow;
  private readonly queueOutcome: QueueOutcomeFlow;
  private readonly subscriptions: Unsubscribe[] = [];
  private readonly maxNotices: number;
  private readonly draftRetentionMs: number;
  private readonly phoneMetadata: PhoneNumberMetadata;
  private notices: EngineNotice[] = [];
  private unreadMessages = 0;
  private noticeSeq = 0;
  private started = false;
  /** A read of the caller ids and presence waits for the start to be over ({@link SoftphoneEngine.loadPresenceAndCallerIdsAfterStart}). */
  private profileReadPending = false;
  private disposed = false;
  /** Telephony state seen by the last `status` event: a change to `registered` reloads caller ids and presence. */
  private lastTelephonyState: TelephonyStatus['state'] | null = null;
  private state: SoftphoneState;

  constructor(options: SoftphoneEngineOptions) {
    const { telephony, host, crm, store } = options;
    const clock = options.clock ?? systemClock;
    this.turns = new Turns(() => this.commit(), clock);
    const holdMs = options.publishHoldMs ?? 100;
    this.maxNotices = options.maxNotices ?? 5;
    this.draftRetentionMs = options.draftRetentionMs ?? 7 * 24 * 3600 * 1000;
    this.phoneMetadata = options.phoneMetadata ?? phoneNumberMetadata;
    // One storage for drafts and the outbox: when it is full, the outbox frees the logs already saved.
    const storage = new LogStorage(store);
    const turn = <T>(work: () => T): T => this.turns.run(work);
    const drafts = options.drafts ?? new CallDraftStore(storage);
    this.subscriptions.push(
      storage.on('full', ({ key }) =>
        key.includes('outbox')
          ? this.notify('warning', 'STORAGE_FULL_OUTBOX', STORAGE_FULL_OUTBOX_MESSAGE)
          : this.notify('warning', 'STORAGE_FULL', STORAGE_FULL_MESSAGE),
      ),
    );
    this.book = new CallBook({ store: drafts, clock, onChange: () => this.turns.changed() });
    this.ctx = {
      book: this.book,
      telephony,
      host,
      crm,
      clock,
      phones: new PhoneNumberCache(undefined, this.phoneMetadata),
      phoneRules: this.phoneMetadata,
      events: this.events,
      settings: () => this.profile.settings,
      turn,
      changed: () => this.turns.changed(),
      holdPublish: () => (holdMs > 0 ? this.turns.hold(holdMs) : () => undefined),
      afterHolds: (work) => this.turns.afterHolds(work),
      notify: (level, code, message, ...params) => this.notify(level, code, message, ...params),
      hostCall: (code, action) => this.hostCall(code, action),
    };
    this.profile = new AgentProfile(this.ctx, store, options.presence, options.settings ?? DEFAULT_SETTINGS);
    this.audio = new LazyAudioDeviceFlow(
      this.ctx,
      options.audioDevices,
      () => this.profile.preferences,
      options.loadAudioDeviceFlow,
    );
    this.logging = new LazyLogFlow(this.ctx, {
      store,
      storage,
      load: options.loadCallLogging,
      formats: this.phoneMetadata,
      retryMs: options.callLoggingRetryMs,
      onLoaded: (logging) => this.followLogging(logging),
    });
    this.dialing = new DialFlow(
      this.ctx,
      () => this.profile.preferences,
      () => this.profile.settingsLoaded,
    );
    this.matching = new MatchFlow(
      this.ctx,
      (callId) => this.logging.afterMatch(callId),
      (e164) => this.dialing.guard?.take(e164) ?? null,
    );
    this.history = new HistoryFlow(this.ctx, options.history, (callId) => this.matching.match(callId));
    this.host = new HostFlow(this.ctx, this.dialing);
    this.queueOutcome = new QueueOutcomeFlow(
      this.ctx,
      options.history,
      (callId) => this.logging.scheduleAutoLog(callId),
      options.queueOutcome,
    );
    this.calls = new CallFlow(this.ctx, {
      match: this.matching,
      dial: this.dialing,
      log: this.logging,
      queueOutcome: this.queueOutcome,
    });
    this.away = new AwayCallsFlow(
      this.ctx,
      store,
      options.history,
      (record) => this.history.open(record),
      (callId) => this.logging.scheduleAutoLog(callId),
      options.awayCalls,
    );
    this.state = this.buildState();
  }

  // ---------------------------------------------------------------------------------------------- lifecycle

  /**
   * Starts the softphone: enables click-to-dial and registers the host listeners at once (so the console can dial
   * before anything else is loaded), restores persisted drafts (a reload during a call keeps the notes), loads the
   * settings (one round trip) and follows the telephony status; once the start is over, loads the call-log chunk,
   * which sends the logs left in the outbox ({@link SoftphoneEngine.followLogging}). Calls
   * `notifyInitializationComplete` once, when the settings are loaded and the web phone is registered or known to be
   * unavailable. Loads caller ids and presence once the start is over (not in the task that sends the notice) and on
   * every change to `registered`, and follows live presence.
   * Resolves when the settings are loaded; never rejects.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // The number rules (ADR 0018, amendment "first paint: the number rules are a lazy chunk") before anything else:
    // the web phone registers once they are here; a dial waits for them, a number shown meanwhile shows as given.
    this.loadPhoneRules();
    const { telephony } = this.ctx;
    this.lastTelephonyState = telephony.status.state;
    this.subscribeTelephony();
    const hostReady = this.host.listen((off) => this.subscriptions.push(off));
    this.restoreStoredState();
    this.queueOutcome.resume();
    const presence = this.profile.followPresence();
    if (presence) this.subscriptions.push(presence);
    const devices = this.audio.follow();
    if (devices) this.subscriptions.push(devices);
    // The number formats' chunk (ADR 0018), never waited for; numbers show formatted once it is here. The number
    // rules' arrival shows the numbers normalized.
    this.subscriptions.push(this.phoneMetadata.onFormatsLoaded(() => this.turns.run(() => this.turns.changed())));
    this.subscriptions.push(this.phoneMetadata.onLoaded(() => this.turns.run(() => this.turns.changed())));
    await Promise.all([hostReady, this.profile.loadSettings()]);
    this.turns.run(() => {
      this.turns.changed();
      this.host.maybeNotifyInitialized({ phase: phaseOf(telephony.status), settingsLoaded: true });
    });
    this.loadPresenceAndCallerIdsAfterStart();
    if (telephony.status.state === 'registered') void this.away.offer();
    // Once the start is over (the console answered the initialization notice): nothing of it competes with the
    // sign-in, the registration or the notice (ADR 0018, amendment "the start first"). The number formats at once —
    // every call shows its number with them, and an idle callback may come seconds late (in the harness's traces they
    // ran at their timeout, 1–2 s after the start); a call ringing or dialled earlier requests them itself. The rest
    // when the page is idle.
    void this.whenInitialized().then(() => this.loadPhoneFormats());
    void this.whenInitialized()
      .then(() => whenIdle())
      .then(() => {
        // A chosen microphone or speaker that is gone falls back to the default.
        void this.audio.refreshIfChosen();
        // The call-log chunk (outbox, log building, automatic logging), there before a call ends; it sends the logs
        // left from the last session. A failure is retried with a backoff and at the next need.
        this.logging.load().catch(() => undefined);
      });
  }

  /**
   * Resolves once the start is over: the host has answered (or failed) `notifyInitializationComplete`, which follows
   * the settings and the web phone's registration (or its known unavailability). Never rejects; pending until then.
   * For work the start does not need (the UI's first render, lazy chunks): run after it, it does not delay the start.
   */
  whenInitialized(): Promise<void> {
    return this.host.initializationAnswered;
  }

  /**
   * Before the agent signs out: sends the logs waiting in the outbox, then forgets what need not outlive the session
   * in this browser (logs saved in Salesforce; drafts of ended calls that are logged, or unedited with no log waiting:
   * their facts are in the RingCentral call history). Logs not saved yet, their drafts and drafts with unsaved edits
   * stay (the store is the agent's own: keyed by org and user) until this agent's softphone sends or
   * shows them again; a notice says how many. Never rejects.
   * @returns how many logs and call drafts stay in this browser
   */
  async signOut(): Promise<{ readonly keptLogs: number; readonly keptDrafts: number }> {
    let outbox: CallLogging['outbox'] | null = null;
    try {
      outbox = (await this.logging.load()).outbox;
      await outbox.sendPendingNow();
    } catch (error) {
      console.error('Sign-out: the call logs could not be sent', error);
    }
    return this.turns.run(() => {
      // Without the call-log chunk (it could not load) every stored log counts as not saved and stays.
      const waiting = this.logging.unsavedLogIds();
      const unsaved = (draft: CallDraft): boolean => {
        const id = draft.call.telephonySessionId;
        return draft.taskId === null && (draft.formEdited || (id !== null && waiting.has(id)));
      };
      const keptDrafts = this.book.forgetEnded(unsaved);
      const kept = { keptLogs: outbox ? outbox.forgetSent() : waiting.size, keptDrafts };
      if (kept.keptLogs + kept.keptDrafts > 0) {
        const message = signOutKeptMessage(kept.keptLogs, kept.keptDrafts);
        this.notify('warning', 'SIGN_OUT_KEPT', message, kept.keptLogs, kept.keptDrafts);
      }
      return kept;
    });
  }

  /** Stops timers and listeners (the store keeps drafts and the outbox; a held state is persisted first). */
  dispose(): void {
    this.disposed = true;
    this.turns.flush();
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
    this.book.dispose();
    this.away.dispose();
    this.queueOutcome.dispose();
    this.logging.dispose();
  }

  /** Latest state snapshot. */
  getState(): SoftphoneState {
    return this.state;
  }

  /** Calls `listener` with every new state snapshot (not the current one). */
  subscribe(listener: (state: SoftphoneState) => void): Unsubscribe {
    return this.events.on('state', listener);
  }

  on<K extends keyof SoftphoneEngineEventMap>(type: K, listener: (e: SoftphoneEngineEventMap[K]) => void): Unsubscribe {
    return this.events.on(type, listener);
  }

  // ---------------------------------------------------------------------------------------------- call commands

  // Every command checks its allowed-state rule first (CALL_COMMANDS) and rejects with a CallTransitionError naming
  // the command when the call is not in one of them (nothing is sent); the state itself changes when the telephony
  // reports the event. A command that ends the call records why (its end intent), unless the telephony refuses it.

  /** Answers a ringing call. */
  answer(callId: string): Promise<void> {
    return this.calls.command(callId, 'answer', (t) => t.answer(callId));
  }

  /** Call waiting: holds the connected call(s), then answers the ringing `callId` ({@link CallFlow.holdAndAnswer}). */
  holdAndAnswer(callId: string): Promise<void> {
    return this.calls.holdAndAnswer(callId);
  }

  /** Back to a held call: holds the connected call(s), then resumes `callId` ({@link CallFlow.switchTo}). */
  switchTo(callId: string): Promise<void> {
    return this.calls.switchTo(callId);
  }

  /** Declines a ringing call (ends with reason `declined`). */
  decline(callId: string): Promise<void> {
    return this.calls.command(callId, 'decline', (t) => t.decline(callId));
  }

  /** Sends a ringing call to voicemail (ends with reason `voicemail`). */
  toVoicemail(callId: string): Promise<void> {
    return this.calls.command(callId, 'toVoicemail', (t) => t.toVoicemail(callId));
  }

  /**
   * Call waiting's "Ignore" ({@link CallFlow.ignore}): the ringing `callId` stops alerting and its card goes; it
   * rings on for the platform and is logged when it ends, as any unanswered call.
   */
  ignore(callId: string): Promise<void> {
    return this.calls.ignore(callId);
  }

  /** Hangs up (answered → `hangup`; still dialing → `cancelled`; still ringing → `declined`). */
  hangup(callId: string): Promise<void> {
    return this.calls.command(callId, 'hangup', (t) => t.hangup(callId));
  }

  mute(callId: string, muted: boolean): Promise<void> {
    return this.calls.command(callId, 'mute', (t) => t.mute(callId, muted));
  }

  /** Holds (`held`) or resumes a call. */
  hold(callId: string, held: boolean): Promise<void> {
    return this.calls.command(callId, held ? 'hold' : 'resume', (t) => t.hold(callId, held));
  }

  /** Sends DTMF digits `0-9*#` (rejects with an Error for any other character, nothing sent). */
  sendDtmf(callId: string, digits: string): Promise<void> {
    if (!/^[0-9*#]+$/.test(digits)) return Promise.reject(new Error(`Invalid DTMF digits "${digits}"`));
    return this.calls.command(callId, 'sendDtmf', (t) => t.sendDtmf(callId, digits));
  }

  /** Blind transfer to an extension or number (ends with reason `transferred`). */
  transfer(callId: string, target: string): Promise<void> {
    return this.calls.command(callId, 'transfer', (t) => t.transfer(callId, this.dialString(target)));
  }

  /** Starts a warm transfer: holds the call and calls `target`; complete with {@link completeWarmTransfer}. */
  async warmTransfer(callId: string, target: string): Promise<{ consultCallId: string }> {
    const result = await this.calls.command(callId, 'warmTransfer', (t) =>
      t.warmTransfer(callId, this.dialString(target)),
    );
    this.book.get(callId)?.call.update({ transferTarget: target });
    return result;
  }

  /** Connects the caller with the consulted party; both calls end as `transferred`. */
  completeWarmTransfer(callId: string, consultCallId: string): Promise<void> {
    return this.calls.completeWarmTransfer(callId, consultCallId);
  }

  startRecording(callId: string): Promise<void> {
    return this.calls.command(callId, 'startRecording', (t) => t.startRecording(callId));
  }

  stopRecording(callId: string): Promise<void> {
    return this.calls.command(callId, 'stopRecording', (t) => t.stopRecording(callId));
  }

  /**
   * Places an outbound call from the dialer or a record ({@link DialFlow.dial}): E.164 in the default region,
   * extensions as typed; `context` (click-to-dial / current record) decides Who/What.
   * @throws {@link PhoneNumberError} for input that is neither a number nor an extension; an `Error` named
   * `DIAL_NOT_PLACED` when the do-not-call check stopped the call (ADR 0031)
   */
  dial(
    number: string,
    options: { context?: DialContext | null; callerId?: string | null } = {},
  ): Promise<{ callId: string }> {
    return this.turns.run(() => this.dialing.dial(number, options));
  }

  /**
   * Installs the do-not-call check of outbound calls (ADR 0031): its lazy chunk does, once the settings turn
   * `dncCallMode` on. From then on click-to-dial and dialer calls wait for {@link DialGuard.check}. `null`: no check
   * (the loaded settings say off, or the check's chunk failed to load). Until either is said, a dial placed while the
   * settings are not loaded or say the check is on waits.
   */
  setDialGuard(guard: DialGuard | null): void {
    this.dialing.setGuard(guard);
  }

  /** The agent answered the do-not-call prompt (ADR 0031): "Call anyway" (`true`), "Cancel" or "OK" (`false`). */
  answerDialPrompt(id: number, proceed: boolean): void {
    this.turns.run(() => this.dialing.guard?.answer(id, proceed));
  }

  // ---------------------------------------------------------------------------------------------- matching & logs

  /** The agent picked one of several matches (or a search result): Who/What of the log, popped; clears the conflict. */
  chooseRecord(callId: string, recordId: string): Promise<void> {
    return this.matching.choose(callId, recordId);
  }

  /** Pops the console's search for the call's number (the alternative to choosing in the softphone). */
  popSearch(callId: string): Promise<void> {
    return this.matching.popSearch(callId);
  }

  /** Unknown caller: creates (or reuses) a placeholder Contact/Lead and uses it as the log's Who. */
  createPlaceholder(
    callId: string,
    input: { name: string; objectType?: 'Contact' | 'Lead'; company?: string | null },
  ): Promise<CrmMatch> {
    return this.matching.createPlaceholder(callId, input);
  }

  /** Who picker / Related To search (passes through to the CRM). */
  searchRecords(request: SearchRecordsRequest): Promise<SearchRecord[]> {
    return this.ctx.crm.searchRecords(request);
  }

  /** Updates the log form (persisted at once); any edit cancels the countdown; a Lead Who clears Related To. */
  updateLogForm(callId: string, patch: Partial<CallLogForm>): CallLogForm {
    return this.turns.run(() => this.logging.updateForm(callId, patch));
  }

  /** Shortcut for the notes field (called on every keystroke by the UI). */
  setNotes(callId: string, notes: string): void {
    this.updateLogForm(callId, { notes });
  }

  /** Saves the log as the agent ({@link LogFlow.save}): validation errors, or the outbox's result. */
  saveLog(callId: string): Promise<SaveLogResult> {
    return this.turns.run(() => this.logging.save(callId));
  }

  /** Looks the caller's number up again after the lookup failed ({@link MatchFlow.retry}); nothing otherwise. */
  lookUpAgain(callId: string): Promise<void> {
    return this.turns.run(() => this.matching.retry(callId));
  }

  /**
   * Marks an outbound call as started from the Sales Engagement work queue (`workId` from Open CTI `hvs.onWorkStart`):
   * its log shows the disposition, and saving it as a Task with one completes the cadence step (the
   * `salesEngagementStep` event). A call already linked or unknown is left as it is.
   */
  linkSalesEngagement(callId: string, workId: string): void {
    this.turns.run(() => {
      const draft = this.book.get(callId)?.draft;
      if (draft && !draft.salesEngagement)
        this.book.update(callId, () => ({ salesEngagement: { workId, completed: false } }));
    });
  }

  /** Stops the auto-log countdown of a call (the agent wants to review the log first). */
  cancelAutoLog(callId: string): void {
    this.turns.run(() => this.logging.cancelAutoLog(callId));
  }

  /** Forgets an ended call's draft without logging it. */
  discardDraft(callId: string): void {
    this.logging.discard(callId);
  }

  /** Loads the RingCentral call history (7 days, ≤ 250) and which calls are logged (one `getCallLogStatus`). */
  loadHistory(): Promise<readonly HistoryItem[]> {
    return this.history.load();
  }

  /** Opens a log form for a past call from the history (one `matchNumbers`). Returns the draft's call id. */
  logHistoryCall(record: CallHistoryRecord): string {
    return this.turns.run(() => this.history.logPastCall(record));
  }

  /**
   * Shows a record in the console (Open CTI `screenPop` of type `SOBJECT`), e.g. the Task the agent just logged.
   * Rejects with the host's error (`OpenCtiError`) when the console refuses.
   */
  openRecord(recordId: string): Promise<void> {
    return this.ctx.host.screenPop({ kind: 'record', recordId });
  }

  // ---------------------------------------------------------------------------------------------- agent

  /** Sets the agent's RingCentral presence ({@link PresenceMode}); the call-queue choice is kept. */
  setPresence(mode: PresenceMode): Promise<void> {
    return this.profile.setPresence(mode);
  }

  /** Turns the agent's call-queue calls on or off (refused during Do Not Disturb). */
  setQueueCalls(on: boolean): Promise<void> {
    return this.profile.setQueueCalls(on);
  }

  /**
   * Changes the agent's preferences: browser-only ones (caller ID, RingOut number, ringer volume) and user-level
   * settings (calling device, ringer, auto-log, screen pop) unless an admin locked them (a notice says so); persisted
   * in the store.
   */
  setPreferences(patch: PreferencesPatch): LocalPreferences {
    return this.turns.run(() => {
      const preferences = this.profile.setPreferences(patch);
      this.audio.check();
      return preferences;
    });
  }

  /** Lists the audio devices again (the Settings tab opened). Never rejects: a failure is shown in the state. */
  refreshAudioDevices(): Promise<void> {
    return this.audio.refresh();
  }

  /**
   * Plays the test sound of the speaker or the ringer on the device in use.
   * @throws Error when it cannot be played (no audio output, the device refused)
   */
  playTestSound(sound: 'speaker' | 'ringer'): Promise<void> {
    return this.audio.playTestSound(sound);
  }

  /**
   * The unread inbound text messages, as the Messages feature counts them (ADR 0019): shown on the Messages tab and,
   * through the host, on the utility item.
   */
  setUnreadMessages(count: number): void {
    const value = Math.max(0, Math.floor(count));
    if (value === this.unreadMessages) return;
    this.unreadMessages = value;
    this.turns.changed();
  }

  /** Shows the agent a notice from a feature outside the engine (e.g. Sales Engagement, a lazy chunk). */
  report<C extends NoticeCode>(
    level: EngineNotice['level'],
    code: C,
    message: string,
    ...params: NoticeParams[C]
  ): void {
    this.turns.run(() => this.notify(level, code, message, ...params));
  }

  dismissNotice(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
    this.turns.changed();
  }

  // ---------------------------------------------------------------------------------------------- telephony events

  /** One turn per telephony event: the status here, each call event to the call flow's handler of that name. */
  private subscribeTelephony(): void {
    for (const type of TELEPHONY_EVENT_TYPES) {
      const handle = (event: TelephonyEventMap[typeof type]) =>
        type === 'status' ? this.onStatus(event as TelephonyStatus) : this.calls[type].call(this.calls, event as never);
      this.subscriptions.push(this.ctx.telephony.on(type, (event) => this.turns.run(() => handle(event))));
    }
    // A call while the number formats could not load (network) tries them again; the call never waits for them.
    for (const type of ['ringing', 'dialing'] as const) {
      this.subscriptions.push(this.ctx.telephony.on(type, () => this.loadPhoneFormats()));
    }
  }

  /**
   * Requests the number rules unless they are here (the lookup of a call and a dial request them again when they need
   * them); a failure is logged, the next need tries again.
   */
  private loadPhoneRules(): void {
    if (this.phoneMetadata.ready) return;
    this.phoneMetadata.whenReady().catch((error: unknown) => {
      console.warn('The phone number rules did not load; the next call or dial tries again', error);
    });
  }

  /** Requests the number formats unless they are here; a failure leaves the numbers unformatted until the next try. */
  private loadPhoneFormats(): void {
    if (this.phoneMetadata.formatsLoaded) return;
    this.phoneMetadata.load().catch((error: unknown) => {
      console.warn('The phone number formats did not load; numbers show unformatted until the next call', error);
    });
  }

  /**
   * Reads the caller ids and the presence once the start is over — the console answered the initialization notice
   * ({@link SoftphoneEngine.whenInitialized}), or {@link PROFILE_READ_LATEST_MS} after being asked when it never does —
   * and at once after it (a later registration). Asks made while one waits share it. Not in the task that sends the
   * notice: the registration's 200 (or the settings' answer) is that task, and a REST request built there (≈ 3–6 ms of
   * the SDK's `fetch` under load in the cold start's traces) delayed the console's handling of the notice, which
   * shares the main thread (ADR 0018).
   */
  private loadPresenceAndCallerIdsAfterStart(): void {
    if (this.profileReadPending) return;
    this.profileReadPending = true;
    void withTimeout(this.ctx.clock, this.whenInitialized(), PROFILE_READ_LATEST_MS, undefined).then(() => {
      this.profileReadPending = false;
      if (!this.disposed) void this.profile.loadPresenceAndCallerIds();
    });
  }

  private onStatus(status: TelephonyStatus): void {
    const becameRegistered = status.state === 'registered' && this.lastTelephonyState !== 'registered';
    this.lastTelephonyState = status.state;
    this.turns.changed();
    this.host.maybeNotifyInitialized({ phase: phaseOf(status), settingsLoaded: this.profile.settingsLoaded });
    // Caller ids (`…/extension/~/phone-number`) and presence can only be read once the web phone is registered,
    // which usually happens after start(), and again after a sign-out / sign-in or a re-registration.
    if (becameRegistered && this.started) this.loadPresenceAndCallerIdsAfterStart();
    // Calls that arrived while the softphone was closed or starting: offered once the settings (autoLog) are known.
    if (status.state === 'registered' && this.started && this.profile.settingsLoaded) void this.away.offer();
  }

  // ---------------------------------------------------------------------------------------------- internals

  private dialString(number: string): string {
    return dialString(number, this.profile.settings.defaultRegion, this.phoneMetadata);
  }

  /**
   * Restores the stored drafts; what cannot be read (a broken or foreign value) is removed with a notice instead of
   * stopping the start, so `notifyInitializationComplete` is always reached.
   */
  private restoreStoredState(): void {
    let dropped = 0;
    try {
      dropped += this.book.restore(this.draftRetentionMs).length;
    } catch (error) {
      console.error('Stored call drafts could not be restored', error);
      dropped += 1;
    }
    this.notifyDropped(dropped);
  }

  /** Stored values that could not be read were removed: one notice says how many. */
  private notifyDropped(dropped: number): void {
    if (dropped === 0) return;
    const what = dropped === 1 ? 'One saved call draft or log' : `${dropped} saved call drafts or logs`;
    const message = `${what} of this browser could not be read and was removed.`;
    this.notify('warning', 'STORED_STATE_DROPPED', message, dropped);
  }

  /**
   * The call-log chunk has arrived (in a turn): its outbox has read the logs left in storage (those it could not read
   * are told, as the drafts' are at start); the state follows the outbox, a log it gives up on is told, and the logs
   * left from the last session are sent — once: the chunk arrives once per page.
   */
  private followLogging({ outbox }: CallLogging): void {
    this.notifyDropped(outbox.droppedAtLoad.length);
    this.subscriptions.push(
      outbox.on('changed', () => this.turns.changed()),
      outbox.on('failed', ({ entry }) => this.notifyLogFailed(entry)),
    );
    void outbox.flush();
  }

  private buildState(): SoftphoneState {
    return buildSoftphoneState({
      telephony: this.ctx.telephony.status,
      profile: this.profile,
      audio: this.audio.view(),
      drafts: this.book.all().map((r) => r.draft),
      outbox: this.logging.outbox ?? NO_OUTBOX,
      phones: this.ctx.phones,
      navigation: this.host.navigation,
      history: this.history.items,
      notices: this.notices,
      unreadMessages: this.unreadMessages,
      dialPrompt: this.dialing.guard?.prompt ?? null,
    });
  }

  /** The end of a turn: persists the changed drafts, rebuilds and publishes the state, shows the activity. */
  private commit(): void {
    this.book.flush();
    this.away.heartbeat();
    const previous = this.state.settings;
    this.state = this.buildState();
    if (this.started) this.host.show(this.state);
    this.events.emit('state', this.state);
    const changed = changedSettingKeys(previous, this.state.settings);
    if (changed.length) this.events.emit('settingsChange', { settings: this.state.settings, previous, changed });
  }

  private async hostCall(code: HostCallNoticeCode, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.notify('warning', code, messageOf(error), reasonOf(error));
    }
  }

  /** The outbox gave up on a log: the agent is told whose log and why. */
  private notifyLogFailed(entry: OutboxEntry): void {
    const { log, lastError } = entry;
    const party = (log.direction === 'inbound' ? (log.fromName ?? log.fromNumber) : (log.toName ?? log.toNumber)) ?? '';
    const failure = lastError
      ? new CrmError(lastError.code as CrmErrorCode, lastError.message, lastError.field, lastError.reference ?? null)
      : new Error('unknown error');
    const reason = reasonOf(failure);
    // Only its follow-up Task failed (ADR 0033): the call is logged — the server's failed row carries the call's Task
    // (contract, `upsertCallLogs`, "Follow-up Task"), whatever language its message is in.
    if (log.followUp && lastError?.taskId) {
      this.notify('error', 'FOLLOW_UP_FAILED', `${lastError.message} Open the call and save it again.`, reason);
      return;
    }
    const message = `The call log${party ? ` of ${party}` : ''} could not be saved: ${reason.message}. Open the call and save it again.`;
    if (party) this.notify('error', 'LOG_FAILED', message, party, reason);
    else this.notify('error', 'LOG_FAILED_NO_PARTY', message, reason);
  }

  private notify<C extends NoticeCode>(
    level: EngineNotice['level'],
    code: C,
    message: string,
    ...params: NoticeParams[C]
  ): void {
    const notice: EngineNotice = { id: ++this.noticeSeq, level, code, params, message, at: this.ctx.clock.now() };
    this.notices = [...this.notices, notice].slice(-this.maxNotices);
    this.events.emit('notice', notice);
    if (this.started) this.turns.changed();
  }
}

/**
 * The longest wait of the caller ids' and presence's read for the start to be over (ms): a console that never answers
 * the initialization notice still gets them.
 */
const PROFILE_READ_LATEST_MS = 2000;

/** The outbox before the call-log chunk has arrived: no log status, no pending log (they show once it has). */
const NO_OUTBOX = { get: () => null, list: () => [] } as const;

const STORAGE_FULL_OUTBOX_MESSAGE =
  'Browser storage is full: a call log waiting to be sent is kept only while this page stays open. Keep it open until the log is saved.';
const STORAGE_FULL_MESSAGE =
  'Browser storage is full: the notes of a call are kept only while this page stays open. Save the call log now.';

function signOutKeptMessage(logs: number, drafts: number): string {
  const parts = [
    logs > 0 ? `${logs} call ${logs === 1 ? 'log' : 'logs'} not saved yet` : null,
    drafts > 0 ? `${drafts} unlogged ${drafts === 1 ? 'call' : 'calls'} with your edits` : null,
  ].filter((part): part is string => part !== null);
  return `Kept in this browser for your next sign-in: ${parts.join(' and ')}.`;
}
