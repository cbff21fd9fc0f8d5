import { LightningElement, api } from 'lwc';
import type { DialPrompt as Prompt } from '../../../core/ports/dial-guard-port';
import { labels } from '../../labels';
import { noticeText } from '../../notice-text';
import { raise } from '../../softphone-events';

/**
 * The do-not-call prompt (ADR 0031), a lazy surface shown above the tabs while the engine holds one: the number's
 * restriction (the record with Do Not Call, or the do-not-contact list's reason). `warn`: "Call anyway" or "Cancel";
 * `block`: the call was not placed, "OK". Raises `dialprompt` (`{id, proceed}`).
 */
export default class DialPrompt extends LightningElement {
  static override renderMode = 'light' as const;
  @api prompt: Prompt | null = null;
  readonly labels = labels;

  get isWarn(): boolean {
    return this.prompt?.action === 'warn';
  }

  get heading(): string {
    return this.isWarn ? labels.Do_not_call : labels.Call_not_placed_do_not_call;
  }

  /** Who is restricted and why, in the agent's language (`Dnc_<CODE>`, ADR 0032 seventh amendment). */
  get reason(): string {
    return this.prompt ? noticeText(this.prompt.reason, 'Dnc_') : '';
  }

  get detail(): string {
    return this.isWarn ? labels.Dnc_confirm_calls : labels.Dnc_blocks_calls;
  }

  get boxClass(): string {
    return `slds-box softphone-dial-prompt softphone-dial-prompt_${this.prompt?.action ?? 'block'}`;
  }

  handleProceed(): void {
    this.answer(true);
  }

  handleCancel(): void {
    this.answer(false);
  }

  private answer(proceed: boolean): void {
    if (this.prompt) raise(this, 'dialprompt', { id: this.prompt.id, proceed });
  }
}
