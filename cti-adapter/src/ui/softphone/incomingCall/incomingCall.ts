import { LightningElement, api } from 'lwc';
import type { CallView } from '../../../core/engine/softphone-state';
import { IDLE, isPending, raise } from '../../softphone-events';
import type { CommandFeedback } from '../../softphone-events';
import { displayNumber, matchStatusText, objectLabel } from '../../view-format';
import { formatLabel, labels } from '../../labels';
import { formatInteger } from '../../locale';
import { doNotCallRecord } from '../../../core/do-not-call/do-not-call-record';

/**
 * Incoming call card: caller name and number, the call queue it came through (if any), the matched record(s) (a chooser when several; the caller-ID
 * name and "no matching record" when none), and answer / decline / to voicemail. A call that rings while the agent is on
 * another call gets the compact call-waiting card instead (`callWaiting/`, a lazy surface).
 *
 * Raises (detail `{callId, …}`, see `SoftphoneEvents`): `answer`, `decline`, `tovoicemail`, `chooserecord`. While a command is in flight (`feedback.pending`) the buttons
 * are disabled, so a double click answers once; `feedback.error` is shown.
 */
export default class IncomingCall extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api call: CallView | null = null;
  /** The app's answer to this call's commands. */
  @api feedback: CommandFeedback = IDLE;

  get busy(): boolean {
    return isPending(this.feedback, 'answer', 'decline', 'tovoicemail');
  }

  /** The call rings on the agent's RingCentral app or desk phone: answered there, not here (ADR 0029). */
  get onOtherDevice(): boolean {
    return this.call?.call.device === 'other';
  }

  get answerHere(): boolean {
    return !this.onOtherDevice;
  }

  get heading(): string {
    return this.onOtherDevice ? labels.Ringing_other_device : labels.Incoming_call;
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

  /** `via Gold Queue` when the call reached the agent through a call queue, else empty. */
  get queueLine(): string {
    const queue = this.call?.call.queueName;
    return queue ? formatLabel(labels.Via_queue, queue) : '';
  }

  get matching(): boolean {
    return this.call?.matchStatus === 'pending';
  }

  /** A transient lookup failure waits for its next attempt. */
  get matchRetrying(): boolean {
    return this.call?.matchStatus === 'retrying';
  }

  get matchFailed(): boolean {
    return this.call?.matchStatus === 'failed';
  }

  /** The lookup's state in words (`matchStatusText`): looking up, again, failed, several, none. */
  get matchStatusText(): string {
    return this.call ? (matchStatusText(this.call) ?? '') : '';
  }

  get matches(): readonly { id: string; name: string; detail: string; checked: boolean; inputId: string }[] {
    const call = this.call;
    if (!call) return [];
    return call.matches.map((m) => ({
      id: m.id,
      name: m.name,
      detail: [objectLabel(m), m.company ?? m.accountName, m.phone].filter(Boolean).join(' · '),
      checked: call.chosenRecordId === m.id,
      inputId: `match-${m.id}`,
    }));
  }

  /**
   * The name of the caller's record marked Do Not Call (the chosen record, else any match; ADR 0031: an incoming call
   * is never blocked, only flagged so the agent does not call back), else `null`. `doNotCall` is sent only while an
   * admin turned a do-not-call mode on.
   */
  get doNotCallName(): string | null {
    const call = this.call;
    return call ? (doNotCallRecord(call.matches, call.chosenRecordId)?.name ?? null) : null;
  }

  get doNotCallHelp(): string {
    return formatLabel(labels.Dnc_caller_flag_help, this.doNotCallName ?? '');
  }

  get hasSingleMatch(): boolean {
    return this.call?.matchStatus === 'done' && this.call.matches.length === 1;
  }

  get singleMatch(): { name: string; detail: string } | null {
    return this.matches[0] ?? null;
  }

  get hasSeveralMatches(): boolean {
    return this.call?.matchStatus === 'done' && this.call.matches.length > 1;
  }

  get hasNoMatch(): boolean {
    return this.call?.matchStatus === 'done' && this.call.matches.length === 0;
  }

  get callerIdName(): string {
    return this.call?.call.remoteName ?? labels.No_caller_ID_name;
  }

  get severalLabel(): string {
    return formatLabel(labels.Several_matches, formatInteger(this.call?.matches.length ?? 0));
  }

  handleAnswer(): void {
    if (!this.busy) raise(this, 'answer', { callId: this.callId });
  }

  handleDecline(): void {
    if (!this.busy) raise(this, 'decline', { callId: this.callId });
  }

  handleVoicemail(): void {
    if (!this.busy) raise(this, 'tovoicemail', { callId: this.callId });
  }

  handleChoose(event: Event): void {
    const recordId = (event.currentTarget as HTMLInputElement).value;
    if (recordId) raise(this, 'chooserecord', { callId: this.callId, recordId });
  }
}
