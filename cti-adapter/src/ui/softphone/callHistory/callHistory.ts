import { LightningElement, api } from 'lwc';
import type { HistoryItem } from '../../../core/engine/softphone-state';
import type { SoftphoneController } from '../../softphone-controller';
import { errorText, formatDuration } from '../../view-format';

/** Call history tab: the agent's RingCentral call log, which calls are logged, and "Log" for the others. */
export default class CallHistory extends LightningElement {
  static override renderMode = 'light' as const;
  @api items: readonly HistoryItem[] = [];
  @api controller: SoftphoneController | null = null;
  loading = false;
  error: string | null = null;

  override connectedCallback(): void {
    void this.handleRefresh();
  }

  get rows(): readonly {
    id: string;
    who: string;
    detail: string;
    logged: boolean;
    statusLabel: string;
    logLabel: string;
  }[] {
    return this.items.map(({ record, logged }) => {
      const other = record.direction === 'Inbound' ? record.from : record.to;
      const who = other.name || other.phoneNumber || 'Unknown';
      const when = new Date(record.startTime).toLocaleString();
      return {
        id: record.id,
        who,
        detail: `${record.direction} · ${record.result} · ${formatDuration(record.duration * 1000)} · ${when}`,
        logged: !!logged,
        statusLabel: logged ? 'Logged' : 'Not logged',
        logLabel: `Log call with ${who}`,
      };
    });
  }

  get empty(): boolean {
    return !this.loading && this.items.length === 0;
  }

  async handleRefresh(): Promise<void> {
    if (!this.controller) return;
    this.loading = true;
    this.error = null;
    try {
      await this.controller.refreshHistory();
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.loading = false;
    }
  }

  handleLog(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    if (!id || !this.controller) return;
    this.controller.logPastCall(id).catch((error: unknown) => {
      this.error = errorText(error);
    });
  }
}
