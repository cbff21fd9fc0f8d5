import { LightningElement, api } from 'lwc';
import type { CallView } from '../../../core/engine/softphone-state';
import { isWhoMatch } from '../../../core/crm/crm-record';
import type { SearchRecord } from '../../../core/crm/crm-record';
import { callerIdSearchTerm } from '../../../core/matching/caller-id-name';
import type { CallLogForm as CallLogFormFields, FollowUpForm } from '../../../core/call-log/call-log-form';
import { DEFAULT_SETTINGS, type Settings } from '../../../core/settings/settings';
import { defaultFollowUpSubject, defaultSubject } from '../../../core/call-log/build-call-log';
import { awaitsSalesEngagementStep, dispositionApplies } from '../../../core/sales-engagement/sales-engagement';
import { IDLE, isPending, raise } from '../../softphone-events';
import type { CommandFeedback, RecordSearch } from '../../softphone-events';
import { callDuration, callOutcome, displayNumber, formatDuration, objectLabel } from '../../view-format';
import { formatLabel, labels } from '../../labels';
import { logErrorText } from '../../log-error-text';
import { addDays, formatDay, isoDay } from '../../locale-dates';
import type { TypeaheadEvents, TypeaheadOption } from '../typeahead/typeahead';

/** The `detail` of a typeahead's event `K` (the form listens on its two `softphone-typeahead`s). */
type TypeaheadEvent<K extends keyof TypeaheadEvents> = CustomEvent<TypeaheadEvents[K]>;

const RELATED_TO_OBJECTS: readonly string[] = ['Account', 'Opportunity', 'Case'];
/** The caller-ID name search looks for a Who: the objects a Task's WhoId takes. */
const WHO_OBJECTS: readonly string[] = ['Contact', 'Lead'];
/** The assignee search of a follow-up Task: the users it may be assigned to (the server's `searchUsers`). */
const USER_OBJECTS: readonly string[] = ['User'];

/** A record the caller-ID name search found, as the form lists it. */
interface FoundView {
  readonly id: string;
  readonly name: string;
  readonly objectType: string;
  readonly detail: string;
}

/** One admin log field as the form shows it. */
interface LogFieldView {
  readonly apiName: string;
  readonly label: string;
  readonly required: boolean;
  readonly inputId: string;
  readonly isTextArea: boolean;
  readonly isPicklist: boolean;
  /** `date` for Date fields, else `text`. */
  readonly inputType: string;
  readonly value: string;
  readonly options: readonly { value: string; label: string; selected: boolean }[];
}

/**
 * The call log form shown after a call (or for a past call from the history tab): subject, notes, disposition,
 * the admin's log customization fields (Text, Text Area, Picklist, Date; required ones marked), Who (chosen among the matches, or a placeholder Contact/Lead named by the agent when nothing matched),
 * Related To (a `softphone-typeahead` over Accounts, Opportunities and Cases), the auto-log countdown with cancel, and Save.
 * Save cannot double-submit: the button is disabled from the click until the engine answers, and the engine's
 * upsert is keyed by the telephony session id anyway.
 *
 * When nothing matched the number of an inbound call and the network gave a caller-ID name, the form shows that name and
 * offers "Search Salesforce for '<name>'" (Contacts and Leads by name, ADR 0033) before the placeholder: a record
 * picked among the results becomes the log's Who and is popped.
 *
 * "Add follow-up task" (ADR 0033) opens the follow-up Task of the log, saved with it: assigned to (a typeahead over the
 * active users, the agent first and by default: the same `softphone-typeahead`), due date (tomorrow in the agent's time zone by default), subject
 * (blank = the server's default, shown as the placeholder); "Remove follow-up task" drops it.
 *
 * With neither Who nor What it says so and offers "Log without a record" (the only way to save a log on no record);
 * while the caller's lookup is retried it says so, and after it failed it offers "Look up again" instead of a
 * placeholder (which could duplicate the caller's record).
 *
 * Raises (detail `{callId, …}`, see `SoftphoneEvents`): `formchange`, `chooserecord`, `createplaceholder`,
 * `recordsearch` (every change of the search field, `''` after a pick), `cancelautolog`, `save`, `discard`,
 * `lookupagain`.
 * Gets back `feedback` (Save and Create in flight, the last command's error) and `recordSearch` (the results).
 */
export default class CallLogForm extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api call: CallView | null = null;
  @api settings: Settings | null = null;
  @api now = 0;
  /** The app's answer to this form's commands. */
  @api feedback: CommandFeedback = IDLE;
  /** Related To search results for this call, `null` before the first search. */
  @api recordSearch: RecordSearch | null = null;
  /** The signed-in Salesforce user (`getSoftphoneSettings`): a follow-up Task is assigned to them by default. */
  @api user: { readonly id: string; readonly name: string } | null = null;
  placeholderName = '';
  relatedTerm = '';
  /** What the agent typed in the follow-up's "Assigned to" search. */
  ownerTerm = '';
  /**
   * What the form's one record search (`recordSearch`) is for: the Related To field, the caller-ID name or the
   * follow-up's assignee.
   */
  searchFor: 'related' | 'caller' | 'owner' | null = null;

  get saving(): boolean {
    return isPending(this.feedback, 'save');
  }

  get creatingPlaceholder(): boolean {
    return isPending(this.feedback, 'createplaceholder');
  }

  get callId(): string {
    return this.call?.call.callId ?? '';
  }

  get heading(): string {
    const call = this.call;
    if (!call) return labels.Log_call;
    const direction = call.call.direction === 'inbound' ? labels.Inbound_call : labels.Outbound_call;
    return `${direction} · ${call.displayName}`;
  }

  get summary(): string {
    const call = this.call;
    if (!call) return '';
    const c = call.call;
    return `${displayNumber(call)} · ${callOutcome(c)} · ${formatDuration(callDuration(c, c.endedAt ?? c.startedAt))}`;
  }

  get subject(): string {
    return this.call?.form.subject ?? '';
  }

  /**
   * The subject saved when the agent leaves Subject empty, as the placeholder: the core's own (the contract's Task
   * mapping), so the field shows exactly what the Task gets. It stays in English whatever the agent's language: it is
   * record data that reports, list views and other users read, not the softphone's text (ADR 0032).
   */
  get defaultSubject(): string {
    const call = this.call;
    return call ? defaultSubject(call.call, call.form, this.settings?.defaultRegion) : '';
  }

  override renderedCallback(): void {
    // A textarea's text is its `value` property, not an attribute: the template cannot bind it, so the stored notes
    // and text-area log fields (restored after a reload) are written here, never while the agent is typing in them.
    const write = (area: HTMLTextAreaElement, value: string): void => {
      if (area.value !== value && area.ownerDocument.activeElement !== area) area.value = value;
    };
    const notes = this.querySelector<HTMLTextAreaElement>('textarea.softphone-notes');
    if (notes) write(notes, this.notes);
    const fields = this.call?.form.fields ?? {};
    for (const area of this.querySelectorAll<HTMLTextAreaElement>('textarea.softphone-log-field-input')) {
      write(area, fields[area.dataset.apiName ?? ''] ?? '');
    }
  }

  /** The admin's log customization fields (`Settings.logFields`, in order) with the values of this call's form. */
  get logFields(): readonly LogFieldView[] {
    const values = this.call?.form.fields ?? {};
    return (this.settings?.logFields ?? []).map((definition) => {
      const value = values[definition.apiName] ?? '';
      return {
        apiName: definition.apiName,
        label: definition.label,
        required: definition.required,
        inputId: `softphone-log-field-${definition.apiName}`,
        isTextArea: definition.type === 'textarea',
        isPicklist: definition.type === 'picklist',
        inputType: definition.type === 'date' ? 'date' : 'text',
        value,
        options: [
          { value: '', label: labels.None_picklist, selected: value === '' },
          ...(definition.picklistValues ?? []).map((v) => ({ value: v, label: v, selected: v === value })),
        ],
      };
    });
  }

  get notes(): string {
    return this.call?.form.notes ?? '';
  }

  /** In Sales Engagement mode the disposition belongs to calls started from the work queue only (ADR 0030). */
  get showDisposition(): boolean {
    return dispositionApplies({ hvsMode: this.settings?.hvsMode ?? false }, this.call?.salesEngagement);
  }

  /** The call is a cadence step of Sales Engagement (started from the work queue). */
  get salesEngagement(): boolean {
    return !!this.call?.salesEngagement;
  }

  get dispositionLabel(): string {
    return this.salesEngagement ? labels.Sales_Engagement_disposition : labels.Disposition;
  }

  /** The cadence step was completed with this disposition: it cannot change any more (seed 004, Important Notes). */
  get dispositionReadOnly(): boolean {
    return !!this.call?.salesEngagement?.completed;
  }

  /** Saved automatically without a disposition: the cadence step waits for one (the seed's required hint). */
  get stepOpenHint(): boolean {
    return !!this.call?.taskId && awaitsSalesEngagementStep(this.call) && !this.missingDisposition;
  }

  get dispositionRequired(): boolean {
    return this.showDisposition && (this.settings?.dispositionsMandatory ?? false);
  }

  get dispositionOptions(): readonly { value: string; label: string; selected: boolean }[] {
    const chosen = this.call?.form.disposition ?? '';
    const values = this.settings?.dispositions ?? [];
    return [
      { value: '', label: labels.None_picklist, selected: chosen === '' },
      ...values.map((v) => ({ value: v, label: v, selected: v === chosen })),
    ];
  }

  get whoOptions(): readonly { id: string; name: string; detail: string; checked: boolean; inputId: string }[] {
    const call = this.call;
    if (!call) return [];
    const whoId = call.form.whoId;
    const options = call.matches.filter(isWhoMatch).map((m) => {
      const id = m.isPersonAccount && m.personContactId ? m.personContactId : m.id;
      return {
        id: m.id,
        name: m.name,
        detail: [objectLabel(m), m.company ?? m.accountName].filter(Boolean).join(' · '),
        checked: whoId === id || call.chosenRecordId === m.id,
        inputId: `who-${m.id}`,
      };
    });
    return options;
  }

  get hasWhoOptions(): boolean {
    return this.whoOptions.length > 0;
  }

  get whoName(): string | null {
    return this.call?.form.whoName ?? null;
  }

  get needsPlaceholder(): boolean {
    const call = this.call;
    // After a failed lookup nobody is known to be missing: a placeholder could duplicate the caller's record.
    return !!call && call.matchStatus === 'done' && call.matches.length === 0 && !call.form.whoId;
  }

  /** The lookup is waiting for its next attempt after a transient failure. */
  get lookupRetrying(): boolean {
    return this.call?.matchStatus === 'retrying' || this.call?.matchStatus === 'pending';
  }

  /** The lookup gave up: the agent can look the number up again. */
  get lookupFailed(): boolean {
    return this.call?.matchStatus === 'failed';
  }

  /** No Who and no What: the log needs a record or the agent's explicit "Log without a record". */
  get noRecord(): boolean {
    const form = this.call?.form;
    return !!form && !form.whoId && !form.whatId;
  }

  get withoutRecord(): boolean {
    return this.call?.form.withoutRecord ?? false;
  }

  handleWithoutRecord(event: Event): void {
    this.change({ withoutRecord: (event.currentTarget as HTMLInputElement).checked });
  }

  handleLookUpAgain(): void {
    raise(this, 'lookupagain', { callId: this.callId });
  }

  /** The caller-ID name to search Salesforce for, while nothing matched the number of this inbound call. */
  get callerIdName(): string | null {
    const call = this.call;
    if (!call || call.call.direction !== 'inbound' || !this.needsPlaceholder) return null;
    return callerIdSearchTerm(call.call.remoteName);
  }

  get callerSearchLabel(): string {
    return formatLabel(labels.Search_Salesforce_for, this.callerIdName ?? '');
  }

  /** The search by the caller-ID name this form asked for, once its answer (or its progress) is here. */
  private get callerSearch(): { readonly searching: boolean; readonly records: readonly SearchRecord[] } | null {
    const search = this.recordSearch;
    if (this.searchFor !== 'caller' || !search || search.term !== this.callerIdName) return null;
    return search;
  }

  get callerSearching(): boolean {
    return this.callerSearch?.searching ?? false;
  }

  get callerFound(): readonly FoundView[] {
    const search = this.callerSearch;
    if (!search || search.searching) return [];
    return search.records
      .filter((r) => WHO_OBJECTS.includes(r.objectType))
      .map((r) => ({
        id: r.id,
        name: r.name,
        objectType: r.objectType,
        detail: [objectLabel(r), r.detail].filter(Boolean).join(' · '),
      }));
  }

  get hasCallerFound(): boolean {
    return this.callerFound.length > 0;
  }

  /** The search ran and found nobody by that name: the placeholder below is the way on. */
  get callerNotFound(): boolean {
    const search = this.callerSearch;
    return !!search && !search.searching && this.callerFound.length === 0 && !this.recordSearch?.error;
  }

  get callerNotFoundText(): string {
    return formatLabel(labels.No_Contact_or_Lead_named, this.callerIdName ?? '');
  }

  handleCallerSearch(): void {
    const term = this.callerIdName;
    if (!term) return;
    this.searchFor = 'caller';
    raise(this, 'recordsearch', { callId: this.callId, term, objectTypes: WHO_OBJECTS });
  }

  /** A found record becomes the log's Who (a Lead clears What) and is popped in the console. */
  handleCallerPick(event: Event): void {
    const { id, name, objectType } = (event.currentTarget as HTMLElement).dataset;
    if (!id || !objectType) return;
    this.change({ whoId: id, whoName: name ?? null, whoObjectType: objectType });
    raise(this, 'chooserecord', { callId: this.callId, recordId: id });
  }

  get placeholderObject(): string {
    return (this.settings ?? DEFAULT_SETTINGS).placeholderObject;
  }

  get placeholderLabel(): string {
    return formatLabel(labels.New_record_name, this.placeholderObject);
  }

  get placeholderButtonLabel(): string {
    return formatLabel(labels.Create_record, this.placeholderObject);
  }

  get placeholderDisabled(): boolean {
    return this.creatingPlaceholder || this.placeholderName.trim() === '';
  }

  get whatName(): string | null {
    const form = this.call?.form;
    if (!form?.whatId) return null;
    // Names, never ids: a record whose name is not known yet reads as its object ("Account"), not as its id.
    const type = form.whatObjectType ? this.objectLabelOf(form.whatObjectType) : null;
    if (!form.whatName) return type ?? labels.A_record;
    return `${form.whatName}${type ? ` (${type})` : ''}`;
  }

  /**
   * An object's label in the agent's language, as the server sent it with a record of that object the form knows (a
   * match, a related record, a search result); else the API name ({@link objectLabel}).
   */
  private objectLabelOf(objectType: string): string {
    const known = [
      ...(this.call?.matches ?? []).flatMap((m) => [...(m.isPersonAccount ? [] : [m]), ...m.related]),
      ...(this.recordSearch?.records ?? []),
    ].find((r) => r.objectType === objectType && r.objectLabel);
    return objectLabel({ objectType, objectLabel: known?.objectLabel });
  }

  /** The Related To typeahead's options: the records related to the matches, then the search's results. */
  get relatedSuggestions(): readonly TypeaheadOption[] {
    const call = this.call;
    const fromMatches = new Map<string, TypeaheadOption>();
    const option = (id: string, name: string, objectType: string, detail: string): TypeaheadOption => ({
      id,
      name,
      label: name,
      objectType,
      detail,
    });
    for (const m of call?.matches ?? []) {
      for (const r of m.related) fromMatches.set(r.id, option(r.id, r.name, r.objectType, objectLabel(r)));
    }
    for (const r of this.searchFor === 'related' ? (this.recordSearch?.records ?? []) : []) {
      const detail = [objectLabel(r), r.detail].filter(Boolean).join(' · ');
      fromMatches.set(r.id, option(r.id, r.name, r.objectType, detail));
    }
    return [...fromMatches.values()];
  }

  get isLeadWho(): boolean {
    return this.call?.form.whoObjectType === 'Lead';
  }

  get autoLogSeconds(): number | null {
    const at = this.call?.autoLogAt;
    if (!at) return null;
    return Math.max(0, Math.ceil((at - (this.now || Date.now())) / 1000));
  }

  get autoLogText(): string {
    return formatLabel(labels.Saving_automatically_in, this.autoLogSeconds ?? 0);
  }

  /** Saved and nothing left for the agent: never shown next to "Choose a disposition to save.". */
  get saved(): boolean {
    return (!!this.call?.taskId || this.call?.logStatus === 'sent') && !this.missingDisposition;
  }

  /**
   * Save waits for a mandatory disposition — except on a Sales Engagement call, where Save answers "Mandatory fields
   * are required" as the product does (seed `004_7d3109e70c064dca.txt`).
   */
  get saveDisabled(): boolean {
    const blocked = this.missingDisposition && !this.salesEngagement;
    return this.saving || this.call?.logStatus === 'sending' || blocked;
  }

  get missingDisposition(): boolean {
    return this.dispositionRequired && !this.call?.form.disposition;
  }

  get saveLabel(): string {
    return this.saving || this.call?.logStatus === 'sending' ? labels.Saving : labels.Save;
  }

  get logError(): string | null {
    const outbox = this.call?.logError;
    return (this.feedback ?? IDLE).error ?? this.recordSearch?.error ?? (outbox ? logErrorText(outbox) : null);
  }

  handleSubject(event: Event): void {
    const value = (event.currentTarget as HTMLInputElement).value;
    this.change({ subject: value === '' ? null : value });
  }

  handleNotes(event: Event): void {
    this.change({ notes: (event.currentTarget as HTMLTextAreaElement).value });
  }

  handleDisposition(event: Event): void {
    const value = (event.currentTarget as HTMLSelectElement).value;
    this.change({ disposition: value === '' ? null : value });
  }

  handleLogField(event: Event): void {
    const input = event.currentTarget as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const apiName = input.dataset.apiName;
    if (!apiName) return;
    const fields = { ...(this.call?.form.fields ?? {}), [apiName]: input.value === '' ? null : input.value };
    this.change({ fields });
  }

  handleWho(event: Event): void {
    const recordId = (event.currentTarget as HTMLInputElement).value;
    if (recordId) raise(this, 'chooserecord', { callId: this.callId, recordId });
  }

  handlePlaceholderName(event: Event): void {
    this.placeholderName = (event.currentTarget as HTMLInputElement).value;
  }

  handleCreatePlaceholder(): void {
    if (this.placeholderDisabled) return;
    raise(this, 'createplaceholder', { callId: this.callId, name: this.placeholderName.trim() });
  }

  handleRelatedSearch(event: TypeaheadEvent<'termchange'>): void {
    this.search(event.detail.term);
  }

  handleRelatedPick(event: TypeaheadEvent<'optionpick'>): void {
    const { id, name, objectType } = event.detail;
    this.change({ whatId: id, whatName: name || null, whatObjectType: objectType });
    this.search('');
  }

  handleRelatedClear(): void {
    this.change({ whatId: null, whatName: null, whatObjectType: null });
  }

  handleCancelAutoLog(): void {
    raise(this, 'cancelautolog', { callId: this.callId });
  }

  handleSave(event: Event): void {
    event.preventDefault();
    if (this.saveDisabled) return;
    raise(this, 'save', { callId: this.callId });
  }

  handleDiscard(): void {
    raise(this, 'discard', { callId: this.callId });
  }

  // ------------------------------------------------------------------ follow-up Task (ADR 0033)

  get followUp(): FollowUpForm | null {
    return this.call?.form.followUp ?? null;
  }

  /** The follow-up's assignee, "(you)" when it is the agent; `null` while none is chosen. */
  get followUpOwner(): string | null {
    const followUp = this.followUp;
    if (!followUp?.ownerId) return null;
    const name = followUp.ownerName ?? followUp.ownerId;
    return followUp.ownerId === this.user?.id ? formatLabel(labels.User_is_you, name) : name;
  }

  /** The users offered for the search typed (the agent first), or the agent alone while nobody is chosen. */
  get ownerOptions(): readonly TypeaheadOption[] {
    const me = this.user;
    const chosen = this.followUp?.ownerId ?? null;
    const search = this.ownerSearch;
    const found = (search && !search.searching ? search.records : []).filter((r) => r.objectType === 'User');
    const mine = me ? found.find((u) => u.id === me.id) : undefined;
    const options: TypeaheadOption[] = found
      .filter((u) => u !== mine)
      .map((u) => ({ id: u.id, name: u.name, label: u.name, detail: u.detail ?? '', objectType: 'User' }));
    if (me && (mine || (this.ownerTerm.trim() === '' && !chosen))) {
      const label = formatLabel(labels.User_is_you, me.name);
      options.unshift({ id: me.id, name: me.name, label, detail: mine?.detail ?? '', objectType: 'User' });
    }
    return options.filter((u) => u.id !== chosen);
  }

  /** The assignee search of this form, once its answer (or its progress) is here for the term typed. */
  private get ownerSearch(): RecordSearch | null {
    const search = this.recordSearch;
    const term = this.ownerTerm.trim();
    if (this.searchFor !== 'owner' || !search || term === '' || search.term !== term) return null;
    return search;
  }

  get ownerSearching(): boolean {
    return this.ownerSearch?.searching ?? false;
  }

  get ownerNotFound(): boolean {
    const search = this.ownerSearch;
    return !!search && !search.searching && !search.error && !search.records.some((r) => r.objectType === 'User');
  }

  get ownerNotFoundText(): string {
    return formatLabel(labels.No_active_user_named, this.ownerTerm.trim());
  }

  get ownerMissing(): boolean {
    return !!this.followUp && !this.followUp.ownerId;
  }

  get followUpDueDate(): string {
    return this.followUp?.dueDate ?? '';
  }

  get dueDateMissing(): boolean {
    return !!this.followUp && !this.followUp.dueDate;
  }

  /** The due date in the agent's locale (the date input shows the browser's). */
  get dueDateText(): string {
    const day = this.followUp?.dueDate;
    return day ? formatLabel(labels.Due_on, formatDay(day)) : '';
  }

  get followUpSubject(): string {
    return this.followUp?.subject ?? '';
  }

  /** The subject the server gives a follow-up left without one (`Follow up: <name|number>`), as the placeholder. */
  get followUpDefaultSubject(): string {
    const call = this.call;
    return call ? defaultFollowUpSubject(call.call, call.form, this.settings?.defaultRegion) : '';
  }

  /** Saved with the log (the Task stays on screen while a Sales Engagement step waits for its disposition). */
  get followUpSaved(): string | null {
    const followUp = this.followUp;
    if (!followUp?.dueDate || !this.saved || this.call?.logStatus !== 'sent') return null;
    return formatLabel(labels.Follow_up_saved_with_call, this.followUpOwner ?? '', formatDay(followUp.dueDate));
  }

  /** Opens the follow-up: assigned to the agent, due tomorrow (the agent's time zone, ADR 0032), default subject. */
  handleFollowUpAdd(): void {
    const me = this.user;
    const tomorrow = addDays(isoDay(this.now || Date.now()), 1);
    this.change({
      followUp: { subject: null, ownerId: me?.id ?? null, ownerName: me?.name ?? null, dueDate: tomorrow },
    });
  }

  handleFollowUpRemove(): void {
    this.ownerTerm = '';
    this.change({ followUp: null });
  }

  handleOwnerSearch(event: TypeaheadEvent<'termchange'>): void {
    this.ownerTerm = event.detail.term;
    this.searchFor = 'owner';
    raise(this, 'recordsearch', { callId: this.callId, term: this.ownerTerm, objectTypes: USER_OBJECTS });
  }

  handleOwnerPick(event: TypeaheadEvent<'optionpick'>): void {
    const { id, name } = event.detail;
    this.ownerTerm = '';
    this.changeFollowUp({ ownerId: id, ownerName: name || null });
    raise(this, 'recordsearch', { callId: this.callId, term: '', objectTypes: USER_OBJECTS });
  }

  handleOwnerClear(): void {
    this.changeFollowUp({ ownerId: null, ownerName: null });
  }

  handleDueDate(event: Event): void {
    const value = (event.currentTarget as HTMLInputElement).value;
    this.changeFollowUp({ dueDate: value === '' ? null : value });
  }

  handleFollowUpSubject(event: Event): void {
    const value = (event.currentTarget as HTMLInputElement).value;
    this.changeFollowUp({ subject: value === '' ? null : value });
  }

  private changeFollowUp(patch: Partial<FollowUpForm>): void {
    const followUp = this.followUp;
    if (followUp) this.change({ followUp: { ...followUp, ...patch } });
  }

  private change(patch: Partial<CallLogFormFields>): void {
    raise(this, 'formchange', { callId: this.callId, patch });
  }

  private search(term: string): void {
    this.relatedTerm = term;
    this.searchFor = 'related';
    raise(this, 'recordsearch', { callId: this.callId, term, objectTypes: RELATED_TO_OBJECTS });
  }
}
