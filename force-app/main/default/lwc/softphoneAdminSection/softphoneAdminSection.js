import { LightningElement, api } from 'lwc';

/**
 * Base class of the admin page's sections (data down, events up). A section gets the shown level as `level`
 * (`{ scope, rows: { <key>: { key, value, sourceText, here, clearable, error, locked, lockState, lockedAbove } },
 * catalog }`) and raises `settingchange` (`{ key, value }`), and forwards `settingclear` (`{ key }`) and
 * `lockchange` (`{ key, state }`) from its rows. Events are not bubbling: the page listens on each section.
 */
export default class SoftphoneAdminSection extends LightningElement {
  @api level;

  get rows() {
    return (this.level && this.level.rows) || {};
  }

  get scope() {
    return this.level ? this.level.scope : 'org';
  }

  /** A control changed: `data-key` names the setting; toggles and checkboxes send `checked`. */
  handleValue(event) {
    const key = event.target.dataset.key;
    const checkbox = event.target.type === 'toggle' || event.target.type === 'checkbox';
    this.change(key, checkbox ? event.detail.checked : event.detail.value);
  }

  /** Re-raises a row's `settingclear` or `lockchange` from the section itself. */
  forward(event) {
    event.stopPropagation();
    this.dispatchEvent(new CustomEvent(event.type, { detail: { ...event.detail } }));
  }

  change(key, value) {
    this.dispatchEvent(new CustomEvent('settingchange', { detail: { key, value } }));
  }
}
