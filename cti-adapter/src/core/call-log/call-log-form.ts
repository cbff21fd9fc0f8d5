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
