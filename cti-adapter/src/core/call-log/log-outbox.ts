import { LogStorage } from './log-storage';
import type { DroppedStoredValue, StoredRead } from './stored-shapes';
import { CrmError, type CrmErrorCode } from '../crm/crm-error';
import type { Clock, TimerHandle } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { KeyValueStore } from '../ports/key-value-store';
import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';

/**
 * Status of one outbox entry:
 * ```
 *   pending ──flush──► sending ──ok / superseded──► sent
 *      ▲                  │  └──NETWORK, or INTERNAL below maxAttempts──► pending (after backoff)
 *      └── enqueue(new) ──┘  └──other error, or INTERNAL at maxAttempts──► failed ──enqueue(edit or same)──► pending
 * ```
 * @public
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * One log waiting for (or done with) its upsert, keyed by the field `K` (`telephonySessionId` for a call,
 * `key` for an SMS conversation's day). Stored as JSON with a version (`stored-shapes.ts`).
 * @public
 */
export type LogEntry<L, K extends string> = Readonly<Record<K, string>> & {
  readonly log: L;
  /**
   * Revision of the content, sent with the log: epoch ms × 1000 of the change, and always above every revision of
   * the log seen in memory or in storage (two tabs), so a later change always has a higher revision.
   */
  readonly revision: number;
  /** Revision the last successful upsert carried (`null` = never saved). */
  readonly savedRevision: number | null;
  readonly status: OutboxStatus;
  /** Failed attempts since the last success. */
  readonly attempts: number;
  /** Epoch ms before which no retry is made. */
  readonly nextAttemptAt: number;
  readonly lastError: {
    readonly code: string;
    readonly message: string;
    readonly field: string | null;
    /** The Softphone Error Log of an `INTERNAL` failure (`SP-…`), when the server named one. */
    readonly reference?: string | null;
    /**
     * The call's Task when the server wrote it and refused only a part of the log — its follow-up Task (contract,
     * `upsertCallLogs`, "Follow-up Task": a failed row with the call's `taskId`, ADR 0033); `null` or absent (an entry
     * stored before it existed) when nothing of the log was saved. Tells what failed without reading the message,
     * which is in the agent's language.
     */
    readonly taskId?: string | null;
    /**
     * The attempts after which the outbox gave up on a retriable failure (`status` `failed`), else `null`: the UI
     * says so in the agent's language next to `message` (ADR 0032), which keeps the server's own words.
     */
    readonly gaveUpAfter: number | null;
  } | null;
  readonly taskId: string | null;
  readonly updatedAt: number;
};

/** One upsert result of a log (request order): the Task's id, or why it was refused. @public */
export type LogUpsertResult =
  | { readonly ok: true; readonly taskId: string }
  | {
      readonly ok: false;
      /** The log's Task, when it was written and only a part of the log failed (a call's follow-up Task). */
      readonly taskId?: string;
      readonly error: { readonly code: string; readonly message: string; readonly field: string | null };
    };

/**
 * What a kind of log brings to {@link LogOutbox}: its key, the one request that upserts a batch, the merge of an
 * automatic log over the agent's, and its stored shape.
 * @public
 */
export interface LogChannel<L, K extends string> {
  /** Name of the key field of the entries. */
  readonly keyField: K;
  keyOf(log: L): string;
  /** One round trip: the logs with their revisions → one result per log, in request order. */
  send(logs: readonly (L & { readonly revision: number })[]): Promise<readonly LogUpsertResult[]>;
  /** `previous` is stored, `next` arrives: what is kept (an automatic log never overwrites the agent's edits). */
  merge(previous: L, next: L): L;
  read(stored: string): StoredRead<LogEntry<L, K>>;
  write(entry: LogEntry<L, K>): string;
}

/** Outcome of {@link LogOutbox.save}. @public */
export type LogSaveResult<K extends string> = Readonly<Record<K, string>> &
  (
    | { readonly ok: true; readonly taskId: string }
    | { readonly ok: false; readonly error: CrmError; readonly willRetry: boolean }
  );

/** Options of {@link LogOutbox}. @public */
export interface LogOutboxOptions {
  /** Where entries are kept; a {@link LogStorage} over it is made unless `storage` is given. */
  readonly store: KeyValueStore;
  /** The storage shared with the call drafts (the outbox frees space in it when it is full). */
  readonly storage?: LogStorage;
  readonly clock?: Clock;
  /** Storage key prefix. */
  readonly keyPrefix: string;
  /** First retry delay in ms (default 2000); doubles per attempt up to {@link LogOutboxOptions.maxBackoffMs}. */
  readonly baseBackoffMs?: number;
  /** Longest retry delay (default 5 min). */
  readonly maxBackoffMs?: number;
  /** Most logs per request (contract: 200). */
  readonly batchSize?: number;
  /**
   * Most characters of JSON per request (default 500 000: about 15 logs with 32 000-character notes). The server
   * holds the request, the parsed logs and the Tasks in its 6 MB Apex heap; 200 logs with full notes would not fit.
   * A single log is always sent.
   */
  readonly maxBatchChars?: number;
  /**
   * Attempts before an `INTERNAL` failure marks the log `failed` (default 8: about 4 minutes with the default
   * backoff). `NETWORK` failures are retried without limit: the request never reached Salesforce.
   */
  readonly maxAttempts?: number;
  /** Saved entries older than this are forgotten at load (ms, default 7 days). Unsaved entries are never dropped. */
  readonly sentRetentionMs?: number;
  /**
   * Runs the changes of one request as one unit (default: runs `work`): the entries a request marks `sending`, and
   * the entries its answer settles. The engine passes its turn, so a request of 200 logs publishes one state when it
   * leaves and one when it is answered, not one per log and step (a backlog of 1,000 logs made 2,000 renders).
   */
  readonly turn?: <T>(work: () => T) => T;
}

/** @public */
export interface LogOutboxEventMap<E> {
  changed: { readonly entry: E };
  /** An entry became `failed`: it is not retried until the agent saves the log again. */
  failed: { readonly entry: E };
}

/** Failures a smaller request may not have: the Apex heap, or one log the server cannot handle. */
const SPLITTABLE: readonly CrmErrorCode[] = ['INTERNAL', 'LIMIT_EXCEEDED'];

/**
 * Durable outbox of logs (call logs, SMS logs: one {@link LogChannel} each). Every log is written to storage before
 * any request, so a reload or a failed server call loses nothing; entries are keyed by the channel's key (the telephony
 * session id of a call; a conversation and day of SMS), the server upsert is idempotent by the log key it derives,
 * so a retry never duplicates a Task, and each request carries the entry's revision, so an older revision (another
 * tab, a late retry) never overwrites a newer one.
 *
 * Guarantees:
 * - at most one request in flight per call: a save while one is in flight only marks the entry dirty; the newer
 *   revision is sent after the first answer;
 * - saving unchanged content again sends nothing (double-click on Save → one request);
 * - requests hold at most `batchSize` logs and `maxBatchChars` characters; a request that fails as a whole with
 *   `INTERNAL` or `LIMIT_EXCEEDED` is split in halves (a bounded number of times), so one bad log fails alone;
 * - `NETWORK` failures retry with exponential backoff without limit; `INTERNAL` ones up to `maxAttempts`; other
 *   errors, and `INTERNAL` at the limit, mark the entry `failed` (event `failed`) until the agent saves again;
 * - a stored entry of a newer revision (written by another tab) is never overwritten: it is taken over;
 * - a full storage first loses the entries already saved in Salesforce ({@link LogOutbox.evictSent}).
 * @public
 */
export class LogOutbox<L, K extends string> {
  private readonly channel: LogChannel<L, K>;
  private readonly storage: LogStorage;
  private readonly clock: Clock;
  private readonly prefix: string;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly batchSize: number;
  private readonly maxBatchChars: number;
  private readonly maxAttempts: number;
  private readonly turn: <T>(work: () => T) => T;
  private readonly entries = new Map<string, LogEntry<L, K>>();
  /** key → revision in flight. */
  private readonly inFlight = new Map<string, number>();
  private readonly waiters = new Map<string, ((result: LogSaveResult<K>) => void)[]>();
  private readonly emitter = new TypedEmitter<LogOutboxEventMap<LogEntry<L, K>>>();
  private timer: TimerHandle | null = null;
  private flushing: Promise<void> | null = null;
  /** Stored entries that could not be read at load and were removed. */
  readonly droppedAtLoad: readonly DroppedStoredValue[];

  constructor(options: LogOutboxOptions, channel: LogChannel<L, K>) {
    this.channel = channel;
    this.storage = options.storage ?? new LogStorage(options.store);
    this.clock = options.clock ?? systemClock;
    this.prefix = options.keyPrefix;
    this.baseBackoffMs = options.baseBackoffMs ?? 2000;
    this.maxBackoffMs = options.maxBackoffMs ?? 300_000;
    this.batchSize = options.batchSize ?? 200;
    this.maxBatchChars = options.maxBatchChars ?? 500_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.turn = options.turn ?? ((work) => work());
    this.droppedAtLoad = this.load(options.sentRetentionMs ?? 7 * 24 * 3600 * 1000);
    this.storage.addEvictor(() => this.evictSent());
  }

  /** All entries (any status), oldest first. */
  list(): LogEntry<L, K>[] {
    return [...this.entries.values()].sort((a, b) => a.updatedAt - b.updatedAt);
  }

  get(key: string): LogEntry<L, K> | null {
    return this.entries.get(key) ?? null;
  }

  /** Number of requests currently in flight (0 or 1 per call). */
  inFlightCount(): number {
    return this.inFlight.size;
  }

  on<T extends keyof LogOutboxEventMap<LogEntry<L, K>>>(
    type: T,
    listener: (e: LogOutboxEventMap<LogEntry<L, K>>[T]) => void,
  ): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  /**
   * Stores the log (persisted synchronously) without sending. Content equal to the newest stored revision leaves
   * the entry as it is. An `auto`/`sync` log never overwrites the agent-edited fields of a stored `agent` log
   * that say something ({@link keepAgentEdits}).
   */
  enqueue(log: L): LogEntry<L, K> {
    const id = this.channel.keyOf(log);
    const existing = this.newest(id);
    const merged = existing ? this.channel.merge(existing.log, log) : log;
    if (existing && sameLog(existing.log, merged) && existing.status !== 'failed') {
      if (this.entries.get(id) !== existing) this.entries.set(id, existing);
      return existing;
    }
    const now = this.clock.now();
    const entry = {
      [this.channel.keyField]: id,
      log: merged,
      revision: Math.max(now * 1000, (existing?.revision ?? 0) + 1),
      savedRevision: existing?.savedRevision ?? null,
      status: this.inFlight.has(id) ? 'sending' : 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      taskId: existing?.taskId ?? null,
      updatedAt: now,
    } as LogEntry<L, K>;
    this.put(entry);
    return entry;
  }

  /**
   * Enqueues and sends; resolves when this content is saved (`taskId`) or has failed (`willRetry` tells whether
   * the outbox keeps retrying in the background). Saving content that is already saved resolves at once.
   */
  save(log: L): Promise<LogSaveResult<K>> {
    const entry = this.enqueue(log);
    if (entry.status === 'sent' && entry.taskId) {
      return Promise.resolve(this.result(this.keyOf(entry), { ok: true, taskId: entry.taskId }));
    }
    const promise = new Promise<LogSaveResult<K>>((resolve) => {
      const list = this.waiters.get(this.keyOf(entry)) ?? [];
      list.push(resolve);
      this.waiters.set(this.keyOf(entry), list);
    });
    void this.flush();
    return promise;
  }

  /** Removes an entry (e.g. saved long ago). Not while it is in flight. */
  remove(key: string): void {
    if (this.inFlight.has(key)) return;
    this.entries.delete(key);
    this.storage.remove(this.prefix + key);
  }

  /**
   * Frees storage: removes the stored copies of the entries already saved in Salesforce (not in flight), which the
   * outbox keeps in memory for this page. Returns how many it removed. Called by the {@link LogStorage} when full.
   */
  evictSent(): number {
    let removed = 0;
    for (const entry of this.entries.values()) {
      if (entry.status !== 'sent' || this.inFlight.has(this.keyOf(entry))) continue;
      this.storage.remove(this.prefix + this.keyOf(entry));
      removed += 1;
    }
    return removed;
  }

  /**
   * Forgets every entry saved in Salesforce, in memory and in storage (sign-out). Entries not saved yet stay: they
   * are sent the next time this user's softphone runs in this browser. Returns how many entries stay.
   */
  forgetSent(): number {
    for (const entry of [...this.entries.values()]) {
      if (entry.status === 'sent') this.remove(this.keyOf(entry));
    }
    return [...this.entries.values()].filter((e) => e.status !== 'sent').length;
  }

  /**
   * Sends every pending entry now, retry time reached or not (before a sign-out). Failed entries stay failed: they
   * wait for the agent. Resolves when the requests are answered.
   */
  sendPendingNow(): Promise<void> {
    const now = this.clock.now();
    for (const entry of this.entries.values()) {
      if (entry.status === 'pending' && entry.nextAttemptAt > now) {
        this.entries.set(this.keyOf(entry), { ...entry, nextAttemptAt: now });
      }
    }
    return this.flush();
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

  private dueEntries(): LogEntry<L, K>[] {
    const now = this.clock.now();
    return this.list().filter(
      (e) => e.status === 'pending' && e.nextAttemptAt <= now && !this.inFlight.has(this.keyOf(e)),
    );
  }

  /**
   * The due entries of the next request: at most `batchSize` logs and `maxBatchChars` characters (one at least).
   * Each is read again from storage first: another tab may have saved a newer revision, which is then taken over.
   */
  private nextBatch(): LogEntry<L, K>[] {
    const batch: LogEntry<L, K>[] = [];
    let chars = 0;
    const now = this.clock.now();
    for (const due of this.dueEntries()) {
      const entry = this.newest(this.keyOf(due));
      if (!entry || entry.status !== 'pending' || entry.nextAttemptAt > now) continue;
      const size = JSON.stringify(sentLog(entry)).length;
      if (batch.length > 0 && (batch.length >= this.batchSize || chars + size > this.maxBatchChars)) break;
      batch.push(entry);
      chars += size;
    }
    return batch;
  }

  private async runFlush(): Promise<void> {
    for (;;) {
      const batch = this.nextBatch();
      if (batch.length === 0) break;
      this.turn(() => {
        for (const entry of batch) {
          this.inFlight.set(this.keyOf(entry), entry.revision);
          this.put({ ...entry, status: 'sending' });
        }
      });
      // A split batch makes at most about two requests per halving step.
      await this.send(batch, { left: 2 * Math.ceil(Math.log2(batch.length)) + 2 });
    }
    this.scheduleRetry();
  }

  /**
   * One request. When it fails as a whole with a {@link SPLITTABLE} error and the request budget allows, its two
   * halves are sent on their own: a batch over the server's heap then succeeds in parts, and one log the server
   * cannot handle fails alone. When every part fails (the server is down) the budget ends the splitting: at most
   * about 2 × log2(n) requests. Each entry is settled once.
   */
  private async send(batch: readonly LogEntry<L, K>[], budget: { left: number }): Promise<void> {
    budget.left -= 1;
    let results: readonly LogUpsertResult[] | null = null;
    let failure: CrmError | null = null;
    try {
      results = await this.channel.send(batch.map(sentLog));
    } catch (error) {
      failure = CrmError.from(error);
    }
    if (failure && batch.length > 1 && SPLITTABLE.includes(failure.code) && budget.left >= 2) {
      const half = Math.ceil(batch.length / 2);
      await this.send(batch.slice(0, half), budget);
      if (budget.left > 0) await this.send(batch.slice(half), budget);
      else for (const sent of batch.slice(half)) this.settle(sent, null, failure);
      return;
    }
    this.turn(() => {
      for (const [index, sent] of batch.entries()) {
        const result = results?.[index];
        if (!failure && result?.ok) this.settle(sent, result.taskId, null);
        else this.settle(sent, null, failure ?? resultError(result), (!failure && result?.taskId) || null);
      }
    });
  }

  /** `loggedTaskId`: the Task of a failed log whose main record was written all the same (see `lastError.taskId`). */
  private settle(
    sent: LogEntry<L, K>,
    taskId: string | null,
    error: CrmError | null,
    loggedTaskId = null as string | null,
  ): void {
    const id = this.keyOf(sent);
    this.inFlight.delete(id);
    const current = this.entries.get(id) ?? sent;
    const dirty = current.revision !== sent.revision;
    const now = this.clock.now();
    if (!error && taskId) {
      this.put({
        ...current,
        status: dirty ? 'pending' : 'sent',
        savedRevision: sent.revision,
        attempts: 0,
        lastError: null,
        taskId,
        nextAttemptAt: now,
        updatedAt: now,
      });
      if (!dirty) this.resolveWaiters(id, this.result(id, { ok: true, taskId }));
      return;
    }
    const failure = error ?? new CrmError('INTERNAL', 'Unknown failure');
    if (dirty) {
      // A newer revision was saved meanwhile: send it (it carries the agent's latest edits).
      this.put({ ...current, status: 'pending', nextAttemptAt: now });
      return;
    }
    const attempts = current.attempts + 1;
    const willRetry = failure.code === 'NETWORK' || (failure.retriable && attempts < this.maxAttempts);
    const gaveUpAfter = failure.retriable && !willRetry ? attempts : null;
    const entry: LogEntry<L, K> = {
      ...current,
      status: willRetry ? 'pending' : 'failed',
      attempts,
      nextAttemptAt: now + this.backoff(attempts),
      lastError: {
        code: failure.code,
        message: failure.message,
        field: failure.field,
        reference: failure.reference,
        taskId: loggedTaskId,
        gaveUpAfter,
      },
      updatedAt: now,
    };
    this.put(entry);
    if (!willRetry) this.emitter.emit('failed', { entry });
    this.resolveWaiters(id, this.result(id, { ok: false, error: failure, willRetry }));
  }

  private keyOf(entry: LogEntry<L, K>): string {
    return entry[this.channel.keyField] as string;
  }

  private result(
    key: string,
    outcome: { ok: true; taskId: string } | { ok: false; error: CrmError; willRetry: boolean },
  ): LogSaveResult<K> {
    return { [this.channel.keyField]: key, ...outcome } as LogSaveResult<K>;
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

  private resolveWaiters(id: string, result: LogSaveResult<K>): void {
    const list = this.waiters.get(id);
    if (!list) return;
    this.waiters.delete(id);
    for (const resolve of list) resolve(result);
  }

  /**
   * The newest known state of an entry: the one in memory, or the stored one when another tab wrote a higher
   * revision (taken over; a `sending` one waits a remoting timeout before this tab sends it again).
   */
  private newest(id: string): LogEntry<L, K> | null {
    const memory = this.entries.get(id) ?? null;
    const stored = this.readStored(id);
    if (stored === null || (memory !== null && stored.revision <= memory.revision)) return memory;
    const now = this.clock.now();
    const adopted: LogEntry<L, K> =
      stored.status === 'sending' ? { ...stored, status: 'pending', nextAttemptAt: now + 30_000 } : stored;
    this.entries.set(id, adopted);
    return adopted;
  }

  private readStored(id: string): LogEntry<L, K> | null {
    const text = this.storage.read(this.prefix + id);
    const read = text === null ? null : this.channel.read(text);
    return read?.kind === 'ok' ? read.value : null;
  }

  /** Keeps an entry in memory and storage, unless storage holds a newer revision (another tab): then takes that. */
  private put(entry: LogEntry<L, K>): void {
    const newer = this.newest(this.keyOf(entry));
    if (newer && newer.revision > entry.revision) {
      this.emitter.emit('changed', { entry: newer });
      return;
    }
    this.entries.set(this.keyOf(entry), entry);
    this.storage.write(this.prefix + this.keyOf(entry), this.channel.write(entry));
    this.emitter.emit('changed', { entry });
  }

  private load(sentRetentionMs: number): DroppedStoredValue[] {
    const dropped: DroppedStoredValue[] = [];
    for (const key of this.storage.keys(this.prefix)) {
      const text = this.storage.read(key);
      if (text === null) continue;
      const read: StoredRead<LogEntry<L, K>> = this.channel.read(text);
      if (read.kind === 'newer') continue; // written by a newer softphone: its own to send
      if (read.kind === 'bad' || this.prefix + this.keyOf(read.value) !== key) {
        this.storage.remove(key);
        dropped.push({ key, reason: read.kind === 'bad' ? read.reason : 'stored under another key' });
        continue;
      }
      const entry = read.value;
      if (entry.status === 'sent' && entry.updatedAt < this.clock.now() - sentRetentionMs) {
        this.storage.remove(key);
        continue;
      }
      // A request that was in flight when the page went away: its outcome is unknown; the upsert is idempotent
      // and the revision the same, so send it again.
      const loaded: LogEntry<L, K> = entry.status === 'sending' ? { ...entry, status: 'pending' } : entry;
      this.entries.set(this.keyOf(entry), loaded);
      if (!text.startsWith('{"v":')) this.storage.write(key, this.channel.write(loaded));
    }
    return dropped;
  }
}

/** The log as sent: with the entry's revision. */
function sentLog<L, K extends string>(entry: LogEntry<L, K>): L & { readonly revision: number } {
  return { ...entry.log, revision: entry.revision };
}

function sameLog<L>(a: L, b: L): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The error of a failed result, or `INTERNAL` when the response has no result for the log. */
function resultError(result: LogUpsertResult | undefined): CrmError {
  if (!result || result.ok) return new CrmError('INTERNAL', 'No result for this log in the response');
  return new CrmError(asCode(result.error.code), result.error.message, result.error.field);
}

function asCode(code: string): CrmErrorCode {
  const known: readonly string[] = ['INVALID_INPUT', 'NO_ACCESS', 'NOT_FOUND', 'LIMIT_EXCEEDED', 'INTERNAL', 'NETWORK'];
  return (known.includes(code) ? code : 'INTERNAL') as CrmErrorCode;
}

/**
 * `auto`/`sync` after `agent`: keep the agent's editable fields (`fields` named by the kind of log) that say something —
 * a value, or `""`, the agent's clearing of a Who/What, which an automatic log's `null` must not undo before it is
 * sent (ADR 0010, amendment "Clearing Who and What"); `null` (keep) takes the newer log's. Facts come from the newer
 * log. Shared by the call and SMS channels.
 * @public
 */
export function keepAgentEdits<L extends { readonly source: string }>(
  previous: L,
  next: L,
  agentFields: readonly (keyof L)[],
): L {
  if (previous.source !== 'agent' || next.source === 'agent') return next;
  const merged: Record<string, unknown> = { ...next, source: 'agent' };
  for (const key of agentFields) {
    const kept = previous[key];
    if (kept !== null && kept !== undefined) merged[key as string] = kept;
  }
  return merged as unknown as L;
}
