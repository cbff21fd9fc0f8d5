import { patchedForm, type CallLogForm } from '../../call-log/call-log-form';
import type { ConflictReason } from '../../matching/log-association';
import type { EngineContext } from './engine-context';

/*
 * What the log form needs at once, in the first paint (ADR 0018, amendment "the call-log machinery is a lazy chunk"):
 * the agent types in the form, stops a countdown or drops a draft before (or without) the call-log chunk having
 * arrived. Each is a change of the call's draft, stored by the engine at the end of the turn; nothing here sends.
 */

/**
 * Updates the form (persisted at once); any edit cancels the countdown; a Lead Who clears Related To; a Who or What
 * the agent empties is marked cleared, so the agent's Save clears it on the Task ({@link patchedForm}).
 * @public
 */
export function updateLogForm(ctx: EngineContext, callId: string, patch: Partial<CallLogForm>): CallLogForm {
  cancelAutoLog(ctx, callId);
  return ctx.book.update(callId, (d) => {
    const form = patchedForm(d.form, patch);
    const cleaned =
      form.whoObjectType === 'Lead' ? { ...form, whatId: null, whatName: null, whatObjectType: null } : form;
    const record = !!(patch.whoId ?? patch.whatId);
    const final = record && cleaned.withoutRecord ? { ...cleaned, withoutRecord: false } : cleaned;
    return { conflict: resolvedConflict(d.conflict, patch), form: final, formEdited: true, autoLogAt: null };
  }).form;
}

/** Stops the countdown of a call without touching its form (the agent wants to review the log first). @public */
export function cancelAutoLog(ctx: EngineContext, callId: string): void {
  ctx.book.cancelCountdown(callId);
  const record = ctx.book.get(callId);
  if (record && record.draft.autoLogAt !== null) ctx.book.update(callId, () => ({ autoLogAt: null }));
}

/** Forgets an ended call's draft without logging it (a live call is kept). @public */
export function discardDraft(ctx: EngineContext, callId: string): void {
  const record = ctx.book.get(callId);
  if (record?.call.state === 'ended') ctx.book.remove(callId);
}

/**
 * A call queue call this agent missed because another member answered it is that member's to log (seed
 * `004_7d3109e70c064dca.txt`: logging it here too would make two records of one call): its draft is forgotten —
 * no form, no countdown, not unresolved — unless the agent already wrote something in it.
 * @returns true when the call was dropped
 * @public
 */
export function dropQueueCallAnsweredElsewhere(ctx: EngineContext, callId: string): boolean {
  const draft = ctx.book.get(callId)?.draft;
  if (!draft?.call.queueName || draft.call.endReason !== 'answered-elsewhere') return false;
  if (draft.formEdited || draft.taskId) return false;
  ctx.book.remove(callId);
  return true;
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
