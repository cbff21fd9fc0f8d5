import { LightningElement, api } from 'lwc';
import type { SmsComposition } from '../../../core/messaging/sms-text';
import type { SmsSender } from '../../../core/ports/message-store-port';
import { raiseMessages } from '../../messages-events';
import { formatLabel, labels } from '../../labels';
import { usageTypeLabel } from '../../usage-type';

/** Longest text RingCentral sends (`POST …/sms`, 1000 characters); the counter turns red above it. */
const MAX_LENGTH = 1000;

/**
 * The compose box of a thread: the text, its count (characters of the 1000 RingCentral sends, GSM-7 or Unicode, and
 * the segments the carrier will bill; the characters that force Unicode are named), the number it is sent from (the
 * extension's SMS-capable numbers; a select only when there are several) and Send. Send is disabled, with the reason
 * under it, while the text is empty or too long, consent blocks the number, matching is running, a send is in flight
 * or RingCentral asked to wait (429); a failed send's error shows under the box and the draft stays. Ctrl/⌘+Enter
 * sends.
 *
 * Raises `draftchange` (`{text}`, on every edit), `sendsms` (`{}`), `senderchange` (`{phoneNumber}`) and
 * `opentemplates` (`{}`, the Templates button, offered when `offerTemplates` is set). Placeholders an inserted template
 * could not fill (`missingPlaceholders`) are named under the box while they are still in the text.
 * {@link insertText} puts text at the cursor (a template, from outside the box) and raises `draftchange`.
 */
export default class SmsCompose extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api draft = '';
  @api composition: SmsComposition | null = null;
  @api senders: readonly SmsSender[] = [];
  @api sender: string | null = null;
  @api sending = false;
  /** Why the last send failed (the draft is kept), else `null`. */
  @api sendError: string | null = null;
  /** Why Send is disabled, else `null`. */
  @api blockedReason: string | null = null;
  /** Whether the Templates button is offered. */
  @api offerTemplates = false;
  /** Whether the templates list is open (the button's `aria-expanded`). */
  @api templatesOpen = false;
  /**
   * Placeholders of an inserted template that the conversation's record has no value for (e.g. `['FirstName']`):
   * those still in the draft as typed are named under the box before sending.
   */
  @api missingPlaceholders: readonly string[] = [];
  /** The text this box last raised (a draft that differs came from outside: a send cleared it, a template). */
  private raised: string | null = null;

  override renderedCallback(): void {
    // A textarea's text is its `value` property, not an attribute: written here, never over what the agent is typing
    // (a draft equal to what this box raised), but always for a draft changed from outside (sent, another thread).
    const box = this.box();
    const draft = this.draft ?? '';
    if (!box || box.value === draft) return;
    if (box.ownerDocument.activeElement !== box || draft !== this.raised) box.value = draft;
  }

  /**
   * Inserts `text` at the cursor (replacing the selection; at the end when the box never had the focus), raises
   * `draftchange` with the whole new draft and puts the cursor after the inserted text. The seam for SMS templates.
   */
  @api
  insertText(text: string): void {
    const box = this.box();
    const current = this.draft ?? '';
    const start = box ? box.selectionStart : current.length;
    const end = box ? box.selectionEnd : current.length;
    const next = current.slice(0, start) + text + current.slice(end);
    this.raised = next;
    if (box) {
      box.value = next;
      const caret = start + text.length;
      box.setSelectionRange(caret, caret);
      box.focus();
    }
    raiseMessages(this, 'draftchange', { text: next });
  }

  get counter(): string {
    const c = this.composition;
    const length = c?.length ?? 0;
    if (!c || c.segments === 0) return `${length}/${MAX_LENGTH}`;
    const encoding = c.encoding === 'UCS-2' ? 'Unicode' : 'GSM-7';
    return `${length}/${MAX_LENGTH} · ${formatLabel(c.segments === 1 ? labels.SMS_segment_count : labels.SMS_segments_count, c.segments)} · ${encoding}`;
  }

  get counterClass(): string {
    const tooLong = this.composition?.problem === 'too-long';
    return `slds-text-body_small softphone-sms-counter${tooLong ? ' slds-text-color_error' : ' slds-text-color_weak'}`;
  }

  get unicodeNote(): string | null {
    const chars = this.composition?.unicodeCharacters ?? [];
    return chars.length > 0 ? formatLabel(labels.Unicode_because_of, chars.slice(0, 5).join(' ')) : null;
  }

  get sendDisabled(): boolean {
    return this.sending || this.blockedReason !== null;
  }

  get sendLabel(): string {
    return this.sending ? labels.Sending : labels.Send;
  }

  /** The reason Send is disabled, unless it is only that nothing is typed yet (the disabled button says enough). */
  get hint(): string | null {
    if (this.sending || !this.blockedReason) return null;
    return this.composition?.problem === 'empty' && this.blockedReason === labels.Sms_TYPE_A_MESSAGE
      ? null
      : this.blockedReason;
  }

  /** The unfilled placeholders still in the draft, as a warning, else `null`. */
  get placeholderWarning(): string | null {
    const draft = this.draft ?? '';
    const left = (this.missingPlaceholders ?? []).filter((name) => draft.includes(`{${name}}`));
    if (left.length === 0) return null;
    const names = left.map((name) => `{${name}}`).join(', ');
    return formatLabel(left.length === 1 ? labels.Placeholder_no_value : labels.Placeholders_no_value, names);
  }

  get hasSeveralSenders(): boolean {
    return (this.senders ?? []).length > 1;
  }

  get senderLabel(): string {
    const one = (this.senders ?? [])[0];
    return one ? formatLabel(labels.From_number, one.phoneNumber) : labels.No_number_can_text;
  }

  get senderOptions(): readonly { value: string; label: string; selected: boolean }[] {
    return (this.senders ?? []).map((s) => {
      const usage = s.usageType ? usageTypeLabel(s.usageType) : '';
      return {
        value: s.phoneNumber,
        label: usage ? `${s.phoneNumber} (${usage})` : s.phoneNumber,
        selected: s.phoneNumber === this.sender,
      };
    });
  }

  handleInput(event: Event): void {
    const text = (event.currentTarget as HTMLTextAreaElement).value;
    this.raised = text;
    raiseMessages(this, 'draftchange', { text });
  }

  handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.handleSend();
    }
  }

  handleSend(): void {
    if (!this.sendDisabled) raiseMessages(this, 'sendsms', {});
  }

  handleTemplates(): void {
    raiseMessages(this, 'opentemplates', {});
  }

  handleSender(event: Event): void {
    const phoneNumber = (event.currentTarget as HTMLSelectElement).value;
    if (phoneNumber) raiseMessages(this, 'senderchange', { phoneNumber });
  }

  private box(): HTMLTextAreaElement | null {
    return this.querySelector<HTMLTextAreaElement>('textarea');
  }
}
