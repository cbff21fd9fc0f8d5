import { LightningElement, api } from 'lwc';
import type { CallView } from '../../../core/engine/softphone-state';
import type { SoftphoneController } from '../../softphone-controller';
import { displayNumber, errorText, objectLabel } from '../../view-format';

/**
 * Incoming call card: caller name and number, the matched record(s) (a chooser when several; the caller-ID
 * name and "no matching record" when none), and answer / decline / to voicemail.
 */
export default class IncomingCall extends LightningElement {
  static override renderMode = 'light' as const;
  @api call: CallView | null = null;
  @api controller: SoftphoneController | null = null;
  error: string | null = null;
  busy = false;

  get callId(): string {
    return this.call?.call.callId ?? '';
  }

  get callerName(): string {
    return this.call?.displayName ?? 'Incoming call';
  }

  get number(): string {
    return this.call ? displayNumber(this.call) : '';
  }

  get matching(): boolean {
    return this.call?.matchStatus === 'pending';
  }

  get matchFailed(): boolean {
    return this.call?.matchStatus === 'failed';
  }

  get matches(): readonly { id: string; name: string; detail: string; checked: boolean; inputId: string }[] {
    const call = this.call;
    if (!call) return [];
    return call.matches.map((m) => ({
      id: m.id,
      name: m.name,
      detail: [objectLabel(m.objectType, m.isPersonAccount), m.company ?? m.accountName, m.phone]
        .filter(Boolean)
        .join(' · '),
      checked: call.chosenRecordId === m.id,
      inputId: `match-${m.id}`,
    }));
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
    return this.call?.call.remoteName ?? 'No caller ID name';
  }

  get severalLabel(): string {
    return `${this.call?.matches.length ?? 0} records match this number. Choose one:`;
  }

  async run(action: (controller: SoftphoneController, callId: string) => Promise<void>): Promise<void> {
    if (!this.controller || !this.call || this.busy) return;
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

  handleAnswer(): void {
    void this.run((c, id) => c.answer(id));
  }

  handleDecline(): void {
    void this.run((c, id) => c.decline(id));
  }

  handleVoicemail(): void {
    void this.run((c, id) => c.toVoicemail(id));
  }

  handleChoose(event: Event): void {
    const recordId = (event.currentTarget as HTMLInputElement).value;
    if (!this.controller || !this.call || !recordId) return;
    this.controller.chooseRecord(this.callId, recordId).catch((error: unknown) => {
      this.error = errorText(error);
    });
  }
}
