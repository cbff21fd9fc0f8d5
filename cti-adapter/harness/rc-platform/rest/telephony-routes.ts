import type { PlatformContext } from '../http/platform-context';
import { RestError } from '../http/rest-error';
import type { Router } from '../http/router';
import type { CallSession } from '../model/types';
import { authenticate, resolveAccount } from './rest-auth';

/**
 * Call Control reads (RingCentral REST v1.0): `GET /account/{a}/telephony/sessions/{telephonySessionId}` and
 * `DELETE` of the same (drops the call). Party-level commands (hold, transfer, …) are not simulated over REST;
 * the web phone does them over SIP.
 */
export function registerTelephonyRoutes(router: Router, ctx: PlatformContext): void {
  const path = '/restapi/v1.0/account/:accountId/telephony/sessions/:telephonySessionId';

  router.add('GET', path, (rc) => {
    const caller = authenticate(rc, ctx);
    resolveAccount(rc, ctx);
    const session = visibleSession(ctx, rc.params.telephonySessionId ?? '', caller.extension.id);
    return { json: renderSession(ctx, session) };
  });

  router.add('DELETE', path, (rc) => {
    const caller = authenticate(rc, ctx);
    resolveAccount(rc, ctx);
    const session = visibleSession(ctx, rc.params.telephonySessionId ?? '', caller.extension.id);
    if (session.state !== 'Ended') ctx.model.endSession(session.telephonySessionId, 'CallControlDrop');
    return { status: 204, empty: true };
  });
}

function visibleSession(ctx: PlatformContext, id: string, extensionId: string): CallSession {
  const session = ctx.model.getSession(id);
  if (!session || session.state === 'Ended' || !session.parties.some((p) => p.extensionId === extensionId)) {
    throw new RestError(404, 'TAS-102', `Telephony session with id [${id}] not found`);
  }
  return session;
}

function renderSession(ctx: PlatformContext, session: CallSession): Record<string, unknown> {
  return {
    id: session.telephonySessionId,
    sessionId: session.sessionId,
    serverId: session.serverId,
    origin: { type: session.origin },
    creationTime: new Date(session.startTime).toISOString(),
    voiceCallToken: '',
    parties: session.parties.map((p) => ({
      id: p.id,
      ...(p.extensionId ? { owner: { accountId: ctx.model.accountId, extensionId: p.extensionId } } : {}),
      accountId: ctx.model.accountId,
      ...(p.extensionId ? { extensionId: p.extensionId } : {}),
      direction: p.direction,
      from: p.from,
      to: p.to,
      status: { code: p.status.code, ...(p.status.reason ? { reason: p.status.reason } : {}) },
      missedCall: p.missedCall,
      standAlone: p.standAlone,
      muted: p.muted,
      ...(session.recordings.length
        ? { recordings: session.recordings.map((r) => ({ id: r.id, active: r.active })) }
        : {}),
    })),
  };
}
