import { Call } from '../call/call';
import type { CallSnapshot } from '../call/call-snapshot';
import type { EndReason } from '../call/call-state';
import { CallTransitionError } from '../call/call-transition-error';
import type { CallEvent } from '../call/call-event';
import { buildCallLog } from '../call-log/build-call-log';
import { EMPTY_FORM, type CallLogForm } from '../call-log/call-log-form';
import type { CallLogValidationError } from '../call-log/call-log-validation-error';
import { CrmError } from '../crm/crm-error';
import type { CrmMatch, LoggedCallStatus, SearchRecord } from '../crm/crm-record';
import { isWhoMatch } from '../crm/crm-record';
import type { CallDraft } from '../call-log/call-draft';
import { CallDraftStore } from '../call-log/call-draft-store';
import { AutoLogCountdown } from '../call-log/auto-log-countdown';
import { CallLogOutbox, type OutboxSaveResult } from '../call-log/call-log-outbox';
import { conflictQueue } from '../call-log/conflict-queue';
import { associationForMatch, associationFromClickContext, classifyForAutoLog } from '../matching/log-association';
import { collapseMatches, decideScreenPop, rankMatches } from '../matching/screen-pop-policy';
import type { PopPhase } from '../matching/screen-pop-decision';
import { normalizePhoneNumber, tryNormalizePhoneNumber } from '../phone-number/normalize-phone-number';
import { PhoneNumberError } from '../phone-number/phone-number-error';
import type { PhoneNumber } from '../phone-number/phone-number';
import type { CallHistoryPort, CallHistoryRecord } from '../ports/call-history-port';
import { systemClock, type Clock } from '../ports/clock';
import type { CrmGateway, SearchRecordsRequest } from '../ports/crm-gateway';
import type { ClickToDialEvent, CtiHostPort, NavigationContext, ScreenPop } from '../ports/cti-host-port';
import type { KeyValueStore } from '../ports/key-value-store';
import type { PresencePort, UserStatus } from '../ports/presence-port';
import type { TelephonyEventMap, TelephonyPort, TelephonyStatus } from '../ports/telephony-port';
import { DEFAULT_LOCAL_PREFERENCES, type LocalPreferences } from '../settings/local-preferences';
import { DEFAULT_SETTINGS, type Settings } from '../settings/settings';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';
import type {
  CallView,
  ConflictView,
  EngineNotice,
  HistoryItem,
  SoftphonePhase,
  SoftphoneState,
} from './softphone-state';
import { softphoneActivity } from './softphone-activity';

/** Options of {@link SoftphoneEngine}: the ports plus optional collaborators (defaults built from them). @public */
export interface SoftphoneEngineOptions {
  readonly telephony: TelephonyPort;
  readonly host: CtiHostPort;
  readonly crm: CrmGateway;
  readonly store: KeyValueStore;
  readonly presence?: PresencePort;
  readonly history?: CallHistoryPort;
  readonly clock?: Clock;
  /** Settings to use until `getSoftphoneSettings` answers (default {@link DEFAULT_SETTINGS}). */
  readonly settings?: Settings;
  readonly outbox?: CallLogOutbox;
  readonly drafts?: CallDraftStore;
  /** How many notices the state keeps (default 5). */
  readonly maxNotices?: number;
  /**
   * Unlogged drafts older than this are dropped at start (ms, default 7 days — the product's call history window;
   * the call history tab can still log those calls).
   */
  readonly draftRetentionMs?: number;
}

/** Events of the engine (besides the state snapshots). @public */
export interface SoftphoneEngineEventMap {
  state: SoftphoneState;
  /** A screen pop was sent to the host (for instrumentation: ring → pop latency). */
  screenPop: { readonly callId: string; readonly pop: ScreenPop; readonly at: number };
  notice: EngineNotice;
}

/** Result of {@link SoftphoneEngine.saveLog}. @public */
export type SaveLogResult =
  | OutboxSaveResult
  | {
      readonly ok: false;
      readonly callUniqueId: string | null;
      readonly validation: readonly CallLogValidationError[];
    };

const PREFERENCES_KEY = 'softphone.preferences';

/**
 * The application service of the softphone: turns telephony events into call state, screen pops and call logs,
 * and agent commands into telephony controls. Host-independent (see ADR 0001): it speaks only to ports.
 *
 * Inbound: `ringing` → one `matchNumbers` round trip (E.164 by libphonenumber-js, `Settings.defaultRegion`) →
 * screen pop per {@link decideScreenPop} at ringing or answer (`popOnRinging`) → agent chooses when several match.
 * Outbound: `dial()` / click-to-dial → `TelephonyPort.call` → `dialing` → one `matchNumbers` → Who/What from the
 * clicked record. End → the log form (draft, persisted with every keystroke) → `saveLog()` → outbox →
 * `upsertCallLogs`. Auto-log counts down `autoLogDelaySeconds` unless the agent edits.
 *
 * State is published as immutable {@link SoftphoneState} snapshots ({@link SoftphoneEngine.subscribe}).
 * Failures of the host or the CRM never break a call: they become notices.
 * @public
 */
export class SoftphoneEngine {
  private readonly telephony: TelephonyPort;
  private readonly host: CtiHostPort;
  private readonly crm: CrmGateway;
  private readonly store: KeyValueStore;
  private readonly presencePort: PresencePort | undefined;
  private readonly historyPort: CallHistoryPort | undefined;
  private readonly clock: Clock;
  private readonly outbox: CallLogOutbox;
  private readonly draftStore: CallDraftStore;
  private readonly maxNotices: number;
  private readonly draftRetentionMs: number;
  private readonly emitter = new TypedEmitter<SoftphoneEngineEventMap>();

  private readonly calls = new Map<string, Call>();
  private readonly drafts = new Map<string, CallDraft>();
  private readonly countdown: AutoLogCountdown;
  private readonly endIntents = new Map<string, EndReason>();
  private readonly pendingDials: { to: string; context: ClickToDialEvent | NavigationContext | null }[] = [];
  private readonly subscriptions: Unsubscribe[] = [];
  private readonly phoneCache = new Map<string, PhoneNumber | null>();

  private settings: Settings;
  private settingsLoaded = false;
  private preferences: LocalPreferences;
  private user: SoftphoneState['user'] = null;
  private canEditSettings = false;
  private presence: SoftphoneState['presence'] = null;
  private callerIds: SoftphoneState['callerIds'] = [];
  private navigation: NavigationContext | null = null;
  private history: HistoryItem[] = [];
  private notices: EngineNotice[] = [];
  private noticeSeq = 0;
  private initializationNotified = false;
  private lastUtilityItem: string | null = null;
  /** Telephony state seen by the last `status` event: a change to `registered` reloads caller ids and presence. */
  private lastTelephonyState: TelephonyStatus['state'] | null = null;
  private state: SoftphoneState;
  private started = false;

  constructor(options: SoftphoneEngineOptions) {
    this.telephony = options.telephony;
    this.host = options.host;
    this.crm = options.crm;
    this.store = options.store;
    this.presencePort = options.presence;
    this.historyPort = options.history;
    this.clock = options.clock ?? systemClock;
    this.settings = options.settings ?? DEFAULT_SETTINGS;
    this.maxNotices = options.maxNotices ?? 5;
    this.draftRetentionMs = options.draftRetentionMs ?? 7 * 24 * 3600 * 1000;
    this.outbox = options.outbox ?? new CallLogOutbox({ gateway: this.crm, store: this.store, clock: this.clock });
    this.draftStore = options.drafts ?? new CallDraftStore(this.store);
    this.countdown = new AutoLogCountdown({ clock: this.clock });
    this.preferences = this.loadPreferences();
    this.state = this.buildState();
  }

  // ---------------------------------------------------------------------------------------------- lifecycle

  /**
   * Starts the softphone: enables click-to-dial and registers the host listeners at once (so the console can
   * dial before anything else is loaded), restores persisted drafts (reload during a call keeps notes), loads
   * settings (one round trip), flushes the outbox and follows the telephony status. Calls
   * `notifyInitializationComplete` once, when settings are loaded and the web phone is registered or known
   * to be unavailable. Loads caller ids and presence now and again whenever the telephony status becomes
   * `registered`, and follows live presence changes (`PresencePort` `changed`). Resolves when settings are
   * loaded; never rejects.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.lastTelephonyState = this.telephony.status.state;
    this.subscribeTelephony();
    const hostReady = Promise.all([
      this.hostCall('CLICK_TO_DIAL_FAILED', () => this.host.enableClickToDial()),
      this.hostCall('CLICK_TO_DIAL_FAILED', async () => {
        this.subscriptions.push(await this.host.onClickToDial((event) => void this.handleClickToDial(event)));
      }),
      this.hostCall('NAVIGATION_FAILED', async () => {
        this.subscriptions.push(
          await this.host.onNavigationChange((context) => {
            this.navigation = context;
            this.publish();
          }),
        );
      }),
    ]);
    this.restoreDrafts();
    this.subscriptions.push(this.outbox.on('changed', () => this.publish()));
    if (this.presencePort) {
      this.subscriptions.push(
        this.presencePort.on('changed', (presence) => {
          this.presence = presence;
          this.publish();
        }),
      );
    }
    await Promise.all([hostReady, this.loadSettings()]);
    this.publish();
    this.maybeNotifyInitialized();
    void this.outbox.flush();
    void this.loadPresenceAndCallerIds();
  }

  /** Stops timers and listeners (the store keeps drafts and the outbox). */
  dispose(): void {
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
    this.countdown.dispose();
    this.outbox.dispose();
  }

  /** Latest state snapshot. */
  getState(): SoftphoneState {
    return this.state;
  }

  /** Calls `listener` with every new state snapshot (not the current one). */
  subscribe(listener: (state: SoftphoneState) => void): Unsubscribe {
    return this.emitter.on('state', listener);
  }

  on<K extends keyof SoftphoneEngineEventMap>(type: K, listener: (e: SoftphoneEngineEventMap[K]) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  // ---------------------------------------------------------------------------------------------- call controls

  // Every control checks the call state first and rejects with CallTransitionError (nothing is sent) when the
  // move is not allowed; the state itself changes when the telephony reports the event.

  /** Answers a ringing call. Rejects with {@link CallTransitionError} when the call is not ringing. */
  async answer(callId: string): Promise<void> {
    this.guard(callId, 'answer');
    return this.telephony.answer(callId);
  }

  /** Declines a ringing call (ends with reason `declined`). */
  async decline(callId: string): Promise<void> {
    this.guardState(callId, ['ringing'], 'end');
    this.endIntents.set(callId, 'declined');
    return this.telephony.decline(callId);
  }

  /** Sends a ringing call to voicemail (ends with reason `voicemail`). */
  async toVoicemail(callId: string): Promise<void> {
    this.guardState(callId, ['ringing'], 'end');
    this.endIntents.set(callId, 'voicemail');
    return this.telephony.toVoicemail(callId);
  }

  /** Hangs up (answered → `hangup`; still dialing → `cancelled`). */
  async hangup(callId: string): Promise<void> {
    const call = this.guard(callId, 'end');
    this.endIntents.set(callId, call.state === 'dialing' ? 'cancelled' : 'hangup');
    return this.telephony.hangup(callId);
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    this.guardState(callId, ['connected', 'held'], 'hold');
    return this.telephony.mute(callId, muted);
  }

  async hold(callId: string, held: boolean): Promise<void> {
    this.guard(callId, held ? 'hold' : 'resume');
    return this.telephony.hold(callId, held);
  }

  async sendDtmf(callId: string, digits: string): Promise<void> {
    if (!/^[0-9*#]+$/.test(digits)) throw new Error(`Invalid DTMF digits "${digits}"`);
    this.guardState(callId, ['connected', 'dialing'], 'answer');
    return this.telephony.sendDtmf(callId, digits);
  }

  /** Blind transfer to an extension or number (ends with reason `transferred`). */
  async transfer(callId: string, target: string): Promise<void> {
    this.guardState(callId, ['connected', 'held'], 'end');
    this.endIntents.set(callId, 'transferred');
    return this.telephony.transfer(callId, this.dialString(target));
  }

  /** Starts a warm transfer: holds the call and calls `target`; complete with {@link completeWarmTransfer}. */
  async warmTransfer(callId: string, target: string): Promise<{ consultCallId: string }> {
    this.guardState(callId, ['connected', 'held'], 'end');
    const result = await this.telephony.warmTransfer(callId, this.dialString(target));
    this.calls.get(callId)?.update({ transferTarget: target });
    this.persistCall(callId);
    return result;
  }

  async completeWarmTransfer(callId: string, consultCallId: string): Promise<void> {
    this.guardState(callId, ['connected', 'held'], 'end');
    this.endIntents.set(callId, 'transferred');
    return this.telephony.completeWarmTransfer(callId, consultCallId);
  }

  async startRecording(callId: string): Promise<void> {
    this.guardState(callId, ['connected', 'held'], 'hold');
    return this.telephony.startRecording(callId);
  }

  async stopRecording(callId: string): Promise<void> {
    this.guardState(callId, ['connected', 'held'], 'hold');
    return this.telephony.stopRecording(callId);
  }

  /**
   * Places an outbound call from the dialer or a record. The number is normalized to E.164 in the default region
   * (short extension numbers are dialled as typed). `context` (click-to-dial / current record) decides Who/What.
   * Uses the caller ID and calling device of the local preferences unless given.
   * @throws {@link PhoneNumberError} for input that is neither a number nor an extension.
   */
  async dial(
    number: string,
    options: { context?: ClickToDialEvent | NavigationContext | null; callerId?: string | null } = {},
  ): Promise<{ callId: string }> {
    const to = this.dialString(number);
    const context = options.context ?? null;
    const pending = { to, context };
    this.pendingDials.push(pending);
    try {
      const { callId } = await this.telephony.call(to, {
        callerId: options.callerId ?? this.preferences.callerId,
        via: this.preferences.callingDevice,
        ringOutFrom: this.preferences.ringOutNumber,
      });
      const index = this.pendingDials.indexOf(pending);
      if (index >= 0) {
        // The dialing event has not consumed it yet (RingOut, or the event comes later): attach by id.
        this.pendingDials.splice(index, 1);
        if (this.drafts.has(callId)) this.attachDialContext(callId, context);
        else this.pendingDials.push({ to: `#${callId}`, context });
      }
      return { callId };
    } catch (error) {
      const index = this.pendingDials.indexOf(pending);
      if (index >= 0) this.pendingDials.splice(index, 1);
      this.notify('error', 'DIAL_FAILED', `Could not call ${number}: ${messageOf(error)}`);
      throw error;
    }
  }

  // ---------------------------------------------------------------------------------------------- matching

  /**
   * The agent picked one of several matches (or a search result): it becomes Who/What of the log and is
   * popped. Clears the call's conflict.
   */
  async chooseRecord(callId: string, recordId: string): Promise<void> {
    const draft = this.requireDraft(callId);
    const match = draft.matches.find((m) => m.id === recordId);
    const association = match ? associationForMatch(match, this.settings) : null;
    this.updateDraft(callId, (d) => ({
      ...d,
      chosenRecordId: recordId,
      conflict: null,
      form: association ? { ...d.form, ...association } : d.form,
    }));
    await this.pop(callId, { kind: 'record', recordId });
  }

  /** Pops the console's search for the call's number (the "search pop" alternative to choosing in the softphone). */
  async popSearch(callId: string): Promise<void> {
    const draft = this.requireDraft(callId);
    const phone = tryNormalizePhoneNumber(draft.call.remoteNumber, this.settings.defaultRegion);
    const searchString = phone?.nationalNumber ?? draft.call.remoteNumber;
    if (searchString.length < 3) return;
    await this.pop(callId, { kind: 'search', searchString });
  }

  /**
   * Unknown caller: creates (or reuses, server-side idempotent) a placeholder Contact/Lead with the typed name and
   * the call's number, and uses it as the log's Who.
   */
  async createPlaceholder(
    callId: string,
    input: { name: string; objectType?: 'Contact' | 'Lead'; company?: string | null },
  ): Promise<CrmMatch> {
    const draft = this.requireDraft(callId);
    const name = input.name.trim();
    if (name.length < 1 || name.length > 121)
      throw new CrmError('INVALID_INPUT', 'Name must be 1–121 characters', 'name');
    const phone = normalizePhoneNumber(draft.call.remoteNumber, this.settings.defaultRegion);
    if (!phone.ok) throw new CrmError('INVALID_INPUT', 'The caller has no phone number to store', 'phone');
    const objectType = input.objectType ?? this.settings.placeholderObject;
    const { record } = await this.crm.createPlaceholder({
      objectType,
      name,
      phone: phone.value.e164,
      company: objectType === 'Lead' ? (input.company ?? this.settings.placeholderCompany) : (input.company ?? null),
    });
    const association = associationForMatch(record, this.settings);
    this.updateDraft(callId, (d) => ({
      ...d,
      matches: [...d.matches.filter((m) => m.id !== record.id), record],
      chosenRecordId: record.id,
      conflict: null,
      form: { ...d.form, ...association },
    }));
    return record;
  }

  /** Who picker / Related To search (passes through to the CRM). */
  searchRecords(request: SearchRecordsRequest): Promise<SearchRecord[]> {
    return this.crm.searchRecords(request);
  }

  // ---------------------------------------------------------------------------------------------- logging

  /**
   * Updates the log form of a call (persisted at once; a reload keeps it). Any edit cancels the auto-log
   * countdown. Setting `whoObjectType: 'Lead'` clears Related To.
   */
  updateLogForm(callId: string, patch: Partial<CallLogForm>): CallLogForm {
    this.cancelAutoLog(callId);
    const draft = this.updateDraft(callId, (d) => {
      const form: CallLogForm = { ...d.form, ...patch };
      const cleaned =
        form.whoObjectType === 'Lead' ? { ...form, whatId: null, whatName: null, whatObjectType: null } : form;
      const resolved = patch.whoId !== undefined && patch.whoId !== null ? { conflict: null } : {};
      return { ...d, ...resolved, form: cleaned, formEdited: true, autoLogAt: null };
    });
    return draft.form;
  }

  /** Shortcut for the notes field (called on every keystroke by the UI). */
  setNotes(callId: string, notes: string): void {
    this.updateLogForm(callId, { notes });
  }

  /**
   * Saves the log of a call as the agent (source `agent`): validates the form, then hands the log to the outbox.
   * Pressing Save again while the first request runs (or after it succeeded, with the same content) sends
   * nothing new: both calls resolve with the same Task.
   */
  async saveLog(callId: string): Promise<SaveLogResult> {
    this.cancelAutoLog(callId);
    const draft = this.requireDraft(callId);
    const built = buildCallLog({ call: draft.call, form: draft.form, settings: this.settings, source: 'agent' });
    if (!built.ok) return { ok: false, callUniqueId: draft.call.telephonySessionId, validation: built.errors };
    const result = await this.outbox.save(built.log);
    if (result.ok) {
      this.updateDraft(callId, (d) => ({ ...d, taskId: result.taskId, conflict: null }));
      void this.hostCall('REFRESH_FAILED', () => this.host.refreshView());
    } else if (!result.willRetry) {
      this.notify('error', 'LOG_FAILED', `The call could not be logged: ${result.error.message}`);
    }
    return result;
  }

  /** Forgets an ended call's draft without logging it. */
  discardDraft(callId: string): void {
    const draft = this.drafts.get(callId);
    if (!draft || draft.call.state !== 'ended') return;
    this.cancelAutoLog(callId);
    this.drafts.delete(callId);
    this.calls.delete(callId);
    this.draftStore.remove(callId);
    this.publish();
  }

  // ---------------------------------------------------------------------------------------------- history

  /** Loads the RingCentral call history (7 days, ≤ 250) and which calls are logged (one `getCallLogStatus`). */
  async loadHistory(): Promise<readonly HistoryItem[]> {
    if (!this.historyPort) return [];
    const records = await this.historyPort.list({ days: 7, perPage: 250 });
    const ids = [...new Set(records.map((r) => r.telephonySessionId).filter(Boolean))].slice(0, 250);
    let logged: Record<string, LoggedCallStatus> = {};
    if (ids.length > 0) {
      try {
        logged = await this.crm.getCallLogStatus(ids);
      } catch (error) {
        this.notify('warning', 'HISTORY_STATUS_FAILED', `Could not check which calls are logged: ${messageOf(error)}`);
      }
    }
    this.history = records.map((record) => ({ record, logged: logged[record.telephonySessionId] ?? null }));
    this.publish();
    return this.history;
  }

  /** Opens a log form for a past call from the history (one `matchNumbers` round trip). Returns the draft's id. */
  logHistoryCall(record: CallHistoryRecord): string {
    const callId = `history:${record.telephonySessionId}`;
    if (this.drafts.has(callId)) return callId;
    const inbound = record.direction === 'Inbound';
    const remote = inbound ? record.from : record.to;
    const local = inbound ? record.to : record.from;
    const startedAt = Date.parse(record.startTime);
    const answered = record.duration > 0 && /accepted|connected/i.test(record.result);
    const snapshot: CallSnapshot = {
      callId,
      telephonySessionId: record.telephonySessionId,
      sessionId: record.sessionId,
      partyId: null,
      direction: inbound ? 'inbound' : 'outbound',
      state: 'ended',
      remoteNumber: remote.phoneNumber ?? '',
      remoteName: remote.name ?? null,
      localNumber: local.phoneNumber ?? null,
      localName: local.name ?? null,
      muted: false,
      recording: 'off',
      recordingUrl: record.recording?.contentUri ?? null,
      recordingId: record.recording?.id ?? null,
      startedAt,
      answeredAt: answered ? startedAt : null,
      endedAt: startedAt + record.duration * 1000,
      endReason: historyEndReason(record.result, answered),
      transferTarget: null,
    };
    this.calls.set(callId, Call.restore(snapshot, { clock: this.clock }));
    this.putDraft(newDraft(snapshot, { fromHistory: true }));
    void this.matchCall(callId);
    return callId;
  }

  // ---------------------------------------------------------------------------------------------- presence & prefs

  async setPresence(userStatus: UserStatus): Promise<void> {
    if (!this.presencePort) return;
    this.presence = await this.presencePort.set({ userStatus });
    this.publish();
  }

  /** Changes local preferences (calling device, caller ID, ringer); persisted in the store. */
  setPreferences(patch: Partial<LocalPreferences>): LocalPreferences {
    this.preferences = { ...this.preferences, ...patch };
    try {
      this.store.set(PREFERENCES_KEY, JSON.stringify(this.preferences));
    } catch (error) {
      this.notify('warning', 'STORE_FAILED', `Preferences not saved: ${messageOf(error)}`);
    }
    this.publish();
    return this.preferences;
  }

  dismissNotice(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
    this.publish();
  }

  // ---------------------------------------------------------------------------------------------- telephony events

  private subscribeTelephony(): void {
    const t = this.telephony;
    this.subscriptions.push(
      t.on('status', (status) => this.onStatus(status)),
      t.on('ringing', (e) => this.onRinging(e)),
      t.on('dialing', (e) => this.onDialing(e)),
      t.on('identified', (e) => this.onIdentified(e)),
      t.on('answered', (e) => this.onCallEvent(e.callId, { type: 'answer' })),
      t.on('held', (e) => this.onCallEvent(e.callId, { type: e.held ? 'hold' : 'resume' })),
      t.on('muted', (e) => this.onFacts(e.callId, { muted: e.muted })),
      t.on('recording', (e) =>
        this.onFacts(e.callId, {
          recording: e.active ? 'on' : 'off',
          ...(e.recordingId ? { recordingId: e.recordingId } : {}),
          ...(e.recordingUrl ? { recordingUrl: e.recordingUrl } : {}),
        }),
      ),
      t.on('ended', (e) => this.onEnded(e.callId, e.reason)),
    );
  }

  private onStatus(status: TelephonyStatus): void {
    const becameRegistered = status.state === 'registered' && this.lastTelephonyState !== 'registered';
    this.lastTelephonyState = status.state;
    this.publish();
    this.maybeNotifyInitialized();
    // The web phone (and the RingCentral login behind presence) usually arrives after start(): caller ids
    // (`…/extension/~/phone-number`) and presence can only be read once it is registered, and again after a
    // sign-out / sign-in or a re-registration.
    if (becameRegistered && this.started) void this.loadPresenceAndCallerIds();
  }

  private onRinging(e: TelephonyEventMap['ringing']): void {
    if (this.calls.has(e.callId)) return;
    const call = new Call({ ...e, direction: 'inbound' }, { clock: this.clock });
    this.calls.set(e.callId, call);
    const carried = this.takeRestoredForm(e.telephonySessionId ?? null);
    const draft: CallDraft = { ...newDraft(call.snapshot), form: carried ?? EMPTY_FORM, formEdited: carried !== null };
    // Send the one matchNumbers request first (it leaves synchronously), then persist and publish the new call:
    // the ring → screen pop path waits for nothing local.
    this.drafts.set(e.callId, draft);
    const matching = this.matchCall(e.callId);
    this.putDraft(this.drafts.get(e.callId) ?? draft);
    const busy = [...this.calls.values()].some(
      (c) => c.callId !== e.callId && (c.state === 'connected' || c.state === 'held'),
    );
    if (busy && this.settings.toVoicemailWhenBusy) {
      this.endIntents.set(e.callId, 'voicemail');
      void this.telephony
        .toVoicemail(e.callId)
        .catch((error) => this.notify('warning', 'VOICEMAIL_FAILED', messageOf(error)));
    }
    void matching;
  }

  private onDialing(e: TelephonyEventMap['dialing']): void {
    if (this.calls.has(e.callId)) return;
    const call = new Call({ ...e, direction: 'outbound', remoteName: null }, { clock: this.clock });
    this.calls.set(e.callId, call);
    const carried = this.takeRestoredForm(e.telephonySessionId ?? null);
    this.putDraft({ ...newDraft(call.snapshot), form: carried ?? EMPTY_FORM, formEdited: carried !== null });
    const pending = this.takePendingDial(e.callId, e.remoteNumber);
    if (pending) this.attachDialContext(e.callId, pending.context);
    void this.matchCall(e.callId);
  }

  private onIdentified(e: TelephonyEventMap['identified']): void {
    this.onFacts(e.callId, {
      ...(e.telephonySessionId ? { telephonySessionId: e.telephonySessionId } : {}),
      ...(e.sessionId ? { sessionId: e.sessionId } : {}),
      ...(e.partyId ? { partyId: e.partyId } : {}),
    });
    this.maybeSaveOnRinging(e.callId);
  }

  private onCallEvent(callId: string, event: CallEvent): void {
    const call = this.calls.get(callId);
    if (!call) return;
    if (!call.can(event.type)) return; // duplicate / late platform event: ignore, the state is already right
    call.transition(event);
    this.persistCall(callId);
    if (event.type === 'answer') {
      void this.maybePop(callId);
      if (this.settings.autoLog && !this.settings.saveOnRinging) this.autoSaveNow(callId);
    }
  }

  private onFacts(callId: string, facts: Parameters<Call['update']>[0]): void {
    const call = this.calls.get(callId);
    if (!call) return;
    call.update(facts);
    this.persistCall(callId);
  }

  private onEnded(callId: string, reported: EndReason): void {
    const call = this.calls.get(callId);
    if (!call || !call.isLive) return;
    const intent = this.endIntents.get(callId);
    this.endIntents.delete(callId);
    const reason = intent ?? reported;
    call.transition({ type: 'end', reason });
    this.persistCall(callId);
    this.pendingDials.splice(0, this.pendingDials.length, ...this.pendingDials.filter((p) => p.to !== `#${callId}`));
    this.scheduleAutoLog(callId);
    this.completeEarlyLog(callId);
  }

  /**
   * A log saved while the call was still going on (agent Save during the call) lacks the end time and duration:
   * send the final facts once the call ends (source `auto`: the agent's fields are kept, facts are extended).
   */
  private completeEarlyLog(callId: string): void {
    const draft = this.drafts.get(callId);
    if (!draft?.taskId || !draft.call.telephonySessionId) return;
    const built = buildCallLog({ call: draft.call, form: draft.form, settings: this.settings, source: 'auto' });
    if (built.ok) void this.outbox.save(built.log);
  }

  // ---------------------------------------------------------------------------------------------- matching flow

  /** The ONE `matchNumbers` round trip of a call. */
  private async matchCall(callId: string): Promise<void> {
    const draft = this.drafts.get(callId);
    if (!draft) return;
    const phone = this.phoneOf(draft.call.remoteNumber);
    if (!phone) {
      this.updateDraft(callId, (d) => ({ ...d, matchStatus: 'skipped', conflict: d.form.whoId ? null : 'no-match' }));
      void this.maybePop(callId);
      return;
    }
    let matches: CrmMatch[];
    try {
      const [result] = await this.crm.matchNumbers([
        { e164: phone.e164, countryCallingCode: phone.countryCallingCode, nationalNumber: phone.nationalNumber },
      ]);
      matches = rankMatches(result?.matches ?? [], this.settings);
    } catch (error) {
      this.updateDraft(callId, (d) => ({ ...d, matchStatus: 'failed' }));
      this.notify('warning', 'MATCH_FAILED', `Could not look up ${phone.display}: ${messageOf(error)}`);
      return;
    }
    const matched = this.computeMatchedDraft(this.requireDraft(callId), matches);
    // Decide and send the pop before persisting/publishing the matched draft (ring → pop latency).
    this.drafts.set(callId, matched);
    const popping = this.maybePop(callId);
    this.putDraft(this.drafts.get(callId) ?? matched);
    await popping;
    this.maybeSaveOnRinging(callId);
  }

  /** The draft after the one `matchNumbers` answer: matches, auto-selected Who/What, conflict (pure). */
  private computeMatchedDraft(d: CallDraft, matches: CrmMatch[]): CallDraft {
    const candidates = collapseMatches(matches);
    const single = candidates.length === 1 && this.settings.autoSelectSingleMatch ? candidates[0] : undefined;
    const fromClick = d.clickContextRecordId !== null;
    let form = d.form;
    let chosen = d.chosenRecordId;
    if (!fromClick && single && !d.form.whoId && !d.form.whatId) {
      form = { ...form, ...associationForMatch(single, this.settings) };
      chosen = single.id;
    } else if (fromClick && form.whoId === null && form.whatId !== null) {
      // Clicked from an Account/Case/Opportunity: the one Contact on that number completes the log as Who
      // (a Lead cannot share a Task with a What, so the clicked record wins over a Lead).
      const whos = candidates.filter((m) => isWhoMatch(m) && m.objectType === 'Contact');
      const who = whos.length === 1 ? whos[0] : undefined;
      if (who) form = { ...form, whoId: who.id, whoName: who.name, whoObjectType: who.objectType };
    }
    const conflict = fromClick || form.whoId || form.whatId ? null : classifyForAutoLog(candidates);
    return { ...d, matchStatus: 'done', matches, chosenRecordId: chosen, form, conflict };
  }

  private async maybePop(callId: string): Promise<void> {
    const draft = this.drafts.get(callId);
    const call = this.calls.get(callId);
    if (!draft || !call || draft.popped || draft.fromHistory) return;
    if (draft.matchStatus === 'pending' || draft.matchStatus === 'failed') return;
    if (call.state === 'ended') return;
    const phase: PopPhase = call.state === 'ringing' || call.state === 'dialing' ? 'ringing' : 'answered';
    const decision = decideScreenPop({
      direction: call.snapshot.direction,
      phase,
      matches: draft.matches,
      phone: this.phoneOf(call.snapshot.remoteNumber),
      fromClickToDial: draft.clickContextRecordId !== null,
      settings: this.settings,
    });
    if (decision.kind === 'pop') await this.pop(callId, decision.pop);
    // `choose`: the UI shows the candidates (state.calls[].matches); the pop follows chooseRecord().
  }

  private async pop(callId: string, pop: ScreenPop): Promise<void> {
    // Mark in memory and send the pop first; persisting and publishing the state come after (ring → pop latency).
    const draft = this.drafts.get(callId);
    if (draft) this.drafts.set(callId, { ...draft, popped: true });
    this.emitter.emit('screenPop', { callId, pop, at: this.clock.now() });
    const sending = this.hostCall('SCREEN_POP_FAILED', () => this.host.screenPop(pop));
    const latest = this.drafts.get(callId);
    if (latest) this.putDraft(latest);
    await sending;
  }

  private attachDialContext(callId: string, context: ClickToDialEvent | NavigationContext | null): void {
    if (!context || !context.recordId) return;
    const association = associationFromClickContext(context, this.settings);
    this.updateDraft(callId, (d) => ({
      ...d,
      clickContextRecordId: context.recordId,
      chosenRecordId: context.recordId,
      conflict: null,
      form: d.formEdited ? d.form : { ...d.form, ...association },
      call: d.call,
    }));
    const name = association.whoName ?? association.whatName ?? context.recordName;
    if (name) this.onFacts(callId, { remoteName: name });
  }

  private takePendingDial(callId: string, remoteNumber: string): (typeof this.pendingDials)[number] | null {
    const byId = this.pendingDials.findIndex((p) => p.to === `#${callId}`);
    const wanted = tryNormalizePhoneNumber(remoteNumber, this.settings.defaultRegion)?.e164 ?? remoteNumber;
    const index =
      byId >= 0
        ? byId
        : this.pendingDials.findIndex(
            (p) => (tryNormalizePhoneNumber(p.to, this.settings.defaultRegion)?.e164 ?? p.to) === wanted,
          );
    const chosen =
      index >= 0 ? index : this.pendingDials.length > 0 && !this.pendingDials[0]?.to.startsWith('#') ? 0 : -1;
    if (chosen < 0) return null;
    return this.pendingDials.splice(chosen, 1)[0] ?? null;
  }

  private async handleClickToDial(event: ClickToDialEvent): Promise<void> {
    void this.hostCall('PANEL_FAILED', () => this.host.setPanelVisibility(true));
    try {
      await this.dial(event.number, { context: event });
    } catch {
      // dial() already reported it
    }
  }

  // ---------------------------------------------------------------------------------------------- auto-log

  private scheduleAutoLog(callId: string): void {
    const draft = this.drafts.get(callId);
    if (!draft || !this.settings.autoLog || draft.formEdited || draft.taskId) return;
    if (draft.conflict) return; // unresolved: waits for the agent in the conflict queue
    const delayMs = Math.max(0, this.settings.autoLogDelaySeconds) * 1000;
    const dueAt = this.countdown.start(callId, delayMs, () => {
      if (!this.drafts.has(callId)) return;
      this.updateDraft(callId, (d) => ({ ...d, autoLogAt: null }));
      void this.autoSave(callId);
    });
    this.updateDraft(callId, (d) => ({ ...d, autoLogAt: dueAt }));
  }

  /** Stops the auto-log countdown of a call (the agent wants to review the log first). */
  cancelAutoLog(callId: string): void {
    this.countdown.cancel(callId);
    const draft = this.drafts.get(callId);
    if (draft && draft.autoLogAt !== null) this.updateDraft(callId, (d) => ({ ...d, autoLogAt: null }));
  }

  private maybeSaveOnRinging(callId: string): void {
    const draft = this.drafts.get(callId);
    if (!draft || !this.settings.autoLog || !this.settings.saveOnRinging) return;
    if (draft.matchStatus !== 'done' || draft.conflict || !draft.call.telephonySessionId) return;
    if (this.outbox.get(draft.call.telephonySessionId)) return;
    this.autoSaveNow(callId);
  }

  private autoSaveNow(callId: string): void {
    const draft = this.drafts.get(callId);
    if (!draft || draft.conflict || !draft.call.telephonySessionId) return;
    void this.autoSave(callId);
  }

  private async autoSave(callId: string): Promise<void> {
    const draft = this.drafts.get(callId);
    if (!draft || draft.conflict) return;
    const built = buildCallLog({ call: draft.call, form: draft.form, settings: this.settings, source: 'auto' });
    if (!built.ok) return; // left for the agent
    const result = await this.outbox.save(built.log);
    if (result.ok && draft.call.state === 'ended') this.updateDraft(callId, (d) => ({ ...d, taskId: result.taskId }));
  }

  // ---------------------------------------------------------------------------------------------- drafts & state

  private restoreDrafts(): void {
    for (const stored of this.draftStore.list()) {
      const expired = stored.call.startedAt < this.clock.now() - this.draftRetentionMs;
      if ((stored.taskId && stored.call.state === 'ended') || expired) {
        this.draftStore.remove(stored.call.callId); // logged before the reload, or older than the retention
        continue;
      }
      const call = Call.restore(stored.call, { clock: this.clock });
      // The page went away during the call: the web phone session is gone with it.
      if (call.isLive) call.transition({ type: 'end', reason: 'lost' });
      this.calls.set(call.callId, call);
      this.drafts.set(call.callId, { ...stored, call: call.snapshot, autoLogAt: null });
      this.draftStore.save(this.drafts.get(call.callId) as CallDraft);
    }
  }

  /** A call restored after a reload that the platform reports again: carry its form over. */
  private takeRestoredForm(telephonySessionId: string | null): CallLogForm | null {
    if (!telephonySessionId) return null;
    for (const draft of this.drafts.values()) {
      if (draft.call.telephonySessionId === telephonySessionId && draft.call.endReason === 'lost' && !draft.taskId) {
        this.drafts.delete(draft.call.callId);
        this.calls.delete(draft.call.callId);
        this.draftStore.remove(draft.call.callId);
        return draft.form;
      }
    }
    return null;
  }

  private persistCall(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.updateDraft(callId, (d) => ({ ...d, call: call.snapshot }));
  }

  private putDraft(draft: CallDraft): void {
    this.drafts.set(draft.call.callId, draft);
    this.draftStore.save(draft);
    this.publish();
  }

  private updateDraft(callId: string, change: (draft: CallDraft) => CallDraft): CallDraft {
    const draft = this.requireDraft(callId);
    const next = change(draft);
    this.putDraft(next);
    return next;
  }

  private requireDraft(callId: string): CallDraft {
    const draft = this.drafts.get(callId);
    if (!draft) throw new Error(`Unknown call ${callId}`);
    return draft;
  }

  private guard(callId: string, event: CallEvent['type']): Call {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`Unknown call ${callId}`);
    if (!call.can(event)) throw new CallTransitionError(callId, call.state, event);
    return call;
  }

  private guardState(callId: string, allowed: readonly Call['state'][], event: CallEvent['type']): Call {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`Unknown call ${callId}`);
    if (!allowed.includes(call.state)) throw new CallTransitionError(callId, call.state, event);
    return call;
  }

  private dialString(number: string): string {
    const trimmed = number.trim();
    if (/^\*?\d{2,6}$/.test(trimmed)) return trimmed; // extension / short code, dialled as typed
    const result = normalizePhoneNumber(trimmed, this.settings.defaultRegion);
    if (!result.ok) throw result.error;
    return result.value.e164;
  }

  private phase(): SoftphonePhase {
    const status = this.telephony.status;
    if (status.state === 'unavailable') return 'unavailable';
    return status.state === 'registered' ? 'ready' : 'starting';
  }

  private buildState(): SoftphoneState {
    const views: CallView[] = [...this.drafts.values()]
      .filter((d) => !(d.taskId && d.call.state === 'ended'))
      .map((d) => this.toView(d))
      .sort((a, b) => b.call.startedAt - a.call.startedAt);
    const names = new Map(views.map((v) => [v.call.callId, v.displayName]));
    const conflicts: ConflictView[] = conflictQueue(this.drafts.values()).map((c) => ({
      callId: c.callId,
      reason: c.reason,
      displayName: names.get(c.callId) ?? c.remoteName ?? c.remoteNumber,
      startedAt: c.startedAt,
    }));
    const live = views.filter((v) => v.call.state !== 'ended');
    const active =
      live.find((v) => v.call.state === 'ringing') ??
      live.find((v) => v.call.state === 'connected' || v.call.state === 'dialing') ??
      live[0] ??
      null;
    return Object.freeze({
      phase: this.phase(),
      telephony: this.telephony.status,
      settings: this.settings,
      settingsLoaded: this.settingsLoaded,
      preferences: this.preferences,
      user: this.user,
      canEditSettings: this.canEditSettings,
      calls: views,
      activeCallId: active?.call.callId ?? null,
      conflicts,
      pendingLogs: this.outbox.list().filter((e) => e.status !== 'sent'),
      presence: this.presence,
      callerIds: this.callerIds,
      navigation: this.navigation,
      history: this.history,
      notices: this.notices,
    });
  }

  /** Normalizes a remote number once per region (state snapshots are rebuilt on every change). */
  private phoneOf(remoteNumber: string): PhoneNumber | null {
    const key = `${this.settings.defaultRegion}|${remoteNumber}`;
    if (!this.phoneCache.has(key)) {
      if (this.phoneCache.size > 500) this.phoneCache.clear();
      this.phoneCache.set(key, tryNormalizePhoneNumber(remoteNumber, this.settings.defaultRegion));
    }
    return this.phoneCache.get(key) ?? null;
  }

  private toView(draft: CallDraft): CallView {
    const phone = this.phoneOf(draft.call.remoteNumber);
    const chosen = draft.matches.find((m) => m.id === draft.chosenRecordId);
    const single = draft.matches.length === 1 ? draft.matches[0] : undefined;
    const displayName =
      draft.form.whoName ??
      chosen?.name ??
      single?.name ??
      draft.form.whatName ??
      draft.call.remoteName ??
      phone?.nationalDisplay ??
      (draft.call.remoteNumber || 'Unknown');
    const entry = draft.call.telephonySessionId ? this.outbox.get(draft.call.telephonySessionId) : null;
    return {
      ...draft,
      phone,
      displayName,
      logStatus: entry?.status ?? null,
      logError: entry?.lastError ?? null,
    };
  }

  private publish(): void {
    this.state = this.buildState();
    this.updateUtilityItem();
    this.emitter.emit('state', this.state);
  }

  private updateUtilityItem(): void {
    if (!this.started) return;
    const activity = softphoneActivity(
      this.state.phase,
      this.state.calls.filter((c) => c.call.state !== 'ended').map((c) => c.call),
    );
    if (activity === this.lastUtilityItem) return;
    this.lastUtilityItem = activity;
    void this.hostCall('UTILITY_ITEM_FAILED', () => this.host.showActivity(activity));
  }

  private maybeNotifyInitialized(): void {
    if (this.initializationNotified || !this.settingsLoaded) return;
    if (this.telephony.status.state === 'starting') return;
    this.initializationNotified = true;
    void this.hostCall('INITIALIZATION_FAILED', () => this.host.notifyInitializationComplete());
  }

  private async loadSettings(): Promise<void> {
    try {
      const response = await this.crm.getSoftphoneSettings();
      this.settings = response.settings;
      this.user = response.user;
      this.canEditSettings = response.canEditSettings;
    } catch (error) {
      this.notify('warning', 'SETTINGS_FAILED', `Using default settings: ${messageOf(error)}`);
    }
    this.settingsLoaded = true;
  }

  private async loadPresenceAndCallerIds(): Promise<void> {
    const tasks: Promise<void>[] = [
      this.telephony
        .listCallerIds()
        .then((ids) => {
          this.callerIds = ids;
        })
        .catch(() => undefined),
    ];
    if (this.presencePort) {
      tasks.push(
        this.presencePort
          .get()
          .then((p) => {
            this.presence = p;
          })
          .catch(() => undefined),
      );
    }
    await Promise.all(tasks);
    this.publish();
  }

  private loadPreferences(): LocalPreferences {
    try {
      const text = this.store.get(PREFERENCES_KEY);
      return text
        ? { ...DEFAULT_LOCAL_PREFERENCES, ...(JSON.parse(text) as Partial<LocalPreferences>) }
        : DEFAULT_LOCAL_PREFERENCES;
    } catch {
      return DEFAULT_LOCAL_PREFERENCES;
    }
  }

  private async hostCall(code: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.notify('warning', code, messageOf(error));
    }
  }

  private notify(level: EngineNotice['level'], code: string, message: string): void {
    const notice: EngineNotice = { id: ++this.noticeSeq, level, code, message, at: this.clock.now() };
    this.notices = [...this.notices, notice].slice(-this.maxNotices);
    this.emitter.emit('notice', notice);
    if (this.started) this.publish();
  }
}

function newDraft(call: CallSnapshot, extra: Partial<CallDraft> = {}): CallDraft {
  return {
    call,
    matchStatus: 'pending',
    matches: [],
    chosenRecordId: null,
    form: EMPTY_FORM,
    formEdited: false,
    autoLogAt: null,
    conflict: null,
    taskId: null,
    fromHistory: false,
    clickContextRecordId: null,
    popped: false,
    ...extra,
  };
}

function historyEndReason(result: string, answered: boolean): EndReason {
  if (answered) return 'hangup';
  if (/voicemail/i.test(result)) return 'voicemail';
  if (/rejected|declined/i.test(result)) return 'declined';
  if (/busy/i.test(result)) return 'busy';
  if (/no answer/i.test(result)) return 'no-answer';
  return 'missed';
}

function messageOf(error: unknown): string {
  if (error instanceof PhoneNumberError) return `not a phone number (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
