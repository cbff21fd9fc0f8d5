import type { CallSnapshot } from '../../call/call-snapshot';
import { NEW_DRAFT_FIELDS, type CallDraft } from '../../call-log/call-draft';

/** A complete snapshot of an ended inbound call from a sample number; `partial` over it. */
export function callSnapshotFixture(partial: Partial<CallSnapshot> & { callId: string }): CallSnapshot {
  return {
    telephonySessionId: `s-${partial.callId}`,
    sessionId: null,
    partyId: null,
    direction: 'inbound',
    state: 'ended',
    remoteNumber: '+16505550199',
    remoteName: null,
    localNumber: '+16505550100',
    localName: 'Alex Agent',
    queueName: null,
    muted: false,
    recording: 'off',
    recordingUrl: null,
    recordingId: null,
    startedAt: 0,
    answeredAt: null,
    endedAt: null,
    endReason: 'missed',
    transferTarget: null,
    ...partial,
  };
}

/**
 * A matched, unlogged call draft for store / queue tests: a complete call snapshot ({@link callSnapshotFixture})
 * with `call` over it, matching done with no matches, an unedited empty form, no countdown, conflict or Task;
 * `partial` over the draft.
 */
export function callDraftFixture(
  call: Partial<CallSnapshot> & { callId: string },
  partial: Partial<Omit<CallDraft, 'call'>> = {},
): CallDraft {
  return { ...NEW_DRAFT_FIELDS, call: callSnapshotFixture(call), matchStatus: 'done', ...partial };
}
