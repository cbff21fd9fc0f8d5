import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboundCallPort, SipServer, SipServerContext } from '../model/ports';
import { CustomerPhoneSite } from '../customer-phone/customer-phone-site';
import { ModelAdapter } from './model-adapter';
import { SipServer as SipWssServer, type SipServerOptions } from './sip-server';

export { SipServer as SipWssServer } from './sip-server';
export type { SipRegistrationInfo } from './sip-server';

/** An error carrying the HTTP status the control API should answer with. */
export class SipPortError extends Error {
  override readonly name = 'SipPortError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The SIP side as `startRcPlatform` sees it, plus the customer-phone pages and diagnostics. */
export interface RcSipServer extends SipServer {
  /** Serves `/customer-phone/…` (returns false for other paths so the caller can continue routing). */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** The underlying SIP server (registrations, active calls). */
  readonly wss: SipWssServer;
}

/**
 * Builds the SIP-over-WSS server and the customer-phone site for `startRcPlatform` (see `model/ports.ts`).
 * `overrides` tune timers for tests (ring time, voicemail length, IVR digit timeouts) or replace the media endpoint.
 */
export function createSipServer(
  context: SipServerContext,
  overrides: Omit<SipServerOptions, 'model' | 'log'> = {},
): RcSipServer {
  const model = new ModelAdapter(context.model, context.log);
  const wss = new SipWssServer({
    ...(context.media ? { media: context.media } : {}),
    ...(context.router ? { router: context.router } : {}),
    ...(context.maxExpiresSeconds !== undefined ? { maxExpiresSeconds: context.maxExpiresSeconds } : {}),
    reforkRingingAfterMs: context.reforkRingingAfterMs ?? null,
    duplicateInviteAfterMs: context.duplicateInviteAfterMs ?? null,
    ...overrides,
    model,
    log: context.log,
  });
  const site = new CustomerPhoneSite({ model: context.model, outboundProxy: context.customerPhoneProxy });
  const port = wss.inboundCallPort;
  const inboundCalls: InboundCallPort = {
    placeInboundCall: async (input) => {
      const targetId = input.toExtensionId ?? input.toQueueId;
      const target = input.toNumber
        ? model.resolveTarget(input.toNumber)
        : targetId
          ? model.targetById(targetId)
          : undefined;
      if (!target || target.kind === 'external')
        throw new SipPortError(`Unknown extension, queue or number ${String(targetId ?? input.toNumber)}`, 404);
      if (target.kind === 'did' || target.kind === 'ivr') {
        // Routed by the platform itself: nobody needs to be registered before the CRM decides.
        const ids = port.placeInboundCall(input);
        return { ...ids, partyId: model.partyId(ids.telephonySessionId, undefined) };
      }
      const members =
        target.kind === 'queue' ? target.memberExtensionIds : target.kind === 'extension' ? [target.extensionId] : [];
      const registered = members.some((id) => wss.reachable(id));
      if (!registered) throw new SipPortError(`Nobody is registered for ${target.name}`, 480);
      const ids = port.placeInboundCall(input);
      const partyId = model.partyId(
        ids.telephonySessionId,
        target.kind === 'extension' ? target.extensionId : undefined,
      );
      const session = context.model.getSession(ids.telephonySessionId);
      const queueParty = session?.parties.find((p) => p.queueId && p.extensionId === p.queueId)?.id;
      return { ...ids, partyId: target.kind === 'queue' ? (queueParty ?? partyId) : partyId };
    },
    customerAnswer: async (telephonySessionId) => {
      if (!port.customerAnswer(telephonySessionId)) {
        throw new SipPortError(`No simulated customer is ringing in ${telephonySessionId}`, 409);
      }
    },
    customerHangup: async (telephonySessionId) => {
      if (!port.customerHangup(telephonySessionId)) {
        throw new SipPortError(`No customer-side call ${telephonySessionId}`, 409);
      }
    },
    customerDtmf: async (telephonySessionId, digits) => {
      if (!port.customerDtmf(telephonySessionId, digits)) {
        throw new SipPortError(`No simulated caller is at an IVR in ${telephonySessionId}`, 409);
      }
    },
    webPhoneCommand: async (telephonySessionId, extensionId, command) => {
      const result = wss.webPhoneCommand(telephonySessionId, extensionId, command);
      if (result === 'no-call') throw new SipPortError(`No live call ${telephonySessionId}`, 404);
      if (result === 'not-registered')
        throw new SipPortError(`The web phone of extension ${extensionId} is not registered`, 409);
      if (result === 'not-possible')
        throw new SipPortError(`The call ${telephonySessionId} is not ringing for extension ${extensionId}`, 409);
    },
    deskPhones: {
      setOnline: (extensionId, online) => wss.setDeskPhone(extensionId, online),
      online: () => wss.deskPhonesOnline(),
      command: async (telephonySessionId, extensionId, command) => {
        const result = wss.deskPhoneCommand(telephonySessionId, extensionId, command);
        if (result === 'no-call') throw new SipPortError(`No live call ${telephonySessionId}`, 404);
        if (result === 'unknown-target')
          throw new SipPortError(`Unknown transfer target ${command.kind === 'transfer' ? command.to : ''}`, 409);
        if (result === 'not-possible')
          throw new SipPortError(
            `The desk phone of extension ${extensionId} cannot ${command.kind} in ${telephonySessionId} now`,
            409,
          );
      },
    },
  };
  return {
    wss,
    inboundCalls,
    handleUpgrade: (request, socket, head) => wss.handleUpgrade(request, socket, head),
    handleHttp: (req, res) => site.handle(req, res),
    dropConnections: (count) => wss.dropSockets(undefined, count),
    registrationCount: () => wss.registrations().length,
    registrations: () => wss.registrations(),
    stop: () => wss.close(),
  };
}
