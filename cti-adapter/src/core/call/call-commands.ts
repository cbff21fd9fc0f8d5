import { CALL_TRANSITIONS } from './call';
import { CallTransitionError } from './call-transition-error';
import type { CallState, EndReason } from './call-state';

/**
 * The agent's commands on one call (what the softphone's buttons ask the telephony for). `hold` and `resume` are
 * the two directions of the hold button.
 * @public
 */
export type CallCommand =
  | 'answer'
  | 'decline'
  | 'toVoicemail'
  | 'ignore'
  | 'hangup'
  | 'mute'
  | 'hold'
  | 'resume'
  | 'sendDtmf'
  | 'transfer'
  | 'warmTransfer'
  | 'completeWarmTransfer'
  | 'startRecording'
  | 'stopRecording';

/** When a {@link CallCommand} may be sent, and how it ends the call. @public */
export interface CallCommandRule {
  /** States of the call the command may be sent in. */
  readonly from: readonly CallState[];
  /**
   * For commands that end the call: the end reason it stands for, given the state it was sent in. The core keeps
   * it as the call's end intent and uses it instead of the reason the telephony reports for the end.
   */
  readonly endsAs?: (from: CallState) => EndReason;
}

const TALKING: readonly CallState[] = Object.freeze(['connected', 'held']);

function hangupReason(from: CallState): EndReason {
  if (from === 'ringing') return 'declined';
  return from === 'dialing' ? 'cancelled' : 'hangup';
}

/**
 * The allowed-state rule of every agent command, the single source of the engine's guards. Commands that ask for a
 * state transition (`answer`, `hold`, `resume`, `hangup` = `end`) take their states from {@link CALL_TRANSITIONS}.
 * @public
 */
export const CALL_COMMANDS: Readonly<Record<CallCommand, CallCommandRule>> = Object.freeze({
  answer: { from: CALL_TRANSITIONS.answer.from },
  decline: { from: ['ringing'], endsAs: () => 'declined' },
  toVoicemail: { from: ['ringing'], endsAs: () => 'voicemail' },
  // Call waiting's "Ignore": this softphone stops alerting; the call rings on and ends as any unanswered call.
  ignore: { from: ['ringing'] },
  // Hanging up a call that still rings declines it (the telephony sends a decline; RingCentral logs it Rejected).
  hangup: { from: CALL_TRANSITIONS.end.from, endsAs: hangupReason },
  mute: { from: TALKING },
  hold: { from: CALL_TRANSITIONS.hold.from },
  resume: { from: CALL_TRANSITIONS.resume.from },
  // In-band digits while talking, or to an IVR that answers with early media before the call connects.
  sendDtmf: { from: ['connected', 'dialing'] },
  transfer: { from: TALKING, endsAs: () => 'transferred' },
  warmTransfer: { from: TALKING },
  completeWarmTransfer: { from: TALKING, endsAs: () => 'transferred' },
  startRecording: { from: TALKING },
  stopRecording: { from: TALKING },
} satisfies Record<CallCommand, CallCommandRule>);

/**
 * Checks that `command` may be sent on a call in its current state (pure).
 * @returns the end reason the command stands for (see {@link CallCommandRule.endsAs}), or `null`
 * @throws {@link CallTransitionError} naming `command` when the state does not allow it
 * @public
 */
export function checkCallCommand(
  call: { readonly callId: string; readonly state: CallState },
  command: CallCommand,
): EndReason | null {
  const rule = CALL_COMMANDS[command];
  if (!rule.from.includes(call.state)) throw new CallTransitionError(call.callId, call.state, command);
  return rule.endsAs ? rule.endsAs(call.state) : null;
}
