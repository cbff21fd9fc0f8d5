import type { Clock } from '../../core/ports/clock';
import type { TelephonyStatus } from '../../core/ports/telephony-port';
import { RingCentralApiError } from '../rest/ringcentral-api-error';
import type { SipInfo, WebPhoneLike } from './web-phone-types';
import { withTimeout } from '../../core/support/with-timeout';

/**
 * What the web phone's registration does when a start fails (a lazy chunk: loaded only then, so the first paint does
 * not carry it): the backup outbound proxy, and the status a failure shows.
 */

/**
 * `sip-provision`'s `sipErrorCodes` when it lists none: the SIP answers to REGISTER that mean "this proxy failed"
 * (RingCentral API Reference "Register SIP Device", response field `sipErrorCodes`).
 */
const DEFAULT_SIP_ERROR_CODES: readonly string[] = ['408', '502', '503', '504'];

/** The three-digit codes of `sip-provision`'s `sipErrorCodes`, or the defaults when it gave no list. */
export function sipErrorCodes(provided: unknown): readonly string[] {
  if (!Array.isArray(provided)) return DEFAULT_SIP_ERROR_CODES;
  return provided.map(String).filter((code) => /^\d{3}$/.test(code));
}

/**
 * Whether a failed start on `outboundProxy` means the proxy failed: the socket was refused or dropped (the library
 * rejects with the WebSocket's `error` event), the start timed out, or REGISTER was answered with one of
 * `sipErrorCodes`. A refusal of the credentials or the account (401, 403, 603…) is not a proxy failure.
 */
export function isProxyFailure(error: unknown, codes: readonly string[]): boolean {
  const message = error instanceof Error ? error.message : String(error);
  const answered = /^Registration failed: SIP\/2\.0 (\d{3})\b/.exec(message);
  if (answered) return codes.includes(answered[1]!);
  if (/^Registration failed/.test(message)) return false;
  return !(error instanceof RingCentralApiError) || error.transient;
}

/**
 * After `phone` failed to start on the primary outbound proxy: starts it again at once on `sipInfo.outboundProxyBackup`
 * through the library's own switch (ringcentral-web-phone README, "switch to backup outbound proxy":
 * `sipClient.toggleBackupOutboundProxy(true)`, then `start()` opens a new socket to the backup), when the failure is
 * the proxy's ({@link isProxyFailure}), a backup different from the primary is provisioned and the library has the
 * switch. Otherwise rethrows `failure`.
 * @param codes `sip-provision`'s `sipErrorCodes` as received.
 * @param options the clock, and the longest wait for the start (`registerTimeoutMs`, default 10 s).
 * @throws `failure` when the backup does not apply; the backup's own failure otherwise.
 * @public
 */
export async function startOnBackupProxy(
  phone: WebPhoneLike,
  failure: unknown,
  sipInfo: SipInfo,
  codes: unknown,
  options: { readonly clock: Clock; readonly registerTimeoutMs?: number },
): Promise<void> {
  const client = phone.sipClient;
  const backup = sipInfo.outboundProxyBackup;
  if (!client.toggleBackupOutboundProxy || !backup || backup === sipInfo.outboundProxy) throw failure;
  if (!isProxyFailure(failure, sipErrorCodes(codes))) throw failure;
  // A REGISTER that timed out may have left the primary's socket open.
  client.wsc?.close?.();
  client.toggleBackupOutboundProxy(true);
  const timedOut = Symbol('timeout');
  const outcome = await withTimeout(options.clock, phone.start(), options.registerTimeoutMs ?? 10_000, timedOut);
  if (outcome === timedOut) throw new RingCentralApiError('SIP registration timed out on the backup proxy', null);
}

/**
 * The status a failed provisioning or start shows: 603 on REGISTER = `too-many-registrations` (RingCentral's limit of
 * 5 web phones per user); a 401 from the REST API = `logged-out`; a refused REGISTER or provisioning =
 * `registration-failed`; anything else (no socket, timeout, no response, 429, 5xx) = `network`, which the caller
 * retries with backoff.
 * @public
 */
export function registrationFailureStatus(error: unknown): TelephonyStatus {
  const message = error instanceof Error ? error.message : String(error);
  if (/Registration failed: SIP\/2\.0 603\b/.test(message)) {
    return {
      state: 'unavailable',
      reason: 'too-many-registrations',
      detail:
        'RingCentral allows 5 web phones per user. Close other softphone tabs or RingCentral apps, then retry. ' +
        `(${message})`,
    };
  }
  if (error instanceof RingCentralApiError && error.status === 401) {
    return { state: 'unavailable', reason: 'logged-out', detail: message };
  }
  const transient = error instanceof RingCentralApiError ? error.transient : !/^Registration failed/.test(message);
  return { state: 'unavailable', reason: transient ? 'network' : 'registration-failed', detail: message };
}
