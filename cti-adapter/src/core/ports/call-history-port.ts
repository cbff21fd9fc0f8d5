/**
 * The agent's RingCentral call log (`GET …/extension/~/call-log`), implemented by the RingCentral layer.
 * @public
 */
export interface CallHistoryPort {
  /** Calls of the last `days` days, newest first (the product limits history to 7 days / 250 items). */
  list(options: { days: number; perPage: number }): Promise<CallHistoryRecord[]>;
  /**
   * The agent's call-log record of one telephony session (`GET …/call-log?telephonySessionId=…&view=Detailed`, one
   * request), or `null` while RingCentral has written none (it writes it when the whole call ends). Used to learn the
   * final outcome of a call queue call this agent did not take (ADR 0025). Rejects with the layer's error.
   */
  finalRecord?(telephonySessionId: string): Promise<CallHistoryRecord | null>;
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
  /**
   * The legs of the whole call (`view=Detailed`; RingCentral API Reference, "Call Log", `CallLogRecordLegInfo`):
   * direction and result of each, e.g. the call queue's `Voicemail` leg and every member's `Missed` one. Absent in
   * the simple view.
   */
  readonly legs?: readonly { readonly direction: 'Inbound' | 'Outbound'; readonly result: string }[];
}
