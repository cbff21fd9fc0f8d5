import { NEW_DRAFT_FIELDS, type CallDraft } from '../../call-log/call-draft';

/**
 * A matched, unlogged call draft for store / queue tests: `call` as given (only the fields the test needs; cast),
 * matching done with no matches, an unedited empty form, no countdown, conflict or Task; `partial` over it.
 */
export function callDraftFixture(call: { callId: string } & Record<string, unknown>, partial: object = {}): CallDraft {
  return { ...NEW_DRAFT_FIELDS, call, matchStatus: 'done', ...partial } as unknown as CallDraft;
}
