import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CALL_LOG_TASK_FIELDS } from './call-log-task-mapping';
import type { LogField } from './softphone-settings';
import { NO_NAMESPACE, type PackageNamespace } from './package-namespace';

const REPO_ROOT = join(__dirname, '..', '..', '..');
/** The package's Activity fields and the sample admin fields of its unpackaged test data. */
export const ACTIVITY_FIELD_DIRS: readonly string[] = [
  join(REPO_ROOT, 'force-app', 'main', 'default', 'objects', 'Activity', 'fields'),
  join(REPO_ROOT, 'unpackaged', 'main', 'default', 'objects', 'Activity', 'fields'),
];

/**
 * Task fields the stand-in knows, for the settings rules that describe them (`logFields`, `hvsDispositionField`,
 * `dispositionField`) and the admin page's catalog: standard Task fields (Salesforce Object Reference, Task), the
 * package's Activity custom fields (`force-app/main/default/objects/Activity/fields/*.field-meta.xml`) and the sample
 * admin fields of the unpackaged test data (`unpackaged/main/default/objects/Activity/fields`, deployed with the
 * package's tests, as in a scratch org). A log field must be of a form type (Text → `string`, Text Area → `textarea`,
 * Picklist → `picklist`, Date → `date`), as the contract says.
 * Names are wire names: the package's fields by their local names, found by their full names too in a namespace (the
 * sample admin fields are the org's own, never prefixed).
 */
export interface TaskFieldInfo {
  apiName: string;
  label: string;
  /** Metadata type (`Text`, `TextArea`, `LongTextArea`, `Picklist`, `Date`, `DateTime`, `Number`, `Lookup`, …). */
  type: string;
  /** Text length (255 when the metadata does not say). */
  length: number;
  picklistValues?: string[];
}

const STANDARD: TaskFieldInfo[] = [
  { apiName: 'Subject', label: 'Subject', type: 'Combobox', length: 255 },
  { apiName: 'Description', label: 'Comments', type: 'LongTextArea', length: 32000 },
  {
    apiName: 'Status',
    label: 'Status',
    type: 'Picklist',
    picklistValues: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
    length: 255,
  },
  { apiName: 'Priority', label: 'Priority', type: 'Picklist', picklistValues: ['High', 'Normal', 'Low'], length: 255 },
  {
    apiName: 'Type',
    label: 'Type',
    type: 'Picklist',
    picklistValues: ['Call', 'Email', 'Meeting', 'Other'],
    length: 255,
  },
  { apiName: 'ActivityDate', label: 'Due Date Only', type: 'Date', length: 255 },
  { apiName: 'CallDisposition', label: 'Call Result', type: 'Text', length: 255 },
  { apiName: 'CallObject', label: 'Call Object Identifier', type: 'Text', length: 255 },
  {
    apiName: 'CallType',
    label: 'Call Type',
    type: 'Picklist',
    picklistValues: ['Internal', 'Inbound', 'Outbound'],
    length: 255,
  },
  { apiName: 'CallDurationInSeconds', label: 'Call Duration', type: 'Number', length: 255 },
  {
    apiName: 'TaskSubtype',
    label: 'Task Subtype',
    type: 'Picklist',
    picklistValues: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call'],
    length: 255,
  },
  { apiName: 'WhoId', label: 'Name ID', type: 'Lookup', length: 255 },
  { apiName: 'WhatId', label: 'Related To ID', type: 'Lookup', length: 255 },
  { apiName: 'OwnerId', label: 'Assigned To ID', type: 'Lookup', length: 255 },
];

const FORM_TYPES: Record<string, LogField['type']> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Picklist: 'picklist',
  Date: 'date',
};

const CALL_LOG_FIELDS = new Set(CALL_LOG_TASK_FIELDS.map((f) => f.toLowerCase()));

export class TaskFieldCatalog {
  private readonly fields = new Map<string, TaskFieldInfo>();

  /**
   * @param activityFieldsDirs `objects/Activity/fields` folders (missing ones are skipped)
   * @param namespace the package's namespace (full names of its fields are accepted)
   */
  constructor(
    activityFieldsDirs: readonly string[],
    private readonly namespace: PackageNamespace = NO_NAMESPACE,
  ) {
    for (const f of STANDARD) this.fields.set(f.apiName.toLowerCase(), f);
    for (const dir of activityFieldsDirs) this.readFields(dir);
  }

  private readFields(activityFieldsDir: string): void {
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
        length: Number(tag('length') ?? 255),
        ...(values.length > 0 ? { picklistValues: values } : {}),
      });
    }
  }

  /** The field (case-insensitive wire or full API name), or undefined. */
  field(apiName: string): TaskFieldInfo | undefined {
    return this.fields.get(this.namespace.local(apiName.trim()).toLowerCase());
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

  /** Whether the softphone writes the field itself (the contract's Task mapping of `upsertCallLogs`). */
  isCallLogField(apiName: string): boolean {
    return CALL_LOG_FIELDS.has(this.namespace.local(apiName.trim()).toLowerCase());
  }

  /** Every field an admin can add to the log form (form types the softphone does not fill), by label. */
  availableLogFields(): LogField[] {
    return [...this.fields.values()]
      .filter((f) => !this.isCallLogField(f.apiName))
      .map((f) => this.logField(f.apiName))
      .filter((f): f is LogField => f !== null)
      .sort((a, b) => {
        // Apex String.sort order of `label (lower case) + NUL + apiName`: code units, no locale.
        const ka = `${a.label.toLowerCase()}\u0000${a.apiName}`;
        const kb = `${b.label.toLowerCase()}\u0000${b.apiName}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
  }

  /** The active values of a Task picklist, or `[]` when the field is not a picklist. */
  picklistValues(apiName: string): string[] {
    const field = this.logField(apiName);
    return field?.type === 'picklist' ? (field.picklistValues ?? []) : [];
  }
}
