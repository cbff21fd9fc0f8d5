import type { Listening, NotListeningReason, SoftphoneActivity } from '../ports/cti-host-port';
import type { TelephonyStatus } from '../ports/telephony-port';

/**
 * The one source of the listening state (pure): from the telephony status — its registration, its device mode and
 * its call-event subscription (ADR 0034).
 * @public
 */
export function listeningOf(status: TelephonyStatus): Listening {
  if (status.state === 'starting') return { listening: false, reason: 'starting' };
  if (status.state === 'unavailable') return { listening: false, reason: UNAVAILABLE[status.reason] };
  if (status.device !== 'other') return { listening: true, via: 'browser' };
  if (status.events === 'lost') return { listening: false, reason: 'subscription-lost' };
  return status.events === 'connecting' ? { listening: false, reason: 'starting' } : { listening: true, via: 'other' };
}

const UNAVAILABLE: Readonly<Record<Extract<TelephonyStatus, { state: 'unavailable' }>['reason'], NotListeningReason>> =
  {
    'logged-out': 'signed-out',
    'microphone-denied': 'microphone-blocked',
    'microphone-blocked': 'microphone-blocked',
    'no-microphone': 'no-microphone',
    'too-many-registrations': 'too-many-phones',
    'registration-failed': 'registration-failed',
    network: 'registration-lost',
  };

/**
 * What the host shows, as one comparable key: the activity, the unread messages and the listening state (the engine
 * and a follower tab call the host only when it changes).
 * @public
 */
export function shownKey(activity: SoftphoneActivity, unreadMessages: number, listening: Listening): string {
  return `${activity}|${unreadMessages}|${listening.listening ? listening.via : listening.reason}`;
}
