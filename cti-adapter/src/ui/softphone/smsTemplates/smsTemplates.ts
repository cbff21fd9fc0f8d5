import { LightningElement, api } from 'lwc';
import type { SmsTemplate } from '../../../core/ports/sms-template-port';
import { raiseMessages } from '../../messages-events';
import { formatLabel, labels } from '../../labels';

/**
 * The SMS templates of a thread's compose box (`softphone-sms-templates`, issue 12): a search box and the agent's
 * templates — org-wide and personal, as Salesforce listed them for the conversation's record — each with its filled
 * text and the placeholders that record has no value for. Bodies are shown as text (never markup).
 *
 * Data down: `templates`, `search` (the text the list was asked for), `loading`, `error`. Events up:
 * `searchtemplates` (`{search}`, on every edit), `choosetemplate` (`{templateId}`), `closetemplates` (`{}`, Close or
 * Escape).
 */
export default class SmsTemplates extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api templates: readonly SmsTemplate[] = [];
  @api search = '';
  @api loading = false;
  /** Why the templates could not be listed, else `null`. */
  @api error: string | null = null;
  private focused = false;

  override renderedCallback(): void {
    // The search box takes the focus once, when the list opens (the agent types to narrow it at once).
    if (this.focused) return;
    const input = this.querySelector<HTMLInputElement>('.softphone-sms-template-search');
    if (input) {
      input.focus();
      this.focused = true;
    }
  }

  get items(): readonly { id: string; name: string; scope: string; text: string; missing: string | null }[] {
    return (this.templates ?? []).map((t) => ({
      id: t.id,
      name: t.name,
      scope: t.scope === 'org' ? labels.Org_wide : labels.Personal,
      text: t.filled ?? t.body,
      missing:
        t.missing && t.missing.length > 0
          ? formatLabel(labels.No_value_for, t.missing.map((name) => `{${name}}`).join(', '))
          : null,
    }));
  }

  get empty(): boolean {
    return !this.loading && !this.error && (this.templates ?? []).length === 0;
  }

  get emptyText(): string {
    return this.search.trim()
      ? formatLabel(labels.No_template_contains, this.search.trim())
      : labels.No_SMS_templates_yet;
  }

  handleSearch(event: Event): void {
    raiseMessages(this, 'searchtemplates', { search: (event.currentTarget as HTMLInputElement).value });
  }

  handleRetry(): void {
    raiseMessages(this, 'searchtemplates', { search: this.search });
  }

  handleChoose(event: Event): void {
    const templateId = (event.currentTarget as HTMLElement).dataset.id;
    if (templateId) raiseMessages(this, 'choosetemplate', { templateId });
  }

  handleClose(): void {
    raiseMessages(this, 'closetemplates', {});
  }

  handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.handleClose();
    }
  }
}
