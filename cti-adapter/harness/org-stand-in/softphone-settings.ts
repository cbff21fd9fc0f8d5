import { builtInDefaultSettings } from './contract-vectors';
import { systemLabel } from './apex-labels';

/**
 * The softphone settings of the remote API contract (`docs/contracts/softphone-remote-api.md`,
 * `getSoftphoneSettings` and `saveSoftphoneSettings`): built-in defaults, the hierarchy merge (user → profile → org
 * default → defaults) with the source of every value and the locks of user-level settings (ADR 0014), and the
 * validation `saveSoftphoneSettings` applies to a partial, to locks and to cleared keys.
 */

export type SettingsScope = 'org' | 'profile' | 'user';
/** Where a value comes from: the most specific level that sets it, or the built-in defaults. */
export type SettingsSource = 'default' | SettingsScope;

export interface LogField {
  apiName: string;
  label: string;
  type: 'string' | 'textarea' | 'picklist' | 'date';
  picklistValues?: string[];
  required: boolean;
}

export interface SoftphoneSettings {
  matchObjects: string[];
  objectPriority: string[];
  personAccountAssociation: 'name' | 'relatedTo';
  defaultRegion: string;
  inboundPop: 'ringing' | 'answer' | 'off';
  outboundPop: 'ringing' | 'answer' | 'off';
  multipleMatchPop: 'search' | 'first' | 'none';
  noMatchPop: 'newContact' | 'newLead' | 'search' | 'none';
  callingDevice: 'browser' | 'ringout' | 'otherDevice';
  ringerEnabled: boolean;
  autoLog: boolean;
  saveOnRinging: boolean;
  autoLogSms: boolean;
  smsNotesPrompt: boolean;
  closeCallViewOnHangUp: boolean;
  autoLogDelaySeconds: number;
  autoFillRelatedTo: boolean;
  autoSelectSingleMatch: boolean;
  toVoicemailWhenBusy: boolean;
  placeholderObject: 'Contact' | 'Lead';
  placeholderCompany: string;
  dispositionsMandatory: boolean;
  dispositions: string[];
  dispositionField: string | null;
  hvsMode: boolean;
  hvsDispositionField: string | null;
  logFields: LogField[];
  dncCallMode: 'off' | 'warn' | 'block';
  dncSmsMode: 'off' | 'warn' | 'block';
}

/** Settings an agent may choose for themself unless an admin locks them (contract order). */
export const USER_SETTING_KEYS = [
  'callingDevice',
  'ringerEnabled',
  'autoLog',
  'inboundPop',
  'outboundPop',
  'autoLogSms',
  'multipleMatchPop',
  'noMatchPop',
  'smsNotesPrompt',
  'closeCallViewOnHangUp',
] as const;
export type UserSettingKey = (typeof USER_SETTING_KEYS)[number];

/**
 * One stored level of the hierarchy custom setting: the values it sets (a blank text or number is absent: it
 * inherits; every checkbox of a saved level is present) and its lock entries (`true` locks the key here and below,
 * `false` unlocks a key locked above).
 */
export interface SettingsLevel {
  values: Partial<SoftphoneSettings>;
  locks: Partial<Record<UserSettingKey, boolean>>;
}

/** The merged settings, where each value comes from, and the locks. */
export interface MergedSettings {
  settings: SoftphoneSettings;
  sources: Record<keyof SoftphoneSettings, SettingsSource>;
  /** Locked user-level keys, in {@link USER_SETTING_KEYS} order. */
  locked: UserSettingKey[];
  /** The level that locked or unlocked a key (absent: none did). */
  lockSources: Partial<Record<UserSettingKey, SettingsScope>>;
}

/**
 * Built-in defaults. Not written here: they are read from their one source, the contract vector
 * `settings-built-in-defaults` (`contract-vectors.ts`), which also pins the package's Apex
 * (`SoftphoneSettingsReader.builtInDefaults`) and the softphone's `DEFAULT_SETTINGS`.
 */
export function defaultSettings(): SoftphoneSettings {
  return builtInDefaultSettings();
}

const LEVEL_NAMES: readonly SettingsScope[] = ['org', 'profile', 'user'];

/**
 * Merges the levels, most general first (`[org]`, `[org, profile]`, `[org, profile, user]`; an entry may be
 * undefined, its position names the level). Absent keys fall through. With `picklistValues`, a `dispositionField`
 * naming a Task picklist replaces the dispositions by its values.
 */
export function mergeSettings(
  levels: readonly (SettingsLevel | undefined)[],
  picklistValues: (apiName: string) => string[] = () => [],
): MergedSettings {
  const settings = defaultSettings();
  const sources = Object.fromEntries(Object.keys(settings).map((k) => [k, 'default'])) as MergedSettings['sources'];
  const locks: Partial<Record<UserSettingKey, boolean>> = {};
  const lockSources: MergedSettings['lockSources'] = {};
  levels.forEach((level, i) => {
    if (!level) return;
    const name = LEVEL_NAMES[Math.min(i, LEVEL_NAMES.length - 1)]!;
    for (const [k, v] of Object.entries(level.values)) {
      if (v === undefined || v === null) continue;
      (settings as unknown as Record<string, unknown>)[k] = v;
      sources[k as keyof SoftphoneSettings] = name;
    }
    for (const [k, v] of Object.entries(level.locks) as [UserSettingKey, boolean][]) {
      locks[k] = v;
      lockSources[k] = name;
    }
  });
  const values = settings.dispositionField ? picklistValues(settings.dispositionField) : [];
  if (values.length > 0) {
    settings.dispositions = values;
    sources.dispositions = sources.dispositionField;
  }
  return { settings, sources, locked: USER_SETTING_KEYS.filter((k) => locks[k] === true), lockSources };
}

/**
 * Keys whose values are checkboxes in the hierarchy custom setting (the package's `SoftphoneSettingsReader.FLAG_FIELDS`
 * plus `dispositionsMandatory`): a saved level stores all of them, so a level saved for the first time starts from the
 * values in effect for it, and they cannot be cleared.
 */
export const CHECKBOX_KEYS = [
  'ringerEnabled',
  'autoLog',
  'saveOnRinging',
  'autoLogSms',
  'smsNotesPrompt',
  'closeCallViewOnHangUp',
  'autoFillRelatedTo',
  'autoSelectSingleMatch',
  'toVoicemailWhenBusy',
  'dispositionsMandatory',
] as const;

/** What the settings rules need to know about the org's schema. */
export interface SettingsSchema {
  /** Whether an object exists in the org (standard objects of the stand-in, or a custom `__c` name). */
  objectExists(name: string): boolean;
  /** The log-form description of a Task field, or null when it is not a Text/Text Area/Picklist/Date field. */
  logField(apiName: string): LogField | null;
  /** Canonical API name of a Task field, or null when Task has no such field. */
  taskField(apiName: string): string | null;
  /** Whether the softphone writes a Task field itself (the Task mapping of `upsertCallLogs`). */
  isCallLogField(apiName: string): boolean;
}

/** An invalid settings value: `field` is the request path (`settings.dispositions[2]`). */
export class SettingsRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_OBJECTS = 10;
const MAX_STORED = 255;
const MATCHABLE_STANDARD = new Set(['Contact', 'Lead', 'Account']);
/** Allowed values of the settings stored as enumerations (the package's `SoftphoneSettingsReader.ALLOWED`). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  personAccountAssociation: ['name', 'relatedTo'],
  placeholderObject: ['Contact', 'Lead'],
  inboundPop: ['ringing', 'answer', 'off'],
  outboundPop: ['ringing', 'answer', 'off'],
  multipleMatchPop: ['search', 'first', 'none'],
  noMatchPop: ['newContact', 'newLead', 'search', 'none'],
  callingDevice: ['browser', 'ringout', 'otherDevice'],
  dncCallMode: ['off', 'warn', 'block'],
  dncSmsMode: ['off', 'warn', 'block'],
};

function objectNames(value: unknown, path: string, schema: SettingsSchema): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_OBJECTS)
    throw new SettingsRuleError(path, systemLabel('Apex_Expected_object_count', MAX_OBJECTS));
  return value.map((v: unknown, i) => {
    const name = typeof v === 'string' ? v.trim() : '';
    if (!name || !schema.objectExists(name))
      throw new SettingsRuleError(`${path}[${i}]`, systemLabel('Apex_Unknown_object'));
    return name;
  });
}

/*
 * `Expected true or false.`, `Expected a list.`, `Expected an object.` (here and in applyLocks, clearedKeys) stay
 * English on purpose: the package has no such message. Its request is typed (`SoftphoneApi.SaveSettingsRequest`), so a
 * value of the wrong JSON type never reaches its rules — the platform refuses the remote action, and the admin page's
 * `JSON.deserialize` failure is an INTERNAL with a reference. Only a defective client sends one (the softphone and the
 * admin page send booleans and lists); the stand-in names the field for its developer (ADR 0032, sixth amendment).
 */
function checkbox(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new SettingsRuleError(path, 'Expected true or false.');
  return value;
}

function logFields(value: unknown, path: string, schema: SettingsSchema): LogField[] {
  if (!Array.isArray(value)) throw new SettingsRuleError(path, 'Expected a list.');
  const seen = new Set<string>();
  const fields = value.map((f: unknown, i) => {
    const at = `${path}[${i}].apiName`;
    const entry = typeof f === 'object' && f !== null ? (f as { apiName?: unknown; required?: unknown }) : {};
    const apiName = typeof entry.apiName === 'string' ? entry.apiName.trim() : '';
    if (!apiName) throw new SettingsRuleError(at, systemLabel('Apex_Required'));
    const name = schema.taskField(apiName);
    if (!name) throw new SettingsRuleError(at, systemLabel('Apex_Not_a_Task_field'));
    const described = schema.logField(name);
    if (!described) throw new SettingsRuleError(at, systemLabel('Apex_Task_field_type'));
    if (schema.isCallLogField(name)) throw new SettingsRuleError(at, systemLabel('Apex_Filled_by_softphone'));
    if (seen.has(name.toLowerCase())) throw new SettingsRuleError(at, systemLabel('Apex_Listed_twice'));
    seen.add(name.toLowerCase());
    return { ...described, required: described.required || entry.required === true };
  });
  const stored = fields.map((f) => `${f.apiName}${f.required ? '*' : ''}`).join(',');
  if (stored.length > MAX_STORED) throw new SettingsRuleError(path, systemLabel('Apex_Too_many_entries', MAX_STORED));
  return fields;
}

/** A blank optional Task field name clears the value (`null`); else it must name a Task field. */
function optionalTaskField(value: unknown, path: string, schema: SettingsSchema): string | null {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
  const name = typeof value === 'string' && value.trim().length <= 80 ? schema.taskField(value) : null;
  if (!name) throw new SettingsRuleError(path, systemLabel('Apex_Not_a_Task_field'));
  return name;
}

/**
 * Validates and normalizes a partial for `saveSoftphoneSettings` with the rules of the contract (and of the
 * package's `SoftphoneSettingsWriter`, `SettingsValueRules` and `TaskFieldRules`): object lists of 1–10 known objects
 * (matching: Contact, Lead, Account or custom), `defaultRegion` two upper-case letters, enumerations from their lists,
 * `autoLogDelaySeconds` 0–600, dispositions 1–80 characters without `;` (255 characters joined), Task fields that
 * exist (log fields of a form type that the softphone does not fill, each once; the disposition field a picklist).
 * A `null` value (a blank Task field name) clears the key at the level. Unknown keys are refused.
 * @throws SettingsRuleError naming the first offending path.
 */
export function normalizeSettingsPartial(partial: unknown, schema: SettingsSchema): Partial<SoftphoneSettings> {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial))
    throw new SettingsRuleError('settings', systemLabel('Apex_Required'));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    out[key] = normalizeValue(key, value, `settings.${key}`, schema);
  }
  return out as Partial<SoftphoneSettings>;
}

/**
 * Every invalid key of a partial, each checked on its own (the admin page shows them all at once).
 * @returns one `{field, message}` per invalid key
 */
export function settingsErrors(partial: unknown, schema: SettingsSchema): { field: string; message: string }[] {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial))
    return [{ field: 'settings', message: systemLabel('Apex_Required') }];
  const errors: { field: string; message: string }[] = [];
  for (const [key, value] of Object.entries(partial)) {
    try {
      if (value !== undefined) normalizeValue(key, value, `settings.${key}`, schema);
    } catch (e) {
      if (!(e instanceof SettingsRuleError)) throw e;
      errors.push({ field: e.field, message: e.message });
    }
  }
  return errors;
}

function normalizeValue(key: string, value: unknown, path: string, schema: SettingsSchema): unknown {
  if (ALLOWED[key]) {
    if (typeof value !== 'string' || !ALLOWED[key].includes(value))
      throw new SettingsRuleError(path, systemLabel('Apex_Expected_one_of', [...ALLOWED[key]].sort().join(', ')));
    return value;
  }
  switch (key) {
    case 'matchObjects': {
      const names = objectNames(value, path, schema);
      names.forEach((n, i) => {
        if (!MATCHABLE_STANDARD.has(n) && !n.endsWith('__c'))
          throw new SettingsRuleError(`${path}[${i}]`, systemLabel('Apex_Object_not_matchable'));
      });
      return names;
    }
    case 'objectPriority':
      return objectNames(value, path, schema);
    case 'defaultRegion':
      if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value))
        throw new SettingsRuleError(path, systemLabel('Apex_Expected_region'));
      return value;
    case 'autoLogDelaySeconds':
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 600)
        throw new SettingsRuleError(path, systemLabel('Apex_Expected_seconds_range', 600));
      return value;
    case 'placeholderCompany': {
      const text = typeof value === 'string' ? value.trim() : '';
      if (!text) throw new SettingsRuleError(path, systemLabel('Apex_Required'));
      if (text.length > 80) throw new SettingsRuleError(path, systemLabel('Apex_At_most_characters', 80));
      return text;
    }
    case 'dispositions': {
      if (!Array.isArray(value)) throw new SettingsRuleError(path, 'Expected a list.');
      const cleaned = value.map((v: unknown, i) => {
        const text = typeof v === 'string' ? v.trim() : '';
        if (!text) throw new SettingsRuleError(`${path}[${i}]`, systemLabel('Apex_Required'));
        if (text.length > 80) throw new SettingsRuleError(`${path}[${i}]`, systemLabel('Apex_At_most_characters', 80));
        if (text.includes(';')) throw new SettingsRuleError(`${path}[${i}]`, systemLabel('Apex_No_semicolon'));
        return text;
      });
      if (cleaned.join(';').length > MAX_STORED)
        throw new SettingsRuleError(path, systemLabel('Apex_Too_many_entries', MAX_STORED));
      return cleaned;
    }
    case 'hvsDispositionField':
      return optionalTaskField(value, path, schema);
    case 'dispositionField': {
      const name = optionalTaskField(value, path, schema);
      if (name && (schema.logField(name)?.picklistValues ?? []).length === 0)
        throw new SettingsRuleError(path, systemLabel('Apex_Not_a_Task_picklist'));
      return name;
    }
    case 'logFields':
      return logFields(value, path, schema);
    case 'hvsMode':
      return checkbox(value, path);
    default:
      if ((CHECKBOX_KEYS as readonly string[]).includes(key)) return checkbox(value, path);
      throw new SettingsRuleError(path, systemLabel('Apex_Unknown_setting'));
  }
}

/**
 * Applies a save request's `locks` to a level's entries (`locked`, `unlocked`, `inherit` removes the entry).
 * @throws SettingsRuleError `locks.<key>` for a key agents do not choose or another state
 */
export function applyLocks(entries: SettingsLevel['locks'], locks: unknown): SettingsLevel['locks'] {
  if (locks === undefined || locks === null) return entries;
  if (typeof locks !== 'object' || Array.isArray(locks)) throw new SettingsRuleError('locks', 'Expected an object.');
  const out = { ...entries };
  for (const [key, state] of Object.entries(locks)) {
    const path = `locks.${key}`;
    if (!(USER_SETTING_KEYS as readonly string[]).includes(key))
      throw new SettingsRuleError(path, systemLabel('Apex_Not_an_agent_setting'));
    if (state !== 'locked' && state !== 'unlocked' && state !== 'inherit')
      throw new SettingsRuleError(path, systemLabel('Apex_Expected_one_of', 'inherit, locked, unlocked'));
    if (state === 'inherit') delete out[key as UserSettingKey];
    else out[key as UserSettingKey] = state === 'locked';
  }
  return out;
}

/**
 * Checks a save request's `clear` (text and number keys of the level go back to inherited).
 * @throws SettingsRuleError `clear[i]` for a checkbox, an unknown key or a key also set in the request
 */
export function clearedKeys(clear: unknown, partial: Partial<SoftphoneSettings>): (keyof SoftphoneSettings)[] {
  if (clear === undefined || clear === null) return [];
  if (!Array.isArray(clear)) throw new SettingsRuleError('clear', 'Expected a list.');
  const known = Object.keys(defaultSettings());
  return clear.map((key: unknown, i) => {
    const path = `clear[${i}]`;
    if ((CHECKBOX_KEYS as readonly unknown[]).includes(key))
      throw new SettingsRuleError(path, systemLabel('Apex_Checkbox_cannot_inherit'));
    if (typeof key !== 'string' || !known.includes(key))
      throw new SettingsRuleError(path, systemLabel('Apex_Unknown_setting'));
    if (key in partial) throw new SettingsRuleError(path, systemLabel('Apex_Set_and_cleared'));
    return key as keyof SoftphoneSettings;
  });
}

/** A change of one level, for the audit row: `lock:<key>` for a lock; `null` = not stored (inherited). */
export interface SettingsChange {
  key: string;
  fromValue: unknown;
  toValue: unknown;
}

/** The changes between two states of one level (the package's `SettingsAuditDiff.compare`). */
export function compareLevels(before: SettingsLevel | undefined, after: SettingsLevel | undefined): SettingsChange[] {
  const comparable = (level: SettingsLevel | undefined): Record<string, unknown> => {
    const values: Record<string, unknown> = {};
    if (!level) return values;
    for (const [k, v] of Object.entries(level.values)) {
      if (v === undefined || v === null) continue;
      values[k] = k === 'logFields' ? (v as LogField[]).map((f) => `${f.apiName}${f.required ? '*' : ''}`) : v;
    }
    for (const [k, v] of Object.entries(level.locks)) values[`lock:${k}`] = v ? 'locked' : 'unlocked';
    return values;
  };
  const was = comparable(before);
  const now = comparable(after);
  const keys = [...Object.keys(defaultSettings()), ...USER_SETTING_KEYS.map((k) => `lock:${k}`)];
  return keys
    .filter((k) => JSON.stringify(was[k] ?? null) !== JSON.stringify(now[k] ?? null))
    .map((k) => ({ key: k, fromValue: was[k] ?? null, toValue: now[k] ?? null }));
}

/**
 * One line for people: `key: from → to; …` (`inherited` for null), at most 255 characters (the package's
 * `SettingsAuditDiff.summary`). A value stored or removed that equals what the level inherits is left out.
 * @param inherited the settings the levels above give (the built-in defaults for the org default)
 */
export function changeSummary(changes: readonly SettingsChange[], inherited: SoftphoneSettings): string {
  const shown = (v: unknown): string => {
    if (v === null || v === undefined) return 'inherited';
    const text = Array.isArray(v) ? v.join(', ') : String(v);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };
  const above = inherited as unknown as Record<string, unknown>;
  const parts = changes
    .filter((c) => {
      const oneSideInherited = c.fromValue === null || c.toValue === null;
      const stored = c.fromValue ?? c.toValue;
      return !(oneSideInherited && JSON.stringify(stored) === JSON.stringify(above[c.key] ?? null));
    })
    .map((c) => `${c.key}: ${shown(c.fromValue)} → ${shown(c.toValue)}`);
  const text = parts.length === 0 ? 'no change in effect' : parts.join('; ');
  return text.length > 255 ? `${text.slice(0, 252)}...` : text;
}
