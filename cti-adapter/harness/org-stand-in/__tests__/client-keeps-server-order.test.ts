import type { CrmMatch } from '../../../src/core/crm/crm-record';
import { settle } from '../../../src/core/__tests__/support/fake-clock';
import { startEngine, viewOf } from '../../../src/core/engine/__tests__/engine-harness';
import { findVector } from '../contract-vectors';
import { runVector } from '../vector-runner';

// One source per rule: the server's match order (contract vector `match-same-timestamp-newest-id-first`, run by the
// Apex contract tests and by this stand-in) is the order the softphone shows. The engine is fed the stand-in's real
// answer to the vector and must keep it exactly (issue: the client used to re-sort ids ascending).

interface MatchResponse {
  results: { e164: string; matches: CrmMatch[] }[];
}

describe('client = server: the softphone keeps the contract order of matches', () => {
  it('shows same-timestamp records ids descending, then the Lead, exactly as the vector expects', async () => {
    const vector = findVector('SoftphoneVectorsMatch.json', 'match-same-timestamp-newest-id-first');
    const outcome = runVector('matchNumbers', vector);
    expect(outcome.mismatches).toEqual([]);
    const [result] = (outcome.actual as MatchResponse).results;
    const serverOrder = (result?.matches ?? []).map((m) => m.id);
    const expectedOrder = (vector.expected as MatchResponse).results[0]?.matches.map((m) => m.id);
    expect(serverOrder).toEqual(expectedOrder);

    const { engine, telephony, crm } = await startEngine();
    crm.setMatches(result?.e164 ?? '', result?.matches ?? []);
    const callId = telephony.ring({ from: result?.e164 ?? '' });
    await settle();
    expect(viewOf(engine, callId).matches.map((m) => m.id)).toEqual(serverOrder);
  });
});
