import type { EndReason } from '../../core/call/call-state';
import type { Clock } from '../../core/ports/clock';
import type { DialOptions, TelephonyEventMap } from '../../core/ports/telephony-port';
import type { TypedEmitter } from '../../core/support/typed-emitter';
import type { RingCentralApi } from '../rest/ringcentral-api';
import type {
  RingCentralSubscription,
  RingCentralSubscriptionEventMap,
} from '../subscriptions/ringcentral-subscription';
import { localEndReason, type LocalEnd } from './call-end-facts';
import type { RingOutCall, RingOutUpdate } from './ring-out-call';
import { ReasonError } from '../../core/engine/notices';

/** One RingOut call: the REST handle and what the platform reported. The call's state is the core's. */
interface TrackedRingOut {
  readonly callId: string;
  readonly handle: RingOutCall;
  /** The number dialled (to match the `RingOut`-origin telephony session event). */
  readonly remoteNumber: string;
  /** The callee answered (status `Success`). */
  answered: boolean;
  /** `DELETE …/ring-out/{id}` sent: `cancel` before the callee answered, `bye` after. */
  localEnd: LocalEnd | null;
  /** The telephony session ids were reported (`identified`). */
  identified: boolean;
  /** The RingOut's telephony session and the agent's party there, once identified. */
  telephonySessionId?: string;
  partyId?: string;
  /** The agent picked up the own phone and the callee rings (`ringingRemote` reported). */
  remoteRinging: boolean;
}

/** Collaborators of {@link RingOutCalls}. @public */
export interface RingOutCallsOptions {
  readonly api: RingCentralApi;
  readonly clock: Clock;
  readonly pollMs: number;
  readonly events: Pick<TypedEmitter<TelephonyEventMap>, 'emit'>;
  /** The page's event subscription: RingOut calls learn their telephony session ids from it. */
  readonly subscription?: Pick<RingCentralSubscription, 'on'> | null;
}

/**
 * The RingOut calls of the softphone (`via: 'ringout'`): created and polled by {@link RingOutCall}, reported as
 * `dialing` (id `ringout-{id}`), `answered` when the callee answers, `ended` with the status's reason, or
 * `hangup`/`cancelled` after this side's DELETE. The RingOut status API gives no telephony session id, so the
 * `RingOut`-origin telephony session event of this extension (matched by the dialled number) gives `identified`.
 * `ringingRemote` says the agent picked up the own phone and the callee rings: from the status's `callerStatus`
 * `Success`, or from the agent's party of that session `Answered`, whichever comes first.
 * Only hang-up applies: the agent talks on the phone that rang (`ringOutFrom`).
 * @public
 */
export class RingOutCalls {
  private readonly calls = new Map<string, TrackedRingOut>();

  constructor(private readonly options: RingOutCallsOptions) {
    options.subscription?.on('telephony', (event) => this.onTelephonyEvent(event));
  }

  has(callId: string): boolean {
    return this.calls.has(callId);
  }

  /** Creates the RingOut (rejects when the platform refuses) and reports `dialing`. */
  async dial(to: string, options: DialOptions): Promise<{ callId: string }> {
    if (!options.ringOutFrom)
      throw new ReasonError(
        'RINGOUT_NEEDS_MY_NUMBER',
        'RingOut rings your phone first: set "My phone number" in Settings.',
      );
    // The RingOut client is a lazy chunk: desk-phone calls are not needed to ring, answer or pop (ADR 0018).
    const { RingOutCall: RingOutClient } = await import('./ring-out-call');
    const handle = await RingOutClient.create({
      api: this.options.api,
      clock: this.options.clock,
      pollMs: this.options.pollMs,
      from: options.ringOutFrom,
      to,
      callerId: options.callerId ?? null,
    });
    const call: TrackedRingOut = {
      callId: `ringout-${handle.id}`,
      handle,
      remoteNumber: to,
      answered: false,
      localEnd: null,
      identified: false,
      remoteRinging: false,
    };
    this.calls.set(call.callId, call);
    this.options.events.emit('dialing', {
      callId: call.callId,
      remoteNumber: to,
      localNumber: options.ringOutFrom,
      device: 'ringout',
      telephonySessionId: null,
      sessionId: null,
      partyId: null,
    });
    handle.onUpdate((update) => this.onUpdate(call, update));
    handle.startPolling();
    return { callId: call.callId };
  }

  /** `DELETE` the RingOut; `ended` follows (`hangup` once answered, else `cancelled`). */
  async hangup(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!call) throw new ReasonError('CALL_GONE', `Unknown or ended call ${callId}`);
    call.localEnd = call.answered ? 'bye' : 'cancel';
    try {
      await call.handle.cancel();
    } catch (error) {
      if (this.calls.get(callId) === call) call.localEnd = null;
      throw error;
    }
  }

  /** Stops polling every RingOut (sign-out); their `ended` follows with {@link RingOutCalls.endAll}. */
  stopPolling(): void {
    for (const call of this.calls.values()) call.handle.stop();
  }

  /** Reports every RingOut ended with `reasonOf` (sign-out). */
  endAll(reasonOf: (call: { readonly answered: boolean }) => EndReason): void {
    for (const call of [...this.calls.values()]) this.finish(call, reasonOf(call));
  }

  private onUpdate(call: TrackedRingOut, update: RingOutUpdate): void {
    if (this.calls.get(call.callId) !== call) return;
    if (update.kind === 'callerAnswered') {
      this.remoteRinging(call);
    } else if (update.kind === 'connected' && !call.answered) {
      call.answered = true;
      this.options.events.emit('answered', { callId: call.callId });
    } else if (update.kind === 'ended') {
      this.finish(call, call.localEnd ? localEndReason(call.localEnd) : update.reason(call.answered));
    }
  }

  /** The first leg was picked up: the callee's phone rings (once, and never after the callee answered). */
  private remoteRinging(call: TrackedRingOut): void {
    if (call.remoteRinging || call.answered) return;
    call.remoteRinging = true;
    this.options.events.emit('ringingRemote', { callId: call.callId });
  }

  private finish(call: TrackedRingOut, reason: EndReason): void {
    if (this.calls.get(call.callId) !== call) return;
    this.calls.delete(call.callId);
    call.handle.stop();
    this.options.events.emit('ended', { callId: call.callId, reason });
  }

  /**
   * Matches a `RingOut`-origin session of this extension to a RingOut call by the dialled number (`identified`); the
   * agent's party `Answered` there means the own phone was picked up (`ringingRemote`).
   */
  private onTelephonyEvent(event: RingCentralSubscriptionEventMap['telephony']): void {
    if (event.session.origin?.type !== 'RingOut') return;
    for (const call of this.calls.values()) {
      const { telephonySessionId } = event.session;
      const own = call.identified
        ? event.ownParties.find((p) => telephonySessionId === call.telephonySessionId && p.id === call.partyId)
        : event.ownParties.find((p) => digits(p.to?.phoneNumber) === digits(call.remoteNumber));
      if (!own) continue;
      if (!call.identified) {
        call.identified = true;
        call.telephonySessionId = telephonySessionId;
        call.partyId = own.id;
        this.options.events.emit('identified', {
          callId: call.callId,
          telephonySessionId,
          sessionId: event.session.sessionId ?? null,
          partyId: own.id,
        });
      }
      if (own.status.code === 'Answered') this.remoteRinging(call);
      return;
    }
  }
}

function digits(value: string | undefined): string {
  return (value ?? '').replace(/\D/g, '');
}
