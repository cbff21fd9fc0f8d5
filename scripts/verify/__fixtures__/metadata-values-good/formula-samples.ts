import type { FormulaSamples } from '../../checks/formulas';

/** Samples for the clean fixture: the formula as Salesforce retrieves it. */
export const FORMULA_SAMPLES: FormulaSamples = {
  'Activity.Call_Recording__c': [
    { name: 'call not recorded', record: { Recording_Information__c: null }, expect: { blank: true } },
    {
      name: 'recording available',
      record: { Recording_Information__c: 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/2/content' },
      expect: {
        hyperlink: {
          url: 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/2/content',
          label: 'Play recording',
          target: '_blank',
        },
      },
    },
  ],
  'Task.Recording_Link_Is_RingCentral_Media': [
    { name: 'RingCentral media', record: { Recording_Information__c: 'https://media.ringcentral.com/r/1' }, expect: { rejected: false } },
    { name: 'another host', record: { Recording_Information__c: 'https://evil.example.com/r/1' }, expect: { rejected: true } },
    {
      name: 'an old link left alone',
      record: { Recording_Information__c: 'https://evil.example.com/r/1' },
      save: { isNew: false, changed: [] },
      expect: { rejected: false },
    },
  ],
};
