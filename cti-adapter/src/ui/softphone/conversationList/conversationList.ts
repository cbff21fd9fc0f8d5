import { LightningElement, api } from 'lwc';
import type { ConversationView } from '../../../core/messaging/messages-state';
import { messageTime, raiseMessages } from '../../messages-events';
import { formatLabel, labels } from '../../labels';

/**
 * The Messages tab's conversation list: one row per conversation, the newest message first — the matched record's
 * name (else the number), the last message (text only), its time and the unread count — and a field to text a new
 * number. Raises `openconversation` (`{conversationId}`), `loadmoreconversations` (`{}`, "Older conversations" at the
 * end while RingCentral has more) and `newconversation` (`{number}`). Message texts are rendered as text (template
 * bindings), never as markup.
 */
export default class ConversationList extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api conversations: readonly ConversationView[] = [];
  @api more = false;
  @api loading = false;
  /** Why the list could not be read, else `null`. */
  @api problem: string | null = null;
  /** Why the number typed could not be opened (from the panel), else `null`. */
  @api numberError: string | null = null;
  number = '';

  get rows(): readonly {
    id: string;
    name: string;
    detail: string;
    preview: string;
    time: string;
    unread: number;
    hasUnread: boolean;
    className: string;
    label: string;
  }[] {
    const now = Date.now();
    return (this.conversations ?? []).map((c) => {
      const name = c.name || c.displayNumber;
      return {
        id: c.id,
        name,
        detail: c.name && c.name !== c.displayNumber ? c.displayNumber : '',
        preview: !c.lastText
          ? labels.No_messages
          : c.lastDirection === 'Outbound'
            ? formatLabel(labels.You_said, c.lastText)
            : c.lastText,
        time: messageTime(c.lastAt, now),
        unread: c.unread,
        hasUnread: c.unread > 0,
        className: `slds-item softphone-conversation${c.unread > 0 ? ' softphone-conversation_unread' : ''}`,
        label:
          c.unread > 0
            ? formatLabel(labels.Open_conversation_unread, name, c.unread)
            : formatLabel(labels.Open_conversation_with, name),
      };
    });
  }

  get empty(): boolean {
    return !this.loading && !this.problem && (this.conversations ?? []).length === 0;
  }

  get startDisabled(): boolean {
    return this.number.trim() === '';
  }

  handleNumber(event: Event): void {
    this.number = (event.currentTarget as HTMLInputElement).value;
  }

  handleNumberKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.handleStart();
  }

  handleStart(): void {
    const number = this.number.trim();
    if (number) raiseMessages(this, 'newconversation', { number });
  }

  handleOpen(event: Event): void {
    const conversationId = (event.currentTarget as HTMLElement).dataset.id;
    if (conversationId) raiseMessages(this, 'openconversation', { conversationId });
  }

  handleMore(): void {
    raiseMessages(this, 'loadmoreconversations', {});
  }
}
