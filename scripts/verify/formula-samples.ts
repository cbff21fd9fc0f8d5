import type { FormulaSamples } from './checks/formulas';

/**
 * What each formula field of the package returns for typical records, checked by `npm test` (step `formulas`)
 * by evaluating the formula with formulon. Every formula field needs at least one sample; blank is `null`.
 */
export const FORMULA_SAMPLES: FormulaSamples = {
  'Activity.Call_Recording__c': [
    { name: 'call not recorded', record: { Recording_Information__c: null }, expect: { blank: true } },
    {
      name: 'recording available',
      record: {
        Recording_Information__c: 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/4015371028/content',
      },
      expect: {
        hyperlink: {
          url: 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/4015371028/content',
          label: 'Play recording',
          target: '_blank',
        },
      },
    },
  ],
};
