import type { DialPrompt } from '../ports/dial-guard-port';
import { isShownDraft, type CallDraft } from '../call-log/call-draft';
import type { CallLogOutbox } from '../call-log/call-log-outbox';
import { conflictQueue } from '../call-log/conflict-queue';
import type { PhoneNumberCache } from '../phone-number/phone-number-cache';
import type { NavigationContext } from '../ports/cti-host-port';
import type { TelephonyStatus } from '../ports/telephony-port';
import type { AgentProfile } from './flows/agent-profile';
import type { AudioDevicesView } from './flows/audio-devices-view';
import type {
  CallView,
  ConflictView,
  EngineNotice,
  HistoryItem,
  SoftphonePhase,
  SoftphoneState,
} from './softphone-state';

/** What {@link buildSoftphoneState} reads. @public */
export interface SoftphoneStateSources {
  readonly telephony: TelephonyStatus;
  readonly profile: Pick<
    AgentProfile,
    | 'settings'
    | 'settingsLoaded'
    | 'locked'
    | 'sources'
    | 'preferences'
    | 'user'
    | 'canEditSettings'
    | 'presence'
    | 'queueCalls'
    | 'callerIds'
  >;
  readonly audio: AudioDevicesView;
  /** The drafts of the call book. */
  readonly drafts: readonly CallDraft[];
  readonly outbox: Pick<CallLogOutbox, 'get' | 'list'>;
  readonly phones: PhoneNumberCache;
  readonly navigation: NavigationContext | null;
  readonly history: readonly HistoryItem[];
  readonly notices: readonly EngineNotice[];
  readonly unreadMessages: number;
  readonly dialPrompt: DialPrompt | null;
}

/** The softphone phase for a telephony status: `unavailable`, `ready` (registered) or `starting`. @public */
export function phaseOf(status: TelephonyStatus): SoftphonePhase {
  if (status.state === 'unavailable') return 'unavailable';
  return status.state === 'registered' ? 'ready' : 'starting';
}

/**
 * The immutable snapshot the UI renders (pure over its sources): calls not logged yet newest first, the active call
 * (ringing first, else connected/dialing, else the newest held), the unresolved queue, unsaved logs, the agent.
 * @public
 */
export function buildSoftphoneState(sources: SoftphoneStateSources): SoftphoneState {
  const { profile, outbox } = sources;
  const views: CallView[] = sources.drafts
    .filter(isShownDraft) // logged, or a queue call waiting for its outcome: not shown
    .map((d) => toView(d, sources))
    .sort((a, b) => b.call.startedAt - a.call.startedAt);
  const names = new Map(views.map((v) => [v.call.callId, v.displayName]));
  const conflicts: ConflictView[] = conflictQueue(sources.drafts).map((c) => ({
    callId: c.callId,
    reason: c.reason,
    displayName: names.get(c.callId) ?? c.remoteName ?? c.remoteNumber,
    startedAt: c.startedAt,
  }));
  const live = views.filter((v) => v.call.state !== 'ended');
  const active =
    live.find((v) => v.call.state === 'ringing' && !v.ignored) ??
    live.find((v) => v.call.state === 'connected' || v.call.state === 'dialing') ??
    live[0] ??
    null;
  return Object.freeze({
    phase: phaseOf(sources.telephony),
    telephony: sources.telephony,
    settings: profile.settings,
    settingsLoaded: profile.settingsLoaded,
    lockedSettings: profile.locked,
    settingSources: profile.sources,
    preferences: profile.preferences,
    audio: sources.audio,
    user: profile.user,
    canEditSettings: profile.canEditSettings,
    calls: views,
    activeCallId: active?.call.callId ?? null,
    conflicts,
    pendingLogs: outbox.list().filter((e) => e.status !== 'sent'),
    presence: profile.presence,
    queueCalls: profile.queueCalls,
    callerIds: profile.callerIds,
    navigation: sources.navigation,
    history: sources.history,
    notices: sources.notices,
    unreadMessages: sources.unreadMessages,
    dialPrompt: sources.dialPrompt,
  });
}

/** A draft with its display data: the normalized number, the best name, the outbox status of its log. */
function toView(draft: CallDraft, sources: SoftphoneStateSources): CallView {
  const phone = sources.phones.of(draft.call.remoteNumber, sources.profile.settings.defaultRegion);
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
  const entry = draft.call.telephonySessionId ? sources.outbox.get(draft.call.telephonySessionId) : null;
  return { ...draft, phone, displayName, logStatus: entry?.status ?? null, logError: entry?.lastError ?? null };
}
