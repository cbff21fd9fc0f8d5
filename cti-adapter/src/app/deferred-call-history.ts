import type { CallHistoryPort, CallHistoryRecord } from '../core/ports/call-history-port';
import { ReasonError } from '../core/engine/notices';

/**
 * A {@link CallHistoryPort} the engine gets at construction; lists the attached RingCentral call log, and rejects with
 * "Not signed in" before the RingCentral login exists. The port may be attached as a promise (it comes from a lazy
 * chunk once the web phone has started, ADR 0018): a listing meanwhile waits for it.
 * @public
 */
export class DeferredCallHistory implements CallHistoryPort {
  private inner: CallHistoryPort | Promise<CallHistoryPort | null> | null = null;

  attach(port: CallHistoryPort | Promise<CallHistoryPort | null> | null): void {
    this.inner = port;
    if (port instanceof Promise) {
      void port.then(
        (resolved) => {
          if (this.inner === port) this.inner = resolved;
        },
        () => {
          if (this.inner === port) this.inner = null;
        },
      );
    }
  }

  async list(options: { days: number; perPage: number }): Promise<CallHistoryRecord[]> {
    const port = await this.inner;
    if (!port) throw new ReasonError('NOT_SIGNED_IN', 'Not signed in to RingCentral.');
    return port.list(options);
  }

  /** {@link CallHistoryPort.finalRecord} of the attached port (a queue call's outcome, ADR 0025). */
  async finalRecord(telephonySessionId: string): Promise<CallHistoryRecord | null> {
    const port = await this.inner;
    if (!port?.finalRecord) throw new ReasonError('NOT_SIGNED_IN', 'Not signed in to RingCentral.');
    return port.finalRecord(telephonySessionId);
  }
}
