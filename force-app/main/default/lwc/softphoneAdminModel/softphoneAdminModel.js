/**
 * Pure helpers of the softphone admin page (no DOM, no Apex): the labels of the settings, where a value comes from,
 * the draft an admin edits over the level the server sent, the save request, and the field errors of a save by
 * settings key. The rules of the values themselves live in Apex (SoftphoneSettingsWriter, SettingsValueRules,
 * TaskFieldRules); this module only shapes what the page shows and sends.
 */

/** Labels of the settings keys (what the page, the field errors and the change history show). */
export const SETTING_LABELS = Object.freeze({
  matchObjects: 'Objects searched for callers',
  objectPriority: 'Object priority',
  personAccountAssociation: 'Associate call and SMS logs with person accounts',
  defaultRegion: 'Country of numbers without a country code',
  inboundPop: 'Incoming calls',
  outboundPop: 'Dialled numbers',
  multipleMatchPop: 'When several records match',
  noMatchPop: 'When no record matches an incoming call',
  callingDevice: 'Calling device',
  ringerEnabled: 'Ring for incoming calls',
  autoLog: 'Log calls automatically',
  autoLogSms: 'Log text messages automatically',
  smsNotesPrompt: 'Ask for a note after sending a text',
  closeCallViewOnHangUp: 'Close the call view on hang up',
  saveOnRinging: 'Create the automatic log',
  autoLogDelaySeconds: 'Delay auto call logging for',
  autoFillRelatedTo: 'Autofill Related To for click-to-dial',
  autoSelectSingleMatch: 'Select the record when exactly one matches',
  toVoicemailWhenBusy: 'Send new calls to voicemail during a call',
  placeholderObject: 'Record created for an unknown caller',
  placeholderCompany: 'Company of new Leads',
  dispositionsMandatory: 'Agents must choose a disposition',
  dispositions: 'Dispositions',
  dispositionField: 'Task picklist with the dispositions',
  hvsMode: 'Sales Engagement (High Velocity Sales) mode',
  hvsDispositionField: 'Task field that receives the Sales Engagement disposition',
  logFields: 'Fields on the call log form',
  dncCallMode: 'Calls to a restricted number',
  dncSmsMode: 'Text messages to a restricted number',
});

/** The page's sections, in order, with the settings keys each one edits. */
export const SECTIONS = Object.freeze([
  {
    name: 'matching',
    label: 'Matching',
    keys: [
      'matchObjects',
      'objectPriority',
      'personAccountAssociation',
      'autoFillRelatedTo',
      'autoSelectSingleMatch',
      'defaultRegion',
    ],
  },
  { name: 'screenPop', label: 'Screen pop', keys: ['inboundPop', 'outboundPop', 'multipleMatchPop', 'noMatchPop'] },
  {
    name: 'logging',
    label: 'Logging',
    keys: [
      'autoLog',
      'autoLogSms',
      'smsNotesPrompt',
      'autoLogDelaySeconds',
      'saveOnRinging',
      'toVoicemailWhenBusy',
      'placeholderObject',
      'placeholderCompany',
    ],
  },
  {
    name: 'dispositions',
    label: 'Dispositions',
    keys: ['dispositions', 'dispositionField', 'dispositionsMandatory', 'hvsMode', 'hvsDispositionField'],
  },
  { name: 'logFields', label: 'Log customization', keys: ['logFields'] },
  { name: 'agentPhone', label: 'Agent phone', keys: ['callingDevice', 'ringerEnabled', 'closeCallViewOnHangUp'] },
  { name: 'doNotCall', label: 'Do not call', keys: ['dncCallMode', 'dncSmsMode'] },
  // Extension point: the CRM routing section (routing rules, its own component) is added here as
  // { name: 'routing', label: 'CRM routing', keys: [] } with its component in softphoneAdmin.html.
  { name: 'history', label: 'Change history', keys: [] },
]);

const LEVEL_NAMES = Object.freeze({
  default: 'built-in default',
  org: 'org default',
  profile: 'profile',
  user: 'user',
});

/**
 * Where the value of a key in force at the shown level comes from, for people.
 * @param {string} source `default`, `org`, `profile` or `user` (the level that sets it)
 * @param {string} scope the level the page shows
 * @returns {{ text: string, here: boolean }} `here` when this level sets it
 */
export function sourceOf(source, scope) {
  if (source === scope) {
    return { text: 'Set at this level', here: true };
  }
  return { text: `From the ${LEVEL_NAMES[source] || source}`, here: false };
}

/**
 * The settings, their sources and the locks as the page shows them: the server's level with the admin's unsaved
 * changes over it (a changed key is "set at this level"; a cleared key shows the inherited value and source).
 * @param {object} view the server's level (`getAdminSettings`)
 * @param {{ settings: object, locks: object, clear: string[] }} draft unsaved changes
 * @returns {{ settings: object, sources: object, locked: string[], lockStates: object }}
 */
export function shownLevel(view, draft) {
  const settings = { ...view.settings };
  const sources = { ...view.sources };
  for (const key of draft.clear) {
    settings[key] = view.inherited[key];
    sources[key] = view.inheritedSources[key];
  }
  for (const [key, value] of Object.entries(draft.settings)) {
    settings[key] = value;
    sources[key] = view.scope;
  }
  const lockStates = {};
  const locked = [];
  for (const key of view.userSettingKeys) {
    const own = key in draft.locks ? draft.locks[key] : view.locks[key] || 'inherit';
    lockStates[key] = own;
    const inheritedLocked = view.inheritedLocked.includes(key);
    if (own === 'locked' || (own === 'inherit' && inheritedLocked)) {
      locked.push(key);
    }
  }
  return { settings, sources, locked, lockStates };
}

/** An empty draft. */
export function emptyDraft() {
  return { settings: {}, locks: {}, clear: [] };
}

/**
 * The draft after the admin changed a value (a value equal to the one saved at this level is no change).
 * @param {object} view the server's level
 * @param {object} draft the current draft
 * @param {string} key settings key
 * @param {*} value the new value
 * @returns {object} the new draft
 */
export function withValue(view, draft, key, value) {
  const settings = { ...draft.settings };
  const clear = draft.clear.filter((k) => k !== key);
  if (key in view.stored && sameValue(view.stored[key], value)) {
    delete settings[key];
  } else {
    settings[key] = value;
  }
  return { ...draft, settings, clear };
}

/**
 * The draft after the admin asked a value to inherit again (only values this level stores; not the checkboxes the
 * server lists in `checkboxKeys`: a saved level always holds them).
 * @returns {object} the new draft
 */
export function withCleared(view, draft, key) {
  const settings = { ...draft.settings };
  delete settings[key];
  const clear = draft.clear.filter((k) => k !== key);
  if (key in view.stored && !view.checkboxKeys.includes(key)) {
    clear.push(key);
  }
  return { ...draft, settings, clear };
}

/**
 * The draft after the admin changed a lock (`locked`, `unlocked` or `inherit`).
 * @returns {object} the new draft
 */
export function withLock(view, draft, key, state) {
  const locks = { ...draft.locks };
  if ((view.locks[key] || 'inherit') === state) {
    delete locks[key];
  } else {
    locks[key] = state;
  }
  return { ...draft, locks };
}

/** Whether the draft changes anything. */
export function hasChanges(draft) {
  return Object.keys(draft.settings).length > 0 || Object.keys(draft.locks).length > 0 || draft.clear.length > 0;
}

/**
 * The request of SoftphoneAdminController.saveAdminSettings (the remote API's saveSoftphoneSettings).
 * @returns {object} `{scope, scopeId, settings, locks, clear}`
 */
export function saveRequest(view, draft) {
  return {
    scope: view.scope,
    scopeId: view.scopeId,
    settings: { ...draft.settings },
    locks: { ...draft.locks },
    clear: [...draft.clear],
  };
}

/**
 * The field errors of a failed save by settings key (`settings.logFields[2].apiName` → `logFields`), with the
 * position inside a list kept in the message.
 * @param {Array<{field: string, message: string}>} fieldErrors
 * @returns {object} key → message
 */
export function errorsByKey(fieldErrors) {
  const errors = {};
  for (const error of fieldErrors || []) {
    const match = /^(?:settings|locks|clear)\.?(\w+)?(?:\[(\d+)\])?/.exec(error.field || '');
    const key = match && match[1] ? match[1] : error.field;
    const position = match && match[2] !== undefined ? ` (entry ${Number(match[2]) + 1})` : '';
    errors[key] = errors[key] || `${error.message}${position}`;
  }
  return errors;
}

/** The section that edits a key (for showing a field error in its section). */
export function sectionOfKey(key) {
  const section = SECTIONS.find((s) => s.keys.includes(key));
  return section ? section.name : null;
}

/**
 * The objects searched for callers in priority order: the priority list first (objects of it that are searched),
 * then the other searched objects.
 */
export function objectsInPriorityOrder(settings) {
  const searched = settings.matchObjects || [];
  const ordered = (settings.objectPriority || []).filter((o) => searched.includes(o));
  return [...ordered, ...searched.filter((o) => !ordered.includes(o))];
}

function sameValue(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
