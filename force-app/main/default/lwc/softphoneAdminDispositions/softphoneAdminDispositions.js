import SoftphoneAdminSection from 'c/softphoneAdminSection';
import { formatLabel } from 'c/labelFormat';
// Custom Labels (ADR 0032): the text in the user's language.
import Agents_choose_from from '@salesforce/label/c.Agents_choose_from';
import Agents_must_choose_a_disposition_before from '@salesforce/label/c.Agents_must_choose_a_disposition_before';
import Dispositions from '@salesforce/label/c.Dispositions';
import Dispositions_come_from from '@salesforce/label/c.Dispositions_come_from';
import Dispositions_picklist from '@salesforce/label/c.Dispositions_picklist';
import Dispositions_typed_here from '@salesforce/label/c.Dispositions_typed_here';
import HVS_package_field_only from '@salesforce/label/c.HVS_package_field_only';
import One_disposition_per_line_80_characters_a from '@salesforce/label/c.One_disposition_per_line_80_characters_a';
import Sales_Engagement_High_Velocity_Sales_mod from '@salesforce/label/c.Sales_Engagement_High_Velocity_Sales_mod';
import Task_field_that_also_receives_the_Sales from '@salesforce/label/c.Task_field_that_also_receives_the_Sales';
import Task_picklist from '@salesforce/label/c.Task_picklist';
import With_Sales_Engagement_a_call_from_a_cade from '@salesforce/label/c.With_Sales_Engagement_a_call_from_a_cade';

const LABELS = {
  Agents_choose_from,
  Agents_must_choose_a_disposition_before,
  Dispositions,
  Dispositions_come_from,
  Dispositions_picklist,
  Dispositions_typed_here,
  HVS_package_field_only,
  One_disposition_per_line_80_characters_a,
  Sales_Engagement_High_Velocity_Sales_mod,
  Task_field_that_also_receives_the_Sales,
  Task_picklist,
  With_Sales_Engagement_a_call_from_a_cade,
};
// /Custom Labels

/**
 * Dispositions: the values agents choose from — a typed list, or the active values of a Task picklist — whether one is
 * required, and Sales Engagement (High Velocity Sales) mode with the Task field that receives its disposition.
 */
export default class SoftphoneAdminDispositions extends SoftphoneAdminSection {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  get usesPicklist() {
    const row = this.rows.dispositionField;
    return Boolean(row && row.value);
  }

  get sourceOptions() {
    return [
      { label: LABELS.Dispositions_typed_here, value: 'list' },
      { label: LABELS.Dispositions_picklist, value: 'picklist' },
    ];
  }

  get sourceValue() {
    return this.usesPicklist ? 'picklist' : 'list';
  }

  get picklistOptions() {
    const fields = (this.level && this.level.catalog && this.level.catalog.picklistFields) || [];
    return fields.map((f) => ({ label: `${f.label} (${f.apiName})`, value: f.apiName }));
  }

  get picklistText() {
    return formatLabel(LABELS.Agents_choose_from, this.picklistValues);
  }

  get picklistValues() {
    const fields = (this.level && this.level.catalog && this.level.catalog.picklistFields) || [];
    const chosen = fields.find((f) => this.rows.dispositionField && f.apiName === this.rows.dispositionField.value);
    return chosen ? (chosen.picklistValues || []).join(', ') : '';
  }

  get dispositionText() {
    const row = this.rows.dispositions;
    return row && Array.isArray(row.value) ? row.value.join('\n') : '';
  }

  get hvsFieldOptions() {
    const fields = (this.level && this.level.catalog && this.level.catalog.logFields) || [];
    return [
      { label: LABELS.HVS_package_field_only, value: '' },
      ...fields
        .filter((f) => f.type === 'string' || f.type === 'picklist')
        .map((f) => ({ label: `${f.label} (${f.apiName})`, value: f.apiName })),
    ];
  }

  get hvsFieldValue() {
    return (this.rows.hvsDispositionField && this.rows.hvsDispositionField.value) || '';
  }

  get isHvs() {
    return Boolean(this.rows.hvsMode && this.rows.hvsMode.value);
  }

  handleSource(event) {
    if (event.detail.value === 'list') {
      this.change('dispositionField', '');
    } else {
      const first = this.picklistOptions[0];
      this.change('dispositionField', first ? first.value : '');
    }
  }

  handleList(event) {
    const values = `${event.detail.value || ''}`
      .split('\n')
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
    this.change('dispositions', values);
  }
}
