import { LightningElement, api } from 'lwc';

const LEVELS = { org: 'Org default', profile: 'Profile', user: 'User' };

/**
 * Change history: the latest changes of the softphone settings (Softphone Settings Change records) — when, who, which
 * level and what changed. Data down: `entries` (`[{ id, changedAt, changedBy, scope, scopeLabel, summary }]`).
 */
export default class SoftphoneAdminHistory extends LightningElement {
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
