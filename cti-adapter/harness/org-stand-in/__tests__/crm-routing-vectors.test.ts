import { loadRoutingVectors, runRoutingVector } from '../crm-routing/routing-vector-runner';

/**
 * The CRM routing contract vectors against the org stand-in's endpoint; the Apex test CrmRoutingContractVectors_Tests
 * runs the same file against the package (docs/contracts/crm-routing.md, "Contract vectors").
 */
const vectors = loadRoutingVectors();

describe('CRM routing contract vectors (org stand-in)', () => {
  it('has vectors with unique ids', () => {
    expect(vectors.length).toBeGreaterThan(20);
    expect(new Set(vectors.map((v) => v.id)).size).toBe(vectors.length);
  });

  it('reports a vector the endpoint does not satisfy (the runner can fail)', () => {
    const gold = vectors.find((v) => v.id === 'value-text-gold')!;
    const wrong = {
      ...gold,
      expected: { ...gold.expected, body: 'SILVER' },
      expectedCounts: { CRM_Routing_Request__c: 2 },
    };
    expect(runRoutingVector(wrong)).toEqual([
      'body: expected "SILVER", got "GOLD"',
      'expectedCounts.CRM_Routing_Request__c: 1 rows ≠ expected 2',
    ]);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    expect(runRoutingVector(vector)).toEqual([]);
  });
});

// A managed package's subscriber org stores the package's fields as rcsp__Name__c; the endpoint and its URL path rule
// (an optional namespace segment) must not change what the PBX gets.
describe('CRM routing contract vectors (org stand-in with the namespace rcsp)', () => {
  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    expect(runRoutingVector(vector, { namespace: 'rcsp' })).toEqual([]);
  });

  it('reads the rule and writes the audit record under the namespaced field names', () => {
    const gold = vectors.find((v) => v.id === 'value-text-gold')!;
    const stored = { ...gold, expectedRecords: { CRM_Routing_Request__c: [{ rcsp__Outcome__c: 'OK' }] } };
    expect(runRoutingVector(stored, { namespace: 'rcsp' })).toEqual([]);
    expect(runRoutingVector(stored)).toHaveLength(1);
  });
});
