import type { KeyValueStore } from '../ports/key-value-store';
import type { CallDraft } from './call-draft';

/**
 * Persists {@link CallDraft}s (one key per call: `<prefix><callId>`) in a {@link KeyValueStore}.
 * Writes are synchronous, so the notes typed a moment before a reload are there after it.
 * @public
 */
export class CallDraftStore {
  private readonly prefix: string;

  constructor(
    private readonly store: KeyValueStore,
    options: { keyPrefix?: string } = {},
  ) {
    this.prefix = options.keyPrefix ?? 'softphone.draft.';
  }

  save(draft: CallDraft): void {
    try {
      this.store.set(this.prefix + draft.call.callId, JSON.stringify(draft));
    } catch (error) {
      console.error('Call drafts: cannot persist', draft.call.callId, error);
    }
  }

  get(callId: string): CallDraft | null {
    const text = this.store.get(this.prefix + callId);
    if (!text) return null;
    try {
      return JSON.parse(text) as CallDraft;
    } catch {
      return null;
    }
  }

  remove(callId: string): void {
    this.store.remove(this.prefix + callId);
  }

  /** All stored drafts, oldest call first. Unreadable entries are dropped. */
  list(): CallDraft[] {
    const drafts: CallDraft[] = [];
    for (const key of this.store.keys(this.prefix)) {
      const draft = this.get(key.slice(this.prefix.length));
      if (draft && draft.call && typeof draft.call.callId === 'string') drafts.push(draft);
      else this.store.remove(key);
    }
    return drafts.sort((a, b) => a.call.startedAt - b.call.startedAt);
  }
}
