import type { KeyValueStore } from '../ports/key-value-store';
import type { CallDraft } from './call-draft';
import { LogStorage } from './log-storage';
import { readStoredDraft, storedDraftText, type DroppedStoredValue } from './stored-shapes';

/** The stored drafts that could be read (oldest call first) and those that could not (removed). @public */
export interface StoredDrafts {
  readonly drafts: readonly CallDraft[];
  readonly dropped: readonly DroppedStoredValue[];
}

/**
 * Persists {@link CallDraft}s (one key per call: `<prefix><callId>`, a versioned shape: `stored-shapes.ts`) in the
 * {@link LogStorage} it shares with the outbox. Writes are synchronous, so the notes typed a moment before a reload
 * are there after it; a write the full storage refuses is reported by the storage's `full` event.
 * @public
 */
export class CallDraftStore {
  private readonly prefix: string;
  private readonly storage: LogStorage;

  /** @param store where drafts are kept: a {@link LogStorage} (shared with the outbox) or a plain store */
  constructor(store: KeyValueStore | LogStorage, options: { keyPrefix?: string } = {}) {
    this.storage = store instanceof LogStorage ? store : new LogStorage(store);
    this.prefix = options.keyPrefix ?? 'softphone.draft.';
  }

  /** Stores a draft; `false` when the storage is full (the draft is then only in memory). */
  save(draft: CallDraft): boolean {
    return this.storage.write(this.prefix + draft.call.callId, storedDraftText(draft));
  }

  /** The stored draft of a call, or `null` when there is none or it cannot be read. */
  get(callId: string): CallDraft | null {
    const text = this.storage.read(this.prefix + callId);
    const read = text === null ? null : readStoredDraft(text);
    return read?.kind === 'ok' ? read.value : null;
  }

  remove(callId: string): void {
    this.storage.remove(this.prefix + callId);
  }

  /**
   * All stored drafts, oldest call first. A draft that cannot be read (not JSON, not the shape of its version,
   * stored under another call's key) is removed and reported in `dropped`; one of a newer version (written by a
   * newer softphone in another tab) is left alone.
   */
  list(): StoredDrafts {
    const drafts: CallDraft[] = [];
    const dropped: DroppedStoredValue[] = [];
    for (const key of this.storage.keys(this.prefix)) {
      const text = this.storage.read(key);
      if (text === null) continue;
      const read = readStoredDraft(text);
      if (read.kind === 'newer') continue;
      if (read.kind === 'ok' && this.prefix + read.value.call.callId === key) {
        drafts.push(read.value);
        continue;
      }
      this.storage.remove(key);
      dropped.push({ key, reason: read.kind === 'bad' ? read.reason : 'stored under another call' });
    }
    return { drafts: drafts.sort((a, b) => a.call.startedAt - b.call.startedAt), dropped };
  }
}
