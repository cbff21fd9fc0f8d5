import type { OrgStore, SObject } from '../org-stand-in/org-store';
import { nameOf } from './console-records';

/**
 * Records of the org stand-in in the shape of the User Interface API's record representation (`GET
 * /ui-api/records/{recordId}?fields=…&optionalFields=…`, User Interface API Developer Guide, "Record"), which
 * `lightning/uiRecordApi` `getRecord` hands to components: `{apiName, id, fields: {<Field>: {value, displayValue}}}`,
 * a relationship (`Task.Who.Name`) as a nested record under the relationship name (`Who`). Field names are
 * `<Object>.<field>`; a requested field of another object is an error (`INVALID_FIELD`), as is an unknown record
 * (`NOT_FOUND`). The stand-in has no field-level security: every field of a record is readable.
 */
export interface UiRecord {
  apiName: string;
  id: string;
  fields: Record<string, { value: unknown; displayValue: string | null }>;
}

export class UiApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export function uiApiRecord(store: OrgStore, id: string, fields: string[], optionalFields: string[]): UiRecord {
  const record = store.get(id) ?? store.personAccountByContactId(id);
  if (!record) throw new UiApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
  const type = record.attributes.type;
  const out: UiRecord = { apiName: type, id: record.Id, fields: {} };
  const add = (qualified: string, optional: boolean): void => {
    const [objectName, ...path] = qualified.split('.');
    if (objectName !== type || path.length === 0) {
      if (optional) return;
      throw new UiApiError(400, 'INVALID_FIELD', `No such column '${qualified}' on entity '${type}'.`);
    }
    put(store, out, record, path);
  };
  for (const f of fields) add(f, false);
  for (const f of optionalFields) add(f, true);
  return out;
}

function put(store: OrgStore, target: UiRecord, record: SObject, path: string[]): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    const value = record[head] ?? null;
    target.fields[head] = { value, displayValue: null };
    return;
  }
  // A relationship: `Who` is read through `WhoId` (custom `X__r` through `X__c`).
  const idField = head.endsWith('__r') ? `${head.slice(0, -3)}__c` : `${head}Id`;
  const refId = record[idField];
  const related = typeof refId === 'string' ? (store.get(refId) ?? store.personAccountByContactId(refId)) : undefined;
  if (!related) {
    target.fields[head] = { value: null, displayValue: null };
    return;
  }
  const existing = target.fields[head]?.value as UiRecord | null | undefined;
  const nested: UiRecord = existing ?? { apiName: related.attributes.type, id: related.Id, fields: {} };
  put(store, nested, related, rest);
  target.fields[head] = { value: nested, displayValue: nameOf(related) };
}
