/**
 * The contract's `CallLog` (`docs/contracts/softphone-remote-api.md`, `upsertCallLogs`): one call to be logged
 * (or updated) as a Task keyed by `callUniqueId` (`Task.CALL_UNIQUE_ID__c`).
 * @public
 */
export interface CallLog {
  /** RingCentral `telephonySessionId`, required, ≤ 255 chars. */
  readonly callUniqueId: string;
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
}

/** @public */
export type CallLogSource = 'agent' | 'auto' | 'sync';

/** @public */
export type CallLogDirection = 'inbound' | 'outbound' | 'internal';

/** `Task.Description` limit used by the contract for `notes`. @public */
export const MAX_NOTES_LENGTH = 32000;

/**
 * One `upsertCallLogs` result (request order).
 * @public
 */
export type UpsertCallLogResult =
  | { readonly callUniqueId: string; readonly ok: true; readonly taskId: string; readonly created: boolean }
  | {
      readonly callUniqueId: string;
      readonly ok: false;
      readonly error: { readonly code: string; readonly message: string; readonly field: string | null };
    };
