import { LightningElement, api } from 'lwc';
// Custom Labels (ADR 0032): the text in the user's language.
import Use_inherited_value from '@salesforce/label/c.Use_inherited_value';

const LABELS = { Use_inherited_value };
// /Custom Labels

/**
 * One setting on the admin page: the control (slot), where its value comes from ("Set at this level" or "From the org
 * default"), a "Use inherited value" action for a value this level sets, and the field error of the last save.
 * Data down: `row` (`{ key, sourceText, here, clearable, error }`). Events up: `settingclear` (`{ key }`), which
 * bubbles to the section that holds the row (not composed: it stops at the section's shadow root).
 */
export default class SoftphoneAdminSetting extends LightningElement {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  @api row;
  @api help;

  get containerClass() {
    return this.row && this.row.error
      ? 'slds-form-element slds-has-error slds-m-bottom_medium'
      : 'slds-form-element slds-m-bottom_medium';
  }

  get sourceClass() {
    return this.row && this.row.here
      ? 'slds-text-body_small softphone-source softphone-source_here'
      : 'slds-text-body_small slds-text-color_weak softphone-source';
  }

  get key() {
    return this.row ? this.row.key : null;
  }

  get sourceText() {
    return this.row ? this.row.sourceText : '';
  }

  get showClear() {
    return Boolean(this.row && this.row.here && this.row.clearable);
  }

  get error() {
    return this.row ? this.row.error : null;
  }

  handleClear() {
    this.dispatchEvent(new CustomEvent('settingclear', { detail: { key: this.row.key }, bubbles: true }));
  }
}
