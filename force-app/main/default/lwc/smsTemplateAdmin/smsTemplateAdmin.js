import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import listTemplates from '@salesforce/apex/SmsTemplateAdminController.listTemplates';
import saveTemplate from '@salesforce/apex/SmsTemplateAdminController.saveTemplate';
import deleteTemplate from '@salesforce/apex/SmsTemplateAdminController.deleteTemplate';
import previewImport from '@salesforce/apex/SmsTemplateAdminController.previewImport';
import applyImport from '@salesforce/apex/SmsTemplateAdminController.applyImport';
import exportTemplates from '@salesforce/apex/SmsTemplateAdminController.exportTemplates';
import { formatLabel } from 'c/labelFormat';
// Custom Labels (ADR 0032): the text in the user's language.
import Actions from '@salesforce/label/c.Actions';
import Active_offered_to_agents from '@salesforce/label/c.Active_offered_to_agents';
import Add_colon from '@salesforce/label/c.Add_colon';
import Cancel from '@salesforce/label/c.Cancel';
import Category from '@salesforce/label/c.Category';
import Change_colon from '@salesforce/label/c.Change_colon';
import Delete_name from '@salesforce/label/c.Delete_name';
import Edit_quoted from '@salesforce/label/c.Edit_quoted';
import Export_CSV from '@salesforce/label/c.Export_CSV';
import Export_JSON from '@salesforce/label/c.Export_JSON';
import Exported_file from '@salesforce/label/c.Exported_file';
import Import_a_file from '@salesforce/label/c.Import_a_file';
import Import_and_export from '@salesforce/label/c.Import_and_export';
import Import_one_template from '@salesforce/label/c.Import_one_template';
import Import_preview from '@salesforce/label/c.Import_preview';
import Import_preview_summary from '@salesforce/label/c.Import_preview_summary';
import Import_templates from '@salesforce/label/c.Import_templates';
import Importing from '@salesforce/label/c.Importing';
import Loading_templates_2 from '@salesforce/label/c.Loading_templates_2';
import Message from '@salesforce/label/c.Message';
import Name from '@salesforce/label/c.Name';
import New_org_template from '@salesforce/label/c.New_org_template';
import New_template from '@salesforce/label/c.New_template';
import No_org_template_contains from '@salesforce/label/c.No_org_template_contains';
import No_org_templates_yet from '@salesforce/label/c.No_org_templates_yet';
import SMS_templates_import_format from '@salesforce/label/c.SMS_templates_import_format';
import SMS_templates_intro from '@salesforce/label/c.SMS_templates_intro';
import SMS_templates_org_wide from '@salesforce/label/c.SMS_templates_org_wide';
import Salesforce_did_not_answer from '@salesforce/label/c.Salesforce_did_not_answer';
import Save from '@salesforce/label/c.Save';
import Saving from '@salesforce/label/c.Saving';
import Search_templates from '@salesforce/label/c.Search_templates';
import State from '@salesforce/label/c.State';
import Unchanged_colon from '@salesforce/label/c.Unchanged_colon';
import You_can_read_the_org_wide_templates_chan from '@salesforce/label/c.You_can_read_the_org_wide_templates_chan';

const LABELS = {
  Actions,
  Active_offered_to_agents,
  Add_colon,
  Cancel,
  Category,
  Change_colon,
  Delete_name,
  Edit_quoted,
  Export_CSV,
  Export_JSON,
  Exported_file,
  Import_a_file,
  Import_and_export,
  Import_one_template,
  Import_preview,
  Import_preview_summary,
  Import_templates,
  Importing,
  Loading_templates_2,
  Message,
  Name,
  New_org_template,
  New_template,
  No_org_template_contains,
  No_org_templates_yet,
  SMS_templates_import_format,
  SMS_templates_intro,
  SMS_templates_org_wide,
  Salesforce_did_not_answer,
  Save,
  Saving,
  Search_templates,
  State,
  Unchanged_colon,
  You_can_read_the_org_wide_templates_chan,
};
// /Custom Labels

/** Longest body: one RingCentral text message. */
export const MAX_BODY = 1000;
/** Largest file the server reads (characters). */
const MAX_FILE_CHARS = 600000;
const SCOPE = 'org';

/**
 * The org-wide SMS templates on the Softphone Admin tab (SmsTemplateAdminController, the envelopes of
 * docs/contracts/softphone-remote-api.md "SMS templates"): list with search, a form to create or change one (name,
 * category, message with its character count, active), delete, import and export.
 * Import: the chosen file is read in the browser as text and sent to the server, which parses it; the preview lists
 * what would be added, changed (with the fields) and kept, and how many templates the file does not name (never
 * deleted); "Import" applies exactly that, all or nothing. A broken file shows the server's "Line N: …" and changes
 * nothing. Export downloads the file the server writes. Without the Manage SMS Templates permission the component says
 * so and offers nothing to change.
 */
export default class SmsTemplateAdmin extends LightningElement {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  templates = [];
  canManage = false;
  loading = true;
  loadError;
  search = '';
  editing = null;
  fieldErrors = {};
  formError;
  saving = false;
  file = null;
  preview = null;
  importError;
  importing = false;
  lastExport;
  searchTimer;

  connectedCallback() {
    this.load();
  }

  disconnectedCallback() {
    clearTimeout(this.searchTimer);
  }

  async call(method, request) {
    let answer;
    try {
      answer = JSON.parse(await method({ request: JSON.stringify(request) }));
    } catch (error) {
      const message = (error && error.body && error.body.message) || (error && error.message);
      return { ok: false, error: { code: 'INTERNAL', message: message || LABELS.Salesforce_did_not_answer } };
    }
    return answer;
  }

  async load() {
    this.loading = true;
    const answer = await this.call(listTemplates, { search: this.search || null, includeInactive: true });
    this.loading = false;
    if (!answer.ok) {
      this.loadError = answer.error.message;
      return;
    }
    this.loadError = undefined;
    this.canManage = answer.canManageOrg === true;
    this.templates = answer.templates
      .filter((t) => t.scope === SCOPE)
      .map((t) => ({
        ...t,
        categoryLabel: t.category || '—',
        stateLabel: t.active ? 'Active' : 'Inactive',
        editLabel: `Edit ${t.name}`,
        deleteLabel: formatLabel(LABELS.Delete_name, t.name),
      }));
  }

  get introText() {
    return LABELS.SMS_templates_intro;
  }

  get formatText() {
    return LABELS.SMS_templates_import_format;
  }

  get hasTemplates() {
    return this.templates.length > 0;
  }

  get noTemplatesText() {
    return this.search ? formatLabel(LABELS.No_org_template_contains, this.search) : LABELS.No_org_templates_yet;
  }

  handleSearch(event) {
    this.search = (event.detail.value || '').trim();
    clearTimeout(this.searchTimer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.searchTimer = setTimeout(() => this.load(), 300);
  }

  // ------------------------------------------------------------------ form

  get formTitle() {
    return this.editing && this.editing.id
      ? formatLabel(LABELS.Edit_quoted, this.editing.originalName)
      : LABELS.New_org_template;
  }

  get bodyCount() {
    const length = this.editing ? (this.editing.body || '').length : 0;
    return `${length} / ${MAX_BODY}`;
  }

  get saveLabel() {
    return this.saving ? LABELS.Saving : LABELS.Save;
  }

  handleNew() {
    this.editing = { id: null, name: '', body: '', category: '', active: true, originalName: '' };
    this.fieldErrors = {};
    this.formError = undefined;
  }

  handleEdit(event) {
    const t = this.templates.find((x) => x.id === event.currentTarget.dataset.id);
    if (t) {
      this.editing = { ...t, category: t.category || '', originalName: t.name };
      this.fieldErrors = {};
      this.formError = undefined;
    }
  }

  handleCancel() {
    this.editing = null;
  }

  handleField(event) {
    const field = event.currentTarget.dataset.field;
    const value = field === 'active' ? event.detail.checked : event.detail.value;
    this.editing = { ...this.editing, [field]: value };
    this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
  }

  async handleSave() {
    if (this.saving) {
      return;
    }
    this.saving = true;
    const e = this.editing;
    const answer = await this.call(saveTemplate, {
      template: { id: e.id, name: e.name, body: e.body, category: e.category || null, active: e.active, scope: SCOPE },
    });
    this.saving = false;
    if (!answer.ok) {
      const field = (answer.error.field || '').replace('template.', '');
      if (['name', 'body', 'category'].includes(field)) {
        this.fieldErrors = { ...this.fieldErrors, [field]: answer.error.message };
      } else {
        this.formError = answer.error.message;
      }
      return;
    }
    this.editing = null;
    this.toast('Template saved', `"${answer.template.name}" is offered to every agent.`, 'success');
    await this.load();
  }

  async handleDelete(event) {
    const id = event.currentTarget.dataset.id;
    const answer = await this.call(deleteTemplate, { id });
    if (!answer.ok) {
      this.toast('Not deleted', answer.error.message, 'error');
      return;
    }
    this.toast('Template deleted', 'Agents are no longer offered it.', 'success');
    await this.load();
  }

  // ------------------------------------------------------------------ import

  get formatOfFile() {
    return this.file ? this.file.format : null;
  }

  get hasPreview() {
    return Boolean(this.preview);
  }

  get previewAdded() {
    return (this.preview ? this.preview.added : []).map((a) => ({
      key: `a-${a.name}`,
      text: a.line ? `${a.name} (line ${a.line})` : a.name,
    }));
  }

  get previewChanged() {
    return (this.preview ? this.preview.changed : []).map((c) => ({
      key: `c-${c.name}`,
      text: `${c.name}: ${c.fields.join(', ')}`,
    }));
  }

  get previewKept() {
    return (this.preview ? this.preview.kept : []).map((name) => ({ key: `k-${name}`, text: name }));
  }

  get previewSummary() {
    if (!this.preview) {
      return '';
    }
    const p = this.preview;
    return formatLabel(LABELS.Import_preview_summary, p.added.length, p.changed.length, p.kept.length, p.untouched);
  }

  get importDisabled() {
    return this.importing || !this.preview || this.preview.added.length + this.preview.changed.length === 0;
  }

  get importLabel() {
    if (this.importing) {
      return LABELS.Importing;
    }
    const n = this.preview ? this.preview.added.length + this.preview.changed.length : 0;
    return formatLabel(n === 1 ? LABELS.Import_one_template : LABELS.Import_templates, n);
  }

  async handleFile(event) {
    const chosen = event.detail.files && event.detail.files[0];
    this.preview = null;
    this.importError = undefined;
    this.file = null;
    if (!chosen) {
      return;
    }
    const name = chosen.name || '';
    const format = /\.json$/i.test(name) ? 'json' : /\.csv$/i.test(name) ? 'csv' : null;
    if (!format) {
      this.importError = 'Choose a .csv or .json file.';
      return;
    }
    if (chosen.size > MAX_FILE_CHARS * 4) {
      this.importError = 'The file is too large: at most 600,000 characters.';
      return;
    }
    let content;
    try {
      content = await chosen.text();
    } catch {
      this.importError = 'The file could not be read.';
      return;
    }
    this.file = { name, format, content };
    const answer = await this.call(previewImport, { format, content, scope: SCOPE });
    if (!answer.ok) {
      this.importError = answer.error.message;
      return;
    }
    this.preview = answer;
  }

  handleCancelImport() {
    this.file = null;
    this.preview = null;
    this.importError = undefined;
  }

  async handleImport() {
    if (this.importDisabled) {
      return;
    }
    this.importing = true;
    const answer = await this.call(applyImport, {
      format: this.file.format,
      content: this.file.content,
      scope: SCOPE,
    });
    this.importing = false;
    if (!answer.ok) {
      this.importError = answer.error.message;
      return;
    }
    this.file = null;
    this.preview = null;
    this.toast(
      'Templates imported',
      `${answer.added} added, ${answer.changed} changed, ${answer.kept} unchanged; nothing deleted.`,
      'success',
    );
    await this.load();
  }

  // ------------------------------------------------------------------ export

  async handleExport(event) {
    const format = event.currentTarget.dataset.format;
    const answer = await this.call(exportTemplates, { format, scope: SCOPE });
    if (!answer.ok) {
      this.toast('Not exported', answer.error.message, 'error');
      return;
    }
    const type = format === 'json' ? 'application/json' : 'text/csv';
    const link = document.createElement('a');
    link.href = `data:${type};charset=utf-8,${encodeURIComponent(answer.content)}`;
    link.download = answer.fileName;
    link.click();
    this.lastExport = formatLabel(LABELS.Exported_file, answer.fileName, answer.count);
  }

  toast(title, message, variant) {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
