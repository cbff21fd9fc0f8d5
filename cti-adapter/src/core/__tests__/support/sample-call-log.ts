import type { CallLog } from '../../call-log/call-log';

/** A call log as the softphone sends it (an agent's log of an answered inbound call from Ann Lee), with `partial` over it. */
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
