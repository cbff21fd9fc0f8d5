import type { EndReason } from '../../core/call/call-state';

/**
 * The request this side sent that ends a call, once sent (cleared again when the platform refused it):
 * - `reject`: SIP MESSAGE `x-rc/agent` Cmd 12 on a ringing inbound call (decline; the platform then CANCELs);
 * - `voicemail`: Cmd 11 (to voicemail; the platform then CANCELs);
 * - `bye`: BYE on an answered call, or DELETE of an answered RingOut;
 * - `cancel`: CANCEL of an outbound INVITE before the answer, or DELETE of a RingOut before the callee answered;
 * - `refer`: REFER (blind transfer, or warm-transfer completion with `Replaces=`, which also ends the consult call).
 *
 * A protocol fact, not the agent's intent: the core keeps what the agent asked for and its intent wins
 * (`SoftphoneEngine`); this says which side ended the dialog, for the calls the core has no intent for (the consult
 * call of a warm transfer, a page unload) and for consumers of the port without an engine.
 * @public
 */
export type LocalEnd = 'reject' | 'voicemail' | 'bye' | 'cancel' | 'refer';

/**
 * What the protocol said about one call, enough to say how it ended. Nothing here mirrors the core's call state:
 * `answered` is the 200 OK (ringcentral-web-phone 2.5.4 resets its session `state` to `disposed` before it emits
 * `disposed`, so the adapter keeps the fact), the rest are messages the core never sees.
 * @public
 */
export interface CallEndFacts {
  readonly direction: 'inbound' | 'outbound';
  /** The call was answered (SIP 200 OK to the INVITE; RingOut: the callee's status `Success`). */
  readonly answered: boolean;
  readonly localEnd: LocalEnd | null;
  /**
   * Outbound: how the INVITE failed — the status code of its final non-2xx response (RFC 3261 §21), or `'error'`
   * when the web phone gave up without one (the library threw).
   */
  readonly inviteFailure: number | 'error' | null;
  /** Inbound: the platform's MESSAGE `x-rc/agent` Cmd 7 arrived (another device or agent took the call). */
  readonly answeredElsewhere: boolean;
}

const LOCAL_END_REASON: Readonly<Record<LocalEnd, EndReason>> = {
  reject: 'declined',
  voicemail: 'voicemail',
  bye: 'hangup',
  cancel: 'cancelled',
  refer: 'transferred',
};

/**
 * The end reason the protocol facts give, the `reason` of the port's `ended` event:
 * this side's request first (reject → declined, voicemail, bye → hangup, cancel → cancelled, refer → transferred);
 * else inbound: answered → remote-hangup, Cmd 7 → answered-elsewhere, otherwise missed; outbound: the final response
 * (486·600 → busy, 408·480 → no-answer, 487 → cancelled, other → failed), else answered → remote-hangup, otherwise
 * failed. Transport loss (`lost`) and sign-out are decided where they happen, not from these facts.
 * @public
 */
export function endReasonOf(facts: CallEndFacts): EndReason {
  if (facts.localEnd) return localEndReason(facts.localEnd);
  if (facts.direction === 'inbound') {
    if (facts.answered) return 'remote-hangup';
    return facts.answeredElsewhere ? 'answered-elsewhere' : 'missed';
  }
  if (facts.inviteFailure !== null) return inviteFailureReason(facts.inviteFailure);
  return facts.answered ? 'remote-hangup' : 'failed';
}

/** The end reason of a call this side ended (the table above; RingOut calls use it too). @public */
export function localEndReason(end: LocalEnd): EndReason {
  return LOCAL_END_REASON[end];
}

/** Final response of an outbound INVITE → end reason (RFC 3261 status codes). */
function inviteFailureReason(failure: number | 'error'): EndReason {
  if (failure === 486 || failure === 600) return 'busy';
  if (failure === 408 || failure === 480) return 'no-answer';
  if (failure === 487) return 'cancelled';
  return 'failed';
}

/** Status code of a SIP response start line (`SIP/2.0 486 Busy Here` → 486); `'error'` when there is none. */
export function responseStatus(subject: string): number | 'error' {
  const code = Number(subject.match(/^SIP\/2\.0 (\d{3})/)?.[1]);
  return Number.isInteger(code) && code > 0 ? code : 'error';
}
