import { LightningElement, api } from 'lwc';
import { raise } from '../../softphone-events';
import { formatLabel, labels } from '../../labels';

/**
 * The transfer controls of a live call: the target, blind transfer, warm transfer (web phone calls) and, while a warm
 * transfer's consultation is on, Complete transfer. A lazy surface of the active call (ADR 0018: not needed to ring,
 * answer or pop), shown when the agent opens Transfer.
 *
 * Raises `transfer` (`{callId, target}`, the target trimmed), `warmtransfer` (same) and `completetransfer`
 * (`{callId}`); the active call passes them on. Blind and warm transfer are disabled while `busy` or without a target.
 */
export default class TransferPanel extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api callId = '';
  /** A command of the call is in flight. */
  @api busy = false;
  /** Warm transfer is offered (a web phone call). */
  @api webPhoneOnly = false;
  /** The number being consulted in a warm transfer, else `null`. */
  @api consultingTarget: string | null = null;
  target = '';

  get disabled(): boolean {
    return this.busy || this.target.trim() === '';
  }

  /** `Consulting 101…` while a warm transfer's consultation call is on. */
  get consultingLine(): string {
    return formatLabel(labels.Consulting, this.consultingTarget ?? '');
  }

  handleTarget(event: Event): void {
    this.target = (event.currentTarget as HTMLInputElement).value;
  }

  handleBlindTransfer(): void {
    if (this.disabled) return;
    raise(this, 'transfer', { callId: this.callId, target: this.target.trim() });
  }

  handleWarmTransfer(): void {
    if (this.disabled) return;
    raise(this, 'warmtransfer', { callId: this.callId, target: this.target.trim() });
  }

  handleCompleteTransfer(): void {
    raise(this, 'completetransfer', { callId: this.callId });
  }
}
