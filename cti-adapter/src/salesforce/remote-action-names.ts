/**
 * Fully-qualified remote action names of `SoftphoneController`, published by the `OpenCTIIndex` page in
 * `data-*` attributes of `#softphone-config` (never inline script, for CSP):
 * `data-match-numbers`, `data-upsert-call-logs`, `data-get-call-log-status`, `data-create-placeholder`,
 * `data-search-records`, `data-search-users`, `data-get-softphone-settings`, `data-save-softphone-settings`, and the RingCentral token
 * endpoints `data-exchange-ringcentral-code`, `data-refresh-ringcentral-token`, `data-revoke-ringcentral-token`
 * (values of `{!$RemoteAction.SoftphoneController.<method>}`), and `data-upsert-sms-logs`
 * (`{!$RemoteAction.SoftphoneMessagesController.upsertSmsLogs}`, the Messages tab's controller).
 * @public
 */
export interface RemoteActionNames {
  readonly matchNumbers: string;
  readonly upsertCallLogs: string;
  readonly getCallLogStatus: string;
  readonly createPlaceholder: string;
  readonly searchRecords: string;
  /** The users a follow-up Task may be assigned to (ADR 0033). */
  readonly searchUsers: string;
  readonly getSoftphoneSettings: string;
  readonly saveSoftphoneSettings: string;
  readonly exchangeRingCentralCode: string;
  readonly refreshRingCentralToken: string;
  readonly revokeRingCentralToken: string;
  /** `SoftphoneMessagesController.upsertSmsLogs` (the Messages tab's own controller). */
  readonly upsertSmsLogs: string;
}

/** Endpoint → attribute name. @public */
export const REMOTE_ACTION_ATTRIBUTES: Readonly<Record<keyof RemoteActionNames, string>> = Object.freeze({
  matchNumbers: 'data-match-numbers',
  upsertCallLogs: 'data-upsert-call-logs',
  getCallLogStatus: 'data-get-call-log-status',
  createPlaceholder: 'data-create-placeholder',
  searchRecords: 'data-search-records',
  searchUsers: 'data-search-users',
  getSoftphoneSettings: 'data-get-softphone-settings',
  saveSoftphoneSettings: 'data-save-softphone-settings',
  exchangeRingCentralCode: 'data-exchange-ringcentral-code',
  refreshRingCentralToken: 'data-refresh-ringcentral-token',
  revokeRingCentralToken: 'data-revoke-ringcentral-token',
  upsertSmsLogs: 'data-upsert-sms-logs',
});

/** The Apex class of each remote action, for the unnamespaced fallback names. */
const CONTROLLERS: Readonly<Partial<Record<keyof RemoteActionNames, string>>> = Object.freeze({
  upsertSmsLogs: 'SoftphoneMessagesController',
});

/** Something with `getAttribute` (the `#softphone-config` element). @public */
export interface AttributeSource {
  getAttribute(name: string): string | null;
}

/**
 * Reads the remote action names from the config element. When an attribute is missing, the action falls back to
 * `SoftphoneController.<method>` (the unnamespaced name, which is what a non-packaged org uses).
 * @public
 */
export function readRemoteActionNames(element: AttributeSource | null): RemoteActionNames {
  const names = {} as Record<keyof RemoteActionNames, string>;
  for (const [key, attribute] of Object.entries(REMOTE_ACTION_ATTRIBUTES) as [keyof RemoteActionNames, string][]) {
    const value = element?.getAttribute(attribute)?.trim();
    names[key] = value ? value : `${CONTROLLERS[key] ?? 'SoftphoneController'}.${key}`;
  }
  return names;
}
