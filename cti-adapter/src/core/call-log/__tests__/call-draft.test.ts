import { isShownDraft } from '../call-draft';
import { callDraftFixture } from '../../__tests__/support/call-draft-fixture';

describe('isShownDraft', () => {
  it('shows a call not logged yet, live or ended', () => {
    expect(isShownDraft(callDraftFixture({ callId: 'c1', state: 'connected' }))).toBe(true);
    expect(isShownDraft(callDraftFixture({ callId: 'c1', state: 'ended' }))).toBe(true);
  });

  it('hides an ended call once logged, unless its Sales Engagement step still waits for a disposition', () => {
    expect(isShownDraft(callDraftFixture({ callId: 'c1', state: 'ended' }, { taskId: '00T1' }))).toBe(false);
    const step = { workId: '0Z41', completed: false };
    expect(isShownDraft(callDraftFixture({ callId: 'c1' }, { taskId: '00T1', salesEngagement: step }))).toBe(true);
    const done = { ...step, completed: true };
    expect(isShownDraft(callDraftFixture({ callId: 'c1' }, { taskId: '00T1', salesEngagement: done }))).toBe(false);
  });

  it('keeps showing a live call logged early (the log is saved, the call goes on)', () => {
    expect(isShownDraft(callDraftFixture({ callId: 'c1', state: 'connected' }, { taskId: '00T1' }))).toBe(true);
  });

  it('hides a call queue call while its outcome is waiting, and shows it once missed by all', () => {
    expect(isShownDraft(callDraftFixture({ callId: 'c1' }, { queueOutcome: 'waiting' }))).toBe(false);
    expect(isShownDraft(callDraftFixture({ callId: 'c1' }, { queueOutcome: 'missed-by-all' }))).toBe(true);
  });
});
