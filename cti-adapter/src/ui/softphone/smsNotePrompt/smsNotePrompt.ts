import { LightningElement, api } from 'lwc';
import { raiseMessages } from '../../messages-events';
import { formatLabel, labels } from '../../labels';
import { formatInteger } from '../../locale';

/**
 * The note prompt of a thread after the agent sent a text (`softphone-sms-note-prompt`, setting `smsNotesPrompt`,
 * ADR 0019): a textarea with Save and Skip. Save puts the note into the conversation's SMS log of the day; Skip (or
 * Escape) closes the prompt without one. It never takes the focus: the agent may keep typing in the compose box.
 * The text is shown as typed (never as markup); an empty note cannot be saved; a note over `maxLength` characters
 * shows its count and the reason, and keeps the text.
 *
 * Data down: `conversationId` (the text is cleared when the thread changes), `error` (why the last Save did not save),
 * `maxLength`. Events up: `savenote` (`{text}`), `skipnote` (`{}`).
 */
export default class SmsNotePrompt extends LightningElement {
  static override renderMode = 'light' as const;
  readonly labels = labels;
  @api error: string | null = null;
  @api maxLength = 1000;
  text = '';
  private conversation: string | null = null;

  @api
  get conversationId(): string | null {
    return this.conversation;
  }
  set conversationId(value: string | null) {
    if (value !== this.conversation && this.text !== '') {
      this.text = '';
      // The box shows what the agent typed (the DOM's value, not a rendered one): clear it too.
      const box = this.querySelector<HTMLTextAreaElement>('.softphone-sms-note');
      if (box) box.value = '';
    }
    this.conversation = value;
  }

  private get length(): number {
    return this.text.trim().length;
  }

  get tooLong(): boolean {
    return this.length > this.maxLength;
  }

  /** The reason Save cannot save: the feature's error, or the note's own length. */
  get problem(): string | null {
    if (this.tooLong) {
      return formatLabel(labels.Note_too_long, formatInteger(this.maxLength), formatInteger(this.length));
    }
    return this.error;
  }

  get saveDisabled(): boolean {
    return this.length === 0 || this.tooLong;
  }

  get count(): string {
    return formatLabel(labels.Count_of_max, formatInteger(this.length), formatInteger(this.maxLength));
  }

  get countClass(): string {
    return `slds-shrink-none softphone-sms-note-count ${this.tooLong ? 'slds-text-color_error' : 'slds-text-color_weak'}`;
  }

  handleInput(event: Event): void {
    this.text = (event.currentTarget as HTMLTextAreaElement).value;
  }

  handleSave(): void {
    if (this.saveDisabled) return;
    raiseMessages(this, 'savenote', { text: this.text });
  }

  handleSkip(): void {
    raiseMessages(this, 'skipnote', {});
  }

  handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.handleSkip();
    }
  }
}
