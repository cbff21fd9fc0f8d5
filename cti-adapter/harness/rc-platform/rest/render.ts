import type { PlatformContext } from '../http/platform-context';
import type { CallLogLeg, CallLogRecord, Endpoint, StoredMessage } from '../model/types';
import type { SeedExtension } from '../seed/seed';
import { extensionUri } from './rest-auth';

/** `from`/`to` of call-log records. */
export function renderEndpoint(endpoint: Endpoint): Record<string, unknown> {
  return {
    phoneNumber: endpoint.phoneNumber,
    ...(endpoint.name ? { name: endpoint.name } : {}),
    ...(endpoint.extensionId ? { extensionId: endpoint.extensionId } : {}),
    ...(endpoint.extensionNumber ? { extensionNumber: endpoint.extensionNumber } : {}),
  };
}

/** Extension info (`GET …/extension/{id}`, RingCentral `GetExtensionInfoResponse`). */
export function renderExtension(ctx: PlatformContext, ext: SeedExtension): Record<string, unknown> {
  const account = ctx.model.directory.seed.account;
  return {
    uri: extensionUri(ctx, ext.id),
    id: Number(ext.id),
    extensionNumber: ext.extensionNumber,
    name: ext.name,
    type: ext.type,
    status: 'Enabled',
    contact: {
      ...(ext.firstName ? { firstName: ext.firstName } : {}),
      ...(ext.lastName ? { lastName: ext.lastName } : {}),
      ...(ext.email ? { email: ext.email } : {}),
      businessPhone: ext.directNumber,
      emailAsLoginName: !!ext.email,
    },
    account: { uri: `${ctx.serverUrl()}/restapi/v1.0/account/${account.id}`, id: account.id },
    permissions: { admin: { enabled: false }, internationalCalling: { enabled: true } },
    regionalSettings: {
      homeCountry: { id: '1', isoCode: 'US', name: 'United States', callingCode: '1' },
      timezone: { id: '58', name: account.timezone, description: 'Pacific Time (US & Canada)', bias: '-480' },
      language: { id: '1033', locale: 'en-US', name: 'English (United States)' },
      formattingLocale: { id: '1033', localeCode: 'en-US', name: 'English (United States)' },
      timeFormat: '12h',
    },
    serviceFeatures: ['SMS', 'VoipCalling', 'RingOut', 'CallPark', 'Voicemail', 'CallControl', 'WebPhone'].map(
      (featureName) => ({
        featureName,
        enabled: ext.type === 'User',
      }),
    ),
    setupWizardState: 'Completed',
    hidden: false,
    ...(ext.type === 'Department' ? { subType: 'CallQueue' } : {}),
  };
}

/** A call-log record (RingCentral `CallLogRecord`); legs only in the Detailed view. */
export function renderCallLogRecord(
  ctx: PlatformContext,
  record: CallLogRecord,
  detailed: boolean,
): Record<string, unknown> {
  const base = `${ctx.serverUrl()}/restapi/v1.0/account/${ctx.model.accountId}`;
  return {
    uri: `${extensionUri(ctx, record.extensionId)}/call-log/${record.id}?view=${detailed ? 'Detailed' : 'Simple'}`,
    id: record.id,
    sessionId: record.sessionId,
    telephonySessionId: record.telephonySessionId,
    partyId: record.partyId,
    startTime: new Date(record.startTime).toISOString(),
    duration: record.duration,
    durationMs: record.duration * 1000,
    type: record.type,
    internalType: record.transport === 'PSTN' ? 'LocalNumber' : 'Internal',
    direction: record.direction,
    action: record.action,
    result: record.result,
    reason: record.reason,
    reasonDescription: record.reasonDescription,
    from: renderEndpoint(record.from),
    to: renderEndpoint(record.to),
    extension: { uri: extensionUri(ctx, record.extensionId), id: Number(record.extensionId) },
    transport: record.transport,
    lastModifiedTime: new Date(record.lastModifiedTime).toISOString(),
    ...(record.deleted ? { deleted: true } : {}),
    ...(record.recording
      ? {
          recording: {
            uri: `${base}/recording/${record.recording.id}`,
            id: record.recording.id,
            type: record.recording.type,
            contentUri: `${base}/recording/${record.recording.id}/content`,
          },
        }
      : {}),
    ...(detailed ? { legs: record.legs.map((leg) => renderLeg(ctx, leg)) } : {}),
  };
}

function renderLeg(ctx: PlatformContext, leg: CallLogLeg): Record<string, unknown> {
  return {
    startTime: new Date(leg.startTime).toISOString(),
    duration: leg.duration,
    durationMs: leg.duration * 1000,
    type: leg.type,
    direction: leg.direction,
    action: leg.action,
    result: leg.result,
    reason: leg.reason,
    from: renderEndpoint(leg.from),
    to: renderEndpoint(leg.to),
    legType: leg.legType,
    transport: leg.transport,
    telephonySessionId: leg.telephonySessionId,
    partyId: leg.partyId,
    master: leg.master,
    ...(leg.extensionId ? { extension: { uri: extensionUri(ctx, leg.extensionId), id: Number(leg.extensionId) } } : {}),
  };
}

/** A message (RingCentral `GetMessageInfoResponse`). */
export function renderMessage(ctx: PlatformContext, extensionId: string, m: StoredMessage): Record<string, unknown> {
  const uri = `${extensionUri(ctx, extensionId)}/message-store/${m.id}`;
  const attachments =
    m.type === 'VoiceMail' && m.attachment
      ? [
          {
            id: Number(m.attachment.id),
            uri: `${uri}/content/${m.attachment.id}`,
            type: 'AudioRecording',
            contentType: 'audio/x-wav',
            vmDuration: m.attachment.duration,
            fileName: `voicemail-${m.id}.wav`,
          },
        ]
      : [
          {
            id: Number(m.id),
            uri: `${uri}/content/${m.id}`,
            type: 'Text',
            contentType: 'text/plain',
            size: Buffer.byteLength(m.subject),
          },
        ];
  return {
    uri,
    id: Number(m.id),
    to: m.to,
    from: m.from,
    type: m.type,
    creationTime: new Date(m.creationTime).toISOString(),
    readStatus: m.readStatus,
    priority: 'Normal',
    attachments,
    direction: m.direction,
    availability: m.availability,
    subject: m.subject,
    messageStatus: m.messageStatus,
    ...(m.deliveryErrorCode ? { deliveryErrorCode: m.deliveryErrorCode } : {}),
    conversationId: Number(m.conversationId),
    conversation: { id: m.conversationId, uri: `${ctx.serverUrl()}/restapi/v1.0/conversation/${m.conversationId}` },
    lastModifiedTime: new Date(m.lastModifiedTime).toISOString(),
    ...(m.type === 'SMS' && m.direction === 'Outbound' ? { smsSendingAttemptsCount: 1 } : {}),
    ...(m.type === 'VoiceMail' ? { vmTranscriptionStatus: 'NotAvailable' } : {}),
  };
}
