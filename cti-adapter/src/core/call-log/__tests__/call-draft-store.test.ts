import { EMPTY_FORM } from '../call-log-form';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import type { CallDraft } from '../call-draft';
import { CallDraftStore } from '../call-draft-store';
import { callDraftFixture } from '../../__tests__/support/call-draft-fixture';

const draft = (callId: string, startedAt: number): CallDraft =>
  callDraftFixture(
    { callId, startedAt, state: 'connected', endReason: null },
    { form: { ...EMPTY_FORM, notes: `notes of ${callId}` }, formEdited: true },
  );

describe('CallDraftStore', () => {
  it('round-trips drafts through the key-value store in a versioned shape, oldest first', () => {
    const kv = new MemoryKeyValueStore();
    const store = new CallDraftStore(kv);
    store.save(draft('b', 2));
    store.save(draft('a', 1));
    expect(JSON.parse(kv.get('softphone.draft.a') ?? '{}')).toMatchObject({ v: 1, call: { callId: 'a' } });
    const again = new CallDraftStore(kv);
    expect(again.list().drafts.map((d) => d.form.notes)).toEqual(['notes of a', 'notes of b']);
    again.remove('a');
    expect(again.get('a')).toBeNull();
  });

  it('drops drafts that are not JSON, not the shape or under another key, and reports them (issue 9 item 8)', () => {
    const kv = new MemoryKeyValueStore();
    const store = new CallDraftStore(kv);
    store.save(draft('good', 1));
    kv.set('softphone.draft.broken', '{not json');
    kv.set('softphone.draft.wrong', JSON.stringify({ ...draft('wrong', 2), form: { ...EMPTY_FORM, notes: 42 } }));
    kv.set('softphone.draft.nocall', JSON.stringify({ form: EMPTY_FORM }));
    kv.set('softphone.draft.moved', JSON.stringify(draft('elsewhere', 3)));
    kv.set('softphone.draft.future', JSON.stringify({ v: 2, call: 'a newer softphone wrote this' }));
    const { drafts, dropped } = store.list();
    expect(drafts.map((d) => d.call.callId)).toEqual(['good']);
    expect(Object.fromEntries(dropped.map((d) => [d.key, d.reason]))).toEqual({
      'softphone.draft.broken': 'not JSON',
      'softphone.draft.wrong': expect.stringMatching(/^form\.notes: /),
      'softphone.draft.nocall': expect.stringMatching(/^call: /),
      'softphone.draft.moved': 'stored under another call',
    });
    expect(kv.keys('softphone.draft.').sort()).toEqual(['softphone.draft.future', 'softphone.draft.good']);
  });

  it('keeps the follow-up Task of the form; a draft stored before follow-ups reads as having none (ADR 0033)', () => {
    const kv = new MemoryKeyValueStore();
    const followUp = {
      subject: null,
      ownerId: '005000000000002AAA',
      ownerName: 'Sam Supervisor',
      dueDate: '2026-11-23',
    };
    const withFollowUp = draft('f', 1);
    new CallDraftStore(kv).save({ ...withFollowUp, form: { ...withFollowUp.form, followUp } });
    expect(new CallDraftStore(kv).get('f')?.form.followUp).toEqual(followUp);
    const { followUp: _none, ...before } = draft('old', 2).form;
    kv.set('softphone.draft.old', JSON.stringify({ v: 1, ...draft('old', 2), form: before }));
    expect(new CallDraftStore(kv).get('old')?.form.followUp).toBeNull();
    kv.set(
      'softphone.draft.bad',
      JSON.stringify({ v: 1, ...draft('bad', 3), form: { ...before, followUp: { ownerId: 5 } } }),
    );
    expect(new CallDraftStore(kv).list().dropped.map((d) => d.reason)).toEqual([
      expect.stringMatching(/^form\.followUp\./),
    ]);
  });

  it('keeps the Who/What the agent cleared; a draft stored before the marks reads as clearing nothing', () => {
    const kv = new MemoryKeyValueStore();
    const cleared = draft('c', 1);
    new CallDraftStore(kv).save({ ...cleared, form: { ...cleared.form, whoCleared: true, whatCleared: true } });
    expect(new CallDraftStore(kv).get('c')?.form).toMatchObject({ whoCleared: true, whatCleared: true });
    // Stored by the softphone before the marks existed: no marks, the form as it was (nothing is cleared on Save).
    kv.set('softphone.draft.old', JSON.stringify({ v: 1, ...draft('old', 2) }));
    const old = new CallDraftStore(kv).get('old')?.form;
    expect(old).toEqual({ ...draft('old', 2).form, followUp: null });
    expect(old?.whoCleared ?? false).toBe(false);
    kv.set('softphone.draft.bad', JSON.stringify({ v: 1, ...draft('bad', 3), form: { ...old, whatCleared: 'yes' } }));
    expect(new CallDraftStore(kv).list().dropped.map((d) => d.reason)).toEqual([
      expect.stringMatching(/^form\.whatCleared: /),
    ]);
  });

  it('reads drafts stored before versioning (no `v`)', () => {
    const kv = new MemoryKeyValueStore();
    kv.set('softphone.draft.old', JSON.stringify(draft('old', 1)));
    expect(new CallDraftStore(kv).list().drafts.map((d) => d.form.notes)).toEqual(['notes of old']);
  });

  it('reads drafts stored before calls carried their call queue as direct calls, and keeps a queue name', () => {
    const kv = new MemoryKeyValueStore();
    const { queueName: _absent, ...before } = draft('before', 1).call;
    kv.set('softphone.draft.before', JSON.stringify({ v: 1, ...draft('before', 1), call: before }));
    const queued = callDraftFixture({ callId: 'queued', startedAt: 2, queueName: 'Gold Queue' });
    const store = new CallDraftStore(kv);
    store.save(queued);
    kv.set(
      'softphone.draft.bad',
      JSON.stringify({ v: 1, ...draft('bad', 3), call: { ...before, callId: 'bad', queueName: 7 } }),
    );
    const { drafts, dropped } = store.list();
    expect(drafts.map((d) => [d.call.callId, d.call.queueName])).toEqual([
      ['before', null],
      ['queued', 'Gold Queue'],
    ]);
    expect(dropped).toEqual([{ key: 'softphone.draft.bad', reason: expect.stringMatching(/^call\.queueName: /) }]);
  });
});
