import type { CallHistoryPort, CallHistoryRecord } from '../core/ports/call-history-port';

/**
 * A {@link CallHistoryPort} the engine gets at construction; lists the attached RingCentral call log, and rejects with
 * "Not signed in" before the RingCentral login exists.
 * @public
 */
export class DeferredCallHistory implements CallHistoryPort {
  private inner: CallHistoryPort | null = null;

  attach(port: CallHistoryPort | null): void {
    this.inner = port;
  }

  list(options: { days: number; perPage: number }): Promise<CallHistoryRecord[]> {
    return this.inner ? this.inner.list(options) : Promise.reject(new Error('Not signed in to RingCentral.'));
  }
}
