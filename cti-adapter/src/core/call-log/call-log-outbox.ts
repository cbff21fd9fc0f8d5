import type { CallLog, UpsertCallLogResult } from './call-log';
import { CrmError } from '../crm/crm-error';
import type { Clock, TimerHandle } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { CrmGateway } from '../ports/crm-gateway';
import type { KeyValueStore } from '../ports/key-value-store';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';

/**
 * Status of one outbox entry:
 * ```
 *   pending ──flush──► sending ──ok──► sent
 *      ▲                  │  └──retriable error──► pending (after backoff)
 *      └── enqueue(new) ──┘  └──other error──────► failed ──enqueue(edit)──► pending
 * ```
 * @public
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One call log waiting for (or done with) `upsertCallLogs`. Persisted as JSON. @public */
export interface OutboxEntry {
  readonly callUniqueId: string;
  readonly log: CallLog;
  /** Incremented whenever the log content changes. */
  readonly revision: number;
  /** Revision the last successful upsert carried (`null` = never saved). */
  readonly savedRevision: number | null;
  readonly status: OutboxStatus;
  /** Failed attempts since the last success. */
  readonly attempts: number;
  /** Epoch ms before which no retry is made. */
  readonly nextAttemptAt: number;
  readonly lastError: { readonly code: string; readonly message: string; readonly field: string | null } | null;
  readonly taskId: string | null;
  readonly updatedAt: number;
}

/** Outcome of {@link CallLogOutbox.save}. @public */
export type OutboxSaveResult =
  | { readonly ok: true; readonly taskId: string; readonly callUniqueId: string }
  | { readonly ok: false; readonly callUniqueId: string; readonly error: CrmError; readonly willRetry: boolean };

/** Options of {@link CallLogOutbox}. @public */
export interface CallLogOutboxOptions {
  readonly gateway: CrmGateway;
  readonly store: KeyValueStore;
  readonly clock?: Clock;
  /** Storage key prefix (default `softphone.outbox.`). */
  readonly keyPrefix?: string;
  /** First retry delay in ms (default 2000); doubles per attempt up to {@link CallLogOutboxOptions.maxBackoffMs}. */
  readonly baseBackoffMs?: number;
  /** Longest retry delay (default 5 min). */
  readonly maxBackoffMs?: number;
  /** Largest batch per request (contract: 200). */
  readonly batchSize?: number;
  /** Saved entries older than this are forgotten at load (ms, default 7 days). Unsaved entries are never dropped. */
  readonly sentRetentionMs?: number;
}

/** @public */
export interface CallLogOutboxEventMap {
  changed: { readonly entry: OutboxEntry };
}

/**
 * Durable outbox of call logs. Every log is written to the {@link KeyValueStore} before any request, so a
 * reload or a failed server call loses nothing; entries are keyed by `callUniqueId` and the server upsert is
 * idempotent by the same key, so a retry never duplicates a Task.
 *
 * Guarantees:
 * - at most one request in flight per call: a save while one is in flight only marks the entry dirty; the
 *   newer revision is sent after the first answer (a harmless merge on the server);
 * - saving unchanged content again sends nothing (double-click on Save → one request);
 * - transient failures (`NETWORK`, `INTERNAL`) retry with exponential backoff; other errors mark the entry
 *   `failed` until the agent edits and saves again.
 * @public
 */
export class CallLogOutbox {
  private readonly gateway: CrmGateway;
  private readonly store: KeyValueStore;
  private readonly clock: Clock;
  private readonly prefix: string;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly batchSize: number;
  private readonly entries = new Map<string, OutboxEntry>();
  /** callUniqueId → revision in flight. */
  private readonly inFlight = new Map<string, number>();
  private readonly waiters = new Map<string, ((result: OutboxSaveResult) => void)[]>();
  private readonly emitter = new TypedEmitter<CallLogOutboxEventMap>();
  private timer: TimerHandle | null = null;
  private flushing: Promise<void> | null = null;

  constructor(options: CallLogOutboxOptions) {
    this.gateway = options.gateway;
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.prefix = options.keyPrefix ?? 'softphone.outbox.';
    this.baseBackoffMs = options.baseBackoffMs ?? 2000;
    this.maxBackoffMs = options.maxBackoffMs ?? 300_000;
    this.batchSize = options.batchSize ?? 200;
    this.load(options.sentRetentionMs ?? 7 * 24 * 3600 * 1000);
  }

  /** All entries (any status), oldest first. */
  list(): OutboxEntry[] {
    return [...this.entries.values()].sort((a, b) => a.updatedAt - b.updatedAt);
  }

  get(callUniqueId: string): OutboxEntry | null {
    return this.entries.get(callUniqueId) ?? null;
  }

  /** Number of requests currently in flight (0 or 1 per call). */
  inFlightCount(): number {
    return this.inFlight.size;
  }

  on<K extends keyof CallLogOutboxEventMap>(type: K, listener: (e: CallLogOutboxEventMap[K]) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  /**
   * Stores the log (persisted synchronously) without sending. Content equal to the stored revision leaves the
   * entry as it is. An `auto`/`sync` log never overwrites non-blank agent-edited fields of a stored `agent` log.
   */
  enqueue(log: CallLog): OutboxEntry {
    const existing = this.entries.get(log.callUniqueId);
    const merged = existing ? mergeLogs(existing.log, log) : log;
    if (existing && sameLog(existing.log, merged) && existing.status !== 'failed') return existing;
    const entry: OutboxEntry = {
      callUniqueId: log.callUniqueId,
      log: merged,
      revision: (existing?.revision ?? 0) + 1,
      savedRevision: existing?.savedRevision ?? null,
      status: this.inFlight.has(log.callUniqueId) ? 'sending' : 'pending',
      attempts: 0,
      nextAttemptAt: this.clock.now(),
      lastError: null,
      taskId: existing?.taskId ?? null,
      updatedAt: this.clock.now(),
    };
    this.put(entry);
    return entry;
  }

  /**
   * Enqueues and sends; resolves when this content is saved (`taskId`) or has failed (`willRetry` tells whether
   * the outbox keeps retrying in the background). Saving content that is already saved resolves at once.
   */
  save(log: CallLog): Promise<OutboxSaveResult> {
    const entry = this.enqueue(log);
    if (entry.status === 'sent' && entry.taskId) {
      return Promise.resolve({ ok: true, taskId: entry.taskId, callUniqueId: entry.callUniqueId });
    }
    const promise = new Promise<OutboxSaveResult>((resolve) => {
      const list = this.waiters.get(log.callUniqueId) ?? [];
      list.push(resolve);
      this.waiters.set(log.callUniqueId, list);
    });
    void this.flush();
    return promise;
  }

  /** Removes an entry (e.g. saved long ago). Not while it is in flight. */
  remove(callUniqueId: string): void {
    if (this.inFlight.has(callUniqueId)) return;
    this.entries.delete(callUniqueId);
    this.store.remove(this.prefix + callUniqueId);
  }

  /**
   * Sends every due entry (pending, retry time reached, not in flight) in batches. Concurrent calls share one
   * run. Schedules the next retry.
   */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flushAgainIfDue());
    this.flushing = this.runFlush().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Stops the retry timer (the entries stay stored). */
  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async flushAgainIfDue(): Promise<void> {
    if (this.dueEntries().length > 0) await this.flush();
  }

  private dueEntries(): OutboxEntry[] {
    const now = this.clock.now();
    return this.list().filter(
      (e) => e.status === 'pending' && e.nextAttemptAt <= now && !this.inFlight.has(e.callUniqueId),
    );
  }

  private async runFlush(): Promise<void> {
    for (;;) {
      const due = this.dueEntries().slice(0, this.batchSize);
      if (due.length === 0) break;
      for (const entry of due) {
        this.inFlight.set(entry.callUniqueId, entry.revision);
        this.put({ ...entry, status: 'sending' });
      }
      let results: UpsertCallLogResult[] | null = null;
      let failure: CrmError | null = null;
      try {
        results = await this.gateway.upsertCallLogs(due.map((e) => e.log));
      } catch (error) {
        failure = CrmError.from(error);
      }
      for (const [index, sent] of due.entries()) {
        const result = results?.[index];
        const error =
          failure ??
          (result === undefined
            ? new CrmError('INTERNAL', 'No result for this log in the response')
            : result.ok
              ? null
              : new CrmError(asCode(result.error.code), result.error.message, result.error.field));
        this.settle(sent, result && result.ok ? result.taskId : null, error);
      }
    }
    this.scheduleRetry();
  }

  private settle(sent: OutboxEntry, taskId: string | null, error: CrmError | null): void {
    const id = sent.callUniqueId;
    this.inFlight.delete(id);
    const current = this.entries.get(id) ?? sent;
    const dirty = current.revision !== sent.revision;
    if (!error && taskId) {
      this.put({
        ...current,
        status: dirty ? 'pending' : 'sent',
        savedRevision: sent.revision,
        attempts: 0,
        lastError: null,
        taskId,
        nextAttemptAt: this.clock.now(),
        updatedAt: this.clock.now(),
      });
      if (!dirty) this.resolveWaiters(id, { ok: true, taskId, callUniqueId: id });
      return;
    }
    const failure = error ?? new CrmError('INTERNAL', 'Unknown failure');
    if (dirty) {
      // A newer revision was saved meanwhile: send it (it carries the agent's latest edits).
      this.put({ ...current, status: 'pending', nextAttemptAt: this.clock.now() });
      return;
    }
    const attempts = current.attempts + 1;
    const willRetry = failure.retriable;
    this.put({
      ...current,
      status: willRetry ? 'pending' : 'failed',
      attempts,
      nextAttemptAt: this.clock.now() + this.backoff(attempts),
      lastError: { code: failure.code, message: failure.message, field: failure.field },
      updatedAt: this.clock.now(),
    });
    this.resolveWaiters(id, { ok: false, callUniqueId: id, error: failure, willRetry });
  }

  private backoff(attempts: number): number {
    return Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
  }

  private scheduleRetry(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const pending = this.list().filter((e) => e.status === 'pending');
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((e) => e.nextAttemptAt));
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        void this.flush();
      },
      Math.max(0, next - this.clock.now()),
    );
  }

  private resolveWaiters(id: string, result: OutboxSaveResult): void {
    const list = this.waiters.get(id);
    if (!list) return;
    this.waiters.delete(id);
    for (const resolve of list) resolve(result);
  }

  private put(entry: OutboxEntry): void {
    this.entries.set(entry.callUniqueId, entry);
    try {
      this.store.set(this.prefix + entry.callUniqueId, JSON.stringify(entry));
    } catch (error) {
      console.error('Call log outbox: cannot persist', entry.callUniqueId, error);
    }
    this.emitter.emit('changed', { entry });
  }

  private load(sentRetentionMs: number): void {
    for (const key of this.store.keys(this.prefix)) {
      const text = this.store.get(key);
      if (!text) continue;
      try {
        const entry = JSON.parse(text) as OutboxEntry;
        if (!entry || typeof entry.callUniqueId !== 'string' || !entry.log) continue;
        if (entry.status === 'sent' && entry.updatedAt < this.clock.now() - sentRetentionMs) {
          this.store.remove(key);
          continue;
        }
        // A request that was in flight when the page went away: its outcome is unknown; the upsert is
        // idempotent, so send it again.
        this.entries.set(entry.callUniqueId, entry.status === 'sending' ? { ...entry, status: 'pending' } : entry);
      } catch {
        this.store.remove(key);
      }
    }
  }
}

const AGENT_FIELDS = ['subject', 'notes', 'disposition', 'whoId', 'whatId', 'fields'] as const;

/** `auto`/`sync` after `agent`: keep the agent's non-blank editable fields; facts come from the newer log. */
function mergeLogs(previous: CallLog, next: CallLog): CallLog {
  if (previous.source !== 'agent' || next.source === 'agent') return next;
  const merged: Record<string, unknown> = { ...next, source: 'agent' };
  for (const key of AGENT_FIELDS) {
    const kept = previous[key];
    if (kept !== null && kept !== '') merged[key] = kept;
  }
  return merged as unknown as CallLog;
}

function sameLog(a: CallLog, b: CallLog): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function asCode(code: string): CrmError['code'] {
  const known: readonly string[] = ['INVALID_INPUT', 'NO_ACCESS', 'NOT_FOUND', 'LIMIT_EXCEEDED', 'INTERNAL', 'NETWORK'];
  return (known.includes(code) ? code : 'INTERNAL') as CrmError['code'];
}
