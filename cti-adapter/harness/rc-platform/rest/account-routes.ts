import type { PlatformContext } from '../http/platform-context';
import { RestError } from '../http/rest-error';
import { SIP_PROXY_PATHS } from '../http/sip-proxies';
import type { Router } from '../http/router';
import type { Presence } from '../model/types';
import { paginate } from './paging';
import { renderExtension } from './render';
import { authenticate, extensionUri, resolveAccount, resolveExtension } from './rest-auth';

const USER_STATUS: Presence['userStatus'][] = ['Offline', 'Busy', 'Available'];
const DND_STATUS: Presence['dndStatus'][] = [
  'TakeAllCalls',
  'DoNotAcceptAnyCalls',
  'DoNotAcceptDepartmentCalls',
  'TakeDepartmentCallsOnly',
];

/**
 * Account, extension, phone-number, presence and SIP-provision endpoints (RingCentral REST v1.0):
 * `GET /account/{a}`, `GET /account/{a}/extension`, `GET /account/{a}/extension/{e}`,
 * `GET …/extension/{e}/phone-number`, `GET|PUT …/extension/{e}/presence`, `POST /client-info/sip-provision`.
 */
export function registerAccountRoutes(router: Router, ctx: PlatformContext): void {
  const account = '/restapi/v1.0/account/:accountId';
  const ext = `${account}/extension/:extensionId`;

  router.add('GET', account, (rc) => {
    authenticate(rc, ctx);
    const id = resolveAccount(rc, ctx);
    const seed = ctx.model.directory.seed.account;
    return {
      json: {
        uri: `${ctx.serverUrl()}/restapi/v1.0/account/${id}`,
        id: Number(id),
        mainNumber: seed.mainNumber,
        name: seed.name,
        status: 'Confirmed',
        serviceInfo: { brand: { id: '1210', name: 'RingCentral', homeCountry: { id: '1', isoCode: 'US' } } },
        regionalSettings: { timezone: { name: seed.timezone }, homeCountry: { id: '1', isoCode: 'US' } },
        setupWizardState: 'Completed',
      },
    };
  });

  router.add('GET', `${account}/extension`, (rc) => {
    authenticate(rc, ctx);
    resolveAccount(rc, ctx);
    const types = rc.queryAll('type');
    const list = ctx.model.directory.extensions().filter((e) => !types.length || types.includes(e.type));
    return {
      json: paginate(
        rc,
        `${ctx.serverUrl()}/restapi/v1.0/account/${ctx.model.accountId}/extension`,
        list.map((e) => renderExtension(ctx, e)),
      ),
    };
  });

  router.add('GET', ext, (rc) => {
    const caller = authenticate(rc, ctx);
    return { json: renderExtension(ctx, resolveExtension(rc, ctx, caller, true)) };
  });

  router.add('GET', `${ext}/phone-number`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const usage = rc.queryAll('usageType');
    const seed = ctx.model.directory.seed.account;
    const numbers = [
      {
        id: Number(target.id) * 10 + 1,
        phoneNumber: target.directNumber,
        paymentType: 'Local',
        type: 'VoiceFax',
        usageType: 'DirectNumber',
        primary: true,
        features: ['CallerId', 'SmsSender', 'MmsSender', 'InternationalSmsSender'],
        status: 'Normal',
        country: { id: '1', isoCode: 'US', name: 'United States' },
        extension: { id: Number(target.id), extensionNumber: target.extensionNumber },
      },
      {
        id: Number(seed.id) * 10 + 1,
        phoneNumber: seed.mainNumber,
        paymentType: 'Local',
        type: 'VoiceFax',
        usageType: 'MainCompanyNumber',
        primary: false,
        features: ['CallerId'],
        status: 'Normal',
        country: { id: '1', isoCode: 'US', name: 'United States' },
      },
    ].filter((n) => !usage.length || usage.includes(n.usageType));
    return { json: paginate(rc, `${extensionUri(ctx, target.id)}/phone-number`, numbers) };
  });

  router.add('GET', `${ext}/presence`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller, true);
    const detailed = rc.url.searchParams.get('detailedTelephonyState') === 'true';
    return { json: renderPresence(ctx, target.id, detailed) };
  });

  router.add('PUT', `${ext}/presence`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const body = rc.body();
    if (body.userStatus !== undefined && !USER_STATUS.includes(body.userStatus as Presence['userStatus'])) {
      throw RestError.invalidParameter('userStatus', body.userStatus);
    }
    if (body.dndStatus !== undefined && !DND_STATUS.includes(body.dndStatus as Presence['dndStatus'])) {
      throw RestError.invalidParameter('dndStatus', body.dndStatus);
    }
    ctx.model.updatePresence(target.id, {
      ...(body.userStatus ? { userStatus: body.userStatus as Presence['userStatus'] } : {}),
      ...(body.dndStatus ? { dndStatus: body.dndStatus as Presence['dndStatus'] } : {}),
      ...(typeof body.message === 'string' ? { message: body.message } : {}),
    });
    return { json: renderPresence(ctx, target.id, false) };
  });

  router.add('POST', '/restapi/v1.0/client-info/sip-provision', (rc) => {
    const caller = authenticate(rc, ctx);
    const body = rc.body();
    const requested = Array.isArray(body.sipInfo) ? (body.sipInfo as { transport?: string }[]) : [];
    if (requested.length && !requested.some((s) => String(s.transport).toUpperCase() === 'WSS')) {
      throw new RestError(400, 'CMN-101', 'Parameter [sipInfo.transport] value is invalid; only WSS is available', {
        parameterName: 'sipInfo.transport',
      });
    }
    if (caller.extension.type !== 'User' || !caller.extension.sip) {
      throw new RestError(
        403,
        'CMN-408',
        'In order to call this API endpoint, user needs to have [VoipCalling] permission',
      );
    }
    const credentials = ctx.model.sipCredentialsForExtension(caller.extension.id);
    const host = new URL(ctx.serverUrl()).host;
    const proxy = `${host}${SIP_PROXY_PATHS.primary}`;
    return {
      json: {
        uri: `${ctx.serverUrl()}/restapi/v1.0/client-info/sip-provision`,
        device: {
          uri: `${extensionUri(ctx, caller.extension.id)}/device/${webPhoneDeviceId(caller.extension.id)}`,
          id: webPhoneDeviceId(caller.extension.id),
          type: 'WebPhone',
          status: 'Online',
          extension: { id: Number(caller.extension.id), extensionNumber: caller.extension.extensionNumber },
        },
        sipInfo: [
          {
            transport: 'WSS',
            username: credentials.username,
            password: credentials.password,
            authorizationId: credentials.authorizationId,
            authorizationTypes: ['SipDigest'],
            domain: credentials.domain,
            outboundProxy: proxy,
            outboundProxyBackup: `${host}${SIP_PROXY_PATHS.backup}`,
            outboundProxies: [{ region: 'NA', proxyTLS: proxy }],
            stunServers: [],
          },
        ],
        sipInfoPstn: [],
        sipFlags: {
          voipFeatureEnabled: true,
          voipCountryBlocked: false,
          outboundCallsEnabled: true,
          dscpEnabled: false,
        },
        sipErrorCodes: ['408', '502', '503', '504'],
        pollingInterval: 1800,
      },
    };
  });
}

/** The id of an extension's web phone device, as `sip-provision` reports it (one per extension here). */
export function webPhoneDeviceId(extensionId: string): string {
  return String(Number(extensionId) * 100 + 1);
}

/** Presence (RingCentral `GetPresenceInfo`); `activeCalls` only with `detailedTelephonyState=true`. */
export function renderPresence(ctx: PlatformContext, extensionId: string, detailed: boolean): Record<string, unknown> {
  const p = ctx.model.getPresence(extensionId);
  const ext = ctx.model.findExtensionById(extensionId);
  return {
    uri: `${extensionUri(ctx, extensionId)}/presence`,
    extension: { uri: extensionUri(ctx, extensionId), id: Number(extensionId), extensionNumber: ext?.extensionNumber },
    presenceStatus: p.presenceStatus,
    telephonyStatus: p.telephonyStatus,
    userStatus: p.userStatus,
    dndStatus: p.dndStatus,
    ...(p.message !== undefined ? { message: p.message } : {}),
    allowSeeMyPresence: true,
    ringOnMonitoredCall: false,
    pickUpCallsOnHold: false,
    meetingStatus: 'Disconnected',
    ...(detailed ? { activeCalls: p.activeCalls } : {}),
  };
}
