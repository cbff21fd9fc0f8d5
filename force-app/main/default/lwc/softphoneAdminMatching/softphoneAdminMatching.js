import SoftphoneAdminSection from 'c/softphoneAdminSection';
import { objectsInPriorityOrder } from 'c/softphoneAdminModel';
// Custom Labels (ADR 0032): the text in the user's language.
import Associate_call_and_SMS_logs_with_person from '@salesforce/label/c.Associate_call_and_SMS_logs_with_person';
import Autofill_Related_To_in_call_logs_for_cli from '@salesforce/label/c.Autofill_Related_To_in_call_logs_for_cli';
import Available_objects from '@salesforce/label/c.Available_objects';
import Country_of_numbers_typed_without_a_count from '@salesforce/label/c.Country_of_numbers_typed_without_a_count';
import Objects_searched_for_callers_highest_pri from '@salesforce/label/c.Objects_searched_for_callers_highest_pri';
import Person_account_name from '@salesforce/label/c.Person_account_name';
import Person_account_related from '@salesforce/label/c.Person_account_related';
import Searched_in_priority_order from '@salesforce/label/c.Searched_in_priority_order';
import Select_the_record_when_exactly_one_match from '@salesforce/label/c.Select_the_record_when_exactly_one_match';
import The_softphone_searches_fields_of_type_Ph from '@salesforce/label/c.The_softphone_searches_fields_of_type_Ph';

const LABELS = {
  Associate_call_and_SMS_logs_with_person,
  Autofill_Related_To_in_call_logs_for_cli,
  Available_objects,
  Country_of_numbers_typed_without_a_count,
  Objects_searched_for_callers_highest_pri,
  Person_account_name,
  Person_account_related,
  Searched_in_priority_order,
  Select_the_record_when_exactly_one_match,
  The_softphone_searches_fields_of_type_Ph,
};
// /Custom Labels

/**
 * Matching: which objects are searched for a caller, in priority order (standard objects and custom objects with a
 * field of type Phone, found by describe), person-account association, Related To autofill for click-to-dial,
 * selecting a single match, and the country of numbers typed without a country code.
 */
export default class SoftphoneAdminMatching extends SoftphoneAdminSection {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
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
      { label: LABELS.Person_account_name, value: 'name' },
      { label: LABELS.Person_account_related, value: 'relatedTo' },
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
