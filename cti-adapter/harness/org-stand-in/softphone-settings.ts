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

/** Built-in defaults, exactly as the contract lists them. */
export function defaultSettings(): SoftphoneSettings {
  return {
    matchObjects: ['Contact', 'Lead', 'Account'],
    objectPriority: ['Contact', 'Account', 'Lead'],
    personAccountAssociation: 'name',
    defaultRegion: 'US',
    popOnRinging: true,
    autoLog: false,
    saveOnRinging: false,
    autoLogDelaySeconds: 10,
    autoFillRelatedTo: true,
    autoSelectSingleMatch: true,
    toVoicemailWhenBusy: false,
    placeholderObject: 'Contact',
    placeholderCompany: 'Unknown',
    dispositionsMandatory: false,
    dispositions: ['Call Back Later', 'Left Voicemail', 'Meaningful Connect', 'Not Interested', 'Unqualified'],
    hvsMode: false,
    hvsDispositionField: null,
    logFields: [],
  };
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

type Check = (value: unknown) => boolean;
const isBool: Check = (v) => typeof v === 'boolean';
const isStringList: Check = (v) => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0);
const KEY_CHECKS: Record<keyof SoftphoneSettings, Check> = {
  matchObjects: isStringList,
  objectPriority: isStringList,
  personAccountAssociation: (v) => v === 'name' || v === 'relatedTo',
  defaultRegion: (v) => typeof v === 'string' && /^[A-Z]{2}$/.test(v),
  popOnRinging: isBool,
  autoLog: isBool,
  saveOnRinging: isBool,
  autoLogDelaySeconds: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 3600,
  autoFillRelatedTo: isBool,
  autoSelectSingleMatch: isBool,
  toVoicemailWhenBusy: isBool,
  placeholderObject: (v) => v === 'Contact' || v === 'Lead',
  placeholderCompany: (v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 255,
  dispositionsMandatory: isBool,
  dispositions: (v) => isStringList(v),
  hvsMode: isBool,
  hvsDispositionField: (v) => v === null || (typeof v === 'string' && v.length > 0),
  logFields: (v) =>
    Array.isArray(v) &&
    v.every(
      (f: unknown) =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as LogField).apiName === 'string' &&
        ['string', 'textarea', 'picklist', 'date'].includes((f as LogField).type),
    ),
};

/** Returns the path of the first invalid key (`settings.defaultRegion`), or null when the partial is valid. */
export function invalidSettingsField(partial: unknown): string | null {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) return 'settings';
  for (const [k, v] of Object.entries(partial)) {
    const check = (KEY_CHECKS as Record<string, Check | undefined>)[k];
    if (!check || !check(v)) return `settings.${k}`;
  }
  return null;
}
