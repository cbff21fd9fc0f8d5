import { LightningElement, api } from 'lwc';
import type { CallView } from '../../../core/engine/softphone-state';
import { IDLE, isPending, raise } from '../../softphone-events';
import type { CommandFeedback } from '../../softphone-events';
import { displayNumber, matchStatusText, objectLabel } from '../../view-format';
import { formatLabel, labels } from '../../labels';

/**
 * The call-waiting card: a call rings while the agent is on another one (connected or held). Compact, so the call in
 * progress below keeps Mute, Hold and Hang up in view in a 360 × 560 utility panel: "Call waiting", the caller's
 * name and number on one line, one line for the match (the record's name, type and company; how many records match
 * — the agent chooses on the call or its log —; the lookup's state; the call queue), and one row of actions.
 *
 * Raises (detail `{callId}`, see `SoftphoneEvents`): `holdandanswer`, `tovoicemail` and `ignore` (the tone and the
 * card stop; the call rings on until voicemail). While a command is in flight the buttons are disabled;
 * `feedback.error` is shown. A lazy surface (ADR 0018): the app prefetches it after the start.
 */
export default class CallWaiting extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api call: CallView | null = null;
  /** The app's answer to this call's commands. */
  @api feedback: CommandFeedback = IDLE;

  get busy(): boolean {
    return isPending(this.feedback, 'holdandanswer', 'tovoicemail', 'ignore');
  }

  get error(): string | null {
    return (this.feedback ?? IDLE).error;
  }

  get callId(): string {
    return this.call?.call.callId ?? '';
  }

  get callerName(): string {
    return this.call?.displayName ?? labels.Incoming_call;
  }

  get number(): string {
    return this.call ? displayNumber(this.call) : '';
  }

  /** The line under the caller: the match, the lookup's state or "no matching record", then the call queue. */
  get detail(): string {
    const call = this.call;
    if (!call) return '';
    const queue = call.call.queueName ? ` · ${formatLabel(labels.Via_queue, call.call.queueName)}` : '';
    let detail = matchStatusText(call);
    const match = call.matches[0];
    if (detail === null && match) {
      const kind = objectLabel(match);
      detail = [match.name, kind, match.company ?? match.accountName].filter(Boolean).join(' · ');
    }
    return (detail ?? '') + queue;
  }

  /** `softphone-match` once a single record matched (as on the incoming call card). */
  get detailClass(): string {
    const matched = this.call?.matchStatus === 'done' && this.call.matches.length === 1 ? ' softphone-match' : '';
    return `slds-text-body_small slds-text-color_weak slds-truncate softphone-waiting-detail${matched}`;
  }

  handleHoldAndAnswer(): void {
    if (!this.busy) raise(this, 'holdandanswer', { callId: this.callId });
  }

  handleVoicemail(): void {
    if (!this.busy) raise(this, 'tovoicemail', { callId: this.callId });
  }

  handleIgnore(): void {
    if (!this.busy) raise(this, 'ignore', { callId: this.callId });
  }
}
