/**
 * The contract's `CallLog` (`docs/contracts/softphone-remote-api.md`, `upsertCallLogs`): one call to be logged
 * (or updated) as the agent's Task of the call. The server keys the Task by the **log key** (`Task.CALL_UNIQUE_ID__c`
 * = the telephony session id and the signed-in Salesforce user, ADR 0009), so the client never builds the key.
 * @public
 */
export interface CallLog {
  /** RingCentral `telephonySessionId`, required, ≤ {@link MAX_TELEPHONY_SESSION_ID_LENGTH} chars. */
  readonly telephonySessionId: string;
  /** RingCentral `sessionId` (`Task.CALL_UUID__c`). */
  readonly callUuid: string | null;
  /** Who asked for the log: the agent pressing Save, the auto-log countdown, or a background sync. */
  readonly source: CallLogSource;
  readonly direction: CallLogDirection;
  /** E.164 when known (the raw remote number otherwise, e.g. an extension). */
  readonly fromNumber: string | null;
  readonly toNumber: string | null;
  readonly fromName: string | null;
  readonly toName: string | null;
  readonly fromLocation: string | null;
  readonly toLocation: string | null;
  /** ISO 8601 UTC. */
  readonly startTime: string;
  /** ISO 8601 UTC, `null` while the call is still going on. */
  readonly endTime: string | null;
  /** Whole seconds of conversation (answer → end), 0 for calls never answered. */
  readonly durationSeconds: number;
  /** RingCentral call result: `Accepted`, `Call connected`, `Missed`, `Voicemail`, `Rejected`, `Busy`, … */
  readonly result: string;
  readonly subject: string | null;
  /** ≤ {@link MAX_NOTES_LENGTH} characters. */
  readonly notes: string | null;
  readonly disposition: string | null;
  /** Contact (`003…`, also a person account's PersonContactId) or Lead (`00Q…`). */
  readonly whoId: string | null;
  /** Account/Opportunity/Case/custom object. Always `null` when the Who is a Lead. */
  readonly whatId: string | null;
  readonly recordingUrl: string | null;
  readonly recordingId: string | null;
  /** Values of the admin's log fields (`Settings.logFields`), keyed by Task field API name. */
  readonly fields: Readonly<Record<string, string | null>> | null;
  /**
   * A call queue call every member missed (RingCentral's call log of the session has no accepted leg): the server logs
   * it once for the queue, under a key the members share (ADR 0025). Absent = the agent's own log.
   */
  readonly queueMissed?: boolean;
  /**
   * The follow-up Task of the log (ADR 0033): the server upserts it after the call's Task, keyed by the log key plus
   * `:follow-up`, with the call Task's Who/What. Absent or `null` = no follow-up (an existing one is left alone).
   */
  readonly followUp?: CallLogFollowUp | null;
}

/**
 * The contract's `CallLog.followUp`: `subject` ≤ 255 characters or `null` for the server's default
 * (`Follow up: <name|number>`), `ownerId` an active Standard user (`005…`), `dueDate` the Task's `ActivityDate`
 * (`YYYY-MM-DD`). The server refuses a bad one with `INVALID_INPUT`, field `logs[i].followUp.<key>`.
 * @public
 */
export interface CallLogFollowUp {
  readonly subject: string | null;
  readonly ownerId: string;
  readonly dueDate: string;
}

/** @public */
export type CallLogSource = 'agent' | 'auto' | 'sync';

/** @public */
export type CallLogDirection = 'inbound' | 'outbound' | 'internal';

/**
 * A {@link CallLog} as the outbox sends it: with its **revision**, increasing with every change of the log on this
 * browser (epoch ms × 1000 plus a counter). The server does not apply a revision older than the one it stored.
 * @public
 */
export interface SentCallLog extends CallLog {
  readonly revision: number;
}

/** `Task.Description` limit used by the contract for `notes`. @public */
export const MAX_NOTES_LENGTH = 32000;

/**
 * Longest `telephonySessionId`: the log key (`CALL_UNIQUE_ID__c`, Text 255) adds `:` and an 18-character user id.
 * @public
 */
export const MAX_TELEPHONY_SESSION_ID_LENGTH = 255 - 19;

/**
 * One `upsertCallLogs` result (request order). `superseded`: the Task holds a newer revision of the log (another tab
 * saved it), so this one was not applied.
 * @public
 */
export type UpsertCallLogResult =
  | {
      readonly telephonySessionId: string;
      readonly ok: true;
      readonly taskId: string;
      readonly created: boolean;
      readonly superseded: boolean;
      /** A queue call every member missed, logged by another member first: nothing was written (ADR 0025). */
      readonly alreadyLogged?: boolean;
      /**
       * Only when the log had a follow-up: its Task (`null` when the agent cannot see it, e.g. created by an earlier
       * attempt and owned by someone else) and whether this request created it.
       */
      readonly followUpTaskId?: string | null;
      readonly followUpCreated?: boolean;
    }
  | {
      readonly telephonySessionId: string | null;
      readonly ok: false;
      /**
       * When only the follow-up failed (code `FOLLOW_UP_FAILED`, transient: retried; `INVALID_INPUT` or `NO_ACCESS`:
       * permanent; the message, in the server's language, says the call is logged): the call's Task, which was saved.
       * Its presence — not the message — is how the client tells this failure (the outbox's `lastError.taskId`).
       */
      readonly taskId?: string;
      readonly error: { readonly code: string; readonly message: string; readonly field: string | null };
    };
