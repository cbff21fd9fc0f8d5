import type { ConflictReason } from '../matching/log-association';
import type { CallDraft } from './call-draft';

/**
 * One call waiting in the "unresolved" queue: it ended, is not logged, and automatic logging cannot tell whom it
 * was with (`no-match`, `multiple-matches`, `multiple-associations`; the categories App Connect users know).
 * @public
 */
export interface ConflictEntry {
  readonly callId: string;
  readonly reason: ConflictReason;
  readonly remoteNumber: string;
  readonly remoteName: string | null;
  readonly startedAt: number;
}

/**
 * The unresolved queue derived from the persisted drafts (pure; the drafts are the single source of truth, so the
 * queue survives a reload with them). Newest first. A draft leaves the queue when the agent chooses a record,
 * creates a placeholder, sets a Who, logs it or discards it.
 * @public
 */
export function conflictQueue(drafts: Iterable<CallDraft>): ConflictEntry[] {
  const entries: ConflictEntry[] = [];
  for (const draft of drafts) {
    if (draft.conflict === null || draft.taskId !== null || draft.call.state !== 'ended') continue;
    entries.push({
      callId: draft.call.callId,
      reason: draft.conflict,
      remoteNumber: draft.call.remoteNumber,
      remoteName: draft.call.remoteName,
      startedAt: draft.call.startedAt,
    });
  }
  return entries.sort((a, b) => b.startedAt - a.startedAt);
}
