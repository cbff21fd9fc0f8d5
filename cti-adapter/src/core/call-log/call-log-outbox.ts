import type { CallLog, SentCallLog } from './call-log';
import { keepAgentEdits, LogOutbox, type LogEntry, type LogOutboxOptions, type LogSaveResult } from './log-outbox';
import { readStoredOutboxEntry, storedOutboxEntryText } from './stored-outbox-shapes';
import type { CrmGateway } from '../ports/crm-gateway';

export type { OutboxStatus, LogOutboxEventMap } from './log-outbox';

/** One call log waiting for (or done with) `upsertCallLogs`, keyed by the call's telephony session id. @public */
export type OutboxEntry = LogEntry<CallLog, 'telephonySessionId'>;

/** Outcome of {@link CallLogOutbox.save}. @public */
export type OutboxSaveResult = LogSaveResult<'telephonySessionId'>;

/** Options of {@link CallLogOutbox}. @public */
export interface CallLogOutboxOptions extends Omit<LogOutboxOptions, 'keyPrefix'> {
  readonly gateway: Pick<CrmGateway, 'upsertCallLogs'>;
  /** Storage key prefix (default `softphone.outbox.`). */
  readonly keyPrefix?: string;
}

/** Fields the agent edits on the log form: an automatic log never overwrites them once the agent saved. */
const AGENT_FIELDS = ['subject', 'notes', 'disposition', 'whoId', 'whatId', 'fields', 'followUp'] as const;

/**
 * The durable outbox of call logs ({@link LogOutbox} over `upsertCallLogs`): entries keyed by the telephony session
 * id, stored as `softphone.outbox.<telephonySessionId>`; an `auto`/`sync` log never overwrites the
 * agent-edited fields of a stored `agent` log that say something (a value, or the `""` of a cleared Who/What).
 * @public
 */
export class CallLogOutbox extends LogOutbox<CallLog, 'telephonySessionId'> {
  constructor(options: CallLogOutboxOptions) {
    const { gateway, keyPrefix, ...rest } = options;
    super(
      { ...rest, keyPrefix: keyPrefix ?? 'softphone.outbox.' },
      {
        keyField: 'telephonySessionId',
        keyOf: (log) => log.telephonySessionId,
        send: (logs) => gateway.upsertCallLogs(logs as readonly SentCallLog[]),
        merge: (previous, next) => keepAgentEdits(previous, next, AGENT_FIELDS),
        read: readStoredOutboxEntry,
        write: storedOutboxEntryText,
      },
    );
  }
}
