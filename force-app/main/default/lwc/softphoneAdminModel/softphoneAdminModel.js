// Custom Labels (ADR 0032): the text in the user's language.
import Agent_phone from '@salesforce/label/c.Agent_phone';
import Change_history from '@salesforce/label/c.Change_history';
import Dispositions from '@salesforce/label/c.Dispositions';
import Do_not_call_section from '@salesforce/label/c.Do_not_call_section';
import From_built_in_default from '@salesforce/label/c.From_built_in_default';
import From_org_default from '@salesforce/label/c.From_org_default';
import From_profile from '@salesforce/label/c.From_profile';
import From_user from '@salesforce/label/c.From_user';
import Log_customization from '@salesforce/label/c.Log_customization';
import Screen_pop from '@salesforce/label/c.Screen_pop';
import Section_logging from '@salesforce/label/c.Section_logging';
import Section_matching from '@salesforce/label/c.Section_matching';
import Set_at_this_level from '@salesforce/label/c.Set_at_this_level';
import Setting_autoFillRelatedTo from '@salesforce/label/c.Setting_autoFillRelatedTo';
import Setting_autoLog from '@salesforce/label/c.Setting_autoLog';
import Setting_autoLogDelaySeconds from '@salesforce/label/c.Setting_autoLogDelaySeconds';
import Setting_autoLogSms from '@salesforce/label/c.Setting_autoLogSms';
import Setting_autoSelectSingleMatch from '@salesforce/label/c.Setting_autoSelectSingleMatch';
import Setting_callingDevice from '@salesforce/label/c.Setting_callingDevice';
import Setting_closeCallViewOnHangUp from '@salesforce/label/c.Setting_closeCallViewOnHangUp';
import Setting_defaultRegion from '@salesforce/label/c.Setting_defaultRegion';
import Setting_dispositionField from '@salesforce/label/c.Setting_dispositionField';
import Setting_dncCallMode from '@salesforce/label/c.Setting_dncCallMode';
import Setting_dncSmsMode from '@salesforce/label/c.Setting_dncSmsMode';
import Setting_dispositions from '@salesforce/label/c.Setting_dispositions';
import Setting_dispositionsMandatory from '@salesforce/label/c.Setting_dispositionsMandatory';
import Setting_hvsDispositionField from '@salesforce/label/c.Setting_hvsDispositionField';
import Setting_hvsMode from '@salesforce/label/c.Setting_hvsMode';
import Setting_inboundPop from '@salesforce/label/c.Setting_inboundPop';
import Setting_logFields from '@salesforce/label/c.Setting_logFields';
import Setting_matchObjects from '@salesforce/label/c.Setting_matchObjects';
import Setting_multipleMatchPop from '@salesforce/label/c.Setting_multipleMatchPop';
import Setting_noMatchPop from '@salesforce/label/c.Setting_noMatchPop';
import Setting_objectPriority from '@salesforce/label/c.Setting_objectPriority';
import Setting_outboundPop from '@salesforce/label/c.Setting_outboundPop';
import Setting_personAccountAssociation from '@salesforce/label/c.Setting_personAccountAssociation';
import Setting_placeholderCompany from '@salesforce/label/c.Setting_placeholderCompany';
import Setting_placeholderObject from '@salesforce/label/c.Setting_placeholderObject';
import Setting_ringerEnabled from '@salesforce/label/c.Setting_ringerEnabled';
import Setting_saveOnRinging from '@salesforce/label/c.Setting_saveOnRinging';
import Setting_smsNotesPrompt from '@salesforce/label/c.Setting_smsNotesPrompt';
import Setting_toVoicemailWhenBusy from '@salesforce/label/c.Setting_toVoicemailWhenBusy';

const LABELS = {
  Do_not_call_section,
  Setting_closeCallViewOnHangUp,
  Setting_dncCallMode,
  Setting_dncSmsMode,
  Agent_phone,
  Change_history,
  Dispositions,
  From_built_in_default,
  From_org_default,
  From_profile,
  From_user,
  Log_customization,
  Screen_pop,
  Section_logging,
  Section_matching,
  Set_at_this_level,
  Setting_autoFillRelatedTo,
  Setting_autoLog,
  Setting_autoLogDelaySeconds,
  Setting_autoLogSms,
  Setting_autoSelectSingleMatch,
  Setting_callingDevice,
  Setting_defaultRegion,
  Setting_dispositionField,
  Setting_dispositions,
  Setting_dispositionsMandatory,
  Setting_hvsDispositionField,
  Setting_hvsMode,
  Setting_inboundPop,
  Setting_logFields,
  Setting_matchObjects,
  Setting_multipleMatchPop,
  Setting_noMatchPop,
  Setting_objectPriority,
  Setting_outboundPop,
  Setting_personAccountAssociation,
  Setting_placeholderCompany,
  Setting_placeholderObject,
  Setting_ringerEnabled,
  Setting_saveOnRinging,
  Setting_smsNotesPrompt,
  Setting_toVoicemailWhenBusy,
};
// /Custom Labels
/**
 * Pure helpers of the softphone admin page (no DOM, no Apex): the labels of the settings, where a value comes from,
 * the draft an admin edits over the level the server sent, the save request, and the field errors of a save by
 * settings key. The rules of the values themselves live in Apex (SoftphoneSettingsWriter, SettingsValueRules,
 * TaskFieldRules); this module only shapes what the page shows and sends.
 */

/** Labels of the settings keys (what the page, the field errors and the change history show). */
export const SETTING_LABELS = Object.freeze({
  matchObjects: LABELS.Setting_matchObjects,
  objectPriority: LABELS.Setting_objectPriority,
  personAccountAssociation: LABELS.Setting_personAccountAssociation,
  defaultRegion: LABELS.Setting_defaultRegion,
  inboundPop: LABELS.Setting_inboundPop,
  outboundPop: LABELS.Setting_outboundPop,
  multipleMatchPop: LABELS.Setting_multipleMatchPop,
  noMatchPop: LABELS.Setting_noMatchPop,
  callingDevice: LABELS.Setting_callingDevice,
  ringerEnabled: LABELS.Setting_ringerEnabled,
  autoLog: LABELS.Setting_autoLog,
  autoLogSms: LABELS.Setting_autoLogSms,
  smsNotesPrompt: LABELS.Setting_smsNotesPrompt,
  closeCallViewOnHangUp: LABELS.Setting_closeCallViewOnHangUp,
  saveOnRinging: LABELS.Setting_saveOnRinging,
  autoLogDelaySeconds: LABELS.Setting_autoLogDelaySeconds,
  autoFillRelatedTo: LABELS.Setting_autoFillRelatedTo,
  autoSelectSingleMatch: LABELS.Setting_autoSelectSingleMatch,
  toVoicemailWhenBusy: LABELS.Setting_toVoicemailWhenBusy,
  placeholderObject: LABELS.Setting_placeholderObject,
  placeholderCompany: LABELS.Setting_placeholderCompany,
  dispositionsMandatory: LABELS.Setting_dispositionsMandatory,
  dispositions: LABELS.Setting_dispositions,
  dispositionField: LABELS.Setting_dispositionField,
  hvsMode: LABELS.Setting_hvsMode,
  hvsDispositionField: LABELS.Setting_hvsDispositionField,
  logFields: LABELS.Setting_logFields,
  dncCallMode: LABELS.Setting_dncCallMode,
  dncSmsMode: LABELS.Setting_dncSmsMode,
});

/** The page's sections, in order, with the settings keys each one edits. */
export const SECTIONS = Object.freeze([
  {
    name: 'matching',
    label: LABELS.Section_matching,
    keys: [
      'matchObjects',
      'objectPriority',
      'personAccountAssociation',
      'autoFillRelatedTo',
      'autoSelectSingleMatch',
      'defaultRegion',
    ],
  },
  {
    name: 'screenPop',
    label: LABELS.Screen_pop,
    keys: ['inboundPop', 'outboundPop', 'multipleMatchPop', 'noMatchPop'],
  },
  {
    name: 'logging',
    label: LABELS.Section_logging,
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
    label: LABELS.Dispositions,
    keys: ['dispositions', 'dispositionField', 'dispositionsMandatory', 'hvsMode', 'hvsDispositionField'],
  },
  { name: 'logFields', label: LABELS.Log_customization, keys: ['logFields'] },
  { name: 'agentPhone', label: LABELS.Agent_phone, keys: ['callingDevice', 'ringerEnabled', 'closeCallViewOnHangUp'] },
  { name: 'doNotCall', label: LABELS.Do_not_call_section, keys: ['dncCallMode', 'dncSmsMode'] },
  // Extension point: the CRM routing section (routing rules, its own component) is added here as
  // { name: 'routing', label: 'CRM routing', keys: [] } with its component in softphoneAdmin.html.
  { name: 'history', label: LABELS.Change_history, keys: [] },
]);

/** Where a value comes from, by the level that sets it. */
const FROM_LEVEL = Object.freeze({
  default: LABELS.From_built_in_default,
  org: LABELS.From_org_default,
  profile: LABELS.From_profile,
  user: LABELS.From_user,
});

/**
 * Where the value of a key in force at the shown level comes from, for people.
 * @param {string} source `default`, `org`, `profile` or `user` (the level that sets it)
 * @param {string} scope the level the page shows
 * @returns {{ text: string, here: boolean }} `here` when this level sets it
 */
export function sourceOf(source, scope) {
  if (source === scope) {
    return { text: LABELS.Set_at_this_level, here: true };
  }
  return { text: FROM_LEVEL[source] || source, here: false };
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
