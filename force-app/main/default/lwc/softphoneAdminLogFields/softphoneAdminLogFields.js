import SoftphoneAdminSection from 'c/softphoneAdminSection';
// Custom Labels (ADR 0032): the text in the user's language.
import Agents_must_fill from '@salesforce/label/c.Agents_must_fill';
import Available_fields from '@salesforce/label/c.Available_fields';
import Field_type_date from '@salesforce/label/c.Field_type_date';
import Field_type_picklist from '@salesforce/label/c.Field_type_picklist';
import Field_type_text from '@salesforce/label/c.Field_type_text';
import Field_type_text_area from '@salesforce/label/c.Field_type_text_area';
import Selected_fields_in_form_order from '@salesforce/label/c.Selected_fields_in_form_order';
import Task_fields_on_the_call_log_form from '@salesforce/label/c.Task_fields_on_the_call_log_form';
import The_call_log_form_shows from '@salesforce/label/c.The_call_log_form_shows';
import To_offer_a_new_field_create_it_on_Activi from '@salesforce/label/c.To_offer_a_new_field_create_it_on_Activi';

const LABELS = {
  Agents_must_fill,
  Available_fields,
  Field_type_date,
  Field_type_picklist,
  Field_type_text,
  Field_type_text_area,
  Selected_fields_in_form_order,
  Task_fields_on_the_call_log_form,
  The_call_log_form_shows,
  To_offer_a_new_field_create_it_on_Activi,
};
// /Custom Labels

const TYPE_LABELS = {
  string: LABELS.Field_type_text,
  textarea: LABELS.Field_type_text_area,
  picklist: LABELS.Field_type_picklist,
  date: LABELS.Field_type_date,
};

/**
 * Log customization: the Task fields (Text, Text Area, Picklist, Date; found by describe, without the fields the
 * softphone fills itself) that the call log form shows after notes and disposition, in order, and which of them
 * agents must fill.
 */
export default class SoftphoneAdminLogFields extends SoftphoneAdminSection {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  get selectedFields() {
    const row = this.rows.logFields;
    return row && Array.isArray(row.value) ? row.value : [];
  }

  get fieldOptions() {
    const catalog = (this.level && this.level.catalog && this.level.catalog.logFields) || [];
    const options = catalog.map((f) => ({ label: `${f.label} · ${TYPE_LABELS[f.type] || f.type}`, value: f.apiName }));
    for (const f of this.selectedFields) {
      if (!options.some((o) => o.value === f.apiName)) {
        options.push({ label: `${f.label} · ${TYPE_LABELS[f.type] || f.type}`, value: f.apiName });
      }
    }
    return options;
  }

  get selectedNames() {
    return this.selectedFields.map((f) => f.apiName);
  }

  get hasSelected() {
    return this.selectedFields.length > 0;
  }

  get requiredOptions() {
    return this.selectedFields.map((f) => ({ label: f.label, value: f.apiName }));
  }

  get requiredNames() {
    return this.selectedFields.filter((f) => f.required).map((f) => f.apiName);
  }

  get formPreview() {
    const extra = this.selectedFields.map((f) => (f.required ? `${f.label} (required)` : f.label));
    return ['Subject', 'Notes', 'Disposition', ...extra, 'Name', 'Related To'].join(' · ');
  }

  handleFields(event) {
    const catalog = (this.level && this.level.catalog && this.level.catalog.logFields) || [];
    const known = new Map([...catalog, ...this.selectedFields].map((f) => [f.apiName, f]));
    const previous = new Map(this.selectedFields.map((f) => [f.apiName, f]));
    const fields = [...event.detail.value].map((apiName) => {
      const field = known.get(apiName) || { apiName, label: apiName, type: 'string' };
      return { ...field, required: previous.has(apiName) ? previous.get(apiName).required : false };
    });
    this.change('logFields', fields);
  }

  handleRequired(event) {
    const required = new Set(event.detail.value);
    this.change(
      'logFields',
      this.selectedFields.map((f) => ({ ...f, required: required.has(f.apiName) })),
    );
  }
}
