import { isShownDraft, type CallDraft } from '../../call-log/call-draft';
import { buildCallLog, conflictForErrors, type BuildCallLogResult } from '../../call-log/build-call-log';
import type { CallLogValidationError } from '../../call-log/call-log-validation-error';
import type { CallLogOutbox, OutboxSaveResult } from '../../call-log/call-log-outbox';
import { MANDATORY_FIELDS_MESSAGE, awaitsSalesEngagementStep } from '../../sales-engagement/sales-engagement';
import type { EngineContext } from './engine-context';
import { cancelAutoLog } from './log-form';

/** Result of a save by the agent: the outbox's answer, or the form's validation errors (nothing was sent). @public */
export type SaveLogResult =
  | OutboxSaveResult
  | {
      readonly ok: false;
      readonly telephonySessionId: string | null;
      readonly validation: readonly CallLogValidationError[];
    };

/**
 * The call log of each call (part of the call-log chunk, ADR 0018: the engine's {@link LazyLogFlow} loads it and
 * keeps the form's edits, which need no chunk): Save (validation → outbox →
 * `upsertCallLogs`, idempotent by the agent's log key), and automatic logging — on ringing or answer
 * (`saveOnRinging`), after the end with a countdown of `autoLogDelaySeconds` that any edit cancels, never for a call
 * in the conflict queue.
 * @public
 */
export class LogFlow {
  constructor(
    private readonly ctx: EngineContext,
    /** The durable outbox of call logs (ADR 0010), created with this flow in the call-log chunk. */
    private readonly outbox: CallLogOutbox,
  ) {}

  /**
   * Saves the log as the agent (source `agent`): validates the form, then hands the log to the outbox. A second
   * Save while the first runs (or after it succeeded, same content) sends nothing new: both resolve with one Task.
   */
  async save(callId: string): Promise<SaveLogResult> {
    cancelAutoLog(this.ctx, callId);
    const draft = this.ctx.book.require(callId).draft;
    const { call } = draft;
    const built = this.build(draft, 'agent');
    if (!built.ok) {
      // A Sales Engagement call without its mandatory disposition: the seed's toast; the step stays where it is.
      if (draft.salesEngagement && built.errors.some((e) => e.field === 'disposition' && e.code === 'REQUIRED')) {
        this.ctx.notify('error', 'MANDATORY_FIELDS', MANDATORY_FIELDS_MESSAGE);
      }
      return { ok: false, telephonySessionId: call.telephonySessionId, validation: built.errors };
    }
    const result = await this.outbox.save(built.log);
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
    if (this.toUnresolved(callId, this.build(draft))) return;
    const dueAt = this.ctx.book.startCountdown(callId, Math.max(0, settings.autoLogDelaySeconds) * 1000, () =>
      this.ctx.turn(() => {
        if (!this.ctx.book.has(callId)) return;
        this.ctx.book.update(callId, () => ({ autoLogAt: null }));
        void this.autoSave(callId);
      }),
    );
    this.ctx.book.update(callId, () => ({ autoLogAt: dueAt }));
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
    if (this.outbox.get(draft.call.telephonySessionId)) return;
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
    const built = this.build(draft);
    if (!built.ok) return;
    void this.outbox.save(built.log).then((result) => {
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
    const entry = id ? this.outbox.get(id) : null;
    if (entry && entry.status !== 'sent') return; // a newer revision is on its way: it finishes first
    this.ctx.book.remove(callId);
    if (id && entry) this.outbox.remove(id);
  }

  private autoSaveNow(callId: string): void {
    const draft = this.ctx.book.get(callId)?.draft;
    if (!draft || draft.conflict || !draft.call.telephonySessionId) return;
    void this.autoSave(callId);
  }

  private async autoSave(callId: string): Promise<void> {
    const draft = this.ctx.book.get(callId)?.draft;
    if (!draft || draft.conflict) return;
    const built = this.build(draft);
    if (!built.ok) {
      this.toUnresolved(callId, built); // an ended call waits for the agent; a live one is logged at its end
      return;
    }
    const result = await this.outbox.save(built.log);
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
    const conflict = conflictForErrors(built.errors, record.draft.matchStatus);
    if (conflict && record.call.state === 'ended') this.ctx.book.update(callId, () => ({ conflict, autoLogAt: null }));
    return conflict !== null;
  }

  private build(draft: CallDraft, source: 'agent' | 'auto' = 'auto'): BuildCallLogResult {
    const { call, form, salesEngagement, queueOutcome } = draft;
    const queueMissed = queueOutcome === 'missed-by-all';
    return buildCallLog({ call, form, settings: this.ctx.settings(), source, salesEngagement, queueMissed });
  }
}
