import type { Unsubscribe } from '../support/typed-emitter';

/**
 * A request from the console to open the text-message conversation with a number — the package's "Send SMS"
 * component on a record page (or any component of the org) published it on the Lightning Message Channel
 * `SMS_Open_Thread__c`. The number is as stored on the record (not yet E.164: the Messages tab parses it with the
 * agent's default region and shows its own error when it is not a phone number). The request carries no consent:
 * the Messages tab matches the number and applies the SMS consent rule itself.
 * @public
 */
export interface SmsThreadRequest {
  /** The number to text as the record stores it, trimmed (1–40 characters with at least 3 digits). */
  readonly number: string;
  /** The record the conversation is about (15- or 18-character id), or null. */
  readonly recordId: string | null;
  /** The record's name (≤ 255 characters, shown as text), or null. */
  readonly recordName: string | null;
  /** The record's object API name (`Contact`, `ns__Patient__c`), or null. */
  readonly objectType: string | null;
}

/** Why a message on the channel was not turned into a request (it is dropped, never half-used). @public */
export interface SmsThreadRequestRejected {
  readonly reason: string;
  /** The message as received (for the console log). */
  readonly message: unknown;
}

/**
 * Where "open SMS thread" requests come from (the Open CTI host's Lightning Message Service subscription).
 * `start()` subscribes once (a second call is a no-op); `stop()` ends the subscription. Listeners run in order.
 * @public
 */
export interface SmsThreadRequestSource {
  start(): Promise<void>;
  stop(): Promise<void>;
  onRequest(listener: (request: SmsThreadRequest) => void): Unsubscribe;
  onRejected(listener: (rejected: SmsThreadRequestRejected) => void): Unsubscribe;
}
