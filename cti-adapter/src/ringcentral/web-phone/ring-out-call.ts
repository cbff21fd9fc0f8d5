import type { EndReason } from '../../core/call/call-state';
import type { Clock, TimerHandle } from '../../core/ports/clock';
import { RingCentralApiError } from '../rest/ringcentral-api-error';
import type { RingCentralApi } from '../rest/ringcentral-api';

const RING_OUT_PATH = '/restapi/v1.0/account/~/extension/~/ring-out';

/**
 * `status` of a RingOut (`GET …/ring-out/{id}`; RingCentral API Reference "Get RingOut Call Status",
 * https://developers.ringcentral.com/api-reference/RingOut/readRingOutCallStatus): `callStatus` for the whole call,
 * `callerStatus` for the first leg (the `from` phone, the agent's own), `calleeStatus` for the second (`to`), each one of
 * `Invalid`, `Success`, `InProgress`, `Busy`, `NoAnswer`, `Rejected`, `GenericError`, `Finished`,
 * `InternationalDisabled`, `DestinationBlocked`, `NotEnoughFunds`, `NoSuchUser`.
 * @public
 */
export interface RingOutStatus {
  readonly callStatus: string;
  readonly callerStatus?: string;
  readonly calleeStatus?: string;
}

/**
 * What a poll found: the agent picked up the own phone and the callee rings (`callerAnswered`), the callee answered
 * (`connected`), or the RingOut is over (reason depends on whether it was answered).
 * @public
 */
export type RingOutUpdate =
  | { readonly kind: 'callerAnswered' }
  | { readonly kind: 'connected' }
  | { readonly kind: 'ended'; readonly status: RingOutStatus | null; reason(answered: boolean): EndReason };

/**
 * One RingOut call: `POST /restapi/v1.0/account/~/extension/~/ring-out` `{from:{phoneNumber}, to:{phoneNumber},
 * callerId?, playPrompt:false}` (RingCentral rings `from` first, then `to`), then `GET …/ring-out/{id}` every
 * `pollMs` until it ends, `DELETE …/ring-out/{id}` to cancel (RingCentral REST API reference, "RingOut").
 *
 * Status → update: `callerStatus` `Success` while the callee is not answered yet → `callerAnswered` (once);
 * `callStatus` `Success` (or `calleeStatus` `Success`) → `connected`; `InProgress` → keep polling;
 * anything else, or 404 (the platform forgets a finished RingOut) → `ended` with `Busy` → busy,
 * `NoAnswer` (older accounts: `NoAnsweredCall`) → no-answer, `Finished`/404 after the answer → remote-hangup, else failed.
 * Transient poll errors (network, 429, 5xx) are retried at the next tick.
 * @public
 */
export class RingOutCall {
  private listeners: ((update: RingOutUpdate) => void)[] = [];
  private timer: TimerHandle | null = null;
  private stopped = false;
  private connected = false;
  private callerAnswered = false;

  private constructor(
    readonly id: string,
    private readonly api: RingCentralApi,
    private readonly clock: Clock,
    private readonly pollMs: number,
  ) {}

  /** Creates the RingOut (rejects with `RingCentralApiError` when the platform refuses). */
  static async create(options: {
    api: RingCentralApi;
    clock: Clock;
    pollMs: number;
    from: string;
    to: string;
    callerId: string | null;
  }): Promise<RingOutCall> {
    const created = await options.api.post<{ id: string | number }>(RING_OUT_PATH, {
      from: { phoneNumber: options.from },
      to: { phoneNumber: options.to },
      ...(options.callerId ? { callerId: { phoneNumber: options.callerId } } : {}),
      playPrompt: false,
    });
    return new RingOutCall(String(created.id), options.api, options.clock, options.pollMs);
  }

  onUpdate(listener: (update: RingOutUpdate) => void): void {
    this.listeners.push(listener);
  }

  startPolling(): void {
    this.schedule();
  }

  /** `DELETE …/ring-out/{id}` and stop polling; reports `ended` (404 = already over, not an error). */
  async cancel(): Promise<void> {
    try {
      await this.api.delete(`${RING_OUT_PATH}/${encodeURIComponent(this.id)}`);
    } catch (error) {
      if (!(error instanceof RingCentralApiError && error.status === 404)) throw error;
    }
    this.end(null);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.poll();
    }, this.pollMs);
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    let status: RingOutStatus;
    try {
      status = (await this.api.get<{ status: RingOutStatus }>(`${RING_OUT_PATH}/${encodeURIComponent(this.id)}`))
        .status;
    } catch (error) {
      if (error instanceof RingCentralApiError && error.status === 404) this.end(null);
      else this.schedule();
      return;
    }
    if (this.stopped) return;
    const calleeAnswered = status.callStatus === 'Success' || status.calleeStatus === 'Success';
    if (!this.callerAnswered && !calleeAnswered && status.callerStatus === 'Success') {
      this.callerAnswered = true;
      this.emit({ kind: 'callerAnswered' });
    }
    if (!this.connected && calleeAnswered) {
      this.connected = true;
      this.emit({ kind: 'connected' });
    }
    if (status.callStatus === 'InProgress' || status.callStatus === 'Success') {
      this.schedule();
      return;
    }
    this.end(status);
  }

  private end(status: RingOutStatus | null): void {
    if (this.stopped) return;
    this.stop();
    const code =
      status?.calleeStatus && status.calleeStatus !== 'InProgress' ? status.calleeStatus : status?.callStatus;
    this.emit({
      kind: 'ended',
      status,
      reason: (answered) => {
        if (code === 'Busy') return 'busy';
        if (code === 'NoAnswer' || code === 'NoAnsweredCall') return 'no-answer';
        return answered ? 'remote-hangup' : 'failed';
      },
    });
  }

  private emit(update: RingOutUpdate): void {
    for (const listener of [...this.listeners]) listener(update);
  }
}
