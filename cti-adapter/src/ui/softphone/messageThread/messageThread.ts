import { LightningElement, api } from 'lwc';
import type { ThreadMessage } from '../../../core/messaging/messages-state';
import { messageTime, raiseMessages } from '../../messages-events';
import { followRows, moveWindow, newestWindow, type ThreadWindow } from '../../thread-window';
import { labels } from '../../labels';
import type { LabelName } from '../../labels.generated';

/** Distance from an edge (px) at which the thread renders or loads more. */
const EDGE_PX = 48;

const STATUS_LABELS: Readonly<Record<ThreadMessage['status'], LabelName | null>> = {
  Queued: 'Queued',
  Sent: 'Sent',
  Delivered: 'Delivered',
  DeliveryFailed: 'Not_delivered',
  SendingFailed: 'Not_sent',
  Received: null,
};

interface Anchor {
  readonly id: string;
  readonly top: number;
}

/**
 * The messages of the open conversation, oldest first, rendered as a window ({@link ThreadWindow}): at most 120
 * bubbles whatever the thread holds, the newest 40 when it opens. Scrolling to the top renders older loaded messages
 * and, once the oldest loaded one is on screen, raises `loadolder` (`{}`) while RingCentral has older ones ("Older
 * messages" does the same from the keyboard); the scroll position stays on the message the agent was reading. At the
 * bottom the thread follows new messages. Outbound messages show their delivery status (Queued, Sent, Delivered, Not
 * delivered with RingCentral's error code). Texts are rendered as text (template bindings), never as markup.
 */
export default class MessageThread extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  /** Changing it starts a new window at the newest messages. */
  @api conversationId: string | null = null;
  @api moreOlder = false;
  @api loadingOlder = false;
  @api loadError: string | null = null;

  window: ThreadWindow = { start: 0, end: 0 };
  private rows: readonly ThreadMessage[] = [];
  private shownConversation: string | null = null;
  private anchor: Anchor | null = null;
  private stickToBottom = true;

  @api
  get messages(): readonly ThreadMessage[] {
    return this.rows;
  }
  set messages(next: readonly ThreadMessage[]) {
    const list = next ?? [];
    const previous = this.rows;
    if (this.shownConversation !== this.conversationId || previous.length === 0) {
      this.window = newestWindow(list.length);
      this.stickToBottom = true;
    } else if (list !== previous) {
      const firstId = previous[0]?.id;
      const prepended = firstId
        ? Math.max(
            0,
            list.findIndex((m) => m.id === firstId),
          )
        : 0;
      this.window = followRows(this.window, previous.length, list.length, prepended);
    }
    this.shownConversation = this.conversationId;
    this.rows = list;
  }

  get bubbles(): readonly {
    id: string;
    text: string;
    itemClass: string;
    textClass: string;
    meta: string;
    failed: boolean;
    failure: string;
  }[] {
    const now = Date.now();
    return this.rows.slice(this.window.start, this.window.end).map((m) => {
      const outbound = m.direction === 'Outbound';
      const name = outbound ? STATUS_LABELS[m.status] : null;
      const status = name ? labels[name] : '';
      const failed = m.status === 'DeliveryFailed' || m.status === 'SendingFailed';
      const reason = failed && m.errorCode ? ` (${m.errorCode})` : '';
      const time = messageTime(m.createdAt, now);
      const side = outbound ? 'outbound' : 'inbound';
      return {
        id: m.id,
        text: m.text,
        itemClass: `slds-chat-listitem slds-chat-listitem_${side} softphone-bubble`,
        textClass: `slds-chat-message__text slds-chat-message__text_${side}${failed ? ' slds-chat-message__text_delivery-failure' : ''} softphone-bubble-text`,
        meta: status && !failed ? `${time} · ${status}` : time,
        failed,
        failure: `${status}${reason}`,
      };
    });
  }

  /** Older messages exist before the rendered ones (loaded or in RingCentral). */
  get showOlder(): boolean {
    return this.window.start > 0 || this.moreOlder;
  }

  get empty(): boolean {
    return this.rows.length === 0 && !this.loadingOlder && !this.loadError;
  }

  /** The rendered window, for tests and the bench (`start`–`end` of the loaded messages). */
  get windowLabel(): string {
    return `${this.window.start}-${this.window.end}`;
  }

  override renderedCallback(): void {
    const list = this.list();
    if (!list) return;
    if (this.anchor) {
      const element = list.querySelector<HTMLElement>(`[data-id="${cssEscape(this.anchor.id)}"]`);
      if (element) list.scrollTop += element.offsetTop - this.anchor.top;
      this.anchor = null;
    } else if (this.stickToBottom) {
      list.scrollTop = list.scrollHeight;
    }
  }

  handleScroll(): void {
    const list = this.list();
    if (!list) return;
    this.stickToBottom = list.scrollHeight - list.scrollTop - list.clientHeight < EDGE_PX;
    if (list.scrollTop < EDGE_PX) this.older();
    else if (this.stickToBottom && this.window.end < this.rows.length) this.newer();
  }

  handleOlder(): void {
    this.older();
  }

  /** Renders older loaded messages, else asks for an older page. */
  private older(): void {
    if (this.window.start > 0) {
      this.keepAnchor();
      this.window = moveWindow(this.window, this.rows.length, 'older');
    } else if (this.moreOlder && !this.loadingOlder) {
      this.keepAnchor();
      raiseMessages(this, 'loadolder', {});
    }
  }

  private newer(): void {
    this.keepAnchor();
    this.window = moveWindow(this.window, this.rows.length, 'newer');
  }

  /** Remembers the first rendered message and where it is, to scroll back to it after the next render. */
  private keepAnchor(): void {
    const list = this.list();
    const first = this.rows[this.window.start];
    const element = first ? list?.querySelector<HTMLElement>(`[data-id="${cssEscape(first.id)}"]`) : null;
    this.stickToBottom = false;
    this.anchor = first && element ? { id: first.id, top: element.offsetTop } : null;
  }

  private list(): HTMLElement | null {
    return this.querySelector<HTMLElement>('.softphone-thread-messages');
  }
}

/** A message id inside an attribute selector (ids are RingCentral's digits, but never trusted). */
function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
