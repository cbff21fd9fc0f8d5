import type { FormulaSamples } from '../../checks/formulas';

/** Known-bad: the recording samples meet a formula the formatter rewrote; Call_Minutes__c has none; a stale key. */
export const FORMULA_SAMPLES: FormulaSamples = {
  'Activity.Call_Recording__c': [
    { name: 'call not recorded', record: { Recording_Information__c: null }, expect: { blank: true } },
    {
      name: 'recording available',
      record: { Recording_Information__c: 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/1/content' },
      expect: {
        hyperlink: {
          url: 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/1/content',
          label: 'Play recording',
          target: '_blank',
        },
      },
    },
  ],
  'Activity.Caller_Initials__c': [
    { name: 'any', record: { Recording_Information__c: 'ann lee' }, expect: { text: 'Ann Lee' } },
  ],
  'Activity.Removed_Formula__c': [{ name: 'gone', record: {}, expect: { blank: true } }],
};
