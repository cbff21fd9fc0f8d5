// Known-bad sample of the `ui-labels` check's notice rules (ADR 0032, notices by code).
export interface NoticeParams {
  DIAL_FAILED: readonly [number: string, reason: NoticeReason];
  NO_LABEL: readonly [];
  TOO_MANY_PLACEHOLDERS: readonly [reason: NoticeReason];
  UNTRANSLATED: readonly [];
}

export type NoticeReasonCode =
  | 'TOO_SHORT'
  | 'NO_REASON_LABEL';
