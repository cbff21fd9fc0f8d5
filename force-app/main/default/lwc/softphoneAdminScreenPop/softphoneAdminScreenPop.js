import SoftphoneAdminSection from 'c/softphoneAdminSection';
// Custom Labels (ADR 0032): the text in the user's language.
import Click_to_dial_never_opens_a_record_the_a from '@salesforce/label/c.Click_to_dial_never_opens_a_record_the_a';
import Never from '@salesforce/label/c.Never';
import Open_the_caller_s_record_for_incoming_ca from '@salesforce/label/c.Open_the_caller_s_record_for_incoming_ca';
import Pop_dialled_record from '@salesforce/label/c.Pop_dialled_record';
import Pop_first_match_priority from '@salesforce/label/c.Pop_first_match_priority';
import Pop_new_Contact_number from '@salesforce/label/c.Pop_new_Contact_number';
import Pop_new_Lead_number from '@salesforce/label/c.Pop_new_Lead_number';
import Pop_nothing from '@salesforce/label/c.Pop_nothing';
import Pop_nothing_agent_picks from '@salesforce/label/c.Pop_nothing_agent_picks';
import Pop_search_page from '@salesforce/label/c.Pop_search_page';
import Pop_when_answered from '@salesforce/label/c.Pop_when_answered';
import Pop_while_ringing from '@salesforce/label/c.Pop_while_ringing';
import When_no_record_matches_an_incoming_call from '@salesforce/label/c.When_no_record_matches_an_incoming_call';
import When_several_records_match_open from '@salesforce/label/c.When_several_records_match_open';

const LABELS = {
  Click_to_dial_never_opens_a_record_the_a,
  Never,
  Open_the_caller_s_record_for_incoming_ca,
  Pop_dialled_record,
  Pop_first_match_priority,
  Pop_new_Contact_number,
  Pop_new_Lead_number,
  Pop_nothing,
  Pop_nothing_agent_picks,
  Pop_search_page,
  Pop_when_answered,
  Pop_while_ringing,
  When_no_record_matches_an_incoming_call,
  When_several_records_match_open,
};
// /Custom Labels

const MOMENTS = [
  { label: LABELS.Pop_while_ringing, value: 'ringing' },
  { label: LABELS.Pop_when_answered, value: 'answer' },
  { label: LABELS.Never, value: 'off' },
];

/**
 * Screen pop: when the record of an incoming call and of a dialled number opens, what opens when several records
 * match, and what opens when no record matches an incoming call — each an agent setting the admin can lock.
 */
export default class SoftphoneAdminScreenPop extends SoftphoneAdminSection {
  /** The component's Custom Labels in the user's language (`{labels.<Name>}` in the template). */
  labels = LABELS;
  get momentOptions() {
    return MOMENTS;
  }

  get multipleOptions() {
    return [
      { label: LABELS.Pop_search_page, value: 'search' },
      { label: LABELS.Pop_first_match_priority, value: 'first' },
      { label: LABELS.Pop_nothing_agent_picks, value: 'none' },
    ];
  }

  get noMatchOptions() {
    return [
      { label: LABELS.Pop_new_Contact_number, value: 'newContact' },
      { label: LABELS.Pop_new_Lead_number, value: 'newLead' },
      { label: LABELS.Pop_search_page, value: 'search' },
      { label: LABELS.Pop_nothing, value: 'none' },
    ];
  }
}
