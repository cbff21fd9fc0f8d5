import type { Clock } from '../../core/ports/clock';
import type { TelephonyEventMap } from '../../core/ports/telephony-port';
import { recordingContentUri } from '../rest/media-entry-point';
import type { CallSessionLike } from './web-phone-types';
import { withTimeout } from '../../core/support/with-timeout';
import { ReasonError } from '../../core/engine/notices';

/** The `recording` event of the port without its `callId`. @public */
export type RecordingChange = Omit<TelephonyEventMap['recording'], 'callId'>;

/**
 * Starts or stops the recording of a web-phone call: JSON INFO `startcallrecord` / `stopcallrecord` on the call's
 * dialog (ringcentral-web-phone 2.5.4 `CallSession.startRecording`), whose `result.code` 0 means done. Resolves with
 * the change to report: the recording id the platform gave and its content link
 * (`/restapi/v1.0/account/~/recording/{recordingId}/content`, RingCentral REST API reference, "Get Call Recording
 * Content"). Rejects when the platform refuses (its `description`) or does not answer within `timeoutMs`.
 * @public
 */
export async function requestRecording(
  session: CallSessionLike,
  start: boolean,
  options: { readonly clock: Clock; readonly timeoutMs: number; readonly mediaServer: string },
): Promise<RecordingChange> {
  const timedOut = Symbol('timeout');
  const result = await withTimeout(
    options.clock,
    start ? session.startRecording() : session.stopRecording(),
    options.timeoutMs,
    timedOut,
  );
  if (result === timedOut)
    throw new ReasonError('RECORDING_NO_ANSWER', 'RingCentral did not answer the recording request');
  if (result.code !== undefined && result.code !== 0) {
    throw result.description
      ? new Error(result.description)
      : new ReasonError('RECORDING_REFUSED', `Recording request refused (code ${result.code})`);
  }
  const recordingId = typeof result.recordingId === 'string' ? result.recordingId : null;
  return {
    active: start,
    recordingId,
    recordingUrl: recordingId ? recordingContentUri(options.mediaServer, recordingId) : null,
  };
}
