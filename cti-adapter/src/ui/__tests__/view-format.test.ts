import { matchStatusText } from '../view-format';
import { STONES, contactMatch } from '../softphone/__tests__/support/softphone-fixtures';

describe('matchStatusText', () => {
  it('tells the lookup in progress, retried after a transient failure, and given up', () => {
    expect(matchStatusText({ matchStatus: 'pending', matches: [] })).toBe('Looking up the caller…');
    expect(matchStatusText({ matchStatus: 'retrying', matches: [] })).toBe(
      'Salesforce did not answer; looking up the caller again…',
    );
    expect(matchStatusText({ matchStatus: 'failed', matches: [] })).toBe(
      'Salesforce could not be searched for this number.',
    );
  });

  it('counts several matches, says when none matched, and leaves a single match to the card', () => {
    expect(matchStatusText({ matchStatus: 'done', matches: STONES })).toBe('2 records match this number');
    expect(matchStatusText({ matchStatus: 'done', matches: [] })).toBe('No matching record in Salesforce.');
    expect(matchStatusText({ matchStatus: 'skipped', matches: [] })).toBe('No matching record in Salesforce.');
    expect(matchStatusText({ matchStatus: 'done', matches: [contactMatch()] })).toBeNull();
  });

  it('tells the lookup state even when earlier matches are still known', () => {
    expect(matchStatusText({ matchStatus: 'retrying', matches: [contactMatch()] })).toBe(
      'Salesforce did not answer; looking up the caller again…',
    );
  });
});
