import type { CallDirection, CallState, EndReason, RecordingState } from './call-state';

/**
 * Immutable, serializable view of a call (what the UI renders and what the store persists).
 * Times are epoch milliseconds from the injected clock.
 * @public
 */
export interface CallSnapshot {
  /** Local id of the call (the web phone's SIP Call-Id). */
  readonly callId: string;
  /**
   * RingCentral telephony session id (`s-…`), shared by every party of the call; with the agent it makes the log key
   * (`CALL_UNIQUE_ID__c`, ADR 0009). `null` until known.
   */
  readonly telephonySessionId: string | null;
  /** RingCentral session id (`CALL_UUID__c`). */
  readonly sessionId: string | null;
  /** RingCentral party id (`p-…-N`). */
  readonly partyId: string | null;
  readonly direction: CallDirection;
  readonly state: CallState;
  /** The other party's number as the platform gave it (E.164 when possible). */
  readonly remoteNumber: string;
  /** Caller-ID name (inbound, from the carrier) or the dialled record's name (outbound); `null` if none. */
  readonly remoteName: string | null;
  /** The agent's number used on the call (DID or caller ID). */
  readonly localNumber: string | null;
  readonly localName: string | null;
  /** The call queue an inbound call reached the agent through (e.g. `Gold Queue`); `null` for a direct call. */
  readonly queueName: string | null;
  readonly muted: boolean;
  readonly recording: RecordingState;
  /** Recording link and id when the platform reports one. */
  readonly recordingUrl: string | null;
  readonly recordingId: string | null;
  readonly startedAt: number;
  readonly answeredAt: number | null;
  readonly endedAt: number | null;
  readonly endReason: EndReason | null;
  /** Transfer target while a warm transfer is in progress. */
  readonly transferTarget: string | null;
  /**
   * `ringout`: a RingOut call — RingCentral rings the agent's own phone first, then the number; the agent talks on
   * that phone, so mute, hold, keypad, transfer and recording of the web phone do not apply. `other`: a call on the
   * agent's RingCentral app or desk phone (answered there; hold, mute, blind transfer and hang-up through the Call
   * Control API; no keypad, recording or warm transfer). Absent: the web phone.
   */
  readonly device?: 'ringout' | 'other';
  /**
   * A RingOut (`device` set, `dialing`): `true` once the agent picked up the own phone RingCentral rang first and the
   * callee's phone rings; absent while the agent's own phone still rings.
   */
  readonly remoteRinging?: boolean;
}
