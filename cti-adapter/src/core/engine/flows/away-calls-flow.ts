import type { LoggedCallStatus } from '../../crm/crm-record';
import type { CallHistoryPort, CallHistoryRecord } from '../../ports/call-history-port';
import type { TimerHandle } from '../../ports/clock';
import type { KeyValueStore } from '../../ports/key-value-store';
import { messageOf, reasonOf, type EngineContext } from './engine-context';

/** Store key of the {@link AwayMarker} (the store is the agent's own: keyed by org and user in the browser). */
export const AWAY_MARKER_KEY = 'softphone.awayMarker';

/**
 * What this agent's softphone remembers of its last active moment: `activeAt` (epoch ms) — the last time it was
 * registered and able to ring — and the telephony session ids of the last calls it rang or placed (`seen`, newest
 * last, at most {@link AWAY_SEEN_LIMIT}): calls the agent already handled there (logged, or dropped with "Don't
 * log") are never offered again.
 * @public
 */
export interface AwayMarker {
  readonly activeAt: number;
  readonly seen: readonly string[];
}

/** How many seen telephony session ids the marker keeps. @public */
export const AWAY_SEEN_LIMIT = 200;

/** Options of {@link AwayCallsFlow}. @public */
export interface AwayCallsOptions {
  /** How often the marker's `activeAt` is written while registered (ms, default 30 s). */
  readonly heartbeatMs?: number;
  /**
   * How far before the marker's `activeAt` the call log is read (ms, default 2 min): a call that started in the last
   * heartbeat before the softphone closed and never rang it is still offered; the seen ids keep out those it rang.
   */
  readonly overlapMs?: number;
}

/** The product's call history window: nothing older is offered (7 days, at most 250 calls). */
const WINDOW = { days: 7, perPage: 250 } as const;

/**
 * Calls that arrived while the softphone was closed or still starting (seed `001_2ba24ca0b1856a49.txt`: such calls
 * "will be logged the next time the extension is active"). Once per start, at the first registration, it reads the
 * agent's RingCentral call log since the marker's `activeAt` ({@link AwayMarker}, kept per agent in the browser):
 * each inbound call it never rang, not logged yet (one `getCallLogStatus`) and not already open, becomes an ended
 * call's log form (the draft of the call history, `history:<telephony session id>`, one `matchNumbers` each) —
 * saved automatically after the countdown when `autoLog` is on and the call is not unresolved, else waiting for the
 * agent. The log key is the call's as for any call (ADR 0009: telephony session id and agent), so a call offered
 * here, opened from History or saved twice is still one Task.
 *
 * The very first start of an agent in a browser only sets the marker (no backlog of a week of calls). A failed read
 * keeps the old marker: the calls are offered at the next start.
 * @public
 */
export class AwayCallsFlow {
  private marker: AwayMarker | null;
  private checked = false;
  private lastWrite = 0;
  private timer: TimerHandle | null = null;
  private readonly heartbeatMs: number;
  private readonly overlapMs: number;

  constructor(
    private readonly ctx: EngineContext,
    private readonly store: KeyValueStore,
    private readonly port: CallHistoryPort | undefined,
    private readonly open: (record: CallHistoryRecord) => { callId: string; matched: Promise<void> },
    private readonly scheduleAutoLog: (callId: string) => void,
    options: AwayCallsOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 30_000;
    this.overlapMs = options.overlapMs ?? 120_000;
    this.marker = readMarker(store);
  }

  /**
   * After every turn, and every `heartbeatMs` while idle: while registered (and once the calls since the last active
   * moment were read), keeps the marker — its time every `heartbeatMs`, and at once when a call the softphone did not
   * know yet is in the book.
   */
  heartbeat(): void {
    if (this.ctx.telephony.status.state !== 'registered' || !this.checked || !this.port) return;
    this.timer ??= this.ctx.clock.setTimeout(() => {
      this.timer = null;
      this.heartbeat();
    }, this.heartbeatMs);
    const known = new Set(this.marker?.seen ?? []);
    const fresh = this.ctx.book
      .all()
      .map((r) => r.call.snapshot.telephonySessionId)
      .filter((id): id is string => !!id && !known.has(id));
    const now = this.ctx.clock.now();
    if (fresh.length === 0 && now - this.lastWrite < this.heartbeatMs) return;
    this.write({ activeAt: now, seen: [...(this.marker?.seen ?? []), ...fresh].slice(-AWAY_SEEN_LIMIT) });
  }

  /**
   * Once per start, when the web phone is first registered: offers the calls since the last active moment.
   * Resolves with how many were offered; never rejects (a failure is a notice and the marker stays).
   */
  async offer(): Promise<number> {
    if (this.checked || !this.port) return 0;
    this.checked = true;
    const since = this.marker?.activeAt ?? null;
    const now = this.ctx.clock.now();
    if (since === null) {
      this.ctx.turn(() => this.write({ activeAt: now, seen: [] }));
      return 0;
    }
    let records: CallHistoryRecord[];
    let logged: Record<string, LoggedCallStatus>;
    try {
      const from = since - this.overlapMs;
      const known = new Set([...(this.marker?.seen ?? []), ...this.knownSessions()]);
      records = (await this.port.list(WINDOW)).filter(
        (r) =>
          r.direction === 'Inbound' &&
          r.telephonySessionId &&
          !known.has(r.telephonySessionId) &&
          Date.parse(r.startTime) >= from &&
          Date.parse(r.startTime) <= now,
      );
      records = uniqueBySession(records);
      logged = records.length > 0 ? await this.ctx.crm.getCallLogStatus(records.map((r) => r.telephonySessionId)) : {};
    } catch (error) {
      this.ctx.turn(() => {
        this.checked = false; // try again at the next registration
        this.ctx.notify(
          'warning',
          'AWAY_CALLS_FAILED',
          `Calls missed while the softphone was closed could not be read: ${messageOf(error)}`,
          reasonOf(error),
        );
      });
      return 0;
    }
    const offered = records.filter(
      (r) => !logged[r.telephonySessionId] && !this.knownSessions().has(r.telephonySessionId),
    );
    const opened = this.ctx.turn(() => {
      const calls = offered.map((record) => this.open(record));
      const seen = [...(this.marker?.seen ?? []), ...records.map((r) => r.telephonySessionId)];
      this.write({ activeAt: now, seen: seen.slice(-AWAY_SEEN_LIMIT) });
      if (calls.length > 0) this.ctx.notify('info', 'AWAY_CALLS', awayMessage(calls.length), calls.length);
      return calls;
    });
    await Promise.all(
      opened.map(({ callId, matched }) => matched.then(() => this.ctx.turn(() => this.scheduleAutoLog(callId)))),
    );
    return opened.length;
  }

  /** Stops the heartbeat timer. */
  dispose(): void {
    if (this.timer !== null) this.ctx.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Telephony session ids of the calls in the book (live, restored, or opened from the history). */
  private knownSessions(): Set<string> {
    const ids = this.ctx.book.all().map((r) => r.call.snapshot.telephonySessionId);
    return new Set(ids.filter((id): id is string => !!id));
  }

  private write(marker: AwayMarker): void {
    this.marker = marker;
    this.lastWrite = marker.activeAt;
    try {
      this.store.set(AWAY_MARKER_KEY, JSON.stringify(marker));
    } catch {
      // storage full: the marker lives in memory; the storage's own notice tells the agent
    }
  }
}

/** The stored marker, or `null` when there is none or it cannot be read (then the next start only sets it). */
function readMarker(store: KeyValueStore): AwayMarker | null {
  try {
    const text = store.get(AWAY_MARKER_KEY);
    if (!text) return null;
    const value = JSON.parse(text) as Partial<AwayMarker>;
    if (typeof value.activeAt !== 'number' || !Number.isFinite(value.activeAt) || !Array.isArray(value.seen)) {
      return null;
    }
    return { activeAt: value.activeAt, seen: value.seen.filter((id): id is string => typeof id === 'string') };
  } catch {
    return null;
  }
}

/** One record per telephony session (a call log may hold one per leg of the same call), the newest kept. */
function uniqueBySession(records: readonly CallHistoryRecord[]): CallHistoryRecord[] {
  const bySession = new Map<string, CallHistoryRecord>();
  for (const record of records)
    if (!bySession.has(record.telephonySessionId)) bySession.set(record.telephonySessionId, record);
  return [...bySession.values()];
}

function awayMessage(count: number): string {
  return count === 1
    ? 'A call arrived while the softphone was closed: its log is on the Phone tab.'
    : `${count} calls arrived while the softphone was closed: their logs are on the Phone tab.`;
}
