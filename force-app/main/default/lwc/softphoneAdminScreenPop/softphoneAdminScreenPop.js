import SoftphoneAdminSection from 'c/softphoneAdminSection';
// Custom Labels (ADR 0032): the text in the user's language.
import Open_the_caller_s_record_for_incoming_ca from '@salesforce/label/c.Open_the_caller_s_record_for_incoming_ca';
import Pop_dialled_record from '@salesforce/label/c.Pop_dialled_record';
import When_no_record_matches_an_incoming_call from '@salesforce/label/c.When_no_record_matches_an_incoming_call';
import When_several_records_match_open from '@salesforce/label/c.When_several_records_match_open';

const LABELS = {
  Open_the_caller_s_record_for_incoming_ca,
  Pop_dialled_record,
  When_no_record_matches_an_incoming_call,
  When_several_records_match_open,
};
// /Custom Labels

const MOMENTS = [
  { label: 'While it rings', value: 'ringing' },
  { label: 'When answered', value: 'answer' },
  { label: 'Never', value: 'off' },
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
      { label: 'The search page for the number', value: 'search' },
      { label: 'The first match (object priority, newest first)', value: 'first' },
      { label: 'Nothing: the agent picks in the softphone', value: 'none' },
    ];
  }

  get noMatchOptions() {
    return [
      { label: 'A new Contact with the number', value: 'newContact' },
      { label: 'A new Lead with the number', value: 'newLead' },
      { label: 'The search page for the number', value: 'search' },
      { label: "Nothing (don't pop)", value: 'none' },
    ];
  }
}
