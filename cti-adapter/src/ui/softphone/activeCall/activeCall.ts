import { LightningElement, api } from 'lwc';
import type { CallView } from '../../../core/engine/softphone-state';
import type { SoftphoneController } from '../../softphone-controller';
import { displayNumber, errorText, formatDuration } from '../../view-format';

/**
 * A live call (dialing, connected or held): timer, mute, hold, keypad (DTMF), blind and warm transfer, recording,
 * hang up, and the notes field (every keystroke goes to the engine's draft store, so a reload keeps the notes).
 */
export default class ActiveCall extends LightningElement {
  static override renderMode = 'light' as const;
  @api call: CallView | null = null;
  @api controller: SoftphoneController | null = null;
  @api now = 0;
  showKeypad = false;
  showTransfer = false;
  transferTarget = '';
  dtmf = '';
  error: string | null = null;
  busy = false;

  get callId(): string {
    return this.call?.call.callId ?? '';
  }

  get callerName(): string {
    return this.call?.displayName ?? '';
  }

  get number(): string {
    return this.call ? displayNumber(this.call) : '';
  }

  get stateLabel(): string {
    switch (this.call?.call.state) {
      case 'dialing':
        return 'Calling…';
      case 'held':
        return 'On hold';
      case 'connected':
        return 'Connected';
      default:
        return '';
    }
  }

  get timer(): string {
    const answeredAt = this.call?.call.answeredAt;
    return answeredAt ? formatDuration((this.now || Date.now()) - answeredAt) : '0:00';
  }

  get connected(): boolean {
    const state = this.call?.call.state;
    return state === 'connected' || state === 'held';
  }

  get notConnected(): boolean {
    return !this.connected || this.busy;
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
    return this.muted ? 'Unmute' : 'Mute';
  }

  get holdLabel(): string {
    return this.held ? 'Resume' : 'Hold';
  }

  get recordLabel(): string {
    return this.recording ? 'Stop recording' : 'Record';
  }

  get keypadLabel(): string {
    return this.showKeypad ? 'Hide keypad' : 'Keypad';
  }

  get warmTransferTarget(): string | null {
    return this.call?.call.transferTarget ?? null;
  }

  get transferDisabled(): boolean {
    return this.busy || this.transferTarget.trim() === '';
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
    return `slds-button ${this.muted ? 'slds-button_brand' : 'slds-button_neutral'} softphone-mute`;
  }

  get holdClass(): string {
    return `slds-button ${this.held ? 'slds-button_brand' : 'slds-button_neutral'} softphone-hold`;
  }

  get recordClass(): string {
    return `slds-button ${this.recording ? 'slds-button_brand' : 'slds-button_neutral'} softphone-record`;
  }

  async run(action: (controller: SoftphoneController, callId: string) => Promise<void>): Promise<void> {
    if (!this.controller || !this.call) return;
    this.busy = true;
    this.error = null;
    try {
      await action(this.controller, this.callId);
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.busy = false;
    }
  }

  handleMute(): void {
    const muted = !this.muted;
    void this.run((c, id) => c.mute(id, muted));
  }

  handleHold(): void {
    const held = !this.held;
    void this.run((c, id) => c.hold(id, held));
  }

  handleRecord(): void {
    const on = !this.recording;
    void this.run((c, id) => c.setRecording(id, on));
  }

  handleHangup(): void {
    void this.run((c, id) => c.hangup(id));
  }

  toggleKeypad(): void {
    this.showKeypad = !this.showKeypad;
  }

  toggleTransfer(): void {
    this.showTransfer = !this.showTransfer;
  }

  handleDigit(event: CustomEvent<{ digit: string }>): void {
    const digit = event.detail.digit;
    this.dtmf += digit;
    void this.run((c, id) => c.sendDtmf(id, digit));
  }

  handleTransferTarget(event: Event): void {
    this.transferTarget = (event.currentTarget as HTMLInputElement).value;
  }

  handleBlindTransfer(): void {
    const target = this.transferTarget.trim();
    void this.run((c, id) => c.transfer(id, target));
  }

  handleWarmTransfer(): void {
    const target = this.transferTarget.trim();
    void this.run((c, id) => c.warmTransfer(id, target));
  }

  handleCompleteTransfer(): void {
    void this.run((c, id) => c.completeWarmTransfer(id));
  }

  handleNotes(event: Event): void {
    const notes = (event.currentTarget as HTMLTextAreaElement).value;
    if (this.controller && this.call) this.controller.updateForm(this.callId, { notes });
  }
}
