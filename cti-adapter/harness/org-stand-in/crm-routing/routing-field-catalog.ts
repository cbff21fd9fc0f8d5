import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The stand-in's describe of the fields CRM routing may use (the package asks `Schema.DescribeFieldResult`): the
 * standard fields of Contact, Lead and Account it needs (Salesforce Object Reference: Contact, Lead, Account) plus the
 * custom fields of those objects read from the project's `objects/<Object>/fields/*.field-meta.xml` (the package's
 * and the sample world's in `unpackaged/`). Types are the Metadata API field types.
 */
export interface RoutingFieldInfo {
  readonly apiName: string;
  readonly label: string;
  /** Metadata type: `Text`, `TextArea`, `LongTextArea`, `Html`, `EncryptedText`, `Email`, `Phone`, `Url`, `Picklist`,
   * `MultiselectPicklist`, `Number`, `Currency`, `Percent`, `Checkbox`, `Date`, `DateTime`, `Time`, `Lookup`, `Id`,
   * `Address`, `Location`, `AutoNumber`. */
  readonly type: string;
  /** Characters (text types). */
  readonly length?: number;
  /** Decimal places (Number, Currency, Percent). */
  readonly scale?: number;
  /** A formula (calculated) field. */
  readonly formula?: boolean;
}

const ROUTABLE_TYPES = new Set([
  'Text',
  'TextArea',
  'Email',
  'Phone',
  'Url',
  'Picklist',
  'MultiselectPicklist',
  'Number',
  'Currency',
  'Percent',
  'Checkbox',
  'Date',
  'DateTime',
  'AutoNumber',
]);
const DTMF_TYPES = new Set(['Text', 'Number', 'AutoNumber']);
const NUMBER_TYPES = new Set(['Number', 'Currency', 'Percent']);

const f = (apiName: string, label: string, type: string, extra: Partial<RoutingFieldInfo> = {}): RoutingFieldInfo => ({
  apiName,
  label,
  type,
  ...extra,
});

const COMMON: RoutingFieldInfo[] = [
  f('Id', 'Record ID', 'Id'),
  f('OwnerId', 'Owner ID', 'Lookup'),
  f('CreatedDate', 'Created Date', 'DateTime'),
  f('LastModifiedDate', 'Last Modified Date', 'DateTime'),
  f('Phone', 'Phone', 'Phone'),
  f('Fax', 'Fax', 'Phone'),
  f('Description', 'Description', 'LongTextArea', { length: 32000 }),
];

const STANDARD: Readonly<Record<string, RoutingFieldInfo[]>> = {
  Contact: [
    ...COMMON,
    f('Name', 'Full Name', 'Text', { length: 121 }),
    f('FirstName', 'First Name', 'Text', { length: 40 }),
    f('LastName', 'Last Name', 'Text', { length: 80 }),
    f('Title', 'Title', 'Text', { length: 128 }),
    f('Department', 'Department', 'Text', { length: 80 }),
    f('Email', 'Email', 'Email'),
    f('MobilePhone', 'Mobile Phone', 'Phone'),
    f('HomePhone', 'Home Phone', 'Phone'),
    f('OtherPhone', 'Other Phone', 'Phone'),
    f('AssistantPhone', 'Asst. Phone', 'Phone'),
    f('Birthdate', 'Birthdate', 'Date'),
    f('DoNotCall', 'Do Not Call', 'Checkbox'),
    f('LeadSource', 'Lead Source', 'Picklist'),
    f('AccountId', 'Account ID', 'Lookup'),
    f('MailingAddress', 'Mailing Address', 'Address'),
  ],
  Lead: [
    ...COMMON,
    f('Name', 'Full Name', 'Text', { length: 121 }),
    f('FirstName', 'First Name', 'Text', { length: 40 }),
    f('LastName', 'Last Name', 'Text', { length: 80 }),
    f('Company', 'Company', 'Text', { length: 255 }),
    f('Title', 'Title', 'Text', { length: 128 }),
    f('Email', 'Email', 'Email'),
    f('MobilePhone', 'Mobile Phone', 'Phone'),
    f('Status', 'Lead Status', 'Picklist'),
    f('Rating', 'Rating', 'Picklist'),
    f('LeadSource', 'Lead Source', 'Picklist'),
    f('NumberOfEmployees', 'Employees', 'Number', { scale: 0 }),
    f('AnnualRevenue', 'Annual Revenue', 'Currency', { scale: 0 }),
    f('IsConverted', 'Converted', 'Checkbox'),
    f('Address', 'Address', 'Address'),
  ],
  Account: [
    ...COMMON,
    f('Name', 'Account Name', 'Text', { length: 255 }),
    f('AccountNumber', 'Account Number', 'Text', { length: 40 }),
    f('Type', 'Account Type', 'Picklist'),
    f('Industry', 'Industry', 'Picklist'),
    f('Rating', 'Account Rating', 'Picklist'),
    f('NumberOfEmployees', 'Employees', 'Number', { scale: 0 }),
    f('AnnualRevenue', 'Annual Revenue', 'Currency', { scale: 0 }),
    f('Website', 'Website', 'Url'),
    f('BillingCity', 'Billing City', 'Text', { length: 40 }),
    f('BillingAddress', 'Billing Address', 'Address'),
    f('ParentId', 'Parent Account ID', 'Lookup'),
  ],
};

/** Objects a CRM routing rule may name in the stand-in. */
export const ROUTING_MODULES = Object.keys(STANDARD);

export class RoutingFieldCatalog {
  private readonly fields = new Map<string, Map<string, RoutingFieldInfo>>();

  /**
   * @param objectsDirs `objects` folders whose `<Object>/fields/*.field-meta.xml` add custom fields (e.g. the package's
   *   and `unpackaged/main/default/objects`); missing folders are skipped.
   */
  constructor(objectsDirs: readonly string[] = []) {
    for (const [object, list] of Object.entries(STANDARD)) {
      this.fields.set(object.toLowerCase(), new Map(list.map((info) => [info.apiName.toLowerCase(), info])));
    }
    for (const dir of objectsDirs) {
      for (const object of Object.keys(STANDARD)) this.readCustomFields(object, join(dir, object, 'fields'));
    }
  }

  /** The module's API name as the org spells it, or null when it is not an object of the stand-in. */
  module(name: string | null | undefined): string | null {
    return ROUTING_MODULES.find((m) => m.toLowerCase() === (name ?? '').trim().toLowerCase()) ?? null;
  }

  /** A field of a module (case-insensitive API name), or undefined. */
  field(module: string, apiName: string | null | undefined): RoutingFieldInfo | undefined {
    return this.fields.get(module.toLowerCase())?.get((apiName ?? '').trim().toLowerCase());
  }

  private readCustomFields(object: string, dir: string): void {
    if (!existsSync(dir)) return;
    for (const file of readdirSync(dir).filter((n) => n.endsWith('.field-meta.xml'))) {
      const xml = readFileSync(join(dir, file), 'utf8');
      const tag = (name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
      const apiName = tag('fullName') ?? file.replace('.field-meta.xml', '');
      const length = tag('length');
      const scale = tag('scale');
      this.fields.get(object.toLowerCase())?.set(apiName.toLowerCase(), {
        apiName,
        label: tag('label') ?? apiName,
        type: tag('type') ?? 'Text',
        ...(length ? { length: Number(length) } : {}),
        ...(scale ? { scale: Number(scale) } : {}),
        ...(tag('formula') !== undefined || /<formula>/.test(xml) ? { formula: true } : {}),
      });
    }
  }
}

/** Whether a field's value may be returned to a PBX (`RoutingFieldRules.isRoutable` in the package). */
export function isRoutableField(info: RoutingFieldInfo | undefined): boolean {
  if (!info || info.formula || !ROUTABLE_TYPES.has(info.type)) return false;
  return info.type !== 'TextArea' || (info.length ?? 255) <= 255;
}

/** Whether a field can find a record by DTMF digits (`RoutingFieldRules.isDtmfLookup`). */
export function isDtmfLookupField(info: RoutingFieldInfo | undefined): boolean {
  return !!info && !info.formula && DTMF_TYPES.has(info.type);
}

/** Whether a field holds numbers (DTMF digits then compare as a number). */
export function isNumberField(info: RoutingFieldInfo): boolean {
  return NUMBER_TYPES.has(info.type);
}

/** A stored value as the contract's text (`RoutingFieldRules.asText`); null for a blank value. */
export function routingValueText(value: unknown, info: RoutingFieldInfo): string | null {
  if (value === null || value === undefined) return null;
  if (info.type === 'DateTime') return new Date(String(value)).toISOString();
  if (typeof value === 'number') return info.scale ? value.toFixed(info.scale) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  return text.trim() === '' ? null : text;
}
