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
  /** When the record of an incoming call pops: while it rings, when it is answered, or never. User-level. */
  readonly inboundPop: PopMoment;
  /** When the record of a dialled number pops (click-to-dial never pops: the agent is on the record). User-level. */
  readonly outboundPop: PopMoment;
  /** Several records match: pop the search page, pop the first match, or only list them in the softphone. User-level. */
  readonly multipleMatchPop: 'search' | 'first' | 'none';
  /**
   * No record matches an incoming call: a new Contact or Lead form with the number, the search page, or nothing.
   * User-level.
   */
  readonly noMatchPop: 'newContact' | 'newLead' | 'search' | 'none';
  /**
   * Where the agent's calls are: the browser web phone; RingOut (outbound: the agent's own phone rings first, inbound
   * on the web phone); or `otherDevice` — the RingCentral app or a desk phone for every call: the web phone does not
   * register, inbound calls are followed from the telephony-session events, outbound calls are RingOut (ADR 0029).
   * User-level.
   */
  readonly callingDevice: CallingDevice;
  /** Play a ringtone for incoming calls. User-level. */
  readonly ringerEnabled: boolean;
  /** Log calls automatically (after {@link Settings.autoLogDelaySeconds}), unless the agent edits the log. User-level. */
  readonly autoLog: boolean;
  /** With `autoLog`: create the Task already when the call rings (facts completed at the end). */
  readonly saveOnRinging: boolean;
  /** Log text messages automatically: one Task per conversation per day, appended as messages come (ADR 0019). */
  readonly autoLogSms: boolean;
  /** After an SMS is sent, offer a note for the conversation's log of the day (appended to that one Task, ADR 0019). User-level. */
  readonly smsNotesPrompt: boolean;
  /**
   * When a call ends, the Phone tab goes back to the dialer instead of showing the call's log form (Arcadium's "Close
   * Wizard on Hang Up", seed `003_50ccaf370a5819aa.txt`): the call stays in the log queue ("1 call to log", Log), the
   * Calls tab and Unresolved; the auto-log countdown runs as usual. `false`: the log form stays open. User-level.
   */
  readonly closeCallViewOnHangUp: boolean;
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
  /** Dispositions offered on the log form (saved in `Task.CallDisposition`). */
  readonly dispositions: readonly string[];
  /** Task picklist whose active values the server sent as {@link Settings.dispositions}, or `null` (a typed list). */
  readonly dispositionField: string | null;
  /** High Velocity Sales / Sales Engagement mode. */
  readonly hvsMode: boolean;
  /** Task field holding the HVS disposition, or `null`. */
  readonly hvsDispositionField: string | null;
  /** Extra Task fields shown on the log form (log customization); `required` when the admin or the field says so. */
  readonly logFields: readonly LogFieldDefinition[];
  /**
   * Do-not-call for calls the agent places (click-to-dial, the dialer): `off`, `warn` (the agent is told why and may
   * call anyway) or `block` (the call is not placed). The restriction: the matched record's Do Not Call
   * (`DoNotCall`, `PersonDoNotCall`) or the number on the package's do-not-contact list (ADR 0031). Incoming calls
   * and emergency numbers are never stopped.
   */
  readonly dncCallMode: DoNotCallMode;
  /** Do-not-call for text messages the agent sends: `off`, `warn` (send anyway) or `block` (ADR 0031). */
  readonly dncSmsMode: DoNotCallMode;
}

/** What a do-not-call restriction does to a call or text message the agent starts (ADR 0031). @public */
export type DoNotCallMode = 'off' | 'warn' | 'block';

/** Where the agent's calls are (see {@link Settings.callingDevice}). @public */
export type CallingDevice = 'browser' | 'ringout' | 'otherDevice';

/** Every {@link CallingDevice}, in the order the settings offer them. @public */
export const CALLING_DEVICES = ['browser', 'ringout', 'otherDevice'] as const satisfies readonly CallingDevice[];

/** When a record pops for a call: while it rings (or is dialled), when it is answered, or never. @public */
export type PopMoment = 'ringing' | 'answer' | 'off';

/**
 * Settings an agent may choose for themself in the softphone (kept in the browser) unless an admin locks them; the
 * server's values are the admin's defaults (contract `getSoftphoneSettings`, ADR 0014). Contract order.
 * @public
 */
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

/** @public */
export type UserSettingKey = (typeof USER_SETTING_KEYS)[number];

/** The user-level settings. @public */
export type UserSettings = Pick<Settings, UserSettingKey>;

/** Where a settings value comes from: the built-in default or a level of the hierarchy custom setting. @public */
export type SettingsSource = 'default' | 'org' | 'profile' | 'user';

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
  inboundPop: 'ringing',
  outboundPop: 'ringing',
  multipleMatchPop: 'none',
  noMatchPop: 'newContact',
  callingDevice: 'browser',
  ringerEnabled: true,
  autoLog: false,
  saveOnRinging: false,
  autoLogSms: false,
  smsNotesPrompt: false,
  closeCallViewOnHangUp: false,
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
  dispositionField: null,
  hvsMode: false,
  hvsDispositionField: null,
  logFields: Object.freeze([]),
  dncCallMode: 'off',
  dncSmsMode: 'off',
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
