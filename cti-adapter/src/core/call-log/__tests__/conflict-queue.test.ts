import type { CallDraft } from '../call-draft';
import { conflictQueue } from '../conflict-queue';
import { callDraftFixture } from '../../__tests__/support/call-draft-fixture';

const draft = (callId: string, partial: Partial<CallDraft> & { state?: string; startedAt?: number }): CallDraft =>
  callDraftFixture(
    {
      callId,
      state: partial.state ?? 'ended',
      startedAt: partial.startedAt ?? 0,
      remoteNumber: '+16505550199',
      remoteName: null,
    },
    partial,
  );

describe('conflictQueue', () => {
  it('lists ended, unlogged calls with a conflict, newest first', () => {
    const queue = conflictQueue([
      draft('old', { conflict: 'no-match', startedAt: 1 }),
      draft('new', { conflict: 'multiple-matches', startedAt: 2 }),
      draft('live', { conflict: 'no-match', state: 'connected' }),
      draft('logged', { conflict: 'no-match', taskId: '00T1' }),
      draft('fine', {}),
    ]);
    expect(queue.map((c) => [c.callId, c.reason])).toEqual([
      ['new', 'multiple-matches'],
      ['old', 'no-match'],
    ]);
  });
});
