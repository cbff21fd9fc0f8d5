import SoftphoneAdminSection from 'c/softphoneAdminSection';
import { objectsInPriorityOrder } from 'c/softphoneAdminModel';

/**
 * Matching: which objects are searched for a caller, in priority order (standard objects and custom objects with a
 * field of type Phone, found by describe), person-account association, Related To autofill for click-to-dial,
 * selecting a single match, and the country of numbers typed without a country code.
 */
export default class SoftphoneAdminMatching extends SoftphoneAdminSection {
  get objectOptions() {
    const catalog = (this.level && this.level.catalog && this.level.catalog.matchObjects) || [];
    return catalog.map((o) => ({ label: o.custom ? `${o.label} (custom)` : o.label, value: o.apiName }));
  }

  get objectsInOrder() {
    return objectsInPriorityOrder({
      matchObjects: this.rows.matchObjects ? this.rows.matchObjects.value : [],
      objectPriority: this.rows.objectPriority ? this.rows.objectPriority.value : [],
    });
  }

  get personAccountOptions() {
    return [
      { label: "Name (the person account's contact)", value: 'name' },
      { label: 'Related To (the account)', value: 'relatedTo' },
    ];
  }

  handleObjects(event) {
    const objects = [...event.detail.value];
    this.change('matchObjects', objects);
    this.change('objectPriority', objects);
  }

  handleRegion(event) {
    this.change('defaultRegion', (event.detail.value || '').trim().toUpperCase());
  }
}
