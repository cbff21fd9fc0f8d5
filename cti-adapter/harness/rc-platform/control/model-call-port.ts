import type { InboundCallPort } from '../model/ports';
import type { TelephonyModel } from '../model/telephony-model';

/** An error with the HTTP status the control API answers. */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/**
 * The {@link InboundCallPort} used when no SIP server is attached (`sip: false`): calls exist in the model only.
 * An inbound call rings the extension (or every queue member) at once, honouring DND (`routingFor`); `customerAnswer` answers the first ringing
 * callee party (for an agent's outbound call it is the customer); `customerHangup` ends the session.
 * Used by Node tests of REST/subscriptions that need call events without browsers.
 */
export class ModelCallPort implements InboundCallPort {
  constructor(private readonly model: TelephonyModel) {}

  async placeInboundCall(input: {
    fromNumber: string;
    callerIdName?: string;
    toExtensionId?: string;
    toQueueId?: string;
  }) {
    const queue = input.toQueueId ? this.model.findExtensionById(input.toQueueId) : undefined;
    const target = input.toExtensionId ? this.model.findExtensionById(input.toExtensionId) : queue;
    if (!target) throw new ControlError('Unknown extension or queue', 404);
    const session = this.model.createSession({
      from: input.fromNumber,
      to: target.directNumber,
      direction: 'Inbound',
      ...(input.callerIdName ? { fromName: input.callerIdName } : {}),
      ...(queue ? { queueId: queue.id } : {}),
    });
    const callee = session.parties[1];
    if (!callee) throw new ControlError('Session has no callee', 500);
    if (queue) {
      this.model.partyRinging(session.telephonySessionId, callee.id);
      for (const member of this.model.directory.queueMembers(queue.id)) {
        if (this.model.routingFor(member.id, true) !== 'ring') continue;
        const party = this.model.addParty(session.telephonySessionId, { extensionId: member.id });
        this.model.partyRinging(session.telephonySessionId, party.id);
      }
    } else if (this.model.routingFor(target.id) === 'voicemail') {
      this.model.partyVoicemail(session.telephonySessionId, callee.id);
    } else {
      this.model.partyRinging(session.telephonySessionId, callee.id);
    }
    return { telephonySessionId: session.telephonySessionId, sessionId: session.sessionId, partyId: callee.id };
  }

  async customerAnswer(telephonySessionId: string): Promise<void> {
    const session = this.model.getSession(telephonySessionId);
    if (!session || session.state === 'Ended') throw new ControlError(`No live call ${telephonySessionId}`, 404);
    const ringing = this.model.ringingParties(telephonySessionId)[0];
    if (!ringing) throw new ControlError('Nobody is ringing in this call', 409);
    this.model.partyAnswered(telephonySessionId, ringing.id);
  }

  async customerHangup(telephonySessionId: string): Promise<void> {
    const session = this.model.getSession(telephonySessionId);
    if (!session || session.state === 'Ended') throw new ControlError(`No live call ${telephonySessionId}`, 404);
    this.model.endSession(telephonySessionId, session.state === 'Connected' ? 'CallerHangUp' : 'CallerCancelled');
  }
}
