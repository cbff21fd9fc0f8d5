import { LightningElement, api } from 'lwc';
// Custom Labels (ADR 0032): the text in the user's language.
import Latest_changes_of_the_softphone_settings from '@salesforce/label/c.Latest_changes_of_the_softphone_settings';
import Level from '@salesforce/label/c.Level';
import No_change_yet from '@salesforce/label/c.No_change_yet';
import What_changed from '@salesforce/label/c.What_changed';
import When from '@salesforce/label/c.When';
import Who from '@salesforce/label/c.Who';

const LABELS = { Latest_changes_of_the_softphone_settings, Level, No_change_yet, What_changed, When, Who };
// /Custom Labels

const LEVELS = { org: 'Org default', profile: 'Profile', user: 'User' };

/**
 * Change history: the latest changes of the softphone settings (Softphone Settings Change records) — when, who, which
 * level and what changed. Data down: `entries` (`[{ id, changedAt, changedBy, scope, scopeLabel, summary }]`).
 */
export default class SoftphoneAdminHistory extends LightningElement {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  @api entries = [];

  get rows() {
    return (this.entries || []).map((e) => ({
      ...e,
      level: e.scope === 'org' ? LEVELS.org : `${LEVELS[e.scope] || e.scope}: ${e.scopeLabel || ''}`,
    }));
  }

  get isEmpty() {
    return this.rows.length === 0;
  }
}
