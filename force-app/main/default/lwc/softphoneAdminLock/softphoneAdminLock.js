import { LightningElement, api } from 'lwc';
// Custom Labels (ADR 0032): the text in the user's language.
import Agents_see_this_value_read_only from '@salesforce/label/c.Agents_see_this_value_read_only';
import Locked from '@salesforce/label/c.Locked';

const LABELS = { Agents_see_this_value_read_only, Locked };
// /Custom Labels

/**
 * The lock of one user-level setting at the shown level: agents choose the value themselves (the value set here is
 * their default), or the value is locked and the softphone shows it read-only ("Set by your admin"). At a profile or
 * user level the lock can also follow the levels above. Data down: `row` (`{ key, lockState, lockedAbove, locked }`)
 * and `scope`. Events up: `lockchange` (`{ key, state }`: `locked`, `unlocked` or `inherit`), bubbling to the section.
 */
export default class SoftphoneAdminLock extends LightningElement {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  @api row;
  @api scope;

  get options() {
    const locked = { label: 'No: locked, shown read-only', value: 'locked' };
    const free = { label: "Yes, on the softphone's Settings tab", value: 'unlocked' };
    if (this.scope === 'org') {
      return [free, locked];
    }
    const inherited = this.row && this.row.lockedAbove ? 'locked' : 'agents choose';
    return [{ label: `As the levels above (${inherited})`, value: 'inherit' }, free, locked];
  }

  get value() {
    const state = this.row ? this.row.lockState : 'inherit';
    return this.scope === 'org' && state === 'inherit' ? 'unlocked' : state;
  }

  get key() {
    return this.row ? this.row.key : null;
  }

  get label() {
    return 'Can agents change it?';
  }

  get isLocked() {
    return Boolean(this.row && this.row.locked);
  }

  handleChange(event) {
    const picked = event.detail.value;
    const state = this.scope === 'org' && picked === 'unlocked' ? 'inherit' : picked;
    this.dispatchEvent(new CustomEvent('lockchange', { detail: { key: this.row.key, state }, bubbles: true }));
  }
}
