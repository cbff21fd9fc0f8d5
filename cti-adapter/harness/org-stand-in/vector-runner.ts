import { isOrgObject, VECTOR_INSERT_ORDER } from './org-schema';
import { OrgStandIn } from './org-stand-in';
import type { ContractVector, VectorCredential } from './contract-vectors';
import type { OAuthCallout, OAuthTransport, TokenMethod } from './ringcentral-token-api';

export { loadVectorFiles, type ContractVector, type VectorFile } from './contract-vectors';

/**
 * Runs the contract vectors (`unpackaged/main/default/staticresources/SoftphoneVectors*.json`, see
 * `contract-vectors.ts`) against the stand-in with the rules of `docs/contracts/softphone-remote-api.md`
 * ("Contract vectors"): insert order Account, Contact, Lead, Opportunity, Case, custom objects, Task, the records of
 * one object in one statement (one timestamp, increasing ids, as one Apex DML statement); `"@ref:x"` replaced by ids
 * (requests too); ids in the response replaced by their `@ref:` names; subset comparison; `"<any>"` = any non-null
 * value. The stand-in supports every `requires` feature (person accounts), so no vector is skipped.
 */
export interface VectorOutcome {
  /** The response with ids replaced by `@ref:` names. */
  actual: unknown;
  /** Empty when the vector passes; else one line per difference (`results[0].matches: length 2 ≠ 1`). */
  mismatches: string[];
}

/** Runs one vector in a fresh org. */
export function runVector(endpoint: string, vector: ContractVector): VectorOutcome {
  const org = new OrgStandIn({ runAs: vector.runAs ?? 'agent' });
  const user = org.users[vector.runAs ?? 'agent'];
  if (!user) throw new Error(`${vector.id}: unknown runAs ${String(vector.runAs)}`);
  const refs = new Map<string, string>();
  if (vector.settings) org.store.saveSettingsAt('org', null, vector.settings);
  const records = vector.records ?? {};
  const order = [
    ...VECTOR_INSERT_ORDER.filter((t) => t !== 'Task'),
    ...Object.keys(records).filter((t) => !(VECTOR_INSERT_ORDER as readonly string[]).includes(t)),
    'Task',
  ];
  org.store.currentUserId = user.Id;
  // One statement per object, as the Apex runner's one DML statement per object: shared timestamp, rising ids.
  const insertStatement = (type: string, rows: Record<string, unknown>[]): void => {
    if (rows.length === 0) return;
    if (!isOrgObject(type)) throw new Error(`${vector.id}: the stand-in has no object ${type}`);
    const split = rows.map(({ ['@ref']: ref, ...fields }) => ({ ref, fields }));
    const saved = org.store.insertAll(
      type,
      split.map(({ fields }) => resolveRefs(fields, refs, vector.id) as Record<string, unknown>),
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
  const request = resolveRefs(vector.request, refs, vector.id);
  const response = org.api.invoke(endpoint, request, user.Id);
  const names = new Map<string, string>();
  for (const [name, id] of refs) {
    names.set(id, `@ref:${name}`);
    names.set(id.slice(0, 15), `@ref:${name}`);
  }
  const actual = replaceIds(response, names);
  const mismatches = subsetMismatches(vector.expected, actual, '');
  for (const [type, entries] of Object.entries(vector.expectedRecords ?? {})) {
    if (!isOrgObject(type)) {
      mismatches.push(`expectedRecords.${type}: the stand-in has no object ${type}`);
      continue;
    }
    const rows = org.store.all(type).map((r) => replaceIds(r, names));
    entries.forEach((entry, i) => {
      if (!rows.some((row) => subsetMismatches(entry, row, '').length === 0)) {
        mismatches.push(
          `expectedRecords.${type}[${i}]: no ${type} matches ${JSON.stringify(entry)} (rows ${JSON.stringify(rows).slice(0, 600)})`,
        );
      }
    });
  }
  for (const [type, count] of Object.entries(vector.expectedCounts ?? {})) {
    const actualCount = isOrgObject(type) ? org.store.all(type).length : 0;
    if (actualCount !== count) mismatches.push(`expectedCounts.${type}: ${actualCount} rows ≠ expected ${count}`);
  }
  for (const path of vector.absentPaths ?? []) {
    if (hasPath(actual, path)) mismatches.push(`absentPaths: ${path} is present`);
  }
  return { actual, mismatches };
}

/** Whether a dotted path exists (`logged.s-2999`: key `s-2999` of `logged`). */
function hasPath(value: unknown, path: string): boolean {
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

function resolveRefs(value: unknown, refs: Map<string, string>, vectorId: string): unknown {
  if (typeof value === 'string' && value.startsWith('@ref:')) {
    const id = refs.get(value.slice(5));
    if (!id) throw new Error(`${vectorId}: unknown reference ${value}`);
    return id;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, refs, vectorId));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, refs, vectorId)]));
  }
  return value;
}

function replaceIds(value: unknown, names: Map<string, string>): unknown {
  if (typeof value === 'string') return names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => replaceIds(v, names));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [names.get(k) ?? k, replaceIds(v, names)]));
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
 * an `absentTexts` entry; `expectedSealed: "new"` needs a sealed value other than the request's.
 */
export async function runTokenVector(endpoint: TokenMethod, vector: ContractVector): Promise<VectorOutcome> {
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
  const org = new OrgStandIn({ runAs, ringCentralTransport: transport });
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
