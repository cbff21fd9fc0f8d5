import type { CallSnapshot } from '../call/call-snapshot';
import { EMPTY_FORM, type CallLogForm } from './call-log-form';
import type { CrmMatch } from '../crm/crm-record';
import type { ConflictReason } from '../matching/log-association';
import { awaitsSalesEngagementStep, type SalesEngagementLink } from '../sales-engagement/sales-engagement';

/**
 * Everything the softphone knows about one call that is not logged yet: the call facts, the matches of the
 * single `matchNumbers` round trip, the agent's choice and the log form (notes included). Persisted on every
 * change through {@link CallDraftStore}, so a reload keeps notes and choices.
 * @public
 */
export interface CallDraft {
  readonly call: CallSnapshot;
  /**
   * `pending` until the `matchNumbers` answer arrives; `retrying` while a transient failure (`NETWORK`,
   * `INTERNAL`) waits for the next attempt; `failed` once the attempts are spent or the error is not transient;
   * `skipped` when the call has no number to look up.
   */
  readonly matchStatus: 'pending' | 'retrying' | 'done' | 'failed' | 'skipped';
  readonly matches: readonly CrmMatch[];
  /** Record chosen by the agent (or auto-selected) among the matches, or a placeholder created for the call. */
  readonly chosenRecordId: string | null;
  readonly form: CallLogForm;
  /** The agent changed the form (cancels the auto-log countdown). */
  readonly formEdited: boolean;
  /** Epoch ms when the auto-log countdown fires, `null` when none runs. */
  readonly autoLogAt: number | null;
  /** Why the call cannot be logged automatically ("unresolved" queue), `null` otherwise. */
  readonly conflict: ConflictReason | null;
  /** Set once the log is saved. */
  readonly taskId: string | null;
  /** Came from the call history tab (a past call), not from a live call. */
  readonly fromHistory: boolean;
  /** The outbound call was started from this record (click-to-dial). */
  readonly clickContextRecordId: string | null;
  /** A screen pop was already made for this call (never pop twice). */
  readonly popped: boolean;
  /**
   * Call waiting's "Ignore": the agent chose not to take this ringing call; the softphone stops alerting and shows no
   * card for it while it rings on (it is logged when it ends, as any unanswered call).
   */
  readonly ignored: boolean;
  /**
   * The extension of a dialled number (`… ext. 12`) not sent yet: sent as DTMF once after the answer, then cleared
   * (kept with the draft so a reload before the answer does not lose it, and a sent one is never sent again).
   */
  readonly pendingExtension: string | null;
  /**
   * A call queue call this agent did not take, whose final outcome decides the log (ADR 0025): `waiting` while
   * RingCentral's call log of the session is not final (the call is not shown to log), `missed-by-all` when no
   * member answered (logged once for the queue); `null` for every other call.
   */
  readonly queueOutcome: 'waiting' | 'missed-by-all' | null;
  /** The call was started from the Sales Engagement work queue (a cadence step), else `null`. */
  readonly salesEngagement: SalesEngagementLink | null;
}

/** The log side of a {@link CallDraft}: everything but the call facts (which the call state machine owns). @public */
export type DraftFields = Omit<CallDraft, 'call'>;

/** The log side of a new call's draft: matching pending, nothing chosen, an empty unedited form. @public */
export const NEW_DRAFT_FIELDS: DraftFields = Object.freeze({
  matchStatus: 'pending',
  matches: Object.freeze([]),
  chosenRecordId: null,
  form: EMPTY_FORM,
  formEdited: false,
  autoLogAt: null,
  conflict: null,
  taskId: null,
  fromHistory: false,
  clickContextRecordId: null,
  popped: false,
  ignored: false,
  pendingExtension: null,
  queueOutcome: null,
  salesEngagement: null,
} satisfies DraftFields);

/**
 * Whether the softphone shows a draft to the agent (a call card, a log form, the call list): not once its ended call
 * is logged — unless its Sales Engagement step still waits for a disposition (saved automatically) —, and not while
 * a call queue call's outcome is `waiting` (ADR 0025: its log waits for RingCentral's final call log, and neither the
 * agent nor automatic logging files it before).
 * @public
 */
export function isShownDraft(draft: Pick<CallDraft, 'call' | 'taskId' | 'queueOutcome' | 'salesEngagement'>): boolean {
  if (draft.queueOutcome === 'waiting') return false;
  return !(draft.taskId && draft.call.state === 'ended' && !awaitsSalesEngagementStep(draft));
}
