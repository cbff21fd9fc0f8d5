import type { PlatformContext } from '../http/platform-context';
import { RestError } from '../http/rest-error';
import type { RequestContext, Router } from '../http/router';
import type { CallLogRecord } from '../model/types';
import { dateParam, decodeSyncToken, encodeSyncToken, intParam, paginate } from './paging';
import { renderCallLogRecord } from './render';
import { authenticate, extensionUri, resolveAccount, resolveExtension } from './rest-auth';
import { generateWav } from './wav';

const DAY_MS = 86_400_000;

/**
 * Call log and recordings (RingCentral REST v1.0):
 * `GET …/extension/{e}/call-log` (filters `dateFrom` [default dateTo − 24 h], `dateTo`, `direction[]`, `type[]`,
 * `view=Simple|Detailed`, `withRecording`, `sessionId`, `telephonySessionId`, `phoneNumber`, paging),
 * `GET …/call-log/{id}`, `DELETE …/call-log`, `GET …/call-log-sync` (`syncType=FSync|ISync`, `syncToken`,
 * `recordCount`), `GET /account/{a}/call-log` (admin only: 403 for the seeded users),
 * `GET /account/{a}/recording/{id}` and `/content` (audio/x-wav; `?access_token=` accepted).
 */
export function registerCallLogRoutes(router: Router, ctx: PlatformContext): void {
  const account = '/restapi/v1.0/account/:accountId';
  const ext = `${account}/extension/:extensionId`;

  router.add('GET', `${ext}/call-log`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const detailed = rc.url.searchParams.get('view') === 'Detailed';
    const records = filterRecords(rc, ctx.model.listCallLog(target.id));
    const page = paginate(rc, `${extensionUri(ctx, target.id)}/call-log`, records, 100);
    return { json: { ...page, records: page.records.map((r) => renderCallLogRecord(ctx, r, detailed)) } };
  });

  router.add('DELETE', `${ext}/call-log`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const dateTo = dateParam(rc, 'dateTo') ?? Date.now();
    const ids = ctx.model
      .listCallLog(target.id)
      .filter((r) => r.startTime <= dateTo)
      .map((r) => r.id);
    ctx.model.deleteCallLog(target.id, ids);
    return { status: 204, empty: true };
  });

  router.add('GET', `${ext}/call-log/:callRecordId`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const ids = (rc.params.callRecordId ?? '').split(',');
    const found = ids
      .map((id) => ctx.model.getCallLogRecord(id))
      .filter((r): r is CallLogRecord => !!r && r.extensionId === target.id && !r.deleted);
    if (!found.length || (ids.length === 1 && !found[0]))
      throw new RestError(404, 'CMN-102', 'Resource for parameter [callRecordId] is not found', {
        parameterName: 'callRecordId',
      });
    const detailed = rc.url.searchParams.get('view') === 'Detailed';
    if (ids.length > 1)
      return { status: 207, json: { records: found.map((r) => renderCallLogRecord(ctx, r, detailed)) } };
    return { json: renderCallLogRecord(ctx, found[0] as CallLogRecord, detailed) };
  });

  router.add('GET', `${ext}/call-log-sync`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const syncType = rc.url.searchParams.get('syncType') ?? 'FSync';
    const recordCount = intParam(rc, 'recordCount', 250);
    let records: CallLogRecord[];
    if (syncType === 'FSync') {
      const dateFrom = dateParam(rc, 'dateFrom') ?? Date.now() - 30 * DAY_MS;
      records = ctx.model
        .listCallLog(target.id)
        .filter((r) => r.startTime >= dateFrom)
        .slice(0, recordCount);
    } else if (syncType === 'ISync') {
      const token = rc.url.searchParams.get('syncToken');
      if (!token)
        throw new RestError(400, 'CMN-100', 'Parameter [syncToken] is required for ISync', {
          parameterName: 'syncToken',
        });
      const since = decodeSyncToken(token, 'call-log', target.id);
      records = ctx.model.callLogChangedSince(target.id, since).slice(0, recordCount);
    } else {
      throw RestError.invalidParameter('syncType', syncType);
    }
    const syncToken = encodeSyncToken('call-log', target.id, ctx.model.callLogSequence());
    return {
      json: {
        uri: `${extensionUri(ctx, target.id)}/call-log-sync${rc.url.search}`,
        records: records.map((r) => renderCallLogRecord(ctx, r, rc.url.searchParams.get('view') === 'Detailed')),
        syncInfo: { syncType, syncToken, syncTime: new Date().toISOString() },
      },
    };
  });

  router.add('GET', `${account}/call-log`, (rc) => {
    authenticate(rc, ctx);
    resolveAccount(rc, ctx);
    throw new RestError(
      403,
      'CMN-408',
      'In order to call this API endpoint, user needs to have [FullCompanyCallLog] permission for requested resource.',
    );
  });

  router.add('GET', `${account}/recording/:recordingId`, (rc) => {
    const caller = authenticate(rc, ctx);
    resolveAccount(rc, ctx);
    const info = recordingFor(rc, ctx, caller.extension.id);
    const base = `${ctx.serverUrl()}/restapi/v1.0/account/${ctx.model.accountId}/recording/${info.id}`;
    return {
      json: {
        uri: base,
        id: info.id,
        contentUri: `${base}/content`,
        contentType: 'audio/x-wav',
        duration: info.duration,
      },
    };
  });

  router.add('GET', `${account}/recording/:recordingId/content`, (rc) => {
    const caller = authenticate(rc, ctx, true);
    resolveAccount(rc, ctx);
    const info = recordingFor(rc, ctx, caller.extension.id);
    return {
      contentType: 'audio/x-wav',
      body: generateWav(info.duration),
      headers: { 'Content-Disposition': `attachment; filename=recording-${info.id}.wav` },
    };
  });
}

function recordingFor(rc: RequestContext, ctx: PlatformContext, extensionId: string) {
  const info = ctx.model.getRecording(rc.params.recordingId ?? '');
  if (!info || info.kind !== 'CallRecording')
    throw new RestError(404, 'CMN-102', 'Resource for parameter [recordingId] is not found', {
      parameterName: 'recordingId',
    });
  if (!info.extensionIds.includes(extensionId)) {
    throw new RestError(
      403,
      'CMN-408',
      'In order to call this API endpoint, user needs to have [ReadCallRecording] permission for requested resource.',
    );
  }
  return info;
}

function filterRecords(rc: RequestContext, records: CallLogRecord[]): CallLogRecord[] {
  const dateTo = dateParam(rc, 'dateTo') ?? Date.now() + 1000;
  const dateFrom = dateParam(rc, 'dateFrom') ?? dateTo - DAY_MS;
  const directions = rc.queryAll('direction');
  const types = rc.queryAll('type');
  const withRecording = rc.url.searchParams.get('withRecording') === 'true';
  const sessionId = rc.url.searchParams.get('sessionId');
  const telephonySessionId = rc.url.searchParams.get('telephonySessionId');
  const phone = rc.url.searchParams.get('phoneNumber')?.replace(/\D/g, '');
  for (const d of directions) if (d !== 'Inbound' && d !== 'Outbound') throw RestError.invalidParameter('direction', d);
  return records
    .filter((r) => r.startTime >= dateFrom && r.startTime <= dateTo)
    .filter((r) => !directions.length || directions.includes(r.direction))
    .filter((r) => !types.length || types.includes(r.type))
    .filter((r) => !withRecording || !!r.recording)
    .filter((r) => !sessionId || r.sessionId === sessionId)
    .filter((r) => !telephonySessionId || r.telephonySessionId === telephonySessionId)
    .filter(
      (r) =>
        !phone ||
        r.from.phoneNumber.replace(/\D/g, '').endsWith(phone) ||
        r.to.phoneNumber.replace(/\D/g, '').endsWith(phone),
    );
}
