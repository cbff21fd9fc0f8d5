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
        title: 'Web phone unavailable: microphone access is blocked',
        steps: [
          'Click the lock or camera icon in the address bar and allow the microphone for this Salesforce site.',
          'Reload the page.',
        ],
        kind: 'steps',
      };
    case 'microphone-blocked':
      return {
        title: 'Web phone unavailable: the page may not use the microphone',
        steps: [
          'Ask your Salesforce admin to check the softphone frame allows the microphone (iframe allow="microphone").',
          "Ask your admin to check the org's Permissions-Policy header (Session Settings) allows microphone for Visualforce pages.",
          'Reload the page.',
        ],
        kind: 'steps',
      };
    case 'no-microphone':
      return {
        title: 'Web phone unavailable: no microphone found',
        steps: ['Connect a headset or microphone.', 'Reload the page.'],
        kind: 'steps',
      };
    case 'too-many-registrations':
      return {
        title: 'Web phone unavailable: too many web phones are open',
        steps: ['RingCentral allows 5 web phones per user. Close other softphone tabs or apps.', 'Reload the page.'],
        kind: 'steps',
      };
    case 'registration-failed':
      return {
        title: 'Web phone unavailable: RingCentral refused the registration',
        steps: [
          'Sign out and sign in again.',
          'If it persists, ask your RingCentral admin to check your phone license.',
        ],
        kind: 'steps',
      };
    case 'network':
      return {
        title: 'Web phone unavailable: cannot reach RingCentral',
        steps: ['Check your network connection or VPN.', 'The softphone reconnects automatically.'],
        kind: 'steps',
      };
    case 'logged-out':
      // `detail` says why the sign-in ended (expired, revoked, Salesforce session changed), in the agent's words.
      return {
        title: 'Signed out of RingCentral',
        // The reason already says to sign in again: one sentence, not the same advice twice.
        steps: [detail || 'Sign in to RingCentral to make and take calls.'],
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
    title: 'Reconnecting to RingCentral…',
    steps: [
      reconnecting.detail,
      'Calls keep ringing on this softphone. Call history, presence and caller IDs wait until the connection is back.',
    ],
    kind: 'sentences',
  };
}
