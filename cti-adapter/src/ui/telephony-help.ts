import { labels } from './labels';
import type { TelephonyReconnecting, TelephonyUnavailableReason } from '../core/ports/telephony-port';

/**
 * A "web phone unavailable" explanation: what happened and how to fix it.
 * @public
 */
export interface TelephonyHelp {
  readonly title: string;
  readonly steps: readonly string[];
  /**
   * `steps`: things to do, in order (a numbered list); `sentences`: an explanation (plain paragraphs — the reconnecting
   * and signed-out banners say what happens, they are not a procedure).
   */
  readonly kind: 'steps' | 'sentences';
}

/**
 * The fix for each unavailable reason (sources: RingCentral trackers / FAQs on "web phone unavailable",
 * the RingCentral for Salesforce FAQ (seed `004_7d3109e70c064dca.txt`)).
 * @public
 */
export function describeTelephonyProblem(reason: TelephonyUnavailableReason, detail?: string): TelephonyHelp {
  switch (reason) {
    case 'microphone-denied':
      return {
        title: labels.Help_mic_denied_title,
        steps: [labels.Help_mic_denied_step, labels.Help_reload],
        kind: 'steps',
      };
    case 'microphone-blocked':
      return {
        title: labels.Help_mic_blocked_title,
        steps: [labels.Help_mic_blocked_frame, labels.Help_mic_blocked_policy, labels.Help_reload],
        kind: 'steps',
      };
    case 'no-microphone':
      return {
        title: labels.Help_no_mic_title,
        steps: [labels.Help_no_mic_step, labels.Help_reload],
        kind: 'steps',
      };
    case 'too-many-registrations':
      return {
        title: labels.Help_too_many_title,
        steps: [labels.Help_too_many_step, labels.Help_reload],
        kind: 'steps',
      };
    case 'registration-failed':
      return {
        title: labels.Help_refused_title,
        steps: [labels.Help_refused_sign_in_again, labels.Help_refused_license],
        kind: 'steps',
      };
    case 'network':
      return {
        title: labels.Help_network_title,
        steps: [labels.Help_network_step, labels.Help_network_reconnects],
        kind: 'steps',
      };
    case 'logged-out':
      // `detail` says why the sign-in ended (expired, revoked, Salesforce session changed), in the agent's words.
      return {
        title: labels.Help_signed_out_title,
        // The reason already says to sign in again: one sentence, not the same advice twice.
        steps: [detail || labels.Help_signed_out_step],
        kind: 'sentences',
      };
  }
}

/**
 * The "reconnecting" explanation: the web phone is registered but the sign-in is being renewed after a transient
 * failure (RingCentral 5xx/429, offline). Calls still ring.
 * @public
 */
export function describeReconnecting(reconnecting: TelephonyReconnecting): TelephonyHelp {
  return {
    title: labels.Help_reconnecting_title,
    steps: [reconnecting.detail, labels.Help_reconnecting_step],
    kind: 'sentences',
  };
}
