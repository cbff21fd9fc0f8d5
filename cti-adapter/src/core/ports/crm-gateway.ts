import type { SentCallLog, UpsertCallLogResult } from '../call-log/call-log';
import type { CrmMatch, LoggedCallStatus, NumberMatchResult, SearchRecord } from '../crm/crm-record';
import type { PhoneNumberParts } from '../phone-number/phone-number';
import type { Settings, SettingsSource, UserSettingKey } from '../settings/settings';

/**
 * The package's Apex endpoints as the core needs them (contract: `docs/contracts/softphone-remote-api.md`).
 * Implemented by `src/salesforce/remoting-crm-gateway.ts` (Visualforce remoting) and by harness fakes.
 * Every method resolves with the envelope's payload when `ok: true` and rejects with a `CrmError`
 * (`{code, message, field}`) otherwise; transport failures reject with `CrmError` `NETWORK`/`INTERNAL`.
 * @public
 */
export interface CrmGateway {
  /**
   * One round trip: the matches of 1–10 numbers, one result per number in request order. With `sms: true` the server
   * also matches Contacts by their SMS number (`SMS_Number__c`) and adds each Contact's SMS facts (`CrmMatch.sms`).
   */
  matchNumbers(numbers: readonly PhoneNumberParts[], options?: MatchNumbersOptions): Promise<NumberMatchResult[]>;
  /**
   * Idempotent upsert of the agent's Task of each call, by the log key the server derives from the telephony session
   * id and the running user (1–200 logs); a log older than the stored revision is not applied (`superseded`).
   * Per-log results in request order.
   */
  upsertCallLogs(logs: readonly SentCallLog[]): Promise<UpsertCallLogResult[]>;
  /** Which calls the agent has logged, by telephony session id; absent key = not logged (1–250 ids). */
  getCallLogStatus(telephonySessionIds: readonly string[]): Promise<Record<string, LoggedCallStatus>>;
  createPlaceholder(request: CreatePlaceholderRequest): Promise<{ record: CrmMatch; created: boolean }>;
  searchRecords(request: SearchRecordsRequest): Promise<SearchRecord[]>;
  getSoftphoneSettings(): Promise<SoftphoneSettingsResponse>;
  saveSoftphoneSettings(request: SaveSettingsRequest): Promise<Settings>;
}

/** Options of {@link CrmGateway.matchNumbers}. @public */
export interface MatchNumbersOptions {
  /** Match for a text message: Contacts' SMS numbers too, with their consent (`SendSMS__c`). */
  readonly sms?: boolean;
}

/** @public */
export interface CreatePlaceholderRequest {
  readonly objectType: 'Contact' | 'Lead';
  /** 1–121 chars; split at the last space into FirstName/LastName. */
  readonly name: string;
  /** E.164. */
  readonly phone: string;
  readonly company: string | null;
}

/** @public */
export interface SearchRecordsRequest {
  /** 2–100 chars after trimming. */
  readonly term: string;
  /**
   * The objects to search. `['User']` alone searches the users a follow-up Task may be assigned to (the server's
   * `searchUsers`: active Standard users whose name contains the term; each result's `detail` is the user's title).
   */
  readonly objectTypes: readonly string[];
  readonly limit?: number;
}

/** @public */
export interface SoftphoneSettingsResponse {
  readonly settings: Settings;
  readonly user: { readonly id: string; readonly name: string };
  readonly canEditSettings: boolean;
  /** User-level settings an admin locked for this user (the agent cannot change them). */
  readonly locked: readonly UserSettingKey[];
  /** Where each settings value comes from (`default`, `org`, `profile`, `user`). */
  readonly sources: Readonly<Partial<Record<keyof Settings, SettingsSource>>>;
}

/** @public */
export interface SaveSettingsRequest {
  readonly scope: 'org' | 'profile' | 'user';
  readonly scopeId: string | null;
  readonly settings: Partial<Settings>;
  /** Lock entries of this level: `locked`, `unlocked` (a key locked above) or `inherit` (no entry). */
  readonly locks?: Readonly<Partial<Record<UserSettingKey, 'locked' | 'unlocked' | 'inherit'>>>;
  /** Keys whose text or number value at this level goes back to the inherited one. */
  readonly clear?: readonly (keyof Settings)[];
}
