import { objectOfId, to18 } from './salesforce-id';
import { runningAs, runningLanguage, systemLabel } from './apex-labels';
import { objectLabelFor, type OrgObject } from './org-schema';
import type { OrgStore, OrgUser, SObject } from './org-store';
import type { RequestedNumber } from './phone-match-rule';
import { findPhoneMatches } from './phone-matches';
import { compareApexText } from '../support/apex-text-order';
import { RemoteApiError } from './remote-api-error';
import {
  applyLocks,
  changeSummary,
  CHECKBOX_KEYS,
  clearedKeys,
  compareLevels,
  mergeSettings,
  normalizeSettingsPartial,
  SettingsRuleError,
  type MergedSettings,
  type SettingsLevel,
  type SettingsSchema,
  type SettingsScope,
  type SoftphoneSettings,
} from './softphone-settings';
import { ACTIVITY_FIELD_DIRS, TaskFieldCatalog } from './task-field-catalog';
import { isOrgObject } from './org-schema';
import {
  agentLogKey,
  isOlderRevision,
  mergeLog,
  newTaskFields,
  isBlank,
  queueMissedLogKey,
  type CallLog,
} from './call-log-task-mapping';
import {
  followUpFailureMessage,
  followUpFields,
  followUpKey,
  newFollowUpFields,
  ownerRefused,
  parseFollowUp,
  type FollowUp,
} from './follow-up-task-mapping';
import { ValidationRuleError } from './validation-rules';
import {
  isSupersededSmsLog,
  smsDayTaskFields,
  smsLogKey,
  validateSmsLog,
  type ApexLabelText,
} from './sms-log-task-mapping';
import { ApexLabels } from './apex-labels';
import { SMS_TEMPLATE_METHODS, SmsTemplatesStandIn, type SmsTemplateMethod } from './sms-templates';

/** Longest telephony session id: the log key (`CALL_UNIQUE_ID__c`, Text 255) adds `:` and an 18-character user id. */
const MAX_SESSION_ID = 255 - 19;
/** `log_revision__c` is Number(18, 0): a revision has at most 18 digits, so it is below 10^18. */
const REVISION_LIMIT = 1e18;
/** The largest revision, as `CallLogValidator.MAX_REVISION` words it (18 nines: more than a double holds exactly). */
const MAX_REVISION_TEXT = '999999999999999999';
/** The longest call in seconds the Task's `CallDurationInSeconds` holds (`CallLogValidator.MAX_DURATION`). */
const MAX_DURATION_SECONDS = 2147483647;

/**
 * The package's Apex remote API (`SoftphoneController` `@RemoteAction`s), served from the in-memory org.
 * Contract: `docs/contracts/softphone-remote-api.md` (envelope, error codes, merge rules); pinned by the contract
 * vectors `unpackaged/main/default/staticresources/SoftphoneVectors*.json` (see `contract-vectors.ts`).
 *
 * Each `invoke` is one server round trip and is counted per endpoint (`roundTrips`), which the benchmark reads.
 */
export const REMOTE_METHODS = [
  'matchNumbers',
  'upsertCallLogs',
  'getCallLogStatus',
  'createPlaceholder',
  'searchRecords',
  'searchUsers',
  'getSoftphoneSettings',
  'saveSoftphoneSettings',
  'upsertSmsLogs',
  ...SMS_TEMPLATE_METHODS,
] as const;
export type RemoteMethod = (typeof REMOTE_METHODS)[number];

/**
 * The Apex class of each remote action: the Messages tab's (ADR 0019) and the SMS templates' (ADR 0020) have
 * controllers of their own, extensions of the OpenCTIIndex page.
 */
export function controllerOf(method: string): string {
  if (method === 'upsertSmsLogs') return 'SoftphoneMessagesController';
  return (SMS_TEMPLATE_METHODS as readonly string[]).includes(method) ? 'SmsTemplateController' : 'SoftphoneController';
}

export type Envelope =
  ({ ok: true } & Record<string, unknown>) | { ok: false; error: ReturnType<RemoteApiError['toBody']> };

/** A matched record, as the contract's `Match`. */
export interface Match {
  id: string;
  objectType: string;
  /** The object's label in the running user's language (Apex: the describe's `getLabel()`). */
  objectLabel: string;
  name: string;
  isPersonAccount: boolean;
  personContactId: string | null;
  phoneField: string;
  phone: string;
  accountId: string | null;
  accountName: string | null;
  title: string | null;
  company: string | null;
  lastModifiedDate: string;
  related: { id: string; objectType: string; objectLabel: string; name: string }[];
  /** FirstName of a Contact, Lead or person account. */
  firstName: string | null;
  /** Contacts of a match for a text message: the SMS number and consent (`SMS_Number__c`, `SendSMS__c`). */
  sms?: { phoneNumber: string | null; allowed: boolean } | null;
  /** Do Not Call of a Contact or Lead (`DoNotCall`) or an Account (`PersonDoNotCall`); null for other objects. */
  doNotCall: boolean | null;
}

export interface SoftphoneRemoteApiOptions {
  store: OrgStore;
  /** User the calls run as when `invoke` gets none (the harness user). */
  defaultUserId?: string;
  /** Task fields (default: standard fields + the package's and the sample admin `objects/Activity/fields`). */
  taskFields?: TaskFieldCatalog;
}

const WHO_OBJECTS = new Set(['Contact', 'Lead']);
const SEARCHABLE: readonly OrgObject[] = ['Account', 'Contact', 'Lead', 'Opportunity', 'Case'];
/** `searchRecords` without `objectTypes`: every searchable object, in this order. */
const DEFAULT_SEARCH_OBJECTS: readonly OrgObject[] = ['Contact', 'Lead', 'Account', 'Opportunity', 'Case'];
const MAX_SEARCH_LIMIT = 50;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;
const E164 = /^\+[1-9]\d{5,14}$/;
const MAX_RELATED = 10;

export class SoftphoneRemoteApi {
  private readonly store: OrgStore;
  readonly taskFields: TaskFieldCatalog;
  private readonly counts = new Map<string, number>();
  private readonly smsTemplates: SmsTemplatesStandIn;
  /** `System.Label` of the package's Apex for the running user (ADR 0032). */
  private readonly apexLabels: ApexLabels;
  defaultUserId: string | null;

  constructor(options: SoftphoneRemoteApiOptions) {
    this.store = options.store;
    this.apexLabels = new ApexLabels((id) => this.store.user(id)?.LanguageLocaleKey ?? 'en_US');
    this.smsTemplates = new SmsTemplatesStandIn(this.store, this.apexLabels);
    this.taskFields = options.taskFields ?? new TaskFieldCatalog(ACTIVITY_FIELD_DIRS, this.store.namespace);
    this.defaultUserId = options.defaultUserId ?? null;
  }

  /** The Apex labels in `user`'s language, filled as `LabelFormat.format` fills them. */
  private apexLabelsOf(user: OrgUser): ApexLabelText {
    return (name, ...values) => this.apexLabels.text(user.Id, name, ...values);
  }

  /** Round trips served so far, per endpoint. */
  get roundTrips(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.counts);
  }

  /** Whether `method` is an endpoint of the contract. */
  has(method: string): boolean {
    return (REMOTE_METHODS as readonly string[]).includes(method);
  }

  resetRoundTrips(): void {
    this.counts.clear();
  }

  /**
   * Runs one endpoint as a user. Expected failures come back as `{ok:false, error}`; an unknown method or an
   * unexpected bug throws (the remoting layer turns that into an `exception` event, as Visualforce does).
   */
  invoke(method: string, request: unknown, userId?: string): Envelope {
    if (!(REMOTE_METHODS as readonly string[]).includes(method)) throw new Error(`No such remote action: ${method}`);
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    const uid = userId ?? this.defaultUserId;
    const user = uid ? this.store.user(uid) : undefined;
    if (!user) throw new Error(`invoke: unknown running user ${String(uid)}`);
    const previous = this.store.currentUserId;
    this.store.currentUserId = user.Id;
    try {
      return runningAs(user.LanguageLocaleKey, () => {
        const req = isObject(request) ? request : null;
        // The package's services refuse a missing request as `request` Required (CallMatchService, CallLogService…).
        if (!req) throw invalid('request', systemLabel('Apex_Required'));
        const payload = this.dispatch(method as RemoteMethod, req, user);
        return { ok: true, ...payload };
      });
    } catch (e) {
      if (e instanceof RemoteApiError) return { ok: false, error: e.toBody() };
      throw e;
    } finally {
      this.store.currentUserId = previous;
    }
  }

  private dispatch(method: RemoteMethod, req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    switch (method) {
      case 'matchNumbers':
        return this.matchNumbers(req, user);
      case 'upsertCallLogs':
        return this.upsertCallLogs(req, user);
      case 'getCallLogStatus':
        return this.getCallLogStatus(req, user);
      case 'createPlaceholder':
        return this.createPlaceholder(req, user);
      case 'searchRecords':
        return this.searchRecords(req, user);
      case 'searchUsers':
        return this.searchUsers(req);
      case 'getSoftphoneSettings':
        return this.getSoftphoneSettings(user);
      case 'upsertSmsLogs':
        return this.upsertSmsLogs(req, user);
      case 'saveSoftphoneSettings':
        return this.saveSettings(req, user);
      default:
        return this.smsTemplates.invoke(method as SmsTemplateMethod, req, user);
    }
  }

  /** Settings merged for a user: user → profile → org default → built-in defaults. */
  settingsFor(user: OrgUser): SoftphoneSettings {
    return this.mergedFor(user).settings;
  }

  /** Settings merged for a user with the source of every value and the locks. */
  mergedFor(user: OrgUser): MergedSettings {
    return this.merge([
      this.store.settingsAt('org', null),
      this.store.settingsAt('profile', user.ProfileId),
      this.store.settingsAt('user', user.Id),
    ]);
  }

  /** Merges levels (most general first) with the dispositions of a Task picklist. */
  merge(levels: readonly (SettingsLevel | undefined)[]): MergedSettings {
    return mergeSettings(levels, (apiName) => this.taskFields.picklistValues(apiName));
  }

  /**
   * Stores an org default as the contract vectors describe it (the Apex runner's `SoftphoneTestFactory.orgDefaults`):
   * the built-in checkboxes, the partial as a save would normalize it, and lock entries. Not audited.
   */
  storeOrgDefault(partial: Record<string, unknown>, locks: Record<string, unknown>): void {
    const defaults = this.merge([]).settings;
    const values = {
      ...Object.fromEntries(CHECKBOX_KEYS.map((k) => [k, defaults[k]])),
      ...normalizeSettingsPartial(partial, this.settingsSchema()),
    } as Partial<SoftphoneSettings>;
    this.store.saveSettingsAt('org', null, { values, locks: applyLocks({}, locks) });
  }

  /** What the settings rules know of the org's schema. */
  settingsSchema(): SettingsSchema {
    return {
      objectExists: (n) => isOrgObject(n) || /^\w+__c$/.test(n),
      logField: (n) => this.taskFields.logField(n),
      taskField: (n) => this.taskFields.field(n)?.apiName ?? null,
      isCallLogField: (n) => this.taskFields.isCallLogField(n),
    };
  }

  // ---------------------------------------------------------------- matchNumbers

  private matchNumbers(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    const numbers = req.numbers;
    listSize(numbers, 'numbers', 10);
    const parsed: RequestedNumber[] = numbers.map((n: unknown, i) => {
      // PhoneNumberMatcher.validate: each part by its format, then the parts against each other.
      if (!isObject(n)) throw invalid(`numbers[${i}]`, systemLabel('Apex_Number_required'));
      if (typeof n.e164 !== 'string' || !E164.test(n.e164))
        throw invalid(`numbers[${i}].e164`, systemLabel('Apex_Expected_e164'));
      if (typeof n.countryCallingCode !== 'string' || !/^\d{1,3}$/.test(n.countryCallingCode))
        throw invalid(`numbers[${i}].countryCallingCode`, systemLabel('Apex_Expected_calling_code'));
      if (typeof n.nationalNumber !== 'string' || !/^\d{2,17}$/.test(n.nationalNumber))
        throw invalid(`numbers[${i}].nationalNumber`, systemLabel('Apex_Expected_national_number'));
      if (`+${n.countryCallingCode}${n.nationalNumber}` !== n.e164)
        throw invalid(`numbers[${i}]`, systemLabel('Apex_E164_mismatch'));
      return { e164: n.e164, countryCallingCode: n.countryCallingCode, nationalNumber: n.nationalNumber };
    });
    if (req.sms !== undefined && req.sms !== null && typeof req.sms !== 'boolean')
      throw invalid('sms', 'sms must be true or false.');
    const settings = this.settingsFor(user);
    const sms = req.sms === true;
    const listed = this.doNotContactOf(parsed, settings, user);
    const results = parsed.map((n) => ({
      e164: n.e164,
      matches: this.findMatches(n, settings, user).map((m) => (sms ? this.withSmsFacts(m) : m)),
      doNotContact: listed.get(n.e164) ?? null,
    }));
    return { results };
  }

  /**
   * The numbers' entries on the package's do-not-contact list (`Do_Not_Contact__c`, ADR 0031), read as
   * `DoNotContactSelector` does: only while a do-not-call mode is on, by exact E.164, and only for a user the
   * permission sets let read the list (else no entries, no error).
   */
  private doNotContactOf(
    numbers: readonly RequestedNumber[],
    settings: SoftphoneSettings,
    user: OrgUser,
  ): Map<string, { reason: string | null }> {
    const listed = new Map<string, { reason: string | null }>();
    if (settings.dncCallMode === 'off' && settings.dncSmsMode === 'off') return listed;
    if (!user.permissionSets.some((p) => p === 'Softphone_Agent' || p === 'Softphone_Admin')) return listed;
    const ns = this.store.namespace;
    const wanted = new Set(numbers.map((n) => n.e164));
    for (const entry of this.store.all('Do_Not_Contact__c')) {
      const number = str(entry[ns.full('Number__c')]);
      if (number && wanted.has(number)) listed.set(number, { reason: str(entry[ns.full('Reason__c')]) ?? null });
    }
    return listed;
  }

  /**
   * A Contact's SMS facts for a text message (the package's `SMS_Number__c` and `SendSMS__c`, stored under the org's
   * names): what `RecordMatchFactory.smsFactsOf` reads when the SOSL returned both fields.
   */
  private withSmsFacts(match: Match): Match {
    if (match.objectType !== 'Contact') return match;
    const record = this.store.get(match.id);
    const ns = this.store.namespace;
    return {
      ...match,
      sms: {
        phoneNumber: str(record?.[ns.full('SMS_Number__c')]) ?? null,
        allowed: record?.[ns.full('SendSMS__c')] === true,
      },
    };
  }

  private findMatches(n: RequestedNumber, settings: SoftphoneSettings, user: OrgUser): Match[] {
    if (user.objectAccess === 'none') return [];
    // Object priority, then objects missing from it in matchObjects order; newest first; id descending.
    const order = [
      ...settings.objectPriority,
      ...settings.matchObjects.filter((o) => !settings.objectPriority.includes(o)),
    ];
    return findPhoneMatches(this.store, n, settings.matchObjects, order).map((m) =>
      this.toMatch(m.record, m.phoneField),
    );
  }

  /** Builds the contract's `Match` for a record (also used by `createPlaceholder`). */
  toMatch(record: SObject, phoneField: string): Match {
    const type = record.attributes.type;
    const account =
      type === 'Contact' && typeof record.AccountId === 'string' ? this.store.get(record.AccountId) : undefined;
    const person = type === 'Account' && record.IsPersonAccount === true;
    const base = {
      id: record.Id,
      objectType: type,
      objectLabel: objectLabelFor(type, runningLanguage()),
      name: str(record.Name) ?? '',
      isPersonAccount: person,
      personContactId: person ? (str(record.PersonContactId) ?? null) : null,
      phoneField,
      phone: str(record[phoneField]) ?? '',
      lastModifiedDate: str(record.LastModifiedDate) ?? '',
      firstName: type === 'Account' && !person ? null : (str(record.FirstName) ?? null),
      doNotCall: doNotCallOf(record),
    };
    if (type === 'Contact') {
      return {
        ...base,
        accountId: account?.Id ?? null,
        accountName: str(account?.Name) ?? null,
        title: str(record.Title) ?? null,
        company: str(account?.Name) ?? null,
        related: this.relatedOf(account, record),
      };
    }
    if (type === 'Lead') {
      return {
        ...base,
        accountId: null,
        accountName: null,
        title: str(record.Title) ?? null,
        company: str(record.Company) ?? null,
        related: [],
      };
    }
    return {
      ...base,
      accountId: record.Id,
      accountName: str(record.Name) ?? null,
      title: person ? (str(record.PersonTitle) ?? null) : null,
      company: null,
      related: this.relatedOf(person ? record : undefined, undefined, record),
    };
  }

  /** Related To candidates: the Account (if given), its open Opportunities, open Cases (≤ 10 each, newest first). */
  private relatedOf(account: SObject | undefined, contact?: SObject, business?: SObject): Match['related'] {
    const acc = account ?? business;
    const related: Match['related'] = [];
    const candidate = (id: string, objectType: OrgObject, name: string): Match['related'][number] => ({
      id,
      objectType,
      objectLabel: objectLabelFor(objectType, runningLanguage()),
      name,
    });
    if (account) related.push(candidate(account.Id, 'Account', str(account.Name) ?? ''));
    if (acc) {
      const opps = newestFirst(
        this.store.all('Opportunity').filter((o) => o.AccountId === acc.Id && o.IsClosed !== true),
      );
      for (const o of opps.slice(0, MAX_RELATED)) related.push(candidate(o.Id, 'Opportunity', str(o.Name) ?? ''));
    }
    const cases = newestFirst(
      this.store
        .all('Case')
        .filter(
          (c) =>
            c.IsClosed !== true &&
            ((acc && c.AccountId === acc.Id) ||
              (contact && c.ContactId === contact.Id) ||
              (acc?.PersonContactId && c.ContactId === acc.PersonContactId)),
        ),
    );
    for (const c of cases.slice(0, MAX_RELATED)) related.push(candidate(c.Id, 'Case', caseName(c)));
    return related;
  }

  // ---------------------------------------------------------------- upsertCallLogs

  private upsertCallLogs(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    const logs = req.logs;
    listSize(logs, 'logs', 200);
    if (!hasCallLogAccess(user))
      throw new RemoteApiError(
        'NO_ACCESS',
        systemLabel('Apex_Log_access_needed', systemLabel('Apex_Logging_calls')),
        null,
      );
    const settings = this.settingsFor(user);
    const hvsField = settings.hvsMode && settings.hvsDispositionField ? settings.hvsDispositionField : null;
    /** Lower-cased log key → whether its Task existed before this request (the key is case-insensitive). */
    const existedBefore = new Map<string, boolean>();
    /** What this request knows of follow-up Tasks (one upsert per call in the package: see `FollowUpWrites`). */
    const followUps: FollowUpWrites = { existedBefore: new Map(), written: new Map() };
    const results = logs.map((log: unknown, i) => {
      const sent = isObject(log) ? sentTelephonySessionId(log) : null;
      const telephonySessionId = typeof sent === 'string' ? sent : null;
      try {
        const valid = this.validateLog(log, i, settings);
        const followUp = this.checkFollowUp(log as Record<string, unknown>, `logs[${i}]`, valid.telephonySessionId);
        const key = valid.queueMissed
          ? queueMissedLogKey(valid.telephonySessionId)
          : agentLogKey(valid.telephonySessionId, user.Id);
        const k = key.toLowerCase();
        const existing = valid.queueMissed ? this.taskByKey(key) : this.agentTask(valid.telephonySessionId, user.Id);
        if (!existedBefore.has(k)) existedBefore.set(k, existing !== undefined);
        const created = !existedBefore.get(k);
        // The shared Task of a missed queue call, logged by another member: theirs, never written on (ADR 0025).
        if (existing && existing.OwnerId !== user.Id)
          return this.withStoredFollowUp(
            {
              telephonySessionId,
              ok: true,
              taskId: existing.Id,
              created: false,
              superseded: false,
              alreadyLogged: true,
            },
            followUp,
            key,
            user,
            followUps,
          );
        // The mapping speaks wire names; the store holds the package's fields under their namespaced names.
        const ns = this.store.namespace;
        const stored = existing ? ns.fromStore(existing) : undefined;
        if (existing && stored && isOlderRevision(valid, stored))
          return this.withStoredFollowUp(
            { telephonySessionId, ok: true, taskId: existing.Id, created, superseded: true },
            followUp,
            key,
            user,
            followUps,
          );
        const task =
          existing && stored
            ? this.store.update(existing.Id, ns.toStore(mergeLog(stored, valid, hvsField)))
            : this.store.insert('Task', ns.toStore({ ...newTaskFields(valid, key, hvsField), OwnerId: user.Id }));
        const row = { telephonySessionId, ok: true as const, taskId: task.Id, created, superseded: false };
        if (followUp === null) return row;
        return this.writeFollowUp(row, valid, followUp, key, ns.fromStore(task), user, followUps);
      } catch (e) {
        if (e instanceof RemoteApiError) return { telephonySessionId, ok: false, error: e.toBody() };
        // A validation rule's message is written by the admin for users; the package passes it on (DmlErrors).
        if (e instanceof ValidationRuleError)
          return {
            telephonySessionId,
            ok: false,
            error: { code: 'INVALID_INPUT', message: e.message, field: null },
          };
        throw e;
      }
    });
    return { results };
  }

  /**
   * The follow-up of a request log (`parseFollowUp`), its assignee checked against the org: an active Standard
   * user (`searchUsers`' rule). A refused follow-up does not refuse its call: it is returned as the error to report
   * once the call Task is written.
   * @returns `null` without a follow-up
   */
  private checkFollowUp(raw: Record<string, unknown>, p: string, telephonySessionId: string): FollowUpCheck | null {
    try {
      const followUp = parseFollowUp(raw, p, telephonySessionId);
      if (followUp === null) return null;
      const owner = this.store.user(followUp.ownerId);
      if (!owner || !owner.IsActive || owner.UserType !== 'Standard')
        throw new RemoteApiError('INVALID_INPUT', ownerRefused(), `${p}.followUp.ownerId`);
      return { followUp: { ...followUp, ownerId: owner.Id }, error: null };
    } catch (e) {
      if (e instanceof RemoteApiError) return { followUp: null, error: e };
      throw e;
    }
  }

  /**
   * Upserts the follow-up Task of a written call by `<log key>:follow-up`: created once, updated by every applied
   * revision that carries it; a key on a Task the agent cannot see counts as created by an earlier attempt.
   * @param row the call's result row
   * @param call the call Task after the write (wire names)
   * @param followUps what this request created or updated so far
   */
  private writeFollowUp(
    row: { telephonySessionId: string | null; ok: true; taskId: string; created: boolean; superseded: boolean },
    log: CallLog,
    check: FollowUpCheck,
    logKey: string,
    call: Record<string, unknown>,
    user: OrgUser,
    followUps: FollowUpWrites,
  ): Record<string, unknown> {
    if (check.error !== null) return followUpFailed(row, check.error);
    const key = followUpKey(logKey);
    const k = key.toLowerCase();
    const stored = this.taskByKey(key);
    if (!followUps.existedBefore.has(k)) followUps.existedBefore.set(k, stored !== undefined);
    // The insert of an upsert by key would collide (DUPLICATE_VALUE): the assignee has it, the agent cannot see it.
    // A follow-up this request wrote is the package's one upsert of the call, whose answer names it.
    if (stored && !followUps.written.has(k) && !this.canSeeTask(stored, user))
      return { ...row, followUpTaskId: null, followUpCreated: false };
    const ns = this.store.namespace;
    const fields = followUpFields(log, check.followUp, {
      WhoId: call.WhoId,
      WhatId: call.WhatId,
      Subject: call.Subject,
    });
    try {
      const task = stored
        ? this.store.update(stored.Id, ns.toStore(fields))
        : this.store.insert('Task', ns.toStore({ ...newFollowUpFields(key), ...fields }));
      followUps.written.set(k, task.Id);
      return { ...row, followUpTaskId: task.Id, followUpCreated: !followUps.existedBefore.get(k) };
    } catch (e) {
      if (e instanceof ValidationRuleError)
        return followUpFailed(row, new RemoteApiError('INVALID_INPUT', e.message, null));
      throw e;
    }
  }

  /**
   * A row whose call Task is not written (superseded, or the shared Task of another queue member): neither Task is
   * written; a log that carries a follow-up is told the stored one the agent can see, if any.
   */
  private withStoredFollowUp(
    row: Record<string, unknown>,
    check: FollowUpCheck | null,
    logKey: string,
    user: OrgUser,
    followUps: FollowUpWrites,
  ): Record<string, unknown> {
    if (check === null) return row;
    const key = followUpKey(logKey);
    const stored = this.taskByKey(key);
    const visible =
      followUps.written.get(key.toLowerCase()) ?? (stored && this.canSeeTask(stored, user) ? stored.Id : null);
    return { ...row, followUpTaskId: visible, followUpCreated: false };
  }

  /**
   * Whether a user can see a Task, as the org's default sharing of activities ("Controlled by Parent") decides: its
   * owner, anyone when it has a Who or What (the stand-in's records are readable by every agent), and users with View
   * All Data (System Administrator).
   */
  private canSeeTask(task: SObject, user: OrgUser): boolean {
    if (task.OwnerId === user.Id || !isBlank(task.WhoId) || !isBlank(task.WhatId)) return true;
    return this.store.profile(user.ProfileId)?.Name === 'System Administrator';
  }

  // ---------------------------------------------------------------- upsertSmsLogs (SoftphoneMessagesController)

  /** The Messages tab's SMS logs: one Task per conversation per agent per day, messages appended (`SmsLogService`). */
  private upsertSmsLogs(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    const logs = req.logs;
    listSize(logs, 'logs', 200);
    const valid = logs.map((log: unknown, i) =>
      validateSmsLog(
        log,
        i,
        (v, prefixes) => {
          if (typeof v !== 'string' || !/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/.test(v)) return false;
          return prefixes.length === 0 || prefixes.some((p) => v.startsWith(p));
        },
        this.apexLabelsOf(user),
      ),
    );
    if (!hasCallLogAccess(user))
      throw new RemoteApiError(
        'NO_ACCESS',
        systemLabel('Apex_Log_access_needed', systemLabel('Apex_Sms_log_access_what')),
        null,
      );
    const ns = this.store.namespace;
    const createdKeys = new Set<string>();
    const results = valid.map((log) => {
      const key = smsLogKey(log, to18(user.Id) ?? user.Id);
      const result = { key: `${log.conversationId}:${log.day}` };
      const existing = this.taskByKey(key);
      const stored = existing ? ns.fromStore(existing) : null;
      if (!existing) createdKeys.add(key.toLowerCase());
      const created = createdKeys.has(key.toLowerCase());
      if (existing && stored && isSupersededSmsLog(log, stored))
        return { ...result, ok: true, taskId: existing.Id, created, superseded: true };
      try {
        const fields = smsDayTaskFields(stored, log, key, 'America/Los_Angeles');
        const task = existing
          ? this.store.update(existing.Id, ns.toStore(fields))
          : this.store.insert('Task', ns.toStore({ ...fields, OwnerId: user.Id }));
        return { ...result, ok: true, taskId: task.Id, created, superseded: false };
      } catch (e) {
        if (e instanceof ValidationRuleError)
          return { ...result, ok: false, error: { code: 'INVALID_INPUT', message: e.message, field: null } };
        throw e;
      }
    });
    return { results };
  }

  /** The Task with this `CALL_UNIQUE_ID__c` (a case-insensitive unique external id, stored under the org's name). */
  private taskByKey(key: string): SObject | undefined {
    return this.store.findByUnique('Task', this.store.namespace.full('CALL_UNIQUE_ID__c'), key);
  }

  /**
   * An agent's Task of a call: the Task under the agent's log key, else a Task of an earlier version (key = the
   * telephony session id alone) that the agent owns. Another agent's Task of the call never counts.
   */
  private agentTask(telephonySessionId: string, userId: string): SObject | undefined {
    const own = this.taskByKey(agentLogKey(telephonySessionId, userId));
    if (own) return own;
    const legacy = this.taskByKey(telephonySessionId);
    return legacy && legacy.OwnerId === userId ? legacy : undefined;
  }

  private validateLog(raw: unknown, i: number, settings: SoftphoneSettings): CallLog {
    const p = `logs[${i}]`;
    if (!isObject(raw)) throw invalid(p, systemLabel('Apex_Call_log_required'));
    /** Optional text: `null` when absent or null, `""` kept (an agent clearing a field). */
    const text = (k: string, max = 255): string | null => {
      const v = raw[k];
      if (v === undefined || v === null) return null;
      if (typeof v !== 'string' || v.length > max)
        throw invalid(`${p}.${k}`, systemLabel('Apex_At_most_characters', max));
      return v;
    };
    const fact = (k: string): string | null => {
      const v = text(k);
      return v === '' ? null : v;
    };
    /** A caller ID fact of the network, cut to its Task field rather than refused (the package's CallLogMerger). */
    const fitted = (k: string, field: string): string | null => {
      const v = raw[k];
      if (v === undefined || v === null || v === '') return null;
      if (typeof v !== 'string') throw invalid(`${p}.${k}`, `${k} must be a string.`);
      return v.slice(0, this.taskFields.field(field)?.length ?? 255);
    };
    const sent = sentTelephonySessionId(raw);
    if (sent !== null && typeof sent !== 'string')
      throw invalid(`${p}.telephonySessionId`, systemLabel('Apex_Expected_text'));
    // CallLogValidator.validate, in its order of fields; SoftphoneInput words each check.
    const telephonySessionId = sent?.trim() ?? '';
    if (telephonySessionId === '') throw invalid(`${p}.telephonySessionId`, systemLabel('Apex_Required'));
    if (telephonySessionId.length > MAX_SESSION_ID)
      throw invalid(`${p}.telephonySessionId`, systemLabel('Apex_At_most_characters', MAX_SESSION_ID));
    const revision = raw.revision ?? null;
    if (
      revision !== null &&
      (!Number.isInteger(revision) || (revision as number) < 0 || (revision as number) >= REVISION_LIMIT)
    )
      throw invalid(`${p}.revision`, systemLabel('Apex_Whole_number_up_to', MAX_REVISION_TEXT));
    const source = raw.source ?? 'agent';
    if (source !== 'agent' && source !== 'auto' && source !== 'sync')
      throw invalid(`${p}.source`, systemLabel('Apex_Expected_one_of', 'agent, auto, sync'));
    const direction = raw.direction;
    if (direction !== 'inbound' && direction !== 'outbound' && direction !== 'internal')
      throw invalid(`${p}.direction`, systemLabel('Apex_Expected_one_of', 'inbound, internal, outbound'));
    const startTime = fact('startTime');
    // IsoTimes.required / optional.
    if (startTime === null) throw invalid(`${p}.startTime`, systemLabel('Apex_Required'));
    if (!ISO_TIME.test(startTime) || Number.isNaN(Date.parse(startTime)))
      throw invalid(`${p}.startTime`, systemLabel('Apex_Expected_iso_time'));
    const endTime = fact('endTime');
    if (endTime !== null && (!ISO_TIME.test(endTime) || Number.isNaN(Date.parse(endTime))))
      throw invalid(`${p}.endTime`, systemLabel('Apex_Expected_iso_time'));
    if (endTime !== null && Date.parse(endTime) < Date.parse(startTime))
      throw invalid(`${p}.endTime`, systemLabel('Apex_End_before_start'));
    // Stored like a Salesforce DateTime: UTC with milliseconds.
    const startUtc = new Date(startTime).toISOString();
    const endUtc = endTime === null ? null : new Date(endTime).toISOString();
    const d = raw.durationSeconds;
    if (
      d !== undefined &&
      d !== null &&
      (!Number.isInteger(d) || (d as number) < 0 || (d as number) > MAX_DURATION_SECONDS)
    )
      throw invalid(`${p}.durationSeconds`, systemLabel('Apex_Whole_number_up_to', MAX_DURATION_SECONDS));
    const recordingUrl = fact('recordingUrl');
    if (recordingUrl !== null && !/^https:\/\/\S+$/i.test(recordingUrl))
      throw invalid(`${p}.recordingUrl`, systemLabel('Apex_Expected_https_link'));
    const queueMissed = raw.queueMissed ?? false;
    if (typeof queueMissed !== 'boolean') throw invalid(`${p}.queueMissed`, 'queueMissed must be true or false.');
    if (queueMissed && direction !== 'inbound')
      throw invalid(`${p}.queueMissed`, systemLabel('Apex_Queue_missed_inbound_only'));
    const whoId = this.checkRef(raw.whoId, `${p}.whoId`, true);
    const whatId = this.checkRef(raw.whatId, `${p}.whatId`, false);
    let fields: Record<string, unknown> | null = null;
    if (raw.fields !== undefined && raw.fields !== null) {
      if (!isObject(raw.fields)) throw invalid(`${p}.fields`, 'fields must be an object.');
      const allowed = new Map(settings.logFields.map((f) => [f.apiName.toLowerCase(), f.apiName]));
      fields = {};
      for (const [k, v] of Object.entries(raw.fields)) {
        const name = allowed.get(k.toLowerCase());
        if (!name) throw invalid(`${p}.fields.${k}`, systemLabel('Apex_Not_a_log_field'));
        fields[name] = v;
      }
    }
    return {
      telephonySessionId,
      revision: revision as number | null,
      callUuid: fact('callUuid'),
      source,
      direction,
      fromNumber: fact('fromNumber'),
      toNumber: fact('toNumber'),
      fromName: fitted('fromName', 'caller_name__c'),
      toName: fitted('toName', 'callee_name__c'),
      fromLocation: fitted('fromLocation', 'caller_location__c'),
      toLocation: fitted('toLocation', 'callee_location__c'),
      startTime: startUtc,
      endTime: endUtc,
      durationSeconds: typeof d === 'number' ? d : null,
      result: fact('result'),
      subject: text('subject'),
      notes: text('notes', 32000),
      disposition: text('disposition'),
      whoId,
      whatId,
      recordingUrl,
      fields,
      queueMissed,
    };
  }

  /**
   * Validates a WhoId (Contact/Lead, incl. a person contact) or WhatId (not a Contact, Lead or User). `""` is kept
   * (clears the field on an agent save); `null`/absent is null.
   */
  private checkRef(value: unknown, field: string, who: boolean): string | null {
    if (value === undefined || value === null) return null;
    if (value === '') return '';
    const id = typeof value === 'string' ? to18(value) : null;
    if (!id) throw invalid(field, systemLabel('Apex_Not_a_record_id'));
    const type = objectOfId(id);
    if (!type || WHO_OBJECTS.has(type) !== who || type === 'Task' || type === 'User')
      throw invalid(field, systemLabel('Apex_Record_kind_not_accepted'));
    if (!this.store.get(id) && !(who && this.store.personAccountByContactId(id)))
      // The platform refuses the DML (INVALID_CROSS_REFERENCE_KEY), which the package reports without a field, in
      // its own words (DmlErrors), never the platform's `invalid cross reference id`.
      throw new RemoteApiError('INVALID_INPUT', systemLabel('Apex_Dml_related_missing'), null);
    return id;
  }

  // ---------------------------------------------------------------- getCallLogStatus

  private getCallLogStatus(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    // callUniqueIds: the same ids under their old name, from softphone pages loaded before the log key changed.
    const ids = req.telephonySessionIds ?? req.callUniqueIds;
    listSize(ids, 'telephonySessionIds', 250);
    const trimmed = (ids as unknown[]).map((id, i) => {
      // SoftphoneInput.requiredText: blank is Required, longer than the limit is Apex_At_most_characters.
      const value = typeof id === 'string' ? id.trim() : '';
      if (value === '') throw invalid(`telephonySessionIds[${i}]`, systemLabel('Apex_Required'));
      if (value.length > MAX_SESSION_ID)
        throw invalid(`telephonySessionIds[${i}]`, systemLabel('Apex_At_most_characters', MAX_SESSION_ID));
      return value;
    });
    const logged: Record<string, unknown> = {};
    if (!hasCallLogAccess(user))
      throw new RemoteApiError('NO_ACCESS', systemLabel('Apex_Reading_logs_needs_agent'), null);
    for (const id of trimmed) {
      // The agent's own Task, else the shared Task of a queue call every member missed, whoever logged it.
      const t = this.agentTask(id, user.Id) ?? this.taskByKey(queueMissedLogKey(id));
      if (t)
        logged[id] = {
          taskId: t.Id,
          subject: str(t.Subject) ?? null,
          whoId: str(t.WhoId) ?? null,
          whoName: this.loggedRecordName(t.WhoId),
          whatId: str(t.WhatId) ?? null,
          whatName: this.loggedRecordName(t.WhatId),
        };
    }
    return { logged };
  }

  /** The name of a logged Task's Who or What (`Who.Name`, `What.Name`: a Case's CaseNumber), null when unset or gone.
   * Sharing and field-level security are not modelled here (agents read every record), as elsewhere in the stand-in. */
  private loggedRecordName(recordId: unknown): string | null {
    const id = str(recordId);
    const record = id ? this.store.get(id) : undefined;
    const name = record ? displayName(record).trim() : '';
    return name === '' ? null : name;
  }

  // ---------------------------------------------------------------- createPlaceholder

  private createPlaceholder(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    const objectType = req.objectType;
    if (objectType !== 'Contact' && objectType !== 'Lead')
      throw invalid('objectType', systemLabel('Apex_Expected_one_of', 'Contact, Lead'));
    const name = typeof req.name === 'string' ? req.name.trim().replace(/\s+/g, ' ') : '';
    // PlaceholderService.create: SoftphoneInput.requiredText(name, 121), then the phone, then optionalText(company).
    if (name.length < 1) throw invalid('name', systemLabel('Apex_Required'));
    if (name.length > 121) throw invalid('name', systemLabel('Apex_At_most_characters', 121));
    if (typeof req.phone !== 'string' || !E164.test(req.phone))
      throw invalid('phone', systemLabel('Apex_Expected_e164'));
    if (
      req.company !== undefined &&
      req.company !== null &&
      (typeof req.company !== 'string' || req.company.length > 121)
    )
      throw invalid('company', systemLabel('Apex_At_most_characters', 121));
    if (user.objectAccess === 'none')
      throw new RemoteApiError(
        'NO_ACCESS',
        systemLabel('Apex_Cannot_create_object', objectLabelFor(objectType, runningLanguage(), true)),
        'objectType',
      );
    const cut = name.lastIndexOf(' ');
    const firstName = cut > 0 ? name.slice(0, cut).trim() : null;
    const lastName = cut > 0 ? name.slice(cut + 1) : name;
    if ((firstName?.length ?? 0) > 40 || lastName.length > 80)
      throw invalid('name', systemLabel('Apex_Placeholder_name_length', 40, 80));
    const fullName = [firstName, lastName].filter(Boolean).join(' ');
    const dayAgo = Date.parse(this.store.timestamp()) - 24 * 3600 * 1000;
    const existing = this.store
      .all(objectType)
      .find((r) => r.Name === fullName && r.Phone === req.phone && Date.parse(str(r.CreatedDate) ?? '') >= dayAgo);
    if (existing) return { record: { ...this.toMatch(existing, 'Phone'), related: [] }, created: false };
    const fields: Record<string, unknown> = { FirstName: firstName, LastName: lastName, Phone: req.phone };
    if (objectType === 'Lead') {
      const company =
        typeof req.company === 'string' && req.company.trim() !== ''
          ? req.company
          : this.settingsFor(user).placeholderCompany;
      fields.Company = company;
      fields.Status = 'Open - Not Contacted';
    }
    const record = this.store.insert(objectType, fields);
    return { record: { ...this.toMatch(record, 'Phone'), related: [] }, created: true };
  }

  // ---------------------------------------------------------------- searchRecords

  private searchRecords(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    const term = searchTerm(req);
    const requested = req.objectTypes;
    if (requested !== undefined && requested !== null && !Array.isArray(requested))
      throw invalid('objectTypes', systemLabel('Apex_Wrong_type'));
    const types = Array.isArray(requested) && requested.length > 0 ? requested : DEFAULT_SEARCH_OBJECTS;
    types.forEach((t, i) => {
      if (!(SEARCHABLE as readonly unknown[]).includes(t))
        throw invalid(`objectTypes[${i}]`, systemLabel('Apex_Expected_one_of', [...SEARCHABLE].sort().join(', ')));
    });
    const limit = searchLimit(req);
    const tokens = searchTokens(term);
    if (user.objectAccess === 'none' || tokens.join('').length < 2) return { records: [] };
    const hits: {
      id: string;
      objectType: string;
      objectLabel: string;
      name: string;
      detail: string | null;
      rank: number;
    }[] = [];
    (types as OrgObject[]).forEach((type, rank) => {
      for (const r of this.store.all(type)) {
        if (type === 'Lead' && r.IsConverted === true) continue;
        const name = displayName(r);
        const detail = this.detailOf(r);
        const words = searchTokens(`${name} ${detail ?? ''}`);
        if (tokens.every((t) => words.some((w) => w.startsWith(t))))
          hits.push({
            id: r.Id,
            objectType: type,
            objectLabel: objectLabelFor(type, runningLanguage()),
            name,
            detail,
            rank,
          });
      }
    });
    hits.sort(
      (a, b) => a.rank - b.rank || compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.id, b.id),
    );
    return { records: hits.slice(0, limit as number).map(({ rank: _rank, ...hit }) => hit) };
  }

  // ---------------------------------------------------------------- searchUsers

  /**
   * The user picker of a follow-up Task (`UserSearchService`): active standard users whose name contains the term
   * (SOQL `LIKE '%term%'`, case-insensitive, `%` and `_` literal), by name then id.
   */
  private searchUsers(req: Record<string, unknown>): Record<string, unknown> {
    const term = searchTerm(req).toLowerCase();
    const limit = searchLimit(req);
    const users = this.store
      .allUsers()
      .filter((u) => u.IsActive && u.UserType === 'Standard' && u.Name.toLowerCase().includes(term))
      .sort((a, b) => compareText(a.Name.toLowerCase(), b.Name.toLowerCase()) || compareText(a.Id, b.Id))
      .slice(0, limit);
    return { users: users.map((u) => ({ id: u.Id, name: u.Name, title: u.Title })) };
  }

  private detailOf(r: SObject): string | null {
    switch (r.attributes.type) {
      case 'Contact':
      case 'Opportunity': {
        const acc = typeof r.AccountId === 'string' ? this.store.get(r.AccountId) : undefined;
        return str(acc?.Name) ?? null;
      }
      case 'Lead':
        return str(r.Company) ?? null;
      case 'Case':
        return [str(r.CaseNumber), str(r.Subject)].filter(Boolean).join(' ') || null;
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------- settings

  private getSoftphoneSettings(user: OrgUser): Record<string, unknown> {
    const merged = this.mergedFor(user);
    return {
      settings: merged.settings,
      user: { id: user.Id, name: user.Name },
      canEditSettings: canEditSettings(user),
      locked: merged.locked,
      sources: merged.sources,
    };
  }

  /**
   * `saveSoftphoneSettings` (the package's `SoftphoneSettingsService.saveSettings`, also behind the admin page's
   * controller): values, locks and cleared keys of one level, audited when something changed.
   * @throws RemoteApiError NO_ACCESS, INVALID_INPUT, NOT_FOUND
   */
  saveSettings(req: Record<string, unknown>, user: OrgUser): Record<string, unknown> {
    requireAdmin(user);
    const level = this.settingsLevelOf(req.scope, req.scopeId);
    let partial: Partial<SoftphoneSettings>;
    let locks: SettingsLevel['locks'];
    let cleared: (keyof SoftphoneSettings)[];
    try {
      partial = normalizeSettingsPartial(req.settings, this.settingsSchema());
      cleared = clearedKeys(req.clear, partial);
      locks = applyLocks(level.stored?.locks ?? {}, req.locks);
    } catch (e) {
      if (e instanceof SettingsRuleError) throw invalid(e.field, e.message);
      throw e;
    }
    // A custom-setting row stores every checkbox: a level saved for the first time starts from the values in effect.
    const inEffect = this.merge(level.above).settings;
    const start: Partial<SoftphoneSettings> = level.stored
      ? { ...level.stored.values }
      : (Object.fromEntries(CHECKBOX_KEYS.map((k) => [k, inEffect[k]])) as Partial<SoftphoneSettings>);
    const values: Record<string, unknown> = { ...start, ...partial };
    for (const key of cleared) delete values[key];
    const after: SettingsLevel = {
      values: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as Partial<SoftphoneSettings>,
      locks,
    };
    const changes = compareLevels(level.stored, after);
    if (changes.length > 0) {
      this.store.saveSettingsAt(level.scope, level.scopeId, after);
      this.audit(level, changes, user);
    }
    const merged = this.merge([...level.above, after]);
    return { settings: merged.settings, locked: merged.locked, sources: merged.sources };
  }

  /**
   * One level of the settings hierarchy with the levels above it (the package's `SoftphoneSettingsService.levelOf`).
   * @throws RemoteApiError INVALID_INPUT `scope` / `scopeId`, NOT_FOUND `scopeId` for an unknown user or profile
   */
  settingsLevelOf(scope: unknown, scopeId: unknown): SettingsLevelView {
    if (scope !== 'org' && scope !== 'profile' && scope !== 'user')
      throw invalid('scope', systemLabel('Apex_Expected_one_of', 'org, profile, user'));
    const id = scopeId === undefined || scopeId === '' ? null : scopeId;
    if (scope === 'org') {
      if (id !== null) throw invalid('scopeId', systemLabel('Apex_Org_scope_no_id'));
      return { scope, scopeId: null, label: 'Org default', above: [], stored: this.store.settingsAt('org', null) };
    }
    const prefix = scope === 'profile' ? '00e' : '005';
    if (id === null) throw invalid('scopeId', systemLabel('Apex_Scope_id_required', scope));
    const id18 = typeof id === 'string' ? to18(id) : null;
    if (!id18) throw invalid('scopeId', systemLabel('Apex_Not_a_record_id'));
    if (!id18.startsWith(prefix)) throw invalid('scopeId', systemLabel('Apex_Record_kind_not_accepted'));
    const above: (SettingsLevel | undefined)[] = [this.store.settingsAt('org', null)];
    let label: string;
    if (scope === 'user') {
      const target = this.store.user(id18);
      if (!target) throw new RemoteApiError('NOT_FOUND', systemLabel('Apex_No_such_user'), 'scopeId');
      label = target.Name;
      above.push(this.store.settingsAt('profile', target.ProfileId));
    } else {
      const profile = this.store.profile(id18);
      if (!profile) throw new RemoteApiError('NOT_FOUND', systemLabel('Apex_No_such_profile'), 'scopeId');
      label = profile.Name;
    }
    return { scope, scopeId: id18, label, above, stored: this.store.settingsAt(scope, id18) };
  }

  /** Writes the audit row of a change of one level (the package's `SettingsLevelWriter`). */
  audit(level: SettingsLevelView, changes: ReturnType<typeof compareLevels>, user: OrgUser): void {
    const previous = this.store.currentUserId;
    this.store.currentUserId = user.Id;
    try {
      this.store.addSettingsAudit(
        this.store.namespace.toStore({
          Scope__c: level.scope,
          Scope_Id__c: level.scopeId,
          Scope_Label__c: level.label,
          Summary__c: changeSummary(changes, this.merge(level.above).settings),
          Changes__c: JSON.stringify(changes),
        }),
      );
    } finally {
      this.store.currentUserId = previous;
    }
  }
}

/** One level of the settings hierarchy: scope, owner, label, the stored levels above it and its own stored level. */
export interface SettingsLevelView {
  scope: SettingsScope;
  scopeId: string | null;
  label: string;
  above: (SettingsLevel | undefined)[];
  stored: SettingsLevel | undefined;
}

/** Whether a user holds the `Softphone_Admin` custom permission. */
export function canEditSettings(user: OrgUser): boolean {
  return user.customPermissions.includes('Softphone_Admin');
}

/** @throws RemoteApiError NO_ACCESS without the `Softphone_Admin` custom permission */
export function requireAdmin(user: OrgUser): void {
  if (!canEditSettings(user)) throw new RemoteApiError('NO_ACCESS', systemLabel('Apex_Settings_need_admin'), null);
}

/** Task access plus the package's Task fields (the Softphone Agent permission set; Admin includes it in the vectors). */
function hasCallLogAccess(user: OrgUser): boolean {
  return (
    user.objectAccess === 'all' && user.permissionSets.some((p) => p === 'Softphone_Agent' || p === 'Softphone_Admin')
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `RecordMatchFactory.doNotCallOf`: the record's DoNotCall or PersonDoNotCall when it has one, else null. */
function doNotCallOf(record: SObject): boolean | null {
  for (const field of ['DoNotCall', 'PersonDoNotCall']) if (field in record) return record[field] === true;
  return null;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * The follow-up Tasks of one `upsertCallLogs` request, by lower-cased key: whether each existed before the request, and
 * the ones the request wrote. The package upserts one follow-up per call after all call Tasks, so every log of a call
 * learns the id of the follow-up it wrote (even one the agent cannot see afterwards); logs handled one by one here learn
 * it from `written`.
 */
interface FollowUpWrites {
  existedBefore: Map<string, boolean>;
  written: Map<string, string>;
}

/** A request log's follow-up, or the reason it is refused (reported once the call Task is written). */
type FollowUpCheck = { followUp: FollowUp; error: null } | { followUp: null; error: RemoteApiError };

/**
 * The row of a call whose Task is written and whose follow-up is not: `ok:false`, the call's `taskId`, the reason.
 * The stand-in has no transient failures, so its codes are INVALID_INPUT and NO_ACCESS (never FOLLOW_UP_FAILED).
 */
function followUpFailed(
  row: { telephonySessionId: string | null; taskId: string },
  error: RemoteApiError,
): Record<string, unknown> {
  return {
    telephonySessionId: row.telephonySessionId,
    ok: false,
    taskId: row.taskId,
    error: { code: error.code, message: followUpFailureMessage(error.message), field: error.field },
  };
}

/**
 * `SoftphoneInput.listSize`: a missing or empty list is `INVALID_INPUT` (`Apex_At_least_one_item`), more than `max`
 * items `LIMIT_EXCEEDED` (`Apex_At_most_items`), both naming `field`.
 */
function listSize(list: unknown, field: string, max: number): asserts list is unknown[] {
  if (!Array.isArray(list) || list.length === 0) throw invalid(field, systemLabel('Apex_At_least_one_item'));
  if (list.length > max) throw new RemoteApiError('LIMIT_EXCEEDED', systemLabel('Apex_At_most_items', max), field);
}

export function invalid(field: string, message: string): RemoteApiError {
  return new RemoteApiError('INVALID_INPUT', message, field);
}

/** Text order of Apex `String.compareTo` (see `compareApexText`). */
export const compareText = compareApexText;

function newestFirst(records: SObject[]): SObject[] {
  return [...records].sort(
    (a, b) => compareText(String(b.CreatedDate), String(a.CreatedDate)) || compareText(b.Id, a.Id),
  );
}

function caseName(c: SObject): string {
  return str(c.Subject) ?? str(c.CaseNumber) ?? '';
}

function displayName(r: SObject): string {
  return r.attributes.type === 'Case' ? (str(r.CaseNumber) ?? '') : (str(r.Name) ?? '');
}

/** Lower-case letter/digit runs of a text: SOSL operators, wildcards and quotes in a term are not words. */
function searchTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The telephony session id of a log as sent: `telephonySessionId`, else its old name `callUniqueId` (pages loaded
 * before the log key changed). */
function sentTelephonySessionId(log: Record<string, unknown>): unknown {
  return log.telephonySessionId ?? log.callUniqueId ?? null;
}

/** The trimmed `term` of a search request (`SearchRequestParser.validTerm`): 2 to 100 characters. */
function searchTerm(req: Record<string, unknown>): string {
  const term = typeof req.term === 'string' ? req.term.trim() : '';
  if (term.length < 2 || term.length > 100) throw invalid('term', systemLabel('Apex_Expected_length_range', 2, 100));
  return term;
}

/** The `limit` of a search request (`SearchRequestParser.validLimit`): 1 to 50, 20 when absent. */
function searchLimit(req: Record<string, unknown>): number {
  const limit = req.limit ?? 20;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_SEARCH_LIMIT)
    throw invalid('limit', systemLabel('Apex_Expected_count_range', MAX_SEARCH_LIMIT));
  return limit as number;
}
