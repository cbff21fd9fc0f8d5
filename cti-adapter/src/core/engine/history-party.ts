import type { HistoryItem } from './softphone-state';

/**
 * Whom a call history row names, and where the name comes from (pure):
 * - `record`: a logged call, by the record the Task is logged to (the Who's name, else the What's), from
 *   `getCallLogStatus`, so the row reads as the log does ("Ann Lee", not the caller ID "LEE ANN");
 * - `callerId`: a call not logged, by the caller-ID name the RingCentral call log carries (the carrier's CNAM, not a
 *   Salesforce record: the UI labels it as caller ID);
 * - `number`: the other party's number when neither is known (also a logged call whose records the agent cannot
 *   read), else "Unknown".
 * @public
 */
export interface HistoryParty {
  readonly name: string;
  readonly source: 'record' | 'callerId' | 'number';
}

/** The name a call history row shows (see {@link HistoryParty}; pure). @public */
export function historyParty(item: HistoryItem): HistoryParty {
  const other = item.record.direction === 'Inbound' ? item.record.from : item.record.to;
  const number = other.phoneNumber?.trim() || 'Unknown';
  if (item.logged) {
    const recordName = item.logged.whoName?.trim() || item.logged.whatName?.trim();
    return recordName ? { name: recordName, source: 'record' } : { name: number, source: 'number' };
  }
  const callerId = other.name?.trim();
  return callerId ? { name: callerId, source: 'callerId' } : { name: number, source: 'number' };
}
