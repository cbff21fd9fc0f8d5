import { isOrgObject, VECTOR_INSERT_ORDER } from './org-schema';
import { OrgStandIn, type RunAs } from './org-stand-in';
import type { ContractVector, VectorCredential } from './contract-vectors';
import type { OAuthCallout, OAuthTransport, TokenMethod } from './ringcentral-token-api';

export { loadVectorFiles, type ContractVector, type VectorFile } from './contract-vectors';

/**
 * Runs the contract vectors (`unpackaged/main/default/staticresources/SoftphoneVectors*.json`, see
 * `contract-vectors.ts`) against the stand-in with the rules of `docs/contracts/softphone-remote-api.md`
 * ("Contract vectors"): insert order Account, Contact, Lead, Opportunity, Case, custom objects, Task, the records of
 * one object in one statement (one timestamp, increasing ids, as one Apex DML statement); `@ref:x` replaced by ids,
 * also inside a text (`"s-1:@ref:runAs"`; `runAs` names the running user, `users` adds more users); ids in the
 * response and rows replaced by their `@ref:` names, also inside a text; subset comparison; `"<any>"` = any non-null
 * value. The stand-in supports every `requires` feature (person accounts), so no vector is skipped.
 * With `namespace`, the org stores the package's fields as `<ns>__Name__c` (as a subscriber org does): records of the
 * vector are inserted and `expectedRecords` compared under those stored names, while requests and responses stay
 * as written (the wire is namespace-neutral, docs/adr/0011-namespace-neutral-wire.md), so one vector pins both.
 */
export interface RunVectorOptions {
  /** The package's namespace in the org (default: none). */
  namespace?: string;
}

export interface VectorOutcome {
  /** The response with ids replaced by `@ref:` names. */
  actual: unknown;
  /** Empty when the vector passes; else one line per difference (`results[0].matches: length 2 ≠ 1`). */
  mismatches: string[];
}

/** Runs one vector in a fresh org. */
export function runVector(endpoint: string, vector: ContractVector, options: RunVectorOptions = {}): VectorOutcome {
  const org = new OrgStandIn({ runAs: vector.runAs ?? 'agent', namespace: options.namespace });
  const user = org.users[vector.runAs ?? 'agent'];
  if (!user) throw new Error(`${vector.id}: unknown runAs ${String(vector.runAs)}`);
  const refs = addVectorUsers(org, vector, user.Id);
  if (vector.settings || vector.locks) org.api.storeOrgDefault(vector.settings ?? {}, vector.locks ?? {});
  insertVectorRecords(org, vector, user.Id, refs);
  const request = resolveRefs(vector.request, refs, vector.id);
  const response = org.api.invoke(endpoint, request, user.Id);
  const names = refNames(refs);
  const actual = replaceIds(response, names);
  const mismatches = [...subsetMismatches(vector.expected, actual, ''), ...storedRecordMismatches(org, vector, names)];
  for (const path of vector.absentPaths ?? []) {
    if (hasPath(actual, path)) mismatches.push(`absentPaths: ${path} is present`);
  }
  return { actual, mismatches };
}

/**
 * The vector's users: `runAs` = the running user, each of `users` a new user with the same permissions as the
 * `runAs` user it names (as the Apex runner creates them), deactivated when it says `"isActive": false`.
 * @returns ids by `@ref` name
 */
export function addVectorUsers(
  org: OrgStandIn,
  vector: Pick<ContractVector, 'id' | 'users'>,
  runAsUserId: string,
): Map<string, string> {
  const refs = new Map<string, string>([['runAs', runAsUserId]]);
  for (const extra of vector.users ?? []) {
    const template = org.users[extra.runAs as RunAs];
    if (!template) throw new Error(`${vector.id}: unknown runAs ${String(extra.runAs)} of user ${extra['@ref']}`);
    const { Id: _id, ...sameProfile } = template;
    const added = org.store.addUser({
      ...sameProfile,
      Name: `${template.Name} (${extra['@ref']})`,
      Username: `${extra['@ref']}.${template.Username}`,
      IsActive: extra.isActive ?? true,
    });
    refs.set(extra['@ref'], added.Id);
  }
  return refs;
}

/**
 * Inserts a vector's `records` (and `existingTasks`) as the Apex runner does: order Account, Contact, Lead,
 * Opportunity, Case, other objects in file order, Task; the records of one object in one statement (one timestamp,
 * rising ids); `@ref:x` values resolved; the package's fields stored under the org's namespace.
 * @param refs ids by `@ref` name so far; the inserted records are added (person accounts also `<ref>.PersonContactId`)
 * @returns `refs`
 */
export function insertVectorRecords(
  org: OrgStandIn,
  vector: Pick<ContractVector, 'id' | 'records' | 'existingTasks'>,
  userId: string,
  refs = new Map<string, string>(),
): Map<string, string> {
  const ns = org.store.namespace;
  const records = vector.records ?? {};
  const order = [
    ...VECTOR_INSERT_ORDER.filter((t) => t !== 'Task'),
    ...Object.keys(records).filter((t) => !(VECTOR_INSERT_ORDER as readonly string[]).includes(t)),
    'Task',
  ];
  org.store.currentUserId = userId;
  // One statement per object, as the Apex runner's one DML statement per object: shared timestamp, rising ids.
  const insertStatement = (type: string, rows: Record<string, unknown>[]): void => {
    if (rows.length === 0) return;
    if (!isOrgObject(type)) throw new Error(`${vector.id}: the stand-in has no object ${type}`);
    const split = rows.map(({ ['@ref']: ref, ...fields }) => ({ ref, fields }));
    const saved = org.store.insertAll(
      type,
      split.map(({ fields }) => ns.toStore(resolveRefs(fields, refs, vector.id) as Record<string, unknown>)),
    );
    split.forEach(({ ref }, i) => {
      const record = saved[i];
      if (typeof ref !== 'string' || !record) return;
      refs.set(ref, record.Id);
      if (typeof record.PersonContactId === 'string') refs.set(`${ref}.PersonContactId`, record.PersonContactId);
    });
  };
  for (const type of order) {
    insertStatement(type, [...(records[type] ?? []), ...(type === 'Task' ? (vector.existingTasks ?? []) : [])]);
  }
  org.store.currentUserId = null;
  return refs;
}

/** `@ref:` names by id (18 and 15 characters), to replace ids in answers and stored rows. */
export function refNames(refs: ReadonlyMap<string, string>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, id] of refs) {
    names.set(id, `@ref:${name}`);
    names.set(id.slice(0, 15), `@ref:${name}`);
  }
  return names;
}

/**
 * The `expectedRecords` and `expectedCounts` checks of a vector against the org after the call; expected rows name
 * the package's fields by local names and are compared under the names the org stores.
 */
export function storedRecordMismatches(
  org: OrgStandIn,
  vector: Pick<ContractVector, 'expectedRecords' | 'expectedCounts'>,
  names: ReadonlyMap<string, string>,
): string[] {
  const ns = org.store.namespace;
  const mismatches: string[] = [];
  for (const [type, entries] of Object.entries(vector.expectedRecords ?? {})) {
    if (!isOrgObject(type)) {
      mismatches.push(`expectedRecords.${type}: the stand-in has no object ${type}`);
      continue;
    }
    const rows = org.store.all(type).map((r) => replaceIds(r, names) as Record<string, unknown>);
    entries.forEach((entry, i) => {
      // A field the stand-in never set is null in a Salesforce row (the expected row's names as the org stores them).
      const stored = ns.toStore(entry);
      const unset = Object.fromEntries(Object.keys(stored).map((field) => [field, null]));
      if (!rows.some((row) => subsetMismatches(stored, { ...unset, ...row }, '').length === 0)) {
        mismatches.push(
          `expectedRecords.${type}[${i}]: no ${type} matches ${JSON.stringify(stored)} (rows ${JSON.stringify(rows).slice(0, 600)})`,
        );
      }
    });
  }
  for (const [type, count] of Object.entries(vector.expectedCounts ?? {})) {
    const actualCount =
      type === 'Softphone_Settings_Audit__c'
        ? org.store.settingsAudit().length
        : isOrgObject(type)
          ? org.store.all(type).length
          : 0;
    if (actualCount !== count) mismatches.push(`expectedCounts.${type}: ${actualCount} rows ≠ expected ${count}`);
  }
  return mismatches;
}

/** Whether a dotted path exists (`logged.s-2999`: key `s-2999` of `logged`). */
export function hasPath(value: unknown, path: string): boolean {
  let current: unknown = value;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (typeof current !== 'object' || current === null) return false;
    // keys may contain dots: try the longest remaining key first
    const rest = parts.slice(i).join('.');
    if (Object.prototype.hasOwnProperty.call(current, rest)) return true;
    const key = parts[i]!;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return true;
}

/** `@ref:<name>` inside a text: the name runs to the first character that is not a letter, digit, `_` or `.`. */
const REF = /@ref:([A-Za-z0-9_.]*[A-Za-z0-9_])/g;
/** An id inside a text: 15 or 18 letters and digits with no letter or digit on either side. */
const ID_IN_TEXT = /(?<![A-Za-z0-9])(?:[A-Za-z0-9]{18}|[A-Za-z0-9]{15})(?![A-Za-z0-9])/g;

/** `@ref:x` replaced by its id, also inside a text. */
export function resolveRefs(value: unknown, refs: ReadonlyMap<string, string>, vectorId: string): unknown {
  if (typeof value === 'string') {
    return value.replace(REF, (_whole, name: string) => {
      const id = refs.get(name);
      if (!id) throw new Error(`${vectorId}: unknown reference @ref:${name}`);
      return id;
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, refs, vectorId));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, refs, vectorId)]));
  }
  return value;
}

function nameIds(text: string, names: ReadonlyMap<string, string>): string {
  return names.get(text) ?? text.replace(ID_IN_TEXT, (id) => names.get(id) ?? id);
}

/** Ids (whole values, keys, or inside a text) replaced by their `@ref:` names. */
export function replaceIds(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return nameIds(value, names);
  if (Array.isArray(value)) return value.map((v) => replaceIds(v, names));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [nameIds(k, names), replaceIds(v, names)]));
  }
  return value;
}

/** Subset comparison of the contract: every key of `expected` must equal; arrays same length and order. */
export function subsetMismatches(expected: unknown, actual: unknown, path: string): string[] {
  const at = path || '(root)';
  if (expected === '<any>')
    return actual === null || actual === undefined ? [`${at}: expected a value, got ${String(actual)}`] : [];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length)
      return [
        `${at}: array length ${actual.length} ≠ expected ${expected.length} (actual ${JSON.stringify(actual).slice(0, 400)})`,
      ];
    return expected.flatMap((e, i) => subsetMismatches(e, actual[i], `${path}[${i}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual))
      return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([k, e]) =>
      subsetMismatches(e, (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
    );
  }
  return Object.is(expected, actual)
    ? []
    : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/**
 * Runs one vector of a RingCentral token endpoint (`SoftphoneVectors{ExchangeCode,RefreshToken,RevokeToken}.json`) in
 * a fresh org: the user's Salesforce login is `salesforceLogin`; `credential` is sealed with the org's key for that
 * user (or another one) and login and put where the request and `expected` say `"@sealed"` (`"@sealed-altered"`:
 * the same with one character of the cipher text changed); every RingCentral callout must match `callouts[i].request`
 * (url, form fields by subset) and gets `callouts[i].response`; no string of the response but `sealed` may contain
 * an `absentTexts` entry; `expectedSealed: "new"` needs a sealed value other than the request's. With `namespace`,
 * the org keeps the sealing key under its namespaced names (`<ns>__Token_Sealing_Key__c.<ns>__Secret__c`).
 */
export async function runTokenVector(
  endpoint: TokenMethod,
  vector: ContractVector,
  options: RunVectorOptions = {},
): Promise<VectorOutcome> {
  const planned = vector.callouts ?? [];
  const made: OAuthCallout[] = [];
  const transport: OAuthTransport = (callout) => {
    made.push(callout);
    const answer = planned[made.length - 1]?.response;
    if (!answer) return Promise.reject(new Error(`unexpected callout to ${callout.url}`));
    return Promise.resolve({
      status: answer.status,
      headers: answer.headers ?? {},
      body: typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body),
    });
  };
  const runAs = vector.runAs ?? 'agent';
  const org = new OrgStandIn({ runAs, ringCentralTransport: transport, namespace: options.namespace });
  const user = org.users[runAs];
  org.setLogin(user.Id, vector.salesforceLogin ?? null);
  const sealed = vector.credential ? sealCredential(org, user.Id, vector.credential) : null;
  const response = await org.tokens.invoke(endpoint, withSealed(vector.request, sealed), user.Id);
  const mismatches = subsetMismatches(withSealed(vector.expected, sealed), response, '');
  if (made.length !== planned.length)
    mismatches.push(
      `callouts: ${made.length} made ≠ ${planned.length} expected (${made.map((c) => c.url).join(', ')})`,
    );
  made.forEach((callout, i) => {
    const expected = planned[i]?.request;
    if (!expected) return;
    if (callout.url !== expected.url) mismatches.push(`callouts[${i}].url: ${callout.url} ≠ ${expected.url}`);
    mismatches.push(...subsetMismatches(expected.form, callout.form, `callouts[${i}].form`));
  });
  const { sealed: returned, ...rest } = response as Record<string, unknown>;
  for (const text of vector.absentTexts ?? []) {
    if (JSON.stringify(rest).includes(text)) mismatches.push(`absentTexts: the response contains ${text}`);
  }
  if (vector.expectedSealed === 'new' && (typeof returned !== 'string' || returned === sealed))
    mismatches.push('expectedSealed: the response has no new sealed value');
  return { actual: response, mismatches };
}

function sealCredential(org: OrgStandIn, userId: string, c: VectorCredential): string {
  const now = Date.now();
  return org.tokens.sealFor({
    login: c.login,
    u: c.user === 'other' ? org.users.admin.Id : userId,
    s: c.server,
    c: c.clientId,
    w: c.ownerId,
    sc: null,
    t: 'bearer',
    a: c.accessToken,
    ax: now + c.accessExpiresInSeconds * 1000,
    r: c.refreshToken,
    rx: now + c.refreshExpiresInSeconds * 1000,
  });
}

/** The contract's alteration for `"@sealed-altered"`: the character at index 10 of the cipher text, `A`↔`B`. */
export function alterSealed(sealed: string): string {
  const [version, body, mac] = sealed.split('.') as [string, string, string];
  const changed = body.charAt(10) === 'A' ? 'B' : 'A';
  return `${version}.${body.slice(0, 10)}${changed}${body.slice(11)}.${mac}`;
}

function withSealed(value: unknown, sealed: string | null): unknown {
  if (value === '@sealed' || value === '@sealed-altered') {
    if (sealed === null) throw new Error(`${value} without a credential`);
    return value === '@sealed' ? sealed : alterSealed(sealed);
  }
  if (Array.isArray(value)) return value.map((v) => withSealed(v, sealed));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withSealed(v, sealed)]));
  }
  return value;
}
