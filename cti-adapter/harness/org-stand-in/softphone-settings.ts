import { builtInDefaultSettings } from './contract-vectors';

/**
 * The softphone settings of the remote API contract (`docs/contracts/softphone-remote-api.md`,
 * `getSoftphoneSettings`): built-in defaults, the hierarchy merge (user → profile → org default → defaults)
 * and the validation `saveSoftphoneSettings` applies to a partial.
 */

export type SettingsScope = 'org' | 'profile' | 'user';

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
  popOnRinging: boolean;
  autoLog: boolean;
  saveOnRinging: boolean;
  autoLogSms: boolean;
  autoLogDelaySeconds: number;
  autoFillRelatedTo: boolean;
  autoSelectSingleMatch: boolean;
  toVoicemailWhenBusy: boolean;
  placeholderObject: 'Contact' | 'Lead';
  placeholderCompany: string;
  dispositionsMandatory: boolean;
  dispositions: string[];
  hvsMode: boolean;
  hvsDispositionField: string | null;
  logFields: LogField[];
}

/**
 * Built-in defaults. Not written here: they are read from their one source, the contract vector
 * `settings-built-in-defaults` (`contract-vectors.ts`), which also pins the package's Apex
 * (`SoftphoneSettingsReader.builtInDefaults`) and the softphone's `DEFAULT_SETTINGS`.
 */
export function defaultSettings(): SoftphoneSettings {
  return builtInDefaultSettings();
}

/** Merges the levels, most specific last (`[org, profile, user]`). Absent keys fall through. */
export function mergeSettings(levels: readonly (Partial<SoftphoneSettings> | undefined)[]): SoftphoneSettings {
  const merged = defaultSettings();
  for (const level of levels) {
    if (!level) continue;
    for (const [k, v] of Object.entries(level))
      if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
  }
  return merged;
}

/** Keys whose values are checkboxes in the hierarchy custom setting (materialized on a level's first save). */
export const CHECKBOX_KEYS = [
  'popOnRinging',
  'autoLog',
  'saveOnRinging',
  'autoLogSms',
  'autoFillRelatedTo',
  'autoSelectSingleMatch',
  'toVoicemailWhenBusy',
  'dispositionsMandatory',
  'hvsMode',
] as const;

/** What the settings rules need to know about the org's schema. */
export interface SettingsSchema {
  /** Whether an object exists in the org (standard objects of the stand-in, or a custom `__c` name). */
  objectExists(name: string): boolean;
  /** The log-form description of a Task field, or null when it is not a Text/Text Area/Picklist/Date field. */
  logField(apiName: string): LogField | null;
  /** Canonical API name of a Task field, or null when Task has no such field. */
  taskField(apiName: string): string | null;
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

function objectNames(value: unknown, path: string, schema: SettingsSchema): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_OBJECTS)
    throw new SettingsRuleError(path, `Expected 1 to ${MAX_OBJECTS} object names.`);
  return value.map((v: unknown, i) => {
    const name = typeof v === 'string' ? v.trim() : '';
    if (!name || !schema.objectExists(name)) throw new SettingsRuleError(`${path}[${i}]`, 'Unknown object.');
    return name;
  });
}

function checkbox(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new SettingsRuleError(path, 'Expected true or false.');
  return value;
}

/**
 * Validates and normalizes a partial for `saveSoftphoneSettings` with the rules of the contract (and of the
 * package's `SettingsValueRules`): object lists of 1–10 known objects (matching: Contact, Lead, Account or custom),
 * `defaultRegion` two upper-case letters, `autoLogDelaySeconds` 0–600, dispositions 1–80 characters without `;`
 * (255 characters joined), Task fields that exist (log fields of a form type). Unknown keys are refused.
 * @throws SettingsRuleError naming the first offending path.
 */
export function normalizeSettingsPartial(partial: unknown, schema: SettingsSchema): Partial<SoftphoneSettings> {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial))
    throw new SettingsRuleError('settings', 'Required.');
  const out: Partial<SoftphoneSettings> = {};
  for (const [key, value] of Object.entries(partial)) {
    const path = `settings.${key}`;
    switch (key) {
      case 'matchObjects': {
        const names = objectNames(value, path, schema);
        names.forEach((n, i) => {
          if (!MATCHABLE_STANDARD.has(n) && !n.endsWith('__c'))
            throw new SettingsRuleError(
              `${path}[${i}]`,
              'Only Contact, Lead, Account and custom objects can be matched.',
            );
        });
        out.matchObjects = names;
        break;
      }
      case 'objectPriority':
        out.objectPriority = objectNames(value, path, schema);
        break;
      case 'personAccountAssociation':
        if (value !== 'name' && value !== 'relatedTo') throw new SettingsRuleError(path, 'Expected name or relatedTo.');
        out.personAccountAssociation = value;
        break;
      case 'defaultRegion':
        if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value))
          throw new SettingsRuleError(path, 'Expected two upper-case letters.');
        out.defaultRegion = value;
        break;
      case 'autoLogDelaySeconds':
        if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 600)
          throw new SettingsRuleError(path, 'Expected 0 to 600.');
        out.autoLogDelaySeconds = value as number;
        break;
      case 'placeholderObject':
        if (value !== 'Contact' && value !== 'Lead') throw new SettingsRuleError(path, 'Expected Contact or Lead.');
        out.placeholderObject = value;
        break;
      case 'placeholderCompany': {
        const text = typeof value === 'string' ? value.trim() : '';
        if (!text || text.length > MAX_STORED)
          throw new SettingsRuleError(path, `Expected 1 to ${MAX_STORED} characters.`);
        out.placeholderCompany = text;
        break;
      }
      case 'dispositions': {
        if (!Array.isArray(value)) throw new SettingsRuleError(path, 'Expected a list.');
        const cleaned = value.map((v: unknown, i) => {
          const text = typeof v === 'string' ? v.trim() : '';
          if (!text || text.length > 80) throw new SettingsRuleError(`${path}[${i}]`, 'Expected 1 to 80 characters.');
          if (text.includes(';')) throw new SettingsRuleError(`${path}[${i}]`, 'Must not contain a semicolon.');
          return text;
        });
        if (cleaned.join(';').length > MAX_STORED)
          throw new SettingsRuleError(path, `Too many entries (${MAX_STORED} characters at most).`);
        out.dispositions = cleaned;
        break;
      }
      case 'hvsDispositionField': {
        if (value === null || value === '') {
          out.hvsDispositionField = null;
          break;
        }
        const name = typeof value === 'string' && value.trim().length <= 80 ? schema.taskField(value) : null;
        if (!name) throw new SettingsRuleError(path, 'Not a Task field.');
        out.hvsDispositionField = name;
        break;
      }
      case 'logFields': {
        if (!Array.isArray(value)) throw new SettingsRuleError(path, 'Expected a list.');
        out.logFields = value.map((f: unknown, i) => {
          const apiName = typeof f === 'object' && f !== null ? (f as { apiName?: unknown }).apiName : undefined;
          const described = typeof apiName === 'string' && apiName.trim() ? schema.logField(apiName) : null;
          if (!described)
            throw new SettingsRuleError(
              `${path}[${i}].apiName`,
              'Not a Task field of type Text, Text Area, Picklist or Date.',
            );
          return described;
        });
        break;
      }
      default:
        if ((CHECKBOX_KEYS as readonly string[]).includes(key)) {
          (out as Record<string, unknown>)[key] = checkbox(value, path);
          break;
        }
        throw new SettingsRuleError(path, 'Unknown setting.');
    }
  }
  return out;
}
