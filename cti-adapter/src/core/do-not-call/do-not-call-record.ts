import type { CrmMatch } from '../crm/crm-record';

/**
 * The record that makes a number restricted by Do Not Call (ADR 0031): the chosen or clicked record alone when there
 * is one among the matches, else the first match marked Do Not Call (`CrmMatch.doNotCall`, sent while an admin turned a
 * do-not-call mode on). Pure, and small enough for the first paint: the incoming card's flag and the outbound check
 * ({@link restrictionOf}) share it.
 * @param matches the number's matches
 * @param chosenRecordId the record the agent chose or clicked, else `null`
 * @returns the restricting record, else `undefined`
 * @public
 */
export function doNotCallRecord<M extends Pick<CrmMatch, 'id' | 'doNotCall'>>(
  matches: readonly M[],
  chosenRecordId: string | null,
): M | undefined {
  const chosen = chosenRecordId ? matches.find((m) => m.id === chosenRecordId) : undefined;
  return (chosen ? [chosen] : matches).find((m) => m.doNotCall === true);
}
