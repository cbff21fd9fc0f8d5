import { Call } from '../../call/call';
import type { CallSnapshot } from '../../call/call-snapshot';
import type { EndReason } from '../../call/call-state';
import type { LoggedCallStatus } from '../../crm/crm-record';
import type { CallHistoryPort, CallHistoryRecord } from '../../ports/call-history-port';
import type { HistoryItem } from '../softphone-state';
import { messageOf, reasonOf, type EngineContext } from './engine-context';

/** The product's call history window (7 days, at most 250 calls). */
const HISTORY = { days: 7, perPage: 250 } as const;

/**
 * The call history tab: the agent's RingCentral call log with which calls are logged (one `getCallLogStatus`), and
 * a log form for a past call (a draft over an ended call, matched with one `matchNumbers`).
 * @public
 */
export class HistoryFlow {
  /** The rows of the last {@link HistoryFlow.load}. */
  items: readonly HistoryItem[] = [];

  constructor(
    private readonly ctx: EngineContext,
    private readonly port: CallHistoryPort | undefined,
    private readonly match: (callId: string) => Promise<void>,
  ) {}

  /** Loads the call history and the logged flags (a failed status check is a notice; the rows still show). */
  async load(): Promise<readonly HistoryItem[]> {
    if (!this.port) return [];
    const records = await this.port.list(HISTORY);
    const ids = [...new Set(records.map((r) => r.telephonySessionId).filter(Boolean))].slice(0, HISTORY.perPage);
    let logged: Record<string, LoggedCallStatus> = {};
    let failure: unknown = null;
    if (ids.length > 0) {
      try {
        logged = await this.ctx.crm.getCallLogStatus(ids);
      } catch (error) {
        failure = error;
      }
    }
    return this.ctx.turn(() => {
      if (failure !== null) {
        const message = `Could not check which calls are logged: ${messageOf(failure)}`;
        this.ctx.notify('warning', 'HISTORY_STATUS_FAILED', message, reasonOf(failure));
      }
      this.items = records.map((record) => ({ record, logged: logged[record.telephonySessionId] ?? null }));
      this.ctx.changed();
      return this.items;
    });
  }

  /** Opens a log form for a past call (once per call); returns its call id (`history:<telephony session id>`). */
  logPastCall(record: CallHistoryRecord): string {
    return this.open(record).callId;
  }

  /**
   * Opens a log form for a past call (once per call: an open one is returned as it is) and looks its number up;
   * `matched` resolves when the lookup has answered (at once for a form already open).
   */
  open(record: CallHistoryRecord): { callId: string; matched: Promise<void> } {
    const callId = `history:${record.telephonySessionId}`;
    if (this.ctx.book.has(callId)) return { callId, matched: Promise.resolve() };
    this.ctx.book.add(Call.restore(historySnapshot(callId, record), { clock: this.ctx.clock }), { fromHistory: true });
    return { callId, matched: this.match(callId) };
  }
}

/** An ended call's snapshot from a call-log record (pure). @public */
export function historySnapshot(callId: string, record: CallHistoryRecord): CallSnapshot {
  const inbound = record.direction === 'Inbound';
  const remote = inbound ? record.from : record.to;
  const local = inbound ? record.to : record.from;
  const startedAt = Date.parse(record.startTime);
  const answered = record.duration > 0 && /accepted|connected/i.test(record.result);
  return {
    callId,
    telephonySessionId: record.telephonySessionId,
    sessionId: record.sessionId,
    partyId: null,
    direction: inbound ? 'inbound' : 'outbound',
    state: 'ended',
    remoteNumber: remote.phoneNumber ?? '',
    remoteName: remote.name ?? null,
    localNumber: local.phoneNumber ?? null,
    localName: local.name ?? null,
    queueName: null,
    muted: false,
    recording: 'off',
    recordingUrl: record.recording?.contentUri ?? null,
    recordingId: record.recording?.id ?? null,
    startedAt,
    answeredAt: answered ? startedAt : null,
    endedAt: startedAt + record.duration * 1000,
    endReason: historyEndReason(record.result, answered),
    transferTarget: null,
  };
}

/** The end reason a call-log `result` stands for (pure). */
function historyEndReason(result: string, answered: boolean): EndReason {
  if (answered) return 'hangup';
  if (/voicemail/i.test(result)) return 'voicemail';
  if (/rejected|declined/i.test(result)) return 'declined';
  if (/busy/i.test(result)) return 'busy';
  if (/no answer/i.test(result)) return 'no-answer';
  return 'missed';
}
