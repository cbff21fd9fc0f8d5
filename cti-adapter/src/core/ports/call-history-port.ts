/**
 * The agent's RingCentral call log (`GET …/extension/~/call-log`), implemented by the RingCentral layer.
 * @public
 */
export interface CallHistoryPort {
  /** Calls of the last `days` days, newest first (the product limits history to 7 days / 250 items). */
  list(options: { days: number; perPage: number }): Promise<CallHistoryRecord[]>;
}

/**
 * One call-log record (subset of RingCentral's `CallLogRecord`). Times ISO 8601 UTC, `duration` in seconds.
 * @public
 */
export interface CallHistoryRecord {
  readonly id: string;
  readonly telephonySessionId: string;
  readonly sessionId: string | null;
  readonly direction: 'Inbound' | 'Outbound';
  readonly startTime: string;
  readonly duration: number;
  /** `Accepted`, `Missed`, `Voicemail`, `Rejected`, `Call connected`, … */
  readonly result: string;
  readonly from: { readonly phoneNumber?: string; readonly name?: string; readonly location?: string };
  readonly to: { readonly phoneNumber?: string; readonly name?: string; readonly location?: string };
  readonly recording: { readonly id: string; readonly contentUri: string } | null;
}
