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
  // The do-not-contact list holds E.164 numbers only, as matchNumbers compares them (ADR 0031).
  'Do_Not_Contact__c.Number_Is_E164': [
    { name: 'a US number in E.164', record: { Number__c: '+16505550199' }, expect: { rejected: false } },
    { name: 'a UK number in E.164', record: { Number__c: '+442071838750' }, expect: { rejected: false } },
    { name: 'the shortest E.164 (7 digits)', record: { Number__c: '+2901234' }, expect: { rejected: false } },
    { name: 'the longest E.164 (15 digits)', record: { Number__c: '+123456789012345' }, expect: { rejected: false } },
    { name: 'a national number without +', record: { Number__c: '6505550199' }, expect: { rejected: true } },
    { name: 'spaces and dashes', record: { Number__c: '+1 650-555-0199' }, expect: { rejected: true } },
    { name: 'a country code starting with 0', record: { Number__c: '+06505550199' }, expect: { rejected: true } },
    { name: 'a tel: link', record: { Number__c: 'tel:+16505550199' }, expect: { rejected: true } },
    { name: 'an extension after the number', record: { Number__c: '+16505550199x12' }, expect: { rejected: true } },
  ],
};
