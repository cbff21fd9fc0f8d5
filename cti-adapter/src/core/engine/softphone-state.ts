import type { CallHistoryRecord } from '../ports/call-history-port';
import type { NavigationContext } from '../ports/cti-host-port';
import type { Presence } from '../ports/presence-port';
import type { CallerIdNumber, TelephonyStatus } from '../ports/telephony-port';
import type { LoggedCallStatus } from '../crm/crm-record';
import type { CallDraft } from '../call-log/call-draft';
import type { OutboxEntry } from '../call-log/call-log-outbox';
import type { PhoneNumber } from '../phone-number/phone-number';
import type { LocalPreferences } from '../settings/local-preferences';
import type { Settings, SettingsSource, UserSettingKey } from '../settings/settings';
import type { ConflictReason } from '../matching/log-association';
import type { AudioDevicesView } from './flows/audio-devices-view';
import type { DialPrompt } from '../ports/dial-guard-port';
import type { NoticeCode, NoticeParam } from './notices';

/**
 * Overall softphone phase (drives the utility item and the main view):
 * `starting` → `ready` (web phone registered) or `unavailable` (see `telephony.reason`).
 * @public
 */
export type SoftphonePhase = 'starting' | 'ready' | 'unavailable';

/** A call as the UI shows it: its draft plus derived display data. @public */
export interface CallView extends CallDraft {
  /** The remote number normalized (`null` for anonymous/extension numbers). */
  readonly phone: PhoneNumber | null;
  /** Best name to show: chosen record, single match, caller-ID name, number. */
  readonly displayName: string;
  /** Outbox status of this call's log, `null` when never saved. */
  readonly logStatus: OutboxEntry['status'] | null;
  readonly logError: OutboxEntry['lastError'];
}

/** One entry of the "unresolved" queue. @public */
export interface ConflictView {
  readonly callId: string;
  readonly reason: ConflictReason;
  readonly displayName: string;
  readonly startedAt: number;
}

/** One row of the call history tab. @public */
export interface HistoryItem {
  readonly record: CallHistoryRecord;
  /** Task of the call when logged, else `null`. */
  readonly logged: LoggedCallStatus | null;
}

/** A message for the agent (toast / banner). @public */
export interface EngineNotice {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  /** Stable code ({@link NoticeCode}: `DIAL_FAILED`, `LOG_FAILED`, `SETTINGS_FAILED` …). */
  readonly code: NoticeCode;
  /** The parameters its code declares ({@link NoticeParams}), in that order: the UI fills the label's `{0}`, `{1}`… */
  readonly params: readonly NoticeParam[];
  /** English text (logs; shown when the page has no `Notice_<CODE>` label). */
  readonly message: string;
  readonly at: number;
}

/**
 * Everything the UI renders, as one immutable snapshot published by {@link SoftphoneEngine.subscribe}.
 * @public
 */
export interface SoftphoneState {
  readonly phase: SoftphonePhase;
  readonly telephony: TelephonyStatus;
  /** The settings in force: the server's, with the agent's choices of user-level settings that are not locked. */
  readonly settings: Settings;
  readonly settingsLoaded: boolean;
  /** User-level settings an admin locked: the softphone shows them read-only ("set by your admin"). */
  readonly lockedSettings: readonly UserSettingKey[];
  /** Where each server value comes from (`default`, `org`, `profile`, `user`). */
  readonly settingSources: Readonly<Partial<Record<keyof Settings, SettingsSource>>>;
  readonly preferences: LocalPreferences;
  /** The browser's microphones and speakers, the ones in use, and chosen ones that are not connected. */
  readonly audio: AudioDevicesView;
  readonly user: { readonly id: string; readonly name: string } | null;
  readonly canEditSettings: boolean;
  /** Live calls and ended calls not logged yet, newest first. */
  readonly calls: readonly CallView[];
  /** The call the controls act on: ringing first, else the connected/dialing one, else the newest held. */
  readonly activeCallId: string | null;
  readonly conflicts: readonly ConflictView[];
  /** Outbox entries not yet saved (pending/sending/failed). */
  readonly pendingLogs: readonly OutboxEntry[];
  readonly presence: Presence | null;
  /** Whether the agent's call queues ring this agent (kept as the agent's choice during Do Not Disturb). */
  readonly queueCalls: boolean;
  readonly callerIds: readonly CallerIdNumber[];
  readonly navigation: NavigationContext | null;
  readonly history: readonly HistoryItem[];
  readonly notices: readonly EngineNotice[];
  /** Unread inbound text messages (the Messages tab's badge), as the Messages feature reports them; 0 until it runs. */
  readonly unreadMessages: number;
  /** The do-not-call question ("Call anyway?") or the reason a call was not placed (ADR 0031), else `null`. */
  readonly dialPrompt: DialPrompt | null;
  /**
   * Set only by a follower tab's mirror (ADR 0028): this state is another tab's, which holds the phone — calls show
   * here, their ringtone and audio play there. Absent in the owner tab.
   */
  readonly phoneInOtherTab?: true;
}
