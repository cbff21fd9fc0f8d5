import SoftphoneAdminSection from 'c/softphoneAdminSection';

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
