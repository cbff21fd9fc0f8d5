import type { PlatformContext } from '../http/platform-context';
import { RestError } from '../http/rest-error';
import type { RequestContext, RouteResult, Router } from '../http/router';
import type { DeskPhoneCommand } from '../model/ports';
import type { CallSession } from '../model/types';
import { webPhoneDeviceId } from './account-routes';
import { authenticate, resolveAccount } from './rest-auth';

/**
 * Call Control (RingCentral REST v1.0, API reference "Call Control":
 * https://developers.ringcentral.com/api-reference/Call-Control/readCallSessionStatus): `GET` and `DELETE`
 * `/account/{a}/telephony/sessions/{telephonySessionId}` (read, drop the call), and the party commands
 * `POST …/parties/{partyId}/answer|hold|unhold|reject|transfer` and `PATCH …/parties/{partyId}` `{muted}` (Developer
 * Guide, "Active-call control": https://developers.ringcentral.com/guide/voice/active-call-control). Party commands act
 * on parties on the extension's simulated desk phone / RingCentral app (`DeskPhonePort`); a web phone's party is
 * controlled over SIP, except a ringing one's `answer` `{deviceId}` (offered again to that web phone, auto-answer) and
 * `reject`; other commands on it get 409 `TAS-101` here. Each answers the party as the API does.
 */
export function registerTelephonyRoutes(router: Router, ctx: PlatformContext): void {
  const path = '/restapi/v1.0/account/:accountId/telephony/sessions/:telephonySessionId';

  router.add('GET', path, (rc) => {
    const caller = authenticate(rc, ctx);
    resolveAccount(rc, ctx);
    const session = visibleSession(ctx, rc.params.telephonySessionId ?? '', caller.extension.id);
    return { json: renderSession(ctx, session) };
  });

  router.add('DELETE', path, async (rc) => {
    const caller = authenticate(rc, ctx);
    resolveAccount(rc, ctx);
    const session = visibleSession(ctx, rc.params.telephonySessionId ?? '', caller.extension.id);
    const desks = ctx.deskPhones?.();
    // A call on the agent's desk phone is dropped there (the caller gets BYE); otherwise in the model only.
    if (desks?.online().includes(caller.extension.id)) {
      await desks
        .command(session.telephonySessionId, caller.extension.id, { kind: 'hangup' })
        .catch(() => ctx.model.endSession(session.telephonySessionId, 'CallControlDrop'));
    } else if (session.state !== 'Ended') ctx.model.endSession(session.telephonySessionId, 'CallControlDrop');
    return { status: 204, empty: true };
  });

  const partyPath = `${path}/parties/:partyId`;
  const partyCommand = async (rc: RequestContext, command: DeskPhoneCommand): Promise<RouteResult> => {
    const caller = authenticate(rc, ctx);
    resolveAccount(rc, ctx);
    const session = visibleSession(ctx, rc.params.telephonySessionId ?? '', caller.extension.id);
    const party = session.parties.find((p) => p.id === rc.params.partyId);
    if (!party || party.extensionId !== caller.extension.id)
      throw new RestError(404, 'TAS-103', `Party with id [${rc.params.partyId ?? ''}] not found`);
    const desks = ctx.deskPhones?.();
    if (!desks?.online().includes(caller.extension.id))
      throw new RestError(409, 'TAS-101', 'The party is not on a device Call Control can reach in the simulator');
    try {
      await desks.command(session.telephonySessionId, caller.extension.id, command);
    } catch (error) {
      throw new RestError(409, 'TAS-101', (error as Error).message);
    }
    const fresh = ctx.model.getSession(session.telephonySessionId) ?? session;
    const rendered = renderSession(ctx, fresh).parties as Record<string, unknown>[];
    return { json: rendered.find((p) => p.id === party.id) ?? {} };
  };
  /**
   * The agent's party rings on a web phone only (no desk phone online): `answer` `{deviceId}` naming the web phone
   * (the `device.id` of `sip-provision`) offers the call again to that device with auto-answer headers
   * (ringcentral-web-phone recipe "Using the Call Control API",
   * https://ringcentral.github.io/ringcentral-web-phone/recipes/call-control), and `reject` declines it. 404 `CMN-102`
   * for another device id.
   */
  const webPhoneCommand = async (rc: RequestContext, command: 'answer' | 'reject'): Promise<RouteResult> => {
    const caller = authenticate(rc, ctx);
    resolveAccount(rc, ctx);
    const session = visibleSession(ctx, rc.params.telephonySessionId ?? '', caller.extension.id);
    const party = session.parties.find((p) => p.id === rc.params.partyId);
    if (!party || party.extensionId !== caller.extension.id)
      throw new RestError(404, 'TAS-103', `Party with id [${rc.params.partyId ?? ''}] not found`);
    if (command === 'answer' && String(rc.body().deviceId) !== webPhoneDeviceId(caller.extension.id))
      throw new RestError(404, 'CMN-102', 'Resource for parameter [deviceId] is not found');
    if (party.status.code !== 'Setup' && party.status.code !== 'Proceeding')
      throw new RestError(409, 'TAS-101', 'The party is not ringing');
    const run = ctx.webPhoneCommand?.();
    if (!run) throw new RestError(409, 'TAS-101', 'No web phone is attached to the simulator');
    try {
      await run(session.telephonySessionId, caller.extension.id, command);
    } catch (error) {
      throw new RestError(409, 'TAS-101', (error as Error).message);
    }
    const fresh = ctx.model.getSession(session.telephonySessionId) ?? session;
    const rendered = renderSession(ctx, fresh).parties as Record<string, unknown>[];
    return { json: rendered.find((p) => p.id === party.id) ?? {} };
  };
  const onDeskPhone = (rc: RequestContext): boolean =>
    !!ctx.deskPhones?.()?.online().includes(authenticate(rc, ctx).extension.id);
  router.add('POST', `${partyPath}/answer`, (rc) =>
    rc.body().deviceId === undefined ? partyCommand(rc, { kind: 'answer' }) : webPhoneCommand(rc, 'answer'),
  );
  router.add('POST', `${partyPath}/reject`, (rc) =>
    onDeskPhone(rc) ? partyCommand(rc, { kind: 'hangup' }) : webPhoneCommand(rc, 'reject'),
  );
  router.add('POST', `${partyPath}/hold`, (rc) => partyCommand(rc, { kind: 'hold', held: true }));
  router.add('POST', `${partyPath}/unhold`, (rc) => partyCommand(rc, { kind: 'hold', held: false }));
  router.add('POST', `${partyPath}/transfer`, (rc) => {
    const body = rc.body();
    const to = typeof body.phoneNumber === 'string' ? body.phoneNumber : body.extensionNumber;
    if (typeof to !== 'string' || !to.trim())
      throw new RestError(400, 'CMN-101', 'Parameter [phoneNumber] or [extensionNumber] is required');
    return partyCommand(rc, { kind: 'transfer', to: to.trim() });
  });
  router.add('PATCH', partyPath, (rc) => {
    const muted = rc.body().muted;
    if (typeof muted !== 'boolean') throw new RestError(400, 'CMN-101', 'Parameter [muted] value is invalid');
    return partyCommand(rc, { kind: 'mute', muted });
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
