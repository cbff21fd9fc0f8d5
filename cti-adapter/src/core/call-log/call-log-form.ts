import { EMPTY_ASSOCIATION, type LogAssociation } from '../matching/log-association';

/**
 * What the agent edits on the call log form. `subject: null` means "use the default subject".
 * Persisted with the call draft so a reload keeps it.
 * @public
 */
export interface CallLogForm extends LogAssociation {
  readonly subject: string | null;
  readonly notes: string;
  readonly disposition: string | null;
  /** Admin log fields (`Settings.logFields`) by Task API name. */
  readonly fields: Readonly<Record<string, string | null>>;
  /**
   * The agent confirmed "Log without a record": the Task may have neither Who nor What. Without it a log on no
   * record is refused (never saved on no record silently); choosing a record clears it.
   */
  readonly withoutRecord: boolean;
  /**
   * The follow-up Task the agent adds to the log (ADR 0033), `null` (or absent: a form stored before it existed) for
   * none. Saved with the call log, in the same request.
   */
  readonly followUp?: FollowUpForm | null;
  /**
   * The agent emptied Name (Who) of a log that had one: the agent's Save sends `whoId: ""`, which clears the Task's
   * WhoId, where `null` keeps the stored one (contract, `upsertCallLogs`, merge rules; ADR 0010, amendment
   * "Clearing Who and What"). Absent (a form stored before it existed) or `false`: nothing to clear. Under a Name
   * chosen again it means nothing (the Name is sent); automatic logs never clear.
   */
  readonly whoCleared?: boolean;
  /** The agent emptied Related To (What) of a log that had one: as {@link CallLogForm.whoCleared}, for `whatId`. */
  readonly whatCleared?: boolean;
}

/**
 * The follow-up Task as the agent edits it on the log form: `subject: null` means "use the default subject"
 * (`Follow up: <name|number>`); `ownerId`/`ownerName` the user it is assigned to (a `005…` id from `searchUsers`, the
 * agent themself by default), `null` while the agent has cleared it; `dueDate` the Task's `ActivityDate` as
 * `YYYY-MM-DD` (the day in the agent's Salesforce time zone), `null` while cleared.
 * @public
 */
export interface FollowUpForm {
  readonly subject: string | null;
  readonly ownerId: string | null;
  readonly ownerName: string | null;
  readonly dueDate: string | null;
}

/**
 * The form after the agent's `patch` (pure): a Who/What the patch empties while the form had one is marked cleared
 * ({@link CallLogForm.whoCleared}). A mark stays until Save; under a Who/What chosen since it means nothing (the record
 * is sent). Only a true mark is written, so a form that never had one looks as it always did.
 * @public
 */
export function patchedForm(form: CallLogForm, patch: Partial<CallLogForm>): CallLogForm {
  return {
    ...form,
    ...patch,
    ...(patch.whoId === null && form.whoId ? { whoCleared: true } : {}),
    ...(patch.whatId === null && form.whatId ? { whatCleared: true } : {}),
  };
}

/** @public */
export const EMPTY_FORM: CallLogForm = Object.freeze({
  subject: null,
  notes: '',
  disposition: null,
  ...EMPTY_ASSOCIATION,
  fields: Object.freeze({}),
  withoutRecord: false,
});
