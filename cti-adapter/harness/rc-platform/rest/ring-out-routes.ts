import type { PlatformContext } from '../http/platform-context';
import { RestError } from '../http/rest-error';
import type { Router } from '../http/router';
import type { RingOut } from '../model/types';
import { authenticate, extensionUri, resolveExtension } from './rest-auth';

/**
 * RingOut (RingCentral REST v1.0): `POST …/extension/{e}/ring-out`
 * (`{from:{phoneNumber}, to:{phoneNumber}, callerId?:{phoneNumber}, playPrompt?}`), `GET …/ring-out/{id}`,
 * `DELETE …/ring-out/{id}` (204). Status progression is driven by the model (see `TelephonyModel.createRingOut`).
 */
export function registerRingOutRoutes(router: Router, ctx: PlatformContext): void {
  const ext = '/restapi/v1.0/account/:accountId/extension/:extensionId';

  router.add('POST', `${ext}/ring-out`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const body = rc.body();
    const from = (body.from as { phoneNumber?: unknown } | undefined)?.phoneNumber;
    const to = (body.to as { phoneNumber?: unknown } | undefined)?.phoneNumber;
    const callerId = (body.callerId as { phoneNumber?: unknown } | undefined)?.phoneNumber;
    if (typeof from !== 'string' || !/\d/.test(from)) throw RestError.invalidParameter('from.phoneNumber', from);
    if (typeof to !== 'string' || !/\d/.test(to)) throw RestError.invalidParameter('to.phoneNumber', to);
    const ringOut = ctx.model.createRingOut({
      extensionId: target.id,
      from,
      to,
      ...(typeof callerId === 'string' ? { callerId } : {}),
      playPrompt: body.playPrompt === true,
    });
    return { json: render(ctx, ringOut) };
  });

  router.add('GET', `${ext}/ring-out/:ringOutId`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const ringOut = ctx.model.getRingOut(target.id, rc.params.ringOutId ?? '');
    if (!ringOut)
      throw new RestError(404, 'CMN-102', 'Resource for parameter [ringoutId] is not found', {
        parameterName: 'ringoutId',
      });
    return { json: render(ctx, ringOut) };
  });

  router.add('DELETE', `${ext}/ring-out/:ringOutId`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    if (!ctx.model.cancelRingOut(target.id, rc.params.ringOutId ?? '')) {
      throw new RestError(404, 'CMN-102', 'Resource for parameter [ringoutId] is not found', {
        parameterName: 'ringoutId',
      });
    }
    return { status: 204, empty: true };
  });
}

function render(ctx: PlatformContext, ringOut: RingOut): Record<string, unknown> {
  return {
    uri: `${extensionUri(ctx, ringOut.extensionId)}/ring-out/${ringOut.id}`,
    id: Number(ringOut.id),
    status: { ...ringOut.status },
  };
}
