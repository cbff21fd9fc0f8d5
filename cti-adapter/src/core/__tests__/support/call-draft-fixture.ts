import { EMPTY_FORM } from '../../call-log/call-log-form';
import type { CallDraft } from '../../call-log/call-draft';

/**
 * A matched, unlogged call draft for store / queue tests: `call` as given (only the fields the test needs; cast),
 * matching done with no matches, an unedited empty form, no countdown, conflict or Task; `partial` over it.
 */
export function callDraftFixture(call: { callId: string } & Record<string, unknown>, partial: object = {}): CallDraft {
  return {
    call,
    matchStatus: 'done',
    matches: [],
    chosenRecordId: null,
    form: EMPTY_FORM,
    formEdited: false,
    autoLogAt: null,
    conflict: null,
    taskId: null,
    fromHistory: false,
    clickContextRecordId: null,
    popped: false,
    ...partial,
  } as unknown as CallDraft;
}
