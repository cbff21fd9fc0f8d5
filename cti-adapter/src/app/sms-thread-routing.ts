import type { SmsThreadRequest, SmsThreadRequestSource } from '../core/ports/sms-thread-request-port';
import type { Unsubscribe } from '../core/support/typed-emitter';
import { markWithDetail } from './marks';

/** Options of {@link SmsThreadRouting}. @public */
export interface SmsThreadRoutingOptions {
  /** Where the requests come from (`OpenCtiSmsThreadRequests`). */
  readonly source: SmsThreadRequestSource;
  /** Opens the utility panel (Open CTI `setSoftphonePanelVisibility(true)`): the agent clicked Send SMS to see it. */
  readonly showPanel: () => Promise<void>;
  /** Where a rejected message is reported (default: `console.warn`). */
  readonly warn?: (message: string) => void;
}

/**
 * The app's route of "open SMS thread" requests (the Send SMS component of a record page → the Messages tab): each
 * request opens the softphone's panel, is marked (`softphone:sms-thread-request`, detail = the request: the e2e
 * suite and the benchmark read it) and goes to the route the Messages feature attaches with {@link route}. A request
 * that arrives before a route is attached (the Messages chunk loads lazily, ADR 0018) is kept — the latest only: the
 * agent's last click is the conversation they want — and handed over when the route is attached.
 * @public
 */
export class SmsThreadRouting {
  private handler: ((request: SmsThreadRequest) => void) | null = null;
  private pending: SmsThreadRequest | null = null;
  private readonly stops: Unsubscribe[] = [];

  constructor(private readonly options: SmsThreadRoutingOptions) {
    const warn = options.warn ?? ((message: string) => console.warn(message));
    this.stops.push(
      options.source.onRequest((request) => this.receive(request)),
      options.source.onRejected(({ reason }) => warn(`A request to open a text conversation was ignored: ${reason}`)),
    );
  }

  /** Subscribes (once); a failed subscription is reported and leaves Send SMS without effect, the softphone runs on. */
  async start(): Promise<void> {
    try {
      await this.options.source.start();
    } catch (error) {
      (this.options.warn ?? ((m: string) => console.warn(m)))(
        `Send SMS from a record is not available: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Attaches the route (the Messages tab); a kept request is delivered at once. @returns detaches it */
  route(handler: (request: SmsThreadRequest) => void): Unsubscribe {
    this.handler = handler;
    const kept = this.pending;
    this.pending = null;
    if (kept) handler(kept);
    return () => {
      if (this.handler === handler) this.handler = null;
    };
  }

  /** The request kept for a route not attached yet, or null. */
  get pendingRequest(): SmsThreadRequest | null {
    return this.pending;
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    this.handler = null;
    this.pending = null;
    await this.options.source.stop();
  }

  private receive(request: SmsThreadRequest): void {
    markWithDetail('softphone:sms-thread-request', request);
    void this.options.showPanel().catch(() => undefined);
    if (this.handler) this.handler(request);
    else this.pending = request;
  }
}
