import { TOKEN_METHODS, type TokenMethod } from '../ringcentral-token-api';
import { REMOTE_METHODS } from '../softphone-remote-api';
import { loadVectorFiles, runTokenVector, runVector, subsetMismatches, type VectorFile } from '../vector-runner';

// The vector files (unpackaged test data of the Salesforce project) are the contract shared with the Apex tests.
const files: VectorFile[] = loadVectorFiles();
const isToken = (endpoint: string): endpoint is TokenMethod => (TOKEN_METHODS as readonly string[]).includes(endpoint);
const cases = files
  .filter((f) => !isToken(f.endpoint))
  .flatMap((f) => f.vectors.map((v) => [`${f.file} ${v.id}`, f.endpoint, v] as const));
const tokenCases = files.flatMap((f) =>
  isToken(f.endpoint) ? f.vectors.map((v) => [`${f.file} ${v.id}`, f.endpoint as TokenMethod, v] as const) : [],
);

describe('contract vectors against the org stand-in', () => {
  it('finds the vector file of every endpoint', () => {
    expect(new Set(files.map((f) => f.endpoint))).toEqual(new Set([...REMOTE_METHODS, ...TOKEN_METHODS]));
  });

  it.each(cases)('%s', (_name, endpoint, vector) => {
    const outcome = runVector(endpoint, vector);
    expect(outcome.mismatches).toEqual([]);
  });

  it.each(tokenCases)('%s', async (_name, endpoint, vector) => {
    const outcome = await runTokenVector(endpoint, vector);
    expect(outcome.mismatches).toEqual([]);
  });
});

describe('token vector runner', () => {
  const refresh = files.find((f) => f.endpoint === 'refreshRingCentralToken')!;
  const reuse = refresh.vectors.find((v) => v.id === 'refresh-reuses-a-fresh-access-token')!;

  it('fails a vector whose callouts, leaked texts or expectations the stand-in does not meet', async () => {
    expect((await runTokenVector('refreshRingCentralToken', reuse)).mismatches).toEqual([]);
    const forced = { ...reuse, request: { sealed: '@sealed', force: true } };
    const mismatches = (await runTokenVector('refreshRingCentralToken', forced)).mismatches;
    expect(mismatches.some((m) => m.startsWith('callouts:'))).toBe(true);
    const leak = { ...reuse, absentTexts: ['a-1'] };
    expect((await runTokenVector('refreshRingCentralToken', leak)).mismatches).toEqual([
      'absentTexts: the response contains a-1',
    ]);
  });
});

// A managed package's subscriber org stores the package's fields as rcsp__Name__c; the wire must not change.
describe('contract vectors against the org stand-in with the namespace rcsp', () => {
  it.each(cases)('%s', (_name, endpoint, vector) => {
    const outcome = runVector(endpoint, vector, { namespace: 'rcsp' });
    expect(outcome.mismatches).toEqual([]);
  });

  it.each(tokenCases)('%s', async (_name, endpoint, vector) => {
    const outcome = await runTokenVector(endpoint, vector, { namespace: 'rcsp' });
    expect(outcome.mismatches).toEqual([]);
  });

  it('stores the package fields under their namespaced names', () => {
    const file = files.find((f) => f.endpoint === 'upsertCallLogs')!;
    const vector = file.vectors.find((v) => v.id === 'upsert-create-inbound-call')!;
    const outcome = runVector(file.endpoint, vector, { namespace: 'rcsp' });
    expect(outcome.mismatches).toEqual([]);
    const stored = { ...vector, expectedRecords: { Task: [{ rcsp__telephony_session_id__c: 's-1001' }] } };
    expect(runVector(file.endpoint, stored, { namespace: 'rcsp' }).mismatches).toEqual([]);
    expect(runVector(file.endpoint, stored).mismatches).toHaveLength(1);
    const wireNamed = { ...vector, expectedRecords: { Task: [{ CALL_UNIQUE_ID__c: 's-1001:@ref:runAs' }] } };
    expect(runVector(file.endpoint, wireNamed, { namespace: 'rcsp' }).mismatches).toEqual([]);
    const wrongPrefix = { ...vector, expectedRecords: { Task: [{ other__CALL_UNIQUE_ID__c: '<any>' }] } };
    expect(runVector(file.endpoint, wrongPrefix, { namespace: 'rcsp' }).mismatches).toHaveLength(1);
  });
});

describe('subset comparison', () => {
  it('ignores keys absent from expected and accepts <any> for non-null values', () => {
    expect(subsetMismatches({ a: 1, b: '<any>' }, { a: 1, b: 'x', c: 3 }, '')).toEqual([]);
  });

  it('rejects null for <any>, different array lengths and different values', () => {
    expect(subsetMismatches({ b: '<any>' }, { b: null }, '')).toHaveLength(1);
    expect(subsetMismatches([1, 2], [1], '')).toHaveLength(1);
    expect(subsetMismatches({ a: { b: [1, 2] } }, { a: { b: [1, 3] } }, '')).toEqual(['a.b[1]: expected 2, got 3']);
  });

  it('fails a vector whose expectation the stand-in does not meet', () => {
    const file = files.find((f) => f.endpoint === 'matchNumbers')!;
    const vector = file.vectors.find((v) => v.id === 'match-contact-national-format')!;
    expect(runVector(file.endpoint, vector).mismatches).toEqual([]);
    const wrong = { ...vector, expected: { ok: true, results: [{ matches: [] }] } };
    expect(runVector(file.endpoint, wrong).mismatches).not.toEqual([]);
  });
});
