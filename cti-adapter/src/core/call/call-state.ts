/**
 * States of a call as the softphone sees it.
 *
 * ```
 *                answer                 hold
 *   ringing ───────────────┐      ┌──────────────┐
 *     │                    ▼      │              ▼
 *     │              connected ◄──┴──────────  held
 *     │                 ▲   │        resume     │
 *     │      answer     │   │ end               │ end
 *   dialing ────────────┘   ▼                   │
 *     │                   ended ◄───────────────┘
 *     └─── end ──────────►  ▲
 *   ringing ── end (missed/declined/voicemail/answered-elsewhere/remote-hangup) ┘
 * ```
 *
 * - `ringing`: inbound, alerting the agent.
 * - `dialing`: outbound, INVITE sent, remote not answered yet.
 * - `connected`: talking.
 * - `held`: the agent put the call on hold.
 * - `ended`: terminal; {@link EndReason} says how.
 * @public
 */
export type CallState = 'ringing' | 'dialing' | 'connected' | 'held' | 'ended';

/** @public */
export type CallDirection = 'inbound' | 'outbound';

/**
 * How a call ended.
 * - `hangup`: the agent hung up an answered call; `remote-hangup`: the other party did.
 * - `missed`: an inbound call stopped ringing unanswered (caller gave up, timeout).
 * - `declined`: the agent declined an inbound call; `voicemail`: the agent sent it to voicemail.
 * - `answered-elsewhere`: another device/agent took it (queue call).
 * - `transferred`: the agent transferred it (blind or warm).
 * - `cancelled`: the agent hung up an outbound call before the answer.
 * - `busy`, `no-answer`, `failed`: outbound call could not be connected.
 * - `lost`: the softphone lost the call without an end event (page reload, transport loss).
 * @public
 */
export type EndReason =
  | 'hangup'
  | 'remote-hangup'
  | 'missed'
  | 'declined'
  | 'voicemail'
  | 'answered-elsewhere'
  | 'transferred'
  | 'cancelled'
  | 'busy'
  | 'no-answer'
  | 'failed'
  | 'lost';

/** Recording state of a call. @public */
export type RecordingState = 'off' | 'starting' | 'on' | 'stopping';
