import type { CallHistoryRecord } from '../ports/call-history-port';

/**
 * The final outcome of a call queue call this agent did not take (ADR 0025):
 * - `answered`: a member took it (an inbound leg of the call is `Accepted`), so it is that member's to log — the seed
 *   `004_7d3109e70c064dca.txt` ("Why are missed call queue calls not logged"): logging it here too would make two
 *   records of one call;
 * - `missed-by-all`: the call ended and no inbound leg was accepted (the queue sent it to voicemail, or the caller
 *   hung up while it rang every member): logged once for the queue;
 * - `unknown`: RingCentral has not written the agent's record of the session yet (it does when the whole call ends),
 *   or the record has no legs to tell.
 * @public
 */
export type QueueCallOutcome = 'answered' | 'missed-by-all' | 'unknown';

/** RingCentral call-log results of a leg a person (or device) answered (RingCentral API Reference, "Call Log"). */
const ACCEPTED_RESULTS: readonly string[] = ['Accepted', 'Call connected'];

/**
 * The outcome of a call queue call from the agent's call-log record of its telephony session (detailed view).
 * Inbound legs only: the caller's own (outbound) leg is "Call connected" as soon as the queue's voicemail greets it.
 * @param record the agent's record of the session (`CallHistoryPort.finalRecord`), `null` when none is written yet
 * @public
 */
export function queueCallOutcome(record: CallHistoryRecord | null): QueueCallOutcome {
  if (!record?.legs || record.legs.length === 0) return 'unknown';
  const inbound = record.legs.filter((leg) => leg.direction === 'Inbound');
  return inbound.some((leg) => ACCEPTED_RESULTS.includes(leg.result)) ? 'answered' : 'missed-by-all';
}
