/**
 * `lightning/uiRecordApi` of the harness's Lightning host, over the console stand-in's User Interface API endpoint
 * (`GET /console-api/ui-api/records/<id>?fields=…&optionalFields=…`, records of the org stand-in in the UI API's record
 * shape `{apiName, id, fields: {Name: {value, displayValue}}}`, relationships as nested records):
 * - `getRecord` (wire adapter: `{recordId, fields, optionalFields}` → `{data, error}`; a `fields` entry the record
 *   lacks is an error, an `optionalFields` entry is left out — as Lightning Data Service does);
 * - `getFieldValue` / `getFieldDisplayValue` (a schema token `{objectApiName, fieldApiName}` or `'Task.Who.Name'`);
 * - `notifyRecordUpdateAvailable` (every wired record of those ids is read again; the console re-renders its record
 *   page) and `getRecordNotifyChange` (its older name).
 */
interface FieldToken {
  objectApiName?: string;
  fieldApiName: string;
}
type FieldRef = string | FieldToken;

export interface RecordRepresentation {
  apiName: string;
  id: string;
  fields: Record<string, { value: unknown; displayValue: string | null }>;
}

interface GetRecordConfig {
  recordId?: string;
  fields?: FieldRef | FieldRef[];
  optionalFields?: FieldRef | FieldRef[];
}

const wired = new Set<GetRecord>();

function qualified(ref: FieldRef): string {
  return typeof ref === 'string' ? ref : `${ref.objectApiName ?? ''}.${ref.fieldApiName}`;
}

function list(refs: FieldRef | FieldRef[] | undefined): string[] {
  if (refs === undefined) return [];
  return (Array.isArray(refs) ? refs : [refs]).map(qualified);
}

/** Wire adapter of one record. */
export class GetRecord {
  private config: GetRecordConfig | undefined;
  private connected = false;

  constructor(private readonly emit: (value: { data: RecordRepresentation | undefined; error: unknown }) => void) {}

  update(config: GetRecordConfig): void {
    this.config = config;
    if (this.connected) void this.load();
  }

  connect(): void {
    this.connected = true;
    wired.add(this);
    if (this.config) void this.load();
  }

  disconnect(): void {
    this.connected = false;
    wired.delete(this);
  }

  get recordId(): string | undefined {
    return this.config?.recordId;
  }

  async load(): Promise<void> {
    const config = this.config;
    if (!config?.recordId) return;
    const query = new URLSearchParams({
      fields: list(config.fields).join(','),
      optionalFields: list(config.optionalFields).join(','),
    });
    try {
      const response = await fetch(`/console-api/ui-api/records/${encodeURIComponent(config.recordId)}?${query}`, {
        credentials: 'same-origin',
      });
      const payload = (await response.json()) as RecordRepresentation | { message?: string; errorCode?: string };
      if (!response.ok) {
        this.emit({
          data: undefined,
          error: { status: response.status, body: [payload], statusText: response.statusText },
        });
      } else {
        this.emit({ data: payload as RecordRepresentation, error: undefined });
      }
    } catch (e) {
      this.emit({
        data: undefined,
        error: { status: 0, body: { message: e instanceof Error ? e.message : String(e) } },
      });
    }
  }
}

export const getRecord = GetRecord;

function fieldOf(
  record: RecordRepresentation | undefined,
  field: FieldRef,
): { value: unknown; displayValue: string | null } | undefined {
  const path = qualified(field).split('.').slice(1);
  let current: RecordRepresentation | undefined = record;
  for (let i = 0; i < path.length; i++) {
    const entry: { value: unknown; displayValue: string | null } | undefined = current?.fields[path[i]!];
    if (i === path.length - 1) return entry;
    current = (entry?.value ?? undefined) as RecordRepresentation | undefined;
  }
  return undefined;
}

export function getFieldValue(record: RecordRepresentation | undefined, field: FieldRef): unknown {
  return fieldOf(record, field)?.value;
}

export function getFieldDisplayValue(
  record: RecordRepresentation | undefined,
  field: FieldRef,
): string | null | undefined {
  return fieldOf(record, field)?.displayValue;
}

/** Reads the records again for every wired component and tells the console (its record page re-renders). */
export async function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void> {
  const ids = new Set(items.map((i) => i.recordId));
  await Promise.all([...wired].filter((w) => w.recordId && ids.has(w.recordId)).map((w) => w.load()));
  document.dispatchEvent(new CustomEvent('harness:recordupdated', { detail: { recordIds: [...ids] } }));
}

export function getRecordNotifyChange(items: { recordId: string }[]): void {
  void notifyRecordUpdateAvailable(items);
}
