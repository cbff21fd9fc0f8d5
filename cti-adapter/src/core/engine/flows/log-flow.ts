import { isShownDraft, type CallDraft } from '../../call-log/call-draft';
import type { BuildCallLogResult, buildCallLog, conflictForErrors } from '../../call-log/build-call-log';
import { patchedForm, type CallLogForm } from '../../call-log/call-log-form';
import type { CallLogValidationError } from '../../call-log/call-log-validation-error';
import type { OutboxSaveResult } from '../../call-log/call-log-outbox';
import type { ConflictReason } from '../../matching/log-association';
import { phoneNumberMetadata, type PhoneNumberMetadata } from '../../phone-number/phone-number-metadata';
import { MANDATORY_FIELDS_MESSAGE, awaitsSalesEngagementStep } from '../../sales-engagement/sales-engagement';
import type { EngineContext } from './engine-context';

/** Result of a save by the agent: the outbox's answer, or the form's validation errors (nothing was sent). @public */
export type SaveLogResult =
  | OutboxSaveResult
  | {
      readonly ok: false;
      readonly telephonySessionId: string | null;
      readonly validation: readonly CallLogValidationError[];
    };

/**
 * How a log is built from a call's draft (`call-log/build-call-log.ts`): a lazy chunk (ADR 0018) — ringing, answering
 * and the screen pop never need it — prefetched when the page is idle after the start ({@link LogFlow.load}).
 * @public
 */
export interface CallLogBuilder {
  readonly buildCallLog: typeof buildCallLog;
  readonly conflictForErrors: typeof conflictForErrors;
}

/** Why a log could not be built: its module did not load (a network failure); the draft and its form are kept. */
const BUILDER_NOT_LOADED =
  'The call log could not be prepared: part of the softphone did not load (network). Your notes are kept; try again.';

/**
 * The call log of each call: the agent's form (persisted with every keystroke), Save (validation → outbox →
 * `upsertCallLogs`, idempotent by the agent's log key), and automatic logging — on ringing or answer
 * (`saveOnRinging`), after the end with a countdown of `autoLogDelaySeconds` that any edit cancels, never for a call
 * in the conflict queue.
 * @public
 */
export class LogFlow {
  private builder: CallLogBuilder | null = null;
  private loading: Promise<CallLogBuilder> | null = null;

  constructor(
    private readonly ctx: EngineContext,
    /** Loads the log builder (default: the dynamic `import()` of its chunk). */
    private readonly importBuilder: () => Promise<CallLogBuilder> = () => import('../../call-log/build-call-log'),
    /** The number formats, which the log's default subject shows the number in (loaded with the builder). */
    private readonly formats: Pick<PhoneNumberMetadata, 'load'> = phoneNumberMetadata,
  ) {}

  /**
   * Loads the log builder once (the engine calls it when idle after the start, so it is there before a call ends).
   * A failed load is forgotten: the next need tries again. Nothing of a call depends on it before its log is built:
   * the draft (and its form) is stored at every change, and the outbox stores a log before it sends it. The builder
   * is ready once the number formats are there too: the default subject shows the number formatted
   * (`Inbound call from +44 20 7946 0104`), as it always did.
   */
  load(): Promise<CallLogBuilder> {
    if (this.builder) return Promise.resolve(this.builder);
    this.loading ??= Promise.all([this.importBuilder(), this.formats.load()]).then(
      ([builder]) => (this.builder = builder),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  /**
   * Updates the form (persisted at once); any edit cancels the countdown; a Lead Who clears Related To; a Who or What
   * the agent empties is marked cleared, so the agent's Save clears it on the Task ({@link patchedForm}).
   */
  updateForm(callId: string, patch: Partial<CallLogForm>): CallLogForm {
    this.cancelAutoLog(callId);
    return this.ctx.book.update(callId, (d) => {
      const form = patchedForm(d.form, patch);
      const cleaned =
        form.whoObjectType === 'Lead' ? { ...form, whatId: null, whatName: null, whatObjectType: null } : form;
      const record = !!(patch.whoId ?? patch.whatId);
      const final = record && cleaned.withoutRecord ? { ...cleaned, withoutRecord: false } : cleaned;
      return { conflict: resolvedConflict(d.conflict, patch), form: final, formEdited: true, autoLogAt: null };
    }).form;
  }

  /**
   * Saves the log as the agent (source `agent`): validates the form, then hands the log to the outbox. A second
   * Save while the first runs (or after it succeeded, same content) sends nothing new: both resolve with one Task.
   */
  async save(callId: string): Promise<SaveLogResult> {
    this.cancelAutoLog(callId);
    const builder = this.builder ?? (await this.loadOrExplain());
    const draft = this.ctx.book.require(callId).draft;
    const { call } = draft;
    const built = this.build(builder, draft, 'agent');
    if (!built.ok) {
      // A Sales Engagement call without its mandatory disposition: the seed's toast; the step stays where it is.
      if (draft.salesEngagement && built.errors.some((e) => e.field === 'disposition' && e.code === 'REQUIRED')) {
        this.ctx.notify('error', 'MANDATORY_FIELDS', MANDATORY_FIELDS_MESSAGE);
      }
      return { ok: false, telephonySessionId: call.telephonySessionId, validation: built.errors };
    }
    const result = await this.ctx.outbox.save(built.log);
    // A failure the outbox gives up on is told to the agent by the engine (the outbox's `failed` event), whether the
    // agent or the auto-log saved it.
    if (result.ok) {
      this.ctx.turn(() => {
        if (this.ctx.book.has(callId)) this.ctx.book.update(callId, () => ({ taskId: result.taskId, conflict: null }));
        this.completeStep(callId, result.taskId, built.log.disposition);
        this.forgetIfDone(callId, false);
        void this.ctx.hostCall('REFRESH_FAILED', () => this.ctx.host.refreshView());
      });
    }
    return result;
  }

  /**
   * A call queue call this agent missed because another member answered it is that member's to log (seed
   * `004_7d3109e70c064dca.txt`: logging it here too would make two records of one call): its draft is forgotten —
   * no form, no countdown, not unresolved — unless the agent already wrote something in it.
   * @returns true when the call was dropped
   */
  dropQueueCallAnsweredElsewhere(callId: string): boolean {
    const draft = this.ctx.book.get(callId)?.draft;
    if (!draft?.call.queueName || draft.call.endReason !== 'answered-elsewhere') return false;
    if (draft.formEdited || draft.taskId) return false;
    this.ctx.book.remove(callId);
    return true;
  }

  /** Forgets an ended call's draft without logging it (a live call is kept). */
  discard(callId: string): void {
    const record = this.ctx.book.get(callId);
    if (record?.call.state === 'ended') this.ctx.book.remove(callId);
  }

  /**
   * Starts the countdown of an ended call when automatic logging applies (not edited, not logged, no conflict, the
   * lookup answered). A log automatic logging could not complete — no record, a mandatory disposition or a required
   * field missing — gets no countdown: it goes to the "unresolved" queue at once ({@link conflictForErrors}).
   */
  scheduleAutoLog(callId: string): void {
    const draft = this.ctx.book.get(callId)?.draft;
    const settings = this.ctx.settings();
    if (!draft || !settings.autoLog || draft.formEdited || draft.taskId) return;
    if (draft.call.state !== 'ended' || draft.autoLogAt !== null) return;
    if (!isShownDraft(draft)) return; // not shown: a queue call whose outcome decides its log (QueueOutcomeFlow)
    if (draft.conflict) return; // unresolved: waits for the agent in the conflict queue
    if (draft.matchStatus === 'pending' || draft.matchStatus === 'retrying') return; // scheduled at the answer
    if (!this.builder) {
      // Ended before the builder's chunk arrived: scheduled again once it has (nothing is lost meanwhile: the draft is
      // stored); if it cannot load, the agent saves from the form, which tries again.
      this.afterLoad(() => this.scheduleAutoLog(callId));
      return;
    }
    if (this.toUnresolved(callId, this.build(this.builder, draft))) return;
    const dueAt = this.ctx.book.startCountdown(callId, Math.max(0, settings.autoLogDelaySeconds) * 1000, () =>
      this.ctx.turn(() => {
        if (!this.ctx.book.has(callId)) return;
        this.ctx.book.update(callId, () => ({ autoLogAt: null }));
        void this.autoSave(callId);
      }),
    );
    this.ctx.book.update(callId, () => ({ autoLogAt: dueAt }));
  }

  /** Stops the countdown of a call without touching its form (the agent wants to review the log first). */
  cancelAutoLog(callId: string): void {
    this.ctx.book.cancelCountdown(callId);
    const record = this.ctx.book.get(callId);
    if (record && record.draft.autoLogAt !== null) this.ctx.book.update(callId, () => ({ autoLogAt: null }));
  }

  /** The lookup of a call answered (or gave up): auto-log on ringing, or the countdown of a call that ended meanwhile. */
  afterMatch(callId: string): void {
    this.maybeSaveOnRinging(callId);
    this.scheduleAutoLog(callId);
  }

  /**
   * `saveOnRinging`: creates the Task as soon as the call is matched and has its telephony session id — not for a
   * call queue call while it rings: it rings every member, and only the outcome tells whose call it is (seed
   * `004_7d3109e70c064dca.txt`, "Why are missed call queue calls not logged"); it is logged on answer.
   */
  maybeSaveOnRinging(callId: string): void {
    const draft = this.ctx.book.get(callId)?.draft;
    const settings = this.ctx.settings();
    if (!draft || !settings.autoLog || !settings.saveOnRinging) return;
    if (draft.call.queueName && draft.call.state === 'ringing') return;
    if (draft.matchStatus !== 'done' || draft.conflict || !draft.call.telephonySessionId) return;
    if (this.ctx.outbox.get(draft.call.telephonySessionId)) return;
    this.autoSaveNow(callId);
  }

  /** Automatic logging on answer (`autoLog` without `saveOnRinging`, or a call queue call it waited for). */
  onAnswered(callId: string): void {
    const settings = this.ctx.settings();
    const queueCall = !!this.ctx.book.get(callId)?.draft.call.queueName;
    if (settings.autoLog && (!settings.saveOnRinging || queueCall)) this.autoSaveNow(callId);
  }

  /**
   * A log saved while the call was still going on lacks the end time and duration: the final facts are sent once
   * the call ends (source `auto`: the agent's fields are kept, facts are extended).
   */
  completeEarlyLog(callId: string): void {
    const draft = this.ctx.book.get(callId)?.draft;
    if (!draft?.taskId || !draft.call.telephonySessionId) return;
    if (!this.builder) {
      this.afterLoad(() => this.completeEarlyLog(callId));
      return;
    }
    const built = this.build(this.builder, draft);
    if (!built.ok) return;
    void this.ctx.outbox.save(built.log).then((result) => {
      if (!result.ok) return;
      this.ctx.turn(() => {
        this.completeStep(callId, result.taskId, built.log.disposition);
        this.forgetIfDone(callId);
      });
    });
  }

  /**
   * An ended call whose log is saved in Salesforce with nothing left to send is done: its draft and the outbox's copy
   * of its log are forgotten (memory and storage), so neither grows with the calls of a long session — and neither
   * does the state rebuilt at every turn. The Task holds the log; a later edit (from the call history) starts a new
   * draft and a newer revision.
   */
  private forgetIfDone(callId: string, keepOpenStep = true): void {
    const draft = this.ctx.book.get(callId)?.draft;
    if (!draft || draft.call.state !== 'ended' || !draft.taskId) return;
    // Saved automatically without a disposition: the Sales Engagement step is open, the form stays with its hint.
    if (keepOpenStep && awaitsSalesEngagementStep(draft)) return;
    const id = draft.call.telephonySessionId;
    const entry = id ? this.ctx.outbox.get(id) : null;
    if (entry && entry.status !== 'sent') return; // a newer revision is on its way: it finishes first
    this.ctx.book.remove(callId);
    if (id && entry) this.ctx.outbox.remove(id);
  }

  private autoSaveNow(callId: string): void {
    const draft = this.ctx.book.get(callId)?.draft;
    if (!draft || draft.conflict || !draft.call.telephonySessionId) return;
    void this.autoSave(callId);
  }

  private async autoSave(callId: string): Promise<void> {
    if (!this.builder) {
      this.afterLoad(() => void this.autoSave(callId));
      return;
    }
    const draft = this.ctx.book.get(callId)?.draft;
    if (!draft || draft.conflict) return;
    const built = this.build(this.builder, draft);
    if (!built.ok) {
      this.toUnresolved(callId, built); // an ended call waits for the agent; a live one is logged at its end
      return;
    }
    const result = await this.ctx.outbox.save(built.log);
    if (result.ok && draft.call.state === 'ended' && this.ctx.book.has(callId)) {
      this.ctx.turn(() => {
        this.ctx.book.update(callId, () => ({ taskId: result.taskId }));
        this.completeStep(callId, result.taskId, built.log.disposition);
        this.forgetIfDone(callId);
      });
    }
  }

  /**
   * The cadence step of a Sales Engagement call completes when its log is saved as a Task AND a disposition is chosen
   * (seed `004_7d3109e70c064dca.txt`): once per work item, announced as `salesEngagementStep` (the Sales Engagement
   * feature tells the host, Open CTI `hvs.completeWork`).
   */
  private completeStep(callId: string, taskId: string, disposition: string | null): void {
    const draft = this.ctx.book.get(callId)?.draft;
    const link = draft?.salesEngagement;
    if (!draft || !link || link.completed || !disposition) return;
    this.ctx.book.update(callId, () => ({ salesEngagement: { ...link, completed: true } }));
    const wasConnected = draft.call.answeredAt !== null;
    this.ctx.events.emit('salesEngagementStep', { callId, workId: link.workId, disposition, taskId, wasConnected });
  }

  /**
   * Puts an ended call whose log automatic logging cannot complete in the "unresolved" queue.
   * @returns true when the log needs the agent (whether or not the call has ended yet)
   */
  private toUnresolved(callId: string, built: BuildCallLogResult): boolean {
    if (built.ok) return false;
    const record = this.ctx.book.get(callId);
    if (!record) return true;
    const conflict = this.builder?.conflictForErrors(built.errors, record.draft.matchStatus) ?? null;
    if (conflict && record.call.state === 'ended') this.ctx.book.update(callId, () => ({ conflict, autoLogAt: null }));
    return conflict !== null;
  }

  private build(builder: CallLogBuilder, draft: CallDraft, source: 'agent' | 'auto' = 'auto'): BuildCallLogResult {
    const { call, form, salesEngagement, queueOutcome } = draft;
    const queueMissed = queueOutcome === 'missed-by-all';
    return builder.buildCallLog({ call, form, settings: this.ctx.settings(), source, salesEngagement, queueMissed });
  }

  /** The builder for the agent's Save; a failed load rejects with a message the form shows (the draft stays). */
  private async loadOrExplain(): Promise<CallLogBuilder> {
    try {
      return await this.load();
    } catch (error) {
      console.error('The call log module could not be loaded', error);
      throw new Error(BUILDER_NOT_LOADED);
    }
  }

  /** Runs `step` in a turn once the builder has loaded; a failed load is told (automatic logging waits; the agent's Save tries again). */
  private afterLoad(step: () => void): void {
    this.load().then(
      () => this.ctx.turn(step),
      (error: unknown) => {
        console.error('The call log module could not be loaded', error);
        this.ctx.notify('warning', 'LOG_MODULE_NOT_LOADED', BUILDER_NOT_LOADED);
      },
    );
  }
}

/**
 * The conflict of a call after the agent's edit: choosing a record (Who or Related To) or confirming "Log without a
 * record" settles the record conflicts; choosing a disposition settles `disposition-required`; filling admin log
 * fields settles `fields-required` (Save validates what is left).
 */
function resolvedConflict(conflict: ConflictReason | null, patch: Partial<CallLogForm>): ConflictReason | null {
  if (conflict === null) return null;
  const record = !!(patch.whoId ?? patch.whatId) || patch.withoutRecord === true;
  switch (conflict) {
    case 'disposition-required':
      return patch.disposition ? null : conflict;
    case 'fields-required':
      return patch.fields ? null : conflict;
    default:
      return record ? null : conflict;
  }
}
