import { EMPTY_FORM } from '../call-log-form';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import type { CallDraft } from '../call-draft';
import { CallDraftStore } from '../call-draft-store';
import { callDraftFixture } from '../../__tests__/support/call-draft-fixture';

const draft = (callId: string, startedAt: number): CallDraft =>
  callDraftFixture(
    { callId, startedAt, state: 'connected' },
    { form: { ...EMPTY_FORM, notes: `notes of ${callId}` }, formEdited: true },
  );

describe('CallDraftStore', () => {
  it('round-trips drafts through the key-value store, oldest first, dropping unreadable entries', () => {
    const kv = new MemoryKeyValueStore();
    const store = new CallDraftStore(kv);
    store.save(draft('b', 2));
    store.save(draft('a', 1));
    kv.set('softphone.draft.broken', '{not json');
    const again = new CallDraftStore(kv);
    expect(again.list().map((d) => d.form.notes)).toEqual(['notes of a', 'notes of b']);
    expect(kv.get('softphone.draft.broken')).toBeNull();
    again.remove('a');
    expect(again.get('a')).toBeNull();
  });
});
