import type { CallLog } from '../src/core/call-log/call-log';

/**
 * A call log as the softphone sends it (an agent's log of an answered inbound call from Ann Lee), with `partial` over
 * it. The one sample of a call log: the engine's unit tests and `npm run bench`'s backlog seed (`backlogLogs`) start
 * from it.
 */
export function sampleCallLog(partial: Partial<CallLog> = {}): CallLog {
  return {
    telephonySessionId: 's-1',
    callUuid: null,
    source: 'agent',
    direction: 'inbound',
    fromNumber: '+16505550101',
    toNumber: '+16505550100',
    fromName: 'Ann Lee',
    toName: null,
    fromLocation: null,
    toLocation: null,
    startTime: '2026-11-21T10:00:00.000Z',
    endTime: '2026-11-21T10:01:00.000Z',
    durationSeconds: 60,
    result: 'Accepted',
    subject: 'Inbound call from Ann Lee',
    notes: null,
    disposition: null,
    whoId: null,
    whatId: null,
    recordingUrl: null,
    recordingId: null,
    fields: null,
    ...partial,
  };
}
