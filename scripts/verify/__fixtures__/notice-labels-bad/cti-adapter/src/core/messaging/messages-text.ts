// Known-bad sample of the `ui-labels` check's rules for the Messages tab's texts (ADR 0032, last English texts).
export interface MessagesTextParams {
  TYPE_A_MESSAGE: readonly [];
  SMS_NO_LABEL: readonly [reason: NoticeReason];
}
