import { LightningElement, api } from 'lwc';
import type { MessagesState, ThreadView } from '../../../core/messaging/messages-state';
import type { SmsTemplate } from '../../../core/ports/sms-template-port';
import type { MessagesAccess, MessagesController } from '../../messages-controller';
import type { MessagesEvents } from '../../messages-events';
import type { SoftphoneEvents } from '../../softphone-events';
import type { NoticeView } from '../notices/notices';
import { errorText, objectLabel } from '../../view-format';
import { logErrorText } from '../../log-error-text';
import { noticeText } from '../../notice-text';
import {
  MessagesTextError,
  type MessagesText,
  type MessagesTextCode,
  type MessagesTextParams,
} from '../../../core/messaging/messages-text';
import { formatLabel, labels } from '../../labels';
import { formatDay } from '../../locale-dates';
import type { LabelName } from '../../labels.generated';

const LOG_LABELS: Readonly<Record<string, LabelName>> = {
  pending: 'Logging',
  sending: 'Logging',
  sent: 'Logged',
  failed: 'Not_logged',
};

/**
 * Root of the Messages tab (`softphone-messages-panel`, a lazy surface, ADR 0018/0019): the conversation list, or the
 * open conversation — its header (name from matching, the record choice when several match, the log of the day), its
 * thread and the compose box. It is the only component of the tab that talks to the Messages feature
 * ({@link MessagesController}, loaded through `access` on first use): children get data and raise
 * {@link MessagesEvents}, which this component applies (data down, events up, ADR 0004).
 *
 * SMS templates: the compose box's Templates button opens `softphone-sms-templates` under the thread, listed by the
 * controller for the conversation's record; the one chosen is inserted filled at the cursor, and the placeholders it
 * could not fill are named under the box until the agent replaces them.
 *
 * Seams for features outside the tab: {@link insertText} puts text at the compose box's cursor (SMS templates); a
 * thread is opened from outside through the feature itself (`MessagesLoader.openThread`), and the app brings this tab
 * forward (`MessagesAccess.onShow`).
 */
export default class MessagesPanel extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  /**
   * How this panel reaches the Messages feature. A new one while shown (this tab took the phone over from the tab
   * that held it, ADR 0028) is loaded at once: the panel moves to this tab's own feature.
   */
  @api
  get access(): MessagesAccess | null {
    return this.currentAccess;
  }
  set access(value: MessagesAccess | null) {
    if (value === this.currentAccess) return;
    this.currentAccess = value;
    if (!this.connected) return;
    this.controller?.setViewing(false);
    this.controller = null;
    this.load();
  }
  private currentAccess: MessagesAccess | null = null;
  state: MessagesState | null = null;
  loadError: string | null = null;
  /** Why the number typed in the list could not be opened, else `null`. */
  numberError: string | null = null;
  /** The SMS templates list under the thread (issue 12): open, what it shows, and for which search. */
  templatesOpen = false;
  templates: readonly SmsTemplate[] = [];
  templateSearch = '';
  templatesLoading = false;
  templatesError: string | null = null;
  /** Placeholders the last inserted template could not fill, for the conversation it went into. */
  private templateMissing: { conversationId: string; names: readonly string[] } | null = null;
  /** Answers to older searches than the last one are dropped. */
  private templateQuery = 0;
  private controller: MessagesController | null = null;
  private unsubscribe: (() => void) | null = null;
  private connected = false;

  override connectedCallback(): void {
    this.connected = true;
    this.load();
  }

  override disconnectedCallback(): void {
    this.connected = false;
    this.controller?.setViewing(false);
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /**
   * Inserts `text` at the compose box's cursor of the open conversation (SMS templates). Returns `false` when no
   * conversation is open (nothing is inserted).
   */
  @api
  insertText(text: string): boolean {
    const compose = this.querySelector<HTMLElement & { insertText(text: string): void }>('softphone-sms-compose');
    if (!this.state?.thread || !compose) return false;
    compose.insertText(text);
    return true;
  }

  private load(): void {
    const access = this.access;
    if (!access) {
      this.loadError = labels.Texts_not_available_here;
      return;
    }
    this.loadError = null;
    access.load().then(
      (controller) => {
        if (!this.connected || access !== this.currentAccess) return;
        this.unsubscribe?.();
        this.controller = controller;
        this.state = controller.getState();
        this.unsubscribe = controller.subscribe((state) => {
          this.state = state;
        });
        controller.setViewing(true);
      },
      (error: unknown) => {
        if (this.connected && access === this.currentAccess) this.loadError = errorText(error);
      },
    );
  }

  get loading(): boolean {
    return !this.state && !this.loadError;
  }

  get thread(): ThreadView | null {
    return this.state?.thread ?? null;
  }

  /** The templates list shows only inside a thread. */
  get showTemplates(): boolean {
    return this.templatesOpen && !!this.thread;
  }

  get missingPlaceholders(): readonly string[] {
    const missing = this.templateMissing;
    return missing && missing.conversationId === this.thread?.id ? missing.names : [];
  }

  get starting(): boolean {
    return this.state?.status === 'starting';
  }

  get notices(): readonly NoticeView[] {
    return this.state?.notices ?? [];
  }

  get unresolved(): readonly { key: string; conversationId: string; label: string }[] {
    return (this.state?.unresolved ?? []).map((u) => ({
      key: `${u.conversationId}:${u.day}`,
      conversationId: u.conversationId,
      label: `${u.name} · ${formatDay(u.day)} · ${u.reason === 'no-match' ? labels.Reason_no_match : labels.Reason_multiple_matches}`,
    }));
  }

  /** Why the conversations could not be read, in the agent's language. */
  get problem(): string | null {
    return smsText(this.state?.problem);
  }

  get threadLoadError(): string | null {
    return smsText(this.thread?.loadError);
  }

  get noteError(): string | null {
    return smsText(this.thread?.notePrompt?.error);
  }

  get sendError(): string | null {
    return smsText(this.thread?.sendError);
  }

  get blockedReason(): string | null {
    return smsText(this.thread?.blockedReason);
  }

  get hasUnresolved(): boolean {
    return (this.state?.unresolved ?? []).length > 0;
  }

  /** The number under the name, when the name is a record's or RingCentral's. */
  get threadNumber(): string | null {
    const t = this.thread;
    return t && t.name !== t.displayNumber ? t.displayNumber : null;
  }

  get matchNote(): string | null {
    switch (this.thread?.matchState) {
      case 'pending':
        return labels.Looking_up_this_number;
      case 'none':
        return labels.No_record_has_this_number;
      case 'failed':
        return labels.Number_search_failed;
      default:
        return null;
    }
  }

  get matchFailed(): boolean {
    return this.thread?.matchState === 'failed';
  }

  get chooseRecord(): boolean {
    return (this.thread?.matches.length ?? 0) > 1;
  }

  get recordOptions(): readonly { value: string; label: string; selected: boolean }[] {
    const t = this.thread;
    if (!t) return [];
    const none = { value: '', label: labels.Choose_the_record, selected: !t.recordId };
    return [
      none,
      ...t.matches.map((m) => ({
        value: m.id,
        label: `${m.name} (${objectLabel(m)})`,
        selected: m.id === t.recordId,
      })),
    ];
  }

  /** The Contact's SMS number to text instead (consent), else `null`. */
  get useNumber(): string | null {
    return this.thread?.consent.useNumber ?? null;
  }

  get useNumberLabel(): string {
    return formatLabel(labels.Text_number_instead, this.useNumber ?? '');
  }

  get logStatus(): string | null {
    const log = this.thread?.log;
    if (!log?.status) {
      // Automatic logging off: the agent's saved notes wait for Log with the day's messages.
      const n = log?.notesWaiting ?? 0;
      return n > 0 ? formatLabel(n === 1 ? labels.Note_to_log_count : labels.Notes_to_log_count, n) : null;
    }
    const name = LOG_LABELS[log.status];
    const label = name ? labels[name] : null;
    return log.status === 'failed' && log.error
      ? formatLabel(labels.Status_with_error, label ?? '', logErrorText(log.error))
      : label;
  }

  get logStatusClass(): string {
    const status = this.thread?.log?.status;
    const tone = status === 'failed' ? 'slds-text-color_error' : status === 'sent' ? 'slds-text-color_success' : '';
    return `slds-text-body_small ${tone} softphone-sms-log-status`;
  }

  /** Log is offered when logging is available and the day has messages. */
  get canLog(): boolean {
    const t = this.thread;
    return !!t?.log?.day && t.messages.length > 0;
  }

  get logLabel(): string {
    return this.thread?.log?.status ? labels.Log_again : labels.Log;
  }

  // Events of the children and of this component's own controls.

  handleOpen(event: CustomEvent<MessagesEvents['openconversation']>): void {
    void this.controller?.open(event.detail.conversationId);
  }

  handleOpenUnresolved(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    if (id) void this.controller?.open(id);
  }

  handleMore(): void {
    void this.controller?.loadMoreConversations();
  }

  handleNewConversation(event: CustomEvent<MessagesEvents['newconversation']>): void {
    this.openNumber(event.detail.number);
  }

  handleUseNumber(): void {
    const number = this.useNumber;
    const t = this.thread;
    const record = t?.matches.find((m) => m.id === t.recordId) ?? (t?.matches.length === 1 ? t.matches[0] : undefined);
    if (number) {
      this.openNumber(
        number,
        record ? { recordId: record.id, objectType: record.objectType, name: record.name } : null,
      );
    }
  }

  handleBack(): void {
    this.templatesOpen = false;
    this.controller?.close();
  }

  handleOlder(): void {
    void this.controller?.loadOlder();
  }

  handleDraft(event: CustomEvent<MessagesEvents['draftchange']>): void {
    this.controller?.setDraft(event.detail.text);
  }

  handleSend(): void {
    void this.controller?.send();
  }

  /** "Send anyway" waits for a draft (the warning's reason shows under Send). */
  get sendAnywayDisabled(): boolean {
    return !this.thread || this.thread.sending || this.thread.draft.trim() === '';
  }

  /** The agent confirms a do-not-call warning (ADR 0031): the draft is sent to this conversation. */
  handleSendAnyway(): void {
    void this.controller?.sendAnyway();
  }

  handleSaveNote(event: CustomEvent<MessagesEvents['savenote']>): void {
    this.controller?.saveNote(event.detail.text);
  }

  handleSkipNote(): void {
    this.controller?.skipNote();
  }

  handleSender(event: CustomEvent<MessagesEvents['senderchange']>): void {
    this.controller?.chooseSender(event.detail.phoneNumber);
  }

  handleOpenTemplates(): void {
    if (this.templatesOpen) {
      this.templatesOpen = false;
      return;
    }
    this.templatesOpen = true;
    this.searchTemplates(this.templateSearch);
  }

  handleSearchTemplates(event: CustomEvent<MessagesEvents['searchtemplates']>): void {
    this.searchTemplates(event.detail.search);
  }

  handleChooseTemplate(event: CustomEvent<MessagesEvents['choosetemplate']>): void {
    const template = this.templates.find((t) => t.id === event.detail.templateId);
    const thread = this.thread;
    if (!template || !thread) return;
    this.templatesOpen = false;
    this.templateMissing = { conversationId: thread.id, names: template.missing ?? [] };
    this.insertText(template.filled ?? template.body);
  }

  handleCloseTemplates(): void {
    this.templatesOpen = false;
  }

  handleRecord(event: Event): void {
    const value = (event.currentTarget as HTMLSelectElement).value;
    if (value) this.controller?.chooseRecord(value);
  }

  handleRetryMatch(): void {
    this.controller?.retryMatch();
  }

  handleLog(): void {
    void this.controller?.logThread();
  }

  handleDismiss(event: CustomEvent<SoftphoneEvents['dismiss']>): void {
    this.controller?.dismissNotice(event.detail.id);
  }

  handleRetryLoad(): void {
    this.load();
  }

  /** Lists the templates for `search` (the open conversation's record fills them); a failure is shown in the list. */
  private searchTemplates(search: string): void {
    const controller = this.controller;
    if (!controller) return;
    const query = ++this.templateQuery;
    this.templateSearch = search;
    this.templatesLoading = true;
    this.templatesError = null;
    controller.listTemplates(search).then(
      (list) => {
        if (query !== this.templateQuery) return;
        this.templates = list.templates;
        this.templatesLoading = false;
      },
      (error: unknown) => {
        if (query !== this.templateQuery) return;
        this.templatesLoading = false;
        this.templatesError = thrownText(error);
      },
    );
  }

  private openNumber(number: string, context: Parameters<MessagesController['openNumber']>[1] = null): void {
    const controller = this.controller;
    if (!controller) return;
    this.numberError = null;
    controller.openNumber(number, context).catch((error: unknown) => {
      if (this.connected) this.numberError = thrownText(error);
    });
  }
}

/**
 * A text of the messaging core in the agent's language (`Sms_<CODE>`, ADR 0032), else `null`; a do-not-call
 * restriction inside it by its own `Dnc_<CODE>` label (seventh amendment).
 */
function smsText(text: MessagesText | null | undefined): string | null {
  if (!text) return null;
  if (text.code === 'DO_NOT_CALL_BLOCKED' || text.code === 'DO_NOT_CALL_WARNING') {
    const [restriction] = text.params as MessagesTextParams['DO_NOT_CALL_BLOCKED'];
    return noticeText({ code: text.code, message: text.message, params: [noticeText(restriction, 'Dnc_')] }, 'Sms_');
  }
  return noticeText(
    text as MessagesText<Exclude<MessagesTextCode, 'DO_NOT_CALL_BLOCKED' | 'DO_NOT_CALL_WARNING'>>,
    'Sms_',
  );
}

/** What a failed command says: the messaging core's own text (`MessagesTextError`), else {@link errorText}. */
function thrownText(error: unknown): string {
  return error instanceof MessagesTextError ? (smsText(error.text) ?? '') : errorText(error);
}
