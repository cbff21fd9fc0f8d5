import type { CallHistoryPort, CallHistoryRecord } from '../../core/ports/call-history-port';
import type { Clock } from '../../core/ports/clock';
import { systemClock } from '../../core/ports/clock';
import { RingCentralApiError } from '../rest/ringcentral-api-error';
import type { RingCentralApi } from '../rest/ringcentral-api';
import { recordingContentUri } from '../rest/media-entry-point';

const CALL_LOG_PATH = '/restapi/v1.0/account/~/extension/~/call-log';
const DAY_MS = 86_400_000;
/** RingCentral's `perPage` maximum for call-log lists. */
const MAX_PER_PAGE = 1000;

/** A call-log record as `GET …/call-log?view=Detailed` returns it (the fields the softphone reads). @public */
export interface RcCallLogRecord {
  readonly id: string;
  readonly sessionId?: string;
  readonly telephonySessionId?: string;
  readonly partyId?: string;
  readonly startTime: string;
  readonly duration?: number;
  readonly type?: string;
  readonly direction: 'Inbound' | 'Outbound';
  readonly action?: string;
  readonly result?: string;
  readonly reason?: string;
  readonly from?: { readonly phoneNumber?: string; readonly name?: string; readonly location?: string };
  readonly to?: { readonly phoneNumber?: string; readonly name?: string; readonly location?: string };
  readonly recording?: {
    readonly id: string;
    readonly uri?: string;
    readonly type?: string;
    readonly contentUri?: string;
  };
  readonly legs?: readonly unknown[];
}

/** @public */
export interface RingCentralCallHistoryOptions {
  readonly api: RingCentralApi;
  /**
   * The media entry point (`RingCentralSession.mediaServer`): the origin of a recording link for a record without
   * `contentUri` (the API reference marks it required; the link is then built as RingCentral builds it).
   */
  readonly mediaServer: string;
  readonly clock?: Clock;
  /** Waits between attempts of {@link RingCentralCallHistory.findByTelephonySessionId}. Default [1000, 2000, 4000] ms. */
  readonly lookupRetryDelaysMs?: readonly number[];
}

/**
 * The agent's RingCentral call log — {@link CallHistoryPort} over `GET /restapi/v1.0/account/~/extension/~/call-log`
 * (`view=Detailed`, `dateFrom` = now − `days`, `perPage`; the product shows 7 days / 250 items), plus the lookup of
 * one call's final record by `telephonySessionId` (duration and recording link after hang-up).
 * @public
 */
export class RingCentralCallHistory implements CallHistoryPort {
  private readonly clock: Clock;

  constructor(private readonly options: RingCentralCallHistoryOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Newest first, at most `perPage` records (1–1000). Rejects with `RingCentralApiError`. */
  async list(options: { days: number; perPage: number }): Promise<CallHistoryRecord[]> {
    const perPage = Math.max(1, Math.min(MAX_PER_PAGE, Math.floor(options.perPage)));
    const dateFrom = new Date(this.clock.now() - Math.max(0, options.days) * DAY_MS).toISOString();
    const page = await this.options.api.get<{ records?: RcCallLogRecord[] }>(CALL_LOG_PATH, {
      view: 'Detailed',
      dateFrom,
      perPage,
      page: 1,
    });
    return (page.records ?? [])
      .map((record) => toHistoryRecord(record, this.options.mediaServer))
      .sort((a, b) => b.startTime.localeCompare(a.startTime))
      .slice(0, perPage);
  }

  /**
   * {@link CallHistoryPort.finalRecord}: one lookup without retries (the caller decides when to look again, e.g. a
   * queue call that rings other members for minutes).
   */
  finalRecord(telephonySessionId: string): Promise<CallHistoryRecord | null> {
    return this.findByTelephonySessionId(telephonySessionId, []);
  }

  /**
   * The agent's final call-log record of one telephony session (`GET …/call-log?telephonySessionId=…&view=Detailed`),
   * or `null` when none appeared. RingCentral writes the record shortly after the call ends, so the lookup retries
   * (`lookupRetryDelaysMs`) while the list is empty; other errors reject.
   */
  async findByTelephonySessionId(
    telephonySessionId: string,
    delays: readonly number[] = this.options.lookupRetryDelaysMs ?? [1000, 2000, 4000],
  ): Promise<CallHistoryRecord | null> {
    for (let attempt = 0; ; attempt += 1) {
      let records: RcCallLogRecord[] = [];
      try {
        const page = await this.options.api.get<{ records?: RcCallLogRecord[] }>(CALL_LOG_PATH, {
          telephonySessionId,
          view: 'Detailed',
          dateFrom: new Date(this.clock.now() - DAY_MS).toISOString(),
        });
        records = (page.records ?? []).filter((r) => r.telephonySessionId === telephonySessionId);
      } catch (error) {
        if (!(error instanceof RingCentralApiError && error.transient) || attempt >= delays.length) throw error;
      }
      if (records.length > 0) {
        const latest = records.reduce((a, b) => (Date.parse(b.startTime) > Date.parse(a.startTime) ? b : a));
        return toHistoryRecord(latest, this.options.mediaServer);
      }
      const delay = delays[attempt];
      if (delay === undefined) return null;
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, delay));
    }
  }
}

/**
 * The legs of a detailed record (direction and result of each); legs of another shape are skipped.
 */
function legsOf(record: RcCallLogRecord): CallHistoryRecord['legs'] {
  if (!record.legs) return undefined;
  const legs: { direction: 'Inbound' | 'Outbound'; result: string }[] = [];
  for (const leg of record.legs) {
    if (!leg || typeof leg !== 'object') continue;
    const { direction, result } = leg as { direction?: unknown; result?: unknown };
    if ((direction === 'Inbound' || direction === 'Outbound') && typeof result === 'string')
      legs.push({ direction, result });
  }
  return legs;
}

/**
 * Maps a RingCentral record to the port's shape; the recording link is the record's `contentUri` (absolute, on the
 * media entry point), else built on `mediaServer`. @internal
 */
export function toHistoryRecord(record: RcCallLogRecord, mediaServer: string): CallHistoryRecord {
  return {
    id: record.id,
    telephonySessionId: record.telephonySessionId ?? '',
    sessionId: record.sessionId ?? null,
    direction: record.direction,
    startTime: record.startTime,
    duration: record.duration ?? 0,
    result: record.result ?? 'Unknown',
    from: { ...(record.from ?? {}) },
    to: { ...(record.to ?? {}) },
    recording: record.recording
      ? {
          id: record.recording.id,
          contentUri: record.recording.contentUri ?? recordingContentUri(mediaServer, record.recording.id),
        }
      : null,
    ...(record.legs ? { legs: legsOf(record) } : {}),
  };
}
