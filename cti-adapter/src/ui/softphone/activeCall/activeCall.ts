import { LightningElement, api } from 'lwc';
import type { CallView } from '../../../core/engine/softphone-state';
import { IDLE, raise } from '../../softphone-events';
import type { CommandFeedback, SoftphoneEvents } from '../../softphone-events';
import { callDuration, displayNumber, errorText, formatDuration } from '../../view-format';
import { loadedSurface, loadSurface } from '../../lazy-surfaces';
import type { SurfaceConstructor } from '../../lazy-surfaces';
import { labels } from '../../labels';

/**
 * A live call (dialing, connected or held): timer, mute, hold, keypad (DTMF), blind and warm transfer, recording,
 * hang up, and the notes field (every keystroke raises `formchange`, kept by the engine's draft store, so a reload
 * keeps the notes).
 *
 * Raises (detail `{callId, …}`, see `SoftphoneEvents`): `mute`, `hold`, `recording`, `hangup`, `dtmf`, `transfer`,
 * `warmtransfer`, `completetransfer`, `formchange`. While any of them is in flight (`feedback.pending`) the call
 * controls except Hang up are disabled; `feedback.error` is shown.
 */
export default class ActiveCall extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api call: CallView | null = null;
  /** The app's answer to this call's commands. */
  @api feedback: CommandFeedback = IDLE;
  @api now = 0;
  showKeypad = false;
  /** The keypad component, a lazy surface (ADR 0018): loaded when first shown unless prefetched already. */
  keypad: SurfaceConstructor | null = null;
  keypadError: string | null = null;
  showTransfer = false;
  /** The transfer controls, a lazy surface (ADR 0018): loaded when first shown unless prefetched already. */
  transferPanel: SurfaceConstructor | null = null;
  transferError: string | null = null;
  dtmf = '';

  get busy(): boolean {
    return (this.feedback ?? IDLE).pending.length > 0;
  }

  get error(): string | null {
    return (this.feedback ?? IDLE).error ?? this.keypadError ?? this.transferError;
  }

  get callId(): string {
    return this.call?.call.callId ?? '';
  }

  get callerName(): string {
    return this.call?.displayName ?? '';
  }

  get number(): string {
    return this.call ? displayNumber(this.call) : '';
  }

  /** A RingOut call: the agent's own phone rings first and carries the call (no web phone controls). */
  get ringOut(): boolean {
    return this.call?.call.device === 'ringout';
  }

  /** A call on the agent's RingCentral app or desk phone: keypad, recording and warm transfer are there (ADR 0029). */
  get onOtherDevice(): boolean {
    return this.call?.call.device === 'other';
  }

  /** Keypad, recording and warm transfer: hidden for a call on the other device (disabled on a RingOut call). */
  get webPhoneOnly(): boolean {
    return !this.onOtherDevice;
  }

  get stateLabel(): string {
    switch (this.call?.call.state) {
      case 'dialing':
        // A RingOut (here or on the other device) rings the agent's own phone first, then the callee.
        return this.call.call.device && !this.call.call.remoteRinging ? labels.RingOut_ringing : labels.Calling;
      case 'held':
        return labels.On_hold;
      case 'connected':
        return labels.Connected;
      default:
        return '';
    }
  }

  /** The call's duration so far, by the one definition every view uses ({@link callDuration}: start → now). */
  get timer(): string {
    const call = this.call?.call;
    return call ? formatDuration(callDuration(call, this.now || Date.now())) : '0:00';
  }

  get connected(): boolean {
    const state = this.call?.call.state;
    return state === 'connected' || state === 'held';
  }

  /** Mute, hold, keypad, transfer, record: only on a connected web phone call, and not while a command runs. */
  get controlsDisabled(): boolean {
    return !this.connected || this.busy || this.ringOut;
  }

  get muted(): boolean {
    return this.call?.call.muted ?? false;
  }

  get held(): boolean {
    return this.call?.call.state === 'held';
  }

  get recording(): boolean {
    const r = this.call?.call.recording;
    return r === 'on' || r === 'starting';
  }

  get muteLabel(): string {
    return this.muted ? labels.Unmute : labels.Mute;
  }

  get holdLabel(): string {
    return this.held ? labels.Resume : labels.Hold;
  }

  get recordLabel(): string {
    return this.recording ? labels.Stop_recording : labels.Record;
  }

  get muteIcon(): string {
    return this.muted ? 'unmuted' : 'muted';
  }

  get holdIcon(): string {
    return this.held ? 'play' : 'pause';
  }

  get recordIcon(): string {
    return this.recording ? 'stop' : 'record';
  }

  get warmTransferTarget(): string | null {
    return this.call?.call.transferTarget ?? null;
  }

  override renderedCallback(): void {
    // A textarea's text is its `value` property, not an attribute: the template cannot bind it, so the stored notes
    // (restored after a reload) are written here, never while the agent is typing in it.
    const area = this.querySelector<HTMLTextAreaElement>('textarea.softphone-notes');
    if (area && area.value !== this.notes && area.ownerDocument.activeElement !== area) area.value = this.notes;
  }

  get notes(): string {
    return this.call?.form.notes ?? '';
  }

  get muteClass(): string {
    return `slds-button ${this.muted ? 'slds-button_brand' : 'slds-button_neutral'} softphone-control softphone-mute`;
  }

  get holdClass(): string {
    return `slds-button ${this.held ? 'slds-button_brand' : 'slds-button_neutral'} softphone-control softphone-hold`;
  }

  get recordClass(): string {
    return `slds-button ${this.recording ? 'slds-button_brand' : 'slds-button_neutral'} softphone-control softphone-record`;
  }

  handleMute(): void {
    raise(this, 'mute', { callId: this.callId, muted: !this.muted });
  }

  handleHold(): void {
    raise(this, 'hold', { callId: this.callId, held: !this.held });
  }

  handleRecord(): void {
    raise(this, 'recording', { callId: this.callId, on: !this.recording });
  }

  handleHangup(): void {
    raise(this, 'hangup', { callId: this.callId });
  }

  toggleKeypad(): void {
    this.showKeypad = !this.showKeypad;
    this.keypad ??= loadedSurface('keypad');
    if (!this.showKeypad || this.keypad) return;
    this.keypadError = null;
    loadSurface('keypad').then(
      (keypad) => {
        this.keypad = keypad;
      },
      (error: unknown) => {
        this.keypadError = errorText(error);
      },
    );
  }

  get keypadLoading(): boolean {
    return !this.keypad && this.keypadError === null;
  }

  toggleTransfer(): void {
    this.showTransfer = !this.showTransfer;
    this.transferPanel ??= loadedSurface('transferPanel');
    if (!this.showTransfer || this.transferPanel) return;
    this.transferError = null;
    loadSurface('transferPanel').then(
      (panel) => {
        this.transferPanel = panel;
      },
      (error: unknown) => {
        this.transferError = errorText(error);
      },
    );
  }

  get transferLoading(): boolean {
    return !this.transferPanel && this.transferError === null;
  }

  handleDigit(event: CustomEvent<{ digit: string }>): void {
    const digit = event.detail.digit;
    this.dtmf += digit;
    raise(this, 'dtmf', { callId: this.callId, digits: digit });
  }

  handleTransfer(event: CustomEvent<SoftphoneEvents['transfer']>): void {
    raise(this, 'transfer', event.detail);
  }

  handleWarmTransfer(event: CustomEvent<SoftphoneEvents['warmtransfer']>): void {
    raise(this, 'warmtransfer', event.detail);
  }

  handleCompleteTransfer(event: CustomEvent<SoftphoneEvents['completetransfer']>): void {
    raise(this, 'completetransfer', event.detail);
  }

  handleNotes(event: Event): void {
    const notes = (event.currentTarget as HTMLTextAreaElement).value;
    raise(this, 'formchange', { callId: this.callId, patch: { notes } });
  }
}
