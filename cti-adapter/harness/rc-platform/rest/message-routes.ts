import type { PlatformContext } from '../http/platform-context';
import { RestError } from '../http/rest-error';
import type { RequestContext, Router } from '../http/router';
import type { MessageFilter } from '../model/message-store';
import type { MessageType, StoredMessage } from '../model/types';
import { dateParam, decodeSyncToken, encodeSyncToken, intParam, paginate } from './paging';
import { renderMessage } from './render';
import { authenticate, extensionUri, resolveExtension } from './rest-auth';
import { generateWav } from './wav';

const MESSAGE_TYPES: MessageType[] = ['SMS', 'VoiceMail', 'Pager', 'Fax'];
const DAY_MS = 86_400_000;

/**
 * Message store, message sync and SMS (RingCentral REST v1.0):
 * `GET …/message-store` (`messageType[]`, `direction[]`, `readStatus[]`, `availability[]`, `conversationId`,
 * `phoneNumber`, `distinctConversations`, `dateFrom` [default `dateTo` − 24 h], `dateTo` [default now], paging), `GET|PUT|DELETE …/message-store/{id}`,
 * `GET …/message-store/{id}/content/{attachmentId}`, `GET …/message-sync` (`syncType=FSync|ISync`; FSync takes the
 * list's filters and `recordCount`, newest first; ISync the changes after the token, oldest change first),
 * `POST …/sms` (`{from:{phoneNumber}, to:[{phoneNumber}], text}` → `messageStatus: Queued`).
 */
export function registerMessageRoutes(router: Router, ctx: PlatformContext): void {
  const ext = '/restapi/v1.0/account/:accountId/extension/:extensionId';

  router.add('GET', `${ext}/message-store`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const messages = ctx.model.listMessages(target.id, messageFilter(rc));
    const page = paginate(rc, `${extensionUri(ctx, target.id)}/message-store`, messages, 100);
    return { json: { ...page, records: page.records.map((m) => renderMessage(ctx, target.id, m)) } };
  });

  router.add('GET', `${ext}/message-store/:messageId`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    return { json: renderMessage(ctx, target.id, findMessage(rc, ctx, target.id)) };
  });

  router.add('PUT', `${ext}/message-store/:messageId`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    findMessage(rc, ctx, target.id);
    const readStatus = rc.body().readStatus;
    if (readStatus !== 'Read' && readStatus !== 'Unread') throw RestError.invalidParameter('readStatus', readStatus);
    const updated = ctx.model.updateMessage(target.id, rc.params.messageId ?? '', { readStatus });
    return { json: renderMessage(ctx, target.id, updated as StoredMessage) };
  });

  router.add('DELETE', `${ext}/message-store/:messageId`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    findMessage(rc, ctx, target.id);
    ctx.model.updateMessage(target.id, rc.params.messageId ?? '', { availability: 'Deleted' });
    return { status: 204, empty: true };
  });

  router.add('GET', `${ext}/message-store/:messageId/content/:attachmentId`, (rc) => {
    const caller = authenticate(rc, ctx, true);
    const target = resolveExtension(rc, ctx, caller);
    const message = findMessage(rc, ctx, target.id);
    const attachmentId = rc.params.attachmentId;
    if (message.attachment && message.attachment.id === attachmentId) {
      return { contentType: 'audio/x-wav', body: generateWav(message.attachment.duration) };
    }
    if (attachmentId === message.id) return { contentType: 'text/plain; charset=utf-8', body: message.subject };
    throw new RestError(404, 'CMN-102', 'Resource for parameter [attachmentId] is not found', {
      parameterName: 'attachmentId',
    });
  });

  router.add('GET', `${ext}/message-sync`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const syncType = rc.url.searchParams.get('syncType') ?? 'FSync';
    const recordCount = intParam(rc, 'recordCount', 250);
    const types = rc.queryAll('messageType');
    let records: StoredMessage[];
    if (syncType === 'FSync') {
      const dateTo = dateParam(rc, 'dateTo');
      records = ctx.model.listMessages(target.id, {
        ...messageFilter(rc),
        dateFrom: dateParam(rc, 'dateFrom') ?? (dateTo ?? Date.now()) - 30 * DAY_MS,
      });
    } else if (syncType === 'ISync') {
      const token = rc.url.searchParams.get('syncToken');
      if (!token)
        throw new RestError(400, 'CMN-100', 'Parameter [syncToken] is required for ISync', {
          parameterName: 'syncToken',
        });
      const since = decodeSyncToken(token, 'message', target.id);
      records = ctx.model.messages
        .changedSince(target.id, since)
        .filter((m) => !types.length || types.includes(m.type));
    } else {
      throw RestError.invalidParameter('syncType', syncType);
    }
    const limited = records.slice(0, recordCount);
    // An incremental sync cut at recordCount hands out a token that still covers the changes left out.
    const last = limited[limited.length - 1];
    const sequence =
      syncType === 'ISync' && records.length > limited.length && last
        ? last.syncSequence
        : ctx.model.messages.currentSequence();
    return {
      json: {
        uri: `${extensionUri(ctx, target.id)}/message-sync${rc.url.search}`,
        records: limited.map((m) => renderMessage(ctx, target.id, m)),
        syncInfo: {
          syncType,
          syncToken: encodeSyncToken('message', target.id, sequence),
          syncTime: new Date().toISOString(),
          olderRecordsExist: records.length > limited.length,
        },
      },
    };
  });

  router.add('POST', `${ext}/sms`, (rc) => {
    const caller = authenticate(rc, ctx);
    const target = resolveExtension(rc, ctx, caller);
    const body = rc.body();
    const from = (body.from as { phoneNumber?: unknown } | undefined)?.phoneNumber;
    const to = Array.isArray(body.to) ? (body.to as { phoneNumber?: unknown }[]).map((t) => t?.phoneNumber) : [];
    const text = body.text;
    if (typeof from !== 'string' || !from)
      throw new RestError(400, 'CMN-100', 'Parameter [from] is not specified', { parameterName: 'from' });
    if (!to.length || to.some((t) => typeof t !== 'string' || !/\d{3,}/.test(t)))
      throw RestError.invalidParameter('to');
    if (typeof text !== 'string' || text.length === 0)
      throw new RestError(400, 'CMN-100', 'Parameter [text] is not specified', { parameterName: 'text' });
    if (text.length > 1000)
      throw new RestError(400, 'MSG-304', 'Text length exceeds 1000 characters', { parameterName: 'text' });
    const message = ctx.model.sendSms({ extensionId: target.id, from, to: to as string[], text });
    return { json: renderMessage(ctx, target.id, message) };
  });
}

function findMessage(rc: RequestContext, ctx: PlatformContext, owner: string): StoredMessage {
  const message = ctx.model.messages.get(owner, rc.params.messageId ?? '');
  if (!message || message.availability !== 'Alive') {
    throw new RestError(404, 'CMN-102', 'Resource for parameter [messageId] is not found', {
      parameterName: 'messageId',
    });
  }
  return message;
}

function messageFilter(rc: RequestContext): MessageFilter {
  const types = rc.queryAll('messageType');
  for (const t of types)
    if (!MESSAGE_TYPES.includes(t as MessageType)) throw RestError.invalidParameter('messageType', t);
  const dateTo = dateParam(rc, 'dateTo');
  const dateFrom = dateParam(rc, 'dateFrom') ?? (dateTo ?? Date.now()) - DAY_MS;
  const conversationId = rc.url.searchParams.get('conversationId');
  const phoneNumber = rc.url.searchParams.get('phoneNumber');
  const distinct = rc.url.searchParams.get('distinctConversations');
  if (distinct !== null && distinct !== 'true' && distinct !== 'false')
    throw RestError.invalidParameter('distinctConversations', distinct);
  return {
    dateFrom,
    ...(dateTo !== undefined ? { dateTo } : {}),
    ...(types.length ? { type: types as MessageType[] } : {}),
    ...(rc.queryAll('direction').length ? { direction: rc.queryAll('direction') as MessageFilter['direction'] } : {}),
    ...(rc.queryAll('readStatus').length
      ? { readStatus: rc.queryAll('readStatus') as MessageFilter['readStatus'] }
      : {}),
    ...(rc.queryAll('availability').length
      ? { availability: rc.queryAll('availability') as MessageFilter['availability'] }
      : {}),
    ...(conversationId ? { conversationId } : {}),
    ...(phoneNumber ? { phoneNumber } : {}),
    ...(distinct === 'true' ? { distinctConversations: true } : {}),
  };
}
