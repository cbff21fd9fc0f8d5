// Known-bad sample of the `ui-labels` check's rules for do-not-call's sentence (ADR 0032, seventh amendment).
export interface DoNotCallTextParams {
  RECORD_MARKED: readonly [name: string, object: string];
  NO_DNC_LABEL: readonly [number: string];
}
