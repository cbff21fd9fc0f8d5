import { LightningElement, api } from 'lwc';
// Custom Labels (ADR 0032): the text in the user's language.
import Find_a_profile from '@salesforce/label/c.Find_a_profile';
import Find_a_user from '@salesforce/label/c.Find_a_user';
import Kind_profile from '@salesforce/label/c.Kind_profile';
import Kind_user from '@salesforce/label/c.Kind_user';
import No_match_2 from '@salesforce/label/c.No_match_2';
import Org_default from '@salesforce/label/c.Org_default';
import Settings_for from '@salesforce/label/c.Settings_for';

const LABELS = { Find_a_profile, Find_a_user, Kind_profile, Kind_user, No_match_2, Org_default, Settings_for };
// /Custom Labels

const MIN_TERM = 2;

/**
 * Which level of the settings hierarchy the page edits: the org default, a profile or a user (the hierarchy of the
 * Softphone Settings custom setting). For a profile or user the admin types part of a name and picks one.
 * Data down: `scope`, `scopeLabel`, `options` (search results `[{ id, label, detail }]`), `searching`.
 * Events up: `scopesearch` (`{ scope, term }`, 2 characters or more) and `scopeselect` (`{ scope, scopeId, label }`;
 * `scopeId` null for the org default).
 */
export default class SoftphoneAdminScope extends LightningElement {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  @api scope = 'org';
  @api scopeLabel;
  @api options = [];
  @api searching = false;

  /** The kind of level picked in this component (before a profile or user is chosen). */
  kind;
  term = '';

  get shownKind() {
    return this.kind || this.scope;
  }

  get kindOptions() {
    return [
      { label: LABELS.Org_default, value: 'org' },
      { label: LABELS.Kind_profile, value: 'profile' },
      { label: LABELS.Kind_user, value: 'user' },
    ];
  }

  get isSearching() {
    return this.shownKind !== 'org';
  }

  get searchLabel() {
    return this.shownKind === 'profile' ? LABELS.Find_a_profile : LABELS.Find_a_user;
  }

  get hasOptions() {
    return this.isSearching && this.term.length >= MIN_TERM && (this.options || []).length > 0;
  }

  get noResults() {
    return this.isSearching && this.term.length >= MIN_TERM && !this.searching && (this.options || []).length === 0;
  }

  handleKind(event) {
    this.kind = event.detail.value;
    this.term = '';
    if (this.kind === 'org') {
      this.dispatchEvent(
        new CustomEvent('scopeselect', { detail: { scope: 'org', scopeId: null, label: LABELS.Org_default } }),
      );
    }
  }

  handleTerm(event) {
    this.term = `${event.detail.value || ''}`.trim();
    if (this.term.length >= MIN_TERM) {
      this.dispatchEvent(new CustomEvent('scopesearch', { detail: { scope: this.shownKind, term: this.term } }));
    }
  }

  handlePickKey(event) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.handlePick(event);
    }
  }

  handlePick(event) {
    const { id, label } = event.currentTarget.dataset;
    this.term = '';
    this.dispatchEvent(new CustomEvent('scopeselect', { detail: { scope: this.shownKind, scopeId: id, label } }));
  }
}
