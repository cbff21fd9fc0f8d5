import { LightningElement, api } from 'lwc';
import { raise } from '../../softphone-events';
import { labels } from '../../labels';
import { noticeText, type NoticeSource } from '../../notice-text';

/** One notice as the engine and the Messages feature keep them (`EngineNotice`, `MessagesNotice`). */
export interface NoticeView extends NoticeSource {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
}

/**
 * The softphone's notices — the app's (calls, logs, settings) and the Messages tab's — as SLDS alerts (`slds-notify
 * slds-notify_alert`, error or warning theme by level), each with a Dismiss button. The text is the notice's label in
 * the agent's language by its code ({@link noticeText}), else its English message; it is text (LWC escapes it).
 * Raises `dismiss` (`{id}`); the parent has that notice forgotten.
 */
export default class Notices extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api notices: readonly NoticeView[] = [];

  get items(): readonly { id: number; message: string; className: string }[] {
    return (this.notices ?? []).map((n) => ({
      id: n.id,
      message: noticeText(n),
      className: `slds-notify slds-notify_alert${n.level === 'error' ? ' slds-alert_error' : n.level === 'warning' ? ' slds-alert_warning' : ''} softphone-notice`,
    }));
  }

  handleDismiss(event: Event): void {
    const id = Number((event.currentTarget as HTMLElement).dataset.id);
    if (Number.isFinite(id)) raise(this, 'dismiss', { id });
  }
}
