import { LightningElement, api } from 'lwc';
import type { HistoryItem } from '../../../core/engine/softphone-state';
import { historyParty } from '../../../core/engine/history-party';
import { IDLE, isPending, raise } from '../../softphone-events';
import type { CommandFeedback } from '../../softphone-events';
import { formatDuration, resultOutcome } from '../../view-format';
import { formatLabel, labels } from '../../labels';
import { formatDateTime } from '../../locale-dates';

/**
 * Call history tab: the agent's RingCentral call log, which calls are logged, and "Log" for the others. A logged
 * call is named by the record it is logged to, a call not logged by its caller-ID name, labelled "Caller ID"
 * (historyParty). Names are text bindings: LWC escapes them.
 *
 * Raises `refresh` (`{}`) and `logpastcall` (`{recordId}`). Shows "Loading…" while a refresh is in flight
 * (`feedback.pending`) and `feedback.error`. The app refreshes the history itself when the tab opens.
 */
export default class CallHistory extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api items: readonly HistoryItem[] = [];
  /** The app's answer to the history's commands. */
  @api feedback: CommandFeedback = IDLE;

  get loading(): boolean {
    return isPending(this.feedback, 'refresh');
  }

  /** History → Log in flight: the Log buttons wait (the Phone tab shows the form once it is open). */
  get opening(): boolean {
    return isPending(this.feedback, 'logpastcall');
  }

  get error(): string | null {
    return (this.feedback ?? IDLE).error;
  }

  get rows(): readonly {
    id: string;
    who: string;
    callerId: boolean;
    detail: string;
    logged: boolean;
    statusLabel: string;
    logLabel: string;
  }[] {
    return this.items.map(({ record, logged }) => {
      const party = historyParty({ record, logged });
      const who = party.name;
      const when = formatDateTime(Date.parse(record.startTime));
      const direction = record.direction === 'Inbound' ? labels.Inbound : labels.Outbound;
      return {
        id: record.id,
        who,
        callerId: party.source === 'callerId',
        detail: `${direction} · ${resultOutcome(record.result)} · ${formatDuration(record.duration * 1000)} · ${when}`,
        logged: !!logged,
        statusLabel: logged ? labels.Logged : labels.Not_logged,
        logLabel: formatLabel(labels.Log_call_with, who),
      };
    });
  }

  get empty(): boolean {
    return !this.loading && this.items.length === 0;
  }

  handleRefresh(): void {
    raise(this, 'refresh', {});
  }

  handleLog(event: Event): void {
    const recordId = (event.currentTarget as HTMLElement).dataset.id;
    if (recordId) raise(this, 'logpastcall', { recordId });
  }
}
