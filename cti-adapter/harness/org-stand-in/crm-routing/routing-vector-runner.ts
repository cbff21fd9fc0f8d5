import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_VECTOR_DIR } from '../contract-vectors';
import { OrgStandIn, type RunAs } from '../org-stand-in';
import {
  hasPath,
  insertVectorRecords,
  refNames,
  replaceIds,
  resolveRefs,
  storedRecordMismatches,
  subsetMismatches,
  type RunVectorOptions,
} from '../vector-runner';

/**
 * The contract vectors of the CRM routing endpoint (`unpackaged/main/default/staticresources/CrmRoutingVectors.json`,
 * `docs/contracts/crm-routing.md` "Contract vectors"), which the Apex test `CrmRoutingContractVectors_Tests` also runs.
 */
export const ROUTING_VECTOR_FILE = join(CONTRACT_VECTOR_DIR, 'CrmRoutingVectors.json');

export interface RoutingVector {
  id: string;
  description?: string;
  runAs: RunAs;
  records?: Record<string, Record<string, unknown>[]>;
  request: {
    method: 'GET' | 'POST';
    path: string;
    params: Record<string, string>;
    headers: Record<string, string>;
    body: string | null;
  };
  expected: {
    status: number;
    contentType?: string;
    headers?: Record<string, string>;
    body?: string;
    json?: unknown;
  };
  expectedRecords?: Record<string, Record<string, unknown>[]>;
  expectedCounts?: Record<string, number>;
  /** Dotted paths that must not exist in the JSON answer. */
  absentPaths?: string[];
  /** Maximum SOQL / SOSL / DML of the call (checked by the Apex runner only: the stand-in has no governor limits). */
  budget?: Record<string, number>;
}

/** Reads the vector file; throws naming it when it has another shape. */
export function loadRoutingVectors(file: string = ROUTING_VECTOR_FILE): RoutingVector[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { endpoint?: unknown; vectors?: unknown };
  if (doc.endpoint !== 'crmRouting' || !Array.isArray(doc.vectors))
    throw new Error(`${file}: expected {endpoint: "crmRouting", vectors}`);
  return doc.vectors as RoutingVector[];
}

/**
 * Runs one vector in a fresh org with the Apex runner's rules: records inserted as the vector's user (rule, rows,
 * secret entry and earlier audit records are records too), the request answered by the org's CRM routing endpoint
 * running as that user, ids replaced by `@ref:` names, `status`, `contentType` and `body` compared exactly, `headers`
 * and `json` by subset, then `expectedRecords`, `expectedCounts` and `absentPaths`. With `namespace`, the org stores
 * the package's fields as `<ns>__Name__c` and the vector's records and expected rows are written and compared under
 * those names, as the softphone's vectors are (`runVector`).
 * @returns the differences (empty when the vector passes)
 */
export function runRoutingVector(vector: RoutingVector, options: RunVectorOptions = {}): string[] {
  const org = new OrgStandIn({ namespace: options.namespace });
  const user = org.users[vector.runAs];
  if (!user) throw new Error(`${vector.id}: unknown runAs ${String(vector.runAs)}`);
  const refs = insertVectorRecords(org, { id: vector.id, records: vector.records }, user.Id);
  const request = resolveRefs(vector.request, refs, vector.id) as RoutingVector['request'];
  const reply = org.crmRouting.handle(
    {
      method: request.method,
      path: request.path,
      params: request.params,
      headers: request.headers,
      body: request.body === null ? null : Buffer.from(request.body, 'utf8'),
      remoteAddress: '203.0.113.7',
    },
    user.Id,
  );
  const names = refNames(refs);
  const mismatches: string[] = [];
  const expected = vector.expected;
  if (reply.status !== expected.status)
    mismatches.push(`status: expected ${expected.status}, got ${reply.status} (${reply.body.slice(0, 200)})`);
  if (expected.contentType !== undefined && reply.contentType !== expected.contentType)
    mismatches.push(`contentType: expected ${expected.contentType}, got ${reply.contentType}`);
  mismatches.push(...subsetMismatches(expected.headers ?? {}, reply.headers, 'headers'));
  if (expected.body !== undefined && reply.body !== expected.body)
    mismatches.push(`body: expected ${JSON.stringify(expected.body)}, got ${JSON.stringify(reply.body)}`);
  const json: unknown = reply.contentType.startsWith('application/json')
    ? replaceIds(JSON.parse(reply.body), names)
    : null;
  if (expected.json !== undefined) mismatches.push(...subsetMismatches(expected.json, json, 'json'));
  for (const path of vector.absentPaths ?? [])
    if (hasPath(json, path)) mismatches.push(`absentPaths: ${path} is present`);
  mismatches.push(...storedRecordMismatches(org, vector, names));
  return mismatches;
}
