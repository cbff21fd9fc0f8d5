import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/labelFormat';
// Custom Labels (ADR 0032): the text in the user's language.
import Agents_see_this_value_read_only from '@salesforce/label/c.Agents_see_this_value_read_only';
import Can_agents_change_it from '@salesforce/label/c.Can_agents_change_it';
import Lock_editable from '@salesforce/label/c.Lock_editable';
import Lock_inherit from '@salesforce/label/c.Lock_inherit';
import Lock_locked from '@salesforce/label/c.Lock_locked';
import Lock_state_agents_choose from '@salesforce/label/c.Lock_state_agents_choose';
import Lock_state_locked from '@salesforce/label/c.Lock_state_locked';
import Locked from '@salesforce/label/c.Locked';

const LABELS = {
  Agents_see_this_value_read_only,
  Can_agents_change_it,
  Lock_editable,
  Lock_inherit,
  Lock_locked,
  Lock_state_agents_choose,
  Lock_state_locked,
  Locked,
};
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
    const locked = { label: LABELS.Lock_locked, value: 'locked' };
    const free = { label: LABELS.Lock_editable, value: 'unlocked' };
    if (this.scope === 'org') {
      return [free, locked];
    }
    const inherited = this.row && this.row.lockedAbove ? LABELS.Lock_state_locked : LABELS.Lock_state_agents_choose;
    return [{ label: formatLabel(LABELS.Lock_inherit, inherited), value: 'inherit' }, free, locked];
  }

  get value() {
    const state = this.row ? this.row.lockState : 'inherit';
    return this.scope === 'org' && state === 'inherit' ? 'unlocked' : state;
  }

  get key() {
    return this.row ? this.row.key : null;
  }

  get label() {
    return LABELS.Can_agents_change_it;
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
