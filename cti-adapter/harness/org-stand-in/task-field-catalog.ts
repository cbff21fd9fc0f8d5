import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogField } from './softphone-settings';

/**
 * Task fields the stand-in knows, for the settings rules that describe them (`logFields`, `hvsDispositionField`):
 * standard Task fields (Salesforce Object Reference, Task) plus the package's Activity custom fields read from
 * `force-app/main/default/objects/Activity/fields/*.field-meta.xml`. A log field must be of a form type
 * (Text → `string`, Text Area → `textarea`, Picklist → `picklist`, Date → `date`), as the contract says.
 */
export interface TaskFieldInfo {
  apiName: string;
  label: string;
  /** Metadata type (`Text`, `TextArea`, `LongTextArea`, `Picklist`, `Date`, `DateTime`, `Number`, `Lookup`, …). */
  type: string;
  picklistValues?: string[];
}

const STANDARD: TaskFieldInfo[] = [
  { apiName: 'Subject', label: 'Subject', type: 'Combobox' },
  { apiName: 'Description', label: 'Comments', type: 'LongTextArea' },
  {
    apiName: 'Status',
    label: 'Status',
    type: 'Picklist',
    picklistValues: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
  },
  { apiName: 'Priority', label: 'Priority', type: 'Picklist', picklistValues: ['High', 'Normal', 'Low'] },
  { apiName: 'Type', label: 'Type', type: 'Picklist', picklistValues: ['Call', 'Email', 'Meeting', 'Other'] },
  { apiName: 'ActivityDate', label: 'Due Date Only', type: 'Date' },
  { apiName: 'CallDisposition', label: 'Call Result', type: 'Text' },
  { apiName: 'CallObject', label: 'Call Object Identifier', type: 'Text' },
  { apiName: 'CallType', label: 'Call Type', type: 'Picklist', picklistValues: ['Internal', 'Inbound', 'Outbound'] },
  { apiName: 'CallDurationInSeconds', label: 'Call Duration', type: 'Number' },
  {
    apiName: 'TaskSubtype',
    label: 'Task Subtype',
    type: 'Picklist',
    picklistValues: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call'],
  },
  { apiName: 'WhoId', label: 'Name ID', type: 'Lookup' },
  { apiName: 'WhatId', label: 'Related To ID', type: 'Lookup' },
  { apiName: 'OwnerId', label: 'Assigned To ID', type: 'Lookup' },
];

const FORM_TYPES: Record<string, LogField['type']> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Picklist: 'picklist',
  Date: 'date',
};

export class TaskFieldCatalog {
  private readonly fields = new Map<string, TaskFieldInfo>();

  /** @param activityFieldsDir the package's `objects/Activity/fields` folder (missing = standard fields only). */
  constructor(activityFieldsDir: string) {
    for (const f of STANDARD) this.fields.set(f.apiName.toLowerCase(), f);
    if (!existsSync(activityFieldsDir)) return;
    for (const file of readdirSync(activityFieldsDir).filter((n) => n.endsWith('.field-meta.xml'))) {
      const xml = readFileSync(join(activityFieldsDir, file), 'utf8');
      const tag = (name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
      const apiName = tag('fullName') ?? file.replace('.field-meta.xml', '');
      const values = [...xml.matchAll(/<value>\s*<fullName>([^<]*)<\/fullName>/g)].map((m) => m[1]!);
      this.fields.set(apiName.toLowerCase(), {
        apiName,
        label: tag('label') ?? apiName,
        type: tag('type') ?? 'Text',
        ...(values.length > 0 ? { picklistValues: values } : {}),
      });
    }
  }

  /** The field (case-insensitive API name), or undefined. */
  field(apiName: string): TaskFieldInfo | undefined {
    return this.fields.get(apiName.trim().toLowerCase());
  }

  /** The `LogField` description of a field usable on the log form, or null. */
  logField(apiName: string): LogField | null {
    const f = this.field(apiName);
    const type = f ? FORM_TYPES[f.type] : undefined;
    if (!f || !type) return null;
    return {
      apiName: f.apiName,
      label: f.label,
      type,
      ...(type === 'picklist' ? { picklistValues: f.picklistValues ?? [] } : {}),
      required: false,
    };
  }
}
