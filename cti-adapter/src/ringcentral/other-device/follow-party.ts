import type { EndReason } from '../../core/call/call-state';
import type { TelephonyParty } from '../subscriptions/ringcentral-event-types';

/**
 * Following the agent's party of a telephony session on another device (the RingCentral app or a desk phone), as the
 * `…/extension/~/telephony/sessions` notifications report it (RingCentral API Reference, "Telephony Sessions Event",
 * https://developers.ringcentral.com/api-reference/Extension-Telephony-Sessions-Event; party status codes `Setup`,
 * `Proceeding`, `Answered`, `Hold`, `Parked`, `VoiceMail`, `Disconnected`, `Gone`). A pure state machine:
 *
 * ```
 *  (none) ──Setup/Proceeding──► ringing ──Answered──► connected ◄──Answered/Hold──► held
 *             │                    │                     │                          │
 *             │                    └──VoiceMail/Disconnected/Gone──► ended ◄────────┘
 *             └──Answered/Hold (first seen late: the ringing is reported too)
 * ```
 * Each change yields the {@link FollowStep}s the telephony port reports, in order. An ended party stays ended: a late or
 * repeated notification yields nothing.
 * @public
 */
export type FollowedPhase = 'ringing' | 'connected' | 'held' | 'ended';

/** What is known of a followed party. @public */
export interface FollowedParty {
  readonly phase: FollowedPhase;
  readonly answered: boolean;
  readonly muted: boolean;
}

/** A change to report for a followed party. @public */
export type FollowStep =
  | { readonly kind: 'ringing' }
  | { readonly kind: 'answered' }
  | { readonly kind: 'held'; readonly held: boolean }
  | { readonly kind: 'muted'; readonly muted: boolean }
  | { readonly kind: 'ended'; readonly reason: EndReason };

const RINGING = new Set(['Setup', 'Proceeding']);
const GONE = new Set(['Disconnected', 'Gone', 'VoiceMail']);

/**
 * The next state of a followed party and the steps to report, for the party's latest status.
 * @param previous what was known (`null`: not followed yet)
 * @param party the agent's party from the notification
 * @returns `next` `null` while there is nothing to follow (a party first seen already over)
 * @public
 */
export function followParty(
  previous: FollowedParty | null,
  party: Pick<TelephonyParty, 'status' | 'muted'>,
): { readonly next: FollowedParty | null; readonly steps: readonly FollowStep[] } {
  const code = party.status.code;
  if (previous?.phase === 'ended') return { next: previous, steps: [] };
  const steps: FollowStep[] = [];
  let state: FollowedParty | null = previous;
  if (!state) {
    if (GONE.has(code)) return { next: null, steps };
    state = { phase: 'ringing', answered: false, muted: false };
    steps.push({ kind: 'ringing' });
  }
  if (GONE.has(code)) {
    steps.push({ kind: 'ended', reason: endReasonOf(state, code, party.status.reason) });
    return { next: { ...state, phase: 'ended' }, steps };
  }
  if (RINGING.has(code)) return { next: state, steps };
  if (!state.answered) {
    steps.push({ kind: 'answered' });
    state = { ...state, phase: 'connected', answered: true };
  }
  const held = code === 'Hold' || code === 'Parked';
  if (held !== (state.phase === 'held')) {
    steps.push({ kind: 'held', held });
    state = { ...state, phase: held ? 'held' : 'connected' };
  }
  const muted = party.muted === true;
  if (muted !== state.muted) {
    steps.push({ kind: 'muted', muted });
    state = { ...state, muted };
  }
  return { next: state, steps };
}

/**
 * Why a followed party ended: voicemail, declined (`CallRejected`), answered elsewhere, transferred (`BlindTransfer`,
 * `AttendedTransfer`), missed when never answered, else hung up (the notification does not say which side).
 */
function endReasonOf(state: FollowedParty, code: string, reason: string | undefined): EndReason {
  if (code === 'VoiceMail' || reason === 'Voicemail') return 'voicemail';
  if (reason === 'CallRejected') return 'declined';
  if (reason === 'AnsweredElsewhere') return 'answered-elsewhere';
  if (reason === 'BlindTransfer' || reason === 'AttendedTransfer') return 'transferred';
  return state.answered ? 'hangup' : 'missed';
}
