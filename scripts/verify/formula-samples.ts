import type { FormulaSample, FormulaSamples } from './checks/formulas';

const RECORDING = 'https://media.ringcentral.com/restapi/v1.0/account/~/recording/4015371028/content';

/**
 * Recording Information feeds the Call Recording hyperlink: only RingCentral media links may be stored (RingCentral
 * Developer Guide, "Working with media content": media URLs are on media.ringcentral.com; the sandbox is
 * media.devtest.ringcentral.com, AT&T Office@Hand media.ringcentral.biz, sometimes with an explicit port 443).
 */
const RECORDING_LINK_RULE: readonly FormulaSample[] = [
  { name: 'not recorded', record: { Recording_Information__c: null }, expect: { rejected: false } },
  { name: 'RingCentral media link', record: { Recording_Information__c: RECORDING }, expect: { rejected: false } },
  {
    name: 'media link with port 443',
    record: {
      Recording_Information__c: 'https://media.ringcentral.com:443/restapi/v1.0/account/1/recording/2/content',
    },
    expect: { rejected: false },
  },
  {
    name: 'sandbox media link',
    record: {
      Recording_Information__c: 'https://media.devtest.ringcentral.com/restapi/v1.0/account/1/recording/2/content',
    },
    expect: { rejected: false },
  },
  {
    name: 'AT&T Office@Hand media link',
    record: { Recording_Information__c: 'https://media.ringcentral.biz/restapi/v1.0/account/1/recording/2/content' },
    expect: { rejected: false },
  },
  {
    name: 'host in capitals',
    record: { Recording_Information__c: 'HTTPS://MEDIA.RINGCENTRAL.COM/restapi/v1.0/account/1/recording/2/content' },
    expect: { rejected: false },
  },
  {
    name: 'javascript: link',
    record: { Recording_Information__c: 'javascript:alert(document.cookie)' },
    expect: { rejected: true },
  },
  {
    name: 'another host',
    record: { Recording_Information__c: 'https://evil.example.com/recording/2' },
    expect: { rejected: true },
  },
  {
    name: 'a host that only starts like RingCentral media',
    record: { Recording_Information__c: 'https://media.ringcentral.com.evil.example.com/recording/2' },
    expect: { rejected: true },
  },
  {
    name: 'RingCentral media over plain http',
    record: { Recording_Information__c: 'http://media.ringcentral.com/restapi/v1.0/account/1/recording/2/content' },
    expect: { rejected: true },
  },
  {
    name: 'an old link kept while another field is edited',
    record: { Recording_Information__c: 'https://legacy.example.com/recording/2' },
    save: { isNew: false, changed: ['Subject'] },
    expect: { rejected: false },
  },
  {
    name: 'a link changed to another host',
    record: { Recording_Information__c: 'https://evil.example.com/recording/2' },
    save: { isNew: false, changed: ['Recording_Information__c'] },
    expect: { rejected: true },
  },
];

/**
 * What each formula field and validation rule of the package returns for typical records, checked by `npm test`
 * (step `formulas`) by evaluating it with formulon. Every formula field and rule needs at least one sample; blank is
 * `null`.
 */
export const FORMULA_SAMPLES: FormulaSamples = {
  'Activity.Call_Recording__c': [
    { name: 'call not recorded', record: { Recording_Information__c: null }, expect: { blank: true } },
    {
      name: 'recording available',
      record: { Recording_Information__c: RECORDING },
      expect: { hyperlink: { url: RECORDING, label: 'Play recording', target: '_blank' } },
    },
  ],
  'Task.Recording_Link_Is_RingCentral_Media': RECORDING_LINK_RULE,
  'Event.Recording_Link_Is_RingCentral_Media': RECORDING_LINK_RULE,
};
