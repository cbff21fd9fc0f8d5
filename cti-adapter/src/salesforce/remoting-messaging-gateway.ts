import type { LogUpsertResult } from '../core/call-log/log-outbox';
import type { SmsLog } from '../core/messaging/sms-log';
import type { SmsLogGateway } from '../core/messaging/sms-log-outbox';
import type { RemotingCrmGateway } from './remoting-crm-gateway';

/**
 * The Messages tab's remote actions (`SoftphoneMessagesController`, contract `docs/contracts/softphone-remote-api.md`)
 * over the page's one remoting transport ({@link RemotingCrmGateway.invoke}: the same envelope, errors and timeout).
 * Part of the Messages chunk (ADR 0019).
 * @public
 */
export class RemotingMessagingGateway implements SmsLogGateway {
  constructor(private readonly remoting: Pick<RemotingCrmGateway, 'invoke'>) {}

  /** `upsertSmsLogs({logs})`: one result per log, in request order. Rejects with `CrmError`. */
  async upsertSmsLogs(logs: readonly (SmsLog & { readonly revision: number })[]): Promise<LogUpsertResult[]> {
    const payload = await this.remoting.invoke('upsertSmsLogs', { logs });
    const results = payload['results'];
    if (!Array.isArray(results)) throw new Error('Malformed upsertSmsLogs response: no results');
    return results as LogUpsertResult[];
  }
}
