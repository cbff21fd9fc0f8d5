/**
 * The softphone settings of the remote API contract (`docs/contracts/softphone-remote-api.md`,
 * `getSoftphoneSettings`). The server merges the hierarchy custom setting (user → profile → org default →
 * built-in defaults); {@link DEFAULT_SETTINGS} holds the built-in defaults, identical to the Apex ones.
 *
 * @public
 */
export interface Settings {
  /** Objects searched by `matchNumbers`, e.g. `["Contact","Lead","Account"]` (API names; custom objects allowed). */
  readonly matchObjects: readonly string[];
  /** Which object wins when several match (first = highest). Objects not listed rank after the listed ones. */
  readonly objectPriority: readonly string[];
  /** Person accounts on the log: `name` → WhoId = PersonContactId; `relatedTo` → WhatId = the Account. */
  readonly personAccountAssociation: 'name' | 'relatedTo';
  /** ISO 3166-1 alpha-2 region used to read numbers without a country code, e.g. `US`. */
  readonly defaultRegion: string;
  /** Screen pop on ringing (`true`) or on answer (`false`). */
  readonly popOnRinging: boolean;
  /** Log calls automatically (after {@link Settings.autoLogDelaySeconds}), unless the agent edits the log. */
  readonly autoLog: boolean;
  /** With `autoLog`: create the Task already when the call rings (facts completed at the end). */
  readonly saveOnRinging: boolean;
  /** Log text messages automatically: one Task per conversation per day, appended as messages come (ADR 0019). */
  readonly autoLogSms: boolean;
  /** Countdown before an automatic log is saved, in seconds. */
  readonly autoLogDelaySeconds: number;
  /** Fill Related To (WhatId) from the matched/clicked record's Account. */
  readonly autoFillRelatedTo: boolean;
  /** One match → use it as Who without asking. */
  readonly autoSelectSingleMatch: boolean;
  /** Send a new inbound call to voicemail while the agent is already on a call. */
  readonly toVoicemailWhenBusy: boolean;
  /** Object created for an unknown caller: `Contact` or `Lead`. */
  readonly placeholderObject: 'Contact' | 'Lead';
  /** `Lead.Company` of placeholder Leads. */
  readonly placeholderCompany: string;
  /** A disposition must be chosen before the log can be saved. */
  readonly dispositionsMandatory: boolean;
  /** Dispositions offered on the log form (values of `Task.CallDisposition`). */
  readonly dispositions: readonly string[];
  /** High Velocity Sales / Sales Engagement mode. */
  readonly hvsMode: boolean;
  /** Task field holding the HVS disposition, or `null`. */
  readonly hvsDispositionField: string | null;
  /** Extra Task fields shown on the log form (log customization). */
  readonly logFields: readonly LogFieldDefinition[];
}

/**
 * A Task field an admin added to the call log form. Types are those the product allows
 * (Date, Picklist, Text, Text Area).
 * @public
 */
export interface LogFieldDefinition {
  readonly apiName: string;
  readonly label: string;
  readonly type: 'string' | 'textarea' | 'picklist' | 'date';
  readonly picklistValues?: readonly string[];
  readonly required: boolean;
}

/**
 * The built-in defaults (contract doc, `getSoftphoneSettings`). Frozen; copy before changing.
 * @public
 */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  matchObjects: Object.freeze(['Contact', 'Lead', 'Account']),
  objectPriority: Object.freeze(['Contact', 'Account', 'Lead']),
  personAccountAssociation: 'name',
  defaultRegion: 'US',
  popOnRinging: true,
  autoLog: false,
  saveOnRinging: false,
  autoLogSms: false,
  autoLogDelaySeconds: 10,
  autoFillRelatedTo: true,
  autoSelectSingleMatch: true,
  toVoicemailWhenBusy: false,
  placeholderObject: 'Contact',
  placeholderCompany: 'Unknown',
  dispositionsMandatory: false,
  dispositions: Object.freeze([
    'Call Back Later',
    'Left Voicemail',
    'Meaningful Connect',
    'Not Interested',
    'Unqualified',
  ]),
  hvsMode: false,
  hvsDispositionField: null,
  logFields: Object.freeze([]),
} satisfies Settings);

/**
 * Merges a partial settings object (from the server or a test) over the defaults, ignoring `undefined` keys.
 * @public
 */
export function mergeSettings(
  partial: Partial<Settings> | null | undefined,
  base: Settings = DEFAULT_SETTINGS,
): Settings {
  const out: Record<string, unknown> = { ...base };
  if (partial) {
    for (const [key, value] of Object.entries(partial)) {
      if (value !== undefined) out[key] = value;
    }
  }
  return out as unknown as Settings;
}
