import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isOrgObject, type OrgObject } from './org-schema';
import type { OrgStore } from './org-store';

/**
 * Loads `sf data import tree` files (the format `sf data export tree` writes: Salesforce CLI reference,
 * "data import tree") into the in-memory org:
 * - data files `{records: [{attributes: {type, referenceId}, Field: value, Lookup__c: "@RefId", Children: {records: […]}}]}`
 * - plan files `[{sobject, saveRefs, resolveRefs, files: ["Account.json", …]}]` listing the insert order.
 * All plan files of the folder (name contains "plan") are loaded in name order; without plan files every data file
 * is loaded in name order. An unresolvable `@ref` or an unknown object is an error naming the file. The package's fields
 * are named without the namespace (as the package's own scratch org accepts them) and stored under the org's names.
 */
export interface TreeLoadResult {
  /** referenceId → record id. */
  refs: Map<string, string>;
  /** Files loaded, in order. */
  files: string[];
}

type TreeRecord = { attributes?: { type?: string; referenceId?: string } } & Record<string, unknown>;

export function loadTreeData(store: OrgStore, dir: string): TreeLoadResult {
  const refs = new Map<string, string>();
  const files: string[] = [];
  if (!existsSync(dir)) return { refs, files };
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const plans = names.filter((f) => /plan/i.test(f));
  const order: string[] = [];
  if (plans.length > 0) {
    for (const plan of plans) {
      const entries = JSON.parse(readFileSync(join(dir, plan), 'utf8')) as unknown;
      if (!Array.isArray(entries)) throw new Error(`${plan}: a plan file must be a JSON array`);
      for (const entry of entries as { files?: unknown }[]) {
        for (const f of Array.isArray(entry.files) ? entry.files : [])
          if (typeof f === 'string' && !order.includes(f)) order.push(f);
      }
    }
  } else {
    order.push(...names);
  }
  for (const file of order) {
    const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { records?: unknown };
    if (!Array.isArray(doc.records)) throw new Error(`${file}: expected {"records": [...]}`);
    for (const rec of doc.records as TreeRecord[]) insertTree(store, rec, refs, file, null);
    files.push(file);
  }
  return { refs, files };
}

function insertTree(
  store: OrgStore,
  rec: TreeRecord,
  refs: Map<string, string>,
  file: string,
  parent: { type: OrgObject; id: string } | null,
): void {
  const type = rec.attributes?.type;
  if (!isOrgObject(type)) throw new Error(`${file}: unknown object ${String(type)}`);
  const fields: Record<string, unknown> = {};
  const children: TreeRecord[] = [];
  for (const [k, v] of Object.entries(rec)) {
    if (k === 'attributes') continue;
    if (typeof v === 'object' && v !== null && Array.isArray((v as { records?: unknown }).records)) {
      children.push(...(v as { records: TreeRecord[] }).records);
      continue;
    }
    if (typeof v === 'string' && v.startsWith('@')) {
      const id = refs.get(v.slice(1));
      if (!id) throw new Error(`${file}: ${type}.${k} refers to unknown reference ${v}`);
      fields[k] = id;
      continue;
    }
    fields[k] = v;
  }
  if (parent) fields[`${parent.type}Id`] ??= parent.id;
  // The files name the package's fields without the namespace, as the namespace's own org reads them.
  const record = store.insert(type, store.namespace.toStore(fields));
  const refId = rec.attributes?.referenceId;
  if (refId) refs.set(refId, record.Id);
  for (const child of children) insertTree(store, child, refs, file, { type, id: record.Id });
}
