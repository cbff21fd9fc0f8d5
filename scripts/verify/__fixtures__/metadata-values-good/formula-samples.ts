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
};
