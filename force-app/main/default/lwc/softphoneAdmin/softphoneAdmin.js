import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
// Same namespace as the component: no namespace prefix, also once the package has one (LWC Developer Guide, "Check
// Permissions", developer.salesforce.com/docs/platform/lwc/guide/create-get-permissions.html).
import hasAdminPermission from '@salesforce/customPermission/Softphone_Admin';
import getAdminSettings from '@salesforce/apex/SoftphoneAdminController.getAdminSettings';
import saveAdminSettings from '@salesforce/apex/SoftphoneAdminController.saveAdminSettings';
import resetAdminSettings from '@salesforce/apex/SoftphoneAdminController.resetAdminSettings';
import searchScopes from '@salesforce/apex/SoftphoneAdminController.searchScopes';
import {
  SECTIONS,
  emptyDraft,
  errorsByKey,
  hasChanges,
  saveRequest,
  sectionOfKey,
  shownLevel,
  sourceOf,
  withCleared,
  withLock,
  withValue,
} from 'c/softphoneAdminModel';
import { formatLabel } from 'c/labelFormat';
// Custom Labels (ADR 0032): the text in the user's language.
import Cancel from '@salesforce/label/c.Cancel';
import Delete_this_level_all_its_values_inherit from '@salesforce/label/c.Delete_this_level_all_its_values_inherit';
import Editing from '@salesforce/label/c.Editing';
import How_levels_work from '@salesforce/label/c.How_levels_work';
import Insufficient_privileges from '@salesforce/label/c.Insufficient_privileges';
import Keep from '@salesforce/label/c.Keep';
import Last_change from '@salesforce/label/c.Last_change';
import Loading_the_softphone_settings from '@salesforce/label/c.Loading_the_softphone_settings';
import No_access from '@salesforce/label/c.No_access';
import No_unsaved_change from '@salesforce/label/c.No_unsaved_change';
import Org_default from '@salesforce/label/c.Org_default';
import Reset from '@salesforce/label/c.Reset';
import Reset_level_confirm from '@salesforce/label/c.Reset_level_confirm';
import Reset_this_level from '@salesforce/label/c.Reset_this_level';
import RingCentral_Open_CTI from '@salesforce/label/c.RingCentral_Open_CTI';
import Save from '@salesforce/label/c.Save';
import Scope_help_not_saved from '@salesforce/label/c.Scope_help_not_saved';
import Scope_help_org from '@salesforce/label/c.Scope_help_org';
import Scope_help_saved from '@salesforce/label/c.Scope_help_saved';
import Scope_profile from '@salesforce/label/c.Scope_profile';
import Scope_title from '@salesforce/label/c.Scope_title';
import Scope_user from '@salesforce/label/c.Scope_user';
import Settings from '@salesforce/label/c.Settings';
import Settings_not_loaded from '@salesforce/label/c.Settings_not_loaded';
import Softphone from '@salesforce/label/c.Softphone';
import Softphone_settings from '@salesforce/label/c.Softphone_settings';
import Unsaved_change from '@salesforce/label/c.Unsaved_change';
import Unsaved_changes from '@salesforce/label/c.Unsaved_changes';
import You_need_the_Softphone_Admin_permission from '@salesforce/label/c.You_need_the_Softphone_Admin_permission';

const LABELS = {
  Cancel,
  Delete_this_level_all_its_values_inherit,
  Editing,
  How_levels_work,
  Insufficient_privileges,
  Keep,
  Last_change,
  Loading_the_softphone_settings,
  No_access,
  No_unsaved_change,
  Org_default,
  Reset,
  Reset_level_confirm,
  Reset_this_level,
  RingCentral_Open_CTI,
  Save,
  Scope_help_not_saved,
  Scope_help_org,
  Scope_help_saved,
  Scope_profile,
  Scope_title,
  Scope_user,
  Settings,
  Settings_not_loaded,
  Softphone,
  Softphone_settings,
  Unsaved_change,
  Unsaved_changes,
  You_need_the_Softphone_Admin_permission,
};
// /Custom Labels

const SCOPE_NAMES = { org: LABELS.Org_default, profile: LABELS.Scope_profile, user: LABELS.Scope_user };

/**
 * The softphone admin page (Softphone Admin tab): one level of the settings hierarchy (org default, a profile or a
 * user) in sections — matching, screen pop, logging, dispositions, log customization, agent phone — with where each
 * value comes from, locks of the settings agents choose, Save and Cancel, field errors of a save, the reset of a
 * level and the change history. Only users with the Softphone_Admin custom permission use it; others see
 * "Insufficient privileges" and nothing calls the server.
 *
 * Holds the server's level (`view`) and the admin's unsaved changes (`draft`); sections get the level as shown
 * (`level`, data down) and raise `settingchange`, `settingclear` and `lockchange` (events up). Apex:
 * SoftphoneAdminController (imperative calls; answers are envelopes `{ok, …}`).
 */
export default class SoftphoneAdmin extends LightningElement {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  view;
  draft = emptyDraft();
  errors = {};
  section = 'matching';
  loading = true;
  saving = false;
  denied = false;
  loadError;
  scopeOptions = [];
  searchingScopes = false;
  confirmingReset = false;
  searchTerm;

  get allowed() {
    return hasAdminPermission === true && !this.denied;
  }

  connectedCallback() {
    if (hasAdminPermission === true) {
      this.load('org', null);
    } else {
      this.loading = false;
    }
  }

  async load(scope, scopeId) {
    this.loading = true;
    this.loadError = undefined;
    try {
      const response = await getAdminSettings({ scope, scopeId });
      if (response.ok) {
        this.show(response);
      } else if (response.error && response.error.code === 'NO_ACCESS') {
        this.denied = true;
      } else {
        this.loadError = messageOf(response.error);
      }
    } catch (error) {
      this.loadError = messageOf(error);
    } finally {
      this.loading = false;
    }
  }

  show(view) {
    this.view = view;
    this.draft = emptyDraft();
    this.errors = {};
    this.confirmingReset = false;
  }

  get currentScope() {
    return this.view ? this.view.scope : 'org';
  }

  get loadErrorText() {
    return formatLabel(LABELS.Settings_not_loaded, this.loadError);
  }

  get resetConfirmText() {
    return formatLabel(LABELS.Reset_level_confirm, this.scopeTitle);
  }

  get currentScopeLabel() {
    return this.view ? this.view.scopeLabel : LABELS.Org_default;
  }

  get ready() {
    return this.allowed && Boolean(this.view);
  }

  /** The level as the sections show it: every setting as a row, the catalog, the scope. */
  get level() {
    if (!this.view) {
      return null;
    }
    const shown = shownLevel(this.view, this.draft);
    const rows = {};
    for (const key of Object.keys(this.view.settings)) {
      const source = sourceOf(shown.sources[key], this.view.scope);
      rows[key] = {
        key,
        value: shown.settings[key],
        sourceText: source.text,
        here: source.here,
        clearable: !(this.view.checkboxKeys || []).includes(key),
        error: this.errors[key] || null,
        locked: shown.locked.includes(key),
        lockState: shown.lockStates[key] || 'inherit',
        lockedAbove: (this.view.inheritedLocked || []).includes(key),
      };
    }
    return { scope: this.view.scope, rows, catalog: this.view.catalog };
  }

  get sections() {
    return SECTIONS.map((s) => ({
      ...s,
      label: s.keys.some((k) => this.errors[k]) ? `${s.label} (check)` : s.label,
    }));
  }

  get sectionLabel() {
    const section = SECTIONS.find((s) => s.name === this.section);
    return section ? section.label : '';
  }

  get isMatching() {
    return this.section === 'matching';
  }

  get isScreenPop() {
    return this.section === 'screenPop';
  }

  get isLogging() {
    return this.section === 'logging';
  }

  get isDispositions() {
    return this.section === 'dispositions';
  }

  get isLogFields() {
    return this.section === 'logFields';
  }

  get isAgentPhone() {
    return this.section === 'agentPhone';
  }

  get isDoNotCall() {
    return this.section === 'doNotCall';
  }

  get isHistory() {
    return this.section === 'history';
  }

  get scopeTitle() {
    if (!this.view) {
      return '';
    }
    return this.view.scope === 'org'
      ? SCOPE_NAMES.org
      : formatLabel(LABELS.Scope_title, SCOPE_NAMES[this.view.scope], this.view.scopeLabel);
  }

  get scopeHelp() {
    if (!this.view) {
      return '';
    }
    if (this.view.scope === 'org') {
      return LABELS.Scope_help_org;
    }
    return this.view.levelSaved ? LABELS.Scope_help_saved : LABELS.Scope_help_not_saved;
  }

  get canReset() {
    return Boolean(this.view && this.view.levelSaved) && !this.saving;
  }

  get dirty() {
    return hasChanges(this.draft);
  }

  get saveDisabled() {
    return !this.dirty || this.saving;
  }

  get cancelDisabled() {
    return !this.dirty || this.saving;
  }

  get changeCount() {
    return Object.keys(this.draft.settings).length + Object.keys(this.draft.locks).length + this.draft.clear.length;
  }

  get pendingText() {
    if (!this.dirty) {
      return LABELS.No_unsaved_change;
    }
    return formatLabel(this.changeCount === 1 ? LABELS.Unsaved_change : LABELS.Unsaved_changes, this.changeCount);
  }

  get auditEntries() {
    return (this.view && this.view.audit) || [];
  }

  get lastChange() {
    const last = this.auditEntries[0];
    return last ? `${last.changedBy} · ${last.summary}` : null;
  }

  get lastChangeAt() {
    const last = this.auditEntries[0];
    return last ? last.changedAt : null;
  }

  handleSection(event) {
    this.section = event.detail.name;
  }

  handleSettingChange(event) {
    const { key, value } = event.detail;
    this.draft = withValue(this.view, this.draft, key, value);
    this.clearError(key);
  }

  handleSettingClear(event) {
    this.draft = withCleared(this.view, this.draft, event.detail.key);
    this.clearError(event.detail.key);
  }

  handleLockChange(event) {
    this.draft = withLock(this.view, this.draft, event.detail.key, event.detail.state);
  }

  clearError(key) {
    if (this.errors[key]) {
      const errors = { ...this.errors };
      delete errors[key];
      this.errors = errors;
    }
  }

  handleCancel() {
    this.draft = emptyDraft();
    this.errors = {};
  }

  async handleSave() {
    if (this.saveDisabled) {
      return;
    }
    this.saving = true;
    try {
      const result = await saveAdminSettings({ request: saveRequest(this.view, this.draft) });
      if (result.ok) {
        const count = this.changeCount;
        this.show(result.view);
        this.toast(
          'success',
          'Softphone settings saved',
          `${this.scopeTitle}: ${count} change${count === 1 ? '' : 's'}.`,
        );
      } else {
        this.errors = errorsByKey(
          result.fieldErrors && result.fieldErrors.length ? result.fieldErrors : [result.error],
        );
        const first = Object.keys(this.errors).map(sectionOfKey).find(Boolean);
        if (first) {
          this.section = first;
        }
        this.toast('error', 'The settings were not saved', messageOf(result.error));
      }
    } catch (error) {
      this.toast('error', 'The settings were not saved', messageOf(error));
    } finally {
      this.saving = false;
    }
  }

  handleResetAsk() {
    this.confirmingReset = true;
  }

  handleResetKeep() {
    this.confirmingReset = false;
  }

  async handleResetConfirm() {
    this.saving = true;
    try {
      const result = await resetAdminSettings({ scope: this.view.scope, scopeId: this.view.scopeId });
      if (result.ok) {
        this.show(result);
        this.toast('success', 'Level reset', `${this.scopeTitle} now inherits every value.`);
      } else {
        this.toast('error', 'The level was not reset', messageOf(result.error));
      }
    } catch (error) {
      this.toast('error', 'The level was not reset', messageOf(error));
    } finally {
      this.saving = false;
      this.confirmingReset = false;
    }
  }

  async handleScopeSearch(event) {
    const { scope, term } = event.detail;
    this.searchTerm = term;
    this.searchingScopes = true;
    try {
      const result = await searchScopes({ scope, term });
      if (this.searchTerm === term) {
        this.scopeOptions = result.ok ? result.options : [];
      }
    } catch (error) {
      this.scopeOptions = [];
      this.toast('error', 'Search failed', messageOf(error));
    } finally {
      this.searchingScopes = false;
    }
  }

  handleScopeSelect(event) {
    const { scope, scopeId } = event.detail;
    this.scopeOptions = [];
    if (this.dirty) {
      this.toast('warning', 'Unsaved changes discarded', `The changes to ${this.scopeTitle} were not saved.`);
    }
    this.load(scope, scopeId);
  }

  toast(variant, title, message) {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}

/** The message of an envelope error, an Apex error (`body.message`) or an exception. */
function messageOf(error) {
  if (!error) {
    return 'Unknown error.';
  }
  if (error.body && error.body.message) {
    return error.body.message;
  }
  return error.message || String(error);
}
