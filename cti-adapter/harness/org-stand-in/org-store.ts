import { KEY_PREFIXES, SalesforceIdFactory, to18 } from './salesforce-id';
import type { OrgObject } from './org-schema';
import type { SettingsLevel, SettingsScope } from './softphone-settings';
import { NO_NAMESPACE, type PackageNamespace } from './package-namespace';
import type { ValidationRules } from './validation-rules';

/** One record of the in-memory org: standard API field names, plus `attributes.type` like the REST API. */
export type SObject = { Id: string; attributes: { type: OrgObject } } & Record<string, unknown>;

/** A user of the org and what the user may do (the stand-in's stand-in for profiles and permission sets). */
export interface OrgUser {
  readonly Id: string;
  readonly Name: string;
  readonly Username: string;
  readonly ProfileId: string;
  /** Permission sets assigned (`Softphone_Agent`: the package's Task fields; `Softphone_Admin`). */
  readonly permissionSets: readonly string[];
  /** Custom permissions granted (e.g. `Softphone_Admin`). */
  readonly customPermissions: readonly string[];
  /**
   * `all`: the Standard User profile's CRUD on Accounts, Contacts, Leads, Opportunities, Cases and Tasks;
   * `none`: no access to them (SOSL skips the objects, creating records is refused).
   */
  readonly objectAccess: 'all' | 'none';
  /** `User.IsActive`: a deactivated user keeps their records but cannot be assigned new ones. Default `true`. */
  IsActive: boolean;
  /** `User.UserType`: `Standard` (a licensed internal user, default) or `Guest` (a Site's guest user). */
  readonly UserType: 'Standard' | 'Guest';
  /** `User.Title`, or `null`. */
  readonly Title: string | null;
  /**
   * The user's personal language, locale and time zone (User fields; what `$User.LanguageLocaleKey`,
   * `$User.LocaleSidKey` and `$User.TimeZoneSidKey` render): `en_US`, `en_US`, `America/Los_Angeles` by default, as
   * a new user of a US org. Changed by {@link OrgStore.setUserLocale}, as the user does in their personal settings.
   */
  LanguageLocaleKey: string;
  LocaleSidKey: string;
  TimeZoneSidKey: string;
}

/** A user's language, locale and time zone to set (Salesforce keys: `fr`, `fr_FR`, `Europe/Paris`). */
export interface UserLocaleKeys {
  readonly language?: string;
  readonly locale?: string;
  readonly timeZone?: string;
}

/** A row of the settings audit (the package's `Softphone_Settings_Audit__c`), by wire names. */
export interface SettingsAuditRow {
  Id: string;
  Name: string;
  CreatedDate: string;
  CreatedById: string | null;
  Scope__c: SettingsScope;
  Scope_Id__c: string | null;
  Scope_Label__c: string;
  Summary__c: string;
  Changes__c: string;
}

/** A profile of the org. */
export interface OrgProfile {
  readonly Id: string;
  readonly Name: string;
}

/** A record change, emitted after each insert, update or delete (the console's Tasks page listens). */
export interface OrgChange {
  readonly kind: 'insert' | 'update' | 'delete';
  readonly record: SObject;
}

export interface OrgStoreOptions {
  /** Clock; statement timestamps are made strictly increasing so "newest first" orders are deterministic. */
  now?: () => Date;
  ids?: SalesforceIdFactory;
  /** The package's namespace: its fields are stored as `<ns>__Name__c` (default: none). */
  namespace?: PackageNamespace;
  /** Validation rules checked on every insert and update (default: none). */
  validationRules?: ValidationRules;
}

/** A write the org refuses (the API's INVALID_FIELD for a field that does not exist, e.g. a package field without its namespace). */
export class InvalidFieldError extends Error {
  readonly statusCode = 'INVALID_FIELD';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFieldError';
  }
}

/**
 * The records, users and settings hierarchy of the in-memory org. Writes assign 18-character ids, system fields
 * (`CreatedDate`, `LastModifiedDate`, `CreatedById`, `OwnerId`) and platform-derived fields (`Name` of Contacts,
 * Leads and person accounts, `PersonContactId`, `IsClosed`, `CaseNumber`), then notify change listeners.
 */
export class OrgStore {
  private readonly records = new Map<string, SObject>();
  /** The same records by object, in insert order (what {@link OrgStore.all} reads without a scan of every object). */
  private readonly recordsByType = new Map<OrgObject, Map<string, SObject>>();
  /**
   * `type.field` → lower-cased value → record: the indexes of unique case-insensitive fields (external ids), made at
   * their first lookup ({@link OrgStore.findByUnique}) and kept by every insert, update and delete.
   */
  private readonly uniqueIndexes = new Map<string, Map<string, SObject>>();
  private readonly users = new Map<string, OrgUser>();
  private readonly profiles = new Map<string, OrgProfile>();
  private readonly listeners = new Set<(change: OrgChange) => void>();
  private readonly settingsByScope = new Map<string, SettingsLevel>();
  /** Rows of `Softphone_Settings_Audit__c` as stored. */
  private readonly audit: Record<string, unknown>[] = [];
  private auditNumber = 0;
  /** Rows of the package's list custom settings: stored object name → row Name → fields by stored names. */
  private readonly listSettings = new Map<string, Map<string, Record<string, unknown>>>();
  private readonly now: () => Date;
  private readonly ids: SalesforceIdFactory;
  private lastTimestamp = 0;
  private caseNumber = 1000;
  /** The user records are written as (OwnerId, CreatedById). */
  currentUserId: string | null = null;
  /** The package's namespace (field names of stored records). */
  readonly namespace: PackageNamespace;
  private readonly validationRules: ValidationRules | undefined;

  constructor(options: OrgStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.ids = options.ids ?? new SalesforceIdFactory();
    this.namespace = options.namespace ?? NO_NAMESPACE;
    this.validationRules = options.validationRules;
  }

  /** Adds a profile (id `00e…`). */
  addProfile(name: string): OrgProfile {
    const profile: OrgProfile = { Id: this.ids.next(KEY_PREFIXES.Profile), Name: name };
    this.profiles.set(profile.Id, profile);
    return profile;
  }

  /** Adds a user (id `005…`); without a `ProfileId` the user gets a profile of its own. */
  addUser(
    user: Omit<
      OrgUser,
      'Id' | 'ProfileId' | 'LanguageLocaleKey' | 'LocaleSidKey' | 'TimeZoneSidKey' | 'IsActive' | 'UserType' | 'Title'
    > &
      Partial<
        Pick<
          OrgUser,
          | 'Id'
          | 'ProfileId'
          | 'LanguageLocaleKey'
          | 'LocaleSidKey'
          | 'TimeZoneSidKey'
          | 'IsActive'
          | 'UserType'
          | 'Title'
        >
      >,
  ): OrgUser {
    const full: OrgUser = {
      LanguageLocaleKey: 'en_US',
      LocaleSidKey: 'en_US',
      TimeZoneSidKey: 'America/Los_Angeles',
      IsActive: true,
      UserType: 'Standard',
      Title: null,
      ...user,
      Id: user.Id ?? this.ids.next(KEY_PREFIXES.User),
      ProfileId: user.ProfileId ?? this.addProfile(`${user.Name} profile`).Id,
    };
    this.users.set(full.Id, full);
    return full;
  }

  /**
   * Sets a user's language, locale and/or time zone (their personal settings). A language the org does not offer,
   * or an empty value, is refused with an error naming it.
   */
  setUserLocale(id: string, keys: UserLocaleKeys): OrgUser {
    const user = this.user(id);
    if (!user) throw new Error(`No user ${id}`);
    for (const [name, value] of Object.entries(keys)) {
      if (
        value !== undefined &&
        !/^[A-Za-z]{2,3}(?:_[A-Za-z0-9]+)*$|^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$|^GMT$|^UTC$/.test(value)
      )
        throw new Error(`Not a Salesforce ${name} key: ${JSON.stringify(value)}`);
    }
    if (keys.language !== undefined) user.LanguageLocaleKey = keys.language;
    if (keys.locale !== undefined) user.LocaleSidKey = keys.locale;
    if (keys.timeZone !== undefined) user.TimeZoneSidKey = keys.timeZone;
    return user;
  }

  user(id: string): OrgUser | undefined {
    return this.users.get(to18(id) ?? id);
  }

  allUsers(): OrgUser[] {
    return [...this.users.values()];
  }

  profile(id: string): OrgProfile | undefined {
    return this.profiles.get(to18(id) ?? id);
  }

  allProfiles(): OrgProfile[] {
    return [...this.profiles.values()];
  }

  /** ISO timestamp strictly after the previous one handed out. */
  timestamp(): string {
    const t = Math.max(this.now().getTime(), this.lastTimestamp + 1);
    this.lastTimestamp = t;
    return new Date(t).toISOString();
  }

  /**
   * Inserts a record; `fields` may carry `CreatedDate`/`LastModifiedDate` (data loads and vectors set them).
   * @param stamp the statement's time; default a new one (one record, one statement)
   */
  insert(type: OrgObject, fields: Record<string, unknown>, stamp: string = this.timestamp()): SObject {
    const prefix = (KEY_PREFIXES as Record<string, string>)[type];
    if (!prefix) throw new Error(`insert: no key prefix for ${type}`);
    this.beforeSave(type, fields, undefined);
    const record: SObject = {
      ...stripSystem(fields),
      attributes: { type },
      Id: this.ids.next(prefix),
      CreatedDate: typeof fields.CreatedDate === 'string' ? fields.CreatedDate : stamp,
      LastModifiedDate: typeof fields.LastModifiedDate === 'string' ? fields.LastModifiedDate : stamp,
      CreatedById: this.currentUserId,
      OwnerId: typeof fields.OwnerId === 'string' ? fields.OwnerId : this.currentUserId,
    };
    this.derive(record, true);
    this.records.set(record.Id, record);
    this.typeRecords(type).set(record.Id, record);
    this.index(record);
    this.emit({ kind: 'insert', record });
    return record;
  }

  /**
   * Inserts records of one object as one DML statement does in Salesforce: they share one `CreatedDate` and
   * `LastModifiedDate`, and their ids increase in list order (so "newest first" falls back to the id).
   */
  insertAll(type: OrgObject, rows: readonly Record<string, unknown>[]): SObject[] {
    const stamp = this.timestamp();
    return rows.map((fields) => this.insert(type, fields, stamp));
  }

  /** Updates fields of an existing record; throws when the id is unknown. */
  update(id: string, fields: Record<string, unknown>): SObject {
    const existing = this.get(id);
    if (!existing) throw new Error(`update: no record ${id}`);
    this.beforeSave(existing.attributes.type, { ...existing, ...stripSystem(fields) }, existing);
    this.unindex(existing);
    Object.assign(existing, stripSystem(fields));
    existing.LastModifiedDate = this.timestamp();
    this.derive(existing, false);
    this.index(existing);
    this.emit({ kind: 'update', record: existing });
    return existing;
  }

  /** Deletes a record; throws when the id is unknown. */
  delete(id: string): SObject {
    const existing = this.get(id);
    if (!existing) throw new Error(`delete: no record ${id}`);
    this.records.delete(existing.Id);
    this.typeRecords(existing.attributes.type).delete(existing.Id);
    this.unindex(existing);
    this.emit({ kind: 'delete', record: existing });
    return existing;
  }

  /** Record by 15- or 18-character id. */
  get(id: string): SObject | undefined {
    const id18 = to18(id);
    return id18 ? this.records.get(id18) : undefined;
  }

  /** All records of a type, in insert order. */
  all(type: OrgObject): SObject[] {
    return [...(this.recordsByType.get(type)?.values() ?? [])];
  }

  /**
   * The record of `type` whose unique, case-insensitive text field `field` (stored name; an external id such as
   * `Task.CALL_UNIQUE_ID__c`) equals `value` in any case, as an upsert by external id finds it — through an index, as
   * the org's unique fields are indexed. Records change through {@link OrgStore.update} only (the index follows it).
   */
  findByUnique(type: OrgObject, field: string, value: string): SObject | undefined {
    const key = `${type}.${field}`;
    let index = this.uniqueIndexes.get(key);
    if (!index) {
      index = new Map();
      for (const record of this.all(type)) {
        const stored = record[field];
        if (typeof stored === 'string') index.set(stored.toLowerCase(), record);
      }
      this.uniqueIndexes.set(key, index);
    }
    return index.get(value.toLowerCase());
  }

  /** The person account whose person contact has this id. */
  personAccountByContactId(contactId: string): SObject | undefined {
    const id18 = to18(contactId);
    return this.all('Account').find((a) => a.PersonContactId === id18);
  }

  onChange(listener: (change: OrgChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The stored level of the settings hierarchy (`org`, `profile:<id>`, `user:<id>`), or undefined when none is. */
  settingsAt(scope: SettingsScope, scopeId: string | null): SettingsLevel | undefined {
    const level = this.settingsByScope.get(scopeKey(scope, scopeId));
    return level ? { values: { ...level.values }, locks: { ...level.locks } } : undefined;
  }

  /**
   * Stores a level of the settings hierarchy (replacing it). Keys whose value is `null` are dropped: a blank field
   * inherits, as in the custom setting.
   */
  saveSettingsAt(scope: SettingsScope, scopeId: string | null, level: SettingsLevel): void {
    const values = Object.fromEntries(Object.entries(level.values).filter(([, v]) => v !== null && v !== undefined));
    this.settingsByScope.set(scopeKey(scope, scopeId), { values, locks: { ...level.locks } });
  }

  /** Deletes a level of the settings hierarchy; true when one was stored. */
  deleteSettingsAt(scope: SettingsScope, scopeId: string | null): boolean {
    return this.settingsByScope.delete(scopeKey(scope, scopeId));
  }

  /**
   * Inserts a row of the settings audit (`Softphone_Settings_Audit__c`) as the current user. The fields are named as
   * stored (`namespace.toStore`): in a namespace the package's fields need their prefix, as for any record.
   * @throws InvalidFieldError for a package field named without the prefix
   */
  addSettingsAudit(stored: Record<string, unknown>): void {
    this.refuseUnprefixed('Softphone_Settings_Audit__c', stored);
    this.audit.push({
      ...stored,
      Id: this.ids.next(KEY_PREFIXES.Softphone_Settings_Audit__c),
      Name: `SSC-${String(++this.auditNumber).padStart(6, '0')}`,
      CreatedDate: this.timestamp(),
      CreatedById: this.currentUserId,
    });
  }

  /** The settings audit, newest first, as stored (the package's fields under their full names in a namespace). */
  storedSettingsAudit(): Record<string, unknown>[] {
    return [...this.audit].reverse().map((row) => ({ ...row }));
  }

  /** The settings audit, newest first, by wire names (as the package's Apex reads it through field tokens). */
  settingsAudit(): SettingsAuditRow[] {
    return this.storedSettingsAudit().map((row) => this.namespace.fromStore(row) as unknown as SettingsAuditRow);
  }

  /**
   * The row `name` of a list custom setting of the package (`getValues(name)`), fields by wire (local) names.
   * @param setting the setting's local API name, e.g. `Token_Sealing_Key__c`
   */
  listSetting(setting: string, name: string): Record<string, unknown> | undefined {
    const row = this.listSettings.get(this.namespace.fullObject(setting))?.get(name);
    return row === undefined ? undefined : this.namespace.fromStore(row);
  }

  /**
   * Inserts a row of a list custom setting, stored as the org stores it (`<ns>__Setting__c` with `<ns>__Field__c`).
   * @param fields by stored names (a package field without its prefix is refused in a namespace)
   * @returns false when a row of that Name exists (the insert's DUPLICATE_VALUE), as `Database.insert(row, false)`
   * @throws InvalidFieldError
   */
  insertListSetting(setting: string, fields: Record<string, unknown> & { Name: string }): boolean {
    this.refuseUnprefixed(setting, fields);
    const stored = this.namespace.fullObject(setting);
    const rows = this.listSettings.get(stored) ?? new Map<string, Record<string, unknown>>();
    this.listSettings.set(stored, rows);
    if (rows.has(fields.Name)) return false;
    rows.set(fields.Name, { ...fields });
    return true;
  }

  /** Deletes a row of a list custom setting. */
  deleteListSetting(setting: string, name: string): void {
    this.listSettings.get(this.namespace.fullObject(setting))?.delete(name);
  }

  /** The stored object names and rows of the list custom settings (what a subscriber org's Setup lists). */
  storedListSettings(): Record<string, Record<string, unknown>[]> {
    return Object.fromEntries([...this.listSettings].map(([object, rows]) => [object, [...rows.values()]]));
  }

  /**
   * What the org checks before a save: every field exists under its stored name (a package field needs the
   * namespace prefix) and the validation rules of the object hold.
   * @throws InvalidFieldError, ValidationRuleError
   */
  private beforeSave(type: OrgObject, values: Record<string, unknown>, previous: SObject | undefined): void {
    this.refuseUnprefixed(type, values);
    this.validationRules?.check(
      type,
      this.namespace.fromStore(values),
      previous === undefined ? undefined : this.namespace.fromStore(previous),
    );
  }

  /** A package field named without the namespace prefix does not exist in a namespaced org. */
  private refuseUnprefixed(entity: string, values: Record<string, unknown>): void {
    const unprefixed = this.namespace.unprefixedPackageFields(values);
    if (unprefixed.length > 0) {
      throw new InvalidFieldError(
        `No such column '${unprefixed[0]}' on entity '${entity}': in namespace ${this.namespace.namespace} it is '${this.namespace.full(unprefixed[0]!)}'`,
      );
    }
  }

  private typeRecords(type: OrgObject): Map<string, SObject> {
    let records = this.recordsByType.get(type);
    if (!records) this.recordsByType.set(type, (records = new Map()));
    return records;
  }

  /** Adds the record to the unique-field indexes of its object. */
  private index(record: SObject): void {
    for (const [key, index] of this.uniqueIndexes) {
      const field = this.indexedField(record, key);
      const value = field === null ? undefined : record[field];
      if (typeof value === 'string') index.set(value.toLowerCase(), record);
    }
  }

  /** Removes the record from the unique-field indexes of its object (before a change of its fields, or a delete). */
  private unindex(record: SObject): void {
    for (const [key, index] of this.uniqueIndexes) {
      const field = this.indexedField(record, key);
      const value = field === null ? undefined : record[field];
      if (typeof value === 'string' && index.get(value.toLowerCase()) === record) index.delete(value.toLowerCase());
    }
  }

  /** The field of an index key (`type.field`) when the index is of the record's object, else `null`. */
  private indexedField(record: SObject, key: string): string | null {
    const prefix = `${record.attributes.type}.`;
    return key.startsWith(prefix) ? key.slice(prefix.length) : null;
  }

  private emit(change: OrgChange): void {
    for (const l of this.listeners) l(change);
  }

  /** Formula-like and platform-maintained fields. */
  private derive(record: SObject, inserting: boolean): void {
    const type = record.attributes.type;
    const fullName = [record.FirstName, record.LastName].filter((v) => typeof v === 'string' && v !== '').join(' ');
    if (type === 'Contact' || type === 'Lead' || type === 'User') record.Name = fullName;
    if (type === 'Lead' && record.IsConverted === undefined) record.IsConverted = false;
    // Do Not Call is a checkbox of every Contact and Lead, and PersonDoNotCall of every Account of an org with person
    // accounts: false until checked, never absent (Salesforce Object Reference, Contact, Lead, Account).
    if ((type === 'Contact' || type === 'Lead') && record.DoNotCall === undefined) record.DoNotCall = false;
    if (type === 'Account' && record.PersonDoNotCall === undefined) record.PersonDoNotCall = false;
    if (type === 'Account') {
      const person = record.IsPersonAccount === true || typeof record.LastName === 'string';
      record.IsPersonAccount = person;
      if (person) {
        record.Name = fullName;
        if (inserting) record.PersonContactId = this.ids.next(KEY_PREFIXES.Contact);
      } else {
        record.PersonContactId = null;
      }
    }
    if (type === 'Opportunity' && (inserting || 'StageName' in record)) {
      record.IsClosed = typeof record.StageName === 'string' && record.StageName.startsWith('Closed');
    }
    if (type === 'Case') {
      if (inserting && typeof record.CaseNumber !== 'string')
        record.CaseNumber = String(++this.caseNumber).padStart(8, '0');
      record.IsClosed = record.Status === 'Closed';
    }
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === 'string' && /Id$/.test(key) && key !== 'Id' && value.length === 15)
        record[key] = to18(value);
    }
  }
}

function stripSystem(fields: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'Id' || k === 'attributes' || k === 'CreatedDate' || k === 'LastModifiedDate') continue;
    copy[k] = v;
  }
  return copy;
}

function scopeKey(scope: SettingsScope, scopeId: string | null): string {
  return scope === 'org' ? 'org' : `${scope}:${to18(scopeId ?? '') ?? scopeId}`;
}
