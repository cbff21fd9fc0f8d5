import { match } from './fake-crm-gateway';

/** Records of `docs/sample-world.md` as `matchNumbers` would return them. */
export const ACME_ID = '001000000000001AAA';
export const ANN = match({
  id: '003000000000001AAA',
  objectType: 'Contact',
  name: 'Ann Lee',
  phone: '(650) 555-0101',
  accountId: ACME_ID,
  accountName: 'Acme Corp',
  company: 'Acme Corp',
  related: [{ id: ACME_ID, objectType: 'Account', name: 'Acme Corp' }],
});
export const STONE_ID = '001000000000002AAA';
export const BOB = match({
  id: '003000000000002AAA',
  objectType: 'Contact',
  name: 'Bob Stone',
  phone: '650.555.0102',
  accountId: STONE_ID,
  accountName: 'Stone Logistics',
  lastModifiedDate: '2026-11-02T00:00:00.000Z',
});
export const CARLA = match({
  id: '003000000000003AAA',
  objectType: 'Contact',
  name: 'Carla Stone',
  phoneField: 'MobilePhone',
  phone: '+1 (650) 555-0102',
  accountId: STONE_ID,
  accountName: 'Stone Logistics',
  lastModifiedDate: '2026-11-03T00:00:00.000Z',
});
export const DAN = match({
  id: '00Q000000000001AAA',
  objectType: 'Lead',
  name: 'Dan Ortiz',
  phoneField: 'MobilePhone',
  phone: '6505550103',
  company: 'Ortiz Builders',
});
export const GLOBEX = match({
  id: '001000000000004AAA',
  objectType: 'Account',
  name: 'Globex Corporation',
  phone: '+44 20 7946 0104',
});
export const ERIN = match({
  id: '001000000000005AAA',
  objectType: 'Account',
  name: 'Erin Park',
  isPersonAccount: true,
  personContactId: '003000000000005AAA',
  phoneField: 'PersonMobilePhone',
  phone: '(650) 555-0105',
});
export const INITECH = match({
  id: '001000000000006AAA',
  objectType: 'Account',
  name: 'Initech',
  phone: '650-555-0107',
});
