import type { TelephonyEventMap } from '../../core/ports/telephony-port';
import type { TypedEmitter, Unsubscribe } from '../../core/support/typed-emitter';
import type { RingCentralApi } from '../rest/ringcentral-api';
import type { TelephonyParty } from '../subscriptions/ringcentral-event-types';
import type {
  RingCentralSubscription,
  RingCentralSubscriptionEventMap,
} from '../subscriptions/ringcentral-subscription';
import { followParty, type FollowedParty, type FollowStep } from './follow-party';

const SESSIONS = '/restapi/v1.0/account/~/telephony/sessions';
/** Ended calls remembered so a late notification does not ring them again. */
const MAX_REMEMBERED = 200;

/** One call on the agent's other device: ids, what {@link followParty} knows, the last notification's sequence. */
interface FollowedCall {
  readonly callId: string;
  readonly telephonySessionId: string;
  partyId: string;
  state: FollowedParty | null;
  sequence: number;
}

/** Collaborators of {@link OtherDeviceCalls}. @public */
export interface OtherDeviceCallsOptions {
  readonly api: Pick<RingCentralApi, 'post' | 'patch' | 'delete'>;
  /** Where the port's events go (the {@link RingCentralTelephony}'s emitter). */
  readonly events: Pick<TypedEmitter<TelephonyEventMap>, 'emit'>;
  /** The page's one event subscription (its `…/extension/~/telephony/sessions` filter). */
  readonly subscription: Pick<RingCentralSubscription, 'on'>;
}

/**
 * The agent's calls on another device — the RingCentral app or a desk phone (calling device `otherDevice`, ADR 0029)
 * — followed from the telephony-session notifications of the page's subscription and reported through the
 * {@link TelephonyPort} events like web phone calls (`ringing` with `device: 'other'`, `answered`, `held`, `muted`,
 * `ended`), so the engine pops, shows and logs them by the same rules. Call id: `other-{telephonySessionId}`.
 *
 * Inbound calls of the agent's own party are followed (`origin.type` `Call`); RingOut sessions belong to
 * {@link RingOutCalls}. Controls go through the Call Control API (RingCentral Developer Guide, "Active-call control",
 * https://developers.ringcentral.com/guide/voice/active-call-control; API Reference "Call Control"): hold/unhold
 * (`POST …/parties/{partyId}/hold|unhold`), mute (`PATCH …/parties/{partyId}` `{muted}`; the guide notes that a mute set
 * on the phone itself must also be lifted there), blind transfer (`POST …/transfer` `{phoneNumber | extensionNumber}`),
 * decline a ringing call (`POST …/reject`) and hang up (`DELETE …/sessions/{id}`). Answering, voicemail, keypad,
 * recording and warm transfer happen on the device: those commands reject, and the softphone hides their buttons.
 * @public
 */
export class OtherDeviceCalls {
  private readonly calls = new Map<string, FollowedCall>();
  private readonly off: Unsubscribe;

  constructor(private readonly options: OtherDeviceCallsOptions) {
    this.off = options.subscription.on('telephony', (event) => this.onTelephony(event));
  }

  /** Whether `callId` is a live call on the other device. */
  has(callId: string): boolean {
    const call = this.calls.get(callId);
    return !!call && !!call.state && call.state.phase !== 'ended';
  }

  /** Stops following; live calls are reported ended with `reasonOf` (sign-out, device changed). */
  dispose(reasonOf: (answered: boolean) => TelephonyEventMap['ended']['reason'] = () => 'lost'): void {
    this.off();
    for (const call of this.calls.values()) {
      if (call.state && call.state.phase !== 'ended')
        this.options.events.emit('ended', { callId: call.callId, reason: reasonOf(call.state.answered) });
    }
    this.calls.clear();
  }

  async hold(callId: string, held: boolean): Promise<void> {
    const call = this.live(callId);
    await this.options.api.post(`${this.partyPath(call)}/${held ? 'hold' : 'unhold'}`);
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    const call = this.live(callId);
    await this.options.api.patch(this.partyPath(call), { muted });
  }

  /** Blind transfer: an extension number (up to 6 digits) as `extensionNumber`, anything else as `phoneNumber`. */
  async transfer(callId: string, target: string): Promise<void> {
    const call = this.live(callId);
    const to = target.trim();
    const body = /^\d{1,6}$/.test(to) ? { extensionNumber: to } : { phoneNumber: to };
    await this.options.api.post(`${this.partyPath(call)}/transfer`, body);
  }

  /** A ringing call is rejected (`…/reject`); an answered one is dropped (`DELETE` the session). */
  async hangup(callId: string): Promise<void> {
    const call = this.live(callId);
    if (call.state?.answered) await this.options.api.delete(`${SESSIONS}/${call.telephonySessionId}`);
    else await this.options.api.post(`${this.partyPath(call)}/reject`);
  }

  async decline(callId: string): Promise<void> {
    const call = this.live(callId);
    await this.options.api.post(`${this.partyPath(call)}/reject`);
  }

  private partyPath(call: FollowedCall): string {
    return `${SESSIONS}/${encodeURIComponent(call.telephonySessionId)}/parties/${encodeURIComponent(call.partyId)}`;
  }

  private live(callId: string): FollowedCall {
    const call = this.calls.get(callId);
    if (!call || !call.state || call.state.phase === 'ended') throw new Error(`Unknown or ended call ${callId}`);
    return call;
  }

  private onTelephony({ session, ownParties }: RingCentralSubscriptionEventMap['telephony']): void {
    if (session.origin?.type && session.origin.type !== 'Call') return;
    const party = agentParty(ownParties);
    if (!party) return;
    const callId = `other-${session.telephonySessionId}`;
    let call = this.calls.get(callId);
    if (!call) {
      call = { callId, telephonySessionId: session.telephonySessionId, partyId: party.id, state: null, sequence: -1 };
      this.calls.set(callId, call);
      this.forgetOld();
    }
    const sequence = typeof session.sequence === 'number' ? session.sequence : call.sequence;
    if (sequence < call.sequence) return; // an older notification arriving late
    call.sequence = sequence;
    call.partyId = party.id;
    const { next, steps } = followParty(call.state, party);
    call.state = next;
    for (const step of steps) this.report(call, step, party, session.sessionId ?? null);
  }

  private report(call: FollowedCall, step: FollowStep, party: TelephonyParty, sessionId: string | null): void {
    const { callId } = call;
    const events = this.options.events;
    switch (step.kind) {
      case 'ringing':
        events.emit('ringing', {
          callId,
          remoteNumber: party.from?.phoneNumber ?? '',
          remoteName: party.from?.name ?? null,
          localNumber: party.to?.phoneNumber ?? null,
          localName: party.to?.name ?? null,
          telephonySessionId: call.telephonySessionId,
          sessionId,
          partyId: party.id,
          device: 'other',
        });
        return;
      case 'answered':
        events.emit('answered', { callId });
        return;
      case 'held':
        events.emit('held', { callId, held: step.held });
        return;
      case 'muted':
        events.emit('muted', { callId, muted: step.muted });
        return;
      case 'ended':
        events.emit('ended', { callId, reason: step.reason });
        return;
    }
  }

  private forgetOld(): void {
    if (this.calls.size <= MAX_REMEMBERED) return;
    for (const [id, call] of this.calls) {
      if (this.calls.size <= MAX_REMEMBERED) return;
      if (!call.state || call.state.phase === 'ended') this.calls.delete(id);
    }
  }
}

/** The agent's inbound party of a session: the live one when several (a queue member leg after another), else the last. */
function agentParty(parties: readonly TelephonyParty[]): TelephonyParty | undefined {
  const inbound = parties.filter((p) => p.direction === 'Inbound');
  const live = inbound.filter((p) => !['Disconnected', 'Gone', 'VoiceMail'].includes(p.status.code));
  return live.at(-1) ?? inbound.at(-1);
}
